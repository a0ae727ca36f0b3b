"""A reply's speech metrics (pace, fillers, hedges, apologies, time to respond) in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.content import Content

from trainer.tui.presentation import MUTED


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _quoted(spans: Any) -> str:
    """``"um", "like"`` from the scorer's evidence dicts."""
    if not isinstance(spans, list):
        return ""
    words = [str(span.get("text", "")) for span in spans if isinstance(span, Mapping)]
    return ", ".join(f'"{word}"' for word in words if word)


def metric_lines(metrics: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) for the metrics a person can act on, leaving out those not measured."""
    lines: list[tuple[str, str]] = []
    wpm = _number(metrics.get("wpm"))
    if wpm is not None:
        lines.append(("Pace", f"{wpm:.0f} words a minute"))
    for key, words, label in (
        ("fillers", "filler_words", "Filler words"),
        ("hedges", "hedge_words", "Hedges"),
        ("apologies", "apology_words", "Apologies"),
    ):
        count = _number(metrics.get(key))
        if count is None:
            continue
        quoted = _quoted(metrics.get(words))
        lines.append((label, f"{count:.0f}" + (f" ({quoted})" if count and quoted else "")))
    delay = _number(metrics.get("response_delay"))
    if delay is not None:
        lines.append(("Time to respond", f"{delay:.1f} s"))
    return lines


def metrics_content(metrics: Mapping[str, Any]) -> Content | None:
    lines = metric_lines(metrics)
    if not lines:
        return None
    return Content("\n").join(
        Content.assemble(Content.styled(f"{label}: ", MUTED), value) for label, value in lines
    )
