"""The words heard so far appear while the user speaks, and the transcript replaces them.

The microphone is the listener fed a tone at the pace of speech and the engine
a stand-in that says which pass it is (the real model and sound server are in
tests/audio/test_live_words_stack.py); this is about what the screen does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import speech_recognition as sr
from textual.widgets import Input, Static

from trainer.call.listening import Voice
from trainer.sessions.store import SessionStore
from trainer.speech.audio import AudioClip
from trainer.speech.audio_input import ClipSource, MicListener
from trainer.speech.engine_base import Transcript, as_clip

SCENARIO = "offer-accepted-elsewhere"
FINAL = "Thank you, but I have accepted another offer."
RATE = 16000


class TwoPassEngine:
    """Partials say how much they heard; the final transcript is fixed."""

    name = "two-pass"

    def __init__(self) -> None:
        self.partials = 0

    def transcribe(self, audio: Path | sr.AudioData, *,
                   vocabulary: Sequence[str] = ()) -> Transcript:
        clip = as_clip(audio)
        return Transcript(FINAL, self.name, clip.seconds, 0.01)

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        self.partials += 1
        return f"so far {self.partials}"


def spoken_tone(seconds: float) -> AudioClip:
    t = np.arange(int(seconds * RATE)) / RATE
    speech = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    return AudioClip(np.concatenate([np.zeros(RATE // 4, np.float32), speech]), RATE)


async def test_words_show_while_speaking_and_the_transcript_replaces_them(
    drive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = TwoPassEngine()
    monkeypatch.setattr(Voice, "engine", lambda self: engine)
    listener = MicListener(
        pause_seconds=1.0,
        source_factory=lambda: ClipSource(spoken_tone(3.0), realtime=True, tail_seconds=3.0),
    )
    app = drive.typed_app(SCENARIO, voice=Voice(listener=listener))
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        box = screen.box
        live = box.query_one("#live", Static)
        seen: list[tuple[str, str]] = []

        def shown() -> bool:
            if live.display:
                seen.append((box.phase, str(live.content)))
            return len(screen.call.outcomes) == 1

        await drive.wait_until(pilot, shown, "the reply")
        texts = [text for _, text in seen]
        assert len(set(texts)) >= 2, seen  # the words change as the user speaks
        # partials while speaking, then (during the closing pause) the early transcript
        assert texts[0].startswith("so far") and texts[-1] == FINAL
        assert all(text.startswith("so far") for text in texts if text != FINAL)
        assert {phase for phase, _ in seen} <= {"listening", "transcribing"}
        # in place of the reply box, which is idle while listening
        assert not box.query_one("#reply", Input).display or not live.display
        await pilot.pause()
        assert not live.display and box.words == ""
        outcome = screen.call.outcomes[0]
        assert outcome.reply == FINAL
        session = SessionStore().load(screen.call.session_id or "")
        assert [turn.reply for turn in session.turns] == [FINAL]
        assert "so far" not in json.dumps(session.to_json())
