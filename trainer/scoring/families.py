"""Phrase families: named, weighted word patterns matched over a reply's canonical words.

A family is a regular expression over the space-joined canonical words of a
:class:`~trainer.scoring.utterance.Utterance`, written with a few macros so it
reads like the phrases it stands for (``{subj} {aux}decline``). Fuzziness lives
one level down, in the canonical words (misheard and misspelt words are
repaired there with a similarity score), so a family match is scored as its
weight times the weakest word similarity in the span.

The families are data: one plain-text file per family under ``phrases/``
(``thanks.txt``, ``refusals.txt``, ``reasons.txt``...), each block a name, a
weight, a tag and one way of saying it per line, with shared word lists in
``macros.txt``. Someone tuning the scorer edits phrases there, not code. Each
file is read and compiled once per process (:func:`load`) and shared by every
:class:`~trainer.scoring.Scorer`; a malformed file is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

from trainer.errors import TrainerError
from trainer.scoring.needles import Screen, known, screen
from trainer.scoring.utterance import Utterance

W = r"[^ ,.?]+"
"""One word (never punctuation)."""


_AUX_WORDS = """
am are going to have has had got will would be been must need needs want wanted like decided decide
afraid sorry really just unfortunately sadly regrettably respectfully politely formally
officially now then so therefore definitely still also actually honestly ultimately reluctantly
um uh er kindly i've i'll i'm i i'd choose chose chosen opted elected plan planning intend
probably maybe might may think should could can kind of sort leaning towards toward not never
won't can't don't wouldn't shouldn't already instead though however hereby do does obviously
simply feel felt thinking please respectively
"""
"""Words that may sit between "I" and a decision verb ("I'm afraid I'll have to decline").

Hedges and negators are included on purpose: the decision is found, then vetoed
with the reason shown, rather than silently missed."""

_AUX = "|".join(sorted(set(_AUX_WORDS.split()), key=lambda w: (-len(w), w)))

MACROS: dict[str, str] = {
    "w": W,
    "g1": rf"(?:{W} )?",
    "g2": rf"(?:{W} ){{0,2}}",
    "g3": rf"(?:{W} ){{0,3}}",
    "g4": rf"(?:{W} ){{0,4}}",
    "g6": rf"(?:{W} ){{0,6}}",
    "subj": r"(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|we'd)",
    "aux": rf"(?:(?:{_AUX}) ){{0,7}}",
    "modal": (
        r"(?:going to|have to|has to|need to|got to|must|will|i'll|want to|would like to|"
        r"i'd like to|decided to|have decided to|afraid i|gonna|gotta)"
    ),
    "neg": (
        r"(?:won't|will not|not|can't|don't|never|unable to|wouldn't|am not|i'm not|isn't|"
        r"shan't)"
    ),
    "end": r"(?= [,.?]|$)",
}
"""Macros usable in a family pattern as ``{name}``; anything else in braces is regex."""

POLITE_IF = ("if that's", "if you don't mind", "if that is", "if it's okay", "if it's all right",
              "if i'm honest", "if i'm being honest", "if you like", "if anything",
              "if you must know", "if i may", "if possible", "if it helps")
"""Openings of a polite "if" that sets no condition ("if that's okay", "if I'm honest")."""

_START = re.compile(r"(?<![\[\\])\^")
"""A "^" that anchors (not one that negates a character class, nor an escaped one)."""
_MACRO = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def expand(pattern: str) -> str:
    """``pattern`` with its macros replaced (a macro may use other macros, three deep)."""
    for _ in range(4):
        expanded = _MACRO.sub(lambda m: MACROS.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


SCREEN_AFTER = 50
"""Scans of a family after which what a match needs is read off its pattern. Reading it
costs about as much as a few hundred scans: a call of a few replies never pays for it,
a batch of thousands does, many times over."""
SPLIT_LINES = 3
"""A family of this many phrase lines or more is also screened line by line: most of its
lines need words a reply lacks, and only the others are scanned for."""


@dataclass(frozen=True, slots=True)
class _Lines:
    """A long family's phrase lines on their own, indexed by the pieces they need, so the
    lines a reply may match are found without testing every line."""

    sources: tuple[str, ...]
    """Each line's regex source (:func:`_source`)."""
    regexes: list[re.Pattern[str] | None]
    """Each line compiled, once a reply may match it: most lines never are in a call."""
    index: dict[str, int]
    """Piece -> the lines (bits) whose first screen group holds it."""
    keys: frozenset[str]
    free: int
    """The lines with no screen: always scanned for."""
    rest: tuple[Screen, ...]
    """Each line's screen groups after its first."""

    @classmethod
    def of(cls, sources: Sequence[str], screens: Sequence[Screen] | None = None) -> _Lines:
        """The lines of ``sources``, with their ``screens`` when known (else read here);
        :class:`re.error` if one is no pattern on its own."""
        index: dict[str, int] = {}
        free = 0
        if screens is None:
            screens = [screen(s) for s in sources]
        for k, groups in enumerate(screens):
            if not groups:
                free |= 1 << k
                continue
            for piece in groups[0]:
                index[piece] = index.get(piece, 0) | 1 << k
        return cls(tuple(sources), [None] * len(sources), index, frozenset(index), free,
                   tuple(g[1:] for g in screens))

    def live(self, pieces: frozenset[str]) -> list[re.Pattern[str]]:
        """The patterns of the lines a text with ``pieces`` may match, in line order."""
        mask = self.free
        index = self.index
        for piece in self.keys & pieces:
            mask |= index[piece]
        out: list[re.Pattern[str]] = []
        while mask:
            low = mask & -mask
            mask ^= low
            k = low.bit_length() - 1
            if not any(map(pieces.isdisjoint, self.rest[k])):
                regex = self.regexes[k]
                if regex is None:
                    regex = self.regexes[k] = re.compile(self.sources[k])
                out.append(regex)
        return out


class _Screening:
    """How often a family was scanned for, and its screens once read (``None`` until then):
    the family's own, and its lines' when it has many."""

    __slots__ = ("groups", "lines", "scans")

    def __init__(self) -> None:
        self.scans = 0
        self.groups: Screen | None = None
        self.lines: _Lines | None = None


@dataclass(frozen=True)
class Family:
    """A named way of saying something, with how strongly it counts (0-100)."""

    name: str
    source: str
    """The regex the pattern stands for (:func:`_source`)."""
    weight: float = 100.0
    tag: str = ""
    """Detector-specific kind ("bare" refusal, "reported" thanks...)."""
    has_core: bool = False
    """Whether the pattern marks its head word with a group named ``v``."""
    lines: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The phrase lines the pattern is the alternatives of, as written (none when it was
    given whole)."""
    screening: _Screening = field(default_factory=_Screening, init=False, compare=False,
                                  repr=False)
    """What a reply needs for this family to match in it (:mod:`.needles`), once read."""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern, once a reply is scanned for the whole family: a family
        screened line by line (:class:`_Lines`) seldom is."""
        return re.compile(self.source)


def family(name: str, pattern: str, weight: float = 100.0, tag: str = "",
           lines: Sequence[str] = ()) -> Family:
    """The family of ``pattern``; ``lines``, when given, are its alternatives one by one
    (``pattern`` is them joined by "|"), so long families can be screened line by line.

    A family whose screens ship with the package (:data:`.needles.SHIPPED`) is screened
    from its first reply and compiled only when scanned for; any other is compiled here,
    so a bad pattern is reported where it is loaded (:class:`re.error`)."""
    source = _source(pattern)
    fam = Family(name, source, weight, tag, "(?P<v>" in source, tuple(lines))
    if not _screens_shipped(fam):
        _ = fam.regex
    return fam


def _line_sources(fam: Family) -> list[str] | None:
    """A long family's lines as regex sources, to be screened one by one (``None`` for a
    family too short to be worth it)."""
    return [_source(line) for line in fam.lines] if len(fam.lines) >= SPLIT_LINES else None


def _screens_shipped(fam: Family) -> bool:
    """Set ``fam``'s screens from the shipped table, as :func:`read_screens` would read
    them; whether the table had them."""
    sources = _line_sources(fam)
    if sources is not None:
        screens = [known(s) for s in sources]
        if all(s is not None for s in screens):
            fam.screening.lines = _Lines.of(sources, [s for s in screens if s is not None])
            fam.screening.groups = ()
            return True
    groups = known(fam.source)
    if groups is None:
        return False
    fam.screening.groups = groups
    return True


def shipped_sources(fams: Iterable[Family]) -> list[str]:
    """The sources whose screens :func:`family` looks up for ``fams``: each one's own and,
    for a long family, its lines' (:data:`.needles.SHIPPED` is built from these)."""
    out: list[str] = []
    for fam in fams:
        out.append(fam.source)
        sources = _line_sources(fam)
        if sources is not None:
            try:
                for source in sources:
                    re.compile(source)
            except re.error:
                continue  # a line that is no pattern on its own: the family stays whole
            out.extend(sources)
    return out


def _source(pattern: str) -> str:
    body = expand(pattern)
    # Matched against " " + the joined words, from a literal space: the regex engine then
    # jumps from word start to word start instead of trying every character, which makes
    # the families several times faster. "^" (the start of the reply) becomes "just after
    # that leading space".
    body = _START.sub("(?<=^ )", body)
    return rf" (?:{body})(?![^ ])"


def read_screens(fam: Family) -> Screen:
    """Read ``fam``'s screens into its :class:`_Screening`; its own screen back (none for a
    family screened line by line: its lines' index rules it out as well, and reading the
    whole pattern again would cost a third of the reading)."""
    screening = fam.screening
    sources = _line_sources(fam)
    if sources is not None:
        try:
            screening.lines = _Lines.of(sources)
        except re.error:  # a line that is no pattern on its own: the family stays whole
            screening.lines = None
    screening.groups = () if screening.lines is not None else screen(fam.regex)
    return screening.groups


def _merged(regexes: Sequence[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """The matches of the alternation of ``regexes`` (each a family's line, in order), as
    ``finditer`` gives them: at the leftmost place any line matches, the first such line's
    match, then on from its end. The lines left out cannot match in ``text``, so this is
    what the whole family finds there."""
    found = [r.search(text) for r in regexes]
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for k, m in enumerate(found):
            if m is not None and m.start() < pos:
                m = found[k] = regexes[k].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()


@dataclass(frozen=True)
class Hit:
    family: Family
    i: int
    """First word index (into :attr:`Utterance.words`)."""
    j: int
    """One past the last word index."""
    score: float
    core: tuple[int, int]
    """Word span of the group named ``v`` (the verb or head word), or the whole span."""

    @property
    def name(self) -> str:
        return self.family.name


def find(utt: Utterance, fams: Sequence[Family]) -> list[Hit]:
    """Every match of every family, in reply order."""
    hits: list[Hit] = []
    spaced = utt.spaced
    exact = utt.exact
    span = utt.word_span
    read = False
    pieces: frozenset[str] | None = None
    for fam in fams:
        screening = fam.screening
        groups = screening.groups
        if groups is None:
            screening.scans += 1
            if screening.scans >= SCREEN_AFTER and not read:
                # one family read per call, so no reply waits for all of them at once
                groups = read_screens(fam)
                read = True
        matches: Iterable[re.Match[str]]
        if groups is None:
            matches = fam.regex.finditer(spaced)
        else:
            if pieces is None:
                pieces = utt.pieces
            if groups and any(map(pieces.isdisjoint, groups)):
                continue  # text every match holds is missing: no match (needles.py)
            lines = screening.lines
            live = lines.live(pieces) if lines is not None else []
            if lines is None or len(live) == len(lines.sources):
                matches = fam.regex.finditer(spaced)
            elif not live:
                continue
            elif len(live) == 1:
                matches = live[0].finditer(spaced)
            else:
                matches = _merged(live, spaced)
        for m in matches:
            start, end = m.span()
            start += 1  # the leading space; offsets below are into utt.joined
            end -= 1
            if end <= start:
                continue
            i, j = span(start, end)
            core = (i, j)
            if fam.has_core and "v" in m.re.groupindex and m.start("v") >= 0:
                core = span(m.start("v") - 1, m.end("v") - 1)
            score = fam.weight if exact else fam.weight * utt.similarity(i, j) / 100.0
            hits.append(Hit(fam, i, j, score, core))
    hits.sort(key=lambda h: (h.i, -h.score))
    return hits


PHRASES = "phrases"
"""Package folder of the phrase files: one readable file per family, edited to tune the
scorer (phrases, not code)."""
_HEAD = re.compile(r"^==\s*(?P<name>[^|\s][^|]*?)\s*(?:\|\s*(?P<weight>[0-9.]+)\s*)?"
                   r"(?:\|\s*(?P<tag>[a-z_]+)\s*)?$")


@dataclass(frozen=True)
class _Block:
    name: str
    weight: float
    tag: str
    lines: tuple[str, ...]
    line: int
    """Line number of the block's header, for error messages."""


def _blocks(name: str) -> tuple[_Block, ...]:
    """The ``== name | weight | tag`` blocks of phrase file ``name``, in file order."""
    source = resources.files("trainer.scoring").joinpath(PHRASES, f"{name}.txt")
    return parse_blocks(source.read_text(encoding="utf-8"), f"{PHRASES}/{name}.txt")


def parse_blocks(text: str, where: str) -> tuple[_Block, ...]:
    """The blocks of a phrase file's ``text``; ``where`` names the file in error messages."""
    blocks: list[_Block] = []
    head: re.Match[str] | None = None
    head_line = 0
    lines: list[str] = []

    def close() -> None:
        if head is not None:
            if not lines:
                raise TrainerError(f"{where} line {head_line}: block {head['name']!r} has no "
                                   "phrases; add at least one line under its header")
            blocks.append(_Block(head["name"], float(head["weight"] or 100.0),
                                 head["tag"] or "", tuple(lines), head_line))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            close()
            head, head_line, lines = _HEAD.match(line), number, []
            if head is None:
                raise TrainerError(f"{where} line {number}: a block header is "
                                   "'== name | weight | tag', e.g. '== thank you | 100'")
            continue
        if head is None:
            raise TrainerError(f"{where} line {number}: a phrase before the first "
                               "'== name' header; start the file with a header")
        lines.append(line)
    close()
    return tuple(blocks)


def compile_blocks(blocks: Sequence[_Block], where: str) -> tuple[Family, ...]:
    """Each block as a family; a bad pattern is reported with its file and line."""
    out: list[Family] = []
    for block in blocks:
        try:
            out.append(family(block.name, "|".join(block.lines), block.weight, block.tag,
                              block.lines))
        except re.error as exc:
            raise TrainerError(f"{where}, block starting line {block.line} "
                               f"({block.name!r}): not a valid pattern: {exc}") from exc
    return tuple(out)


def _load_macros() -> None:
    for block in _blocks("macros"):
        MACROS[block.name] = "(?:" + "|".join(block.lines) + ")"


_load_macros()


def macro_words(name: str) -> frozenset[str]:
    """The plain words of a macro that is a word list ("harsh"), for set look-ups."""
    body = MACROS[name][3:-1]
    return frozenset(part for part in body.split("|") if re.fullmatch(r"[a-z' -]+", part))


_LOADED: dict[tuple[str, bool], tuple[Family, ...]] = {}
"""The phrase files read so far, by name and whether merged (:func:`loaded_families`)."""


def load(name: str) -> tuple[Family, ...]:
    """The families of phrase file ``name`` (``phrases/<name>.txt``), compiled once."""
    if (name, False) not in _LOADED:
        _LOADED[name, False] = compile_blocks(_blocks(name), f"{PHRASES}/{name}.txt")
    return _LOADED[name, False]


def loaded_families() -> list[Family]:
    """Every family of the phrase files read so far: once the scorer is imported, all the
    ones it scans for (the shipped screens are built from these)."""
    return [fam for fams in _LOADED.values() for fam in fams]


def load_merged(name: str) -> tuple[Family, ...]:
    """Like :func:`load`, but the blocks that share a name, weight and tag (a file written
    by category repeats them) are one family: one scan of the reply each, not one per
    block. For detectors that only ask whether, where and which family matched."""
    if (name, True) not in _LOADED:
        _LOADED[name, True] = compile_merged(_blocks(name), f"{PHRASES}/{name}.txt")
    return _LOADED[name, True]


def compile_merged(blocks: Sequence[_Block], where: str) -> tuple[Family, ...]:
    """The families of ``blocks``, one per name, weight and tag (:func:`load_merged`)."""
    groups: dict[tuple[str, float, str], list[_Block]] = {}
    for block in blocks:
        groups.setdefault((block.name, block.weight, block.tag), []).append(block)
    merged = [_Block(first.name, first.weight, first.tag,
                     tuple(line for b in group for line in b.lines), first.line)
              for group in groups.values() for first in group[:1]]
    try:
        return compile_blocks(merged, where)
    except TrainerError:
        # a merged family names only its first block's line: compiling the blocks one by
        # one (only now, as it doubles the start-up) names the line of the one at fault
        compile_blocks(blocks, where)
        raise
