"""One problem in a scenario file, told the way a compiler would: file, line, column, field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    """1-based."""
    column: int
    """1-based."""
    field: str
    """Dotted path of the field, e.g. ``turns[2].next[0].goto``; ``(file)`` for the whole file."""
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""`` when none is close."""
    choices = [c for c in candidates if c != word]
    if not choices:
        return ""
    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=70)
    return f"; did you mean '{best[0]}'?" if best else ""
