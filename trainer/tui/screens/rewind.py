"""Pick the turn to redo: every answered turn by number and the recruiter's line (no ids)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trainer.call.engine import TurnOutcome
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import MUTED

LINE_WIDTH = 56
"""What fits one line of the list in the 70-column dialog."""


def turn_choice(number: int, outcome: TurnOutcome, who: str) -> Content:
    line = " ".join(outcome.recruiter.split())
    room = LINE_WIDTH - len(f"{number}. {who}: ")
    if len(line) > room:
        line = line[: room - 1].rstrip() + "…"
    return Content.assemble(Content.styled(f"{number}. ", "bold"),
                            Content.styled(f"{who}: ", "bold $text-accent"), Content(line))


class RewindScreen(ModalScreen[int | None]):
    """Dismissed with the 0-based index of the turn to redo, or ``None``."""

    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#rewind-turns"

    def __init__(self, outcomes: Sequence[TurnOutcome], who: str) -> None:
        super().__init__()
        self.outcomes = list(outcomes)
        self.who = who

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="rewind") as dialog:
            dialog.border_title = "Redo a turn"
            dialog.border_subtitle = "Enter to choose · Esc to cancel"
            yield Static(Content.styled(
                "The last turn: answer it again and keep the better answer. An earlier turn: "
                "the call goes on from there; your later replies are kept as earlier "
                "attempts.", MUTED))
            options = OptionList(*(
                Option(turn_choice(number, outcome, self.who))
                for number, outcome in enumerate(self.outcomes, start=1)
            ), id="rewind-turns")
            options.highlighted = len(self.outcomes) - 1
            yield options

    @on(OptionList.OptionSelected, "#rewind-turns")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
