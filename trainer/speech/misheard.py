"""Where the recogniser may have misheard a word that changes the scorecard.

A spoken reply is scored on its transcript, and the words a small model gets
wrong are often the ones the meaning turns on ("I can't accept" heard as "I
can accept"). This module meets the scorer halfway: for each word the engine
was unsure of, and each known confusion (``confusions.toml``), it scores the
other reading and warns only where that would change a checklist decision, so a
clear reply heard clearly gets no warning.

Plain data in, plain data out: the scorer is given as ``decide`` (text -> which
items are met), so this module needs neither the scorer nor a screen, and the
call engine, the CLI and the tests hand it what they have.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFUSIONS_FILE = Path(__file__).with_name("confusions.toml")

LOW_CONFIDENCE = 0.5
"""Below this, a word is tried as the call's names it is spelt like, and a word may have
been dropped beside it (bench/misheard.py)."""
CONFUSION_CONFIDENCE = 0.8
"""Below this, a known confusion is checked; a word heard surer than this is trusted."""
DROP_GAP = 0.3
"""Seconds of quiet between two words where a dropped word could have been."""
SOUND_ALIKE = 0.75
"""How alike (difflib's ratio) an unsure word and a name must be for the name to be tried
("Lena" and "Elena" 0.89; "role" and "Doyle", 0.67, are not)."""

Decide = Callable[[str], Mapping[str, bool | None]]
"""The scorer, reduced to what a warning needs: which checklist items a text meets."""

_NUMBER = re.compile(r"^[$£€]?\d[\d,.]*[kK%]?$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Misheard:
    """A word the scorecard may have got wrong because the recogniser did."""

    word: str
    """As heard (empty where a word may have been dropped)."""
    start: float | None
    """Seconds into the recording, where the engine timed the words (to play that part)."""
    end: float | None
    why: str
    """For the user: what else it may have been, and what that would change."""
    said: str = ""
    """What the user may have said instead (empty: the word may not have been said)."""
    at: int | None = None
    """Where ``word`` starts in the reply (where a dropped word would go)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"word": self.word, "start": self.start, "end": self.end,
                               "why": self.why}
        if self.said:
            out["said"] = self.said
        if self.at is not None:
            out["at"] = self.at
        return out

    def reading(self, reply: str) -> str:
        """``reply`` as it would read with what may have been said in place of the word."""
        if self.at is None:
            return reply
        if not self.word:
            return f"{reply[:self.at]}{self.said} {reply[self.at:]}"
        return reply[:self.at] + self.said + reply[self.at + len(self.word):]

    @classmethod
    def from_json(cls, data: object, where: str = "misheard") -> Misheard:
        """ValueError naming the place of the first bad field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"{where}: expected an object")
        for key in ("word", "why"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"{where}.{key}: expected text")
        times: list[float | None] = []
        for key in ("start", "end"):
            value = data.get(key)
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, int | float)):
                raise ValueError(f"{where}.{key}: expected a number or null")
            times.append(None if value is None else float(value))
        said = data.get("said", "")
        if not isinstance(said, str):
            raise ValueError(f"{where}.said: expected text")
        at = data.get("at")
        if at is not None and (isinstance(at, bool) or not isinstance(at, int) or at < 0):
            raise ValueError(f"{where}.at: expected a whole number or null")
        return cls(data["word"], times[0], times[1], data["why"], said, at)

    @property
    def label(self) -> str:
        """How a scorecard names it: ``"can"``, or the place of a word that may be missing."""
        return f'"{self.word}"' if self.word else "a missing word"

    @property
    def line(self) -> str:
        """The scorecard's line for it, the same on every screen and in every export."""
        return f"may have misheard {self.label}: {self.why}"


@dataclass(frozen=True)
class Confusions:
    swaps: dict[tuple[str, ...], tuple[str, ...]]
    dropped: dict[str, frozenset[str]]
    """Word -> the words it is tried in front of."""
    told: frozenset[tuple[str, ...]] = frozenset()
    """Swaps tried only when the engine says it was unsure (never on an engine that does
    not say): the recogniser adds a "n't" far more rarely than it loses one."""


@lru_cache(maxsize=4)
def load_confusions(path: Path = CONFUSIONS_FILE) -> Confusions:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    swaps: dict[tuple[str, ...], tuple[str, ...]] = {}
    told: set[tuple[str, ...]] = set()
    for entry in data.get("swap", []):
        key = tuple(_norm(entry["heard"]).split())
        swaps[key] = (*swaps.get(key, ()), *(_norm(s) for s in entry["said"]))
        if entry.get("when_told_unsure", False):
            told.add(key)
    dropped = {_norm(e["word"]): frozenset(_norm(w) for w in e["before"])
               for e in data.get("dropped", [])}
    return Confusions(swaps, dropped, frozenset(told))


@dataclass(frozen=True)
class _Token:
    text: str
    """As in the reply."""
    key: str
    """Lower case, straight apostrophes, no punctuation around it."""
    at: int
    until: int
    """Character span in the reply."""
    start: float | None
    end: float | None
    probability: float | None


def misheard_words(
    reply: str,
    decide: Decide,
    *,
    words: Sequence[tuple[str, float, float]] = (),
    probabilities: Sequence[float] = (),
    names: Iterable[str] = (),
    label: Callable[[str], str] = str,
    confusions: Confusions | None = None,
    repaired: Sequence[tuple[str, str, float | None, float | None]] = (),
) -> tuple[Misheard, ...]:
    """The words of ``reply`` the recogniser may have misheard where it matters.

    ``words`` and ``probabilities`` are the engine's timing and confidence of the
    same transcript (without a confidence, the known confusions that would add a
    meaning are checked, those that would take one away are not); ``names`` are
    the call's names and places; ``label`` names a checklist item for users; ``repaired``
    the (heard, name, start, end) runs the engine wrote as the call's names, each shown
    whether or not it changes a decision: the user should know the name is a guess.
    """
    if not reply.strip():
        return ()
    table = confusions or load_confusions()
    tokens = _tokens(reply, words, probabilities)
    heard = _met(decide(reply))
    name_keys = {_norm(part): part for name in names for part in name.split() if len(part) > 2}
    found: dict[tuple[int, int], Misheard] = {}

    def check(first: int, last: int, replacement: str, reason: str) -> bool:
        """Whether reading tokens[first:last] as ``replacement`` changes a decision."""
        if (first, last) in found:
            return True
        at = tokens[first].at if first < len(tokens) else len(reply)
        until = tokens[last - 1].until if last > first else at
        if last == first:  # an insertion
            variant = f"{reply[:at]}{replacement} {reply[at:]}"
        else:
            variant = reply[:at] + _same_case(replacement, tokens[first].text) + reply[until:]
        changed = _changes(heard, _met(decide(_tidy(variant))), label)
        if not changed:
            return False
        span = tokens[first:last] or tokens[max(0, first - 1):first + 1]
        found[(first, last)] = Misheard(
            word=reply[at:until], start=span[0].start, end=span[-1].end,
            why=f"{reason}; {_reading(replacement)} {changed}", said=replacement, at=at)
        return True

    for i, token in enumerate(tokens):
        for size in (2, 1):
            key = tuple(t.key for t in tokens[i:i + size])
            if len(key) < size or key not in table.swaps:
                continue
            if key in table.told and all(t.probability is None for t in tokens[i:i + size]):
                continue
            unsure = min(_sure(t) for t in tokens[i:i + size])
            if unsure < CONFUSION_CONFIDENCE:  # (or the engine does not say)
                for said in table.swaps[key]:
                    if check(i, i + size, said, _confidence(unsure, "a known confusion")):
                        break
        p = token.probability
        if p is None or p >= LOW_CONFIDENCE:
            continue
        # an unsure word spelt like a name of the call may be it (trying it as every meaning
        # word it is spelt like flagged 0 errors for 9 false alarms in bench/misheard.py)
        reason = _confidence(p, "heard with low confidence")
        for other in _sounds_like(token.key, name_keys):
            if check(i, i + 1, other, reason):
                break
    for word, before in table.dropped.items():
        for i, token in enumerate(tokens):
            if token.key not in before or (i and tokens[i - 1].key == word):
                continue
            reason = f'"{word}" is often missed'
            if _room_for_a_word(reply, tokens, i) and check(i, i, word, reason):
                break  # one place is enough to say so
    for i, token in enumerate(tokens):
        figure = _teen_or_ty(reply, tokens, i)
        if figure is not None and not any(m.at == token.at for m in found.values()):
            other, shown, (one, two) = figure
            alike = _confidence(_sure(token), f'"{one}" and "{two}" sound alike')
            found[(-1 - token.at, 1)] = Misheard(
                word=token.text.rstrip(".,!?;:"), start=token.start, end=token.end,
                said=other, at=token.at,
                why=f"{alike}; if you said {shown}, correct the figure")
    for i in range(len(tokens)):
        tens = _dropped_tens(tokens, i)
        if tens is not None and not any(m.at == tokens[i].at for m in found.values()):
            last, spoken, value = tens
            at, until = tokens[i].at, tokens[last].until
            heard_as = reply[at:until].rstrip(".,!?;:")
            alike = _confidence(_sure(tokens[last]),
                                f'"{spoken}" sounds like "{heard_as.lower()}"')
            found[(-1 - at, 2)] = Misheard(
                word=heard_as, start=tokens[i].start, end=tokens[last].end, said=value,
                at=at, why=f"{alike}; if you said {value}, correct the figure")
    for i, token in enumerate(tokens):
        figure_word = _figure_heard_as_word(reply, tokens, i)
        if figure_word is not None and not any(m.at == token.at for m in found.values()):
            alike = _confidence(_sure(token), f'"{figure_word}" and "{token.key}" sound alike')
            found[(-1 - token.at, 3)] = Misheard(
                word=token.text.rstrip(".,!?;:"), start=token.start, end=token.end,
                said=_same_case(figure_word, token.text), at=token.at,
                why=f"{alike}; if you said {figure_word}, correct the figure")
    cursor = 0
    for heard_as, name, start, end in repaired:
        at = reply.find(name, cursor)
        if at < 0:
            continue  # the user's own text since: nothing of the repair is left
        cursor = at + len(name)
        if any(m.at == at for m in found.values()):
            continue
        found[(-1 - at, 0)] = Misheard(
            word=name, start=start, end=end, said=heard_as, at=at,
            why=f'heard as "{heard_as}" and written as the call\'s name "{name}"')
    return tuple(sorted(found.values(), key=lambda m: (m.start or 0.0, m.word)))


def _tokens(reply: str, words: Sequence[tuple[str, float, float]],
            probabilities: Sequence[float]) -> list[_Token]:
    """The reply's words with the engine's times and confidence, where they line up."""
    tokens: list[_Token] = []
    cursor = 0
    for i, (word, start, end) in enumerate(words):
        at = reply.find(word, cursor)
        if at < 0:  # not the transcript these words were timed from: use the words alone
            return _plain_tokens(reply)
        cursor = at + len(word)
        p = probabilities[i] if i < len(probabilities) else None
        tokens.append(_Token(word, _norm(word), at, cursor, start, end, p))
    return tokens or _plain_tokens(reply)


def _plain_tokens(reply: str) -> list[_Token]:
    return [_Token(m.group(0), _norm(m.group(0)), m.start(), m.end(), None, None, None)
            for m in re.finditer(r"[\w'’$£€%]+(?:[-.,][\w'’%]+)*", reply)]


def _norm(text: str) -> str:
    return text.translate(_APOSTROPHES).strip(" .,!?;:\"()-").lower()


def _sure(token: _Token) -> float:
    """The engine's confidence; an engine that gives none is taken as unsure."""
    return 0.0 if token.probability is None else token.probability


def _confidence(p: float, reason: str) -> str:
    return f"{reason} ({round(p * 100)} % sure)" if p > 0 else reason


def _sounds_like(key: str, words: Mapping[str, str]) -> list[str]:
    """The names spelt like ``key`` (spelling stands in for sound), most alike first; none
    when ``key`` is one of them already."""
    if key in words or _NUMBER.match(key):
        return []
    return [words[w] for w in difflib.get_close_matches(key, list(words), n=3,
                                                         cutoff=SOUND_ALIKE)]


_TEENS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TEEN_OR_TY = {**dict(zip(_TEENS, _TENS, strict=True)), **dict(zip(_TENS, _TEENS, strict=True)),
               **{str(13 + k): str(30 + 10 * k) for k in range(7)},
               **{str(30 + 10 * k): str(13 + k) for k in range(7)}}
_LEADING_FIGURE = re.compile(r"^([$£€]?)(\d+|[a-z]+)(.*)$")
AMOUNT_WORDS = frozenset([
    "000", "thousand", "k", "grand", "million", "hundred", "percent", "%", "pounds", "dollars",
    "euros", "quid", "bucks", "days", "weeks", "months", "years", "hours", "minutes", "per",
    "a", "an", "salary", "pay", "rise", "raise", "bonus", "notice", "th",
])
"""Words after a figure that make it an amount or a length of time (where 19 and 90 differ
in what the user asked for); "a", "an": "ninety a year"."""


def _teen_or_ty(reply: str, tokens: Sequence[_Token],
                i: int) -> tuple[str, str, tuple[str, str]] | None:
    """(the other reading of the word, of the whole figure, the two numbers as said) of a
    figure that may be a teen heard as a ty or the reverse ("nineteen" / "ninety"), when it
    counts money or time and the engine was not sure of it; None otherwise."""
    token = tokens[i]
    if _sure(token) >= CONFUSION_CONFIDENCE:
        return None
    match = _LEADING_FIGURE.match(token.key)
    if match is None or match.group(2) not in _TEEN_OR_TY:
        return None
    sign, number, rest = match.groups()
    following = tokens[i + 1].key if i + 1 < len(tokens) else ""
    if not (sign or rest.lstrip(",").startswith(("000", "k", "%", "th"))
            or following in AMOUNT_WORDS):
        return None
    other = _TEEN_OR_TY[number]
    if rest.startswith("th") and int(other) > 31:
        return None  # "the 14th": there is no 40th of a month
    said = (number, other) if number.isalpha() else (_spoken(number), _spoken(other))
    word = token.text.rstrip(".,!?;:")
    word = word.replace(number, other, 1) if number in word else other
    shown = word
    if following == "000" and reply[token.until:tokens[i + 1].at] == ",":
        shown = f"{word},000"  # Whisper's "70,000" is two timed words, "70" and "000"
    return word, shown, said


_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS_HEARD: dict[tuple[str, ...], str] = {
    ("for", "the"): "forty", ("fourth",): "forty", ("third",): "thirty",
    ("fifth",): "fifty", ("sixth",): "sixty", ("seventh",): "seventy", ("eighth",): "eighty",
    ("ninth",): "ninety", ("twentieth",): "twenty",
}
"""Words a tens word is heard as when the unit after it is heard on its own: espeak-ng's
"forty-eight" heard as "for the 8", "thirty-one" as "third one"."""
_ARTICLES = frozenset(["the", "a", "an", "this", "that", "my", "your", "our", "their"])
_NOT_A_FIGURE_AFTER = frozenset(["of", "th", "st", "nd", "rd"])


def _dropped_tens(tokens: Sequence[_Token], i: int) -> tuple[int, str, str] | None:
    """(the unit's token, the figure as said, as digits) where tokens[i:] may be a two-digit
    figure whose tens word was heard as other words ("for the 8": "forty-eight", 48), when
    the engine was not sure of the unit; None otherwise.

    "the third one" and "for the one in Leeds" are plain English: an ordinal after an
    article, and a unit spelt as a word after "for the", are left alone, as is a unit that
    counts something ("for the 2 of us").
    """
    for run, tens in _TENS_HEARD.items():
        last = i + len(run)
        if last >= len(tokens) or tuple(t.key for t in tokens[i:last]) != run:
            continue
        unit = tokens[last].key
        if unit.isdigit() and 1 <= int(unit) <= 9:
            digit = int(unit)
        elif unit in _UNITS and run != ("for", "the"):
            digit = _UNITS.index(unit) + 1
        else:
            return None
        if i and tokens[i - 1].key in _ARTICLES and len(run) == 1:
            return None  # "the third one"
        after = tokens[last + 1].key if last + 1 < len(tokens) else ""
        if after in _NOT_A_FIGURE_AFTER or _sure(tokens[last]) >= CONFUSION_CONFIDENCE:
            return None
        value = (_TENS.index(tens) + 3 if tens in _TENS else 2) * 10 + digit
        return last, f"{tens}-{_UNITS[digit - 1]}", str(value)
    return None


FIGURE_HEARD_AS = {"free": "three"}
"""Everyday words a small figure is heard as (espeak-ng's "three office days" heard as "free
office days"), tried only where the engine was quite unsure of the word."""


def _figure_heard_as_word(reply: str, tokens: Sequence[_Token], i: int) -> str | None:
    """The figure ``tokens[i]`` may have been, when it is a word a figure is heard as, the
    engine said it was unsure of it, and a word follows it in the same phrase ("free
    months", not "it's free."); None otherwise."""
    token = tokens[i]
    figure = FIGURE_HEARD_AS.get(token.key)
    if figure is None or token.probability is None or token.probability >= LOW_CONFIDENCE:
        return None
    if i + 1 >= len(tokens) or reply[token.until:tokens[i + 1].at].strip(" -"):
        return None
    return figure


def _spoken(digits: str) -> str:
    """``"19"`` as said: ``"nineteen"``."""
    n = int(digits)
    return _TEENS[n - 13] if n < 20 else _TENS[n // 10 - 3]


def _room_for_a_word(reply: str, tokens: Sequence[_Token], i: int) -> bool:
    """Whether a word could have gone unheard in front of ``tokens[i]``: the engine was
    quite unsure of a neighbour, or there is a pause there (without timing, nothing tells)."""
    if i == 0:
        return False
    before, after = tokens[i - 1], tokens[i]
    if before.end is None or after.start is None:
        return False
    if any(mark in reply[before.until:after.at] for mark in ".!?,;:"):
        return False  # a pause Whisper punctuated: the end of a phrase, not a lost word
    return (min(_sure(before), _sure(after)) < LOW_CONFIDENCE
            or after.start - before.end >= DROP_GAP)


def _met(result: Mapping[str, bool | None]) -> dict[str, bool]:
    return {name: bool(met) for name, met in result.items() if met is not None}


def _changes(heard: Mapping[str, bool], other: Mapping[str, bool],
             label: Callable[[str], str]) -> str:
    gained = [label(n) for n, met in other.items() if met and not heard.get(n, False)]
    lost = [label(n) for n, met in heard.items() if met and not other.get(n, False)]
    parts = []
    if gained:
        parts.append(", ".join(gained) + " would count")
    if lost:
        parts.append(", ".join(lost) + " would not count")
    return " and ".join(parts)


def _reading(replacement: str) -> str:
    return f'if you said "{replacement}",' if replacement else "if it was not said,"


def _same_case(replacement: str, original: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
