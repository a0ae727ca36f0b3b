"""A reply from an audio file in the app: transcribed by the real engine and scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from trainer.speech.tts import Speaker
from trainer.tui.screens.audio_file import AudioFileScreen

pytestmark = pytest.mark.e2e


async def _ask(pilot: Any, drive: Any, path: str) -> None:
    app = pilot.app
    if not isinstance(app.screen, AudioFileScreen):
        await pilot.press("ctrl+b")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, AudioFileScreen), "ask")
    app.screen.query_one("#audio-path", Input).value = path
    await pilot.press("enter")
    await pilot.pause()


async def test_audio_file_reply_is_transcribed_and_scored(drive: Any, tmp_path: Path) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await drive.start_call(pilot)
        answer = screen.call.model_answer()
        wav = tmp_path / "reply.wav"
        Speaker().save(answer, wav, voice="en-us", rate=150)

        await _ask(pilot, drive, str(tmp_path / "nope.wav"))
        note = str(app.screen.query_one("#audio-note", Static).render())
        assert "There is no file" in note
        (tmp_path / "memo.m4a").write_bytes(b"\0" * 10)
        await _ask(pilot, drive, str(tmp_path / "memo.m4a"))
        assert "not WAV, FLAC or AIFF" in str(app.screen.query_one("#audio-note").render())
        await _ask(pilot, drive, str(wav))
        await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the reply",
                               timeout=180)
        outcome = screen.call.outcomes[0]
        assert outcome.source == "audio" and outcome.engine
        assert "offer" in outcome.reply.lower()
        assert outcome.score.checks["clear_no"].met


async def test_unreadable_audio_is_an_error_and_the_turn_stays_open(
    drive: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really audio")
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await drive.start_call(pilot)
        await _ask(pilot, drive, str(broken))
        await drive.wait_until(
            pilot, lambda: any(n.title == "Could not use that file" for n in app._notifications),
            "the error", timeout=180)
        assert screen.call.outcomes == [] and not screen.call.finished
