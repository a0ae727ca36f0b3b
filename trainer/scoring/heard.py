"""Author phrases matched against what was heard: one pipeline for every kind of item.

Built-in items read a reply as an :class:`~trainer.scoring.utterance.Utterance`
(canonical words with the sound-alike repairs: "the climb" read as "decline",
"gonna" as "going to"). Custom checklist items and branch ``contains:``
conditions read the very same words, so an author's phrase "decline" matches a
recogniser's "the climb" too, and the phrase itself is put through the same
normaliser so "will not" and "won't" meet. Matching stays fuzzy (rapidfuzz over
word windows, see :mod:`trainer.textmatch`) for what the repairs do not know.

A match that has a negation just before it ("I'm *not* going to reconsider")
does not count unless the phrase carries its own negation: the one negation
helper, :meth:`Utterance.negator_before`, decides that for every caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainer.scoring.utterance import Utterance, is_negator
from trainer.textmatch import Match, Token, find_words


@dataclass(frozen=True)
class Phrase:
    """An author's phrase, normalised the way replies are."""

    text: str
    """As written in the scenario file (shown to the author)."""
    words: tuple[str, ...]
    negated: bool
    """Whether the phrase carries its own negation ("not interested")."""


def phrase(text: str) -> Phrase:
    words = tuple(w.text for w in Utterance(text).words if not w.is_punct)
    return Phrase(text, words, any(is_negator(w) for w in words))


def phrases(texts: Iterable[str]) -> tuple[Phrase, ...]:
    return tuple(p for p in (phrase(t) for t in texts) if p.words)


@dataclass(frozen=True)
class Heard:
    """The best window of a reply for a list of phrases, and whether a negation vetoes it."""

    match: Match
    negator: str | None
    """The negating word just before the window, when the phrase has none of its own."""


class HeardReply:
    """A reply's canonical words as fuzzy-matchable tokens, with their original offsets."""

    __slots__ = ("_index", "tokens", "utt")

    def __init__(self, reply: str | Utterance) -> None:
        self.utt = reply if isinstance(reply, Utterance) else Utterance(reply)
        self.tokens: list[Token] = []
        self._index: list[int] = []
        for k, word in enumerate(self.utt.words):
            if not word.is_punct:
                self.tokens.append(Token(word.text, word.start, word.end))
                self._index.append(k)

    def best(self, candidates: Iterable[Phrase], threshold: float) -> Heard | None:
        """The best-scoring window over all ``candidates`` at ``threshold`` or above."""
        best: tuple[Match, int] | None = None
        for p in candidates:
            found = find_words(self.utt.text, self.tokens, p.words, threshold, p.text)
            if found is not None and (best is None or found[0].score > best[0].score):
                best = found
        if best is None:
            return None
        match, first = best
        negator = None
        if not next(q for q in candidates if q.text == match.phrase).negated:
            negator = self.utt.negator_before(self._index[first], 3)
        return Heard(match, negator)
