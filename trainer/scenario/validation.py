"""Every problem in a scenario at once, each with its line, column and field path.

Two passes: pydantic checks the shape (types, required and unknown fields), and
:func:`check_semantics` checks what a schema cannot (branches to turns that do
not exist, unreachable turns, loops with no way to end, unknown checklist items).
The second pass reads the raw YAML tolerantly, so both run even when the shape
is wrong and an author sees every mistake in one go.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from trainer.checklist import BUILTIN_NAMES, PITFALL_NAMES
from trainer.scenario.model import END, Scenario
from trainer.scenario.problems import Problem, did_you_mean

Loc = tuple[int | str, ...]

_ID_RULE = "lower-case letters, digits, '-' or '_', starting with a letter or digit"


def field_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def position(data: Any, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the value at ``loc`` (or of its key), as near as exists."""
    node = data
    line, column = 1, 1
    for index, part in enumerate(loc):
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(part, int) and isinstance(node, list):
                line, column = lc.item(part)
                line, column = line + 1, column + 1
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                last = index == len(loc) - 1
                raw = lc.key(part) if (key and last) else lc.value(part)
                if raw is None or raw[0] is None:
                    raw = lc.key(part)
                line, column = raw[0] + 1, raw[1] + 1
                node = node[part]
            else:
                line, column = lc.line + 1, lc.col + 1
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line, column


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that the mapping at ``loc`` is validated against."""
    model: type[BaseModel] | None = Scenario
    annotation: Any = Scenario
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif model is not None and part in model.model_fields:
            annotation = model.model_fields[part].annotation
        else:
            return None
        annotation = _unwrap(annotation)
        model = annotation if isinstance(annotation, type) and issubclass(
            annotation, BaseModel) else None
    return model


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``; ``Annotated[list[X], ...]`` -> ``list[X]``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"required field '{name}' is missing; add it"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        hint = did_you_mean(str(name), known)
        allowed = f" (allowed here: {', '.join(known)})" if known and not hint else ""
        return f"unknown field '{name}'{hint}{allowed}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options)
        return f"got {_describe(value)}, expected one of: {', '.join(options)}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        return f"got {_describe(value)}, expected an id made of {_ID_RULE}"
    if kind == "string_type":
        return f"got {_describe(value)}, expected text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"got {_describe(value)}, expected a whole number"
    if kind in ("float_type", "float_parsing"):
        return f"got {_describe(value)}, expected a number"
    if kind in ("bool_type", "bool_parsing"):
        return f"got {_describe(value)}, expected true or false"
    if kind in ("list_type",):
        return f"got {_describe(value)}, expected a list (lines starting with '- ')"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"got {_describe(value)}, expected a mapping of fields (key: value lines)"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"got {_describe(value)}; {error['msg'].lower()}"
    return f"{error['msg']} (got {_describe(value)})"


def shape_problems(file: str, data: Any, error: ValidationError) -> list[Problem]:
    problems = []
    for details in error.errors(include_url=False):
        loc: Loc = tuple(details["loc"])
        if details["type"] in ("missing",):
            line, column = position(data, loc[:-1])
        else:
            line, column = position(data, loc, key=details["type"] == "extra_forbidden")
        problems.append(Problem(file, line, column, field_path(loc), _message(details)))
    return problems


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else []


def _turn_edges(turns: Sequence[Mapping[str, Any]], index: int) -> list[tuple[Loc, Any]]:
    """Every (loc, target) the turn at ``index`` can go to, with the fall-through."""
    turn = turns[index]
    branches = turn.get("next")
    branches = branches if isinstance(branches, list) else []
    edges: list[tuple[Loc, Any]] = []
    unconditional = False
    for b, branch in enumerate(branches):
        if not isinstance(branch, Mapping):
            continue
        edges.append((("turns", index, "next", b, "goto"), branch.get("goto")))
        when = branch.get("when")
        if not when or (isinstance(when, Mapping) and not any(when.values())):
            unconditional = True
    if not unconditional:
        following = turns[index + 1].get("id") if index + 1 < len(turns) else END
        edges.append((("turns", index), following))
    return edges


def check_semantics(file: str, data: Any) -> list[Problem]:
    """What the schema cannot see; tolerant of a wrong shape elsewhere."""
    if not isinstance(data, Mapping):
        return []
    problems: list[Problem] = []

    def add(loc: Loc, message: str, *, key: bool = False) -> None:
        line, column = position(data, loc, key=key)
        problems.append(Problem(file, line, column, field_path(loc), message))

    raw_turns = data.get("turns")
    turns = [t if isinstance(t, Mapping) else {} for t in _as_list(raw_turns)]
    ids: list[str] = []
    for i, turn in enumerate(turns):
        turn_id = turn.get("id")
        if isinstance(turn_id, str):
            if turn_id in ids:
                add(("turns", i, "id"), f"turn id '{turn_id}' is used twice; ids must be unique")
            elif turn_id == END:
                add(("turns", i, "id"), f"'{END}' is reserved for ending the call; rename it")
            ids.append(turn_id)

    custom: list[str] = []
    for i, item in enumerate(_as_list(data.get("items"))):
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            continue
        if name in BUILTIN_NAMES:
            add(("items", i, "name"), f"'{name}' is a built-in item; give yours another name")
        elif name in custom:
            add(("items", i, "name"), f"item '{name}' is defined twice")
        custom.append(name)
    known_items = list(dict.fromkeys([*BUILTIN_NAMES, *custom]))
    problems.extend(letter_problems(file, data))

    def check_item(loc: Loc, name: Any, *, expected: bool) -> None:
        if not isinstance(name, str):
            return
        if name not in known_items:
            add(loc, f"unknown checklist item '{name}'{did_you_mean(name, known_items)} "
                f"(known: {', '.join(known_items)})")
        elif expected and name in PITFALL_NAMES:
            add(loc, f"'{name}' is a pitfall to avoid; list only things to do under 'expect'")

    targets = [*ids, END]
    for i, turn in enumerate(turns):
        for j, name in enumerate(_as_list(turn.get("expect"))):
            loc: Loc = ("turns", i, "expect", j) if isinstance(turn.get("expect"), list) else (
                "turns", i, "expect")
            check_item(loc, name, expected=True)
        for b, branch in enumerate(_as_list(turn.get("next"))):
            if not isinstance(branch, Mapping):
                continue
            when = branch.get("when")
            if isinstance(when, Mapping):
                for part in ("met", "missing"):
                    for k, name in enumerate(_as_list(when.get(part))):
                        loc = ("turns", i, "next", b, "when", part)
                        if isinstance(when.get(part), list):
                            loc = (*loc, k)
                        check_item(loc, name, expected=False)
            goto = branch.get("goto")
            if isinstance(goto, str) and goto not in targets:
                add(("turns", i, "next", b, "goto"),
                    f"no turn with id '{goto}'{did_you_mean(goto, targets)} "
                    f"(turn ids: {', '.join(ids)}, or '{END}')")

    start = data.get("start")
    if isinstance(start, str) and start not in ids:
        add(("start",), f"no turn with id '{start}'{did_you_mean(start, ids)}")
    problems.extend(_graph_problems(file, data, turns, ids))
    return problems


def letter_problems(file: str, data: Mapping[str, Any]) -> list[Problem]:
    """The follow-up letter's fields: item names free and unique, a model letter that is
    short enough to be one."""
    from trainer.letter.items import LETTER_OWN_NAMES, MAX_WORDS
    from trainer.letter.letter import count_words

    problems: list[Problem] = []
    names: list[str] = []
    for i, item in enumerate(_as_list(data.get("letter_items"))):
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            continue
        line, column = position(data, ("letter_items", i, "name"))
        where = field_path(("letter_items", i, "name"))
        if name in BUILTIN_NAMES or name in LETTER_OWN_NAMES:
            problems.append(Problem(file, line, column, where, f"'{name}' is a built-in item; "
                                    "give your letter item another name"))
        elif name in names:
            problems.append(Problem(file, line, column, where,
                                    f"letter item '{name}' is defined twice"))
        names.append(name)
    model = data.get("model_letter")
    if isinstance(model, str) and count_words(model) > MAX_WORDS:
        line, column = position(data, ("model_letter",))
        problems.append(Problem(file, line, column, "model_letter",
                                f"is {count_words(model)} words; a follow-up letter should be at "
                                f"most {MAX_WORDS}, so trim it"))
    return problems


def _graph_problems(
    file: str, data: Any, turns: Sequence[Mapping[str, Any]], ids: list[str]
) -> list[Problem]:
    if not ids or len(ids) != len(turns):
        return []
    start = data.get("start") if isinstance(data.get("start"), str) else ids[0]
    if start not in ids:
        return []
    edges = {ids[i]: [t for _, t in _turn_edges(turns, i) if t in (*ids, END)]
             for i in range(len(turns))}
    reachable = _closure([start], edges)
    can_end = {END}
    changed = True
    while changed:
        changed = False
        for node, outs in edges.items():
            if node not in can_end and any(t in can_end for t in outs):
                can_end.add(node)
                changed = True
    problems: list[Problem] = []
    for i, turn_id in enumerate(ids):
        line, column = position(data, ("turns", i, "id"))
        loc = field_path(("turns", i))
        if turn_id not in reachable:
            problems.append(Problem(file, line, column, loc,
                                    f"turn '{turn_id}' can never be reached; add a branch "
                                    "that goes to it, or remove it"))
        elif turn_id not in can_end:
            problems.append(Problem(file, line, column, loc,
                                    f"turn '{turn_id}' is in a loop with no way to end the "
                                    f"call; give it a branch to a later turn or 'goto: {END}'"))
    return problems


def _closure(start: Iterable[str], edges: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node in seen or node == END:
            continue
        seen.add(node)
        todo.extend(edges.get(node, []))
    return seen
