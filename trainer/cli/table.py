"""Tables that fit the terminal: one line per row, long cells cut with an ellipsis.

``trainer list`` and ``trainer history`` print through :func:`fit_table`, so a
row never wraps mid-word at 80 columns and uses the room a wider terminal has.
Output into a pipe or a file is not cut (scripts read every character, or use
``--json``), unless ``COLUMNS`` says how wide to be.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass

MIN_WIDTH = 80
GAP = "  "


def terminal_width() -> int | None:
    """Columns to fit (at least :data:`MIN_WIDTH`), or ``None`` for no limit (a pipe)."""
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size((MIN_WIDTH, 24)).columns)


def ellipsize(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, cut at a word boundary when one is near."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width - 6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-(") + "…"


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    """Right-aligned (numbers)."""
    shrink: int = 0
    """Which columns give way first when the row is too wide: higher first; 0 never."""
    min_width: int = 8
    """How narrow shrinking may make it."""
    least: int = 0
    """How wide it is at the least, however short its cells."""


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(c.least, len(c.header), *(len(r[i]) for r in rows))
            for i, c in enumerate(columns)]


def natural_width(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> int:
    """The width of the table with nothing cut."""
    return sum(_widths(columns, rows)) + len(GAP) * (len(columns) - 1)


def fit_table(columns: Sequence[Column], rows: Sequence[Sequence[str]],
              width: int | None) -> list[str]:
    """The header and the rows, each at most ``width`` columns (``None``: as wide as needed)."""
    widths = _widths(columns, rows)
    if width is not None:
        excess = sum(widths) + len(GAP) * (len(columns) - 1) - width
        for i in sorted((i for i, c in enumerate(columns) if c.shrink),
                        key=lambda i: -columns[i].shrink):
            if excess <= 0:
                break
            floor = max(columns[i].min_width, min(len(columns[i].header), widths[i]))
            give = min(excess, widths[i] - floor)
            if give > 0:
                widths[i] -= give
                excess -= give

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, column, size in zip(cells, columns, widths, strict=True):
            text = ellipsize(cell, size)
            parts.append(text.rjust(size) if column.right else text.ljust(size))
        return GAP.join(parts).rstrip()

    return [line([c.header for c in columns]), *(line(r) for r in rows)]
