"""How the user's calls change over time: per checklist item, pace and fillers.

``trainer progress``, the HTML export and the app's progress screen all read
:func:`progress`, so the terminal plot, the chart a coach opens and the screen
show the same numbers. Only finished calls count (an abandoned call is not a
verdict on anything); each is scored by the one scorecard function, against
the scenario's current file when it is still around (for its own items and
labels), else against the built-in checklist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trainer.checklist import PITFALL_NAMES, Checklist
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.sessions.model import iso
from trainer.sessions.scored import session_scorecard
from trainer.sessions.store import SessionStore

Outcome = bool | None
"""Per call: ``True`` went well (a do-item met, a pitfall avoided), ``False`` did not,
``None`` not judged in that call (its scenario does not ask for it, or it never came up)."""

RECENT = 5
"""How many of the latest judged calls "lately" means."""


@dataclass(frozen=True)
class CallPoint:
    """One finished call, as the trend lines see it."""

    session_id: str
    started: datetime
    scenario: str
    title: str
    score: float | None
    pace_wpm: float | None
    """Pooled words a minute over the timed replies; ``None`` for a typed call."""
    filler_pct: float | None
    """Fillers as a share of words (%); ``None`` when nothing was said."""

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "started": iso(self.started),
            "scenario": self.scenario,
            "title": self.title,
            "score": self.score,
            "pace_wpm": self.pace_wpm,
            "filler_pct": self.filler_pct,
        }


@dataclass(frozen=True)
class ItemTrend:
    """One checklist item across the calls: what happened to it in each."""

    name: str
    label: str
    pitfall: bool
    outcomes: tuple[Outcome, ...]
    """One per call of :attr:`Progress.calls`, in the same order."""

    @property
    def judged(self) -> int:
        return sum(1 for o in self.outcomes if o is not None)

    @property
    def good(self) -> int:
        return sum(1 for o in self.outcomes if o)

    @property
    def bad(self) -> int:
        """Calls where it was missed (a do-item) or showed up (a pitfall)."""
        return sum(1 for o in self.outcomes if o is False)

    @property
    def rate(self) -> float | None:
        """Share of judged calls it went well in (0-1)."""
        return self.good / self.judged if self.judged else None

    @property
    def recent_rate(self) -> float | None:
        """The same over the last :data:`RECENT` judged calls."""
        recent = [o for o in self.outcomes if o is not None][-RECENT:]
        return sum(1 for o in recent if o) / len(recent) if recent else None

    @property
    def trend(self) -> str:
        """``better``, ``worse`` or ``steady``: the first judged half against the second."""
        judged = [1.0 if o else 0.0 for o in self.outcomes if o is not None]
        if len(judged) < 4:
            return "steady"
        half = len(judged) // 2
        first = sum(judged[:half]) / half
        second = sum(judged[-half:]) / half
        if second - first >= 0.2:
            return "better"
        if first - second >= 0.2:
            return "worse"
        return "steady"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "pitfall": self.pitfall,
            "outcomes": list(self.outcomes),
            "judged": self.judged,
            "good": self.good,
            "bad": self.bad,
            "rate": self.rate,
            "recent_rate": self.recent_rate,
            "trend": self.trend,
        }


@dataclass(frozen=True)
class Progress:
    calls: tuple[CallPoint, ...]
    """Finished calls, oldest first."""
    items: tuple[ItemTrend, ...]
    """Most often missed first (then checklist order)."""
    skipped: tuple[str, ...] = field(default=())
    """Session files that could not be read, as ``file: problem``."""

    @property
    def scores(self) -> tuple[float | None, ...]:
        return tuple(c.score for c in self.calls)

    @property
    def pace(self) -> tuple[float | None, ...]:
        return tuple(c.pace_wpm for c in self.calls)

    @property
    def fillers(self) -> tuple[float | None, ...]:
        return tuple(c.filler_pct for c in self.calls)

    @property
    def kept_missing(self) -> tuple[ItemTrend, ...]:
        """Items that went wrong in at least half of the last calls they were judged in."""
        return tuple(i for i in self.items
                     if i.recent_rate is not None and i.recent_rate <= 0.5)

    def to_json(self) -> dict[str, Any]:
        return {
            "calls": [c.to_json() for c in self.calls],
            "items": [i.to_json() for i in self.items],
            "kept_missing": [i.name for i in self.kept_missing],
            "skipped": list(self.skipped),
        }


ScenarioLookup = Callable[[str], Scenario | None]


def progress(store: SessionStore, scenarios: ScenarioLookup | None = None, *,
             scenario: str | None = None, until: datetime | None = None) -> Progress:
    """The user's finished calls (of one ``scenario`` id, if given; started no later than
    ``until``, if given: what a report on one call shows) as per-item trends.

    ``scenarios`` finds a scenario's current file by id (default: the catalog,
    read once); a scenario that is gone is scored on the built-in checklist.
    """
    lookup = scenarios if scenarios is not None else _catalog_lookup()
    listing = store.list(scenario)
    skipped = [str(p) for p in listing.problems]
    calls: list[CallPoint] = []
    per_call: list[dict[str, Outcome]] = []
    checklists: list[Checklist] = []
    for summary in listing.sessions:
        if not summary.finished or (until is not None and summary.started > until):
            continue
        try:
            session = store.load(summary.session_id)
        except TrainerError as exc:  # a file changed under us: report it, keep going
            skipped.append(f"{summary.session_id}: {exc}")
            continue
        found = lookup(session.scenario)
        card = session_scorecard(session, found)
        outcomes: dict[str, Outcome] = {i.name: i.met for i in card.items}
        pitfalls = set(card.checklist.avoid_names) | set(PITFALL_NAMES)
        hit = {p.name for p in card.pitfalls}
        for name in pitfalls | hit:
            outcomes[name] = name not in hit
        m = card.metrics
        calls.append(CallPoint(
            session.session_id, session.started, session.scenario,
            session.scenario_title or session.scenario, session.score, m.pace_wpm,
            m.filler_pct if m.words else None,
        ))
        per_call.append(outcomes)
        checklists.append(card.checklist)
    return Progress(tuple(calls), _trends(per_call, checklists), tuple(skipped))


def _trends(per_call: Sequence[dict[str, Outcome]],
            checklists: Sequence[Checklist]) -> tuple[ItemTrend, ...]:
    order: dict[str, tuple[int, int]] = {}
    labels: dict[str, tuple[str, bool]] = {}
    for outcomes, checklist in zip(per_call, checklists, strict=True):
        for name in outcomes:
            labels[name] = (checklist.label(name), checklist.is_pitfall(name))  # latest wins
            order.setdefault(name, (checklist.rank(name)[0], len(order)))
    trends = [
        ItemTrend(name, labels[name][0], labels[name][1],
                  tuple(outcomes.get(name) for outcomes in per_call))
        for name in order
    ]
    trends = [t for t in trends if t.judged]
    trends.sort(key=lambda t: (-(t.bad / t.judged), order[t.name]))
    return tuple(trends)


def _catalog_lookup() -> ScenarioLookup:
    """Scenarios by id from the catalog, read on first use and never raising."""
    cache: dict[str, Scenario] | None = None

    def lookup(scenario_id: str) -> Scenario | None:
        nonlocal cache
        if cache is None:
            from trainer.scenario.catalog import load_catalog

            try:
                cache = {e.id: e.scenario for e in load_catalog().valid()
                         if e.scenario is not None}
            except TrainerError:
                cache = {}
        return cache.get(scenario_id)

    return lookup


def sparkline(values: Sequence[float | None], low: float | None = None,
              high: float | None = None) -> str:
    """``▁▃▅█`` for a series, a space where a value is missing: a trend in one line."""
    bars = "▁▂▃▄▅▆▇█"
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    lo = min(known) if low is None else low
    hi = max(known) if high is None else high
    span = hi - lo
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif span <= 0:
            out.append(bars[len(bars) // 2])
        else:
            step = round((min(max(v, lo), hi) - lo) / span * (len(bars) - 1))
            out.append(bars[step])
    return "".join(out)
