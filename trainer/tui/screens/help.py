"""Every key, grouped by screen, the current screen's first; built from the key table."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.tui.bindings import KEYS, SCOPE_TITLES, Scope, bindings, keys_for
from trainer.tui.presentation import MUTED
from trainer.tui.text import plain


class HelpScreen(ModalScreen[None]):
    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"

    def __init__(self, current: Scope | None) -> None:
        super().__init__()
        self.current = current

    def _order(self) -> list[Scope]:
        scopes: list[Scope] = []
        for scope in (self.current, "app", *(key.scope for key in KEYS)):
            if scope is not None and scope != "modal" and scope not in scopes:
                scopes.append(scope)
        return scopes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc to close · ctrl+p finds any action by name"
            for scope in self._order():
                yield Static(plain(SCOPE_TITLES[scope], "bold"), classes="heading")
                for key in keys_for(scope):
                    shown = self.app.get_key_display(Binding(key.key, key.action))
                    with Horizontal(classes="key-row"):
                        yield Static(plain(shown, "bold $text-accent"), classes="key")
                        yield Static(Content.assemble(
                            plain(key.description, "bold"),
                            plain(f": {key.help}", MUTED),
                        ), classes="what")
