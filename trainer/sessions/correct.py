"""A spoken reply's transcript: where it may be misheard, and the user's correction of it.

The call engine asks :func:`misheard_in` about each spoken reply as it is
scored, and saves the warnings with the turn; the app and ``trainer correct``
go through :func:`correct_turn`, so a correction rescores and is kept the same
way wherever it is made.
"""

from __future__ import annotations

from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.scoring import Scorer
from trainer.scoring.result import ReplyTiming
from trainer.sessions.model import Session, TurnRecord, now
from trainer.sessions.scored import score_reply, session_scorecard, with_results
from trainer.speech.misheard import Misheard, misheard_words
from trainer.speech.vocabulary import scenario_vocabulary


def misheard_in(
    reply: str, line: str, timing: ReplyTiming | None, scenario: Scenario, scorer: Scorer,
    *, followup: bool | None = None,
) -> tuple[Misheard, ...]:
    """The words of a spoken ``reply`` to ``line`` that may be misheard where it matters."""
    if timing is None or not reply.strip():
        return ()
    checklist = scenario.checklist()

    def decide(text: str) -> dict[str, bool | None]:
        return scorer.score(text, line, followup=followup, timing=timing).met()

    return misheard_words(
        reply, decide, words=timing.words, probabilities=timing.probabilities,
        names=_names(scenario), label=checklist.label, repaired=timing.repaired,
    )


def _names(scenario: Scenario) -> list[str]:
    """The call's names and places: the capitalised terms the recogniser is biased with."""
    return [term for term in scenario_vocabulary(scenario) if term[:1].isupper()]


def correct_turn(session: Session, number: int, text: str, scenario: Scenario | None,
                 scorer: Scorer | None = None) -> TurnRecord:
    """Put the user's ``text`` in place of what was heard in turn ``number`` (1-based), and
    score it again; what was heard first is kept beside it (``heard``), never lost.

    The branch the call took stays as it was: it is what happened. TrainerError for a
    turn that does not exist or an empty text.
    """
    if not 1 <= number <= len(session.turns):
        raise TrainerError(
            f"turn {number} is not in this session: it has "
            f"{len(session.turns)} answered turn{'s' if len(session.turns) != 1 else ''}. "
            "`trainer show SESSION` numbers them.", exit_code=2)
    text = " ".join(text.split())
    if not text:
        raise TrainerError("the corrected text is empty. Type what you said in that turn.",
                           exit_code=2)
    record = session.turns[number - 1]
    spec = None
    if scenario is not None:
        spec = next((t for t in scenario.turns if t.id == record.turn_id), None)
    if scorer is None:
        scorer = Scorer(custom_items=scenario.items if scenario is not None else ())
    score = score_reply(record, spec, scorer, text)
    if record.heard is None:
        record.heard = record.reply
    record.reply = text
    with_results(record, score)
    record.corrected = now()
    record.misheard = []  # the user said what they said: nothing is left in doubt
    if session.outcome is not None and scenario is not None:
        session.outcome.score = float(session_scorecard(session, scenario).overall)
    return record
