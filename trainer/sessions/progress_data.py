"""How a user's calls went over time, item by item: the numbers behind the progress screen.

Every finished call is scored again by the one scorecard function
(:func:`~trainer.sessions.scored.session_scorecard`) with today's scenario, so a
trend never mixes two scoring rules. Unfinished calls are left out (their missed
items would only say that the call stopped), as are calls whose file cannot be read
(each is named in ``problems``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.sessions.scored import session_scorecard
from trainer.sessions.store import SessionStore

MAX_CALLS = 60
"""The most recent calls shown; older ones would not fit a terminal's width anyway."""


@dataclass(frozen=True)
class CallPoint:
    """One finished call, for the trend lines."""

    session_id: str
    started: datetime
    scenario: str
    overall: int
    pace_wpm: float | None
    filler_pct: float


@dataclass(frozen=True)
class ItemTrend:
    """One checklist item across the calls that judged it, oldest first."""

    name: str
    label: str
    kind: str
    """``do`` (an item to meet) or ``avoid`` (a pitfall)."""
    results: tuple[bool, ...]
    """True where the call got the item right (met it, or avoided the pitfall)."""

    @property
    def misses(self) -> int:
        return sum(1 for ok in self.results if not ok)

    @property
    def miss_rate(self) -> float:
        return self.misses / len(self.results) if self.results else 0.0

    @property
    def recent_misses(self) -> int:
        """Misses among the last five calls that judged it: is it still a problem?"""
        return sum(1 for ok in self.results[-5:] if not ok)


@dataclass(frozen=True)
class ProgressData:
    calls: tuple[CallPoint, ...]
    items: tuple[ItemTrend, ...]
    """Most often missed first."""
    problems: tuple[str, ...] = ()


def progress_data(
    store: SessionStore, scenario_of: Callable[[str], Scenario | None],
    *, limit: int = MAX_CALLS,
) -> ProgressData:
    """The user's last ``limit`` finished calls, scored, and every item's record in them.

    ``scenario_of`` gives today's scenario for an id (``None`` when it is gone: the
    call is then scored with the built-in checklist).
    """
    listing = store.list()
    problems = [str(problem) for problem in listing.problems]
    finished = [s for s in listing.sessions if s.finished][-limit:]
    calls: list[CallPoint] = []
    results: dict[str, list[bool]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for summary in finished:
        try:
            session = store.load(summary.session_id)
        except TrainerError as exc:
            problems.append(exc.message)
            continue
        card = session_scorecard(session, scenario_of(session.scenario))
        calls.append(CallPoint(session.session_id, session.started, session.scenario,
                               card.overall, card.metrics.pace_wpm, card.metrics.filler_pct))
        for item in card.items:
            if item.met is not None:
                labels.setdefault(item.name, (item.label, "do"))
                results.setdefault(item.name, []).append(item.met)
        hit = {pitfall.name for pitfall in card.pitfalls}
        for name in card.checklist.avoid_names:
            labels.setdefault(name, (card.checklist.label(name), "avoid"))
            results.setdefault(name, []).append(name not in hit)
    items = [ItemTrend(name, *labels[name], tuple(record)) for name, record in results.items()]
    items.sort(key=lambda t: (-t.recent_misses, -t.miss_rate, t.label))
    return ProgressData(tuple(calls), tuple(items), tuple(problems))
