"""Which recruiter lines make a reply a follow-up answer, and what a bare "no" means after them."""

from __future__ import annotations

import pytest

from trainer.scoring.context import LineKind, asks_to_go_ahead, asks_where, asks_why, classify


@pytest.mark.parametrize(("line", "kind"), [
    ("Hi, it's Sam from Orbit. Will you be accepting our offer?", LineKind.OPENING),
    ("Hello, we'd like to invite you to interview for the designer role.", LineKind.OPENING),
    ("Hi, have you had a chance to look over the offer?", LineKind.STATUS),
    ("Just checking in on the offer we sent.", LineKind.STATUS),
    ("The budget for this role is 52,000. Are you still happy to go ahead?", LineKind.TERMS),
    ("Can I ask why you've decided against it?", LineKind.INFO),
    ("Do you mind telling me who you're going with?", LineKind.INFO),
    ("Was it something we did?", LineKind.INFO),
    ("So what sort of figure were you hoping for?", LineKind.INFO),
    ("If we matched their salary, would you reconsider?", LineKind.CHANGE),
    ("Is there really nothing we can do?", LineKind.CHANGE),
    ("Would you consider a part-time version of the role?", LineKind.CHANGE),
    ("We also have an opening in our Leeds office. Would that interest you?", LineKind.CHANGE),
    ("Are you saying you're turning the offer down?", LineKind.CHANGE),
    ("Would you be open to other roles with us later?", LineKind.FUTURE),
    ("Shall we keep your CV on file?", LineKind.FUTURE),
    ("Okay, I'll let the team know. Anything else?", LineKind.WRAPUP),
    ("Alright then, good luck with the new role.", LineKind.WRAPUP),
    ("Was there anything else?", LineKind.WRAPUP),
    (None, LineKind.UNKNOWN),
    ("", LineKind.UNKNOWN),
])
def test_line_kinds(line: str | None, kind: LineKind) -> None:
    assert classify(line) is kind


def test_only_follow_up_kinds_are_follow_ups() -> None:
    assert {k for k in LineKind if k.is_followup} == {LineKind.CHANGE, LineKind.INFO,
                                                      LineKind.FUTURE}


def test_a_bare_no_declines_only_a_question_about_going_ahead() -> None:
    assert asks_to_go_ahead("Will you be accepting our offer?")
    assert asks_to_go_ahead("Would you like to come in for an interview?")
    assert not asks_to_go_ahead("Did you get a chance to look at the times I sent?")


def test_asks_why() -> None:
    assert asks_why("What was the deciding factor?")
    assert not asks_why("Which company are you joining?")
    assert not asks_why("Hi, any news on the offer?")


def test_asks_where() -> None:
    assert asks_where("Which company are you joining?")
    assert asks_where("Do you mind me saying where you're off to?")
    assert not asks_where("Can I ask why?")
    assert not asks_where("Hi, any news on the offer?")
