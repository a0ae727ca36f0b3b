"""The user's answer to one recruiter line, however it was made.

Typed, spoken into the microphone or read from an audio file, a reply reaches
the call as this one value, so the app and the line mode hand the call the same
thing and the call saves the same fields whichever way the user answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.scoring.result import ReplyTiming


@dataclass(frozen=True)
class Reply:
    text: str
    source: str = "typed"
    """``typed``, ``mic`` or ``audio`` (a file)."""
    engine: str | None = None
    """The speech engine that transcribed it, for a spoken reply."""
    audio: Path | None = None
    """The recording, kept with the session."""
    timing: ReplyTiming | None = None
    """Response delay, length and word times of a spoken reply."""
