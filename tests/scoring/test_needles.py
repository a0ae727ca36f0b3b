"""The screen before the phrase families: it may only skip a family that cannot match.

A family skipped wrongly would silently drop a decision, so the test is soundness:
wherever a pattern matches, its screen lets the text through.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from trainer.scoring.families import (
    PHRASES,
    Family,
    family,
    find,
    load,
    load_merged,
    loaded_families,
    read_screens,
)
from trainer.scoring.needles import known, passes, pieces, screen
from trainer.scoring.utterance import Utterance

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def _passes(text: str, pattern: re.Pattern[str]) -> bool:
    return passes(pieces(text), screen(pattern))


def _replies() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.extend(t for t in (row.get("reply"), row.get("context")) if t)
    return out


def _phrase_files() -> list[str]:
    folder = resources.files("trainer.scoring").joinpath(PHRASES)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")
                  and p.name[:-4] not in ("macros", "recruiter_lines"))


def test_every_shipped_family_passes_every_reply_it_matches() -> None:
    texts = [Utterance(t).spaced for t in _replies()]
    assert len(texts) > 50
    matched = 0
    for name in _phrase_files():
        for fam in (*load(name), *(load_merged(name) if name == "offence" else ())):
            for text in texts:
                if fam.regex.search(text):
                    matched += 1
                    assert _passes(text, fam.regex), (fam.name, text)
    assert matched > 100  # the check saw real matches, not only misses


@pytest.mark.parametrize(("pattern", "text"), [
    ("rude|arrogant", " they were arrogant"),
    ("(?:a |total )*waste of (?:my )?time", " what a total waste of my time"),
    ("{subj} {aux}decline", " i'm afraid i'll have to decline"),
    ("(?:{w} )?joke", " the whole thing was a joke"),
    ("^no(?= [,.?]|$)", " no , thanks"),
    ("(?:had|have) (?:enough|it) (?:of|with) (?:you|them)", " i have had enough of them"),
    ("thank(?:s| you)+", " thank you you"),
    ("[bc]at", " a cat"),
])
def test_a_text_with_a_match_passes(pattern: str, text: str) -> None:
    regex = family("t", pattern).regex
    assert regex.search(text)
    assert _passes(text, regex)


def test_a_text_without_the_words_a_family_needs_is_ruled_out() -> None:
    regex = family("t", "(?:a |total )*waste of (?:my |our )?(?:time|effort)").regex
    assert not _passes(" it was a good use of my time", regex)
    assert _passes(" a waste of effort", regex)
    # the start of a word is part of the test: "prefix" holds no word "fix"
    fix = family("t", "(?:you|they) (?:{w} )?(?:fix|mend) it").regex
    assert not _passes(" a prefix mends it", fix)


@pytest.mark.parametrize("pattern", ["(?i)Decline", "no|n", ".*", "(.)\\1"])
def test_what_cannot_be_read_safely_is_never_screened(pattern: str) -> None:
    assert screen(re.compile(pattern)) == ()


def _screened(fam: Family) -> Family:
    read_screens(fam)
    return fam


def test_find_with_screens_read_finds_what_the_whole_patterns_find() -> None:
    """Line by line and family by family, the screens change no hit: families are read
    fresh (never screened) and screened, and every shipped one is tried on every reply."""
    utts = [Utterance(t) for t in _replies()]
    split = 0
    for name in _phrase_files():
        for fams in (load(name), load_merged(name) if name == "offence" else ()):
            fresh = [replace(f) for f in fams]
            screened = [_screened(replace(f)) for f in fams]
            split += sum(1 for s in screened if s.screening.lines is not None)
            for utt in utts:
                assert find(utt, screened) == find(utt, fresh), (name, utt.text)
    assert split > 20  # long families were tried line by line


def test_overlapping_lines_are_found_as_their_alternation_finds_them() -> None:
    lines = ("really rude", "rude people", "people", "zebra crossing", "rude")
    fam = family("t", "|".join(lines), lines=lines)
    screened = _screened(family("t", "|".join(lines), lines=lines))
    assert screened.screening.lines is not None
    assert len(screened.screening.lines.sources) == len(lines)
    for text in ("really rude people", "rude people really rude", "people rude zebra",
                 "rude rude people people", "zebra crossing rude"):
        utt = Utterance(text)
        assert find(utt, [screened]) == find(utt, [fam]), text
    found = find(Utterance("really rude people"), [screened])
    assert [(h.i, h.j) for h in found] == [(0, 2), (2, 3)]


def test_a_line_is_compiled_only_once_a_reply_may_match_it() -> None:
    lines = ("walrus tusks", "rude people", "zebra crossing")
    screened = _screened(family("t", "|".join(lines), lines=lines))
    assert screened.screening.lines is not None
    assert screened.screening.lines.regexes == [None, None, None]
    found = find(Utterance("such rude people"), [screened])
    assert [(h.i, h.j) for h in found] == [(1, 3)]
    compiled = [r is not None for r in screened.screening.lines.regexes]
    assert compiled == [False, True, False]


def test_a_line_that_is_no_pattern_on_its_own_leaves_the_family_whole() -> None:
    lines = ("(?:rude", "people)", "zebra crossing", "walrus")
    screened = _screened(family("t", "|".join(lines), lines=lines))
    assert screened.screening.lines is None
    fresh = family("t", "|".join(lines), lines=lines)
    utt = Utterance("rude people")
    assert find(utt, [screened]) == find(utt, [fresh])
    assert [(h.i, h.j) for h in find(utt, [screened])] == [(0, 1), (1, 2)]


def test_the_shipped_screens_are_those_of_the_phrase_files() -> None:
    """In a fresh process, as the scorer loads them; a stale table fails here until it is
    rebuilt with ``python scripts/build_screens.py``."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_screens.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_families_screened_from_the_table_are_screened_as_reading_them_would() -> None:
    import trainer.scoring.scorer  # noqa: F401  (every detector's phrase files, loaded)

    fams = [f for f in loaded_families() if f.screening.groups is not None]
    assert len(fams) > 100
    for fam in fams:
        read = _screened(replace(fam))
        assert fam.screening.groups == read.screening.groups, fam.name
        assert (fam.screening.lines is None) == (read.screening.lines is None), fam.name
        if fam.screening.lines is not None and read.screening.lines is not None:
            assert fam.screening.lines.index == read.screening.lines.index, fam.name
            assert fam.screening.lines.rest == read.screening.lines.rest, fam.name
            assert fam.screening.lines.free == read.screening.lines.free, fam.name


def test_a_family_the_table_lacks_is_compiled_when_made_and_read_later() -> None:
    fam = family("t", "walrus (?:tusks|teeth) and {w} narwhals")
    assert known(fam.source) is None
    assert fam.screening.groups is None
    assert "regex" in vars(fam)  # compiled when made: a bad pattern is reported there
    with pytest.raises(re.error):
        family("t", "(?:unclosed")
