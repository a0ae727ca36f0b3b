"""The full text behind short notices (a raw speech-layer error, a pip command), on request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.tui.bindings import Scope, bindings


class DetailsScreen(ModalScreen[None]):
    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"

    def __init__(self, title: str, entries: Sequence[tuple[str, str]]) -> None:
        """``entries``: (short line, full text) pairs, both shown as plain text."""
        super().__init__()
        self.title_text = title
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = "Esc to close"
            for short, details in self.entries:
                yield Static(Content.styled(short, "bold"), classes="heading")
                yield Static(Content(details))

