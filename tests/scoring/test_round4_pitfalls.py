"""Issue 15, round 4: the three pitfall flags (offensive, hedged, over_detailed) by category.

Every sentence here was written for these tests (none is taken from an evaluation set):
for each category several that must be flagged, and near misses that must not, so a fix
that memorises one wording fails its neighbours.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OFFER = "Hi, it's Priya from Northgate. They'd like to offer you the analyst role."
INVITE = "Hello, the panel would like to see you for a second interview on Friday."
WHY = "Oh, that's a shame. Can I ask what made you decide?"
RAISE = "I've pushed them and they can add another one and a half percent."
UNSURE = "You sound a little hesitant. Is it the hours that worry you?"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def met(scorer: Scorer, reply: str, context: str, item: str) -> bool | None:
    return scorer.score(reply, context).checks[item].met


# -- hedged: the speaker's own decision, however transcribed -----------------------------

@pytest.mark.parametrize("reply", [
    "picked up your message i don't think i'm going to go for it sorry",
    "got your email and i i don't think i'll be taking it",
    "i dont think i can except the offer to be honest",             # "accept" misheard
    "i'm afraid i may have to de line this one",                    # "decline" split
    "Saw your text, I don't think I'll accept, sorry.",
])
def test_a_transcribed_hedge_on_the_decision_is_hedged(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is True
    assert met(scorer, reply, OFFER, "clear_no") is False


@pytest.mark.parametrize("reply", [
    "I'm turning it down. I'm not sure yet where I'll go next, but it won't be there.",
    "I won't be taking it. It's the travel or the pay, not sure which annoys me more.",
    "I have to withdraw, sorry. My brother is in hospital and I don't know when I'll be home.",
    "No, I'm declining. I don't know how long the move will take, that's the problem.",
    "Everyone except the director was lovely, but I won't be accepting it.",
])
def test_unsure_of_a_fact_is_not_a_hedged_decision(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is False


@pytest.mark.parametrize("reply", [
    "I'm not sure if I can take it.",
    "I don't know what to do, I might say no.",
    "not sure whether i'll accept to be honest",
])
def test_unsure_of_the_decision_itself_stays_hedged(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is True


@pytest.mark.parametrize("reply", [
    "It's the hours and the drive, honestly. I haven't decided yet though, could I come back "
    "to you on Thursday?",
    "Mostly the rota. I've not made my decision, can I ring you back tomorrow?",
])
def test_undecided_and_asking_for_time_is_neither_hedged_nor_a_no(scorer: Scorer,
                                                                  reply: str) -> None:
    result = scorer.score(reply, UNSURE)
    assert result.checks["hedged"].met is False
    assert result.checks["clear_no"].met is False
