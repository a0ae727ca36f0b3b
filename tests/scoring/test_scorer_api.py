"""The Scorer's contract with the rest of the app: names, order, applicability, evidence, limits."""

from __future__ import annotations

import json

import pytest

from trainer.checklist import BUILTIN_NAMES
from trainer.errors import TrainerError
from trainer.scoring import Scorer

OPENING = "Hi, it's Sam from Orbit. Have you had a chance to look at the offer?"
WHY = "Can I ask what made you decide?"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def test_every_built_in_item_in_checklist_order(scorer: Scorer) -> None:
    result = scorer.score("Thank you, but I have to decline.", OPENING)
    assert tuple(result.checks) == BUILTIN_NAMES
    for name, item in result.checks.items():
        assert item.name == name
        assert 0.0 <= item.score <= 100.0
        assert item.why


def test_followup_applicability(scorer: Scorer) -> None:
    reply = "Of course: the commute would be too long."
    assert scorer.score(reply).checks["courteous_followup"].met is None
    assert scorer.score(reply, OPENING).checks["courteous_followup"].met is None
    assert scorer.score(reply, WHY).checks["courteous_followup"].met is True
    # the scenario's turn overrides the guess, both ways
    assert scorer.score(reply, OPENING, followup=True).checks["courteous_followup"].met is True
    assert scorer.score(reply, WHY, followup=False).checks["courteous_followup"].met is None
    assert scorer.score(reply, followup=True).checks["courteous_followup"].met is True


def test_met_items_score_at_least_their_threshold(scorer: Scorer) -> None:
    result = scorer.score("Thanks so much, but I won't be accepting. All the best!", OPENING)
    for item in result.checks.values():
        if item.met:
            assert item.score >= item.threshold
        elif item.met is False:
            assert item.score < item.threshold


def test_evidence_spans_are_exact_slices_of_the_reply(scorer: Scorer) -> None:
    reply = ("Oh hi! Um, think you so much for calling. Regret ably I'm going to the climb; "
             "the commute's too long. Best of luck, and take care.")
    for item in scorer.score(reply, OPENING).checks.values():
        for ev in item.evidence:
            assert reply[ev.start:ev.end] == ev.text


def test_a_vetoed_match_is_a_visible_near_miss(scorer: Scorer) -> None:
    result = scorer.score("I'm probably going to decline.", OPENING).checks["clear_no"]
    assert result.met is False
    assert 0 < result.score < result.threshold
    assert "probably" in result.why
    assert result.evidence and "decline" in result.evidence[0].text


@pytest.mark.parametrize("reply", [
    "", "   ", "\x00\x1b[31mred\x1b[0m", "🙂🙏🏽💼", "no thanks 🙏", "ＮＯ　ＴＨＡＮＫＳ",
    "?!?!...", "a" * 10_000, "Thank you " * 200_000, "\u202eoN", "no \ud800 thanks",
])
def test_any_input_gets_a_result(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, OPENING)
    assert tuple(result.checks)[:8] == BUILTIN_NAMES
    json.dumps(result.checks_json())
    json.dumps(result.metrics.to_json())


def test_a_megabyte_reply_is_scored_on_its_start(scorer: Scorer) -> None:
    reply = "Thank you, but I have to decline. " + "blah " * 210_000
    result = scorer.score(reply, OPENING)
    assert result.metrics.truncated is True
    assert result.checks["thanks"].met and result.checks["clear_no"].met


def test_non_text_is_a_clear_error(scorer: Scorer) -> None:
    with pytest.raises(TrainerError, match="must be text"):
        scorer.score(None)  # type: ignore[arg-type]


def test_scores_are_reproducible(scorer: Scorer) -> None:
    reply = "hmm i guess i'll probably pass, maybe"
    first = scorer.score(reply, OPENING)
    assert Scorer().score(reply, OPENING).checks_json() == first.checks_json()
