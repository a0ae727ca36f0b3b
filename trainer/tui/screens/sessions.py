"""Saved sessions, newest first: open one (its scorecard, transcript and export) or delete it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from trainer.errors import TrainerError
from trainer.sessions.model import SessionSummary
from trainer.sessions.store import ListResult, SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, MUTED, percent
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.text import cell, plain


def when(summary: SessionSummary) -> str:
    return summary.started.astimezone().strftime("%d %b %Y %H:%M")


FIXED_COLUMNS = (17, 10, 5, 5)
"""When, Score, Turns, How: the widths their contents need."""


def title_width(screen_width: int) -> int:
    """What the other columns (each with a cell's padding) and the scrollbar leave the
    title: 31 columns at 80, 71 at 120."""
    return max(12, screen_width - sum(FIXED_COLUMNS) - 2 * (len(FIXED_COLUMNS) + 1) - 2)


def _short(title: str, width: int) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


class SessionsScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "sessions"
    BINDINGS: ClassVar[list[BindingType]] = bindings("sessions")  # type: ignore[assignment]
    CSS_PATH = "sessions.tcss"
    AUTO_FOCUS = "#sessions"

    def __init__(self, store: SessionStore, scenario: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.scenario = scenario
        self.listing = ListResult()
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(plain("Past sessions", "bold"), id="sessions-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        try:
            self.listing = self.store.list(self.scenario)
        except TrainerError as exc:
            self.listing = ListResult()
            self.notify(exc.message, title="Could not list the sessions", severity="error")
        self._fill()

    def on_resize(self) -> None:
        if self._width != title_width(self.size.width):
            self._fill()

    def _fill(self) -> None:
        """The rows, titles cut to what the screen's width leaves (with an ellipsis)."""
        listing = self.listing
        self._width = width = title_width(self.size.width)
        table = self.query_one("#sessions", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("When", width=FIXED_COLUMNS[0])
        table.add_column("Scenario", width=width)
        table.add_column("Score", width=FIXED_COLUMNS[1])
        table.add_column("Turns", width=FIXED_COLUMNS[2])
        table.add_column("How", width=FIXED_COLUMNS[3])
        for summary in reversed(listing.sessions):
            table.add_row(
                cell(when(summary)),
                cell(_short(summary.scenario_title or summary.scenario, width)),
                cell(percent(summary.score) if summary.finished else "unfinished"),
                cell(str(summary.turns)),
                cell(summary.mode),
                key=summary.session_id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        note = self.query_one("#sessions-note", Static)
        note.update("")
        if not listing.sessions:
            note.update(plain(
                "No sessions yet: rehearse a call and it is saved here.", MUTED))
        if listing.problems:
            note.update(plain(
                f"{len(listing.problems)} session file(s) could not be read, e.g. "
                f"{listing.problems[0]}", BAD))

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self) -> None:
        self.action_open()

    def _highlighted(self) -> SessionSummary | None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.listing.sessions if s.session_id == key), None)

    def action_open(self) -> None:
        summary = self._highlighted()
        if summary is None:
            self.notify("There is no session to open yet.", severity="warning")
            return
        self.post_message(messages.OpenSavedCall(summary.session_id))

    def action_delete(self) -> None:
        summary = self._highlighted()
        if summary is None:
            self.notify("There is no session to delete.", severity="warning")
            return
        try:
            recordings = len(self.store.recordings_of(summary.session_id))
        except TrainerError:
            recordings = 0
        also = f" and its {recordings} recording{'s' if recordings != 1 else ''}" \
            if recordings else ""
        self.app.push_screen(
            ConfirmScreen("Delete this session?",
                          f"{summary.scenario_title or summary.scenario}, {when(summary)}: "
                          f"the transcript and scorecard{also} are removed for good.",
                          yes="Delete", no="Keep it"),
            lambda yes: self._delete(summary) if yes else None,
        )

    def _delete(self, summary: SessionSummary) -> None:
        try:
            self.store.delete(summary.session_id)
        except TrainerError as exc:
            self.notify(exc.message, title="Could not delete the session", severity="error",
                        markup=False)
            return
        except OSError as exc:
            self.notify(f"{exc.strerror or exc}; check the folder's permissions.",
                        title="Could not delete the session", severity="error",
                        markup=False)
            return
        self.notify(f"{summary.scenario_title or summary.scenario}, {when(summary)}",
                    title="Session deleted", markup=False)
        self._load()

    def action_progress(self) -> None:
        self.post_message(messages.OpenProgress())

    def action_back(self) -> None:
        self.dismiss()
