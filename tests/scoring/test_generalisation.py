"""Hard cases by category, pinned with sentences written for these tests.

Each group is a rule the detectors follow, not a sentence they know: the
recruiter line's role in the call (an opening cannot answer a no; a mid-call
question is a follow-up), what a hedge or a harsh word is about, a no said
without the usual verbs, reasons given as a list, warming to another role
versus caving, and real words the sound-alike repair must leave alone.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer
from trainer.scoring.context import LineKind, classify, offers_alternative
from trainer.scoring.utterance import Utterance

SCORER = Scorer()


def met(reply: str, context: str | None, item: str) -> bool | None:
    return SCORER.score(reply, context).checks[item].met


@pytest.mark.parametrize("line", [
    "Fine. Might a relocation allowance help you decide differently?",
    "Okay. Would you be up for a hybrid version of the job?",
    "Got it. Would you mind sharing which organisation you picked?",
    "Hmm. Is the pension the sticking point?",
    "Alright. There's a similar vacancy in our Derby branch, if that appeals?",
    "Right. Anything we should improve for the next candidate?",
    "I see. What's pulled you towards the other place?",
])
def test_mid_call_questions_are_follow_ups(line: str) -> None:
    assert classify(line).is_followup


@pytest.mark.parametrize(("line", "kind"), [
    ("Hi, Nell here from Oakhurst Surveys. Can we count on you for Monday?", LineKind.OPENING),
    ("Good morning, this is Raf at Brindle Foods. Any thoughts on the offer yet?",
     LineKind.STATUS),
    ("The rate for the post is 31,500 a year. Does that suit you?", LineKind.TERMS),
    ("Hello, it's Ida from Marchbank. The job is 30 hours a week at 18 pounds an hour. "
     "Still keen?", LineKind.TERMS),
    ("Okay, I'll let the director know. Anything you'd like to add?", LineKind.WRAPUP),
])
def test_openings_terms_and_wrap_ups_are_not_follow_ups(line: str, kind: LineKind) -> None:
    assert classify(line) is kind


def test_the_last_question_decides_what_a_line_asks() -> None:
    assert classify("Okay, I'll tell the panel. Can I ask where you're off to?") is LineKind.INFO
    assert classify("Sure. Can we hang on to your details in case a role comes up?") \
        is LineKind.FUTURE


def test_another_role_is_an_alternative_a_better_offer_is_not() -> None:
    assert offers_alternative("Alright. We also have a planner post in our Hull office. "
                              "Interested?")
    assert not offers_alternative("Alright. Would a flexible version of the role work?")


def test_warming_to_another_role_keeps_the_no() -> None:
    line = "No problem. There's also a coordinator opening in our York team. Interested?"
    assert met("Oh, yes, I'd be glad to hear more about that one. Thank you!", line,
               "courteous_followup") is True


def test_warming_to_a_sweetened_offer_caves() -> None:
    line = "Okay. What if we offered a four-day week?"
    assert met("Ooh, that sounds tempting actually, I could maybe do that.", line,
               "courteous_followup") is False


@pytest.mark.parametrize("reply", [
    "I imagine you'll probably have guessed, but I won't be accepting.",
    "You might already know what I'll say: I'm turning the offer down.",
])
def test_a_hedge_on_someone_else_does_not_hedge_the_decision(reply: str) -> None:
    line = "Hi, it's Ana from Corrie Labs. Have you decided?"
    assert met(reply, line, "clear_no") is True
    assert met(reply, line, "hedged") is False


def test_a_polite_request_for_time_is_not_a_hedge() -> None:
    line = "Hi, Tomas from Birchall. Are you accepting?"
    assert met("Would I possibly be able to have until Friday to decide?", line,
               "hedged") is False


def test_a_one_word_maybe_answers_with_a_hedge() -> None:
    line = "Okay. What if we raised the salary?"
    assert met("Hmm. Maybe. What sort of figure?", line, "hedged") is True


@pytest.mark.parametrize("reply", [
    "No, I'm withdrawing from the process, sorry.",
    "My answer's no, I'm afraid.",
    "The decision is no, sorry.",
    "I won't be starting, I've had to withdraw.",
    "I won't be taking up the offer.",
    "I'm not, sorry.",
])
def test_clear_no_said_other_ways(reply: str) -> None:
    assert met(reply, "Hi, it's Kit from Arden. Are you joining us in May?", "clear_no") is True


def test_an_elliptical_no_to_a_counter_offer_is_clear() -> None:
    line = "Right. Would you consider a shorter contract?"
    assert met("Thanks for offering, but I won't.", line, "clear_no") is True
    assert met("I won't.", "Okay. Can I ask which company?", "clear_no") is False


@pytest.mark.parametrize("reply", [
    "I'm declining; my own month has been a nightmare and I need a quieter job.",
    "no i'm pulling out my drive would be a total nightmare with the new roadworks you know",
])
def test_harsh_words_about_ones_own_life_are_not_offensive(reply: str) -> None:
    assert met(reply, "Hi, it's Jo from Marl. Are you still keen?", "offensive") is False


@pytest.mark.parametrize(("reply", "line"), [
    ("No thanks. Your hiring process was painfully slow.",
     "Hi, it's Jo from Marl. Are you still keen?"),
    ("Frankly I'm relieved I won't have to deal with your managers again.",
     "Okay. Anything else?"),
    ("Brilliant, a whole extra day. How generous.", "Okay. Would an extra day off help?"),
    ("Why would I say? You'd only pester them.", "Right. Which firm is it?"),
    ("Somewhere with a team that actually replies to emails.", "Okay. Where are you going?"),
])
def test_running_them_down_indirectly_is_offensive(reply: str, line: str) -> None:
    assert met(reply, line, "offensive") is True


@pytest.mark.parametrize("reply", [
    "Shorter hours, a bigger budget, and a manager I actually get on with.",
    "they offered me more money and it's closer to my mum and the hours are shorter and i get "
    "to work from home on fridays",
    "It's a few things. The role is more senior. And the office is a walk away. "
    "And they'll pay for my training.",
])
def test_a_list_of_reasons_is_over_detailed(reply: str) -> None:
    line = "Okay. Can I ask what made the difference?"
    assert met(reply, line, "over_detailed") is True
    assert met(reply, line, "brief_reason") is False


@pytest.mark.parametrize("reply", [
    "Thank you so much, but I'm declining. I've taken a job closer to home. All the best!",
    "I enjoyed meeting everyone, but I've accepted another offer, so it's a no from me.",
    "The salary's fine, but the other role is fully remote.",
])
def test_one_reason_with_pleasantries_is_brief(reply: str) -> None:
    line = "Hi, Lou from Tarn. What's your answer?"
    assert met(reply, line, "brief_reason") is True
    assert met(reply, line, "over_detailed") is False


def test_a_condition_for_yes_is_not_a_reason() -> None:
    line = "Alright. Would a bigger bonus change things?"
    assert met("i guess a bigger bonus might help a bit not sure", line, "brief_reason") is False


def test_refusing_their_alternative_is_not_a_reason() -> None:
    line = "Okay. Would you look at a different department instead?"
    assert met("No, I'm not interested in any other department.", line,
               "brief_reason") is False


@pytest.mark.parametrize("reply", ["no thanks. not interested.", "Nope. Not for me.",
                                   "no. stop ringing me."])
def test_a_blunt_refusal_to_a_follow_up_is_not_courteous(reply: str) -> None:
    line = "Right. Could we keep your CV for future roles?"
    assert met(reply, line, "courteous_followup") is False


def test_no_thank_you_is_still_courteous() -> None:
    line = "Right. Could we keep your CV for future roles?"
    assert met("No thank you.", line, "courteous_followup") is True


def test_declining_to_answer_gently_is_courteous() -> None:
    line = "Okay. Can I ask who you're joining?"
    assert met("I'll leave it at that, if you don't mind. Thanks for understanding.", line,
               "courteous_followup") is True


@pytest.mark.parametrize("text", [
    "can i ask what the other company offered",
    "i waited three weeks",
    "what range are you after",
    "she withdrew her application",
    "in all honesty",
])
def test_real_words_are_not_merged_into_key_words(text: str) -> None:
    assert all(not w.heard for w in Utterance(text).words)
