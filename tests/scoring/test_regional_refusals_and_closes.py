"""Refusals, thanks and closes in regional and transcribed speech, pinned with new sentences.

Interjections before a bare no ("och no"), a no tagged after a question
("...isn't it no"), a misheard "no thank you" or "decline", refusing to
reconsider, casual thanks ("ta for that", "cheers Morag"), and closes that
end on wishes, reciprocation or regional goodbyes.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

SCORER = Scorer()
OPENING = "Hello, it's Iwan from Bryn Haulage. We'd like to offer you the depot supervisor job."
COUNTER = "We could add another two thousand. Will you think again?"
WRAPUP = "Right you are, I'll pass that on. All the best to you."


def met(reply: str, context: str, item: str) -> bool | None:
    return SCORER.score(reply, context).checks[item].met


@pytest.mark.parametrize(("reply", "context"), [
    ("och no pal i'm staying where i am", OPENING),
    ("ach no love, it's not for me", OPENING),
    ("that's a lot of money for a lot of driving isn't it no", COUNTER),
    ("know thank you i'm settled where i am", OPENING),
    ("sorry i'm going to have to the line it's too far", OPENING),
    ("Thanks, but I won't be reconsidering, my answer's the same.", COUNTER),
])
def test_regional_and_misheard_refusals_are_clear(reply: str, context: str) -> None:
    assert met(reply, context, "clear_no") is True


@pytest.mark.parametrize("reply", [
    "I won't be reconsidering unless the hours change, to be honest.",
])
def test_a_conditional_reconsideration_is_not_a_clear_no(reply: str) -> None:
    assert met(reply, COUNTER, "clear_no") is False


@pytest.mark.parametrize("reply", [
    "ta for letting me know but i'm staying put",
    "cheers morag, i'll leave it though",
    "oh thank q so much but i've got something else",
])
def test_casual_and_misheard_thanks(reply: str) -> None:
    assert met(reply, OPENING, "thanks") is True


@pytest.mark.parametrize("reply", [
    "aye and you as well",
    "cheers, yourself an all",
    "thanks love, you have a blessed weekend now",
    "No that's everything, diolch. Hwyl fawr!",
    "Nothing else, just tell Aled thanks from me.",
])
def test_closes_that_reciprocate_wish_or_say_goodbye_regionally(reply: str) -> None:
    assert met(reply, WRAPUP, "graceful_close") is True


def test_a_curt_ending_is_still_no_close() -> None:
    assert met("yeah that's it bye", WRAPUP, "graceful_close") is False


def test_a_misheard_no_thank_you_is_a_refusal_not_thanks() -> None:
    score = SCORER.score("know thanks i'll stick where i am", OPENING)
    assert score.checks["clear_no"].met is True
    assert score.checks["thanks"].met is False


def test_thanks_sent_by_name_closes_even_with_a_word_of_praise_after() -> None:
    reply = "Only... would you tell Ms Adeyemi thanks from me? She made the day easy."
    assert met(reply, "Right, noted. Is there anything else?", "graceful_close") is True
