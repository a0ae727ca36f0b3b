"""Reading a session document that may have been edited by hand.

Every accessor names the field it was reading (``turns[2].checks.thanks.met``)
when the value is missing or of the wrong type, so a damaged file is reported
with the exact place to fix instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


class SessionFormatError(ValueError):
    """A session document that does not have the expected shape."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def describe(value: object) -> str:
    """How a JSON value looks to the person who typed it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'the text "{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_MISSING = object()


class Fields:
    """A JSON object together with where it sits in the document."""

    def __init__(self, data: object, where: str = "") -> None:
        if not isinstance(data, Mapping):
            raise SessionFormatError(
                where or "(top level)", f"expected an object, got {describe(data)}"
            )
        self.data: Mapping[str, Any] = data
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _get(self, key: str, default: object = _MISSING) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise SessionFormatError(self.at(key), "missing")
        return default

    def _wrong(self, key: str, wanted: str, value: object) -> SessionFormatError:
        return SessionFormatError(self.at(key), f"expected {wanted}, got {describe(value)}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, _MISSING if default is None else default)
        if not isinstance(value, str):
            raise self._wrong(key, "text", value)
        return value

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, None)
        if value is not None and not isinstance(value, str):
            raise self._wrong(key, "text or null", value)
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._get(key, _MISSING if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "a whole number", value)
        return value

    def number(self, key: str, default: float | None = None) -> float:
        value = self._get(key, _MISSING if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a number", value)
        return float(value)

    def opt_number(self, key: str) -> float | None:
        value = self._get(key, None)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a number or null", value)
        return float(value)

    def score(self, key: str) -> float | None:
        """A 0-100 score or null."""
        value = self.opt_number(key)
        if value is not None and not 0 <= value <= 100:
            raise SessionFormatError(self.at(key), f"must be between 0 and 100, got {value:g}")
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, _MISSING if default is None else default)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def opt_boolean(self, key: str) -> bool | None:
        value = self._get(key, None)
        if value is not None and not isinstance(value, bool):
            raise self._wrong(key, "true, false or null", value)
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise SessionFormatError(
                self.at(key), f'"{value}" is not one of {", ".join(choices)}'
            )
        return value

    def time(self, key: str) -> datetime:
        return parse_time(self.text(key), self.at(key))

    def opt_time(self, key: str) -> datetime | None:
        value = self.opt_text(key)
        return None if value is None else parse_time(value, self.at(key))

    def obj(self, key: str, default: Mapping[str, Any] | None = None) -> Fields:
        value = self._get(key, _MISSING if default is None else default)
        if not isinstance(value, Mapping):
            raise self._wrong(key, "an object", value)
        return Fields(value, self.at(key))

    def opt_obj(self, key: str) -> Fields | None:
        value = self._get(key, None)
        return None if value is None else self.obj(key)

    def raw_dict(self, key: str) -> dict[str, Any]:
        """A free-form object (metrics, a scorecard): its shape is not ours to check."""
        value = self._get(key, {})
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self._wrong(key, "an object", value)
        return dict(value)

    def items(self, key: str) -> list[tuple[str, Fields]]:
        """The entries of an object whose values are objects, each with its place."""
        node = self.obj(key, {})
        return [(name, Fields(value, node.at(name))) for name, value in node.data.items()]

    def objects(self, key: str) -> list[Fields]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return [Fields(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]

    def texts(self, key: str) -> list[str]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise self._wrong(key, "a list of text", value)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise SessionFormatError(
                    f"{self.at(key)}[{i}]", f"expected text, got {describe(item)}"
                )
        return list(value)

    def lists(self, key: str) -> list[tuple[str, list[Any]]]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        out: list[tuple[str, list[Any]]] = []
        for i, item in enumerate(value):
            if not isinstance(item, list):
                raise SessionFormatError(
                    f"{self.at(key)}[{i}]", f"expected a list, got {describe(item)}"
                )
            out.append((f"{self.at(key)}[{i}]", item))
        return out


def parse_time(value: str, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SessionFormatError(
            where, f'"{value}" is not an ISO 8601 time like 2025-06-01T14:22:33+00:00'
        ) from None
    if moment.tzinfo is None:
        raise SessionFormatError(where, f'"{value}" has no time zone; add one, e.g. +00:00')
    return moment
