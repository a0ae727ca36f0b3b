"""A whole call, scored: what was met where, what was missed and how to fix it, and how it sounded.

The overall score is the share of expected checklist items met, less a penalty
for each pitfall fallen into and for wavering after a clear no, so the number
moves for the reasons the user can read beside it. Pace is pooled over every
timed reply (a four-word reply has no meaningful pace of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from trainer.checklist import BUILTIN_NAMES, CHECKLIST_NAMES, ITEMS_BY_NAME
from trainer.scenario.model import CustomItem, Scenario
from trainer.scoring.metrics import (
    HEALTHY_FILLER_RATIO,
    HEALTHY_WPM,
    MIN_SECONDS_FOR_PACE,
    MIN_WORDS_FOR_PACE,
)
from trainer.scoring.result import Evidence, ReplyScore

PITFALL_PENALTY: dict[str, int] = {"offensive": 20, "hedged": 10, "over_detailed": 10}
"""Points off the overall score for falling into a pitfall at least once."""
CUSTOM_PITFALL_PENALTY = 10
WAVER_PENALTY = 15
OVER_APOLOGY = 3
"""This many apologies in a call bury the message."""
OVER_EXPLAINED_REASONS = 4
OVER_EXPLAINED_WORDS = 60

_TIP_KEYWORDS: dict[str, tuple[str, ...]] = {
    "thanks": ("thank", "grateful", "appreciat"),
    "clear_no": ("decline", "say no", "clearly", "plainly", "won't be accepting", "turn it down"),
    "brief_reason": ("reason",),
    "courteous_followup": ("counter", "follow-up", "follow up", "push", "repeat your decision",
                           "without wavering"),
    "graceful_close": ("close", "wish", "goodbye", "door open", "paths cross"),
    "offensive": ("cheap", "neutral", "badmouth", "never call", "criticis"),
    "hedged": ("think about it", "probably", "maybe", "hedg", "waver", "i'm not sure"),
    "over_detailed": ("brief", "short", "list", "long story"),
}

Status = Literal["held", "wavered", "not_tested", "never_clear"]
Verdict = Literal["brief", "over-explaining", "over-apologising", "over-explaining and "
                                                                  "over-apologising"]


@dataclass(frozen=True)
class ScoredTurn:
    turn_id: str
    recruiter: str
    reply: str
    expected: tuple[str, ...]
    score: ReplyScore
    model_answer: str | None = None


@dataclass(frozen=True)
class ItemOutcome:
    """One expected checklist item over the whole call."""

    name: str
    label: str
    met: bool | None
    """``None`` when it never applied (no follow-up question came up)."""
    turn_id: str | None
    """Where it was met, or where it was expected and missed."""
    evidence: tuple[Evidence, ...] = ()
    why: str = ""
    tip: str | None = None
    model_answer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "label": self.label, "met": self.met, "turn_id": self.turn_id,
            "evidence": [e.to_json() for e in self.evidence], "why": self.why, "tip": self.tip,
            "model_answer": self.model_answer,
        }


@dataclass(frozen=True)
class PitfallHit:
    name: str
    label: str
    turn_id: str
    evidence: tuple[Evidence, ...]
    why: str
    tip: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "turn_id": self.turn_id,
                "evidence": [e.to_json() for e in self.evidence], "why": self.why,
                "tip": self.tip}


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

    def to_json(self) -> dict[str, Any]:
        return {
            "words": self.words, "pace_wpm": self.pace_wpm, "pace_note": self.pace_note(),
            "healthy_wpm": list(HEALTHY_WPM), "timed_words": self.timed_words,
            "timed_seconds": round(self.timed_seconds, 2), "fillers": self.fillers,
            "filler_pct": self.filler_pct, "healthy_filler_pct": HEALTHY_FILLER_RATIO * 100,
            "filler_note": self.filler_note(), "hedges": self.hedges, "apologies": self.apologies,
            "mean_response_delay": self.mean_response_delay,
            "max_response_delay": self.max_response_delay,
        }


@dataclass(frozen=True)
class Holding:
    """Did the no survive the pushes that came after it?"""

    status: Status
    pushes: int
    """Lines after the first clear no that tried to change it (counter-offers, "are you sure?")."""
    first_no_turn: str | None
    wavered_turn: str | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "pushes": self.pushes, "first_no_turn": self.first_no_turn,
                "wavered_turn": self.wavered_turn, "note": self.note}


@dataclass(frozen=True)
class Explaining:
    apologies: int
    reasons_given: int
    reason_words: int
    verdict: Verdict
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"apologies": self.apologies, "reasons_given": self.reasons_given,
                "reason_words": self.reason_words, "verdict": self.verdict, "note": self.note}


@dataclass(frozen=True)
class TurnCard:
    turn_id: str
    recruiter: str
    reply: str
    expected: tuple[str, ...]
    met: tuple[str, ...]
    missed: tuple[str, ...]
    pitfalls: tuple[str, ...]
    model_answer: str | None
    checks: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"turn_id": self.turn_id, "recruiter": self.recruiter, "reply": self.reply,
                "expected": list(self.expected), "met": list(self.met),
                "missed": list(self.missed), "pitfalls": list(self.pitfalls),
                "model_answer": self.model_answer, "checks": self.checks,
                "metrics": self.metrics}


@dataclass(frozen=True)
class Scorecard:
    overall: int
    items: tuple[ItemOutcome, ...]
    pitfalls: tuple[PitfallHit, ...]
    metrics: CallMetrics
    holding: Holding
    explaining: Explaining
    turns: tuple[TurnCard, ...]
    scenario_id: str | None = None
    title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id, "title": self.title, "score": self.overall,
            "overall": self.overall,
            "items": [i.to_json() for i in self.items],
            "pitfalls": [p.to_json() for p in self.pitfalls],
            "metrics": self.metrics.to_json(), "holding_the_no": self.holding.to_json(),
            "explaining": self.explaining.to_json(),
            "turns": [t.to_json() for t in self.turns],
        }

    def render_text(self) -> str:
        return "\n".join(_render(self)) + "\n"


# -- building -----------------------------------------------------------------------------


def _labels(scenario: Scenario | None) -> dict[str, str]:
    labels = {name: info.label for name, info in ITEMS_BY_NAME.items()}
    if scenario is not None:
        for item in scenario.items:
            labels[item.name] = item.name.replace("_", " ").capitalize()
    return labels


def _custom(scenario: Scenario | None) -> dict[str, CustomItem]:
    return {item.name: item for item in scenario.items} if scenario is not None else {}


def _kind(name: str, custom: dict[str, CustomItem]) -> str:
    if name in custom:
        return custom[name].kind
    info = ITEMS_BY_NAME.get(name)
    return info.kind if info is not None else "do"


def tip_for(name: str, scenario: Scenario | None) -> str | None:
    """One concrete tip for an item: the custom item's own, a scenario tip that speaks to it,
    or the checklist's general advice."""
    custom = _custom(scenario)
    if name in custom:
        item = custom[name]
        if item.tip:
            return item.tip
        if item.kind == "do" and item.phrases:
            return f'Try something like: "{item.phrases[0]}"'
        return item.description
    keywords = _TIP_KEYWORDS.get(name, ())
    if scenario is not None:
        for keyword in keywords:  # the most specific keyword first
            for tip in scenario.tips:
                if keyword in tip.lower():
                    return tip
    info = ITEMS_BY_NAME.get(name)
    return info.tip if info is not None else None


def _expected_names(turns: Sequence[ScoredTurn], custom: dict[str, CustomItem]) -> list[str]:
    order = [*BUILTIN_NAMES, *custom]
    wanted = {name for turn in turns for name in turn.expected}
    if not wanted:
        wanted = set(CHECKLIST_NAMES)
        if not any(t.score.checks.get("courteous_followup") and
                   t.score.checks["courteous_followup"].met is not None for t in turns):
            wanted.discard("courteous_followup")
        wanted |= {name for name, item in custom.items() if item.kind == "do"}
    names = [n for n in order if n in wanted and _kind(n, custom) == "do"]
    names += sorted(n for n in wanted if n not in order)
    return names


def _outcome(name: str, turns: Sequence[ScoredTurn], scenario: Scenario | None,
             label: str) -> ItemOutcome:
    expecting = [t for t in turns if name in t.expected] or list(turns)
    if name == "courteous_followup":
        judged = [t for t in turns if t.score.checks.get(name) is not None
                  and t.score.checks[name].met is not None]
        if not judged:
            return ItemOutcome(name, label, None, None, (), "no follow-up question came up")
        failed = [t for t in judged if not t.score.checks[name].met]
        if failed:
            t = failed[0]
            r = t.score.checks[name]
            return ItemOutcome(name, label, False, t.turn_id, r.evidence, r.why,
                               tip_for(name, scenario), t.model_answer)
        t = judged[0]
        r = t.score.checks[name]
        why = f"courteous in all {len(judged)} follow-up{'s' if len(judged) > 1 else ''}"
        return ItemOutcome(name, label, True, t.turn_id, r.evidence, why)
    met_turns = [t for t in turns if t.score.checks.get(name) is not None
                 and t.score.checks[name].met]
    if met_turns:
        preferred = [t for t in met_turns if name in t.expected] or met_turns
        t = preferred[0]
        r = t.score.checks[name]
        return ItemOutcome(name, label, True, t.turn_id, r.evidence, r.why)
    if not expecting:
        return ItemOutcome(name, label, False, None, (), "no reply to judge",
                           tip_for(name, scenario))
    t = expecting[0]
    missed = t.score.checks.get(name)
    why = missed.why if missed is not None else "not scored"
    return ItemOutcome(name, label, False, t.turn_id, missed.evidence if missed else (), why,
                       tip_for(name, scenario), t.model_answer)


def _pitfalls(turns: Sequence[ScoredTurn], scenario: Scenario | None,
              labels: dict[str, str]) -> list[PitfallHit]:
    custom = _custom(scenario)
    names = [n for n in (*BUILTIN_NAMES, *custom) if _kind(n, custom) == "avoid"]
    hits: list[PitfallHit] = []
    for turn in turns:
        for name in names:
            r = turn.score.checks.get(name)
            if r is not None and r.met:
                hits.append(PitfallHit(name, labels.get(name, name), turn.turn_id, r.evidence,
                                       r.why, tip_for(name, scenario)))
    return hits


def _call_metrics(turns: Sequence[ScoredTurn]) -> CallMetrics:
    words = fillers = hedges = apologies = 0
    timed_words = 0
    timed_seconds = 0.0
    delays: list[float] = []
    for turn in turns:
        m = turn.score.metrics
        n = int(m.get("words", 0))
        words += n
        fillers += int(m.get("fillers", 0))
        hedges += int(m.get("hedges", 0))
        apologies += int(m.get("apologies", 0))
        seconds = m.get("seconds")
        if isinstance(seconds, int | float) and seconds > 0:
            timed_words += n
            timed_seconds += float(seconds)
        delay = m.get("response_delay")
        if isinstance(delay, int | float):
            delays.append(float(delay))
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
        note = ("never said a clear no" + (f"; hedged in turn {hedged.turn_id}" if hedged
                                           else ""))
        return Holding("never_clear", 0, None, hedged.turn_id if hedged else None, note)
    after = list(turns)[list(turns).index(first) + 1:]
    pushes = [t for t in after if t.score.metrics.get("line_kind") == "change"]
    for turn in after:
        caved = bool(turn.score.metrics.get("caved"))
        if caved or _met(turn, "hedged"):
            how = "reopened the decision" if caved else "hedged"
            return Holding("wavered", len(pushes), first.turn_id, turn.turn_id,
                           f"clear no in turn {first.turn_id}, then {how} in turn "
                           f"{turn.turn_id}")
    if not pushes:
        return Holding("not_tested", 0, first.turn_id, None,
                       f"clear no in turn {first.turn_id}; nobody pushed back")
    n = len(pushes)
    return Holding("held", n, first.turn_id, None,
                   f"kept the no from turn {first.turn_id} through {n} push{'es' if n > 1 else ''}")


def _explaining(turns: Sequence[ScoredTurn]) -> Explaining:
    apologies = sum(int(t.score.metrics.get("apologies", 0)) for t in turns)
    reasons = sum(int(t.score.metrics.get("reasons", 0)) for t in turns)
    words = sum(int(t.score.metrics.get("reason_words", 0)) for t in turns)
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
        note += f"; the reason ran on in turn {long_turn.turn_id}"
    return Explaining(apologies, reasons, words, verdict, note)


def build_scorecard(turns: Sequence[ScoredTurn], scenario: Scenario | None = None) -> Scorecard:
    labels = _labels(scenario)
    custom = _custom(scenario)
    names = _expected_names(turns, custom)
    items = tuple(_outcome(name, turns, scenario, labels.get(name, name)) for name in names)
    pitfalls = tuple(_pitfalls(turns, scenario, labels))
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
        fallen = tuple(p.name for p in pitfalls if p.turn_id == turn.turn_id)
        cards.append(TurnCard(turn.turn_id, turn.recruiter, turn.reply, turn.expected, met,
                              missed, fallen, turn.model_answer, turn.score.checks_json(),
                              dict(turn.score.metrics)))
    return Scorecard(
        overall, items, pitfalls, _call_metrics(turns), holding, _explaining(turns),
        tuple(cards), scenario.id if scenario else None, scenario.title if scenario else None,
    )


# -- rendering -----------------------------------------------------------------------------


def _quote(evidence: tuple[Evidence, ...], limit: int = 3) -> str:
    return ", ".join(f'"{e.text}"' for e in evidence[:limit])


def _render(card: Scorecard) -> list[str]:
    lines: list[str] = []
    title = card.title or "Practice call"
    lines.append(f"Scorecard: {title}" + (f" ({card.scenario_id})" if card.scenario_id else ""))
    lines.append(f"Overall: {card.overall}/100")
    lines.append("")
    lines.append("Checklist")
    width = max((len(i.label) for i in card.items), default=10)
    for item in card.items:
        mark = "–" if item.met is None else ("✓" if item.met else "✗")
        where = f"turn {item.turn_id}" if item.turn_id else ""
        if item.met:
            lines.append(f"  {mark} {item.label:<{width}}  {where}: {_quote(item.evidence)}")
        elif item.met is None:
            lines.append(f"  {mark} {item.label:<{width}}  {item.why}")
        else:
            lines.append(f"  {mark} {item.label:<{width}}  missed in {where}: {item.why}")
            if item.tip:
                lines.append(f"      Tip: {item.tip}")
            if item.model_answer:
                lines.append(f'      Model answer: "{item.model_answer}"')
    lines.append("")
    lines.append("Pitfalls")
    if not card.pitfalls:
        lines.append("  none: no badmouthing, no hedging, no over-explaining")
    seen_tips: set[str] = set()
    for hit in card.pitfalls:
        lines.append(f"  ✗ {hit.label} in turn {hit.turn_id}: {_quote(hit.evidence)}")
        if hit.tip and hit.tip not in seen_tips:
            lines.append(f"      Tip: {hit.tip}")
            seen_tips.add(hit.tip)
    lines.append("")
    lines.append(f"Holding the no: {card.holding.note}")
    lines.append(f"Explaining: {card.explaining.verdict} ({card.explaining.note})")
    lines.append("")
    m = card.metrics
    lines.append("Speech (healthy ranges in brackets)")
    pace = f"{m.pace_wpm:.0f} wpm" if m.pace_wpm is not None else "-"
    lines.append(f"  Pace             {pace:<10} {m.pace_note()}")
    lines.append(f"  Fillers          {m.filler_pct:.1f}% ({m.fillers})"
                 f"{'':<3} {m.filler_note()}")
    lines.append(f"  Hedges           {m.hedges}")
    lines.append(f"  Apologies        {m.apologies}")
    if m.mean_response_delay is not None:
        lines.append(f"  Time to respond  {m.mean_response_delay:.1f} s average, "
                     f"{m.max_response_delay:.1f} s longest")
    lines.append(f"  Words            {m.words}")
    lines.append("")
    lines.append("Turns")
    for number, turn in enumerate(card.turns, start=1):
        lines.append(f"  {number}. {turn.turn_id}")
        lines.append(f"     Recruiter: {turn.recruiter}")
        lines.append(f"     You:       {turn.reply}")
        summary = []
        if turn.met:
            summary.append("met " + ", ".join(turn.met))
        if turn.missed:
            summary.append("missed " + ", ".join(turn.missed))
        if turn.pitfalls:
            summary.append("pitfalls " + ", ".join(turn.pitfalls))
        if summary:
            lines.append(f"     {'; '.join(summary)}")
        if turn.model_answer:
            lines.append(f"     Model answer: {turn.model_answer}")
    return lines
