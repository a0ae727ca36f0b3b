"""A saved call, arranged for reading: what ``show``, the exports and the review screen print.

The terminal, Markdown and HTML renderers all draw the same :class:`Report`,
so a coach reading the HTML sees exactly what the user saw with ``trainer
show``: the score, the checklist tally, each exchange with its evidence
marked, the speech figures and the model answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from trainer.checklist import ITEMS_BY_NAME
from trainer.scenario.model import Scenario
from trainer.sessions.highlight import Segment, segments
from trainer.sessions.model import Session, TurnRecord

State = Literal["good", "bad", "n/a"]
Rank = Callable[[str], tuple[int, str]]
"""Sort key putting items in checklist order: built-ins first, then the scenario's own."""


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
        if custom.name == name:  # labelled as the scorecard labels it
            label = name.replace("_", " ").capitalize()
            return ItemView(name, label, custom.kind == "avoid", custom.tip)
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
    labels: dict[str, str]
    """Item name -> label, for the items named in ``segments``."""


@dataclass(frozen=True)
class ChecklistLine:
    """One line of the call's scorecard: an item over the whole call, or a pitfall hit."""

    label: str
    pitfall: bool
    state: State
    detail: str

    @property
    def mark(self) -> str:
        if self.state == "n/a":
            return "-"
        if self.state == "good":
            return "✓"
        return "!" if self.pitfall else "✗"


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
    checklist: tuple[ChecklistLine, ...]
    overview: tuple[tuple[str, str], ...]
    """Call-wide judgements and speech figures from the scorecard: (label, text)."""
    tips: tuple[tuple[str, str], ...]
    """(item label, advice) for everything that did not go well."""
    turns: tuple[TurnView, ...]
    notes: tuple[str, ...]
    """Things a reader should know: unfinished call, changed scenario, earlier scores."""

    @property
    def status(self) -> str:
        return "finished" if self.finished else "unfinished"


def build_report(
    session: Session, scenario: Scenario | None = None, scenario_hash: str | None = None
) -> Report:
    """``scenario`` (the current file, if found) supplies labels and missing model answers.

    The checklist is the saved scorecard's (what the score was computed from); a
    session without one (an unfinished call) is tallied from its replies instead.
    """
    order = {name: i for i, name in enumerate(scenario.item_names() if scenario else ())}
    for i, name in enumerate(ITEMS_BY_NAME):
        order.setdefault(name, i)

    def rank(name: str) -> tuple[int, str]:
        return order.get(name, len(order)), name

    card = _from_scorecard(session.scorecard or {})
    checklist, tips = card if card is not None else _from_replies(session, scenario, rank)
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
        checklist=checklist,
        overview=_overview(session.scorecard or {}),
        tips=tips,
        turns=turns,
        notes=tuple(notes),
    )


Lines = tuple[tuple[ChecklistLine, ...], tuple[tuple[str, str], ...]]


def _from_replies(session: Session, scenario: Scenario | None, rank: Rank) -> Lines:
    """The checklist counted from each reply's checks, for a session without a scorecard."""
    lines: list[ChecklistLine] = []
    tips: list[tuple[str, str]] = []
    for name, (met, total) in sorted(session.item_counts().items(), key=lambda kv: rank(kv[0])):
        item = item_view(name, scenario)
        good = met == 0 if item.pitfall else met == total
        what = "showed up in" if item.pitfall else "met in"
        replies = "reply" if total == 1 else "replies"
        lines.append(ChecklistLine(item.label, item.pitfall, "good" if good else "bad",
                                   f"{what} {met} of {total} {replies}"))
        if not good and item.tip:
            tips.append((item.label, item.tip))
    return tuple(lines), tuple(tips)


def _from_scorecard(card: dict[str, Any]) -> Lines | None:
    """The checklist as the scorer summed the call up; ``None`` if the card has none."""
    items = _objects(card, "items")
    if not items:
        return None
    lines: list[ChecklistLine] = []
    tips: dict[str, str] = {}
    for item in items:
        label = _text(item, "label") or _text(item, "name")
        met = item.get("met")
        where = f"turn {_text(item, 'turn_id')}" if _text(item, "turn_id") else ""
        why = _text(item, "why")
        if met is True:
            detail = ", ".join(x for x in (where, _quotes(item)) if x) or why
            lines.append(ChecklistLine(label, False, "good", detail))
        elif met is None:
            lines.append(ChecklistLine(label, False, "n/a", why))
        else:
            detail = f"missed in {where}: {why}" if where else f"missed: {why}"
            lines.append(ChecklistLine(label, False, "bad", detail))
            if _text(item, "tip"):
                tips.setdefault(label, _text(item, "tip"))
    hits = _objects(card, "pitfalls")
    for hit in hits:
        label = _text(hit, "label") or _text(hit, "name")
        where = f"turn {_text(hit, 'turn_id')}" if _text(hit, "turn_id") else ""
        lines.append(ChecklistLine(label, True, "bad",
                                   ", ".join(x for x in (where, _quotes(hit)) if x)))
        if _text(hit, "tip"):
            tips.setdefault(label, _text(hit, "tip"))
    if not hits:
        lines.append(ChecklistLine("Pitfalls", True, "good",
                                   "none: no badmouthing, no hedging, no over-explaining"))
    return tuple(lines), tuple(tips.items())


def _overview(card: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    holding = card.get("holding_the_no")
    if isinstance(holding, dict) and _text(holding, "note"):
        out.append(("Holding the no", _text(holding, "note")))
    explaining = card.get("explaining")
    if isinstance(explaining, dict) and _text(explaining, "verdict"):
        note = _text(explaining, "note")
        out.append(("Explaining", _text(explaining, "verdict") + (f" ({note})" if note else "")))
    metrics = card.get("metrics")
    if not isinstance(metrics, dict):
        return tuple(out)
    pace, pace_note = metrics.get("pace_wpm"), _text(metrics, "pace_note")
    if _is_number(pace) or pace_note:
        shown = f"{pace:.0f} words a minute" if _is_number(pace) else ""
        out.append(("Pace", ", ".join(x for x in (shown, pace_note) if x)))
    pct, fillers = metrics.get("filler_pct"), metrics.get("fillers")
    if _is_number(pct) and _is_number(fillers):
        note = _text(metrics, "filler_note")
        out.append(("Fillers", f"{pct:.1f}% ({fillers:.0f})" + (f", {note}" if note else "")))
    mean, longest = metrics.get("mean_response_delay"), metrics.get("max_response_delay")
    if _is_number(mean) and _is_number(longest):
        out.append(("Time to respond", f"{mean:.1f} s on average, {longest:.1f} s at most"))
    for key, label in (("hedges", "Hedges"), ("apologies", "Apologies"), ("words", "Words")):
        if _is_number(metrics.get(key)):
            out.append((label, f"{metrics[key]:.0f}"))
    return tuple(out)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _quotes(data: dict[str, Any]) -> str:
    return ", ".join(f"“{_text(e, 'text')}”" for e in _objects(data, "evidence")
                     if _text(e, "text"))


def _turn_view(turn: TurnRecord, scenario: Scenario | None, rank: Rank) -> TurnView:
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
        labels={name: item.label for name, item in items.items()},
    )


_METRICS: tuple[tuple[str, str, str, str | None], ...] = (
    # (key in the scorer's metrics, label, format, key of the words behind the count);
    # the scorer's other keys are its own workings, not figures for the user.
    ("wpm", "Pace", "{:.0f} words a minute", None),
    ("words", "Words", "{:.0f}", None),
    ("fillers", "Fillers", "{:.0f}", "filler_words"),
    ("hedges", "Hedges", "{:.0f}", "hedge_words"),
    ("apologies", "Apologies", "{:.0f}", "apology_words"),
)


def speech_figures(turn: TurnRecord) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs: how quickly and how long the user spoke, then the scorer's counts.

    A count is shown with the words behind it when the scorer lists them ("Fillers 2:
    um, uh"); figures an untimed reply does not have are left out.
    """
    figures: list[tuple[str, str]] = []
    if turn.timing.response_delay is not None:
        figures.append(("Response delay", f"{turn.timing.response_delay:.1f} s"))
    if turn.timing.duration is not None:
        figures.append(("Reply length", f"{turn.timing.duration:.1f} s"))
    for key, label, shape, words_key in _METRICS:
        value = turn.metrics.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        text = shape.format(value)
        listed = turn.metrics.get(words_key) if words_key else None
        if isinstance(listed, list):
            raw = [w.get("text") if isinstance(w, dict) else w for w in listed]
            said = [w for w in raw if isinstance(w, str) and w]
            if said:
                text += ": " + ", ".join(said)
        figures.append((label, text))
    return tuple(figures)


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
