"""Round 7 categories, pinned with sentences written for these tests (never taken from a data set).

Round 6's measurement showed recruiter lines read as the wrong kind: a follow-up heard through a
recogniser ("a roll in our leeds office"), a sweetener in words the patterns lacked, good wishes
ending in a tag question, the terms stated after an "Okay,". What kind of line a reply answers
decides whether courtesy is judged at all and whether a bare "no" declines, so each kind is
pinned here with new lines, beside near misses that must keep their kind.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer
from trainer.scoring import context as ctx
from trainer.scoring.context import LineKind
from trainer.scoring.utterance import Utterance

SCORER = Scorer()


# -- "roll" for role ----------------------------------------------------------------------------

@pytest.mark.parametrize(("heard", "meant"), [
    ("theres a similar roll in our glasgow office", "role"),
    ("the roll is still open if you change your mind", "role"),
    ("we have two rolls in the leeds team", "roles"),
])
def test_roll_is_read_as_role_in_a_call(heard: str, meant: str) -> None:
    assert meant in Utterance(heard).joined.split()


@pytest.mark.parametrize("said", [
    "honestly you lot are on a roll this year",
    "i'll grab a roll of tape",
    "we'll roll it out next month",
])
def test_roll_keeps_its_own_meaning(said: str) -> None:
    assert "role" not in Utterance(said).joined.split()


# -- follow-ups said in other words ----------------------------------------------------------

@pytest.mark.parametrize("line", [
    "ok so we do have a roll in the cardiff depot that opened last week",
    "could we sweeten things with a parking space or is it still a no",
    "There's a vacancy in our Perth team as well, any interest?",
    "The director says she's willing to throw in a travel allowance. Does that sway you at all?",
    "What if we met you halfway on the salary, say forty-four?",
    "If they added a ninth day's leave, would you take it?",
    "Right, we could split the difference on the start date. Better?",
])
def test_offers_that_try_to_change_the_decision_are_follow_ups(line: str) -> None:
    assert ctx.classify(line) is LineKind.CHANGE, line


def test_a_why_without_a_question_mark_is_a_follow_up() -> None:
    assert ctx.classify("thanks for telling me can i ask why") is LineKind.INFO


@pytest.mark.parametrize("line", [
    "Okay then, it's been lovely talking. Good luck, yeah?",
    "Right, all the best with it then, eh?",
    "Just to confirm, you're withdrawing from the process?",
    "Shall I put you down as withdrawn then?",
])
def test_good_wishes_and_confirmations_are_not_follow_ups(line: str) -> None:
    kind = ctx.classify(line)
    assert not kind.is_followup, (line, kind)


@pytest.mark.parametrize("line", [
    "Okay, so the offer comes in at 58k. What do you think?",
    "The contract is fixed term for a year, with a month's notice. Is that alright?",
    "The hours would be eight to four, Monday to Friday. How does that sound?",
    "The package includes a car allowance and private health. Are you on board?",
])
def test_first_statements_of_terms_are_not_follow_ups(line: str) -> None:
    assert ctx.classify(line) is LineKind.TERMS, line


@pytest.mark.parametrize("line", [
    "G'day, just seeing if you've had a think about the offer?",
    "Alright? Just checking in on the offer from Brennan's.",
])
def test_informal_openings_are_openings(line: str) -> None:
    kind = ctx.classify(line)
    assert kind in (LineKind.OPENING, LineKind.STATUS), (line, kind)


@pytest.mark.parametrize("line", [
    "We're happy to make you an offer for the nursing post.",
    "Is this about the probation period?",
])
def test_near_misses_keep_their_kind(line: str) -> None:
    assert ctx.classify(line) is not LineKind.CHANGE, line


# -- the scorer follows the line's kind --------------------------------------------------------

def test_a_polite_answer_to_a_misheard_alternative_is_courteous() -> None:
    card = SCORER.score("oh thats kind but no ill pass on that one too its still a long way "
                        "from home", "we have got a roll in the york branch as well")
    assert card.checks["courteous_followup"].met is True


def test_a_warm_goodbye_to_good_wishes_is_not_judged_as_a_follow_up() -> None:
    card = SCORER.score("Aw, cheers, and you. Take care now.", "Right, all the best, eh?")
    assert card.checks["courteous_followup"].met is None
    assert card.checks["graceful_close"].met is True


# -- a pause sound inside a phrase ----------------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "so i i may need to um turn it down",
    "honestly i'm probably gonna uh pass on it",
    "i think i'll erm have to withdraw",
])
def test_a_hedge_with_a_pause_sound_before_the_verb_is_still_a_hedge(reply: str) -> None:
    card = SCORER.score(reply, "Hi, it's Ola from Brightpath. Have you decided?")
    assert card.checks["hedged"].met is True, reply
    assert card.checks["clear_no"].met is False, reply


def test_pause_sounds_are_still_counted_as_fillers() -> None:
    card = SCORER.score("um no i won't be uh taking it, erm, thanks though")
    assert [ev.text for ev in card.metrics.fillers] == ["um", "uh", "erm"]
    assert card.checks["clear_no"].met is True


# -- a "no" that answers a question is not a refusal ----------------------------------------

@pytest.mark.parametrize(("reply", "line"), [
    ("Nah.", "Okay. Was there anything specific?"),
    ("No thanks, I'd rather not, but kind of you to offer.",
     "Can I pop you on our newsletter for future roles?"),
    ("Not really, no. Cheers though.", "Anything you'd like us to keep an eye out for?"),
])
def test_a_no_to_a_question_or_to_future_contact_is_not_a_clear_no(reply: str, line: str) -> None:
    assert ctx.classify(line).is_followup, line
    assert SCORER.score(reply, line).checks["clear_no"].met is False, (reply, line)


def test_declining_an_alternative_role_is_still_a_clear_no() -> None:
    line = "We've also got an opening in the Dundee office as well, fancy it?"
    assert SCORER.score("No thanks, I'll pass on that one too.", line).checks["clear_no"].met


# -- a spoken list of bare noun phrases -----------------------------------------------------------

WHY = "Can I ask what put you off?"


@pytest.mark.parametrize("reply", [
    "Where would I even begin? The hours, the attitude, the parking. Honestly.",
    "same managers, same ancient laptops and the same rota. no ta",
    "no canteen, no parking, no pension worth the name, so no.",
])
def test_three_listed_complaints_are_three_reasons(reply: str) -> None:
    card = SCORER.score(reply, WHY)
    assert card.checks["over_detailed"].met is True, reply
    assert card.checks["brief_reason"].met is False, reply


@pytest.mark.parametrize("reply", [
    "The pay and the travel, mainly.",
    "It's the commute, the one thing I couldn't get round.",
    "Hi Sam, thank you, the role, the team, all lovely, but I'm declining.",
])
def test_one_or_two_items_or_praise_are_not_a_long_list(reply: str) -> None:
    assert SCORER.score(reply, WHY).checks["over_detailed"].met is False, reply


# -- sincere thanks, then a dig ------------------------------------------------------------------

GOODBYE = "Okay, take care, all the best!"


@pytest.mark.parametrize("reply", [
    "Thanks, and good luck to you, you'll need it with that lot upstairs. Bye.",
    "cheers you too and best of luck finding someone who'll put up with that rota bye",
])
def test_thanks_then_a_later_dig_is_thanks_and_offensive(reply: str) -> None:
    card = SCORER.score(reply, GOODBYE)
    assert card.checks["thanks"].met is True, reply
    assert card.checks["offensive"].met is True, reply


@pytest.mark.parametrize(("reply", "line"), [
    ("Oh brilliant, another pay cut dressed up as an offer. Thanks SO much.",
     "The offer is 31k."),
    ("Thanks a bunch for the lowball, ever so generous of you.", "The offer is 31k."),
    ("That's very generous of you... said nobody, ever. No.", "The offer is 31k."),
])
def test_thanks_inside_the_jibe_is_not_thanks(reply: str, line: str) -> None:
    card = SCORER.score(reply, line)
    assert card.checks["thanks"].met is False, reply
    assert card.checks["offensive"].met is True, reply


def test_a_one_word_retort_takes_the_thanks_back() -> None:
    card = SCORER.score("Gosh, thanks ever so much for that brilliant offer. Not.",
                        "The offer is 31k.")
    assert card.checks["thanks"].met is False


# -- more follow-ups in other words, and the lines they must not swallow -------------------------

@pytest.mark.parametrize("line", [
    "Why? If you don't mind me asking?",
    "can i ask whit made ye decide",
])
def test_why_asked_with_a_polite_tag_is_a_why(line: str) -> None:
    assert ctx.classify(line) is LineKind.INFO, line


@pytest.mark.parametrize("line", [
    "They've upped it to sixty-one.",
    "look i went back and they'll do another three grand",
    "They'll waive the probation period. Is that enough to tempt you back?",
    "Would a secondment to the Hull office appeal?",
    "And what about a temp contract, just for the summer?",
    "we've got a warehouse supervisor spot going in Crewe too",
    "Would you keep ur see v on file with us?",
])
def test_sweeteners_and_alternatives_in_other_words_are_follow_ups(line: str) -> None:
    assert ctx.classify(line).is_followup, line


@pytest.mark.parametrize(("line", "kind"), [
    ("It's a nine-month fixed-term contract at 380 a day. Thoughts?", LineKind.TERMS),
    ("The base is 47k, hybrid, two days in. How does that sit with you?", LineKind.TERMS),
    ("Thanks for letting me know. Best wishes for the future!", LineKind.WRAPUP),
    ("Good luck in the new job, and do stay in touch!", LineKind.WRAPUP),
    ("Okay, I think that's everything from my end. Anything from you?", LineKind.WRAPUP),
])
def test_terms_and_goodbyes_keep_their_kind(line: str, kind: LineKind) -> None:
    assert ctx.classify(line) is kind, line


def test_a_short_reason_to_why_is_a_courteous_answer() -> None:
    card = SCORER.score("The hours, and the travel.", "Why? Can I ask?")
    assert card.checks["courteous_followup"].met is True


# -- short answers that decline what was just offered ------------------------------------------

ALTERNATIVE = "There's a similar post in our Hull office too, would you consider it?"


@pytest.mark.parametrize("reply", [
    "I'll be passing on that one, thanks.",
    "i will past on hull",
    "Naw, ye're alright.",
    "I wouldn't, sorry. Hull's too far.",
    "Not really, I'm afraid.",
    "Please don't. Thanks, though.",
    "My answer has to stay the same.",
    "I'm not going to reconsider, but thank you.",
])
def test_short_refusals_of_an_alternative_are_a_clear_no(reply: str) -> None:
    assert SCORER.score(reply, ALTERNATIVE).checks["clear_no"].met is True, reply


@pytest.mark.parametrize(("reply", "line"), [
    ("Not at all, go ahead.", "Do you mind me asking why?"),
    ("I wouldn't say no to a coffee some time.", "Hi, it's Jo from Lark. Any news?"),
])
def test_the_same_words_answering_something_else_are_not(reply: str, line: str) -> None:
    assert SCORER.score(reply, line).checks["clear_no"].met is False, reply


@pytest.mark.parametrize(("reply", "line"), [
    ("please no", "Shall I keep you posted on other roles?"),
    ("Not at all.", "We could shorten the probation. Would that make a difference?"),
])
def test_a_plea_or_a_bare_not_at_all_is_no_courtesy(reply: str, line: str) -> None:
    assert SCORER.score(reply, line).checks["courteous_followup"].met is False, reply


def test_not_at_all_before_an_answer_is_gracious() -> None:
    card = SCORER.score("Not at all, happy to say: it's a charity closer to home.",
                        "Do you mind me asking where you're headed?")
    assert card.checks["courteous_followup"].met is True


# -- a refusal with a "thanks" tagged on is no gratitude -----------------------------------------

@pytest.mark.parametrize("reply", [
    "Not interested, thanks.",
    "I won't, thanks. It's too far.",
    "I'm not, thank you.",
    "Thank you, no. Hull's too far.",
    "i dont want it thanks",
])
def test_a_refusal_tagged_with_thanks_is_not_thanks(reply: str) -> None:
    assert SCORER.score(reply, ALTERNATIVE).checks["thanks"].met is False, reply


@pytest.mark.parametrize("reply", [
    "Thank you, but no.",
    "Thank you for thinking of me, but I'm not interested, thanks.",
])
def test_thanks_for_something_before_the_no_is_still_thanks(reply: str) -> None:
    assert SCORER.score(reply, ALTERNATIVE).checks["thanks"].met is True, reply


# -- motives at the end of the call and in answer to future contact ---------------------------

WRAP = "Right, that's me done. Anything else before I go?"


@pytest.mark.parametrize("reply", [
    "Maybe let candidates know the salary before round four. Otherwise no.",
    "Best of luck to you too, you'll need it with that budget.",
    "Nah, that's it. Long week at my current place, I'm shattered.",
])
def test_advice_jibes_and_small_talk_at_the_end_are_not_the_reason(reply: str) -> None:
    assert SCORER.score(reply, WRAP).checks["brief_reason"].met is False, reply


@pytest.mark.parametrize("reply", [
    "Only that I'm declining because the commute was too much. Have a lovely week.",
    "Just that I've signed with Harwood already, so yeah.",
])
def test_a_reason_said_as_the_reason_at_the_end_still_counts(reply: str) -> None:
    assert SCORER.score(reply, WRAP).checks["brief_reason"].met is True, reply


KEEP = "Shall I keep your CV on file for future roles?"


def test_a_preference_for_next_time_is_not_why_they_declined() -> None:
    card = SCORER.score("Yes please, I'd love anything part-time.", KEEP)
    assert card.checks["brief_reason"].met is False


def test_why_they_turned_it_down_said_while_agreeing_to_be_kept_on_file_counts() -> None:
    card = SCORER.score("Yes, please do. I only turned this one down because of the travel.",
                        KEEP)
    assert card.checks["brief_reason"].met is True


# -- an echo of what they offered is not the motive -----------------------------------------------

@pytest.mark.parametrize(("reply", "line"), [
    ("A signing bonus. How thrilling. Still no.", "What if we added a signing bonus of 4k?"),
    ("oh part time hmm maybe i dont know let me think", "Would a part-time version suit you?"),
    ("Thank you, but a bonus won't change it. I'm still declining.",
     "Would a retention bonus make a difference?"),
])
def test_echoing_the_offer_is_not_a_reason(reply: str, line: str) -> None:
    assert SCORER.score(reply, line).checks["brief_reason"].met is False, reply


@pytest.mark.parametrize(("reply", "line"), [
    ("Sorry, no. Nights aren't for me.",
     "We've also got openings on the night shift, nights only."),
    ("Thanks, but relocating isn't possible for me right now.",
     "There's an opening in Perth if you're open to relocating."),
])
def test_the_speakers_verdict_on_the_offer_is_a_reason(reply: str, line: str) -> None:
    assert SCORER.score(reply, line).checks["brief_reason"].met is True, reply


# -- regional thanks, goodbyes and refusals -------------------------------------------------------

@pytest.mark.parametrize(("reply", "label"), [
    ("chur bro, but nah, I'm not gonna take it", "thanks"),
    ("yeah ta, bye", "thanks"),
    ("mi cyaan tek it, sorry", "clear_no"),
    ("i will have to recline the offer sorry", "clear_no"),
    ("Thanks for everything, walk good.", "graceful_close"),
])
def test_regional_and_misheard_forms_count(reply: str, label: str) -> None:
    card = SCORER.score(reply, "Hi, it's Jo from Lark. Any thoughts on the offer?")
    assert card.checks[label].met is True, reply


# -- doubt about something else, with the decision stated apart -----------------------------------

@pytest.mark.parametrize("reply", [
    "Congrats to me, I guess. I'm going to say no.",
    "hi um i'm not sure what day it is honestly, it's been a week. but no, i'm declining",
    "Get a new hiring manager, maybe. Joking. Sort of. No, I'm done.",
])
def test_doubt_about_something_else_does_not_hedge_a_firm_no(reply: str) -> None:
    card = SCORER.score(reply, "Hi, it's Ana from Vela. We'd like to offer you the role.")
    assert card.checks["hedged"].met is False, reply
    assert card.checks["clear_no"].met is True, reply


@pytest.mark.parametrize("reply", [
    "I'm declining. Probably. I don't know.",
    "I think I'll decline, maybe.",
])
def test_doubt_about_the_decision_still_hedges_it(reply: str) -> None:
    card = SCORER.score(reply, "Hi, it's Ana from Vela. We'd like to offer you the role.")
    assert card.checks["hedged"].met is True, reply
