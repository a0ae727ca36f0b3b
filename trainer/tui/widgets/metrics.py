"""Speech metrics (pace, fillers, hedges, time to respond) as short readable lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.content import Content

from trainer.tui.presentation import MUTED


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _words(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f'"{word}" ×{count}' if count != 1 else f'"{word}"'
                         for word, count in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(f'"{word}"' for word in value)
    return str(value)


def metric_lines(metrics: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for the metrics that have a value."""
    lines: list[tuple[str, str]] = []
    for key, value in metrics.items():
        if value is None or value == [] or value == {}:
            continue
        label = key.replace("_", " ").capitalize()
        number = _number(value)
        if number is None:
            lines.append((label, _words(value)))
        elif key.endswith("wpm") or key == "pace":
            lines.append((label, f"{number:.0f} words a minute"))
        elif key.endswith(("seconds", "delay", "_s")) or "time" in key:
            lines.append((label, f"{number:.1f} s"))
        elif number.is_integer():
            lines.append((label, f"{number:.0f}"))
        else:
            lines.append((label, f"{number:.2f}"))
    return lines


def metrics_content(metrics: Mapping[str, Any]) -> Content | None:
    lines = metric_lines(metrics)
    if not lines:
        return None
    return Content("\n").join(
        Content.assemble(Content.styled(f"{label}: ", MUTED), value) for label, value in lines
    )
