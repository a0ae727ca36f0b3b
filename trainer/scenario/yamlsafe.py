"""Reading a scenario file as data, never as code, with line numbers kept.

Scenario files come from other people (coaches share them), so before anything
is built from the YAML its event stream is checked: no tags (which could ask
for objects), no anchors or aliases (the "billion laughs" expansion), bounded
nesting and size. Only then is it composed with ruamel.yaml's round-trip loader,
which keeps the line and column of every key and value for error messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)

from trainer.safeio import FileRefused, read_regular
from trainer.scenario.problems import Problem
from trainer.scenario.yaml_errors import explain
from trainer.textsafe import visible

MAX_BYTES = 512_000
MAX_DEPTH = 32
MAX_NODES = 20_000


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    """A ruamel CommentedMap (or whatever the top level is) with ``.lc`` positions."""
    text: str


def _problem(path: Path, message: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(str(path), line, column, "(file)", message)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the reason it cannot be a scenario file."""
    try:
        raw = read_regular(path, limit=MAX_BYTES, what="scenario file")
    except FileRefused as exc:
        reason = exc.reason
        if reason == "no such file":
            reason = "no such file; check the path"
        return None, [_problem(path, reason)]
    if b"\x00" in raw:
        return None, [_problem(path, "is a binary file (contains NUL bytes), not YAML text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            _problem(
                path,
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "save the file as UTF-8",
                line,
            )
        ]
    if not text.strip():
        return None, [_problem(path, "is empty; a scenario needs at least id, title and turns")]
    return text, []


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _check_events(path: Path, text: str) -> list[Problem]:
    """Refuse what a data file has no business containing, before composing anything."""
    depth = 0
    nodes = 0
    for event in _yaml().parse(text):
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, AliasEvent):
            return [_problem(path, "YAML aliases (*name) are not allowed; write the value out",
                             line, column)]
        if isinstance(event, NodeEvent):
            nodes += 1
            if event.anchor:
                return [_problem(path, f"YAML anchors (&{event.anchor}) are not allowed; "
                                 "write the value out", line, column)]
            tag = getattr(event, "tag", None)
            if tag is not None:
                return [_problem(path, f"YAML tags ({tag}) are not allowed in scenario files; "
                                 "remove the tag", line, column)]
            if nodes > MAX_NODES:
                return [_problem(path, f"has more than {MAX_NODES:,} values; too large for a "
                                 "scenario", line, column)]
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return [_problem(path, f"is nested more than {MAX_DEPTH} levels deep",
                                 line, column)]
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return []


def parse_yaml(path: Path, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        problems = _check_events(path, text)
        if problems:
            return None, problems
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        said = explain(exc, text)
        return None, [_problem(path, said.message, said.line, said.column)]
    except YAMLError as exc:
        return None, [_problem(path, f"YAML error: {str(exc).splitlines()[0]}")]
    except RecursionError:
        return None, [_problem(path, "is nested too deeply to read")]
    return YamlDocument(_visible_strings(data), text), []


def _visible_strings(data: Any) -> Any:
    """Every string value with its control characters spelled out (``\\x1b``).

    A scenario's text is shown in terminals, the full-screen app and Markdown
    reports; an escape sequence in it (YAML's ``"\\e"`` or ``"\\x1b"``) must show
    as text there, never act. Positions (``.lc``) stay, since nodes are edited in place.
    """
    if isinstance(data, str):
        return visible(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            keys: Iterable[Any] = list(node)
        elif isinstance(node, list):
            keys = range(len(node))
        else:
            continue
        for key in keys:
            value = node[key]
            if isinstance(value, str):
                if not value.isprintable():
                    node[key] = visible(value)
            elif isinstance(value, dict | list):
                stack.append(value)
    return data
