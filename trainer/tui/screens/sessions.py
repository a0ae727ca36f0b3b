"""Saved sessions, newest first: open one to review it read-only."""

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
from trainer.tui.text import cell, plain


def when(summary: SessionSummary) -> str:
    return summary.started.astimezone().strftime("%d %b %Y %H:%M")


TITLE_WIDTH = 34
"""What leaves the other columns room at 80 columns."""


def _short(title: str, width: int = TITLE_WIDTH) -> str:
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

    def compose(self) -> ComposeResult:
        yield Static(plain("Past sessions", "bold"), id="sessions-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            listing = self.store.list(self.scenario)
        except TrainerError as exc:
            listing = ListResult()
            self.notify(exc.message, title="Could not list the sessions", severity="error")
        table = self.query_one("#sessions", DataTable)
        table.add_columns("When", "Scenario", "Score", "Turns", "How")
        for summary in reversed(listing.sessions):
            table.add_row(
                cell(when(summary)),
                cell(_short(summary.scenario_title or summary.scenario)),
                cell(percent(summary.score) if summary.finished else "unfinished"),
                cell(str(summary.turns)),
                cell(summary.mode),
                key=summary.session_id,
            )
        note = self.query_one("#sessions-note", Static)
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

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            self.notify("There is no session to open yet.", severity="warning")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        if key.value is not None:
            self.post_message(messages.OpenSession(key.value))

    def action_back(self) -> None:
        self.dismiss()
