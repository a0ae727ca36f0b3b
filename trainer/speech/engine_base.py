"""What a speech-to-text engine is: the interface every ``engine_*`` module implements.

Kept apart from :mod:`trainer.speech.stt` (the registry that picks and loads an
engine) so that the engines depend on this small module only, never on the
registry that imports them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import speech_recognition as sr

from trainer.speech.audio import AudioClip
from trainer.speech.name_repair import Repair

Word = tuple[str, float, float]


@dataclass(frozen=True)
class Transcript:
    """What an engine heard, with the timing the speech metrics need."""

    text: str
    engine: str
    audio_seconds: float
    seconds: float
    """Processing time."""
    words: tuple[Word, ...] = ()
    """(word, start, end) in seconds from the start of the audio, where the engine gives them."""
    first_word_at: float | None = None
    """Seconds from the start of the audio to the first word (the user's thinking time)."""
    probabilities: tuple[float, ...] = ()
    """The engine's confidence (0-1) in each of ``words``, where it gives one (Whisper does):
    a low one on a word that carries the meaning is a warning that it may be misheard."""
    repairs: tuple[Repair, ...] = ()
    """Runs of words heard as one of the call's names and written as that name
    (:mod:`trainer.speech.name_repair`): the scorecard says so."""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "engine": self.engine,
            "audio_seconds": round(self.audio_seconds, 3),
            "seconds": round(self.seconds, 3),
            "first_word_at": None if self.first_word_at is None else round(self.first_word_at, 3),
            "words": [
                {"word": word, "start": round(start, 3), "end": round(end, 3),
                 **({"probability": round(self.probabilities[i], 3)}
                    if i < len(self.probabilities) else {})}
                for i, (word, start, end) in enumerate(self.words)
            ],
            **({"repairs": [{"heard": r.heard, "name": r.name} for r in self.repairs]}
               if self.repairs else {}),
        }


class SttEngine(Protocol):
    name: str

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        """Raises TrainerError for unreadable audio or an engine failure; silence is ``""``."""
        ...


def as_clip(audio: Path | sr.AudioData) -> AudioClip:
    if isinstance(audio, Path):
        from trainer.speech.audio_input import read_audio_file

        return read_audio_file(audio)
    return AudioClip.from_audio_data(audio)


def install_command(*requirements: str) -> str:
    """The exact command that installs ``requirements`` into this trainer's Python."""
    quoted = " ".join(f"'{req}'" for req in requirements)
    return f"{sys.executable} -m pip install {quoted}"
