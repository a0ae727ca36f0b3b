"""Notices about missing sound, as one short line each, with the raw text kept for details.

The speech layer reports what went wrong in its own words (``aplay: main:831:
audio open error ...``, a pip command); a newcomer needs to know what it means
for the call first, and the raw text only when they ask.
"""

from __future__ import annotations

from dataclasses import dataclass

SHORT_WIDTH = 70


@dataclass(frozen=True)
class Notice:
    short: str
    """One line: what is missing and what the call does instead."""
    details: str
    """The speech layer's own words, shown on request."""


_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("microphone",), "No microphone: you will type your replies."),
    (("settings", "config"), "Your settings file has a problem: the defaults are used."),
    (("speech layer",), "Sound is off: lines are on screen and you type your replies."),
    (("speak", "voice", "speaker", "audio", "aplay", "tts", "piper", "espeak"),
     "No recruiter voice: the lines are shown on screen."),
)


def summarise(raw: str) -> Notice:
    """The notice as one short line (by what it is about), the raw text as its details."""
    lowered = raw.lower()
    for words, short in _KINDS:
        if any(word in lowered for word in words):
            return Notice(short, raw)
    first = raw.split(". ")[0].strip().splitlines()[0] if raw.strip() else raw
    if len(first) > SHORT_WIDTH:
        first = first[: SHORT_WIDTH - 1].rstrip() + "…"
    return Notice(first, raw)
