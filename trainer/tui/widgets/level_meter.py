"""A one-line input level meter, so the user can see the microphone hears them."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

CELLS = 12


def meter(level: float, cells: int = CELLS) -> Content:
    """``mic ▮▮▮▮▯▯▯▯▯▯▯▯`` for a level from 0 (silence) to 1 (full scale)."""
    lit = round(max(0.0, min(1.0, level)) * cells)
    return Content.assemble(
        "mic ",
        Content.styled("▮" * lit, "$text-success"),
        Content.styled("▯" * (cells - lit), "$text-muted"),
    )


class LevelMeter(Widget):
    level: reactive[float] = reactive(0.0)

    def render(self) -> Content:
        return meter(self.level)
