"""The first screen: every scenario, filtered as you type, with a preview of its briefing."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from trainer.errors import TrainerError
from trainer.scenario.catalog import Catalog, CatalogEntry
from trainer.scenario.model import SITUATION_LABELS
from trainer.sessions.store import SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, MUTED, percent


def matches(entry: CatalogEntry, query: str) -> bool:
    """Every word of the query appears in the title, situation, difficulty or id."""
    scenario = entry.scenario
    haystack = entry.id
    if scenario is not None:
        haystack += " ".join(
            ("", scenario.title, SITUATION_LABELS[scenario.situation], scenario.difficulty)
        )
    haystack = haystack.lower()
    return all(word in haystack for word in query.lower().split())


def entry_prompt(entry: CatalogEntry, best: float | None) -> Content:
    scenario = entry.scenario
    if scenario is None:
        return Content.assemble(
            Content.styled(f"⚠ {entry.path.name}", BAD),
            "\n",
            Content.styled("has problems: see the preview", MUTED),
        )
    best_text = f"best {percent(best)}" if best is not None else "not tried yet"
    details = f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty} · {best_text}"
    return Content.assemble(Content.styled(scenario.title, "bold"), "\n",
                            Content.styled(details, MUTED))


class PickerScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "picker"
    BINDINGS: ClassVar[list[BindingType]] = bindings("picker")  # type: ignore[assignment]
    CSS_PATH = "picker.tcss"
    AUTO_FOCUS = "#filter"

    filter_text: reactive[str] = reactive("")

    def __init__(
        self, catalog: Callable[[], Catalog], store: Callable[[], SessionStore]
    ) -> None:
        super().__init__()
        self._load_catalog = catalog
        self._store = store
        self._entries: list[CatalogEntry] = []
        self._history: dict[str, list[float]] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(
            Content.styled("Which call would you like to rehearse?", "bold"),
            Content.styled("  ↑↓ choose · Enter opens it", MUTED),
        ), id="title")
        yield Input(placeholder="Type to filter by title, situation or difficulty", id="filter")
        with Horizontal(id="body"):
            yield OptionList(id="scenarios")
            with VerticalScroll(id="preview"):
                yield Static(id="preview-title")
                yield Static(id="preview-meta")
                yield Sparkline([], id="preview-trend")
                yield Static(id="preview-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the scenarios and best scores again (a call may just have set a new best)."""
        try:
            self._entries = self._load_catalog().entries
            self._history = self._store().score_history()
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot list the scenarios", severity="error")
        self._refill()

    def _best(self, scenario_id: str) -> float | None:
        scores = self._history.get(scenario_id)
        return max(scores) if scores else None

    def watch_filter_text(self) -> None:
        self._refill()

    def _visible(self) -> list[CatalogEntry]:
        return [entry for entry in self._entries if matches(entry, self.filter_text)]

    def _refill(self) -> None:
        if not self.is_mounted:
            return
        options = self.query_one("#scenarios", OptionList)
        previous = options.highlighted_option.id if options.highlighted_option else None
        visible = self._visible()
        options.set_options(
            Option(entry_prompt(entry, self._best(entry.id)), id=entry.id)
            for entry in visible
        )
        ids = [entry.id for entry in visible]
        if ids:
            options.highlighted = ids.index(previous) if previous in ids else 0
        self._preview(visible[options.highlighted or 0] if ids else None)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.action_choose()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(self._entry(event.option.id))

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self) -> None:
        self.action_choose()

    def _entry(self, entry_id: str | None) -> CatalogEntry | None:
        return next((e for e in self._entries if e.id == entry_id), None)

    def _preview(self, entry: CatalogEntry | None) -> None:
        title = self.query_one("#preview-title", Static)
        meta = self.query_one("#preview-meta", Static)
        trend = self.query_one("#preview-trend", Sparkline)
        text = self.query_one("#preview-text", Static)
        trend.data = []
        trend.display = False
        if entry is None:
            title.update("No scenario matches")
            meta.update(Content.styled("Press Esc to clear the filter.", MUTED))
            text.update("")
            return
        scenario = entry.scenario
        if scenario is None:
            title.update(Content.styled(f"{entry.path.name} has problems", BAD))
            meta.update(Content.styled(str(entry.path), MUTED))
            fixes = "\n".join(str(problem) for problem in entry.problems)
            text.update(f"{fixes}\n\nFix the file, then come back to this screen.")
            return
        title.update(Content.styled(scenario.title, "bold"))
        recruiter = scenario.recruiter
        best = self._best(entry.id)
        series = self._history.get(entry.id, [])
        tries = f" over {len(series)} tries; your scores, oldest first:" if len(series) > 1 else ""
        meta.update(Content.styled(
            f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty} · "
            f"{recruiter.name}, {recruiter.company}\n"
            + (f"Your best: {percent(best)}{tries}" if best is not None else "Not rehearsed yet"),
            MUTED,
        ))
        if len(series) > 1:
            trend.data = series
            trend.display = True
        text.update(scenario.briefing)

    # -- actions -----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        options = self.query_one("#scenarios", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_choose(self) -> None:
        option = self.query_one("#scenarios", OptionList).highlighted_option
        entry = self._entry(option.id if option else None)
        if entry is None:
            self.notify("No scenario is highlighted. Clear the filter with Esc.",
                        severity="warning")
            return
        if entry.scenario is None:
            self.notify(f"{entry.path.name} has problems; fix them first (see the preview).",
                        severity="error")
            return
        self.post_message(messages.OpenBriefing(entry.id))

    def action_sessions(self) -> None:
        self.post_message(messages.OpenSessions())
