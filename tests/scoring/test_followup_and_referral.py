"""Follow-up answers that hurry the recruiter off, and hedges about someone else's choice.

Pinned with sentences written for these tests: a bare motive followed by
"anything else?" or "are we done?" answers, but not courteously; a hedge
about whether a friend might apply is not a hedge on the speaker's decision,
while a hedge on the speaker's own interest still is.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

SCORER = Scorer()
OPENING = "Hi, it's Tomasz from Greyfield Labs. We'd like to offer you the technician post."
WHY = "Oh, that's a pity. Do you mind me asking why?"


def met(reply: str, context: str, item: str) -> bool | None:
    return SCORER.score(reply, context).checks[item].met


@pytest.mark.parametrize("reply", [
    "The salary. Is that it?",
    "Hours, mostly. Are we finished?",
    "distance right we good",
])
def test_hurrying_the_recruiter_off_is_not_courteous(reply: str) -> None:
    assert met(reply, WHY, "courteous_followup") is False


def test_a_short_polite_answer_is_still_courteous() -> None:
    assert met("Mostly the distance, I'm afraid. Thanks for asking.", WHY,
               "courteous_followup") is True


@pytest.mark.parametrize("reply", [
    "Thanks, but I'm declining. My housemate could be interested though, maybe, "
    "I'm not sure, I'll mention it to her.",
    "Thank you, I won't be taking it. I think a friend of mine might be interested, "
    "I'm not certain. I'll ask her.",
])
def test_a_hedge_about_someone_else_applying_does_not_hedge_the_no(reply: str) -> None:
    assert met(reply, OPENING, "hedged") is False
    assert met(reply, OPENING, "clear_no") is True


def test_a_hedge_on_ones_own_interest_beside_a_referral_still_hedges() -> None:
    reply = ("I'm not sure I'm interested, to be honest. My cousin might be interested, "
             "I'll ask him.")
    assert met(reply, OPENING, "hedged") is True


UNSURE = "You seemed a little torn on the call. What's holding you back?"


def test_staying_undecided_in_answer_to_a_hesitation_can_be_courteous() -> None:
    reply = "Mostly the relocation, honestly. I'm probably going to say no, but thanks for asking."
    assert met(reply, UNSURE, "courteous_followup") is True


def test_a_hedge_after_a_no_still_blurs_it() -> None:
    reply = "Mostly the relocation, honestly. I'm probably going to say no, but thanks for asking."
    assert met(reply, WHY, "courteous_followup") is False
