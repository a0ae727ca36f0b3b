"""YAML syntax errors in words, with the line and a caret, as ``trainer validate`` prints them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from trainer.scenario.loader import check_file
from trainer.scenario.yaml_errors import snippet


def problem(tmp_path: Path, text: str) -> tuple[int, int, str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    found = check_file(path).problems
    assert len(found) == 1, found
    return found[0].line, found[0].column, found[0].message


@pytest.mark.parametrize(
    ("text", "where", "says", "shown"),
    [
        ("id: x\ntitle: Declining: an offer\n", (2, 17),
         'an unquoted colon in a value: a colon followed by a space starts a new key, so put '
         'the whole value in quotes (e.g. title: "Declining: an offer")',
         "  2 | title: Declining: an offer\n    |                 ^"),
        ("id: x\nturns:\n\t- id: a\n", (3, 1),
         "a tab is used for indentation; YAML indents with spaces only",
         "  3 | →- id: a\n    | ^"),
        ("id: x\n  title: y\n", (2, 3), "bad indentation: this line is indented further",
         "  2 |   title: y\n    |   ^"),
        ("id: x\nturns:\n  - id: a\n   line: hi\n", (4, 4), "bad indentation", "    |    ^"),
        ('id: x\ntitle: "Declining an offer\nsituation: a\n', (2, 8),
         "a quote opened at line 2, column 8 is never closed",
         '  2 | title: "Declining an offer\n    |        ^'),
        ("id: x\ntitle: 'it's fine'\n", (2, 12),
         "an apostrophe inside a value in single quotes ends the quote", "'it''s'"),
        ("id: x\ntags: [a, b\nsituation: y\n", (2, 7),
         "a [ opened at line 2, column 7 is not closed", "  2 | tags: [a, b\n    |       ^"),
        ("id: x\nmeta: {a: 1\nsituation: y\n", (2, 7), "a { opened at line 2", "{a: 1"),
        ("id: a\ntitle: t\nid: b\n", (3, 1),
         "the key 'id' appears twice in the same mapping (first on line 1)", "  3 | id: b"),
        ("id: x\nline: @home\n", (2, 7), "a value cannot begin with @ unless it is in quotes",
         'line: "@home"'),
    ],
)
def test_syntax_errors_say_what_is_probably_wrong(
    tmp_path: Path, text: str, where: tuple[int, int], says: str, shown: str
) -> None:
    line, column, message = problem(tmp_path, text)
    assert (line, column) == where
    first, *rest = message.splitlines()
    assert first.startswith("YAML syntax error: ") and says in first
    assert "mapping values are not allowed" not in message
    assert "cannot start any token" not in message
    assert shown in message
    assert rest[-1].endswith("^")


def test_snippet_keeps_the_caret_under_the_column_of_a_long_line() -> None:
    text = "x" * 200 + ": y"
    shown = snippet(text, 9, 201)
    top, caret = shown.splitlines()
    assert top.startswith("  9 | …") and len(top) < 100
    assert top[caret.index("^")] == ":"
    assert "\x1b" not in snippet("a: \x1b[31mred", 1, 4)


def test_validate_prints_the_file_line_and_caret(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: broken\ntitle: Declining: an offer\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "trainer", "validate", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:17: (file): YAML syntax error: an unquoted colon in a value: a colon "
        'followed by a space starts a new key, so put the whole value in quotes (e.g. title: '
        '"Declining: an offer")',
        "  2 | title: Declining: an offer",
        "    |                 ^",
    ]
    assert "Traceback" not in result.stderr
