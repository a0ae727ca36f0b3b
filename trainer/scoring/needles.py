"""Text a phrase family cannot match without, so a reply lacking it skips the family.

Most families need words the reply does not contain ("insulting", "waste of"), yet
the regex engine would try every family at every word of every reply. What a family
needs is read off its compiled pattern: strings that every match contains, such as
the words of a phrase with no alternative. Since a match is a substring of the text
it is found in, a text without them holds no match, and skipping the family there
changes no result. That is why this is derived from the pattern's own parse tree,
never written by hand, and every construct not understood counts as "anything".

The test has to be far cheaper than the scan it saves, so it is made on short pieces
of text (:func:`pieces`): every needed string stands for one piece of itself, a reply
is cut into its pieces once, and a family is ruled in or out in one set operation per
group of pieces (:func:`screen`).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

Screen = tuple[frozenset[str], ...]
"""Groups of pieces: a text holds a match only if its :func:`pieces` hold one piece of
every group (:func:`passes`)."""

QUAD = 4
"""Every run of this many characters is a piece."""
PREFIX = 8
"""A space and the first 4 to this many letters of the word after it is a piece too: the
start of a word is more telling than four letters anywhere."""

_MAX_STRINGS = 16
"""Largest set of exact strings followed through a pattern before it is cut into a group."""
_MAX_GROUPS = 3
"""Groups kept per family: each one costs a set operation per reply."""
_STRONG = 4
"""Strength (:func:`_strength`) a piece needs to rule anything out ("t ev", " to" do not)."""
_STRONG_ENOUGH = 7
"""Strength past which a piece is rare enough: among groups all this strong, fewer pieces
are better."""
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def pieces(text: str) -> frozenset[str]:
    """The pieces of ``text`` followed by a space: every run of :data:`QUAD` characters,
    every word with the spaces around it, and every space with the first 4 to
    :data:`PREFIX` letters of the word after it. A string in the text has its own pieces
    in the text's (:func:`_piece` takes only pieces of those shapes); the space after
    the text stands for its end, which a family takes as the end of a word."""
    text += " "
    out = {text[k:k + QUAD] for k in range(len(text) - QUAD + 1)}
    words = text.split(" ")
    for word in set(words[1:]):
        out.add(" " + word + " ")
        out.update(" " + word[:k] for k in range(QUAD, min(len(word), PREFIX) + 1))
    return frozenset(out)


def passes(text_pieces: frozenset[str], groups: Screen) -> bool:
    """Whether a text with ``text_pieces`` may hold a match of a pattern screened ``groups``
    (:func:`trainer.scoring.families.find` spells this out, as it runs very often)."""
    return not any(map(text_pieces.isdisjoint, groups))


def screen(regex: re.Pattern[str] | str) -> Screen:
    """The piece groups of ``regex`` (none when nothing certain can be read off it).

    A pattern may be given as its source, unflagged and not yet compiled: reading it
    parses it, so a line screened this way is only compiled once a reply may match it.
    Case-insensitive patterns get none (a piece is matched case by case), nor does a
    pattern this Python's parser reads differently than expected: then the family is
    simply always scanned for, as before. A source that is no pattern raises
    :class:`re.error`, as compiling it would."""
    source, flags = (regex, 0) if isinstance(regex, str) else (regex.pattern, regex.flags)
    if flags & re.IGNORECASE:
        return ()
    try:
        parser: Any = importlib.import_module("re._parser")
    except ImportError:
        return ()
    tree = parser.parse(source, flags)  # re.error: not a pattern
    try:
        reading = _sequence(tree, False)
    except (AttributeError, TypeError, ValueError, LookupError, re.error):
        return ()  # a private module: another Python may lay it out differently
    groups = list(reading.groups)
    if reading.exact is not None:
        groups.extend(_group(reading.exact))
    kept: list[frozenset[str]] = []
    for group in sorted(groups, key=_order):
        if len(kept) < _MAX_GROUPS and not any(_implies(k, group) for k in kept):
            kept.append(group)
    return tuple(kept)


SHIPPED = "screens.json"
"""Package file of the shipped phrases' screens (:func:`table`), so that a process need
not parse every pattern again to read them: reading them costs more than scoring a
few hundred replies. Rebuilt by ``python scripts/build_screens.py``; a test fails when it
no longer matches the phrase files."""


def key(source: str) -> str:
    """The short name of a pattern's source in :data:`SHIPPED`."""
    return hashlib.blake2b(source.encode("utf-8"), digest_size=10).hexdigest()


@cache
def _shipped() -> dict[str, list[list[str]]]:
    try:
        data = json.loads(resources.files("trainer.scoring").joinpath(SHIPPED)
                          .read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no table: every screen is read off its pattern, as it was before one
    return data if isinstance(data, dict) else {}


def known(source: str) -> Screen | None:
    """The screen of ``source`` as shipped, or ``None`` when the table lacks it (a phrase
    edited since: its screen is then read off the pattern itself)."""
    groups = _shipped().get(key(source))
    if not isinstance(groups, list):
        return None
    return tuple(frozenset(group) for group in groups)


def table(sources: Iterable[str]) -> dict[str, list[list[str]]]:
    """What :data:`SHIPPED` holds for ``sources``: each one's screen, by :func:`key`.
    Each source is compiled first, so a source in the table is known to be a pattern."""
    out: dict[str, list[list[str]]] = {}
    for source in sorted(set(sources)):
        re.compile(source)
        out[key(source)] = [sorted(group) for group in screen(source)]
    return dict(sorted(out.items()))


def _implies(found: frozenset[str], other: frozenset[str]) -> bool:
    """Whether a text with a piece of ``found`` always has one of ``other`` (" insult"
    and "insu"): testing ``other`` too would rule nothing more out."""
    return all(any(o in f for o in other) for f in found)


@lru_cache(maxsize=8192)
def _piece(needle: str) -> str:
    """The most telling piece of ``needle`` (:func:`_strength`; "" when it has none): a
    whole word, else the start of one, else four characters."""
    best, strength = "", 0
    words = needle.split(" ")
    last = len(words) - 1
    for k in range(1, last + 1):
        word = words[k]
        if k < last and len(word) + 1 >= strength:  # ties: the whole word over its start
            best, strength = " " + word + " ", len(word) + 1
        elif len(word) >= QUAD and min(len(word), PREFIX) + 1 > strength:
            best, strength = " " + word[:PREFIX], min(len(word), PREFIX) + 1
    if strength >= QUAD:
        return best  # no run of four characters is stronger
    runs = [needle[k:k + QUAD] for k in range(len(needle) - QUAD + 1)]
    return max(runs, key=_strength, default=best)


def _strength(piece: str) -> int:
    """How rarely a reply holds ``piece``: its letters, one more if it starts a word."""
    return len(piece) - piece.count(" ") + (piece[:1] == " ")


def _group(strings: set[str] | frozenset[str]) -> list[frozenset[str]]:
    """The pieces of ``strings`` (one of which every match holds) as a group, or no group
    when one of them has no piece strong enough to rule anything out."""
    group = frozenset(_piece(s) for s in strings)
    if not group or min(map(_strength, group)) < _STRONG:
        return []
    return [group]


def _rank(group: frozenset[str]) -> tuple[int, int]:
    """Higher for a group that rules out more replies for fewer tests: pieces strong enough
    to be rare, then as few of them as possible."""
    return min(_STRONG_ENOUGH, min(map(_strength, group))), -len(group)


def _order(group: frozenset[str]) -> tuple[int, int, list[str]]:
    """Best group first (:func:`_rank`), ties by their pieces: a set's order changes from
    process to process, and the shipped screens (:data:`SHIPPED`) must not."""
    strength, size = _rank(group)
    return -strength, -size, sorted(group)


@dataclass(frozen=True, slots=True)
class _Reading:
    exact: frozenset[str] | None
    """Every string the node can match, when there are few; ``None`` for "anything"."""
    groups: tuple[frozenset[str], ...]
    """Piece groups: a match of the node holds one piece of each (in the text)."""
    spaced: bool = False
    """Whether the text up to the end of any match of the node ends in a space (what
    follows starts a word)."""


_ANYTHING = _Reading(None, ())


def _sequence(items: Any, after_space: bool) -> _Reading:
    """Strings in a row: exact strings join up (" " then "rude" is " rude") while few.

    A string known to follow a space is taken with it (" fix" rules out "prefix"), also
    at the start (``after_space``), where the space is the text's, not the sequence's:
    such a string goes into a group, never into the sequence's exact strings."""
    lead = " " if after_space else ""
    run: set[str] = {""}
    first = True
    """Whether ``run`` started where the sequence does (and so follows ``lead``)."""
    exact = True
    space = after_space
    groups: list[frozenset[str]] = []

    def close(strings: set[str], at_start: bool) -> None:
        groups.extend(_group({lead + s for s in strings} if at_start else strings))

    for node in _nodes(items, after_space):
        groups.extend(node.groups)
        if node.exact is None:
            close(run, first)
            run, exact, first = {" " if node.spaced else ""}, False, False
        elif len(run) * len(node.exact) <= _MAX_STRINGS:
            if len(node.exact) > 1:
                close(run, first)  # "waste of " may rule out as much as all its endings
            run = {a + b for a in run for b in node.exact}
        else:
            close(run, first)
            before = " " if space else ""
            run, exact, first = {before + b for b in node.exact}, False, False
        space = node.spaced
    if exact:
        if lead:
            close(run, True)
        return _Reading(frozenset(run), tuple(groups), space)
    close(run, first)
    return _Reading(None, tuple(groups), space)


def _nodes(items: Any, after_space: bool) -> Iterator[_Reading]:
    """The readings of a sequence's nodes, each literal run as one (a pattern is mostly
    letters: reading them one by one would take most of the time)."""
    letters: list[str] = []
    space = after_space
    for op, av in items:
        if getattr(op, "name", "") == "LITERAL":
            letters.append(chr(av))
            continue
        if letters:
            space = letters[-1] == " "
            yield _Reading(frozenset({"".join(letters)}), (), space)
            letters = []
        node = _node(op, av, space)
        space = node.spaced
        yield node
    if letters:
        yield _Reading(frozenset({"".join(letters)}), (), letters[-1] == " ")


def _best(node: _Reading, count: int = 1) -> list[frozenset[str]]:
    """The ``count`` groups of ``node`` that rule out most replies for fewest tests
    (:func:`_rank`), best first; fewer when it has fewer."""
    candidates = {*node.groups, *(_group(node.exact) if node.exact is not None else ())}
    return sorted(candidates, key=_order)[:count]


def _node(op: Any, av: Any, after_space: bool) -> _Reading:
    """What one parsed node of a pattern must match; ``after_space``: whether the text
    before it is known to end in a space."""
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        return _Reading(frozenset({chr(av)}), (), chr(av) == " ")
    if name in _ZERO_WIDTH:
        return _Reading(frozenset({""}), (), after_space)
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            kind_name = getattr(kind, "name", str(kind))
            if kind_name == "LITERAL":
                chars.add(chr(value))
            elif kind_name == "RANGE" and value[1] - value[0] < 8:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # a negated set, a category ("\w"), a wide range
                return _ANYTHING
        if not 0 < len(chars) <= 8:
            return _ANYTHING
        return _Reading(frozenset(chars), (), chars == {" "})
    if name == "SUBPATTERN":
        _group_number, add_flags, _del_flags, body = av
        return _ANYTHING if add_flags & re.IGNORECASE else _sequence(body, after_space)
    if name == "ATOMIC_GROUP":
        return _sequence(av, after_space)
    if name == "BRANCH":
        return _branch([_sequence(b, after_space) for b in av[1]])
    if name in _REPEATS:
        low, high, body = av
        # each turn starts after the one before, which ends in a space if the first did
        inner = _sequence(body, after_space)
        if low == 0:
            spaced = inner.spaced and after_space
            if high == 1 and inner.exact is not None:
                return _Reading(inner.exact | {""}, (), spaced)
            return _Reading(None, (), spaced)
        if low == high == 1:
            return inner
        return _Reading(None, (*inner.groups, *_best(inner)), inner.spaced)
    return _ANYTHING  # any character, a category, a back-reference...


def _branch(branches: list[_Reading]) -> _Reading:
    """Alternatives: any match matches one of them, so it holds a piece of the best group
    of one of them, and one of its second best (or best again, when it has one group);
    and their exact strings together, while few, join up with what follows."""
    best = [_best(b, 2) for b in branches]
    groups: tuple[frozenset[str], ...] = ()
    if all(best):
        first = frozenset(p for g in best for p in g[0])
        second = frozenset(p for g in best for p in g[-1])
        groups = (first, second) if second != first else (first,)
    spaced = all(b.spaced for b in branches)
    if all(b.exact is not None for b in branches):
        union = frozenset(s for b in branches for s in b.exact or ())
        if len(union) <= _MAX_STRINGS:
            return _Reading(union, groups, spaced)
    return _Reading(None, groups, spaced)
