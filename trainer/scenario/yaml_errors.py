"""YAML syntax errors told in words: what is probably wrong, and the line with a caret.

The parser says "mapping values are not allowed here" or "found character '\\t'
that cannot start any token"; a person editing a scenario needs "a colon in a
value: put the value in quotes", pointing at the spot. :func:`explain` looks at
the parser's complaint and at the text around it to name the usual slips (an
unquoted colon, a tab, bad indentation, an unclosed quote or bracket, a
duplicate key, a value starting with a YAML symbol) and falls back to the
parser's own words, always with the line shown and a caret under the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

WINDOW = 72
"""Columns of the offending line shown around the caret."""
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?):(\s|$)")


@dataclass(frozen=True)
class YamlSyntax:
    """A syntax error as the user should read it (line and column are 1-based)."""

    line: int
    column: int
    message: str
    """``YAML syntax error: <what is probably wrong>``, then the line with a caret."""


def explain(exc: MarkedYAMLError, text: str) -> YamlSyntax:
    """What ``exc`` most likely means in ``text``, where, and the line with a caret."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    opened = exc.context_mark
    where_opened = (opened.line + 1, opened.column + 1) if opened is not None else None
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    words = _words(problem, context, source, column, lines, line, where_opened)
    show_line, show_column = line, column
    if words.startswith(("a quote", "a [", "a {")) and where_opened is not None:
        show_line, show_column = where_opened  # what was left open is where to look
    elif words.startswith("bad indentation"):
        show_column = _indent(source) + 1  # the indentation is what is wrong, not the colon
    shown = lines[show_line - 1] if 0 < show_line <= len(lines) else ""
    message = f"YAML syntax error: {words}\n{snippet(shown, show_line, show_column)}"
    return YamlSyntax(show_line, show_column, message)


def snippet(source: str, line: int, column: int) -> str:
    """``  12 | the line`` and a caret under ``column``: tabs shown as ``→``, control
    characters as ``?``, long lines cut around the caret."""
    shown = _CONTROL.sub("?", source.replace("\t", "→"))
    start = 0
    if len(shown) > WINDOW:
        start = max(0, min(column - 1 - WINDOW // 2, len(shown) - WINDOW))
        shown = ("…" if start else "") + shown[start:start + WINDOW] + (
            "…" if start + WINDOW < len(shown) else "")
        column = column - start + (1 if start else 0)
    number = str(line)
    pad = " " * len(number)
    return f"  {number} | {shown}\n  {pad} | {' ' * (max(column, 1) - 1)}^"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous(lines: list[str], line: int) -> str | None:
    for earlier in reversed(lines[: max(line - 1, 0)]):
        if earlier.strip() and not earlier.lstrip().startswith("#"):
            return earlier
    return None


def _quote_it(source: str) -> str:
    """``title: Declining: an offer`` -> ``title: "Declining: an offer"``."""
    found = _KEY.match(source)
    if found is None:
        return ""
    value = source[found.end():].strip()
    if not value:
        return ""
    fixed = value.replace("\\", "\\\\").replace('"', '\\"')
    return f' (e.g. {found.group(2).strip()}: "{fixed}")'


def _words(problem: str, context: str, source: str, column: int, lines: list[str],
           line: int, opened: tuple[int, int] | None) -> str:
    at = f"line {opened[0]}, column {opened[1]}" if opened else "earlier"
    if "duplicate key" in problem:
        key = re.search(r'duplicate key "([^"]*)"', problem)
        name = f"'{key.group(1)}'" if key else "a key"
        first = f" (first on line {opened[0]})" if opened else ""
        return (f"the key {name} appears twice in the same mapping{first}; remove one, or "
                "rename it if it belongs elsewhere")
    if "'\\t'" in problem:
        if not source[: max(column - 1, 0)].strip():
            return ("a tab is used for indentation; YAML indents with spaces only: replace "
                    "the tab with spaces")
        return "a tab character here; YAML allows only spaces outside quotes: use spaces"
    if "cannot start any token" in problem:
        char = re.search(r"found character '(.+?)'", problem)
        symbol = char.group(1) if char else "this character"
        return (f"a value cannot begin with {symbol} unless it is in quotes; put the whole "
                f"value in quotes{_quote_it(source)}")
    if "quoted scalar" in context:
        return (f"a quote opened at {at} is never closed; add the closing quote (or, inside "
                "single quotes, write an apostrophe as two: '')")
    if "flow sequence" in context:
        return f"a [ opened at {at} is not closed; add the ] at the end of the list"
    if "flow mapping" in context:
        return "a { opened at " + at + " is not closed; add the } at the end of the mapping"
    if "block scalar" in context:
        return ("'|' or '>' at the start of a value begins a block of text and must end the "
                f"line; put the value in quotes instead{_quote_it(source)}")
    if "mapping values are not allowed" in problem:
        key = _KEY.match(source)
        if key is not None and key.end() <= column - 1:
            return ("an unquoted colon in a value: a colon followed by a space starts a new "
                    f"key, so put the whole value in quotes{_quote_it(source)}")
        previous = _previous(lines, line)
        if previous is not None and _indent(source) > _indent(previous):
            return ("bad indentation: this line is indented further than the one above, "
                    "which already has its value; line it up with the keys it belongs with")
        return ("a colon followed by a space starts a key here; if it is part of the text, "
                f"put the whole value in quotes{_quote_it(source)}")
    if "found '<scalar>'" in problem and source.count("'") >= 3:
        return ("an apostrophe inside a value in single quotes ends the quote; write it as "
                "two ('it''s') or quote the value with double quotes instead")
    if "found '<scalar>'" in problem:
        return ("text continues after a quoted value; put the whole value inside the quotes")
    if "block end" in problem or "block collection" in context or "block mapping" in context:
        return ("bad indentation: this line does not line up with the lines around it; items "
                "of one list, and keys of one mapping, must start in the same column "
                f"(the block started at {at})")
    if "undefined alias" in problem:
        return ("a value starting with * is read as a YAML alias; put the whole value in "
                f"quotes{_quote_it(source)}")
    return problem or context or "the file is not valid YAML here"
