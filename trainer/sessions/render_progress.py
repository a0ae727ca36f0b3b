"""Progress drawn for people: a terminal plot (``trainer progress``) and an inline SVG chart
(the HTML export), both from :func:`trainer.sessions.progress.progress`.

Each checklist item is a row of marks, one per call, oldest first, so a coach
sees at a glance which items keep going wrong and whether that is changing;
the score, pace and fillers are sparklines (terminal) or lines (SVG).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from trainer.scoring.metrics import HEALTHY_WPM
from trainer.sessions.progress import ItemTrend, Outcome, Progress, sparkline
from trainer.sessions.render_text import printable
from trainer.sessions.report import format_when

MIN_WIDTH = 80
GOOD, MISSED, SHOWED, UNJUDGED = "✓", "✗", "!", "·"


def _mark(outcome: Outcome, pitfall: bool) -> str:
    if outcome is None:
        return UNJUDGED
    if outcome:
        return GOOD
    return SHOWED if pitfall else MISSED


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis."""
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def _figure(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:.0f}{unit}" if value >= 10 else f"{value:.1f}{unit}"


def _last(values: Sequence[float | None]) -> float | None:
    return next((v for v in reversed(values) if v is not None), None)


def _first(values: Sequence[float | None]) -> float | None:
    return next((v for v in values if v is not None), None)


def progress_text(result: Progress, width: int = MIN_WIDTH) -> str:
    """The terminal view, at most ``width`` columns (never under :data:`MIN_WIDTH`)."""
    width = max(MIN_WIDTH, width)
    if not result.calls:
        return ("No finished calls yet: rehearse one with `trainer` and your progress "
                "shows here.")
    first, last = result.calls[0].started, result.calls[-1].started
    count = len(result.calls)
    label_width = min(24, max(14, *(len(i.label) for i in result.items)) if result.items else 14)
    # label, marks, then "  well 12/20  lately 4/5  better" (about 34 columns)
    room = max(5, width - label_width - 36)
    shown = min(count, room)
    calls = "call" if count == 1 else "calls"
    lines = [
        f"Progress over {count} finished {calls}, {format_when(first)[:10]} to "
        f"{format_when(last)[:10]}"
        + (f" (the last {shown} drawn)" if shown < count else ""),
        f"One mark a call, oldest first: {GOOD} went well, {MISSED} missed, "
        f"{SHOWED} pitfall hit, {UNJUDGED} not asked",
        "",
    ]
    tail = slice(count - shown, count)
    rows = (
        ("Score", result.scores, 0.0, 100.0,
         f"last {_figure(_last(result.scores))}, best "
         f"{_figure(max((s for s in result.scores if s is not None), default=None))}"),
        ("Pace", result.pace, None, None,
         f"words a minute, last {_figure(_last(result.pace))} "
         f"(aim {HEALTHY_WPM[0]:.0f}-{HEALTHY_WPM[1]:.0f})"
         if _last(result.pace) is not None
         else "no timed speech yet (typed replies are not timed)"),
        ("Fillers", result.fillers, 0.0, None,
         f"% of words, first {_figure(_first(result.fillers))}, "
         f"last {_figure(_last(result.fillers))}"),
    )
    for label, values, low, high, note in rows:
        spark = sparkline(values[tail], low, high)
        lines.append(_fit(f"{label:<{label_width}}  {spark:<{shown}}  {note}", width))
    if result.items:
        lines += ["", _fit(f"{'Checklist item':<{label_width}}  {'calls':<{shown}}  "
                           "went well    lately     trend", width)]
        lines += [_item_line(item, label_width, tail, shown, width) for item in result.items]
    missing = result.kept_missing
    if missing:
        lines += ["", _fit("Keep working on: " + ", ".join(i.label for i in missing) + ".",
                           width)]
    return printable("\n".join(_fit(line, width) for line in lines))


def _item_line(item: ItemTrend, label_width: int, tail: slice, shown: int, width: int) -> str:
    marks = "".join(_mark(o, item.pitfall) for o in item.outcomes[tail])
    recent = [o for o in item.outcomes if o is not None][-5:]
    lately = f"{sum(1 for o in recent if o)} of {len(recent)}"
    well = f"{item.good} of {item.judged}"
    line = (f"{_fit(item.label, label_width):<{label_width}}  {marks:<{shown}}  "
            f"{well:>9}  {lately:>8}     {item.trend}")
    return _fit(line, width)


# ---------------------------------------------------------------------------- SVG

_CELL = 14
_LABEL = 170
_CHART_H = 90


def _x(i: int) -> int:
    return _LABEL + i * _CELL + _CELL // 2


def _polyline(values: Sequence[float | None], low: float, high: float, top: int,
              css: str) -> list[str]:
    """Line segments through the known values (a gap where a call has none), with dots."""
    span = (high - low) or 1.0
    out: list[str] = []
    dots: list[str] = []
    run: list[str] = []
    for i, value in enumerate((*values, None)):
        if value is None:
            if len(run) > 1:
                out.append(f'<polyline class="{css}" points="{" ".join(run)}"/>')
            run = []
            continue
        y = top + _CHART_H - (min(max(value, low), high) - low) / span * _CHART_H
        run.append(f"{_x(i)},{y:.1f}")
        dots.append(f'<circle class="{css}" cx="{_x(i)}" cy="{y:.1f}" r="2.5">'
                    f"<title>{value:.1f}</title></circle>")
    return out + dots  # the dots on top of the lines


def _charts(result: Progress) -> list[tuple[str, tuple[float | None, ...], float, float]]:
    """(title, values, low, high) of each line chart: the score, then pace and fillers when
    any call measured them."""
    charts = [("Score (0-100)", result.scores, 0.0, 100.0)]
    pace = [v for v in result.pace if v is not None]
    if pace:
        charts.append(("Pace (words a minute)", result.pace, 0.0,
                       max(HEALTHY_WPM[1] + 35, *pace)))
    fillers = [v for v in result.fillers if v is not None]
    if fillers and max(fillers) > 0:
        charts.append(("Fillers (% of words)", result.fillers, 0.0, max(10.0, *fillers)))
    return charts


def _chart(title: str, values: Sequence[float | None], low: float, high: float, top: int,
           width: int) -> list[str]:
    bottom = top + 20 + _CHART_H
    return [
        f'<text x="0" y="{top + 14}">{escape(title)}</text>',
        f'<line class="axis" x1="{_LABEL}" y1="{top + 20}" x2="{_LABEL}" y2="{bottom}"/>',
        f'<line class="axis" x1="{_LABEL}" y1="{bottom}" x2="{width - 5}" y2="{bottom}"/>',
        f'<text x="{_LABEL - 6}" y="{top + 26}" text-anchor="end">{high:.0f}</text>',
        f'<text x="{_LABEL - 6}" y="{bottom}" text-anchor="end">{low:.0f}</text>',
        *_polyline(values, low, high, top + 20, "score"),
    ]


def progress_svg(result: Progress) -> str:
    """An inline SVG: the score (and pace and fillers, when measured) as lines over the calls,
    then one row of squares per item (green went well, red did not, grey not asked).
    Self-contained: no fonts, no links."""
    count = len(result.calls)
    width = _LABEL + max(count, 1) * _CELL + 10
    charts = _charts(result)
    chart_h = _CHART_H + 35
    rows_top = len(charts) * chart_h + 10
    height = rows_top + len(result.items) * (_CELL + 4) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Score and checklist items over {count} call{"" if count == 1 else "s"}">',
        # scoped to this chart: an inline SVG's styles apply to the whole page
        "<style>svg.progress text{font:12px sans-serif;fill:currentColor}"
        "svg.progress .axis{stroke:currentColor;stroke-opacity:.3}"
        "svg.progress polyline.score{fill:none;stroke:#3367d6;stroke-width:2}"
        "svg.progress circle.score{fill:#3367d6}svg.progress .good{fill:#2e9d57}"
        "svg.progress .bad{fill:#d0342c}svg.progress .na{fill:#8a939c;fill-opacity:.35}</style>",
    ]
    for n, (title, values, low, high) in enumerate(charts):
        out += _chart(title, values, low, high, n * chart_h, width)
    for row, item in enumerate(result.items):
        y = rows_top + row * (_CELL + 4)
        kind = " (pitfall)" if item.pitfall else ""
        out.append(f'<text x="0" y="{y + _CELL - 3}">{escape(_fit(item.label, 24))}</text>')
        for i, outcome in enumerate(item.outcomes):
            css = "na" if outcome is None else "good" if outcome else "bad"
            what = ("not asked" if outcome is None
                    else ("avoided" if item.pitfall else "met") if outcome
                    else "showed up" if item.pitfall else "missed")
            when = format_when(result.calls[i].started)
            out.append(f'<rect class="{css}" x="{_LABEL + i * _CELL + 1}" y="{y}" '
                       f'width="{_CELL - 2}" height="{_CELL}" rx="2">'
                       f"<title>{escape(item.label + kind)}, {escape(when)}: {what}</title>"
                       "</rect>")
    out.append("</svg>")
    return "\n".join(out)


def progress_html(result: Progress) -> list[str]:
    """The HTML export's progress section: the chart, then the items in words."""
    if not result.calls:
        return []
    calls = "call" if len(result.calls) == 1 else "calls"
    out = ['<section id="progress">', "<h2>Progress</h2>",
           f"<p>Your {len(result.calls)} finished {calls} up to this one, oldest first.</p>",
           '<div class="chart" style="overflow-x: auto">', progress_svg(result), "</div>"]
    missing = result.kept_missing
    if missing:
        out.append("<p><strong>Keep working on:</strong> "
                   + escape(", ".join(i.label for i in missing)) + "</p>")
    pace, fillers = _last(result.pace), _last(result.fillers)
    facts = [f"Pace lately: {_figure(pace)} words a minute" if pace is not None else "",
             f"Fillers lately: {_figure(fillers)}% of words" if fillers is not None else ""]
    shown = [f for f in facts if f]
    if shown:
        out.append(f"<p>{escape('; '.join(shown))}.</p>")
    out.append("</section>")
    return out
