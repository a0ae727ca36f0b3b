"""Progress over the user's calls: the score, fillers and pace as plots, and each checklist
item's record call by call, the most often missed first, so a coach reads it at a glance."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from trainer.errors import TrainerError
from trainer.scenario.catalog import Catalog
from trainer.scenario.model import Scenario
from trainer.sessions.progress import RECENT, ItemTrend, Progress, progress
from trainer.sessions.store import SessionStore
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, MUTED, mark

MARKS = 16
"""Calls shown per item: what fits beside the label at 80 columns."""
LABEL_WIDTH = 26


def trend_line(trend: ItemTrend) -> Content:
    """``✗✗✓✓✓  A clear no      missed 2 of 5``: one item, oldest call first, over the calls
    that judged it (the same numbers as ``trainer progress``)."""
    judged = [ok for ok in trend.outcomes if ok is not None]
    shown = judged[-MARKS:]
    marks = Content.assemble(*(mark(ok) for ok in shown))
    label = trend.label if len(trend.label) <= LABEL_WIDTH else \
        trend.label[: LABEL_WIDTH - 1] + "…"
    verb = "hit" if trend.pitfall else "missed"
    tally = f"{verb} {trend.bad} of {trend.judged}"
    recent_misses = sum(1 for ok in judged[-RECENT:] if not ok)
    style = f"bold {BAD}" if recent_misses >= 2 else MUTED
    return Content.assemble(
        marks, " " * (MARKS - len(shown) + 2), Content(label.ljust(LABEL_WIDTH)), " ",
        Content.styled(tally, style),
    )


class ProgressScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "progress"
    BINDINGS: ClassVar[list[BindingType]] = bindings("progress")  # type: ignore[assignment]
    CSS_PATH = "progress.tcss"
    AUTO_FOCUS = "#trends"

    def __init__(self, store: SessionStore, catalog: Callable[[], Catalog]) -> None:
        super().__init__()
        self.store = store
        self._catalog = catalog
        self.data: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Your progress", "bold"), id="progress-title")
        with Horizontal(id="plots"):
            yield PlotextPlot(id="score-plot")
            yield PlotextPlot(id="speech-plot")
        with VerticalScroll(id="trends"):
            yield Static(Content.styled("Reading your calls…", MUTED), id="trends-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _read(self) -> None:
        try:
            catalog = self._catalog()
        except TrainerError:
            catalog = None

        def scenario_of(scenario_id: str) -> Scenario | None:
            if catalog is None:
                return None
            try:
                return catalog.get(scenario_id)
            except TrainerError:
                return None

        try:
            data = progress(self.store, scenario_of)
        except TrainerError as exc:
            self.app.call_from_thread(self.notify, exc.message,
                                      title="Could not read your calls", severity="error")
            data = Progress((), ())
        self.app.call_from_thread(self._show, data)

    def _show(self, data: Progress) -> None:
        self.data = data
        calls = data.calls
        title = self.query_one("#progress-title", Static)
        body = self.query_one("#trends-body", Static)
        if not calls:
            title.update(Content.styled("Your progress", "bold"))
            body.update(Content.styled(
                "No finished calls yet: rehearse a call to the end and its checklist shows "
                "up here, call by call.", MUTED))
            self.query_one("#plots").display = False
            return
        first = calls[0].started.astimezone().strftime("%d %b %Y")
        title.update(Content.assemble(
            Content.styled("Your progress", "bold"),
            Content.styled(f" · {len(calls)} finished call{'s' if len(calls) != 1 else ''} "
                           f"since {first}", MUTED)))
        self._plot_scores(data)
        self._plot_speech(data)
        lines: list[Content | str] = [
            Content.styled("Checklist, call by call (oldest first; ✓ right, ✗ missed or hit)",
                           "bold"), "\n"]
        for trend in data.items:
            lines += [trend_line(trend), "\n"]
        if data.skipped:
            lines += ["\n", Content.styled(
                f"{len(data.skipped)} call(s) could not be read, e.g. {data.skipped[0]}",
                MUTED)]
        body.update(Content.assemble(*lines))

    def _fresh(self, selector: str, data: Progress) -> tuple[PlotextPlot, list[float]]:
        """The plot, emptied, and the call numbers for its x axis."""
        widget = self.query_one(selector, PlotextPlot)
        widget.plt.clear_data()
        widget.plt.clear_figure()
        return widget, [float(n) for n in range(1, len(data.calls) + 1)]

    def _plot_scores(self, data: Progress) -> None:
        widget, numbers = self._fresh("#score-plot", data)
        plt = widget.plt
        plt.plot(numbers, [call.score or 0.0 for call in data.calls], marker="braille")
        plt.ylim(0, 100)
        plt.title("Score per call (%)")
        plt.xticks(_ticks(numbers))
        widget.refresh()

    def _plot_speech(self, data: Progress) -> None:
        widget, numbers = self._fresh("#speech-plot", data)
        plt = widget.plt
        plt.plot(numbers, [call.filler_pct or 0.0 for call in data.calls], marker="braille",
                 label="fillers %")
        paced = [(n, call.pace_wpm) for n, call in zip(numbers, data.calls, strict=True)
                 if call.pace_wpm is not None]
        if paced:
            plt.plot([n for n, _ in paced], [wpm / 10 for _, wpm in paced],
                     marker="braille", label="pace (10 wpm)")
            plt.title("Fillers and pace")
        else:
            plt.title("Fillers (% of words)")
        plt.ylim(0, None)
        plt.xticks(_ticks(numbers))
        widget.refresh()

    def action_back(self) -> None:
        self.dismiss()


def _ticks(numbers: list[float]) -> list[float]:
    """A few call numbers on the x axis, not one per call."""
    if len(numbers) <= 6:
        return numbers
    step = max(1, len(numbers) // 5)
    return numbers[::step]
