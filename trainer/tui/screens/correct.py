"""Correct the transcript of one reply: the text box starts with what the recogniser heard."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, MUTED
from trainer.tui.text import plain


class CorrectScreen(ModalScreen[str | None]):
    """Dismissed with the corrected text, or ``None`` (Esc, or nothing changed)."""

    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#correct-text"

    def __init__(self, number: int, heard: str, notes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.number = number
        self.heard = heard
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Correct turn {self.number}"
            dialog.border_subtitle = "Enter to rescore · Esc to cancel"
            yield Static("What you said, word for word. The reply is scored again, and what "
                         "the recogniser heard is kept beside it.")
            for note in self.notes:
                yield Static(plain(note, MUTED))
            yield Input(self.heard, id="correct-text")
            yield Static(id="correct-note")

    @on(Input.Submitted, "#correct-text")
    def _done(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if not text:
            self.query_one("#correct-note", Static).update(
                plain("Type what you said in this turn (or Esc to leave it).", BAD))
            return
        self.dismiss(None if text == " ".join(self.heard.split()) else text)
