"""Words the recogniser heard right and wrote as their homophone, written as meant.

Whisper writes a "too" that ends a phrase as "two" ("Best of luck to you two", "I'll decline
Abuja two") and "that one too" as "at 1-2": a figure the user never said, which the
scorecard and a figure check read as a number. In a reply, a phrase-final "two" is nearly
always "too" ("you too.", "that one too.", "the salary too."); it is a count only after a
word that takes one ("at two", "a day or two", "the two", "have two", "twenty-two", "week
two"), and there it is left alone, as is a "two" that starts a phrase or comes before more
words ("two weeks").

"four" and "two" are written "for" and "to" before a rate ("travelling for days a week"),
which without the figure is not English; there the figure is written back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

COUNTED_AFTER = frozenset([
    # prepositions and words of quantity: "at two", "a day or two", "under two"
    "at", "to", "of", "for", "by", "from", "until", "till", "past", "about", "around",
    "roughly", "under", "over", "below", "above", "into", "in", "on", "between", "within",
    "after", "before", "than", "with", "like", "and", "or", "nor", "plus", "minus", "times",
    "only", "just", "nearly", "almost", "maybe", "perhaps", "least", "most", "exactly",
    # determiners: "the two", "those two", "another two"
    "the", "these", "those", "every", "each", "another", "other", "first", "last", "next",
    "my", "your", "our", "their", "his",
    # verbs that take a count: "I have two", "it's two", "we need two"
    "is", "are", "was", "were", "be", "been", "it's", "that's", "there's", "what's",
    "have", "has", "had", "got", "get", "need", "needs", "want", "wants", "take", "takes",
    "took", "make", "makes", "made", "buy", "give", "gave", "hire", "hired", "offer",
    "offered", "pay", "paid", "cost", "costs", "count", "add", "added", "say", "said",
    "call", "called", "pick", "choose", "chose",
    # things that are numbered: "week two", "option two"
    "number", "year", "day", "week", "month", "round", "stage", "phase", "part", "step",
    "page", "level", "option", "version", "plan", "room", "floor", "grade", "band", "tier",
    "type", "line", "chapter", "section", "question", "point", "item", "gate", "platform",
    "building", "block", "unit", "team", "group", "site", "shift", "slot", "table", "seat",
    "hundred", "thousand", "million",
])
"""Words after which a phrase-final "two" counts something and stays a figure."""
RANGE_BEFORE = frozenset([
    "between", "from", "about", "around", "roughly", "maybe", "perhaps", "only", "just",
    "within", "take", "takes", "took", "for", "in", "of", "every", "approximately", "is",
    "are", "was", "be", "or", "and", "than", "under", "over", "nearly", "almost",
])
"""Words after which a phrase-final "1-2" is a range ("it takes 1-2"), not "one too"."""

_WORD = r"[\w'’-]+"
_PHRASE_END = r"(?=[.,!?;:]|\s*$)"
_TWO = re.compile(rf"(?<![\w'’-])({_WORD})([ \t]+)(two|Two){_PHRASE_END}")
_ONE_TWO = re.compile(rf"(?<![\w'’-])({_WORD})([ \t]+)(1-2){_PHRASE_END}")
_NUMBER = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$")


def _counts(before: str) -> bool:
    """Whether the word ``before`` a phrase-final "two" makes it a count."""
    bare = before.strip("\"'“‘(").lower().replace("’", "'")
    last = bare.rsplit("-", 1)[-1]  # "twenty-two", "day-two"
    if bare == "one":
        return False  # "that one two": "that one too" (no one counts "one two.")
    return bare in COUNTED_AFTER or last in COUNTED_AFTER or _NUMBER.match(last) is not None


def too_not_two(text: str, words: Sequence[tuple[str, float, float]],
                ) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """``text`` and its timed ``words`` with a phrase-final "two" that follows a word which
    takes no count written "too", and a phrase-final "1-2" written "one too"."""
    changed: dict[int, str] = {}
    """Where each rewritten figure starts in ``text``, and what it becomes."""

    def fix_two(match: re.Match[str]) -> str:
        if _counts(match.group(1)):
            return match.group(0)
        written = "Too" if match.group(3) == "Two" else "too"
        changed[match.start(3)] = written
        return f"{match.group(1)}{match.group(2)}{written}"

    def fix_one_two(match: re.Match[str]) -> str:
        if match.group(1).lower() in RANGE_BEFORE or _NUMBER.match(match.group(1).lower()):
            return match.group(0)
        changed[match.start(3)] = "one too"
        return f"{match.group(1)}{match.group(2)}one too"

    _TWO.sub(fix_two, text)
    _ONE_TWO.sub(fix_one_two, text)
    if not changed:
        return text, tuple(words)
    new_text = text
    for at in sorted(changed, reverse=True):
        new_text = new_text[:at] + changed[at] + new_text[at + 3:]  # "two", "Two", "1-2"
    return new_text, _retimed(text, words, changed)


def _retimed(text: str, words: Sequence[tuple[str, float, float]],
             changed: dict[int, str]) -> tuple[tuple[str, float, float], ...]:
    """``words`` with the rewritten figures, found by their order among the same spellings.

    Whisper times "1-2" as one word or as "1" and "2"; "one too" takes the word's time, cut
    in half where it was one word.
    """
    spelling = {at: text[at:at + 3] for at in changed}
    fixed: list[tuple[str, float, float]] = []
    pending = list(words)
    order = {"two": [at for at in sorted(changed) if spelling[at].lower() == "two"],
             "1-2": [at for at in sorted(changed) if spelling[at] == "1-2"]}
    every = {"two": [m.start() for m in re.finditer(r"(?<![\w'’-])two(?![\w'’-])", text, re.I)],
             "1-2": [m.start() for m in re.finditer(r"(?<![\w'’-])1-2(?![\w'’-])", text)]}
    seen = {"two": 0, "1-2": 0}
    i = 0
    while i < len(pending):
        word, start, end = pending[i]
        key = word.lower()
        if key == "two":
            at = every["two"][seen["two"]] if seen["two"] < len(every["two"]) else -1
            seen["two"] += 1
            if at in order["two"]:
                word = changed[at]
        elif key == "1-2" or (key == "1" and i + 1 < len(pending) and pending[i + 1][0] == "2"):
            at = every["1-2"][seen["1-2"]] if seen["1-2"] < len(every["1-2"]) else -1
            seen["1-2"] += 1
            if at in order["1-2"]:
                if key == "1-2":
                    middle = (start + end) / 2
                    fixed += [("one", start, middle), ("too", middle, end)]
                else:
                    fixed += [("one", start, end), ("too", pending[i + 1][1], pending[i + 1][2])]
                    i += 1
                i += 1
                continue
            if key == "1":
                fixed += [(word, start, end), pending[i + 1]]
                i += 2
                continue
        fixed.append((word, start, end))
        i += 1
    return tuple(fixed)


_PER = re.compile(
    r"(?<![\w'’-])(for|For|to|To)([ \t]+)(days|nights|shifts|evenings|mornings|afternoons|"
    r"weekends|weeks|months)([ \t]+)(a|per|each|every)([ \t]+)(week|fortnight|month|year)\b")
_FIGURE_FOR = {"for": "four", "to": "two"}


def figure_not_preposition(text: str, words: Sequence[tuple[str, float, float]],
                           ) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """``text`` and its timed ``words`` with a "for" or "to" that counts a rate written as the
    figure it sounds like: "travelling for days a week" is "four days a week", "to shifts a
    month" "two shifts a month" (without the figure neither is English)."""
    changed: list[int] = []

    def fix(match: re.Match[str]) -> str:
        changed.append(match.start(1))
        figure = _FIGURE_FOR[match.group(1).lower()]
        figure = figure.capitalize() if match.group(1)[0].isupper() else figure
        return figure + match.group(0)[len(match.group(1)):]

    new_text = _PER.sub(fix, text)
    if not changed:
        return text, tuple(words)
    every = [m.start() for m in re.finditer(r"(?<![\w'’-])(?:for|to)(?![\w'’-])", text, re.I)]
    which = {every.index(at) for at in changed}
    fixed: list[tuple[str, float, float]] = []
    seen = 0
    for word, start, end in words:  # the same words, counted in order, among the timed words
        if word.lower() in _FIGURE_FOR:
            if seen in which:
                figure = _FIGURE_FOR[word.lower()]
                word = figure.capitalize() if word[0].isupper() else figure
            seen += 1
        fixed.append((word, start, end))
    return new_text, tuple(fixed)


def as_meant(text: str, words: Sequence[tuple[str, float, float]],
             ) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """``text`` and its timed ``words`` with every homophone rule of this module applied."""
    text, timed = too_not_two(text, words)
    return figure_not_preposition(text, timed)
