"""What a bad session document is reported as: the place of the problem and what it is.

The session model (pydantic) checks every field; this module holds the error it
raises, naming the field (``turns.2.checks.thanks.met``), and how a JSON value
is described to the person who typed it.
"""

from __future__ import annotations


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
