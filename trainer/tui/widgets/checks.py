"""A reply's checklist: each expected item ticked or crossed, with the words or a tip."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.content import Content
from textual.widgets import Static

from trainer.scenario.model import Scenario
from trainer.scoring.result import ItemResult
from trainer.tui.presentation import (
    MUTED,
    item_kind,
    item_label,
    item_tip,
    passed,
    result_line,
    shown_checks,
)

MARKS_WIDTH = 42
"""The transcript's width at 80 columns, less a margin."""


def checks_content(
    scenario: Scenario | None,
    checks: Mapping[str, ItemResult],
    expected: Sequence[str],
    *,
    tips: bool = True,
) -> Content:
    """One line per item the turn expected (and per pitfall hit); a tip under each miss."""
    lines: list[Content] = []
    for result in shown_checks(checks, expected, scenario):
        lines.append(result_line(scenario, result))
        if tips and passed(result, item_kind(scenario, result.name)) is False:
            tip = item_tip(scenario, result.name)
            if tip:
                lines.append(Content.styled(f"  {tip}", MUTED))
    if not lines:
        lines.append(Content.styled("Nothing in particular was expected here.", MUTED))
    return Content("\n").join(lines)


def expected_content(scenario: Scenario | None, names: Iterable[str]) -> Content:
    """``☐ Thanks`` lines: what the reply to the current line should do."""
    lines = [Content(f"☐ {item_label(scenario, name)}") for name in names]
    if not lines:
        return Content.styled("Anything polite will do.", MUTED)
    return Content("\n").join(lines)


def summary_marks(
    scenario: Scenario | None,
    checks: Mapping[str, ItemResult],
    expected: Sequence[str],
    width: int = MARKS_WIDTH,
) -> Content:
    """``✓ Thanks  ✗ A clear no``: a compact verdict, broken between marks, never inside one."""
    lines: list[list[Content]] = [[]]
    used = 0
    for result in shown_checks(checks, expected, scenario):
        ok = passed(result, item_kind(scenario, result.name))
        style = "$text-success" if ok else "$text-error" if ok is False else MUTED
        symbol = "✓" if ok else "✗" if ok is False else "·"
        text = f"{symbol} {item_label(scenario, result.name)}"
        if lines[-1] and used + 2 + len(text) > width:
            lines.append([])
            used = 0
        used += len(text) + (2 if lines[-1] else 0)
        lines[-1].append(Content.styled(text, style))
    return Content("\n").join(Content("  ").join(line) for line in lines)


class ChecksView(Static):
    """A reply's checklist, updated in place."""

    def show(
        self,
        scenario: Scenario | None,
        checks: Mapping[str, ItemResult],
        expected: Sequence[str],
        *,
        tips: bool = True,
    ) -> None:
        self.update(checks_content(scenario, checks, expected, tips=tips))
