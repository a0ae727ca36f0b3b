"""The first screen: every scenario, filtered as you type, with a preview of its briefing.

Nothing here waits on the disk: the scenario files and the score history are read
in thread workers, so the list appears as soon as the scenarios are read and the
best scores fill in when the history arrives, however long it is. While the
picker is on screen it polls the scenario folders, so a file the user is writing
in an editor shows up (or shows its problem) without leaving the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Sparkline, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer.errors import TrainerError
from trainer.scenario.catalog import Catalog, CatalogEntry, load_catalog
from trainer.scenario.model import SITUATION_LABELS
from trainer.scenario.problems import Problem
from trainer.sessions.store import SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.folder_watch import Signature, folder_signature, scenario_folders
from trainer.tui.presentation import BAD, MUTED, percent
from trainer.tui.text import plain

History = dict[str, list[float]]
CATALOG_GROUP = "picker-catalog"
HISTORY_GROUP = "picker-history"
YOURS = "$text-accent"


def matches(entry: CatalogEntry, query: str) -> bool:
    """Every word of the query appears in the title, situation, difficulty, id or "yours".

    A file with problems always shows: it needs fixing, and one being edited should
    not vanish from a filtered list the moment a typo breaks it.
    """
    scenario = entry.scenario
    if scenario is None:
        return True
    haystack = " ".join(
        (entry.id, scenario.title, SITUATION_LABELS[scenario.situation], scenario.difficulty)
    )
    if entry.source == "user":
        haystack += " yours"
    haystack = haystack.lower()
    return all(word in haystack for word in query.lower().split())


def ownership(entry: CatalogEntry) -> str | None:
    """How a user's own file is marked: a shipped scenario of the same id is hidden by it."""
    if entry.source != "user":
        return None
    return "yours, replaces shipped" if entry.overrides is not None else "yours"


def problem_text(problem: Problem) -> str:
    """A problem without its file name (the row already names the file)."""
    field = "" if problem.field.startswith("(") else f"{problem.field}: "
    return f"line {problem.line}: {field}{problem.message}"


def file_note(entry: CatalogEntry) -> str:
    """For the preview: whose file this is, and what it stands in for."""
    if entry.overrides is None:
        return f"Your own scenario: {entry.path}"
    shadow = "" if entry.ok else " (which is hidden until this file is fixed)"
    return f"Your file {entry.path}, used instead of the shipped one{shadow}"


def entry_prompt(entry: CatalogEntry, history: History | None) -> Content:
    """Two or three lines: the title, what kind of call it is and your best, or what is wrong."""
    mine = ownership(entry)
    scenario = entry.scenario
    if scenario is None:
        first = problem_text(entry.problems[0]) if entry.problems else "cannot be read"
        more = len(entry.problems) - 1
        rest = f" (+{more} more, see the preview)" if more > 0 else ""
        return Content.assemble(
            plain(f"⚠ {entry.path.name}", f"bold {BAD}"),
            plain(f" · {mine}" if mine else "", YOURS), "\n",
            plain(first, BAD), plain(rest, MUTED),
        )
    details = f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty}"
    if history is not None:
        scores = history.get(entry.id)
        details += f" · best {percent(max(scores))}" if scores else " · not tried yet"
    tag = plain(f"{mine} · ", YOURS) if mine else ""
    return Content.assemble(plain(scenario.title, "bold"), "\n",
                            tag, plain(details, MUTED))


class PickerScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "picker"
    BINDINGS: ClassVar[list[BindingType]] = bindings("picker")  # type: ignore[assignment]
    CSS_PATH = "picker.tcss"
    AUTO_FOCUS = "#filter"
    POLL_SECONDS: ClassVar[float] = 1.5
    """How often the scenario folders are checked for changed files while the picker shows."""

    filter_text: reactive[str] = reactive("")
    catalog: reactive[Catalog | None] = reactive(None, init=False)
    """``None`` until the scenario files have been read."""
    history: reactive[History | None] = reactive(None, init=False)
    """Each scenario's scores, oldest first; ``None`` until the session history is read."""

    def __init__(
        self,
        store: Callable[[], SessionStore],
        *,
        scenario_dirs: Sequence[Path] = (),
        catalog: Catalog | None = None,
    ) -> None:
        """``catalog``, when the app has already read the files, is shown without waiting."""
        super().__init__()
        self._store = store
        self._scenario_dirs = tuple(scenario_dirs)
        self._folders = scenario_folders(self._scenario_dirs)
        self._seen: Signature | None = None
        self._history_due = True
        self._poll_timer: Timer | None = None
        self.set_reactive(PickerScreen.catalog, catalog)

    @property
    def loaded(self) -> bool:
        """The scenarios and the scores are both on screen."""
        return self.catalog is not None and self.history is not None

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(
            plain("Which call would you like to rehearse?", "bold"),
            plain("  ↑↓ choose · Enter opens it", MUTED),
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
        if self.catalog is not None:
            self._seen = folder_signature(self._folders)
        self._refill()
        self._poll_timer = self.set_interval(self.POLL_SECONDS, self._poll, pause=True)

    def on_screen_resume(self) -> None:
        """On top again: pick up edited files, and the scores of a call that just ended."""
        if self._poll_timer is not None:
            self._poll_timer.resume()
        self._history_due = True
        if not self._poll() and self.catalog is not None:
            self._read_history_when_due()

    def on_screen_suspend(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.pause()

    # -- reading in the background -----------------------------------------------------------

    def _poll(self) -> bool:
        """Start re-reading the scenarios if a file was added, changed or removed."""
        seen = folder_signature(self._folders)
        if seen == self._seen:
            return False
        # Noted before the read: a change during the read shows up at the next poll.
        self._seen = seen
        self._read_catalog()
        return True

    @work(thread=True, exclusive=True, group=CATALOG_GROUP, exit_on_error=False)
    def _read_catalog(self) -> Catalog:
        return load_catalog(self._scenario_dirs)

    def _read_history_when_due(self) -> None:
        """Read after the list is on screen, so a long history never delays it."""
        if self._history_due:
            self._history_due = False
            self._read_history()

    @work(thread=True, exclusive=True, group=HISTORY_GROUP, exit_on_error=False)
    def _read_history(self) -> History:
        return self._store().score_history()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place the background reads land, whether they worked or not."""
        worker = event.worker
        if worker.group not in (CATALOG_GROUP, HISTORY_GROUP) or worker.is_cancelled:
            return
        if event.state == WorkerState.SUCCESS:
            if isinstance(worker.result, Catalog):
                self.catalog = worker.result
                self.post_message(messages.CatalogLoaded(worker.result))
                self.call_after_refresh(self._read_history_when_due)
            elif isinstance(worker.result, dict):
                self.history = worker.result
        elif event.state == WorkerState.ERROR:
            error = worker.error
            reason = error.message if isinstance(error, TrainerError) else str(error)
            if worker.group == CATALOG_GROUP:
                self.notify(f"{reason}. Fix it, and the list updates by itself.",
                            title="Cannot list the scenarios", severity="error", timeout=12)
                if self.catalog is None:
                    self.catalog = Catalog([])
                self._read_history_when_due()
            else:
                self.notify(f"{reason}. The scenarios still work; your best scores are not "
                            "shown.", title="Cannot read your past scores", severity="warning",
                            timeout=12)

    # -- the list and the preview ------------------------------------------------------------

    def watch_filter_text(self) -> None:
        self._refill()

    def watch_catalog(self) -> None:
        self._refill()

    def watch_history(self) -> None:
        self._refill()

    def _entries(self) -> list[CatalogEntry]:
        return self.catalog.entries if self.catalog is not None else []

    def _visible(self) -> list[CatalogEntry]:
        return [entry for entry in self._entries() if matches(entry, self.filter_text)]

    def _refill(self) -> None:
        """Show the list again, keeping the highlighted scenario where it still is listed."""
        if not self.is_mounted:
            return
        options = self.query_one("#scenarios", OptionList)
        previous = options.highlighted_option.id if options.highlighted_option else None
        visible = self._visible()
        options.set_options(
            Option(entry_prompt(entry, self.history), id=entry.id) for entry in visible
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
        return next((e for e in self._entries() if e.id == entry_id), None)

    def _preview(self, entry: CatalogEntry | None) -> None:
        title = self.query_one("#preview-title", Static)
        meta = self.query_one("#preview-meta", Static)
        trend = self.query_one("#preview-trend", Sparkline)
        text = self.query_one("#preview-text", Static)
        trend.data = []
        trend.display = False
        if entry is None:
            title.update(plain(self._nothing_shown()))
            meta.update(plain(
                "Press Esc to clear the filter." if self.filter_text else "", MUTED))
            text.update("")
            return
        where = plain(f"\n{file_note(entry)}" if entry.source == "user" else "", YOURS)
        scenario = entry.scenario
        if scenario is None:
            title.update(plain(f"{entry.path.name} has problems", BAD))
            meta.update(plain(
                file_note(entry) if entry.source == "user" else str(entry.path), MUTED))
            fixes = "\n".join(problem_text(problem) for problem in entry.problems)
            text.update(plain(f"{fixes}\n\nFix the file and save it; this list updates by itself."))
            return
        title.update(plain(scenario.title, "bold"))
        recruiter = scenario.recruiter
        series = self.history.get(entry.id, []) if self.history is not None else []
        tries = f" over {len(series)} tries; your scores, oldest first:" if len(series) > 1 else ""
        if self.history is None:
            scores = "Reading your past scores…"
        elif series:
            scores = f"Your best: {percent(max(series))}{tries}"
        else:
            scores = "Not rehearsed yet"
        meta.update(Content.assemble(plain(
            f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty} · "
            f"{recruiter.name}, {recruiter.company}", MUTED), where,
            plain(f"\n{scores}", MUTED)))
        if len(series) > 1:
            trend.data = series
            trend.display = True
        text.update(plain(scenario.briefing))

    def _nothing_shown(self) -> str:
        if self.catalog is None:
            return "Reading the scenarios…"
        if self.filter_text:
            return "No scenario matches"
        return "No scenarios found in " + ", ".join(str(folder) for folder in self._folders)

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

    def action_progress(self) -> None:
        self.post_message(messages.OpenProgress())
