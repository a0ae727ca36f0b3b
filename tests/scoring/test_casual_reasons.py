"""Reasons said casually or regionally, pinned with sentences written for these tests.

Where the speaker is going, said the way people talk ("I'm after signing with
another outfit", "landed something down in Perth", "gone with Halyard"), a
new post named by its trade's own word (a spot, a traineeship, a tenancy), a
promise made to the other employer, and two-word motives given in answer to
why. Their neighbours that give no reason stay without one.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

SCORER = Scorer()
OPENING = "Hi, it's Fenella from Orchard Lane Surveyors. We'd like to offer you the graduate role."
WHY = "That's a shame. Can I ask what's behind it?"
WHERE = "No problem. Where are you heading, if you don't mind me asking?"


def reason(reply: str, context: str = OPENING) -> bool | None:
    return SCORER.score(reply, context).checks["brief_reason"].met


@pytest.mark.parametrize("reply", [
    "i'm after signing up with another outfit in galway so i'll leave it",
    "Nah, I'll knock it back, I've landed something down in Perth.",
    "sorry i've gone and signed on someplace else",
    "I'll give it a miss, I've been offered something closer to home.",
    "I have to decline, I've taken up a traineeship with another practice.",
    "I'm going to pass; I already took a spot on a crew in Leeds.",
    "I'll say no, I promised the hospital in Derby I'd start in May.",
])
def test_where_one_is_going_said_casually_is_a_reason(reply: str) -> None:
    assert reason(reply) is True


@pytest.mark.parametrize(("reply", "context"), [
    ("Stronger package, to be honest.", WHY),
    ("A closer commute, mostly.", WHY),
    ("I've gone with Halyard in the end.", WHERE),
])
def test_short_motives_in_answer_count(reply: str, context: str) -> None:
    assert reason(reply, context) is True


@pytest.mark.parametrize("reply", [
    "I'm going with my gut on this one and saying no, sorry.",
    "Thanks so much, but I'll have to decline.",
    "I signed the form you sent, but I won't be going ahead.",
])
def test_no_reason_stays_no_reason(reply: str) -> None:
    assert reason(reply) is False


INVITE = "Hi, it's Odile from Farrow Bank. We'd like to invite you to a second interview."


@pytest.mark.parametrize(("reply", "span"), [
    ("I won't be going ahead with the interview I've accepted a job at another bank",
     "I've accepted a job at another bank"),
    ("i'm turning the offer down my partner got a transfer to leeds",
     "my partner got a transfer to leeds"),
    ("I'll have to withdraw from the process the commute would be far too long",
     "the commute would be far too long"),
])
def test_a_reason_said_in_one_breath_with_the_no_starts_at_its_own_subject(
        reply: str, span: str) -> None:
    check = SCORER.score(reply, INVITE).checks["brief_reason"]
    assert check.met is True
    assert [e.text for e in check.evidence] == [span]
    clear_no = SCORER.score(reply, INVITE).checks["clear_no"]
    assert clear_no.met is True and all(span not in e.text for e in clear_no.evidence)
