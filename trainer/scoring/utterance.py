"""A reply as the phrase families see it: canonical words, clause marks, original offsets.

Every canonical word remembers the characters of the reply it came from, so any
span a family matches can be shown to the user exactly where it was said, even
when the word was repaired ("the climb" read as decline) or expanded ("gonna").
Punctuation survives as the pseudo-words ``,`` (a pause), ``.`` and ``?`` (an
end of sentence), so families can refuse to run across a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from trainer.scoring import soundalike
from trainer.scoring.needles import pieces
from trainer.scoring.result import Evidence

MAX_CHARS = 20_000
"""Longer replies are scored on their first this-many characters (a spoken reply is
never near this; a pasted file is, and must not stall the UI)."""

_SCAN = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)*)"
    r"|(?P<w>[^\W_]+(?:'[^\W_]+)?)"
    r"|(?P<q>\?+)"
    r"|(?P<h>[.!\u2026\n]+)"
    r"|(?P<s>[,;:()\u2013\u2014\"]|\s-+\s)"
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

PUNCT = frozenset({",", ".", "?"})

NEGATORS = frozenset({
    "not", "never", "no", "won't", "can't", "don't", "didn't", "wouldn't", "couldn't",
    "shouldn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "doesn't",
    "nothing", "neither", "nor", "hardly", "without",
})
"""Words that negate what follows them (canonical forms: "will not" reads as "won't")."""


def is_negator(word: str) -> bool:
    """Whether a canonical word negates ("not", "won't", and any other "-n't")."""
    return word in NEGATORS or word.endswith("n't")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    """Canonical, lower-case form (",", "." and "?" for punctuation)."""
    start: int
    end: int
    sim: float = 100.0
    """100 when heard as written; lower when repaired from something else."""
    heard: str = ""
    """What was actually written, when it differs from ``text``."""

    @property
    def is_punct(self) -> bool:
        return self.text in PUNCT


@dataclass(frozen=True, slots=True)
class _Raw:
    text: str
    start: int
    end: int
    kind: str
    run_on: str = ""
    """The written word this one was split from ("iwont"), if any."""


def _scan(text: str) -> list[_Raw]:
    raws: list[_Raw] = []
    for m in _SCAN.finditer(text):
        kind = m.lastgroup or "w"
        if kind == "w":
            word = m.group(0).lower()
            bare = word.replace("'", "")  # "i'mnot": run together, apostrophe and all
            parts = soundalike.split_run_on(bare) if bare.isalpha() else None
            if parts is None:
                raws.append(_Raw(word, m.start(), m.end(), "w"))
            else:  # "iwont": the words a recogniser ran together, each over the whole span
                raws.extend(_Raw(part, m.start(), m.end(), "w", word) for part in parts)
        elif kind == "n":
            raws.append(_Raw(m.group(0).lower(), m.start(), m.end(), "w"))
        elif kind == "q":
            raws.append(_Raw("?", m.start(), m.end(), "p"))
        elif kind == "h":
            raws.append(_Raw(".", m.start(), m.end(), "p"))
        else:
            raws.append(_Raw(",", m.start(), m.end(), "p"))
    return raws


def _text_at(raws: list[_Raw], i: int) -> str:
    return raws[i].text if 0 <= i < len(raws) else ""


VOCAL_FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ehm", "hmm", "hm",
                           "mm", "mmm"})
"""Sounds that only fill a pause: left out of the canonical words, so "I might have to, uh,
decline" is read as "I might have to decline" by every family (the pace metrics still count
them, from :attr:`Utterance.vocal_fillers`)."""


def _canonical(raws: list[_Raw]) -> list[Word]:
    words: list[Word] = []
    i = 0
    n = len(raws)
    while i < n:
        raw = raws[i]
        if raw.kind == "p":
            if not words or words[-1].text not in PUNCT:
                words.append(Word(raw.text, raw.start, raw.start))
            elif raw.text != ",":
                last = words[-1]
                words[-1] = Word(raw.text, last.start, last.end)
            i += 1
            continue
        text = soundalike.CONTRACTIONS.get(raw.text, raw.text)
        nxt = raws[i + 1] if i + 1 < n and raws[i + 1].kind == "w" else None
        before = words[-1].text if words else ""
        # thank-you family first: it must see "think you" before anything else does
        if nxt is not None and soundalike.is_thank_you(text, nxt.text):
            heard = f"{raw.text} {nxt.text}"
            words.append(Word("thank", raw.start, nxt.end, 90.0, heard))
            words.append(Word("you", raw.start, nxt.end, 90.0, heard))
            i += 2
            continue
        if nxt is not None and soundalike.is_grateful(text, nxt.text):
            heard = f"{raw.text} {nxt.text}"
            words.append(Word("grateful", raw.start, nxt.end, 85.0, heard))
            i += 2
            continue
        if text == "think" and nxt is not None and nxt.text == "you":
            after = _text_at(raws, i + 2)
            if soundalike.think_you_means_thank_you(before, after):
                heard = f"{raw.text} {nxt.text}"
                words.append(Word("thank", raw.start, nxt.end, 85.0, heard))
                words.append(Word("you", raw.start, nxt.end, 85.0, heard))
                i += 2
                continue
        if nxt is not None and soundalike.is_stutter(raw.text, nxt.text):
            i += 1  # "i i i won't", "de decline": the false start is not a word of the reply
            continue
        if text == "ill" and nxt is not None and soundalike.ill_means_i_will(before, nxt.text):
            words.append(Word("i'll", raw.start, raw.end, 90.0, raw.text))
            i += 1
            continue
        if text == "no" and nxt is not None and soundalike.no_means_not(before, nxt.text):
            words.append(Word("not", raw.start, raw.end, 90.0, raw.text))
            i += 1
            continue
        if soundalike.is_misheard_thanks(text, nxt.text if nxt is not None else ""):
            words.append(Word("thanks", raw.start, raw.end, 90.0, raw.text))
            i += 1
            continue
        if (text in ("except", "accept") and _text_at(raws, i + 1) == "it"
                and _text_at(raws, i + 2) in soundalike.ACCEPTED_OBJECTS
                and before in ("i", "i've", "we", "i'd", "already", "just")):
            heard = f"{raw.text} it"  # "i except it another offer": "accepted" split in two
            words.append(Word("accepted", raw.start, raws[i + 1].end, 85.0, heard))
            i += 2
            continue
        role = soundalike.ROLL_FOR_ROLE.get(text)
        if role is not None and soundalike.roll_means_role(
                words[-2].text if len(words) > 1 else "", before, _text_at(raws, i + 1)):
            words.append(Word(role, raw.start, raw.end, 85.0, raw.text))
            i += 1
            continue
        heard_accept = soundalike.EXCEPT_FOR_ACCEPT.get(text)
        if heard_accept is not None and soundalike.except_means_accept(
                before, _text_at(raws, i + 1), heard_accept == "accepted"):
            words.append(Word(heard_accept, raw.start, raw.end, 85.0, raw.text))
            i += 1
            continue
        if nxt is not None:
            merged = soundalike.MERGES.get((text, nxt.text))
            if merged is not None and (nxt.text, _text_at(raws, i + 2)) in soundalike.MERGES:
                merged = None  # "I will not": keep "won't" whole, it carries the meaning
            if merged is not None:
                words.append(Word(merged, raw.start, nxt.end))
                i += 2
                continue
            consumed = _try_phonetic(raws, i, words)
            if consumed:
                i += consumed
                continue
        expansion = soundalike.EXPANSIONS.get(text)
        if text == "k" and soundalike.is_number(before):
            expansion = None  # "95k", "ninety K": thousands, not "okay"
        if expansion is not None:
            for part in expansion:
                words.append(Word(part, raw.start, raw.end))
            i += 1
            continue
        if text.endswith("'s") and text not in soundalike.KEEP_APOSTROPHE_S:
            # "the commute's too long", "the company's offer": the noun is what matters
            words.append(Word(text[:-2], raw.start, raw.end - 2))
            words.append(Word("'s", raw.end - 2, raw.end))
            i += 1
            continue
        repaired = soundalike.repair_typo(text)
        if repaired is not None:
            words.append(Word(repaired[0], raw.start, raw.end, repaired[1], raw.text))
        else:
            words.append(Word(text, raw.start, raw.end))
        i += 1
    return words


def _try_phonetic(raws: list[_Raw], i: int, words: list[Word]) -> int:
    """Join 2-4 heard words that together sound like a key word; how many were used."""
    first = raws[i].text
    if first[:1] not in soundalike.FIRST_LETTERS or not first.isalpha():
        return 0
    texts = [first]
    for k in range(i + 1, min(i + 4, len(raws))):
        raw = raws[k]
        if raw.kind != "w" or not raw.text.isalpha():
            break
        texts.append(raw.text)
    before = words[-1].text if words else ""
    for size in range(len(texts), 1, -1):
        target = soundalike.phonetic_merge(texts[:size], before)
        if target is not None:
            heard = " ".join(texts[:size])
            words.append(Word(target, raws[i].start, raws[i + size - 1].end, 85.0, heard))
            return size
    return 0


class Utterance:
    """The canonical words of one reply plus the index maps the detectors need."""

    __slots__ = ("_pieces", "_starts", "clause", "exact", "joined", "raw_words", "sentence",
                 "spaced", "text", "truncated", "vocal_fillers", "words")

    def __init__(self, text: str) -> None:
        self.truncated = len(text) > MAX_CHARS
        self.text = text
        scanned = text[:MAX_CHARS].translate(_QUOTES)
        raws = _scan(scanned)
        self.raw_words = sum(1 for r in raws if r.kind == "w")
        self.vocal_fillers = tuple(Evidence(r.start, r.end, text[r.start:r.end])
                                   for r in raws if r.text in VOCAL_FILLERS)
        if self.vocal_fillers:
            raws = [r for r in raws if r.text not in VOCAL_FILLERS]
        words = _canonical(raws)
        run_on = {(r.start, r.end): r.run_on for r in raws if r.run_on}
        if run_on:  # words split from a run-together one are a repair, shown as such
            words = [Word(w.text, w.start, w.end, min(w.sim, 90.0), run_on[w.start, w.end])
                     if (w.start, w.end) in run_on else w for w in words]
        self.words = words
        # nothing repaired: every span scores its family's full weight (a fast path)
        self.exact = all(w.sim == 100.0 for w in self.words)
        starts: list[int] = []
        pos = 0
        for word in self.words:
            starts.append(pos)
            pos += len(word.text) + 1
        self._starts = starts
        self.joined = " ".join(w.text for w in self.words)
        # the joined words after one space: what the phrase families are matched against
        self.spaced = " " + self.joined
        clause: list[int] = []
        sentence: list[int] = []
        c = s = 0
        for word in self.words:
            clause.append(c)
            sentence.append(s)
            if word.text in PUNCT:
                c += 1
                if word.text != ",":
                    s += 1
        self.clause = clause
        self.sentence = sentence
        self._pieces: frozenset[str] | None = None

    @property
    def pieces(self) -> frozenset[str]:
        """The pieces of :attr:`spaced`, which rule phrase families out before
        they are scanned for (:mod:`trainer.scoring.needles`); cut on first use."""
        if self._pieces is None:
            self._pieces = pieces(self.spaced)
        return self._pieces

    def __len__(self) -> int:
        return len(self.words)

    def word_span(self, char_start: int, char_end: int) -> tuple[int, int]:
        """Word indices ``[i, j)`` under the match ``[char_start, char_end)`` of ``joined``."""
        i = bisect_right(self._starts, char_start) - 1
        j = bisect_right(self._starts, max(char_start, char_end - 1))
        return max(i, 0), max(j, i + 1)

    def trimmed(self, i: int, j: int) -> tuple[int, int]:
        """``[i, j)`` without punctuation at either end."""
        while i < j and self.words[i].is_punct:
            i += 1
        while j > i and self.words[j - 1].is_punct:
            j -= 1
        return i, j

    def evidence(self, i: int, j: int) -> Evidence | None:
        i, j = self.trimmed(i, j)
        if i >= j:
            return None
        start, end = self.words[i].start, self.words[j - 1].end
        return Evidence(start, end, self.text[start:end])

    def similarity(self, i: int, j: int) -> float:
        return min((w.sim for w in self.words[i:j]), default=100.0)

    def heard_notes(self, i: int, j: int) -> str:
        """"decline" heard as "the climb", for the why of a decision."""
        groups: dict[tuple[int, str], list[str]] = {}
        for w in self.words[i:j]:
            if w.heard:
                groups.setdefault((w.start, w.heard), []).append(w.text)
        return "; ".join(f'"{heard}" read as "{" ".join(texts)}"'
                         for (_, heard), texts in groups.items())

    def negator_before(self, index: int, window: int = 3, scope: frozenset[str] | None = None,
                       ignore: frozenset[str] = frozenset()) -> str | None:
        """The negating word among the ``window`` words before word ``index`` in its clause.

        The one negation test of the scorer: built-in families, custom items and branch
        ``contains:`` conditions all ask it, so "I'm not going to decline" reads the same
        way everywhere. With ``scope``, only those words may stand between the negation
        and the word ("wasn't rude *or chaotic*"); words in ``ignore`` do not negate here.
        """
        clause = self.clause[index] if index < len(self.clause) else -1
        for k in range(index - 1, max(index - window, 0) - 1, -1):
            text = self.words[k].text
            if self.clause[k] != clause or self.words[k].is_punct:
                break
            if is_negator(text) and text not in ignore:
                return text
            if scope is not None and text not in scope:
                break
        return None

    def texts(self, i: int, j: int) -> list[str]:
        return [w.text for w in self.words[max(i, 0) : max(j, 0)]]
