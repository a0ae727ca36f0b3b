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
from trainer.scoring.scorecard import ScoredTurn, build_scorecard
from trainer.sessions.model import PreviousScore, Session, checks_to_json, now


@dataclass(frozen=True)
class RescoreOutcome:
    session_id: str
    before: float | None
    after: float | None
    changed: bool
    """False when the current scorer agrees with the saved result (nothing was written)."""
    scenario_changed: bool
    """The scenario file differs from the one the call was made with."""


def rescore(session: Session, scenario: Scenario, scenario_hashes: set[str]) -> RescoreOutcome:
    """Score every reply in ``session`` again, in place; the old result goes to its history.

    ``scenario_hashes`` are the hashes the current scenario file is known by; the
    outcome says when the session was recorded against another version.
    """
    scorer = Scorer(custom_items=scenario.items)
    turn_ids = {turn.id for turn in scenario.turns}
    new_results = []
    scored: list[ScoredTurn] = []
    for record in session.turns:
        followup = scenario.turn(record.turn_id).followup if record.turn_id in turn_ids else None
        result = scorer.score(record.reply, record.recruiter, followup=followup,
                              timing=record.timing)
        new_results.append(result)
        model_answer = record.model_answer
        if model_answer is None and record.turn_id in turn_ids:
            model_answer = scenario.turn(record.turn_id).model_answer
        scored.append(ScoredTurn(record.turn_id, record.recruiter, record.reply,
                                 tuple(record.expected), result, model_answer))
    scorecard = build_scorecard(scored, scenario).to_json()
    score = _score_of(scorecard)
    changed = score != session.score or any(
        checks_to_json(dict(new.checks)) != checks_to_json(record.checks)
        or dict(new.metrics) != record.metrics
        for new, record in zip(new_results, session.turns, strict=True)
    )
    outcome = RescoreOutcome(
        session.session_id, session.score, score, changed,
        bool(session.scenario_hash) and session.scenario_hash not in scenario_hashes,
    )
    if not changed:
        return outcome
    session.rescored_from.append(PreviousScore(
        rescored_at=now(),
        score=session.score,
        scorecard=session.scorecard,
        turns=[
            {"index": r.index, "checks": checks_to_json(r.checks), "metrics": r.metrics}
            for r in session.turns
        ],
    ))
    for record, result in zip(session.turns, new_results, strict=True):
        record.checks = dict(result.checks)
        record.metrics = dict(result.metrics)
    session.score = score
    session.scorecard = scorecard
    return outcome


def _score_of(scorecard: dict[str, object]) -> float | None:
    value = scorecard.get("score")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
