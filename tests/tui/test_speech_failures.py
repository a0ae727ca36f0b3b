"""Every speech-layer failure becomes a notice with a way forward, and the call goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trainer.call.listening import Voice
from trainer.errors import TrainerError
from trainer.speech.audio_input import NoSpeechError
from trainer.speech.tts import Speaker
from trainer.tui.screens.call import CallScreen

SCENARIO = "offer-accepted-elsewhere"


class FailedPlayback:
    error = "aplay: main:850: audio open error: No such file or directory"

    def wait(self, timeout: float | None) -> bool:
        return True

    def stop(self) -> None:
        pass


class NoSoundCard:
    def play(self, path: Path) -> FailedPlayback:
        return FailedPlayback()

    def problem(self) -> str | None:
        return FailedPlayback.error


class BrokenMicrophone:
    """A listener whose every attempt fails the way the real one reports it."""

    pause_seconds = 2.0

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.attempts = 0

    def listen(self, **options: Any) -> Any:
        self.attempts += 1
        raise self.error


class UnusedEngine:
    name = "unused"

    def transcribe(self, audio: Any, *, vocabulary: Any = ()) -> Any:
        raise AssertionError("nothing was recorded, so nothing should be transcribed")


def notices(app: Any) -> str:
    return " | ".join(f"{n.title}: {n.message}" for n in app._notifications)


async def _answer_typed_after_failure(drive: Any, pilot: Any, screen: CallScreen) -> None:
    await drive.wait_until(pilot, lambda: screen.box.phase == "your_turn", "the typed fallback")
    answer = screen.call.model_answer()
    assert answer
    await drive.type_reply(pilot, answer)
    await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the reply")
    assert screen.call.outcomes[0].source == "typed"


async def test_a_silent_speaker_shows_the_line_and_lets_the_user_answer(drive: Any) -> None:
    app = drive.typed_app(SCENARIO, voice=Voice(speaker=Speaker(player=NoSoundCard())))
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.wait_until(pilot, lambda: "voice" in notices(app), "the notice")
        assert "Could not play the recruiter's voice" in notices(app)
        assert "audio open error" in notices(app) and "ctrl+l" in notices(app)
        await _answer_typed_after_failure(drive, pilot, screen)


@pytest.mark.parametrize("error", [
    NoSpeechError("no speech was heard in 20 s. Check the microphone level"),
    TrainerError("the microphone sent no sound for 3 s; it may have been unplugged"),
])
async def test_a_failed_recording_offers_retry_typing_or_skipping(
    drive: Any, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    monkeypatch.setattr(Voice, "engine", lambda self: UnusedEngine())
    microphone = BrokenMicrophone(error)
    app = drive.typed_app(SCENARIO, voice=Voice(listener=microphone))  # type: ignore[arg-type]
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.wait_until(pilot, lambda: "hear your reply" in notices(app), "the notice")
        told = notices(app)
        assert str(error).split(".")[0] in told
        for way in ("Type your reply", "ctrl+l", "ctrl+n", "ctrl+t"):
            assert way in told
        await pilot.press("ctrl+l")  # retry: the line again, then listening again
        await drive.wait_until(pilot, lambda: microphone.attempts == 2, "a second attempt")
        await _answer_typed_after_failure(drive, pilot, screen)


async def test_skipping_a_turn_scores_it_as_missed(
    drive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Voice, "engine", lambda self: UnusedEngine())
    microphone = BrokenMicrophone(NoSpeechError("no speech was heard in 20 s"))
    app = drive.typed_app(SCENARIO, voice=Voice(listener=microphone))  # type: ignore[arg-type]
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.wait_until(pilot, lambda: screen.box.phase == "your_turn", "the fallback")
        await pilot.press("ctrl+n")
        await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the skip")
        outcome = screen.call.outcomes[0]
        assert outcome.reply == "" and not outcome.score.checks["clear_no"].met


async def test_a_transcriber_that_cannot_load_switches_to_typing(
    drive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_load(self: Voice) -> Any:
        raise TrainerError("unknown speech engine 'wisper'; choose one of faster-whisper, ...")

    monkeypatch.setattr(Voice, "engine", cannot_load)
    microphone = BrokenMicrophone(AssertionError("the microphone should not be opened"))
    app = drive.typed_app(SCENARIO, voice=Voice(listener=microphone))  # type: ignore[arg-type]
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.wait_until(pilot, lambda: screen.box.typing, "typing mode")
        assert "Speech recognition is unavailable" in notices(app)
        assert "wisper" in notices(app)
        await drive.wait_until(pilot, lambda: screen.box.phase == "your_turn", "your turn")
