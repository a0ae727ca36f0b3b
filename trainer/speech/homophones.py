"""Words the recogniser heard right and wrote as their homophone, written as meant.

Whisper writes "you too" as "you two" often enough to matter: a figure the user never said
("Best of luck to you two", "I'll decline Abuja two"), which the scorecard and a figure
check read as a number. Only the "too" that ends a phrase after a pronoun or a name is
rewritten: "the two of us", "at two", "two weeks" keep their figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_AFTER = frozenset(["you", "me", "him", "her", "us", "them", "it", "that", "this", "one",
                    "so", "yours", "mine", "ours", "theirs", "here", "there"])
"""Words after which a phrase-final "two" is "too" ("you too", "that too", "me too")."""
_TWO = re.compile(r"(?<![\w'’-])(\S+?)([ \t]+)(two|Two)(?=[.,!?;:]|\s*$)")


def too_not_two(text: str, words: Sequence[tuple[str, float, float]],
                ) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """``text`` and its timed ``words`` with a phrase-final "two" after a pronoun or a name
    written "too"."""
    changed: list[int] = []

    def fix(match: re.Match[str]) -> str:
        before = match.group(1)
        bare = before.strip("\"'“‘(")
        name = bare[:1].isupper() and bare.isalpha() and bare not in ("I", "The")
        if bare.lower() not in _AFTER and not (name and match.start(1) > 0):
            return match.group(0)
        changed.append(match.start(3))
        return f"{before}{match.group(2)}{'Too' if match.group(3) == 'Two' else 'too'}"

    new_text = _TWO.sub(fix, text)
    if not changed:
        return text, tuple(words)
    every = [m.start() for m in re.finditer(r"(?<![\w'’-])two(?![\w'’-])", text, re.I)]
    which = {every.index(at) for at in changed}
    fixed: list[tuple[str, float, float]] = []
    seen = 0
    for word, start, end in words:  # the same "two"s, counted in order, among the timed words
        if word.lower() == "two":
            if seen in which:
                word = "Too" if word == "Two" else "too"
            seen += 1
        fixed.append((word, start, end))
    return new_text, tuple(fixed)
