"""Phrase families as data: every shipped file loads, and a broken one says where."""

from __future__ import annotations

from importlib import resources

import pytest

from trainer.errors import TrainerError
from trainer.scoring.families import (
    PHRASES,
    compile_blocks,
    compile_merged,
    load,
    parse_blocks,
)


def _shipped() -> list[str]:
    folder = resources.files("trainer.scoring").joinpath(PHRASES)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def test_every_phrase_file_loads_once() -> None:
    names = [n for n in _shipped() if n not in ("macros", "recruiter_lines")]
    assert {"thanks", "refusals", "reasons", "offence", "hedges", "close"} <= set(names)
    for name in names:
        families = load(name)
        assert families, name
        assert load(name) is families  # compiled once per process


def test_a_block_reads_name_weight_tag_and_alternative_lines() -> None:
    blocks = parse_blocks("# comment\n== no way | 85 | idiom\nno chance\ncount me out\n", "t")
    (fam,) = compile_blocks(blocks, "t")
    assert (fam.name, fam.weight, fam.tag) == ("no way", 85.0, "idiom")
    assert fam.regex.search(" count me out") and fam.regex.search(" no chance")


@pytest.mark.parametrize(("text", "message"), [
    ("no header\n", "t line 1: a phrase before the first '== name' header"),
    ("== | 90\nx\n", "t line 1: a block header is '== name | weight | tag'"),
    ("== empty | 90\n== next\nx\n", "t line 1: block 'empty' has no phrases"),
])
def test_a_malformed_file_names_the_line(text: str, message: str) -> None:
    with pytest.raises(TrainerError, match="^" + message.replace("|", r"\|")):
        parse_blocks(text, "t")


def test_a_bad_pattern_names_its_block() -> None:
    blocks = parse_blocks("\n== oops | 90\n(?:unclosed\n", "t")
    with pytest.raises(TrainerError, match=r"t, block starting line 2 .'oops'.: not a valid"):
        compile_blocks(blocks, "t")


def test_merged_blocks_are_one_family_and_a_bad_one_names_its_own_line() -> None:
    text = "== jab | 90\nrubbish offer\n== other | 50\nfine\n== jab | 90\n(?:unclosed\n"
    with pytest.raises(TrainerError, match=r"t, block starting line 5 .'jab'.: not a valid"):
        compile_merged(parse_blocks(text, "t"), "t")
    fams = compile_merged(parse_blocks(text.replace("(?:unclosed", "cheap deal"), "t"), "t")
    assert [(f.name, f.lines) for f in fams] == [("jab", ("rubbish offer", "cheap deal")),
                                                  ("other", ("fine",))]


def test_recruiter_line_kinds_are_data_too() -> None:
    from trainer.scoring import context

    assert "recruiter_lines" in _shipped()
    assert {"future", "change", "info", "wrapup", "why", "where"} <= set(context._LINES)
