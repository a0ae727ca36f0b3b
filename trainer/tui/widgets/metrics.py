"""A reply's speech metrics (pace, fillers, hedges, apologies, time to respond) in words."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from trainer.scoring.result import Cue, Evidence, ReplyMetrics
from trainer.tui.presentation import MUTED


def _quoted(spans: Sequence[Evidence | Cue]) -> str:
    """``"um", "like"``: the words the scorer counted."""
    return ", ".join(f'"{span.text}"' for span in spans if span.text)


def metric_lines(metrics: ReplyMetrics) -> list[tuple[str, str]]:
    """(label, value) for the metrics a person can act on, leaving out those not measured."""
    lines: list[tuple[str, str]] = []
    if metrics.wpm is not None:
        lines.append(("Pace", f"{metrics.wpm:.0f} words a minute"))
    spans: tuple[tuple[str, Sequence[Evidence | Cue]], ...] = (
        ("Filler words", metrics.fillers), ("Hedges", metrics.hedges),
        ("Apologies", metrics.apologies),
    )
    for label, found in spans:
        quoted = _quoted(found)
        lines.append((label, f"{len(found)}" + (f" ({quoted})" if found and quoted else "")))
    if metrics.response_delay is not None:
        lines.append(("Time to respond", f"{metrics.response_delay:.1f} s"))
    return lines


def metrics_content(metrics: ReplyMetrics) -> Content | None:
    lines = metric_lines(metrics)
    if not lines:
        return None
    return Content("\n").join(
        Content.assemble(Content.styled(f"{label}: ", MUTED), value) for label, value in lines
    )
