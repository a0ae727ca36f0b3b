"""The real audio stack for the tests in this folder: a private PulseAudio per test.

Where the server cannot start (no pulseaudio installed, a sandbox without unix
sockets) the tests skip and say why - except on CI (``CI`` set), where the stack
is part of the contract and a failure to start is an error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from line_call import SCENARIO
from virtual_stack import RATE, StackUnavailable, VirtualAudio, on_ci

from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.speech.audio import AudioClip
from trainer.speech.audio_input import read_audio_file
from trainer.speech.tts import Speaker


@pytest.fixture
def audio_stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[VirtualAudio]:
    """A private sound server; this process and its children are pointed at it."""
    try:
        stack = VirtualAudio().start()
    except StackUnavailable as exc:
        if on_ci():
            pytest.fail(f"the audio stack must run on CI: {exc}")
        pytest.skip(f"no private sound server here: {exc}")
    for key in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_STATE_PATH", "PULSE_SERVER",
                "PULSE_COOKIE", "JACK_NO_START_SERVER"):
        monkeypatch.setenv(key, stack.env[key])
    yield stack
    stack.stop()


def at_mic_rate(clip: AudioClip) -> np.ndarray:
    """``clip`` resampled to the microphone's 16 kHz (linear: plenty for speech)."""
    if clip.rate == RATE:
        return clip.samples
    count = round(len(clip.samples) * RATE / clip.rate)
    positions = np.arange(count) * clip.rate / RATE
    return np.interp(positions, np.arange(len(clip.samples)), clip.samples).astype(np.float32)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    entry = next(e for e in load_catalog().valid() if e.id == SCENARIO)
    assert entry.scenario is not None
    return entry.scenario


@pytest.fixture(scope="session")
def spoken_answers(
    scenario: Scenario, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, np.ndarray]:
    """Per turn: the model answer spoken by espeak-ng, as 16 kHz samples for the microphone."""
    speaker = Speaker()
    folder = tmp_path_factory.mktemp("spoken-answers")
    answers: dict[str, np.ndarray] = {}
    for turn in scenario.turns:
        if turn.model_answer:
            path = speaker.save(turn.model_answer, folder / f"{turn.id}.wav", voice="en-us",
                                rate=160)
            answers[turn.id] = at_mic_rate(read_audio_file(path))
    return answers
