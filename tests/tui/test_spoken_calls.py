"""Whole calls through the TUI with spoken replies: WAVs made by espeak-ng, heard by Whisper.

The microphone is the speech layer's own listener fed from those WAV files, so
the reply takes the live path: the recruiter's line is synthesised, the listener
waits for the pause, the default offline engine transcribes, the call scores.
Only playback is replaced (there is no sound card here).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trainer.call.listening import Voice
from trainer.scenario.catalog import load_catalog
from trainer.sessions.store import SessionStore
from trainer.speech.audio_input import ClipSource, MicListener, read_audio_file
from trainer.speech.capture import PcmSource
from trainer.speech.tts import Speaker
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.scorecard import ScorecardScreen

pytestmark = pytest.mark.e2e

SCENARIOS = ("offer-accepted-elsewhere",)


class SilentPlayback:
    """A line that takes a moment to play, as a real one does: long enough for the call
    screen to show "speaking" before it listens (an instant one could be missed between
    two refreshes)."""

    error: str | None = None
    SECONDS = 0.3

    def __init__(self) -> None:
        self._ends = time.monotonic() + self.SECONDS

    def wait(self, timeout: float | None) -> bool:
        left = self._ends - time.monotonic()
        if left > 0:
            time.sleep(left if timeout is None else min(left, timeout))
        return time.monotonic() >= self._ends

    def stop(self) -> None:
        self._ends = time.monotonic()


class SilentPlayer:
    """Stands in for the sound card only; the line is still synthesised by espeak-ng."""

    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path) -> SilentPlayback:
        self.played.append(path)
        return SilentPlayback()

    def problem(self) -> str | None:
        return None


@pytest.fixture(scope="module")
def replies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Per scenario, per turn: the model answer spoken by espeak-ng into a WAV."""
    speaker = Speaker(player=SilentPlayer())
    folder = tmp_path_factory.mktemp("spoken-replies")
    made: dict[str, dict[str, Path]] = {}
    for entry in load_catalog().valid():
        if entry.id not in SCENARIOS or entry.scenario is None:
            continue
        made[entry.id] = {}
        for turn in entry.scenario.turns:
            if turn.id in entry.scenario.main_path() and turn.model_answer:
                path = folder / f"{entry.id}-{turn.id}.wav"
                speaker.save(turn.model_answer, path, voice="en-us", rate=150)
                made[entry.id][turn.id] = path
    assert set(made) == set(SCENARIOS)
    return made


def fake_microphone(answer_for: Callable[[], Path]) -> Callable[[], PcmSource]:
    """Each time the listener opens the microphone, it hears the answer to the current turn."""
    return lambda: ClipSource(read_audio_file(answer_for()))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
async def test_spoken_model_answers_take_the_main_path(
    drive: Any, replies: dict[str, dict[str, Path]], scenario_id: str
) -> None:
    player = SilentPlayer()
    apps: list[Any] = []

    def current_answer() -> Path:
        """Called on the listener's thread when it opens the microphone."""
        screen = apps[0].screen
        assert isinstance(screen, CallScreen) and screen.call.current_turn is not None
        return replies[scenario_id][screen.call.current_turn.id]

    voice = Voice(
        speaker=Speaker(player=player),
        listener=MicListener(pause_seconds=1.0, source_factory=fake_microphone(current_answer)),
        # the clips are read faster than real time, so listening during the line would hear
        # the answer "over" it; barge-in is tested through the real stack (tests/audio)
        barge_in=False,
    )
    app = drive.typed_app(scenario_id, voice=voice)
    apps.append(app)
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        call = screen.call
        seen: set[str] = set()

        def note(phase: str) -> None:
            seen.add(phase)

        screen.watch(screen.box, "phase", note)

        async def speak(pilot: Any, call: Any) -> None:
            answered = len(call.outcomes)
            await drive.wait_until(pilot, lambda: _heard(screen, answered),
                                   "the spoken reply", timeout=120)

        taken = await drive.answer_every_turn(pilot, call, speak)
        assert taken == call.scenario.main_path()
        assert {"speaking", "listening"} <= seen
        assert len(player.played) >= len(taken)
        for outcome in call.outcomes:
            assert outcome.source == "mic" and outcome.engine
            assert outcome.audio is not None and outcome.audio.is_file()
            missed = [name for name in outcome.expected if not outcome.score.checks[name].met]
            assert not missed, f"{outcome.turn_id}: heard {outcome.reply!r}, missed {missed}"
        await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen),
                               "the scorecard")
        session = SessionStore().load(call.session_id)
        assert session.mode == "mic" and session.finished
        assert session.score is not None and session.score >= 70


def _heard(screen: CallScreen, answered: int) -> bool:
    """True once a reply has been scored (or the call is over)."""
    return len(screen.call.outcomes) > answered or screen.call.finished


async def test_line_mode_and_the_app_hear_the_same_reply_the_same_way(
    drive: Any, replies: dict[str, dict[str, Path]]
) -> None:
    """The same recording, answered in the app and in line mode: same text, same timing."""
    from trainer.cli.line_mode import LineOptions, ReplySource

    scenario = next(e.scenario for e in load_catalog().valid() if e.id == SCENARIOS[0])
    assert scenario is not None
    first = scenario.turns[0].id
    answer = replies[SCENARIOS[0]][first]

    def voice() -> Voice:
        microphone = fake_microphone(lambda: answer)
        return Voice(listener=MicListener(pause_seconds=1.0, source_factory=microphone))

    in_line_mode = ReplySource(voice(), LineOptions(mic=True), scenario, lambda _line: None).next()
    assert in_line_mode is not None

    app = drive.typed_app(SCENARIOS[0], voice=voice())
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.wait_until(pilot, lambda: bool(screen.call.outcomes), "the reply", 120)
        in_app = screen.call.outcomes[0]
    assert in_app.source == in_line_mode.source == "mic"
    assert in_app.reply == in_line_mode.text
    assert in_app.engine == in_line_mode.engine
    assert in_app.timing == in_line_mode.timing
    assert in_app.timing is not None and in_app.timing.response_delay is not None
