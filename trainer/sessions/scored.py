"""A saved call's turns as the scorecard reads them: the one place a session is scored.

The call engine, ``show``, the exports, ``rescore`` (and its ``--dry-run``) and
the app's scorecard all go through :func:`scored_turns` and
:func:`session_scorecard`, so a model answer, a turn the scenario no longer
has, or the help the user had is handled the same way everywhere.
"""

from __future__ import annotations

from trainer.scenario.model import Scenario, Turn
from trainer.scoring.result import Ending, ReplyScore
from trainer.scoring.scorecard import Scorecard, ScoredTurn, build_scorecard
from trainer.scoring.scorer import Scorer
from trainer.sessions.model import Session, TurnRecord


def scored_turns(
    session: Session, scenario: Scenario | None, scorer: Scorer | None = None
) -> list[ScoredTurn]:
    """Each turn with its score: as saved, or scored again by ``scorer``.

    A turn the scenario still has gives the model answer the call did not save
    (older files) and, when scoring again, whether its line is a follow-up.
    """
    known = {turn.id: turn for turn in scenario.turns} if scenario is not None else {}
    out: list[ScoredTurn] = []
    for number, record in enumerate(session.turns, start=1):
        spec = known.get(record.turn_id)
        score = record.reply_score() if scorer is None else score_reply(
            record, spec, scorer)
        model_answer = record.model_answer
        if model_answer is None and spec is not None:
            model_answer = spec.model_answer
        out.append(ScoredTurn(record.turn_id, record.recruiter, record.reply,
                              tuple(record.expected), score, model_answer, number,
                              tuple(record.help), len(record.attempts),
                              record.decision.goto if record.decision else None,
                              transcript_notes(record)))
    return out


def score_reply(record: TurnRecord, spec: Turn | None, scorer: Scorer,
                reply: str | None = None) -> ReplyScore:
    """A saved turn's reply (or ``reply`` in its place) scored again as the call scored it:
    against its recruiter line, with its turn's follow-up flag and its speech timing."""
    return scorer.score(record.reply if reply is None else reply, record.recruiter,
                        followup=spec.followup if spec else None, timing=record.timing)


def transcript_notes(record: TurnRecord) -> tuple[str, ...]:
    """What every scorecard says about a reply's transcript: each word that may have been
    misheard where the score turns, and what the recogniser heard if the user corrected it."""
    out = [warning.line for warning in record.misheard]
    if record.heard is not None:
        out.append(f"corrected by you; the recogniser heard “{record.heard}”")
    return tuple(out)


def session_scorecard(
    session: Session, scenario: Scenario | None, scorer: Scorer | None = None, *,
    ending: Ending | None = None,
) -> Scorecard:
    """The scorecard of a saved call, from its turns and the scenario (``ending``: how the
    call ended, when the session does not say yet)."""
    return build_scorecard(scored_turns(session, scenario, scorer), scenario,
                           ending=ending or session.ending or "finished")


def unknown_turns(session: Session, scenario: Scenario) -> list[str]:
    """Turn ids the session has and the scenario no longer does."""
    known = {turn.id for turn in scenario.turns}
    return sorted({t.turn_id for t in session.turns if t.turn_id not in known})


def with_results(record: TurnRecord, score: ReplyScore) -> None:
    """Put a re-scored reply's results into its record (the path stays as it was)."""
    record.checks = dict(score.checks)
    record.metrics = score.metrics
