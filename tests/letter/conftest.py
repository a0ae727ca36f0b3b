"""Shared pieces for the letter tests: the shipped scenarios and calls made of replies."""

from __future__ import annotations

from collections.abc import Sequence

from tests.sessions.conftest import cli  # noqa: F401  (the fixture: `trainer ARGS` in-process)
from trainer.letter.draft import CallTurn
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.scoring import Scorer


def shipped() -> list[Scenario]:
    scenarios = [e.scenario for e in load_catalog(()).valid() if e.source == "shipped"]
    return [s for s in scenarios if s is not None]


def call(scenario: Scenario, replies: Sequence[str]) -> list[CallTurn]:
    """The replies played against the scenario's turns in file order, scored as a call is."""
    scorer = Scorer(scenario.items)
    return [CallTurn(turn.say, reply, scorer.score(reply, turn.say, followup=turn.followup))
            for turn, reply in zip(scenario.turns, replies, strict=False)]


def model_call(scenario: Scenario) -> str:
    """A saved call of ``scenario`` answered with the model answers; its session id."""
    from trainer.call.engine import Call

    played = Call(scenario, mode="typed", rng=__import__("random").Random(1))
    while not played.finished:
        turn = played.current_turn
        assert turn is not None
        played.answer(turn.model_answer or "Thank you, but I won't be accepting.")
    assert played.session_id is not None
    return played.session_id


def by_id(scenario_id: str) -> Scenario:
    return next(s for s in shipped() if s.id == scenario_id)
