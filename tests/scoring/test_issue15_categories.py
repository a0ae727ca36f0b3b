"""Issue 15: detectors that read meaning, not words.

Each example of the issue is pinned, and next to it new sentences of the same
category (written for these tests, not taken from any evaluation set), so a fix
that only memorises the issue's wording fails.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OPENING = "Hi, it's Dana from Acme. Have you had a chance to think about our offer?"
WHY = "I'm sorry to hear that. Can I ask why?"
CHANGE = "Is there anything that would change your mind? We could look at the salary."
RAISE = "We can raise the offer by two percent, would that help?"
FINALLY = "Hi, sorry for the delay, we're finally ready to make you an offer."


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def met(scorer: Scorer, reply: str, context: str, item: str) -> bool | None:
    return scorer.score(reply, context).checks[item].met


# -- courtesy needs an answer, said politely ------------------------------------------

@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "Oh, I'm sure the whole team will be devastated."),          # issue
    (WHY, "I was never sure about this company anyway."),              # issue
    (CHANGE, "Are you even listening? I said no."),                    # issue
    (WHY, "Oh sure, because your process was such a joy."),
    (WHY, "I'm sure you'll all be heartbroken, but no."),
    (CHANGE, "I'd appreciate it if you actually listened the first time. No."),
    (CHANGE, "Did you not hear me? It's a no."),
    (CHANGE, "How many times do I have to say it, no."),
    (WHY, "Never really trusted your management, to be honest."),
    (WHY, "money obviously"),
])
def test_a_jab_or_sarcasm_is_not_courteous(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "courteous_followup") is False


@pytest.mark.parametrize(("context", "reply"), [
    (CHANGE, "That's very kind, but my decision is final, thank you."),
    (WHY, "Sure, it's mainly the commute."),
    (WHY, "Of course. It's the hours, mostly."),
    (WHY, "Location, really."),
    ("Can I keep your CV on file?", "Sure, that would be great, thanks."),
    ("Can I keep your CV on file?", "sure that's fine"),
])
def test_a_polite_answer_is_courteous(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "courteous_followup") is True


# -- hedging is about the speaker's own decision ----------------------------------------

@pytest.mark.parametrize("reply", [
    "I know someone who might be interested, I'll pass it on.",        # issue
    "I won't be taking it, but my friend might be interested, shall I pass your number on?",
    "No thank you. You'll probably find someone great though.",
    "I'm declining, sorry. A colleague of mine who may be keen could give you a ring.",
])
def test_someone_elses_maybe_is_not_a_hedge(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "hedged") is False


@pytest.mark.parametrize("reply", [
    "Sorry, sorry, I'm so sorry, I feel terrible, I'm really sorry but I can't.",  # issue
    "I'm sorry, I'm so sorry, really sorry, I just can't take it, sorry.",
    "oh gosh sorry sorry im so sorry i feel awful but i wont be taking it",
])
def test_a_decision_buried_in_apologies_is_hedged(scorer: Scorer, reply: str) -> None:
    # LABELS.md: buried in apologies is hedging; the words of the no may still be clear
    assert met(scorer, reply, OPENING, "hedged") is True


def test_one_polite_sorry_is_not_hedging(scorer: Scorer) -> None:
    result = scorer.score("I'm sorry, but I won't be accepting the offer.", OPENING)
    assert result.checks["hedged"].met is False and result.checks["clear_no"].met is True


def test_a_no_trailing_off_into_but_is_hedged(scorer: Scorer) -> None:
    reply = "Hmm, what sort of figure? I did say no, but..."
    assert met(scorer, reply, CHANGE, "hedged") is True


# -- sarcasm and mock praise are offensive; sarcastic thanks is not thanks ---------------

@pytest.mark.parametrize(("context", "reply"), [
    (OPENING, "Oh great, another lowball offer. Thanks SO much, really."),  # issue
    (OPENING, "Wow, thanks a bunch for that generous offer. Not."),
    (OPENING, "Oh wonderful, yet another call. Thanks ever so much."),
])
def test_sarcastic_thanks_is_offensive_and_no_thanks(scorer: Scorer, context: str,
                                                     reply: str) -> None:
    result = scorer.score(reply, context)
    assert result.checks["offensive"].met is True
    assert result.checks["thanks"].met is False


@pytest.mark.parametrize(("context", "reply"), [
    (RAISE, "Wow, a whole two percent. How will I ever spend it."),          # small raise
    (RAISE, "Gosh, an extra thousand, be still my beating heart. No."),
    (OPENING, "Forty thousand, what a generous sum. No thanks."),           # low offer
    (OPENING, "That's adorable. No."),
    (FINALLY, "Only took you four months. I've taken another job."),        # slow process
    (FINALLY, "Nice of you to finally call back. I'm not interested."),
    (FINALLY, "What took you so long? I've moved on, sorry."),
    (FINALLY, "Right. Well, no. Four months to hear back after the final round? I've moved on."),
    (WHY, "eight rounds of interviews for a graduate job put me off a bit"),
    (WHY, "Oh, I'm sure the whole team will be devastated."),
])
def test_mock_praise_and_jibes_are_offensive(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "offensive") is True


@pytest.mark.parametrize("reply", [
    "Wow, thank you so much, that's really generous, but I have to decline.",
    "Oh great, thank you for calling! I'm afraid I'll have to decline though.",
    "I'm sure you'll find someone brilliant. Thank you, but I'm declining.",
    "I was never sure the role matched my goals, so I'm declining, thank you.",
])
def test_genuine_warmth_stays_thanks_and_inoffensive(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, OPENING)
    assert result.checks["offensive"].met is False
    assert result.checks["thanks"].met is True


# -- short reasons in answer to "why?" --------------------------------------------------

@pytest.mark.parametrize("reply", [
    "the hours, mostly",                                                # issue
    "honestly the long hours kind of put me off",
    "the pay, really", "Mostly the commute.", "family stuff, mainly", "Location, honestly.",
    "just the distance", "Timing, mainly.", "the night shifts", "my kids, basically",
    "Salary mostly.", "the weekend work",
])
def test_a_short_reason_answers_why(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WHY)
    assert result.checks["brief_reason"].met is True
    assert result.checks["over_detailed"].met is False


# -- colloquial and regional refusals ---------------------------------------------------

@pytest.mark.parametrize("reply", [
    "I'll sit this one out",                                            # issue
    "not for me, cheers",                                               # issue
    "Ah no, I'll give it a miss, cheers.",                              # British
    "I'm gonna pass on this one, thanks though.",                       # American
    "I'll not be taking it, thanks all the same.",                      # Irish / Northern
    "Och, I'll no be taking it, sorry.",                                # Scottish
    "I cannae take it, sorry, I'm staying put.",
    "I'm going to knock it back, sorry mate.",                          # Australian
    "Yeah nah, it's not gonna happen, sorry.",
    "Hard pass from me, I'm afraid.",
    "Thanks but I'll give it a swerve.",
    "I'm gonna hafta say no to this one.",
    "I won't be going for it, thanks.",
    "nah you're alright mate, i'll leave it",
    "i won't bother with it thanks",
    "no can do im afraid",
    "am no takin it pal sorry",                                         # Glaswegian
])
def test_colloquial_and_regional_refusals_are_clear(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "clear_no") is True


# -- refusals as a recogniser mishears them ---------------------------------------------

@pytest.mark.parametrize("reply", [
    "thank you but i have to declien the offer",       # swapped letters
    "thank you but i have to delcine the offer",
    "i'm afriad i have to decline",
    "im going to decine the position",                 # dropped letter
    "i cant acept the offer sorry",
    "i wont be acceptin the offer",                    # dropped g
    "i'm gonna dekline",                               # same sound, other letter
    "thanks but iwont be accepting it",                # run together
    "ihave to decline sorry",
    "i'm notinterested thank you",
    "i have to turndown the offer",
    "i wil not be accepting thanks",
    "i have to the climb the offer",                   # split by sound
])
def test_misheard_refusals_are_clear(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, OPENING)
    assert result.checks["clear_no"].met is True
    assert result.checks["hedged"].met is False


def test_a_repaired_word_is_shown_as_heard(scorer: Scorer) -> None:
    result = scorer.score("thanks but iwont be accepting it", OPENING).checks["clear_no"]
    assert '"iwont"' in result.why
    assert all(ev.text in "thanks but iwont be accepting it" for ev in result.evidence)


@pytest.mark.parametrize("reply", [
    "I'll have to think about it, honestly",   # real words that look run together stay put
    "the notable thing is the salary into next year",
    "I fell ill last week, could we talk on Monday?",
])
def test_real_words_are_not_repaired_into_a_refusal(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "clear_no") is False


# -- evidence spans are whole phrases ---------------------------------------------------

def test_reason_evidence_is_the_whole_clause(scorer: Scorer) -> None:
    reply = ("Thank you, but I'm declining. The base is lower than I need, and the role fits "
             "my goals less.")
    evidence = [ev.text for ev in scorer.score(reply, OPENING).checks["brief_reason"].evidence]
    assert evidence == ["The base is lower than I need", "the role fits my goals less"]


def test_offence_and_hedge_evidence_are_phrases(scorer: Scorer) -> None:
    reply = "Honestly the salary was frankly cheap and the office felt a bit chaotic."
    offence = scorer.score(reply, WHY).checks["offensive"].evidence
    assert [ev.text for ev in offence] == ["the salary was frankly cheap",
                                           "the office felt a bit chaotic"]
    reply = "um i think i'll probably have to decline sorry, my commute would be too long"
    hedge = scorer.score(reply, OPENING).checks["hedged"].evidence
    assert len(hedge) == 1 and "probably have to decline" in hedge[0].text
    for ev in (*offence, *hedge):
        assert len(ev.text.split()) >= 3


# -- disparagement however mild (LABELS.md), said in passing -----------------------------

@pytest.mark.parametrize("reply", [
    "i just didnt get a great feeling from the team",
    "the manager seemed a bit full of himself",
    "your process took way too long and nobody got back to me",
    "it felt like a bit of a boys club if im honest",
    "the role was oversold in the interview",
    "the feedback was vague and kind of useless",
])
def test_mild_disparagement_is_offensive(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WHY)
    assert result.checks["offensive"].met is True
    assert result.checks["courteous_followup"].met is False


@pytest.mark.parametrize("reply", [
    "the commute takes too long, that's all",
    "i feel terrible about it but it's the money",
    "the team were lovely it's just the location",
    "it's nothing wrong with you guys, i just found something closer",
])
def test_the_speakers_own_situation_is_not_offensive(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WHY)
    assert result.checks["offensive"].met is False
    assert result.checks["brief_reason"].met is True


# -- one reason said at some length is still one reason ----------------------------------

@pytest.mark.parametrize("reply", [
    "It's mainly the salary. It'd be a pay cut of about ten percent for me.",
    "the manager was dismissive and rude, so no",
    "Thank you for the offer, and for showing me round the site. I've found a job nearer home.",
])
def test_an_elaborated_reason_is_brief(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WHY)
    assert result.checks["brief_reason"].met is True
    assert result.checks["over_detailed"].met is False


@pytest.mark.parametrize("reply", [
    "well the salary is lower than what im on now and the commute is over an hour each way and "
    "the hours are longer and i'd lose my flexible fridays",
    "so basically my partner just got a job up north and we're moving in march and my mum's not "
    "well so i want to be near her and also the kids are starting a new school",
])
def test_a_list_of_reasons_is_over_detailed(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WHY)
    assert result.checks["over_detailed"].met is True
    assert result.checks["brief_reason"].met is False


def test_asking_for_time_while_undecided_is_not_hedging(scorer: Scorer) -> None:
    reply = "I haven't made up my mind yet, to be fair. Could I have till Monday to think it over?"
    assert met(scorer, reply, OPENING, "hedged") is False
    assert met(scorer, "I haven't decided, I might decline.", OPENING, "hedged") is True


def test_turning_down_another_office_gives_a_reason(scorer: Scorer) -> None:
    context = "Understood. Could we keep you in mind for the Dublin office?"
    reply = "That's kind, but no, I'd rather not relocate, I'm settled here. Thanks though."
    assert met(scorer, reply, context, "brief_reason") is True


def test_a_question_back_does_not_answer_why(scorer: Scorer) -> None:
    result = scorer.score("Anyway, how's your week been going so far?", WHY)
    assert result.checks["courteous_followup"].met is False
    assert result.checks["brief_reason"].met is False
    assert "does not answer" in result.checks["courteous_followup"].why


@pytest.mark.parametrize("reply", [
    "um so i i i wont be um accepting it sorry",
    "i'm gonna i'm going to de- decline",
    "sorry i'm i'm gonna have to to turn it down",
])
def test_false_starts_do_not_hide_a_refusal(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "clear_no") is True


@pytest.mark.parametrize(("reply", "offensive"), [
    ("i'm disappointed to say it but i have to decline, the timing is terrible for me", False),
    ("no offence to anyone but i've decided to stay where i am", False),
    ("Thanks. Honestly, the other firm is just a nicer place than yours, no offence.", True),
])
def test_a_disclaimer_or_ones_own_bad_timing_runs_nothing_down(
        scorer: Scorer, reply: str, offensive: bool) -> None:
    assert met(scorer, reply, OPENING, "offensive") is offensive
