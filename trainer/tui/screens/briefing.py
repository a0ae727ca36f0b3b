"""Before the call: who rings, what happened, what you want, what to do; then how it works.

The situation comes first, so at 80x24 the first screen is about the call, not
about missing sound; notices are one short line each, their details a key away.
"""

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
from trainer.tui.bindings import Scope, bindings, key_of
from trainer.tui.notices import summarise
from trainer.tui.presentation import MUTED, item_description, item_kind, item_label
from trainer.tui.screens.details import DetailsScreen
from trainer.tui.text import plain


def call_checklist(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The items this call's turns expect, and every pitfall, each in checklist order."""
    expected = {name for turn in scenario.turns for name in turn.expect}
    names = scenario.item_names()
    do = [n for n in names if item_kind(scenario, n) == "do" and n in expected]
    avoid = [n for n in names if item_kind(scenario, n) == "avoid"]
    return do, avoid


GOALS: dict[str, str] = {
    "decline_offer": "Turn the offer down clearly and kindly, and leave the door open.",
    "decline_interview": "Say no to the interview clearly and kindly, and leave the door open.",
    "decline_second_interview": "Step out of the process clearly and kindly, and leave the "
                                "door open.",
    "salary_below_expectations": "Say plainly that the salary does not work for you, and "
                                 "leave the door open.",
    "cancel_interview": "Cancel the interview clearly and politely, and leave the door open.",
}


def goal(scenario: Scenario) -> str:
    """What the user wants from this call, in one sentence, by the kind of call it is."""
    return GOALS.get(scenario.situation, SITUATION_LABELS[scenario.situation] + ".")


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
    recorded = f"You can also answer with an audio file you recorded ({key_of('call.file')})."
    return f"{speaking} {replying} {recorded}"


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
        self.notices = [summarise(notice) for notice in voice.notices]

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        recruiter = scenario.recruiter
        do, avoid = call_checklist(scenario)
        with VerticalScroll(id="sheet"):
            yield Static(plain(scenario.title, "bold"), id="title")
            yield Static(plain(
                f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty}", MUTED
            ))
            yield Static(Content.assemble(
                Content.styled("Who is calling: ", "bold $text-primary"),
                f"{recruiter.name}, {recruiter.company}, about the {recruiter.role} role.",
            ), classes="heading")
            yield Static("What happened", classes="heading")
            yield Static(Content(scenario.briefing))
            yield Static("What you want from the call", classes="heading")
            yield Static(Content(goal(scenario)))
            yield Static("Your checklist for this call", classes="heading")
            for name in do:
                yield Static(self._item(name, "☐"), classes="item")
            yield Static("Avoid", classes="heading")
            for name in avoid:
                yield Static(self._item(name, "⚠"), classes="item")
            if scenario.tips:
                yield Static("Tips", classes="heading")
                for tip in scenario.tips:
                    yield Static(Content(f"• {tip}"), classes="item")
            yield Static("How the call works", classes="heading")
            yield Static(how_it_works(self.voice))
            if self.notices:
                yield Static(Content.assemble(
                    "Notices ", Content.styled(f"(press {key_of('briefing.details')} for the "
                                               "details)", MUTED)), classes="heading")
                for notice in self.notices:
                    yield Static(Content.styled(f"• {notice.short}", MUTED), classes="notice")
        with Horizontal(id="actions"):
            yield Button("Start the call", id="start", variant="primary", compact=True)
            yield Button("Back", id="back", compact=True)
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "details":
            return bool(self.notices)
        return True

    def action_details(self) -> None:
        if self.notices:
            self.app.push_screen(DetailsScreen(
                "About sound and settings",
                [(notice.short, notice.details) for notice in self.notices]))

    def action_scroll_sheet(self, how: str) -> None:
        """PageUp/PageDown and the arrows scroll the page even while a button has focus."""
        sheet = self.query_one("#sheet", VerticalScroll)
        {
            "page_down": sheet.scroll_page_down, "page_up": sheet.scroll_page_up,
            "down": sheet.scroll_down, "up": sheet.scroll_up,
        }[how]()

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
