"""Further hard cases by category, each pinned with sentences written for these tests.

Regional refusal idioms, reasons phrased as where one has gone, sarcasm and
backhanded remarks, thanks asked to be passed on or aimed at someone else,
warm goodbyes, the object of a refusal read as its motive, a request for
more time, greetings read as list items, caving to a counter-offer, and
recruiter lines whose role in the call is easy to misread.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer
from trainer.scoring.context import LineKind, classify

SCORER = Scorer()
OPENING = "Hello, it's Priya from Lanthorn Media. Will you be accepting the editor role?"


def met(reply: str, context: str | None, item: str) -> bool | None:
    return SCORER.score(reply, context).checks[item].met


@pytest.mark.parametrize("reply", [
    "Thanks for thinking of me, but I'm going to knock the offer back.",
    "Honestly I'll be knocking it back, sorry.",
    "Sorry, I won't.",
    "No, I'm afraid I won't.",
])
def test_idiomatic_and_elliptical_refusals_are_clear(reply: str) -> None:
    assert met(reply, OPENING, "clear_no") is True


@pytest.mark.parametrize("reply", [
    "I'm out, sorry: I've signed on with a crew up north.",
    "No thank you, I've gone with a rival agency.",
    "I'll pass, I've joined a different practice.",
    "Not for me, moving just isn't an option for us right now.",
    "I'll decline; we can't relocate with the kids at school.",
    "I'll say no, I was hoping for more to be honest.",
    "I'll turn it down, the other place is more my thing.",
])
def test_reasons_named_by_where_one_went_or_what_one_wants(reply: str) -> None:
    assert met(reply, OPENING, "brief_reason") is True


@pytest.mark.parametrize(("reply", "context"), [
    ("Bye then. Best of luck finding someone who'll sit through that interview.",
     "Okay, thanks for letting me know. Bye."),
    ("Three emails in one morning. I'm not interested.",
     "Hi, it's Jo from Pathway Recruit again, following up on my messages."),
    ("Sure. You're going to need it, the way those interviews were run.",
     "Right, well, good luck with everything."),
    ("No, I'm turning it down, the rate was a bit tight for the hours.", OPENING),
    ("Not keen, the warehouse looked pretty scruffy when I visited.", OPENING),
    ("Answering my calls in under a fortnight would have helped.",
     "What could we have done better?"),
])
def test_backhanded_and_mild_disparagement_is_offensive(reply: str, context: str) -> None:
    assert met(reply, context, "offensive") is True


def test_good_luck_finding_someone_is_a_warm_wish() -> None:
    reply = "It's a no from me, sorry. Good luck finding someone great!"
    assert met(reply, OPENING, "offensive") is False
    assert met(reply, OPENING, "graceful_close") is True


def test_a_sarcastic_good_wish_is_no_close() -> None:
    reply = "Yeah. Good luck finding anybody who'll put up with your hours."
    assert met(reply, "Okay. Well, take care. Bye.", "graceful_close") is False


def test_a_bad_drive_to_their_site_runs_nothing_down() -> None:
    reply = ("I've taken a job near home, the drive to yours would've been a nightmare with "
             "the school run")
    assert met(reply, "Can I ask what tipped it?", "offensive") is False


@pytest.mark.parametrize("reply", [
    "Please thank the whole panel for me, but I'm declining.",
    "Do thank him for his time. I won't be taking the role though.",
])
def test_thanks_passed_on_through_a_request_counts(reply: str) -> None:
    assert met(reply, OPENING, "thanks") is True


def test_gratitude_to_ones_own_people_is_not_thanks() -> None:
    reply = "I'm grateful to my mentor for the push, but I'm declining the role."
    assert met(reply, OPENING, "thanks") is False


@pytest.mark.parametrize("reply", [
    "you too it was lovely to meet everyone cheers",
    "Thanks, and I hope your new season goes brilliantly.",
    "No, sorry. I'd still hope to collaborate with you someday.",
    "I'm afraid not. I wish the charity every success.",
])
def test_warm_goodbyes_close(reply: str) -> None:
    assert met(reply, "Okay. All the best then!", "graceful_close") is True


def test_thanks_that_turns_on_a_but_does_not_close() -> None:
    reply = "thanks for everything but i'd really rather not"
    assert met(reply, "Could we stay in touch about future openings?",
               "graceful_close") is False


def test_a_request_for_more_time_gives_no_reason() -> None:
    reply = "Could I have a few more days? I'd like to talk it over with my husband."
    assert met(reply, OPENING, "brief_reason") is False


@pytest.mark.parametrize("reply", [
    "Hey Sam, thanks, but I'll have to pass on the night shift trial, I've got another job.",
    "Hello Tom, no thanks, I'm turning down the family day invite; I've accepted elsewhere.",
])
def test_what_is_declined_and_a_greeting_are_not_reasons(reply: str) -> None:
    score = SCORER.score(reply, OPENING)
    assert score.checks["brief_reason"].met is True
    assert score.checks["over_detailed"].met is False


def test_a_run_on_list_without_commas_is_over_detailed() -> None:
    reply = ("no thanks there's a few things the notice period is six months and the equity "
             "vests over four years and my missus has just started a job here so yeah")
    assert met(reply, OPENING, "over_detailed") is True


def test_take_me_off_your_list_after_a_future_offer_is_no_clear_no() -> None:
    score = SCORER.score("no just take me off your database",
                         "Understood. Shall we keep your details for future roles?")
    assert score.checks["clear_no"].met is False
    assert score.checks["courteous_followup"].met is False


@pytest.mark.parametrize(("reply", "context"), [
    ("hmm that's quite tempting actually maybe could you send me that over",
     "What if we offered three days from home?"),
    ("oh it might actually what kind of package are we talking",
     "Would a team lead title change anything?"),
])
def test_warming_to_a_counter_offer_caves_and_hedges(reply: str, context: str) -> None:
    score = SCORER.score(reply, context)
    assert score.checks["courteous_followup"].met is False
    assert score.checks["hedged"].met is True


def test_changing_ones_mind_towards_no_is_a_clear_no() -> None:
    reply = "Sorry, I've changed my mind and I won't be coming in on Monday."
    assert met(reply, "Great, so we'll see you Monday at nine?", "clear_no") is True


@pytest.mark.parametrize(("line", "kind"), [
    ("There's a taster day next Friday for the apprentices. Can we count you in?",
     LineKind.OPENING),
    ("Lovely, so we'll expect you at reception on the 3rd?", LineKind.OPENING),
    ("Is it alright if we ring you in a few months to check in?", LineKind.FUTURE),
    ("Would you mind us calling you next spring about openings?", LineKind.FUTURE),
    ("We could also offer you a relocation allowance of six thousand.", LineKind.CHANGE),
])
def test_recruiter_line_roles(line: str, kind: LineKind) -> None:
    assert classify(line) is kind


def test_a_company_name_starting_like_a_stop_word_still_reads_as_joining() -> None:
    assert met("I will not be joining Inkwell Press.", OPENING, "clear_no") is True


def test_an_exasperated_where_do_i_start_is_a_jibe_not_a_long_story() -> None:
    score = SCORER.score("Where do I begin? Returning calls within a month would've helped, "
                         "which is why I took the other offer.",
                         "Is there anything we could have handled better?")
    assert score.checks["offensive"].met is True
    assert score.checks["brief_reason"].met is True
    assert score.checks["over_detailed"].met is False
