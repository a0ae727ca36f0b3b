"""Whole line-mode calls with ``--mic`` through a real sound server, as a user makes them."""

from __future__ import annotations

import time

import numpy as np
import pytest
from line_call import SCENARIO, LineCall
from virtual_stack import VirtualAudio

from trainer.sessions.model import Session
from trainer.sessions.store import SessionStore

pytestmark = pytest.mark.e2e

THINK = 0.6
"""Seconds the 'user' waits after the prompt before speaking."""


def speak(stack: VirtualAudio, samples: np.ndarray) -> None:
    assert stack.feeder is not None
    time.sleep(THINK)
    stack.feeder.say(samples)


def test_a_whole_call_spoken_into_the_microphone(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray]
) -> None:
    call = LineCall(SCENARIO, "--mute")
    spoken = 0
    while (line := call.next_line()) is not None:
        if line.startswith("(listening"):
            assert call.turn is not None
            speak(audio_stack, spoken_answers[call.turn])
            spoken += 1
    assert call.process.wait(timeout=30) == 0, call.output
    assert call.noise() == [], call.output
    assert "notice:" not in call.output
    session = only_session()
    assert session.finished and len(session.turns) == spoken >= 3
    for turn in session.turns:
        assert turn.source == "mic" and turn.engine
        assert turn.timing is not None and turn.timing.response_delay is not None
        # the feeder starts THINK s after the line ends; on a loaded machine it may start up to
        # ~2 s late, far less than a recruiter's line, which a wrong measure would include
        assert THINK - 0.1 <= turn.timing.response_delay <= THINK + 2.5
        assert turn.checks, turn
    assert session.score is not None and session.score >= 70, call.output


def only_session() -> Session:
    found = SessionStore().list().sessions
    assert len(found) == 1, found
    return SessionStore().load(found[0].session_id)


def _answer_then(
    call: LineCall, stack: VirtualAudio, answers: dict[str, np.ndarray], *, after_first: str
) -> list[str]:
    """Speak the first reply; then break the microphone (``after_first``) and type the rest."""
    notices: list[str] = []
    spoken = 0
    while (line := call.next_line()) is not None:
        if line.startswith("(listening"):
            assert call.turn is not None
            speak(stack, answers[call.turn])
            spoken += 1
        elif line.startswith("You:") and spoken == 1 and not notices:
            time.sleep(0.3)
            if after_first == "unload":
                stack.unload_microphone()
            elif after_first == "kill":
                stack.kill_server()
            elif after_first == "mute":
                assert stack.feeder is not None
                stack.feeder.mute()
        elif line.startswith("notice:") and "Type this reply" in line:
            notices.append(line)
            call.type("Thank you, I have decided to accept another offer closer to home.")
            if after_first == "mute" and len(notices) == 1:
                assert stack.feeder is not None
                stack.feeder.mute(False)  # the microphone comes back for the next reply
    return notices


@pytest.mark.parametrize("breakage", ["unload", "kill"])
def test_microphone_lost_mid_call_goes_on_typed_and_keeps_earlier_turns(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray], breakage: str
) -> None:
    call = LineCall(SCENARIO, "--mute", timeout=240)
    notices = _answer_then(call, audio_stack, spoken_answers, after_first=breakage)
    assert call.process.wait(timeout=30) == 0, call.output
    assert call.noise() == [], call.output
    assert notices, call.output
    assert "microphone" in notices[0].lower() or "sound server" in notices[0].lower()
    session = only_session()
    assert session.finished
    assert session.turns[0].source == "mic"
    assert [t.source for t in session.turns[1:]] == ["typed"] * (len(session.turns) - 1)
    assert len(session.turns) >= 2


def test_a_silent_microphone_is_noticed_and_tried_again(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray]
) -> None:
    call = LineCall(SCENARIO, "--mute", timeout=240)
    notices = _answer_then(call, audio_stack, spoken_answers, after_first="mute")
    assert call.process.wait(timeout=30) == 0, call.output
    assert len(notices) == 1 and "sent no sound" in notices[0], call.output
    assert "tried again" in notices[0]
    session = only_session()
    sources = [t.source for t in session.turns]
    # spoken, typed while the microphone was silent, then spoken again once it was back
    assert sources[:2] == ["mic", "typed"] and "mic" in sources[2:], sources
