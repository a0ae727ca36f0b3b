"""A scenario's own items: fuzzy phrase windows, the author's threshold, negation vetoes."""

from __future__ import annotations

import pytest

from trainer.errors import TrainerError
from trainer.scenario.model import CustomItem
from trainer.scoring import Scorer

REOPENS = CustomItem(
    name="reopens_decision", description="Lets a counter-offer reopen the decision.",
    phrases=["let me think about it", "I'll consider it", "reconsider"],
    threshold=85, kind="avoid", tip="Hold the decision.",
)
MENTIONS_TEAM = CustomItem(name="mentions_team", description="Compliments the team.",
                           phrases=["the team was great"], threshold=80)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer([REOPENS, MENTIONS_TEAM])


def test_custom_items_follow_the_built_ins_in_order(scorer: Scorer) -> None:
    names = list(scorer.score("hello").checks)
    assert names[:8] == ["thanks", "clear_no", "brief_reason", "courteous_followup",
                         "graceful_close", "offensive", "hedged", "over_detailed"]
    assert names[8:] == ["reopens_decision", "mentions_team"]


def test_a_close_phrase_meets_the_item_with_evidence(scorer: Scorer) -> None:
    reply = "Oh, um, let me think about it, okay?"
    result = scorer.score(reply).checks["reopens_decision"]
    assert result.met is True and result.score >= 85 and result.threshold == 85
    ev = result.evidence[0]
    assert reply[ev.start:ev.end] == ev.text == "let me think about it"


def test_a_misheard_phrase_still_matches_fuzzily(scorer: Scorer) -> None:
    result = scorer.score("let me thing about it").checks["reopens_decision"]
    assert result.met is True and 85 <= result.score < 100


def test_below_threshold_is_a_near_miss_not_a_match(scorer: Scorer) -> None:
    reply = "I'll think about what you said about the team"
    result = scorer.score(reply).checks["reopens_decision"]
    assert result.met is False
    assert "closest" in result.why or "no window" in result.why


def test_a_negated_phrase_is_vetoed(scorer: Scorer) -> None:
    result = scorer.score("No, I won't reconsider, thank you.").checks["reopens_decision"]
    assert result.met is False
    assert "negated" in result.why


def test_score_item_for_one_item(scorer: Scorer) -> None:
    result = scorer.score_item("mentions_team", "Honestly the team was great.")
    assert result.name == "mentions_team" and result.met is True
    with pytest.raises(TrainerError) as info:
        scorer.score_item("no_such_item", "hi")
    assert info.value.exit_code == 2 and "known items" in info.value.message


def test_a_custom_item_may_not_shadow_a_built_in() -> None:
    clash = CustomItem(name="thanks", description="x", phrases=["thanks"])
    with pytest.raises(TrainerError):
        Scorer([clash])
