"""Round 5 categories, pinned with sentences written for these tests (never taken from a data set).

Each category has positives (what the category says, in new words) and near-miss negatives: a
sincere or neutral sentence that shares words with the category and must stay unflagged, since a
coach must never see a sincere reply called badmouthing.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

SCORER = Scorer()
RULES = Scorer(second_opinion=False)
OPENING = "Hello, it's Priya from Harbourline. The client would like to offer you the role."
COUNTER = "They've come back with an extra two thousand on the base. Would that change anything?"
WHY = "That's a shame. Can I ask what's behind the decision?"


def offensive(reply: str, context: str = OPENING, scorer: Scorer = SCORER) -> bool | None:
    return scorer.score(reply, context).checks["offensive"].met


def _check(reply: str, expected: bool, context: str = OPENING) -> None:
    assert offensive(reply, context, RULES) is expected, reply
    assert offensive(reply, context) is expected, reply


# -- mock enthusiasm at a perk or a figure ----------------------------------------------------

@pytest.mark.parametrize("reply", [
    "A fruit bowl on Fridays. How riveting. I'll pass.",
    "Desk phones and a fax machine, how very 2003. No thanks.",
    "Paper timesheets? Very progressive of them. It's a no.",
    "Gosh, tempting. No.",
    "Two thousand. Fascinating. Still no.",
    "Offering that with a straight face takes some doing. I'm declining.",
    "That's quite the vote of confidence, a step down. No thanks.",
    "it's a fine salary i suppose for a school leaver so no",
])
def test_mock_enthusiasm_is_offensive(reply: str) -> None:
    _check(reply, True, COUNTER)


@pytest.mark.parametrize("reply", [
    "Oh, how kind of them, thank you. I'm still going to decline, though.",
    "That's a generous offer and I appreciate it, but my answer is no.",
    "It's a great role for anyone, honestly. I've just taken another one.",
    "Wow, that's a lot more than I expected. I still have to say no, sorry.",
])
def test_sincere_warmth_about_the_offer_stays_clean(reply: str) -> None:
    _check(reply, False, COUNTER)


# -- mock amazement at a small raise ------------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "Crikey, big spender. No thank you.",
    "Hold the front page, an extra grand. I'll still say no.",
    "That'll just about pay for my train fare. No.",
    "Did they find that down the back of the couch? No thanks.",
    "Were they missing a zero? I'll pass.",
    "Will I get a free pen with that as well? No.",
    "A nice title won't pay the mortgage, so no.",
    "That's what graduates earn round here. It's a no.",
    "Honestly that's less than I was making as a trainee. I'll decline.",
    "Three roles glued into one, on a single salary. No thanks.",
    "So the first offer was a warm up? I'm out.",
    "That figure is from the previous decade. No thanks.",
])
def test_mock_amazement_at_a_small_raise_is_offensive(reply: str) -> None:
    _check(reply, True, COUNTER)


@pytest.mark.parametrize("reply", [
    "That would cover my train fare and a bit more, which is kind, but I'm staying put.",
    "I earned a lot less as a trainee, so I know it's fair. I've just chosen another role.",
    "Thanks for asking them. It doesn't change things for me, though; I've signed elsewhere.",
])
def test_plain_answers_to_a_raise_stay_clean(reply: str) -> None:
    _check(reply, False, COUNTER)


# -- jibes at a slow process -------------------------------------------------------------------

@pytest.mark.parametrize("reply", [
    "Oh good, they've finally made a decision. I've moved on, though.",
    "I'd half forgotten I even applied, to be honest. No thanks.",
    "Five weeks of silence and now there's a rush? No.",
    "It only came through after four chasers. I'm not taking it.",
    "i spent three weeks waiting for you to ring so no",
    "How many rounds does one admin job need? I'm withdrawing.",
    "I think I've given you enough unpaid evenings already. No.",
    "A fortnight of nothing, then a deadline of tomorrow. I'll pass.",
    "Please don't leave applicants hanging like that. Bye.",
    "Bit late for generosity now, isn't it. No.",
])
def test_slow_process_jibes_are_offensive(reply: str) -> None:
    _check(reply, True, OPENING)


@pytest.mark.parametrize("reply", [
    "I've finally made my decision, and it's a no. Thank you for your patience.",
    "Sorry it took me three weeks to get back to you. I'm declining.",
    "How many rounds are usual at the client? Just curious, but I'm withdrawing anyway.",
    "It's a bit late for me to move this year, so I'll say no, thanks.",
])
def test_plain_remarks_about_time_stay_clean(reply: str) -> None:
    _check(reply, False, OPENING)


# -- mishandled: lost CVs, cancellations, misspelt names, nobody replying ------------------------

@pytest.mark.parametrize("reply", [
    "The same firm that misplaced my CV twice? No.",
    "They cancelled on me three times, so no thank you.",
    "My name was spelt wrong on the contract. I'll pass.",
    "I'm stunned anyone remembered to ring me. No thanks.",
    "Nobody returned my calls for three weeks. I'm out.",
    "The manager couldn't explain what the job actually was. No.",
    "Not one of them replied to a single email in a month. I'm withdrawing.",
    "It took them a month to arrange a phone screen. I'll decline.",
    "The salary's below what was advertised, so I'm saying no.",
])
def test_mishandled_process_is_offensive(reply: str) -> None:
    _check(reply, True, OPENING)


@pytest.mark.parametrize("reply", [
    "I lost track of the dates myself, sorry. I'm declining anyway.",
    "I had to cancel on my current boss twice this month, so the timing's bad. No thanks.",
    "I've signed elsewhere and I don't want to go back on my word. Thanks for everything.",
    "I couldn't explain it to my family in a way that worked, so it's a no.",
])
def test_own_mishaps_and_promises_stay_clean(reply: str) -> None:
    _check(reply, False, OPENING)


# -- the people in the room: phones, boredom, the sound of their own voice ---------------------

@pytest.mark.parametrize("reply", [
    "The lead kept scrolling through his phone while I spoke. No thanks.",
    "Two of them looked visibly bored the entire time. I'm out.",
    "The director clearly loves the sound of his own voice. I'll pass.",
    "I've heard how that firm treats its temps. No.",
    "Honestly, the coffee was the highlight of the visit. No thanks.",
    "Lucky escape, I reckon. Bye.",
    "Changing the office won't fix their management. No.",
    "The team, to put it politely, was not ready for me. I'm declining.",
])
def test_slights_about_the_people_are_offensive(reply: str) -> None:
    _check(reply, True, WHY)


@pytest.mark.parametrize("reply", [
    "I was bored in my last job, which is why I'm staying where I'm learning. Sorry.",
    "The best part of the whole day was meeting the team, honestly. I've just taken another offer.",
    "My phone died mid-call earlier, sorry. Anyway, it's a no from me.",
])
def test_neutral_remarks_about_the_day_stay_clean(reply: str) -> None:
    _check(reply, False, WHY)


# -- unfavourable comparisons with the other employer ------------------------------------------

@pytest.mark.parametrize("reply", [
    "The other agency actually answered my emails.",
    "They actually ring back when they say they will.",
    "Somewhere that doesn't lose my paperwork.",
    "A team that doesn't need five managers to sign off a day's leave.",
    "They were far more professional, to be honest.",
    "Better organised than this one, put it that way.",
    "A completely different employer, frankly.",
    "I hope whoever gets stuck with that salary likes it.",
    "Funny how the extra money suddenly appears now.",
    "Leeds? God, no.",
    "Top candidate, was I? Could've fooled me.",
])
def test_unfavourable_comparisons_are_offensive(reply: str) -> None:
    _check(reply, True, WHY)


@pytest.mark.parametrize("reply", [
    "The other company offered a shorter commute, that's all.",
    "They're a smaller team, which suits me better right now.",
    "Somewhere that doesn't need me to drive every day.",
    "A different company, closer to my kids' school.",
])
def test_plain_accounts_of_the_other_job_stay_clean(reply: str) -> None:
    _check(reply, False, WHY)


# -- short reasons with no motive word --------------------------------------------------------

def brief_reason(reply: str, context: str = OPENING) -> bool | None:
    assert RULES.score(reply, context).checks["brief_reason"].met == (
        SCORER.score(reply, context).checks["brief_reason"].met), reply
    return RULES.score(reply, context).checks["brief_reason"].met


@pytest.mark.parametrize("reply", [
    # a new path: study, an old employer, a change of career, somewhere else
    "Thanks, but I'm declining. I'm heading back into social work.",
    "no sorry ive gone back to my previous employer",
    "I'll pass, thank you. I've been accepted onto a nursing degree.",
    "It's a no from me; I'm switching careers.",
    "I won't be taking it, I'm going freelance in the new year.",
    "I'm turning it down. I've taken a post at the hospital.",
    # content where one is
    "No thank you, I'm much happier where I am.",
    "I'll say no, I'm settled where I've landed.",
    # not one's area
    "I'll pass. Payroll isn't really my field.",
    "no thanks logistics isnt my thing",
    "I'm declining. I'm only looking at hybrid roles right now.",
    # what the body or the diary can take
    "I'm declining, my shoulders can't take the heavy lifting any more.",
    "I'll have to say no, I just don't have the headspace this year.",
    "I won't be accepting, I'm tied up with a contract until the spring.",
])
def test_short_reasons_without_motive_words_count(reply: str) -> None:
    assert brief_reason(reply) is True


@pytest.mark.parametrize("reply", [
    "Yes please, I'd love to. I'm happy where this has landed.",
    "I'm heading back into a meeting, could I ring you this afternoon?",
    "I'll take it! Admin is really my thing.",
    "Sorry, can I call you back? I don't have the time to talk right now.",
])
def test_no_reason_for_declining_stays_unflagged(reply: str) -> None:
    assert brief_reason(reply) is not True


# -- recruiter lines that ask for the decision itself: no follow-up to judge ------------------

@pytest.mark.parametrize("line", [
    "So, is it a yes?",
    "Right then, thumbs up?",
    "The director's signed off. Can I let the team know you're on board?",
    "Everything's agreed. Should I email over the contract?",
    "The offer came through this morning. Shall I talk you through the package?",
    "Brilliant interview. When could you start?",
    "Did our offer do the trick, then?",
    "Can I take it you're happy to go ahead?",
    "They'd like to finalise by Friday. Is that doable?",
])
def test_asking_for_the_decision_is_not_a_follow_up(line: str) -> None:
    reply = "Thanks, but I'm going to say no. I've accepted another role."
    assert SCORER.score(reply, line).checks["courteous_followup"].met is None, line


@pytest.mark.parametrize("line", [
    "If they made it fully remote, could we make this happen?",
    "Would you consider the Bristol team instead? When could you start there?",
    "Is there anything at all that would change your mind?",
])
def test_real_follow_ups_are_still_judged(line: str) -> None:
    reply = "That's kind of you, but no, thank you. I've accepted another role."
    assert SCORER.score(reply, line).checks["courteous_followup"].met is True, line


@pytest.mark.parametrize("line", [
    "We could throw in an extra week of leave.",
    "They'd waive the relocation clawback, if that's what's putting you off.",
    "Go on, name your price.",
    "The Dundee branch is recruiting too, if you fancy a change.",
    "If they upped the title to lead, would that interest you?",
    "There's a weekend version of the role with a shift premium. Any good?",
])
def test_concessions_in_other_words_are_follow_ups(line: str) -> None:
    polite = "That's kind of you, but no, thank you. I've accepted another role."
    assert SCORER.score(polite, line).checks["courteous_followup"].met is True, line
    assert SCORER.score("no", line).checks["courteous_followup"].met is False, line


# -- reopening the decision by bargaining over or asking about the new terms ---------------------

@pytest.mark.parametrize("reply", [
    "hmm a four day week, could we chat about that maybe",
    "Now that's genuinely interesting. Would the bonus be on top of the base?",
    "Right. How soon would that kick in?",
    "Make it seventy and then we're talking.",
    "What was the client thinking of for the title?",
    "Honestly I'm a bit torn now.",
    "i'd have to see really",
])
def test_reopening_over_new_terms_is_not_courteous(reply: str) -> None:
    assert SCORER.score(reply, COUNTER).checks["courteous_followup"].met is False, reply


@pytest.mark.parametrize("reply", [
    "That's interesting to hear, but no, thank you. I've committed elsewhere.",
    "It's kind of them, thank you, but my answer's still no.",
    "Thanks for going back to them. I'm afraid it's still a no; the commute is the issue.",
])
def test_a_polite_no_to_new_terms_stays_courteous(reply: str) -> None:
    assert SCORER.score(reply, COUNTER).checks["courteous_followup"].met is True, reply


# -- the no restated after a follow-up, landed on, or handed over ------------------------------

def clear_no(reply: str, context: str) -> bool | None:
    return SCORER.score(reply, context).checks["clear_no"].met


@pytest.mark.parametrize("reply", [
    "I've already said no, and I meant it.",
    "Thank you, but I'm sticking with my answer.",
    "That's good of them, but it won't change my decision.",
    "I'm sorry, it wouldn't. Thanks for trying, though.",
    "Honestly, it won't, I'm afraid.",
    "I'm settled on my decision, thanks.",
])
def test_a_no_kept_after_a_counter_offer_is_clear(reply: str) -> None:
    assert clear_no(reply, COUNTER) is True, reply


@pytest.mark.parametrize("reply", [
    "You won't be getting a yes, I'm afraid. I've signed elsewhere.",
    "you can tell them no thanks i'm staying put",
    "After a long think I've landed on no, sorry.",
    "by tuesday sure its no ive accepted elsewhere",
    "no that won't work for me the hours are too long",
    "I'd like to stop the process here, please.",
])
def test_the_no_handed_over_in_other_words_is_clear(reply: str) -> None:
    assert clear_no(reply, OPENING) is True, reply


@pytest.mark.parametrize("reply, context", [
    ("I said no to the other firm, so yes, I'd love to accept!", OPENING),
    ("It wouldn't hurt to hear a bit more, actually.", COUNTER),
    ("I've landed on my feet elsewhere, but let me think about this one.", OPENING),
    ("You can tell them I'm thrilled. Yes!", OPENING),
    ("Its a nice offer, can I have till Friday to decide?", OPENING),
])
def test_near_misses_are_not_a_clear_no(reply: str, context: str) -> None:
    assert clear_no(reply, context) is False, reply


# -- sincere replies that share words with the round-5 jibes: never badmouthing ---------------

@pytest.mark.parametrize("reply", [
    "Unlike last time, I've made my mind up quickly: it's a no, thank you.",
    "They actually called me first, so I said yes to them.",
    "The other company actually pays for training, which I need.",
    "Wow, so exciting! Thank you so much, but I've accepted another role.",
    "That's very flexible of you, thank you, but no.",
    "I lost my application password, sorry. Anyway, I'm declining.",
    "Nobody could tell me anything about my visa, so I'll have to decline.",
    "The coffee was the highlight of my morning commute. Anyway, no thanks.",
    "I had a lucky escape from a car accident last week, so I'm taking time off. No thanks.",
    "God, no, I'm not offended at all! I'm declining for family reasons.",
    "My manager cancelled on me twice this week so I'm exhausted. No thanks.",
    "They were more professional about remote work. I've accepted there.",
    "I'm amazed anyone called back so quickly! Thank you, but no.",
    "Shame the timing didn't work out. I'll decline.",
    "Funny how things work out: I got promoted yesterday. So no, thanks.",
    "I've been waiting three weeks for my visa, so I can't take it.",
])
def test_sincere_neighbours_of_the_jibes_stay_clean(reply: str) -> None:
    _check(reply, False, OPENING)


# -- a no that is only looking likely is hedged, and so not yet a clear no --------------------

@pytest.mark.parametrize("reply", [
    "Thanks, Amir. It's looking like a no, I'm afraid.",
    "honestly it might be a no sorry the hours are long",
    "I don't think this will work for me, sorry, the pay is lower than now.",
    "It's shaping up like a no from me.",
])
def test_a_likely_no_is_hedged(reply: str) -> None:
    result = SCORER.score(reply, OPENING)
    assert result.checks["hedged"].met is True, reply
    assert result.checks["clear_no"].met is False, reply


@pytest.mark.parametrize("reply", [
    "It's a no from me, I'm afraid. Thank you, though.",
    "The interview looked like a long day, but it's a definite no, sorry.",
    "I don't think I've ever been so well looked after. It's still a no, thank you.",
])
def test_a_plain_no_near_those_words_is_not_hedged(reply: str) -> None:
    result = SCORER.score(reply, OPENING)
    assert result.checks["hedged"].met is False, reply
    assert result.checks["clear_no"].met is True, reply
