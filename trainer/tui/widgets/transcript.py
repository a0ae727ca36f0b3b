"""The conversation so far: each recruiter line, the reply with its evidence highlighted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trainer.scenario.model import Scenario
from trainer.scoring.result import ItemResult
from trainer.sessions.report import NO_REPLY
from trainer.tui.presentation import MUTED, highlight_reply
from trainer.tui.text import plain
from trainer.tui.widgets.checks import summary_marks


@dataclass(frozen=True)
class Exchange:
    """One line and the reply to it, whether from a live call or a saved session."""

    recruiter: str
    reply: str | None = None
    """``None`` while the line waits for its reply."""
    checks: Mapping[str, ItemResult] = field(default_factory=dict)
    expected: tuple[str, ...] = ()
    note: str = ""


def exchange_content(exchange: Exchange, who: str, scenario: Scenario | None) -> Content:
    parts: list[Content | str] = [plain(f"{who}: ", "bold $text-accent"),
                                  plain(exchange.recruiter)]
    if exchange.reply is not None:
        reply = (highlight_reply(exchange.reply, exchange.checks, scenario)
                 if exchange.reply else plain(NO_REPLY, MUTED))
        parts += ["\n", plain("You: ", "bold $text-primary"), reply]
        marks = summary_marks(scenario, exchange.checks, exchange.expected)
        if marks:
            parts += ["\n", marks]
    if exchange.note:
        parts += ["\n", plain(exchange.note, MUTED)]
    return Content.assemble(*parts)


class ExchangeView(Static):
    def __init__(self, exchange: Exchange, who: str, scenario: Scenario | None) -> None:
        super().__init__(exchange_content(exchange, who, scenario), classes="exchange")
        self.exchange = exchange


class Transcript(VerticalScroll):
    """Exchanges, newest at the bottom, kept scrolled to the end."""

    def __init__(self, who: str, scenario: Scenario | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.who = who
        self.scenario = scenario
        self.can_focus = False
        self.exchanges: list[Exchange] = []
        """What is shown, in order (the widgets follow this list)."""

    def add(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)
        self.mount(ExchangeView(exchange, self.who, self.scenario))
        self.call_after_refresh(self.scroll_end, animate=False)

    def replace_last(self, exchange: Exchange) -> None:
        if self.exchanges:
            self.exchanges.pop()
            self.query(ExchangeView).last().remove()
        self.add(exchange)

    def reset(self, exchanges: list[Exchange]) -> None:
        """Show exactly ``exchanges`` (after a redo changed one)."""
        self.exchanges = []
        self.remove_children(ExchangeView)
        for exchange in exchanges:
            self.add(exchange)

    @property
    def last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None
