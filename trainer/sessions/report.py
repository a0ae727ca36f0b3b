"""A saved call, arranged for reading: what ``show``, the exports and the review screen print.

The terminal, Markdown and HTML renderers all draw the same :class:`Report`,
so a coach reading the HTML sees exactly what the user saw with ``trainer
show``: the score, the checklist tally, each exchange with its evidence
marked, the speech figures and the model answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from trainer.checklist import Checklist
from trainer.scenario.model import Scenario
from trainer.scoring.result import Evidence
from trainer.scoring.scorecard import Scorecard
from trainer.sessions.highlight import Segment, segments
from trainer.sessions.model import Session, TurnRecord
from trainer.sessions.scored import session_scorecard, transcript_notes
from trainer.speech.misheard import Misheard

State = Literal["good", "bad", "n/a"]

NO_REPLY = "(no reply)"
"""How a turn the user let pass without a word reads, in every renderer and screen."""


@dataclass(frozen=True)
class ItemView:
    name: str
    label: str
    pitfall: bool
    tip: str | None = None


def item_view(name: str, checklist: Checklist) -> ItemView:
    """Label, kind and tip of an item, as the scenario's checklist has them."""
    info = checklist.info(name)
    return ItemView(name, info.label, info.kind == "avoid", info.tip or None)


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
    misheard: tuple[Misheard, ...] = ()
    """Words the recogniser may have misheard where the score turns."""
    heard: str | None = None
    """What the recogniser heard, when the user corrected the reply."""
    notes: tuple[str, ...] = ()
    """The lines about the transcript itself (:func:`transcript_notes`)."""


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
class LetterReport:
    """The follow-up letter kept with the session: its latest version and how it scored."""

    text: str
    saved: datetime
    versions: int
    score: int | None
    words: int
    checks: tuple[ChecklistLine, ...]
    """Each item of the letter's checklist; ``detail`` quotes its evidence."""
    repairs: tuple[str, ...]


def letter_report(session: Session, scenario: Scenario | None) -> LetterReport | None:
    """The latest saved letter with its checklist and evidence; ``None`` if none was saved."""
    from trainer.letter.items import letter_checklist

    if session.letter is None or session.letter.latest is None:
        return None
    version = session.letter.latest
    checklist = letter_checklist(scenario.letter_items if scenario is not None else ())
    checks = tuple(
        ChecklistLine(checklist.label(name), checklist.is_pitfall(name),
                      "n/a" if result.met is None
                      else "good" if result.met != checklist.is_pitfall(name) else "bad",
                      _quotes(result.evidence) if result.met else "")
        for name, result in version.checks.items())
    return LetterReport(version.text, version.saved, len(session.letter.versions),
                        version.score, version.words, checks,
                        tuple(r.message for r in session.letter.repairs))


@dataclass(frozen=True)
class Report:
    session_id: str
    scenario: str
    title: str
    started: datetime
    duration: float | None
    mode: str
    finished: bool
    status: str
    """``finished``, ``hung up``, ``input ended`` or ``unfinished``."""
    score: float | None
    checklist: tuple[ChecklistLine, ...]
    overview: tuple[tuple[str, str], ...]
    """Call-wide judgements and speech figures from the scorecard: (label, text)."""
    tips: tuple[tuple[str, str], ...]
    """(item label, advice) for everything that did not go well."""
    turns: tuple[TurnView, ...]
    notes: tuple[str, ...]
    """Things a reader should know: unfinished call, changed scenario, earlier scores."""
    help: tuple[str, ...] = ()
    """Help the user had, per turn ("turn 2: a hint, a redo"), so a coach can tell."""
    letter: LetterReport | None = None
    """The follow-up letter, when one was saved."""


def build_report(
    session: Session, scenario: Scenario | None = None, scenario_hash: str | None = None
) -> Report:
    """``scenario`` (the current file, if found) supplies labels and missing model answers.

    A finished call's checklist is its scorecard, computed from the turns by the
    one scorecard function; an unfinished call is tallied from its replies.
    """
    checklist = scenario.checklist() if scenario is not None else Checklist.of()
    card = session_scorecard(session, scenario) if session.finished else None
    if card is not None:
        lines, tips = _from_scorecard(card)
    else:
        lines, tips = _from_replies(session, checklist)
    turns = tuple(_turn_view(turn, scenario, checklist) for turn in session.turns)
    notes: list[str] = []
    if not session.finished:
        notes.append(
            f"This call was not finished: {len(session.turns)} "
            f"repl{'y' if len(session.turns) == 1 else 'ies'} saved, scored as it stands."
        )
    elif card is not None and card.ended_early:
        how = "was hung up" if session.ending == "hung_up" else "ran out of replies"
        notes.append(f"The call {how} after {len(session.turns)} "
                     f"repl{'y' if len(session.turns) == 1 else 'ies'}; the items it never "
                     "reached count as missed.")
    score = session.score
    if card is not None and score is not None and round(score) != card.overall:
        notes.append(f"Scored from its replies today, this call gets {card.overall}; "
                     "`trainer rescore` updates the saved score.")
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
        status=session.status,
        score=score,
        checklist=lines,
        overview=_overview(card) if card is not None else (),
        tips=tips,
        turns=turns,
        notes=tuple(notes),
        help=tuple(use.text for use in card.help) if card is not None else (),
        letter=letter_report(session, scenario),
    )


Lines = tuple[tuple[ChecklistLine, ...], tuple[tuple[str, str], ...]]


def _from_replies(session: Session, checklist: Checklist) -> Lines:
    """The checklist counted from each reply's checks, for a session without a scorecard."""
    lines: list[ChecklistLine] = []
    tips: list[tuple[str, str]] = []
    for name, (met, total) in sorted(session.item_counts().items(),
                                     key=lambda kv: checklist.rank(kv[0])):
        item = item_view(name, checklist)
        good = met == 0 if item.pitfall else met == total
        what = "showed up in" if item.pitfall else "met in"
        replies = "reply" if total == 1 else "replies"
        lines.append(ChecklistLine(item.label, item.pitfall, "good" if good else "bad",
                                   f"{what} {met} of {total} {replies}"))
        if not good and item.tip:
            tips.append((item.label, item.tip))
    return tuple(lines), tuple(tips)


def _quotes(evidence: tuple[Evidence, ...]) -> str:
    return ", ".join(f"“{e.text}”" for e in evidence if e.text)


def _from_scorecard(card: Scorecard) -> Lines:
    """The checklist as the scorecard sums the call up."""
    lines: list[ChecklistLine] = []
    tips: dict[str, str] = {}
    for item in card.items:
        where = f"turn {item.turn}" if item.turn else ""
        if item.met is True:
            detail = ", ".join(x for x in (where, _quotes(item.evidence)) if x) or item.why
            lines.append(ChecklistLine(item.label, False, "good", detail))
        elif item.met is None:
            lines.append(ChecklistLine(item.label, False, "n/a", item.why))
        else:
            head = f"missed in {where}" if where else "missed"
            detail = f"{head}: {item.why}" if item.why else head
            lines.append(ChecklistLine(item.label, False, "bad", detail))
            if item.tip:
                tips.setdefault(item.label, item.tip)
    for hit in card.pitfalls:
        lines.append(ChecklistLine(hit.label, True, "bad",
                                   ", ".join(x for x in (f"turn {hit.turn}",
                                                         _quotes(hit.evidence)) if x)))
        if hit.tip:
            tips.setdefault(hit.label, hit.tip)
    if not card.pitfalls:
        lines.append(ChecklistLine("Pitfalls", True, "good",
                                   "none: no badmouthing, no hedging, no over-explaining"))
    return tuple(lines), tuple(tips.items())


def _overview(card: Scorecard) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = [
        ("Holding the no", card.holding.note),
        ("Explaining", f"{card.explaining.verdict} ({card.explaining.note})"),
    ]
    m = card.metrics
    shown = f"{m.pace_wpm:.0f} words a minute" if m.pace_wpm is not None else ""
    out.append(("Pace", ", ".join(x for x in (shown, m.pace_note()) if x)))
    out.append(("Fillers", f"{m.filler_pct:.1f}% ({m.fillers}), {m.filler_note()}"))
    if m.mean_response_delay is not None and m.max_response_delay is not None:
        out.append(("Time to respond", f"{m.mean_response_delay:.1f} s on average, "
                                       f"{m.max_response_delay:.1f} s at most"))
    out += [("Hedges", str(m.hedges)), ("Apologies", str(m.apologies)),
            ("Words", str(m.words))]
    if card.help:
        out.append(("Help used", "; ".join(use.text for use in card.help)))
    return tuple(out)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _turn_view(turn: TurnRecord, scenario: Scenario | None, checklist: Checklist) -> TurnView:
    items = {name: item_view(name, checklist) for name in turn.checks}
    checks: list[CheckView] = []
    for name in sorted(turn.checks, key=checklist.rank):
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
        misheard=tuple(turn.misheard),
        heard=turn.heard,
        notes=transcript_notes(turn),
    )


def speech_figures(turn: TurnRecord) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs: how quickly and how long the user spoke, then the scorer's counts.

    A count is shown with the words behind it ("Fillers 2: um, uh"); figures an
    untimed reply does not have are left out.
    """
    figures: list[tuple[str, str]] = []
    if turn.timing.response_delay is not None:
        figures.append(("Response delay", f"{turn.timing.response_delay:.1f} s"))
    if turn.timing.duration is not None:
        figures.append(("Reply length", f"{turn.timing.duration:.1f} s"))
    m = turn.metrics
    if m.wpm is not None:
        figures.append(("Pace", f"{m.wpm:.0f} words a minute"))
    figures.append(("Words", str(m.words)))
    for label, spans in (("Fillers", m.fillers), ("Hedges", m.hedges),
                         ("Apologies", m.apologies)):
        said = [e.text for e in spans if e.text]
        figures.append((label, f"{len(spans)}" + (": " + ", ".join(said) if said else "")))
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
