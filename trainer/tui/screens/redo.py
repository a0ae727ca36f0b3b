"""Redo one turn: hear the line again, answer again, compare the two, keep the better."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trainer.call.engine import Call, TurnOutcome
from trainer.call.listening import Voice
from trainer.errors import TrainerError
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings, key_of
from trainer.tui.presentation import MUTED, highlight_reply
from trainer.tui.text import plain
from trainer.tui.widgets.answer_box import AnswerBox
from trainer.tui.widgets.checks import ChecksView


class RedoScreen(Screen[TurnOutcome | None]):
    """Dismissed with the attempt kept (``None`` when the earlier answer stays)."""

    SCOPE: ClassVar[Scope] = "redo"
    BINDINGS: ClassVar[list[BindingType]] = bindings("redo")  # type: ignore[assignment]
    CSS_PATH = "redo.tcss"

    def __init__(self, call: Call, voice: Voice) -> None:
        super().__init__()
        self.call = call
        self.voice = voice
        self.earlier = call.outcomes[-1]
        self.new: TurnOutcome | None = None

    def compose(self) -> ComposeResult:
        scenario = self.call.scenario
        who = scenario.recruiter.name.split()[0]
        yield Static(plain("Redo your last answer", "bold"), id="redo-title")
        yield Static(Content.assemble(plain(f"{who}: ", "bold $text-accent"),
                                      plain(self.earlier.recruiter)), id="redo-line")
        with Horizontal(id="attempts"):
            with VerticalScroll(id="earlier", classes="attempt"):
                yield Static("Earlier answer", classes="heading")
                yield Static(highlight_reply(self.earlier.reply, self.earlier.score.checks,
                                             scenario), classes="reply")
                yield ChecksView(id="earlier-checks")
            with VerticalScroll(id="new", classes="attempt"):
                yield Static("New answer", classes="heading")
                yield Static(plain("Answer below.", MUTED), id="new-reply",
                             classes="reply")
                yield ChecksView(id="new-checks")
        yield AnswerBox(self.voice, scenario, id="answer", in_call=False,
                        done_text=f"Compare, then press {key_of('redo.keep_old')} to keep the "
                        f"earlier answer or {key_of('redo.keep_new')} the new one")
        with Horizontal(id="keep"):
            yield Button("Keep earlier (1)", id="keep-old")
            yield Button("Keep new (2)", id="keep-new", variant="primary", disabled=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#earlier-checks", ChecksView).show(
            self.call.scenario, self.earlier.score.checks, self.earlier.expected, tips=False)
        self.query_one(AnswerBox).ask(self.earlier.recruiter)

    def on_reply_ready(self, message: messages.ReplyReady) -> None:
        message.stop()
        self.new = self.call.try_again(message.reply)
        scenario = self.call.scenario
        self.query_one("#new-reply", Static).update(
            highlight_reply(self.new.reply, self.new.score.checks, scenario))
        self.query_one("#new-checks", ChecksView).show(
            scenario, self.new.score.checks, self.new.expected, tips=False)
        self.query_one("#keep-new", Button).disabled = False
        self.query_one(AnswerBox).end()
        self.query_one("#keep-new", Button).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep" and parameters == (True,):
            return self.new is not None
        return True

    def action_hear_again(self) -> None:
        self.query_one(AnswerBox).ask(self.earlier.recruiter)

    @on(Button.Pressed, "#keep-old")
    def _keep_old(self) -> None:
        self.action_keep(False)

    @on(Button.Pressed, "#keep-new")
    def _keep_new(self) -> None:
        self.action_keep(True)

    def action_keep(self, new: bool) -> None:
        if not new or self.new is None:
            self.dismiss(None)
            return
        try:
            self.call.keep_attempt(self.new)
        except TrainerError as exc:
            self.notify(f"{exc.message}. The earlier answer stays.",
                        title="Could not save the new answer", severity="error", timeout=15)
            self.dismiss(None)
            return
        self.dismiss(self.call.outcomes[-1])

    def action_cancel(self) -> None:
        self.dismiss(None)
