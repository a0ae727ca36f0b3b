"""A saved call, arranged for reading: what ``show``, the exports and the review screen print.

The terminal, Markdown and HTML renderers all draw the same :class:`Report`,
so a coach reading the HTML sees exactly what the user saw with ``trainer
show``: the score, the checklist tally, each exchange with its evidence
marked, the speech figures and the model answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trainer.checklist import ITEMS_BY_NAME
from trainer.scenario.model import Scenario
from trainer.sessions.highlight import Segment, segments
from trainer.sessions.model import Session, TurnRecord


@dataclass(frozen=True)
class ItemView:
    name: str
    label: str
    pitfall: bool
    tip: str | None = None


def item_view(name: str, scenario: Scenario | None = None) -> ItemView:
    """Label, kind and tip of a built-in item or of the scenario's own."""
    builtin = ITEMS_BY_NAME.get(name)
    if builtin is not None:
        return ItemView(name, builtin.label, builtin.kind == "avoid", builtin.tip)
    for custom in scenario.items if scenario else ():
        if custom.name == name:
            return ItemView(name, custom.description, custom.kind == "avoid", custom.tip)
    return ItemView(name, name.replace("_", " ").capitalize(), False)


@dataclass(frozen=True)
class CheckView:
    item: ItemView
    met: bool | None
    score: float
    expected: bool
    quotes: tuple[str, ...]
    why: str

    @property
    def good(self) -> bool:
        """Whether this is what the user wanted: a do-item met, or a pitfall avoided."""
        return bool(self.met) != self.item.pitfall

    @property
    def verdict(self) -> str:
        if self.item.pitfall:
            return "showed up" if self.met else "avoided"
        return "met" if self.met else "missed"


@dataclass(frozen=True)
class TurnView:
    number: int
    turn_id: str
    recruiter: str
    reply: str
    segments: tuple[Segment, ...]
    checks: tuple[CheckView, ...]
    """Items worth showing: do-items met or expected, pitfalls that showed up."""
    speech: tuple[tuple[str, str], ...]
    model_answer: str | None
    source: str
    engine: str | None
    audio: str | None
    goto: str | None
    reason: str
    earlier_attempts: int


@dataclass(frozen=True)
class TallyView:
    item: ItemView
    met: int
    total: int

    @property
    def good(self) -> bool:
        return self.met == 0 if self.item.pitfall else self.met == self.total


@dataclass(frozen=True)
class Report:
    session_id: str
    scenario: str
    title: str
    started: datetime
    duration: float | None
    mode: str
    finished: bool
    score: float | None
    tallies: tuple[TallyView, ...]
    turns: tuple[TurnView, ...]
    notes: tuple[str, ...]
    """Things a reader should know: unfinished call, changed scenario, earlier scores."""

    @property
    def status(self) -> str:
        return "finished" if self.finished else "unfinished"

    def tips(self) -> list[tuple[ItemView, str]]:
        """Advice for every item that did not go well."""
        return [(t.item, t.item.tip) for t in self.tallies if not t.good and t.item.tip]


def build_report(
    session: Session, scenario: Scenario | None = None, scenario_hash: str | None = None
) -> Report:
    """``scenario`` (the current file, if found) supplies labels and missing model answers."""
    order = {name: i for i, name in enumerate(scenario.item_names() if scenario else ())}
    for i, name in enumerate(ITEMS_BY_NAME):
        order.setdefault(name, i)

    def rank(name: str) -> tuple[int, str]:
        return order.get(name, len(order)), name

    tallies = tuple(
        TallyView(item_view(name, scenario), met, total)
        for name, (met, total) in sorted(session.item_counts().items(), key=lambda kv: rank(kv[0]))
    )
    turns = tuple(_turn_view(turn, scenario, rank) for turn in session.turns)
    notes: list[str] = []
    if not session.finished:
        notes.append(
            f"This call was not finished: {len(session.turns)} "
            f"repl{'y' if len(session.turns) == 1 else 'ies'} saved, scored as it stands."
        )
    if scenario_hash and session.scenario_hash and scenario_hash != session.scenario_hash:
        notes.append("The scenario file has changed since this call was made.")
    for entry in session.rescored_from:
        before = "no score" if entry.score is None else f"{entry.score:.0f}"
        when = format_when(entry.rescored_at)
        notes.append(f"Rescored on {when}; the score before was {before}.")
    return Report(
        session_id=session.session_id,
        scenario=session.scenario,
        title=session.scenario_title or session.scenario,
        started=session.started,
        duration=session.duration,
        mode=session.mode,
        finished=session.finished,
        score=session.score,
        tallies=tallies,
        turns=turns,
        notes=tuple(notes),
    )


def _turn_view(turn: TurnRecord, scenario: Scenario | None, rank: Any) -> TurnView:
    items = {name: item_view(name, scenario) for name in turn.checks}
    checks: list[CheckView] = []
    for name in sorted(turn.checks, key=rank):
        result = turn.checks[name]
        item = items[name]
        shown = bool(result.met) if item.pitfall else (bool(result.met) or name in turn.expected)
        if result.met is None or not shown:
            continue
        quotes = tuple(e.text for e in result.evidence if e.text) if result.met else ()
        checks.append(CheckView(item, result.met, result.score, name in turn.expected, quotes,
                                result.why))
    model_answer = turn.model_answer
    if model_answer is None and scenario is not None:
        model_answer = next((t.model_answer for t in scenario.turns if t.id == turn.turn_id), None)
    return TurnView(
        number=turn.index + 1,
        turn_id=turn.turn_id,
        recruiter=turn.recruiter,
        reply=turn.reply,
        segments=tuple(segments(turn.reply, turn.checks, lambda n: items[n].pitfall)),
        checks=tuple(checks),
        speech=speech_figures(turn),
        model_answer=model_answer,
        source=turn.source,
        engine=turn.engine,
        audio=turn.audio,
        goto=turn.decision.goto if turn.decision else None,
        reason=turn.decision.reason if turn.decision else "",
        earlier_attempts=len(turn.attempts),
    )


def speech_figures(turn: TurnRecord) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs: the reply's timing, then whatever metrics the scorer gave."""
    figures: list[tuple[str, str]] = []
    if turn.timing.response_delay is not None:
        figures.append(("Response delay", f"{turn.timing.response_delay:.1f} s"))
    if turn.timing.duration is not None:
        figures.append(("Reply length", f"{turn.timing.duration:.1f} s"))
    for key, value in turn.metrics.items():
        figures.append((key.replace("_", " ").capitalize(), format_value(value)))
    return tuple(figures)


def format_value(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k} {format_value(v)}" for k, v in value.items()) or "none"
    return str(value)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def format_when(moment: datetime) -> str:
    """In the reader's local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_score(score: float | None) -> str:
    return "-" if score is None else f"{score:.0f}"
