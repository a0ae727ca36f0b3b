"""Scoring saved calls again with the current scorer (``trainer rescore``).

The replies, the path taken and the branch decisions are what happened and
stay as they are; only the checks, the speech metrics, the score and the
scorecard are recomputed. What they were before is appended to the session's
``rescored_from`` history, so no earlier result is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.scenario.model import Scenario
from trainer.scoring import Scorer
from trainer.scoring.scorecard import Scorecard, build_scorecard
from trainer.sessions.model import PreviousScore, Session, now
from trainer.sessions.scored import scored_turns, with_results


@dataclass(frozen=True)
class RescoreOutcome:
    session_id: str
    before: float | None
    after: float | None
    changed: bool
    """False when the current scorer agrees with the saved result (nothing was written)."""
    scenario_changed: bool
    """The scenario file differs from the one the call was made with."""
    scorecard: Scorecard
    """The call scored by the current scorer (what ``--dry-run`` prints)."""


def rescore(session: Session, scenario: Scenario, scenario_hashes: set[str], *,
            dry_run: bool = False) -> RescoreOutcome:
    """Score every reply in ``session`` again, in place; the old result goes to its history.

    ``scenario_hashes`` are the hashes the current scenario file is known by; the
    outcome says when the session was recorded against another version. With
    ``dry_run`` the session is left as it was.
    """
    turns = scored_turns(session, scenario, Scorer(custom_items=scenario.items))
    card = build_scorecard(turns, scenario, ending=session.ending or "finished")
    score = float(card.overall) if session.finished else None
    changed = score != session.score or any(
        record.results_json() != record.results_json(turn.score)
        for turn, record in zip(turns, session.turns, strict=True)
    )
    outcome = RescoreOutcome(
        session.session_id, session.score, score if session.finished else card.overall, changed,
        bool(session.scenario_hash) and session.scenario_hash not in scenario_hashes, card,
    )
    if not changed or dry_run:
        return outcome
    session.rescored_from.append(PreviousScore(
        rescored_at=now(),
        score=session.score,
        turns=[{"index": r.index, **r.results_json()} for r in session.turns],
    ))
    for record, turn in zip(session.turns, turns, strict=True):
        with_results(record, turn.score)
    if session.outcome is not None:
        session.outcome.score = score
    return outcome
