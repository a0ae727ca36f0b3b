"""``trainer export``: the format follows the ``--out`` suffix unless ``--format`` says."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.sessions import Session

RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize(
    ("name", "fmt", "looks_like"),
    [
        ("report.md", "md", "# "),
        ("report.HTML", "html", "<!DOCTYPE html>"),
        ("report.txt", "txt", "Offer Accepted Elsewhere"),
        ("call.json", "json", "{"),
        ("report", "md", "# "),
    ],
)
def test_format_from_the_out_suffix(
    cli: Cli, record: RecordFn, tmp_path: Path, name: str, fmt: str, looks_like: str
) -> None:
    record()
    target = tmp_path / name
    code, out, err = cli("export", "last", "--out", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote {target} ({fmt}).\n"
    text = target.read_text()
    assert text.lstrip().startswith(looks_like) if fmt != "txt" else looks_like in text
    if fmt == "json":
        json.loads(text)
    if fmt == "txt":
        assert "<" not in text.splitlines()[0] and "\x1b" not in text


def test_no_out_and_no_format_prints_markdown(cli: Cli, record: RecordFn) -> None:
    record()
    code, out, _ = cli("export", "last")
    assert code == 0 and out.startswith("# ")


def test_an_explicit_format_wins_over_the_suffix(
    cli: Cli, record: RecordFn, tmp_path: Path
) -> None:
    record()
    target = tmp_path / "notes.txt"
    assert cli("export", "last", "--format", "html", "--out", str(target))[0] == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_an_unknown_suffix_is_refused_before_anything_is_written(
    cli: Cli, record: RecordFn, tmp_path: Path
) -> None:
    record()
    target = tmp_path / "report.pdf"
    code, out, err = cli("export", "last", "--out", str(target))
    assert code == 2 and out == ""
    assert "'.pdf'" in err and ".md" in err and "--format" in err
    assert not target.exists()
