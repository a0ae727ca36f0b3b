"""Fuzzy phrase search over what a person said, with character offsets.

Replies are often what a speech recogniser made of them (lower case, no
punctuation, misheard words), so phrases are compared word-window by
word-window with rapidfuzz rather than by exact substring, and every match
keeps the offsets of the original text so the UI can highlight it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    text: str
    """Lower-cased word, apostrophes kept ("won't")."""
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    score: float
    phrase: str


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with their character spans in the original string."""
    normalised = text.replace("\u2019", "'").replace("\u2018", "'")
    return [Token(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(normalised)]


def normalise(text: str) -> str:
    return " ".join(token.text for token in tokenize(text))


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokenize(phrase))


def find_phrase(
    text: str,
    phrase: str,
    threshold: float = 85.0,
    tokens: list[Token] | None = None,
) -> Match | None:
    """The best window of ``text`` that matches ``phrase`` at ``threshold`` or above.

    Windows one word shorter and longer than the phrase are tried too, so a
    dropped or inserted word ("I won't be accepting the offer" vs "I won't
    accept the offer") still matches.
    """
    tokens = tokenize(text) if tokens is None else tokens
    found = find_words(text, tokens, _phrase_words(phrase), threshold, phrase)
    return found[0] if found else None


def find_words(
    text: str, tokens: list[Token], words: tuple[str, ...], threshold: float, phrase: str
) -> tuple[Match, int] | None:
    """The best window of ``tokens`` (words of ``text``) for the phrase ``words``, and the
    index of its first token; ``phrase`` is what the match reports it stands for."""
    if not words:
        return None
    target = " ".join(words)
    best: tuple[Match, int] | None = None
    n = len(words)
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(0, max(0, len(tokens) - size) + 1):
            window = tokens[i : i + size]
            if not window:
                continue
            candidate = " ".join(t.text for t in window)
            score = fuzz.ratio(candidate, target, score_cutoff=threshold)
            if score and (best is None or score > best[0].score):
                start, end = window[0].start, window[-1].end
                best = (Match(start, end, text[start:end], float(score), phrase), i)
    return best


def find_any(
    text: str, phrases: list[str] | tuple[str, ...], threshold: float = 85.0
) -> Match | None:
    """The best match of any of ``phrases`` in ``text``."""
    tokens = tokenize(text)
    best: Match | None = None
    for phrase in phrases:
        match = find_phrase(text, phrase, threshold, tokens)
        if match and (best is None or match.score > best.score):
            best = match
    return best
