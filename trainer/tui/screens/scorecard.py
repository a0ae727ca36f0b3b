"""After the call: the score, what was met and missed, how it sounded, what to say next time."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.errors import TrainerError
from trainer.scenario.catalog import Catalog
from trainer.sessions.store import SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import percent


class ScorecardScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "scorecard"
    BINDINGS: ClassVar[list[BindingType]] = bindings("scorecard")  # type: ignore[assignment]

    def __init__(
        self, session_id: str, store: SessionStore, catalog: Callable[[], Catalog]
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.store = store
        self._catalog = catalog

    def compose(self) -> ComposeResult:
        yield Static(id="scorecard-title")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            session = self.store.load(self.session_id)
        except TrainerError as exc:
            self.notify(exc.message, severity="error")
            return
        self.query_one("#scorecard-title", Static).update(
            Content.styled(f"Scorecard: {percent(session.score)}", "bold"))

    def action_try_again(self) -> None:
        session = self.store.load(self.session_id)
        self.post_message(messages.StartCall(session.scenario))

    def action_review(self) -> None:
        self.post_message(messages.OpenSession(self.session_id))

    def action_export(self) -> None:
        self.notify("Export is not ready yet.")

    def action_back(self) -> None:
        self.post_message(messages.ShowPicker())
