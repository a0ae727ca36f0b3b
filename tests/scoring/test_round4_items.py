"""Round 4 of issue 15: the five checklist items on spoken and regional replies.

Each category has new sentences written for these tests (none taken from an evaluation
set) and near misses that must stay false, so a fix that memorises wording fails.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OPENING = "Hi, it's Priya from Northbeam. They'd like to offer you the analyst role."
INVITE = "Hello, they'd like you in for a second interview next Wednesday."
WHY = "That's a shame. Do you mind me saying what changed your mind?"
WHERE = "Fair enough. Where are you off to, if you can say?"
CHANGE = "What if they added another two thousand to the base?"
WRAPUP = "Okay, I'll update the file. Anything else from you?"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def met(scorer: Scorer, reply: str, context: str, item: str) -> bool | None:
    return scorer.score(reply, context).checks[item].met


# -- closes: thanks as the last words, passing regards on, regional goodbyes ------------

@pytest.mark.parametrize(("context", "reply"), [
    (OPENING, "so i'm going to decline it i'm afraid thanks ever so much for all your help though"),
    (WHY, "It was the shifts, mainly. I'm grateful for all your help, honestly."),
    (OPENING, "I won't be going ahead. Do give my warmest regards to the panel."),
    (OPENING, "I must decline, I'm afraid. Kindly extend my appreciation to Mrs Okafor."),
    (CHANGE, "That's generous, but no. Please thank the hiring manager for me."),
    (INVITE, "ah thanks pet but i'll not be coming in. mind yourself now"),
    (INVITE, "No, I'm withdrawing, I've got a job already. Stay blessed."),
    (INVITE, "Lovely, Tuesday suits me fine. Thanks so much, bye now!"),
])
def test_warm_endings_close(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "graceful_close") is True


@pytest.mark.parametrize(("context", "reply"), [
    # thanks for their help as an opening, not an ending
    (OPENING, "thanks for all your help on this but i've decided to withdraw from the process"),
    (OPENING, "Thank you for your understanding so far. I'm declining because of the pay."),
    # thanks for understanding answers the question; it is not "thanks again", a wish or a
    # goodbye (LABELS.md), and annotators of eight later sets agree (22 of 24 such endings)
    (OPENING, "I've taken a post nearer home so I'm stepping back. Thanks for understanding."),
    (WHERE, "I'd keep that quiet for now if that's okay. Thank you for being so understanding."),
    # thanks for other things at the end, and curt endings
    (WRAPUP, "no that's it bye"),
    (WRAPUP, "yeah cheers for nothing bye"),
    (OPENING, "I'm turning it down, the salary was a joke. Bye."),
    # gratitude for one's own luck is no warm ending
    (WRAPUP, "nope, just glad it's over really, bye"),
])
def test_non_endings_do_not_close(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "graceful_close") is False


# -- thanks: appreciation of the recruiter, misheard thanks; refusals and promises -------

@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "You've been brilliant throughout, it's nothing you did. It's the drive, mainly."),
    (OPENING, "honestly you've all been so kind but i'm going to say no"),
    (WHY, "Oh, you were all lovely. I just want something closer to my mum."),
    (WRAPUP, "No, that's it. It's been a pleasure dealing with you."),
    (CHANGE, "You've been a real help, but my answer's still no."),
    (OPENING, "than you so much for ringing but i'm withdrawing"),             # misheard
    (INVITE, "oh than you for letting me know i'll be there"),
])
def test_appreciation_and_misheard_thanks_count(scorer: Scorer, context: str, reply: str
                                                ) -> None:
    assert met(scorer, reply, context, "thanks") is True


@pytest.mark.parametrize(("context", "reply"), [
    # a comparison, not a mishearing
    (WHY, "They pay more than you for the same hours."),
    # "no thanks" said at more length answers an offer; it thanks nobody
    ("Should I keep your details for the future?", "No, that's okay, thanks."),
    ("Can I pass your name to our Leeds office?", "I'd rather you didn't, thanks."),
    ("Shall I call you if something else opens up?", "I'd rather not, thank you."),
    # a thank-you to come, gratitude for one's own luck, sarcasm
    (OPENING, "I'll have to write you a proper thank-you one day, but I'm declining."),
    (WRAPUP, "nope, just grateful everything's settled now"),
    (WRAPUP, "yeah thanks for all the effort getting me precisely nowhere"),
    # "you've been" without praise
    (WHY, "You've been calling me for weeks about this."),
])
def test_look_alikes_are_not_thanks(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "thanks") is False


@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "You've been lovely, honestly. It's just the commute."),
    (WHY, "Oh, you were all great. It came down to the money."),
])
def test_praise_alone_is_no_warm_ending(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "graceful_close") is False


# -- courtesy: which lines ask for it, and what makes an answer polite or curt ----------

@pytest.mark.parametrize("line", [
    "Right, I'll tell them. Anything you'd like me to pass along?",
    "No problem. Anything I should tell the panel?",
    "Okay. Well, if you ever reconsider, you know where to find me.",
    "Sure, I'll note that down. Anything else at all?",
])
def test_wrapup_lines_judge_no_followup(scorer: Scorer, line: str) -> None:
    assert met(scorer, "No, that's everything, thank you.", line, "courteous_followup") is None


@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "I'd sooner keep that tae myself, if ye don't mind."),
    (WHY, "Och, I'll keep the details to meself, if that's alright. Nothing personal."),
    ("Shall we keep your CV on file?",
     "That's very kind of you, but I'm happy to leave it there. All the best."),
])
def test_polite_refusals_to_answer_are_courteous(scorer: Scorer, context: str, reply: str
                                                ) -> None:
    assert met(scorer, reply, context, "courteous_followup") is True


@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "the salary, next question"),
    (WHY, "rather not say, is that everything?"),
    (WHERE, "a bank. are we done?"),
    ("Shall we keep your CV on file?", "No. Leave it there."),
])
def test_clipped_answers_that_hurry_them_off_are_curt(scorer: Scorer, context: str, reply: str
                                                     ) -> None:
    assert met(scorer, reply, context, "courteous_followup") is False


# -- clear no: kept after a counter-offer, idioms, the no as the last word, split verbs --

@pytest.mark.parametrize(("context", "reply"), [
    (CHANGE, "Appreciate the effort, but it's still a no from me."),
    (CHANGE, "That's decent of them. My answer stays no, though."),
    (CHANGE, "two grand more wow big spender still no"),
    (OPENING, "i'm going to knock this on the head to be honest, i've found something"),
    ("We've a similar role in the Luton office?", "luton? good lord no"),
    (CHANGE, "nah look it's just not happening sorry"),
    (CHANGE, "Tell your client they can whistle for it."),
    ("Is there anything at all that might change your mind?",
     "Nothing really, I'm sorry. It's just not the right move for me."),
    (OPENING, "another round of interviews after six already no"),                # last word
    (CHANGE, "a pay cut to go permanent are you serious pass"),
    (OPENING, "so after a lot of thought i'll be with drawing from the process"),  # split
    (OPENING, "thanks but i'll be de clining the offer"),
])
def test_more_ways_of_saying_no_are_clear(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "clear_no") is True


@pytest.mark.parametrize(("context", "reply"), [
    (OPENING, "I keep going back and forth, I'm leaning towards no"),          # hedged
    (OPENING, "I'm honestly not sure whether to say yes or no"),
    (OPENING, "I've still no idea, can I let you know on Friday?"),             # "still no idea"
    (OPENING, "I'll let you know by Monday, I think that's best, yes"),
    (OPENING, "I've had no word from my current boss yet so could we talk on Monday"),
    ("We'd like to add you to our mailing list for future openings. Would that be okay?",
     "No. Please don't."),                                                      # future contact
    (OPENING, "it will be a climb but i'm excited to start"),                   # no split verb
])
def test_near_misses_are_not_a_clear_no(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "clear_no") is False


# -- brief reasons: started elsewhere (regional), a step back, not enough, misheard -------

@pytest.mark.parametrize(("context", "reply"), [
    (INVITE, "Thank you sir, but I have already resumed at another firm, so I will not continue."),
    (OPENING, "Ah, I've got a start with a joinery near the house, so I'll no be taking it."),
    (OPENING, "It's a nice team but not really a place I could grow, so I'm declining."),
    ("We've a more junior opening too, would that interest you?",
     "That'd be a step backwards for me, so I'll pass, thanks."),
    ("We've a more junior opening too, would that interest you?",
     "Thanks, but I'm not going backwards in my career, I'll say no."),
    ("The base is 31k.", "thirty one's not enough for me so i'll say no thanks"),
    ("Would the Derby site suit you better?", "Derby's no better for me, so I'll decline."),
    (OPENING, "i'm going to say no the salary just isn't where it needs to be"),   # run on
    (INVITE, "thanks but i've already exepted another job so i'll pass"),        # misheard
    (INVITE, "so sorry i've just excepted a role nearer home so i'm withdrawing"),
])
def test_more_brief_reasons_are_found(scorer: Scorer, context: str, reply: str) -> None:
    result = scorer.score(reply, context)
    assert result.checks["brief_reason"].met is True
    assert result.checks["over_detailed"].met is False


@pytest.mark.parametrize(("context", "reply"), [
    # who the speaker will decide with is no reason
    ("Would an extra week of leave change things?",
     "Could I have till Monday? I'd like to talk it over with my husband."),
    (CHANGE, "let me check with my family and get back to you"),
    # the thing declined, and words that only look like the family of a reason
    (INVITE, "I'll have to pass on the salary negotiation call, sorry, I'm withdrawing."),
    (OPENING, "I'd love to say no to nothing, ha, yes please, I accept!"),
    (OPENING, "no i'll take it, the team's no better anywhere else"),
])
def test_look_alike_reasons_are_not_reasons(scorer: Scorer, context: str, reply: str
                                            ) -> None:
    assert met(scorer, reply, context, "brief_reason") is False


@pytest.mark.parametrize(("context", "reply"), [
    ("We've a more junior opening too, would that interest you?", "no, not going backwards"),
    (CHANGE, "nah. money's still not enough"),
])
def test_a_blunt_no_with_an_unasked_reason_is_still_curt(scorer: Scorer, context: str,
                                                         reply: str) -> None:
    assert met(scorer, reply, context, "courteous_followup") is False


# -- a brief reason is not made long by a name, a pleasantry or an aside on the name ------

@pytest.mark.parametrize(("context", "reply"), [
    (WHERE, "Of course. I'm joining a rival agency, Brightwell Partners. Closer to home."),
    (CHANGE, "That's generous of them, but I've given my word to the other firm. So no."),
    (WHERE, "Sure, a charity in Leith, it's called Harbour Hands or similar. Shorter commute."),
])
def test_a_name_or_a_pleasantry_does_not_lengthen_the_reason(scorer: Scorer, context: str,
                                                              reply: str) -> None:
    result = Scorer().score(reply, context)
    assert result.checks["brief_reason"].met is True
    assert result.checks["over_detailed"].met is False


def test_three_reasons_still_run_on(scorer: Scorer) -> None:
    reply = ("I'm joining Brightwell Partners. The pay's better, the commute is shorter, and "
             "they'll fund my masters.")
    result = Scorer().score(reply, WHERE)
    assert result.checks["over_detailed"].met is True
    assert result.checks["brief_reason"].met is False


# -- regional thanks and refusals: a name after "cheers", "nah ta", other languages -------

@pytest.mark.parametrize("reply", [
    "cheers dave but i'm not going for it",
    "Shukran, but I will have to decline.",
    "asante sana, but I won't be taking it",
    "Gracias, but no, I'm staying put.",
    "Diolch, but I'm withdrawing.",
])
def test_regional_and_foreign_thanks(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "thanks") is True


@pytest.mark.parametrize("reply", [
    "nah ta, not for me",
    "nope cheers, i'll leave it",
    "ta for ringing but i'll not be bothering with the interview",
    "thanks mate but i'm pulling the pin on this one",
    "I'll not bother, thanks.",
])
def test_regional_refusals_are_clear(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, INVITE, "clear_no") is True


@pytest.mark.parametrize(("context", "reply", "expected"), [
    (OPENING, "nah ta, i'm sweet where i am", True),
    (OPENING, "no thanks, I'm sorted where I am for now", True),
    (OPENING, "I'm fine where I am? Sorry, what do you mean?", False),
    (OPENING, "cheers, I'm good, see you Monday then", False),
])
def test_settled_where_i_am_is_a_reason(scorer: Scorer, context: str, reply: str,
                                        expected: bool) -> None:
    result = Scorer().score(reply, context)
    assert result.checks["brief_reason"].met is expected


@pytest.mark.parametrize("reply", [
    "i'm gonna bow out of the process",
    "I'm going to have to respectfully decline the offer.",
    "cheers sam but i'm gonna give it a swerve mate",
    "i'm goin to dekline the ofer sorry",
    "thanks so much but i'm going to turn it down, cheers though",
])
def test_a_plain_refusal_gives_no_reason(scorer: Scorer, reply: str) -> None:
    # the shipped scorer, second opinion included: a no on its own is no reason
    result = scorer.score(reply, OPENING)
    assert result.checks["clear_no"].met is True
    assert result.checks["brief_reason"].met is False


# -- wrap-ups: regional good wishes close; who is wished well is no reason ---------------

@pytest.mark.parametrize("reply", [
    "no, that's all, go well",
    "that's everything, stay well and thanks again",
    "No, that's all sir. God bless you and your family.",
])
def test_regional_good_wishes_close_and_give_no_reason(scorer: Scorer, reply: str) -> None:
    result = scorer.score(reply, WRAPUP)
    assert result.checks["graceful_close"].met is True
    assert result.checks["brief_reason"].met is False


@pytest.mark.parametrize(("reply", "brief", "over"), [
    ("a bit far for me, honestly", True, False),
    ("the people didn't quite feel right", True, False),
    ("long story short, my wife's been posted to Inverness", True, False),
    ("It's a long story. The house sale fell through, then my dad got ill, then the car "
     "went, then the school place.", False, True),
])
def test_short_answers_to_why(scorer: Scorer, reply: str, brief: bool, over: bool) -> None:
    result = Scorer().score(reply, WHY)
    assert result.checks["brief_reason"].met is brief
    assert result.checks["over_detailed"].met is over


# -- declining to say why is no reason, whatever words it uses ----------------------------

@pytest.mark.parametrize(("reply", "expected"), [
    ("that's between me and my partner, sorry", False),
    ("honestly it's not really something I want to get into, sorry", False),
    ("I'd rather not go into the family side of it, sorry.", False),
    ("I want to get into teaching, so it's not for me.", True),             # a real motive
    ("i'm off to a rival firm, i'd rather not say which one", True),        # says where
    ("I've decided to stay in the private sector.", True),
])
def test_declining_to_say_is_no_reason(scorer: Scorer, reply: str, expected: bool) -> None:
    assert met(scorer, reply, WHY, "brief_reason") is expected


@pytest.mark.parametrize(("reply", "thanks", "clear_no"), [
    ("grand, thanks, but i'll leave it so", True, True),                     # Irish "so"
    ("i'll leave it so someone keener can have it, thanks", True, False),
    ("thanks be to god I've found something nearer, so it's a no", False, True),
])
def test_irish_leave_it_so_and_thanks_be_to_god(scorer: Scorer, reply: str, thanks: bool,
                                               clear_no: bool) -> None:
    result = scorer.score(reply, OPENING)
    assert result.checks["thanks"].met is thanks
    assert result.checks["clear_no"].met is clear_no


# -- sarcastic thanks is not thanks ------------------------------------------------------

@pytest.mark.parametrize(("reply", "expected"), [
    ("gee thanks, that's a no", False),
    ("oh thanks for finally ringing me back, but no", False),
    ("cheers for that, really helpful, not", False),
    ("thank you, but I'm afraid not", True),          # a polite no, not a jibe
    ("thanks, but sadly not this time", True),
    ("thanks, the raise is good, but not enough", True),
])
def test_sarcastic_thanks_is_not_thanks(scorer: Scorer, reply: str, expected: bool) -> None:
    assert met(scorer, reply, CHANGE, "thanks") is expected


# -- more mishearings of the refusal's key words ----------------------------------------

@pytest.mark.parametrize("reply", [
    "thanks but i'll have to turn it dwon",            # swapped letters in a short word
    "i'm turning the offer donw sorry",
    "i'm going to past on it thanks",                  # pass heard as past
    "thank you but i'mnot accepting",                  # run together, apostrophe kept
    "i'm afraid i'm going to say know",                # no heard as know
    "i'll have to respectively decline the offer",     # respectfully misheard
    "i've decided to go in another direction",
])
def test_more_misheard_refusals_are_clear(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "clear_no") is True


@pytest.mark.parametrize("reply", [
    "we drove past on the way to the interview, it looked nice, can I think it over?",
    "I don't know, can I say more tomorrow?",
    "I'll take it, I didn't want to go another way",
])
def test_real_words_near_the_mishearings_stay_put(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OPENING, "clear_no") is False


@pytest.mark.parametrize(("reply", "expected"), [
    ("Sorry, I'm declining. I just can't do that commute every day.", True),
    ("no, i couldn't justify the drop in salary", True),
    ("I'll pass, my current employer has matched it.", True),
    ("No thanks, they've offered me a promotion where I am.", True),
    ("I'm declining, we're emigrating to Canada in May.", True),
    ("I'll say no, there's not enough responsibility in it for me.", True),
    ("no thanks, the post's only a nine month contract", True),
    ("I'm declining. It isn't the salary at all.", False),       # ruled out, no reason
])
def test_more_plain_reasons(scorer: Scorer, reply: str, expected: bool) -> None:
    assert Scorer().score(reply, OPENING).checks[
        "brief_reason"].met is expected


@pytest.mark.parametrize(("reply", "expected"), [
    ("I can't accept at 45, could they look at 50?", False),         # a stance on the figure
    ("i won't accept it for that salary, is there any movement", False),
    ("I'm not able to accept for 30k, sorry, I'd need more.", False),
    ("I won't be accepting the offer, for family reasons.", True),
    ("I can't accept at this point in my life, sorry.", True),
])
def test_refusing_a_figure_is_negotiating_not_a_clear_no(scorer: Scorer, reply: str,
                                                         expected: bool) -> None:
    assert met(scorer, reply, "The base would be 42k.", "clear_no") is expected


@pytest.mark.parametrize(("reply", "expected"), [
    ("sorry, I'm declining, it just doesn't pay enough", True),
    ("I'll pass, I've been poached by a competitor.", True),
    ("no thanks, the site's out in the sticks", True),
    ("I'm saying no. My heart isn't in it any more.", True),
    ("I'll decline, the start date is way too soon.", True),
    ("no thanks, there's no pension with it", True),
    ("yes please, it pays well enough, I'll take it", False),
    ("I'll take it, the start date's fine", False),
])
def test_everyday_motives(scorer: Scorer, reply: str, expected: bool) -> None:
    assert Scorer().score(reply, OPENING).checks[
        "brief_reason"].met is expected


# -- a "sure" that carries a jab is no courtesy -------------------------------------------

@pytest.mark.parametrize(("context", "reply", "expected"), [
    (WHY, "sure, tell them, not that anyone will listen", False),
    (WHY, "Sure. I'm sure it'll keep the board up at night.", False),
    (CHANGE, "sure, when hell freezes over", False),
    (WHY, "sure, it's mostly the drive", True),
    (WHERE, "sure, a bank in Leeds", True),
])
def test_a_sure_with_a_jab_is_not_courteous(scorer: Scorer, context: str, reply: str,
                                           expected: bool) -> None:
    assert met(scorer, reply, context, "courteous_followup") is expected


@pytest.mark.parametrize(("reply", "expected"), [
    ("cheers, and you", True),
    ("Thanks, and yourself.", True),
    ("ta, and yous", True),
    ("ok", False),
    ("yeah whatever", False),
])
def test_good_wishes_returned_close(scorer: Scorer, reply: str, expected: bool) -> None:
    assert met(scorer, reply, "Okay, I'll pass that on. All the best.", "graceful_close") \
        is expected


def test_and_you_inside_a_sentence_is_no_close(scorer: Scorer) -> None:
    assert met(scorer, "the reason stays between me and you", WHY, "graceful_close") is False


@pytest.mark.parametrize(("reply", "expected"), [
    ("you're a star for chasing that, but I'll pass", True),
    ("ah you're a legend mate, but no", True),
    ("I owe you one for this, but I'm declining.", True),
    ("you're a legend if you think I'll take that", False),     # a jibe
    ("you owe me one after that process, no", False),
])
def test_praise_and_debt_as_thanks(scorer: Scorer, reply: str, expected: bool) -> None:
    assert met(scorer, reply, OPENING, "thanks") is expected
