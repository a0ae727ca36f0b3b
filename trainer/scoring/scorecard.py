"""A whole call, scored: what was met where, what was missed and how to fix it, and how it sounded.

:func:`build_scorecard` is the one function that turns a call's scored turns
(plus the scenario) into its scorecard; the app, line mode, ``show``, the
exports and ``rescore`` all call it, and the renderers under
``trainer.sessions`` and ``trainer.tui`` only draw what it returns.

The overall score is the share of expected checklist items met, less a penalty
for each pitfall fallen into and for wavering after a clear no, so the number
moves for the reasons the user can read beside it. A call that ended early
counts the items it never reached as missed, so hanging up can never score
better than carrying the same replies on to the end. Pace is pooled over every
timed reply (a four-word reply has no meaningful pace of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from trainer.checklist import Checklist
from trainer.scenario.branching import targets
from trainer.scenario.model import Scenario
from trainer.scoring.metrics import (
    HEALTHY_FILLER_RATIO,
    HEALTHY_WPM,
    MIN_SECONDS_FOR_PACE,
    MIN_WORDS_FOR_PACE,
)
from trainer.scoring.result import Ending, Evidence, ItemResult, ReplyScore

PITFALL_PENALTY: dict[str, int] = {"offensive": 20, "hedged": 10, "over_detailed": 10}
"""Points off the overall score for falling into a pitfall at least once."""
CUSTOM_PITFALL_PENALTY = 10
WAVER_PENALTY = 15
OVER_APOLOGY = 3
"""This many apologies in a call bury the message."""
OVER_EXPLAINED_REASONS = 4
OVER_EXPLAINED_WORDS = 60

_TIP_KEYWORDS: dict[str, tuple[str, ...]] = {
    # in the order a scenario tip is claimed: the most specific subject first, so a
    # counter-offer tip that also says "thank them" belongs to the follow-up, not to thanks
    "courteous_followup": ("counter", "follow-up", "follow up", "push", "repeat your decision",
                           "without wavering", "keep in touch", "stay in touch"),
    "offensive": ("cheap", "neutral", "badmouth", "never call", "criticis"),
    "hedged": ("think about it", "probably", "maybe", "hedg", "waver", "i'm not sure"),
    "brief_reason": ("reason",),
    "over_detailed": ("brief", "short", "list", "long story"),
    "clear_no": ("decline", "say no", "clearly", "plainly", "won't be accepting", "turn it down"),
    "graceful_close": ("close", "wish", "goodbye", "door open", "paths cross"),
    "thanks": ("thank", "grateful", "appreciat"),
}

FOLLOWUP_TIPS: dict[str, str] = {
    "change": "Thank them for the new offer, then repeat your decision without wavering: "
              "\"That's generous of you, thank you, but my decision is final.\"",
    "future": "Answer the offer to stay in touch warmly, without reopening anything: "
              "\"Of course, I'd be glad to stay in touch.\"",
    "wrapup": "Answer warmly and briefly: \"No, that's everything. Thank you again.\"",
}
"""The follow-up tip for the kind of question asked; other questions (why, where) get the
checklist's own ("I'd rather keep that private...")."""

Status = Literal["held", "wavered", "not_tested", "never_clear"]
Verdict = Literal["brief", "over-explaining", "over-apologising", "over-explaining and "
                                                                  "over-apologising"]
NOT_REACHED = "not reached: the call ended before it came up"


@dataclass(frozen=True)
class ScoredTurn:
    turn_id: str
    recruiter: str
    reply: str
    expected: tuple[str, ...]
    score: ReplyScore
    model_answer: str | None = None
    number: int = 0
    """1-based place in the call (what users see; turn ids are for authors)."""
    help: tuple[str, ...] = ()
    """What the user looked at before replying: ``hint``, ``model_answer``."""
    redone: int = 0
    """Earlier attempts at this turn the user redid."""
    goto: str | None = None
    """Where the call went after this reply (a turn id, or ``end``)."""
    notes: tuple[str, ...] = ()
    """About the transcript itself: words that may be misheard, a correction by the user."""


@dataclass(frozen=True)
class ItemOutcome:
    """One expected checklist item over the whole call."""

    name: str
    label: str
    met: bool | None
    """``None`` when it never applied (no follow-up question came up)."""
    turn: int | None
    """Where it was met, or where it was expected and missed (1-based)."""
    turn_id: str | None = None
    evidence: tuple[Evidence, ...] = ()
    why: str = ""
    tip: str | None = None
    model_answer: str | None = None


@dataclass(frozen=True)
class PitfallHit:
    name: str
    label: str
    turn: int
    turn_id: str
    evidence: tuple[Evidence, ...]
    why: str
    tip: str | None


@dataclass(frozen=True)
class CallMetrics:
    words: int
    pace_wpm: float | None
    """Pooled over every timed reply; ``None`` when too little was timed."""
    timed_words: int
    timed_seconds: float
    fillers: int
    filler_pct: float
    hedges: int
    apologies: int
    mean_response_delay: float | None
    max_response_delay: float | None

    def pace_note(self) -> str:
        if self.pace_wpm is None:
            if self.timed_seconds:
                return "too little speech timed to judge pace"
            return "not timed (typed or audio without timing)"
        low, high = HEALTHY_WPM
        if self.pace_wpm < low:
            return "slow; aim for about 100-165"
        if self.pace_wpm > high:
            return "fast; slow down a little, aim for about 100-165"
        return "conversational (100-165)"

    def filler_note(self) -> str:
        limit = HEALTHY_FILLER_RATIO * 100
        if self.filler_pct >= limit:
            return f"above the usual {limit:.0f}%; pause instead of filling"
        return f"under {limit:.0f}%: fine"


@dataclass(frozen=True)
class Holding:
    """Did the no survive the pushes that came after it?"""

    status: Status
    pushes: int
    """Lines after the first clear no that tried to change it (counter-offers, "are you sure?")."""
    first_no_turn: int | None
    wavered_turn: int | None
    note: str


@dataclass(frozen=True)
class Explaining:
    apologies: int
    reasons_given: int
    reason_words: int
    verdict: Verdict
    note: str


@dataclass(frozen=True)
class HelpUse:
    """Help the user had at one turn, so a coach reading the scorecard can tell."""

    turn: int
    hint: bool
    model_answer: bool
    redone: int

    @property
    def text(self) -> str:
        parts = []
        if self.hint:
            parts.append("a hint")
        if self.model_answer:
            parts.append("the model answer")
        if self.redone:
            parts.append("a redo" if self.redone == 1 else f"{self.redone} redos")
        return f"turn {self.turn}: " + ", ".join(parts)


@dataclass(frozen=True)
class TurnCard:
    number: int
    turn_id: str
    recruiter: str
    reply: str
    expected: tuple[str, ...]
    met: tuple[str, ...]
    missed: tuple[str, ...]
    pitfalls: tuple[str, ...]
    model_answer: str | None
    checks: dict[str, ItemResult] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    """About the transcript itself: words that may be misheard, a correction by the user."""


@dataclass(frozen=True)
class Scorecard:
    overall: int
    items: tuple[ItemOutcome, ...]
    pitfalls: tuple[PitfallHit, ...]
    metrics: CallMetrics
    holding: Holding
    explaining: Explaining
    turns: tuple[TurnCard, ...]
    checklist: Checklist
    scenario_id: str | None = None
    title: str | None = None
    ending: Ending = "finished"
    help: tuple[HelpUse, ...] = ()

    @property
    def ended_early(self) -> bool:
        return self.ending != "finished"

    def item(self, name: str) -> ItemOutcome | None:
        return next((i for i in self.items if i.name == name), None)


# -- building -----------------------------------------------------------------------------


def _owner(tip: str) -> str | None:
    lowered = tip.lower()
    return next((item for item, words in _TIP_KEYWORDS.items()
                 if any(w in lowered for w in words)), None)


def scenario_tip(name: str, scenario: Scenario | None) -> str | None:
    """The scenario's own tip about ``name``.

    Each tip belongs to the first item (in :data:`_TIP_KEYWORDS` order) whose words
    it uses, so it is shown under that item only; among an item's tips the one with
    its most specific word (the first listed) wins.
    """
    if scenario is None:
        return None
    mine = [tip for tip in scenario.tips if _owner(tip) == name]
    for keyword in _TIP_KEYWORDS.get(name, ()):
        for tip in mine:
            if keyword in tip.lower():
                return tip
    return None


def tip_for(name: str, scenario: Scenario | None, checklist: Checklist,
            line_kind: str | None = None) -> str | None:
    """One concrete tip for an item, fitting the question it was missed at: a scenario tip
    that speaks to it, then (for a follow-up) advice for that kind of question, then the
    checklist's general advice (a custom item's own tip)."""
    if name == "courteous_followup" and line_kind in FOLLOWUP_TIPS:
        own = scenario_tip(name, scenario)
        if line_kind == "change" and own is not None and "counter" in own.lower():
            return own
        return FOLLOWUP_TIPS[line_kind]
    return scenario_tip(name, scenario) or checklist.tip(name) or None


def _expected_names(turns: Sequence[ScoredTurn], checklist: Checklist,
                    unreached: set[str]) -> list[str]:
    wanted = {name for turn in turns for name in turn.expected} | unreached
    if not wanted:
        wanted = set(checklist.do_names)
        if not any(t.score.checks.get("courteous_followup") and
                   t.score.checks["courteous_followup"].met is not None for t in turns):
            wanted.discard("courteous_followup")
    names = [n for n in checklist.names if n in wanted and checklist.kind(n) == "do"]
    names += sorted(n for n in wanted if n not in checklist)
    return names


def _missed(name: str, label: str, turn: ScoredTurn, result: ItemResult | None, why: str,
            scenario: Scenario | None, checklist: Checklist) -> ItemOutcome:
    return ItemOutcome(name, label, False, turn.number, turn.turn_id,
                       result.evidence if result else (), why,
                       tip_for(name, scenario, checklist, turn.score.metrics.line_kind),
                       turn.model_answer)


def _outcome(name: str, turns: Sequence[ScoredTurn], scenario: Scenario | None,
             checklist: Checklist, unreached: set[str]) -> ItemOutcome:
    label = checklist.label(name)
    expecting = [t for t in turns if name in t.expected] or list(turns)
    if name == "courteous_followup":
        judged = [t for t in turns if t.score.checks.get(name) is not None
                  and t.score.checks[name].met is not None]
        failed = [t for t in judged if not t.score.checks[name].met]
        if failed:
            t = failed[0]
            r = t.score.checks[name]
            return _missed(name, label, t, r, r.why, scenario, checklist)
        if name in unreached:
            why = NOT_REACHED if not judged else ("a follow-up question still to come was "
                                                  "never answered")
            return ItemOutcome(name, label, False, None, None, (), why,
                               tip_for(name, scenario, checklist))
        if not judged:
            return ItemOutcome(name, label, None, None, None, (), "no follow-up question came up")
        t = judged[0]
        r = t.score.checks[name]
        why = f"courteous in all {len(judged)} follow-up{'s' if len(judged) > 1 else ''}"
        return ItemOutcome(name, label, True, t.number, t.turn_id, r.evidence, why)
    met_turns = [t for t in turns if t.score.checks.get(name) is not None
                 and t.score.checks[name].met]
    if met_turns:
        preferred = [t for t in met_turns if name in t.expected] or met_turns
        t = preferred[0]
        r = t.score.checks[name]
        return ItemOutcome(name, label, True, t.number, t.turn_id, r.evidence, r.why)
    asked = [t for t in turns if name in t.expected]
    if not asked and name in unreached:
        return ItemOutcome(name, label, False, None, None, (), NOT_REACHED,
                           tip_for(name, scenario, checklist))
    if not expecting:
        return ItemOutcome(name, label, False, None, None, (), "no reply to judge",
                           tip_for(name, scenario, checklist))
    t = expecting[0]
    missed = t.score.checks.get(name)
    return _missed(name, label, t, missed, missed.why if missed is not None else "not scored",
                   scenario, checklist)


def _pitfalls(turns: Sequence[ScoredTurn], scenario: Scenario | None,
              checklist: Checklist) -> list[PitfallHit]:
    hits: list[PitfallHit] = []
    for turn in turns:
        for name in checklist.avoid_names:
            r = turn.score.checks.get(name)
            if r is not None and r.met:
                hits.append(PitfallHit(name, checklist.label(name), turn.number, turn.turn_id,
                                       r.evidence, r.why, tip_for(name, scenario, checklist)))
    return hits


def _call_metrics(turns: Sequence[ScoredTurn]) -> CallMetrics:
    words = fillers = hedges = apologies = 0
    timed_words = 0
    timed_seconds = 0.0
    delays: list[float] = []
    for turn in turns:
        m = turn.score.metrics
        words += m.words
        fillers += len(m.fillers)
        hedges += len(m.hedges)
        apologies += len(m.apologies)
        if m.seconds is not None and m.seconds > 0:
            timed_words += m.words
            timed_seconds += m.seconds
        if m.response_delay is not None:
            delays.append(m.response_delay)
    pace = None
    if timed_words >= MIN_WORDS_FOR_PACE and timed_seconds >= MIN_SECONDS_FOR_PACE:
        pace = round(timed_words * 60.0 / timed_seconds, 1)
    pct = round(100.0 * fillers / words, 1) if words else 0.0
    return CallMetrics(
        words, pace, timed_words, timed_seconds, fillers, pct, hedges, apologies,
        round(sum(delays) / len(delays), 2) if delays else None,
        round(max(delays), 2) if delays else None,
    )


def _met(turn: ScoredTurn, name: str) -> bool:
    r = turn.score.checks.get(name)
    return bool(r is not None and r.met)


def _holding(turns: Sequence[ScoredTurn]) -> Holding:
    first = next((t for t in turns if _met(t, "clear_no")), None)
    if first is None:
        hedged = next((t for t in turns if _met(t, "hedged")), None)
        note = ("never said a clear no" + (f"; hedged in turn {hedged.number}" if hedged
                                           else ""))
        return Holding("never_clear", 0, None, hedged.number if hedged else None, note)
    after = list(turns)[list(turns).index(first) + 1:]
    pushes = [t for t in after if t.score.metrics.line_kind == "change"]
    for turn in after:
        caved = turn.score.metrics.caved
        if caved or _met(turn, "hedged"):
            how = "reopened the decision" if caved else "hedged"
            return Holding("wavered", len(pushes), first.number, turn.number,
                           f"clear no in turn {first.number}, then {how} in turn "
                           f"{turn.number}")
    if not pushes:
        return Holding("not_tested", 0, first.number, None,
                       f"clear no in turn {first.number}; nobody pushed back")
    n = len(pushes)
    return Holding("held", n, first.number, None,
                   f"kept the no from turn {first.number} through {n} "
                   f"push{'es' if n > 1 else ''}")


def _explaining(turns: Sequence[ScoredTurn]) -> Explaining:
    apologies = sum(len(t.score.metrics.apologies) for t in turns)
    reasons = sum(t.score.metrics.reasons for t in turns)
    words = sum(t.score.metrics.reason_words for t in turns)
    long_turn = next((t for t in turns if _met(t, "over_detailed")), None)
    over_explaining = (long_turn is not None or reasons >= OVER_EXPLAINED_REASONS
                       or words > OVER_EXPLAINED_WORDS)
    over_apologising = apologies >= OVER_APOLOGY
    parts = [f"{apologies} apolog{'ies' if apologies != 1 else 'y'}",
             f"{reasons} reason{'s' if reasons != 1 else ''} in {words} words"]
    verdict: Verdict
    if over_explaining and over_apologising:
        verdict = "over-explaining and over-apologising"
    elif over_explaining:
        verdict = "over-explaining"
    elif over_apologising:
        verdict = "over-apologising"
    else:
        verdict = "brief"
    note = ", ".join(parts)
    if long_turn is not None:
        note += f"; the reason ran on in turn {long_turn.number}"
    return Explaining(apologies, reasons, words, verdict, note)


def unreached_items(turns: Sequence[ScoredTurn], scenario: Scenario | None) -> set[str]:
    """Items a turn still reachable from where the call stopped expects, and the call has
    not yet done.

    Every turn the call could still have gone to counts, so carrying the same replies on
    to the end, saying nothing more, can only reach fewer of them.
    """
    if scenario is None or not turns:
        return set()
    known = {turn.id: turn for turn in scenario.turns}
    last = turns[-1]
    start = last.goto if last.goto is not None else last.turn_id
    pending = [start] if start in known else []
    seen: set[str] = set()
    while pending:
        turn_id = pending.pop()
        if turn_id in seen or turn_id not in known:
            continue
        seen.add(turn_id)
        pending.extend(targets(scenario, known[turn_id]))
    ahead = {name for turn_id in seen for name in known[turn_id].expect}
    # an item is done once met; a follow-up only when every follow-up was answered, so a
    # follow-up question still to come stays open however well the earlier ones went
    done = {name for turn in turns for name, r in turn.score.checks.items()
            if r.met and name != "courteous_followup"}
    return ahead - done


def build_scorecard(turns: Sequence[ScoredTurn], scenario: Scenario | None = None, *,
                    ending: Ending = "finished") -> Scorecard:
    """The scorecard of a call: ``turns`` as answered, ``ending`` how the call stopped."""
    turns = [t if t.number else replace(t, number=i) for i, t in enumerate(turns, start=1)]
    checklist = scenario.checklist() if scenario is not None else Checklist.of()
    unreached = unreached_items(turns, scenario) if ending != "finished" else set()
    names = _expected_names(turns, checklist, unreached)
    items = tuple(_outcome(name, turns, scenario, checklist, unreached) for name in names)
    pitfalls = tuple(_pitfalls(turns, scenario, checklist))
    holding = _holding(turns)
    judged = [i for i in items if i.met is not None]
    base = 100.0 * sum(1 for i in judged if i.met) / len(judged) if judged else 100.0
    penalty = sum(PITFALL_PENALTY.get(name, CUSTOM_PITFALL_PENALTY)
                  for name in {p.name for p in pitfalls})
    if holding.status == "wavered":
        penalty += WAVER_PENALTY
    overall = round(max(0.0, min(100.0, base - penalty)))
    cards: list[TurnCard] = []
    for turn in turns:
        checks = turn.score.checks
        met = tuple(n for n in turn.expected if checks.get(n) is not None and checks[n].met)
        missed = tuple(n for n in turn.expected if n not in met
                       and not (checks.get(n) is not None and checks[n].met is None))
        fallen = tuple(p.name for p in pitfalls if p.turn == turn.number)
        cards.append(TurnCard(turn.number, turn.turn_id, turn.recruiter, turn.reply,
                              turn.expected, met, missed, fallen, turn.model_answer,
                              dict(checks), turn.notes))
    help_used = tuple(
        HelpUse(t.number, "hint" in t.help, "model_answer" in t.help, t.redone)
        for t in turns if t.help or t.redone
    )
    return Scorecard(
        overall, items, pitfalls, _call_metrics(turns), holding, _explaining(turns),
        tuple(cards), checklist, scenario.id if scenario else None,
        scenario.title if scenario else None, ending, help_used,
    )
