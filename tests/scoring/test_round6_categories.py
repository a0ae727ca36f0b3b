"""Round 6 categories, pinned with sentences written for these tests (never taken from a data set).

Each category has positives (what the category says, in new words) and near-miss negatives: a
sincere or neutral sentence that shares words with the category and must stay as it is, since a
coach must never see a sincere reply called badmouthing.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer
from trainer.scoring import context as ctx
from trainer.scoring.utterance import Utterance

SCORER = Scorer()
RULES = Scorer(second_opinion=False)
OPENING = "Hi, it's Dev from Northway Talent. Any thoughts on the offer?"
BETTER = "Is there anything we could have done better?"
FILE = "No problem. Can we keep your details on file?"


def _met(reply: str, label: str, context: str, scorer: Scorer) -> bool | None:
    return scorer.score(reply, context).checks[label].met


def _check(reply: str, label: str, expected: bool, context: str = OPENING) -> None:
    assert _met(reply, label, context, RULES) is expected, reply
    assert _met(reply, label, context, SCORER) is expected, reply


# -- mock surprise that they got in touch at all ----------------------------------------------

@pytest.mark.parametrize("reply", [
    "goodness you're actually ringing me, anyway it's a no from me",
    "Honestly I'd assumed the agency had gone under. I'm not taking it.",
    "i was beginning to think you lot had emigrated, no thanks",
    "Oh, they loved me? They hid it very well. I'm declining.",
    "thanks for keeping me posted all along, oh wait, you didn't. bye",
])
def test_mock_surprise_at_being_contacted_is_offensive(reply: str) -> None:
    _check(reply, "offensive", True)


@pytest.mark.parametrize("reply", [
    "Thanks for actually ringing back so quickly, but I'm declining.",
    "I heard the old branch had shut down, so good to see you growing. Still, it's a no.",
    "Wait, there's one thing: thank you for all your help. I'm declining though.",
])
def test_sincere_contact_remarks_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False)


# -- mock praise for the least they could do ---------------------------------------------------

@pytest.mark.parametrize("reply", [
    "Impressive that somebody finally managed to send a contract. Still no.",
    "sure keep them, if the next vacancy goes as quickly as this one i'll hear by retirement",
    "I'm about as excited as your HR team was to answer my emails. So no.",
    "I'd sooner sit in the dentist's chair for a root canal than do your panel again. No.",
    "After five rounds they've noticed I'm a manager? Cheers, no.",
    "I'm sure it was gruelling for you, those two emails. Still no.",
    "Was that figure counted twice before you sent it? No thanks.",
    "keep my CV for what, another half year of nothing? no ta",
    "Ooh, how brave. I'll pass, thanks.",
])
def test_mock_praise_and_sarcastic_comparisons_are_offensive(reply: str) -> None:
    _check(reply, "offensive", True, FILE)


@pytest.mark.parametrize("reply", [
    "Glad you managed to get the contract over, thank you. I'm going to decline, though.",
    "I'm sure it was hard work getting that approved and I'm grateful, but it's still a no.",
    "I'd rather stay in my current role than relocate, so no thank you.",
    "After two interviews I realised it wasn't the right fit for me, sorry.",
])
def test_sincere_praise_and_preferences_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False, FILE)


# -- they did not do the least: forgot to call back, nobody read the CV -----------------------

@pytest.mark.parametrize("reply", [
    "you forgot to ring me back three times so that's a no",
    "No one on the panel had even looked at my portfolio. I'm withdrawing.",
    "The day was okay apart from the two postponed interviews. I'll decline.",
    "Somebody could've replied to my emails, to start with.",
    "pay your people properly and answer the phone, that would be a start",
])
def test_the_least_they_did_not_do_is_offensive(reply: str) -> None:
    _check(reply, "offensive", True, BETTER)


@pytest.mark.parametrize("reply", [
    "I forgot to send you my references, sorry about that, but I'm declining anyway.",
    "It was all fine, apart from my own nerves. Nothing to improve really.",
    "Honestly, nothing, you were all lovely.",
])
def test_own_slips_and_praise_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False, BETTER)


# -- the way it was handled says all they need to know; a figure fit for a beginner ------------

@pytest.mark.parametrize("reply", [
    "That hard sell told me everything I needed to know, so it's a no.",
    "The way the feedback was handled sort of proves my point. No.",
    "It felt like none of the managers had a clue what they were hiring for. I'm out.",
    "I'd prefer a firm that knows what it wants from the role.",
    "I want a company that's actually organised, so I'm declining.",
    "The contract looks like it was drafted for a school leaver. I'll decline.",
    "Must be a fairly modest band then. Not for me.",
    "Fifty grand for all that responsibility? Really? I'm out.",
    "It pays less than my old paper round did. No thanks.",
    "They'd have to be joking with that figure. You'd have to be joking, honestly. No.",
])
def test_handling_and_beginner_figures_are_offensive(reply: str) -> None:
    _check(reply, "offensive", True)


@pytest.mark.parametrize("reply", [
    "The call told me a lot about the role, thank you, but I've accepted elsewhere.",
    "The graduate scheme looks great for a graduate, it's just not for me at this stage.",
    "Fifty grand for that responsibility is fair, but I've accepted another role.",
    "It's a little less than I earn now, so I'll decline, thank you.",
])
def test_plain_remarks_on_the_terms_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False)


# -- "even worse": the place offered instead runs down the one seen ---------------------------

ALTERNATIVE = "Would you consider the same role at our Derby office?"


def test_even_worse_than_theirs_is_offensive() -> None:
    _check("no thanks, the derby office is meant to be even worse", "offensive", True, ALTERNATIVE)


@pytest.mark.parametrize("reply", [
    "my commute would be even worse, so no thanks",
    "That would be even worse for me with the school run, sorry.",
])
def test_even_worse_for_the_speaker_stays_clean(reply: str) -> None:
    _check(reply, "offensive", False, ALTERNATIVE)


# -- unsure of a fact, or of a detail of the reason, is no hedge on the decision ---------------

@pytest.mark.parametrize("reply", [
    "I'm not sure what my holiday allowance would have been, but either way I'm declining.",
    "i've decided to turn it down, not sure yet what i'll do next but it isn't this",
    "My answer's no. It came in before the deadline, which deadline I'm not quite sure.",
    "i'm going to decline because the shifts move every week and i've got the kids and "
    "i'm not sure i could manage it",
])
def test_unsure_of_a_fact_or_a_reason_is_not_hedged(reply: str) -> None:
    _check(reply, "hedged", False)
    _check(reply, "clear_no", True)


@pytest.mark.parametrize("reply", [
    "Honestly I'm not sure what to do, I might decline.",
    "i'm leaning sort of towards no cos of the hours but i dunno",
    "I'm not sure what I want yet, maybe I'll turn it down.",
])
def test_wavering_over_the_decision_is_still_hedged(reply: str) -> None:
    _check(reply, "hedged", True)


# -- short reasons with no motive word -----------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "sorry no, i can't commit to every sunday",
    "Thanks, but I'm turning it down. I don't want to leave the charity sector.",
    "It's a no, I'm afraid, I've already signed elsewhere.",
    "Thank you, but no: a contract role doesn't suit my plans right now.",
    "No thanks. It isn't the salary, it's more about the kind of work.",
    "Cheers, but no, I wouldn't want to be going backwards.",
    "Thanks, but I'm past that stage in my career now, so I'll decline.",
])
def test_short_reasons_without_a_motive_word_count(reply: str) -> None:
    _check(reply, "brief_reason", True)


def test_a_further_office_is_a_reason() -> None:
    _check("That's kind, but no, Swindon is even further for me.", "brief_reason", True,
           "Would you consider the same role in our Swindon office?")


@pytest.mark.parametrize("reply", [
    "I'd rather not go into it. It's a personal decision, thank you for understanding.",
    "I can do Saturdays now and then, but how many would it be?",
    "I'll decline, and I won't go any further with the process.",
])
def test_no_reason_stays_no_reason(reply: str) -> None:
    _check(reply, "brief_reason", False)


# -- counting the reasons: bare lists, numbered lists, praise that is no reason ---------------

WHY = "Oh, that's a pity. Can I ask why?"
COUNTER6 = "They can add a five thousand pound bonus. Does that change anything?"


@pytest.mark.parametrize("reply", [
    "um honestly its the salary the shifts and the travel",
    "well first the pay second the location and third the fact i'd be covering two teams",
])
def test_three_reasons_listed_bare_or_numbered_run_on(reply: str) -> None:
    _check(reply, "over_detailed", True, WHY)
    _check(reply, "brief_reason", False, WHY)


@pytest.mark.parametrize("reply", [
    "no ta, it's just too long a drive, but you've been brilliant, cheers and all the best",
    "it's the hours the hours were a killer honestly",
    "the second interview went fine, it's the commute really",
    "mostly the commute it's nearly two hours each way",
])
def test_one_reason_with_praise_or_repeats_stays_brief(reply: str) -> None:
    _check(reply, "over_detailed", False, WHY)
    _check(reply, "brief_reason", True, WHY)


# -- the recruiter line: a first statement of terms names features too -------------------------

@pytest.mark.parametrize("line", [
    "We're offering 61k with a hybrid pattern, two days in Leeds. How does that sound?",
    "The salary is 38,000 and it's a four-day week.",
    "It's 52 thousand plus a sign-on bonus of three. Any thoughts?",
    "The package is 70k with full relocation support to Bristol.",
])
def test_a_first_statement_of_terms_is_no_follow_up(line: str) -> None:
    assert not ctx.classify(line).is_followup, line
    assert SCORER.score("Thanks, that sounds fair, but I'll pass.", line).checks[
        "courteous_followup"].met is None


@pytest.mark.parametrize("line", [
    "Could we tempt you with a higher base?",
    "What if they improved the package a little?",
    "The client could add a second remote day. Would that help?",
    "Suppose they matched the other firm's figure, would you come across?",
    "I can offer a four-day week on top of the original package.",
])
def test_a_counter_offer_is_a_follow_up(line: str) -> None:
    assert ctx.classify(line) is ctx.LineKind.CHANGE, line


# -- found on the fresh sets p-t: a willing counter-offer, money that fixes nothing, "until I've
# signed" -------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "They're prepared to add two thousand to the base. Does that change anything for you?",
    "The client is happy to include a parking space. Does this change your view?",
])
def test_a_willing_concession_is_a_follow_up(line: str) -> None:
    assert ctx.classify(line) is ctx.LineKind.CHANGE, line


@pytest.mark.parametrize("reply", [
    "Extra money won't fix a department that lost my paperwork twice. No.",
    "A bonus doesn't change an office where nobody speaks to the new starters, so no thanks.",
])
def test_money_that_fixes_nothing_of_theirs_is_offensive(reply: str) -> None:
    _check(reply, "offensive", True, "We could offer a bigger bonus. Would that help?")


def test_waiting_until_signed_is_no_reason() -> None:
    _check("I'd rather keep the name quiet until I've signed, if that's alright.", "brief_reason",
           False, "Who's the other offer with, if you don't mind me asking?")


# -- "I'll pass, thanks": a no said with thanks, as "no thanks" is (LABELS.md) -----------------

ALT = "We've also got a night-shift version of the role. Any interest?"


@pytest.mark.parametrize("reply", [
    "i'll pass on that one thanks, nights are a no for me",
    "Not for me, ta. I need my sleep.",
    "nah i'll leave it there thanks",
])
def test_a_no_said_with_thanks_is_no_gratitude(reply: str) -> None:
    _check(reply, "thanks", False, ALT)


@pytest.mark.parametrize("reply", [
    "I'll pass, thanks for thinking of me though. Nights don't suit me.",
    "I'll pass on that, but thank you, it's kind of you to offer.",
])
def test_thanks_for_something_after_a_pass_is_still_thanks(reply: str) -> None:
    _check(reply, "thanks", True, ALT)


def test_a_pass_said_with_thanks_is_still_polite() -> None:
    _check("Not for me, thanks, I'm staying with nights off.", "courteous_followup", True, ALT)


# -- "yeah no, it's just the X": the no answers, the why follows; "I'm after a ..." ------------

@pytest.mark.parametrize("reply", [
    "yeah no it's mainly the shifts really",
    "um no i think it's just the drive honestly",
])
def test_a_reason_after_a_no_is_not_negated_by_it(reply: str) -> None:
    _check(reply, "brief_reason", True, WHY)


def test_what_the_speaker_is_after_is_a_reason() -> None:
    _check("That's fair, but I'll pass, I'm after something closer to home.", "brief_reason",
           True)


def test_a_reason_named_to_rule_it_out_stays_ruled_out() -> None:
    _check("No, it isn't the shifts at all, I just want to stay put.", "brief_reason", True, WHY)
    _check("No, not the shifts at all.", "brief_reason", False, WHY)


# -- a no handed over, a no run on, a signature refused -------------------------------------------

KEEN = "They're keen to hear back. Can I tell them yes?"

@pytest.mark.parametrize(("context", "reply"), [
    (KEEN, "just tell them it's a no, I'm staying put"),
    (OPENING, "yeah so its a no um i'm staying where i am"),
    (OPENING, "Thanks, Dev. To be straight with you, I won't be signing."),
])
def test_a_no_handed_over_or_run_on_is_clear(context: str, reply: str) -> None:
    _check(reply, "clear_no", True, context)


@pytest.mark.parametrize(("context", "reply"), [
    (KEEN, "Tell them I need until Friday, please."),
    (OPENING, "I'll be signing it tonight, thank you so much!"),
])
def test_handing_over_other_news_is_no_no(context: str, reply: str) -> None:
    _check(reply, "clear_no", False, context)


# -- found on the fresh sets p-t: dated, echoed praise, what juniors get, what they never did ----

@pytest.mark.parametrize("reply", [
    "A fax number on the contract? That's very 1998 of them. No thanks.",
    "paper payslips how quaint um no",
    "Thrilled, are they? After four reschedules? I'm declining.",
    "My old firm pays more than that to its interns, so no.",
    "I was getting more than that as a trainee. No thank you.",
    "It's a glorified data entry post, honestly. I'll pass.",
    "I might have said yes if anybody had bothered to reply to my emails.",
    "Keep it, and maybe somebody there will actually look at it this time.",
    "The bonus would have been nice six weeks ago. Not now.",
    "You should have opened with that. It's still no.",
    "Paying the advertised rate would be a start. No thanks.",
    "That's a bit nosy, isn't it?",
    "The way the reference checks were done wasn't very professional, so I'm out.",
])
def test_fresh_jibes_are_offensive(reply: str) -> None:
    _check(reply, "offensive", True, COUNTER6)


@pytest.mark.parametrize("reply", [
    "The pay wasn't bad but wasn't great either, and I've signed elsewhere anyway.",
    "It would have been nice to work with you all, honestly. I'm declining with regret.",
    "Thank you, that would be a great start for someone, just not for me.",
    "Thrilled to hear from you! Sadly I've accepted another role.",
])
def test_fresh_sincere_lines_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False, COUNTER6)


# -- found on the fresh sets p-t: signed up, shaken hands, a start elsewhere, not moving --------

@pytest.mark.parametrize("reply", [
    "Thanks, but I've just signed a contract with a charity.",
    "no ta, i'm all signed up with the other agency now",
    "Sorry, I've shaken hands on another job already, so it's a no.",
    "I'm declining, I've started an apprenticeship with an electrician.",
    "Thank you, but no. I start at the council in March.",
    "no thanks, i'm not relocating to aberdeen",
    "no, a night shift's no good for me",
    "No thanks, it's the role itself more than the pay.",
    "I'll pass, I'm not feeling the role, sorry.",
])
def test_fresh_short_reasons_count(reply: str) -> None:
    _check(reply, "brief_reason", True)


@pytest.mark.parametrize("reply", [
    "Not feeling it, sorry. I'm withdrawing.",
    "I'll start at the beginning: thank you for the offer, but no.",
])
def test_fresh_non_reasons_stay_none(reply: str) -> None:
    _check(reply, "brief_reason", False)


# -- the recruiter line: "it's the hours" names no caller; terms in other words ---------------

@pytest.mark.parametrize("line", [
    "If it's the commute, we could do a compressed four-day week. Any good?",
    "We'd be glad to let you start later in the day. Does that help?",
    "They could bring the start forward so you'd get the bonus this year.",
    "We have the same post in our Leeds office, nearer you. Would that suit better?",
    "Would a fourth week of holiday and a laptop allowance make a difference?",
])
def test_counter_offers_in_other_words_are_follow_ups(line: str) -> None:
    assert ctx.classify(line) is ctx.LineKind.CHANGE, line


@pytest.mark.parametrize("line", [
    "The offer is 9 lakh a year plus relocation to Pune. What do you think?",
    "It's 41 thousand, four days a week in the office. Are you happy with that?",
    "We can offer R30,000 a month with medical aid. How does that sit with you?",
    "Hi, it's Nadia from Keel Recruitment. Any news on the offer?",
])
def test_first_statements_and_openings_are_no_follow_up(line: str) -> None:
    assert not ctx.classify(line).is_followup, line


# -- "95k" is ninety-five thousand, not "95 okay" -------------------------------------------------

def test_a_k_after_a_figure_is_thousands() -> None:
    assert "95 k" in Utterance("It's 95k base.").joined
    assert "ninety k" in Utterance("ninety K, hybrid").joined
    assert Utterance("k thanks bye").joined.startswith("okay")
    assert not ctx.classify("So it's 88k base and hybrid. Any thoughts?").is_followup
    counter = "I could push for an extra 2k. Would that be enough?"
    assert ctx.classify(counter) is ctx.LineKind.CHANGE


# -- found on the fresh sets p-t: the no kept, not put forward, not bothered, a hard no ---------

@pytest.mark.parametrize(("context", "reply"), [
    (COUNTER6, "That's good of them, but my answer's still the same."),
    (COUNTER6, "Thanks, but I'll stick with my decision."),
    (COUNTER6, "I won't be changing my mind, sorry."),
    ("There's a similar opening in our Cardiff team. Shall I put you forward?",
     "Thank you, but I'm not going to put myself forward for that one."),
    ("There's a similar opening in our Cardiff team. Any interest?",
     "I won't be considering Cardiff, thanks."),
    (OPENING, "nah i won't bother with it to be honest"),
    (OPENING, "Right, I'm passing, sorry. It's the hours."),
    ("Would the Durban office work for you?", "Durban's a hard no, I'm afraid."),
    ("Shall I send the contract over anyway?", "I'd rather not, thank you."),
    (OPENING, "sorry me haffi pull out, mi get a job nearer home"),
])
def test_fresh_refusals_are_clear(context: str, reply: str) -> None:
    _check(reply, "clear_no", True, context)


@pytest.mark.parametrize(("context", "reply"), [
    (COUNTER6, "My mind's not made up yet, can I have until Monday?"),
    (OPENING, "I'm just passing on what my partner said: we need to think."),
    (OPENING, "I'm considering it seriously, can I call you back Friday?"),
])
def test_fresh_non_refusals_stay_open(context: str, reply: str) -> None:
    _check(reply, "clear_no", False, context)


# -- found on the fresh sets p-t: money that appears once you say no, and other jibes ----------

@pytest.mark.parametrize("reply", [
    "Interesting that a budget turns up the moment I say no. Still no.",
    "Thanks for checking in now that it's all over.",
    "You might want to tell your panel that people can see them checking their phones.",
    "Maybe just stop rescheduling people three times.",
    "Honestly, I'm surprised anybody accepts those hours.",
    "It was a bold figure to offer someone with ten years behind them.",
    "The range in the advert was one they had no intention of paying.",
    "You hadn't even opened my portfolio, had you? No.",
    "Why couldn't they find that money a month ago? No thanks.",
    "Their booking system is a museum, to be fair. I'll pass.",
    "Hopefully the next person gets a better organised process.",
])
def test_fresh_sarcasm_and_reproach_are_offensive(reply: str) -> None:
    _check(reply, "offensive", True, COUNTER6)


@pytest.mark.parametrize("reply", [
    "Thanks, and hopefully the next candidate is a better fit than I was.",
    "I was surprised how quickly it all moved, thank you. I've taken another role, though.",
    "Interesting that you asked, actually: it's the commute. So no.",
])
def test_fresh_sincere_remarks_stay_clean(reply: str) -> None:
    _check(reply, "offensive", False, COUNTER6)


def test_a_jibe_in_another_sentence_leaves_thanks() -> None:
    _check("Thanks. Hopefully the next lot are a bit better organised.", "thanks", True,
           "Okay, I'll let them know. All the best!")
