"""Before the call: who rings, what happened, what to do, and how the call will work."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trainer.call.listening import Voice
from trainer.checklist import BUILTIN_NAMES
from trainer.scenario.model import SITUATION_LABELS, Scenario
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import MUTED, item_description, item_kind, item_label
from trainer.tui.text import plain


def call_checklist(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The items this call's turns expect, and every pitfall, each in checklist order."""
    expected = {name for turn in scenario.turns for name in turn.expect}
    names = scenario.item_names()
    do = [n for n in names if item_kind(scenario, n) == "do" and n in expected]
    avoid = [n for n in names if item_kind(scenario, n) == "avoid"]
    return do, avoid


def how_it_works(voice: Voice) -> str:
    speaking = (
        "The recruiter's lines are read aloud and shown on screen."
        if voice.speaks
        else "The recruiter's lines are shown on screen (no voice)."
    )
    replying = (
        "When it is your turn, answer out loud; the trainer listens until you pause."
        if voice.listens
        else "When it is your turn, type your reply and press Enter."
    )
    return f"{speaking} {replying}"


class BriefingScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = bindings("briefing")  # type: ignore[assignment]
    CSS_PATH = "briefing.tcss"
    AUTO_FOCUS = "#start"

    def __init__(self, scenario: Scenario, name: str, voice: Voice) -> None:
        super().__init__()
        self.scenario = scenario
        self.scenario_name = name
        self.voice = voice

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        recruiter = scenario.recruiter
        do, avoid = call_checklist(scenario)
        with VerticalScroll(id="sheet"):
            yield Static(plain(scenario.title, "bold"), id="title")
            yield Static(plain(
                f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty}", MUTED
            ))
            yield Static("How the call works", classes="heading")
            yield Static(how_it_works(self.voice))
            for notice in self.voice.notices:
                yield Static(plain(f"Note: {notice}", MUTED), classes="notice")
            yield Static("Who is calling", classes="heading")
            yield Static(plain(f"{recruiter.name}, {recruiter.company}, about the "
                               f"{recruiter.role.lower()} role."))
            yield Static("What happened", classes="heading")
            yield Static(plain(scenario.briefing))
            yield Static("Your checklist for this call", classes="heading")
            for name in do:
                yield Static(self._item(name, "☐"), classes="item")
            yield Static("Avoid", classes="heading")
            for name in avoid:
                yield Static(self._item(name, "⚠"), classes="item")
            if scenario.tips:
                yield Static("Tips", classes="heading")
                for tip in scenario.tips:
                    yield Static(plain(f"• {tip}"), classes="item")
        with Horizontal(id="actions"):
            yield Button("Start the call", id="start", variant="primary")
            yield Button("Back", id="back")
        yield Footer(compact=True)

    def _item(self, name: str, symbol: str) -> Content:
        label = item_label(self.scenario, name)
        own = "" if name in BUILTIN_NAMES else " (this call's own)"
        return Content.assemble(
            f"{symbol} ", plain(label + own, "bold"), ": ",
            plain(item_description(self.scenario, name)),
        )

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.post_message(messages.StartCall(self.scenario_name))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
