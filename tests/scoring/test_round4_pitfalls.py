"""Issue 15, round 4: the three pitfall flags (offensive, hedged, over_detailed) by category.

Every sentence here was written for these tests (none is taken from an evaluation set):
for each category several that must be flagged, and near misses that must not, so a fix
that memorises one wording fails its neighbours.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OFFER = "Hi, it's Priya from Northgate. They'd like to offer you the analyst role."
INVITE = "Hello, the panel would like to see you for a second interview on Friday."
WHY = "Oh, that's a shame. Can I ask what made you decide?"
RAISE = "I've pushed them and they can add another one and a half percent."
UNSURE = "You sound a little hesitant. Is it the hours that worry you?"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


@pytest.fixture(scope="module")
def rules() -> Scorer:
    """The phrase rules alone: the learned second opinion may still overrule them where it is
    confident (trainer.scoring.learned), which its own tests cover."""
    return Scorer()


def met(scorer: Scorer, reply: str, context: str, item: str) -> bool | None:
    return scorer.score(reply, context).checks[item].met


# -- hedged: the speaker's own decision, however transcribed -----------------------------

@pytest.mark.parametrize("reply", [
    "picked up your message i don't think i'm going to go for it sorry",
    "got your email and i i don't think i'll be taking it",
    "i dont think i can except the offer to be honest",             # "accept" misheard
    "i'm afraid i may have to de line this one",                    # "decline" split
    "Saw your text, I don't think I'll accept, sorry.",
])
def test_a_transcribed_hedge_on_the_decision_is_hedged(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is True
    assert met(scorer, reply, OFFER, "clear_no") is False


@pytest.mark.parametrize("reply", [
    "I'm turning it down. I'm not sure yet where I'll go next, but it won't be there.",
    "I won't be taking it. It's the travel or the pay, not sure which annoys me more.",
    "I have to withdraw, sorry. My brother is in hospital and I don't know when I'll be home.",
    "No, I'm declining. I don't know how long the move will take, that's the problem.",
    "Everyone except the director was lovely, but I won't be accepting it.",
])
def test_unsure_of_a_fact_is_not_a_hedged_decision(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is False


@pytest.mark.parametrize("reply", [
    "I'm not sure if I can take it.",
    "I don't know what to do, I might say no.",
    "not sure whether i'll accept to be honest",
])
def test_unsure_of_the_decision_itself_stays_hedged(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, OFFER, "hedged") is True


@pytest.mark.parametrize("reply", [
    "It's the hours and the drive, honestly. I haven't decided yet though, could I come back "
    "to you on Thursday?",
    "Mostly the rota. I've not made my decision, can I ring you back tomorrow?",
])
def test_undecided_and_asking_for_time_is_neither_hedged_nor_a_no(scorer: Scorer,
                                                                  reply: str) -> None:
    result = scorer.score(reply, UNSURE)
    assert result.checks["hedged"].met is False
    assert result.checks["clear_no"].met is False


# -- offensive: sarcasm and mock praise --------------------------------------------------

@pytest.mark.parametrize(("context", "reply"), [
    (OFFER, "Oh, it only took you two interviews and four months to decide. No thanks."),
    (INVITE, "Nine weeks to let me know that? I've already signed somewhere else."),
    (INVITE, "a third assessment day what a treat no i'm out"),           # jibe at the process
    (OFFER, "thanks to your clients dithering i've taken another job"),
    (WHY, "cheers for all your effort getting me precisely nowhere"),   # the recruiter's efforts
    (RAISE, "ooh five hundred whole pounds, i'm declining"),             # small raise
    (RAISE, "wow, they've really outdone themselves with that figure. No."),
    (RAISE, "oh you shouldn't have, really. I'm still saying no."),
    (OFFER, "that'll buy me half a coffee a week, no thanks"),         # low offer
    (OFFER, "I guess it's better than nothing, but I'll pass."),
])
def test_sarcasm_and_mock_praise_are_offensive(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "offensive") is True


@pytest.mark.parametrize(("context", "reply"), [
    (OFFER, "It's been a treat working with you, but I'm declining. Thank you."),
    (OFFER, "Thanks to your help I found a role I love, so I'm withdrawing. Thank you!"),
    (OFFER, "Thank you, that's really generous of them, but I've accepted another offer."),
    (OFFER, "You've been brilliant, thanks so much for all your hard work."),
    (RAISE, "That's kind of them to stretch, thank you, but I'm staying where I am."),
])
def test_sincere_warmth_is_not_sarcasm(scorer: Scorer, context: str, reply: str) -> None:
    result = scorer.score(reply, context)
    assert result.checks["offensive"].met is False
    assert result.checks["thanks"].met is True


# -- offensive: implied disparagement without a rude word ---------------------------------

@pytest.mark.parametrize("reply", [
    "It's a nice enough little outfit, but not for me.",               # faint praise
    "It's fine for people who want a quiet life, I'm after more.",
    "I'd prefer a company with a clue, to be honest.",                  # what they lack
    "I want somewhere that doesn't treat staff like numbers.",
    "i'd rather join a firm that pays its people properly",
    "At least the other agency actually calls back. No thanks.",       # at least the next...
    "at least the next place returns calls",                            # issue
    "You were the only one who replied, which says a lot about them.",
    "If the next role is anything like this one, please don't bother.",
    "Ha, another offer below my current pay? No.",
    "i earn more stacking shelves on saturdays honestly no",           # unflattering comparison
    "I wouldn't set foot in there if they paid me twice as much.",
])
def test_implied_disparagement_is_offensive(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is True


@pytest.mark.parametrize("reply", [
    "Something is better than staying put, but this isn't the one, sorry.",
    "It only took me two weeks to find something closer to home, so I'm declining.",
    "I'd rather be somewhere closer to my kids, thanks.",
    "At least I know where I stand now, thanks. I'll pass.",
    "At least the new job is near home, so I'll be declining.",
    "It says a lot about you that you called me personally. Thank you, but no.",
    "If it's anything like this one, I'd love to hear about it!",
    "Haha thanks, I'll pass though, I've signed elsewhere.",
    "I'd make more staying where I am, so I'll decline.",
    "Honestly I'm just after a quieter life, so I'll say no.",         # own situation
    "I'm not gonna take it, the pay is a bit low for my mortgage.",
])
def test_a_comparison_about_ones_own_situation_is_not_offensive(scorer: Scorer,
                                                               reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is False


# -- offensive: name-calling, telling them where to go, how they behaved ------------------

@pytest.mark.parametrize("reply", [
    "your boss is a total clown mate",
    "That lot are a bunch of amateurs, I'm not interested.",
    "They can take a hike, I'm not going back.",
    "are you having a laugh, no",
    "The director talked down to me the entire time, so no.",
    "The salary is pretty poor for the level, so I'm declining.",
])
def test_blunt_and_mild_digs_are_offensive(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is True


@pytest.mark.parametrize("reply", [
    "My son wants to be a clown when he grows up, so I'm staying part time.",
    "my mum's health is poor so I need to stay close, sorry",
    "I'll stick it out in my current job, thanks.",
    "Are you joking? That's brilliant news, but I've already signed elsewhere, sorry.",
    "They talked about the training a lot, which was nice, but I'm declining.",
    "No. Just leave it there, please.",                                # curt, runs nothing down
])
def test_curt_or_about_oneself_is_not_offensive(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is False


# -- offensive: mild digs (however mildly, LABELS.md) ------------------------------------

@pytest.mark.parametrize("reply", [
    "the office felt a bit old-fashioned",                               # hyphenated word
    "your systems are ancient",
    "the vibe was a bit off if i'm honest",
    "the manager seemed pretty distracted the whole time",
    "honestly the panel didn't seem that interested in me",
    "they kept moving the interview around which was annoying",
    "it felt like nobody there knew what they were doing",
    "oh joy another round of interviews, no thanks",
    "I'd rather work for a proper company, to be honest.",
    "I want to be somewhere where people actually reply to emails.",
])
def test_mild_digs_are_offensive(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is True


@pytest.mark.parametrize(("context", "reply"), [
    (WHY, "I've been distracted with the house move, so I'd rather not, sorry."),
    (WHY, "my car is ancient so the drive is out of the question"),
    (WHY, "I'm just not that interested in sales anymore, sorry."),
    (WHY, "they didn't seem to mind when I said I needed time, which was kind"),
    (WHY, "I want to join a real estate firm instead."),
    (WHY, "I felt a bit off that day, sorry, but I've decided not to carry on."),
    (WHY, "I'm a bit lukewarm on moving cities, so it's a no."),
    ("Hi, Joy here from Larkfield. Is the salary band okay for you?",
     "Thanks for checking, Joy. Yes, that works for me."),               # a name, not sarcasm
])
def test_ones_own_mood_or_a_name_is_not_a_dig(scorer: Scorer, context: str, reply: str) -> None:
    assert met(scorer, reply, context, "offensive") is False


# -- over_detailed: three or more reasons, however tersely; one or two said at length ----

WHERE = "No problem. Do you mind me saying where you're off to?"


@pytest.mark.parametrize(("context", "reply"), [
    (OFFER, "not for me sorry too slow too corporate too far out"),           # terse list
    (OFFER, "nah too early too far too little money"),
    ("what put you off",                                                       # unpunctuated
     "the manager was late the kitchen was filthy nobody knew what the job actually was and "
     "the money was poor"),
    ("What went wrong?",
     "The interview was a waste of time, nobody had looked at my portfolio, the pay was "
     "insulting, and then nobody called for weeks."),
    (OFFER, "i don't know if i can take it because the rota's all nights and i've no car and "
            "the last train's at ten and my dad needs looking after"),        # hedged, runs on
])
def test_three_or_more_reasons_are_over_detailed(rules: Scorer, context: str,
                                                 reply: str) -> None:
    result = rules.score(reply, context)
    assert result.checks["over_detailed"].met is True
    assert result.checks["brief_reason"].met is False


@pytest.mark.parametrize(("context", "reply"), [
    (WHERE, "Sure. I'm joining a design agency in Leeds, I think it's called Foldline or "
            "something, I can never remember."),                              # an aside
    (WHERE, "Of course. I'm heading to a rival, Brackwater Labs. The role suits my plans "
            "better."),                                                        # a name
    ("They'd match the other offer if that helps.",
     "That's generous of them, but I've signed with the other firm and I keep my promises. "
     "Please pass on my thanks."),                                             # a compliment
    (WHY, "Mostly the drive, to be honest. It'd be ninety minutes each way and with the "
          "school run that's not workable."),                                  # one, elaborated
    (OFFER, "I'm declining. Partly the salary, I suppose, and partly the hours, I'm not sure "
            "which weighs more."),                                             # two, unsure
    (OFFER, "it's too far and too junior so no thanks"),                      # two short
    (OFFER, "way too far for me, sorry, I'll pass"),
])
def test_one_or_two_reasons_are_brief(scorer: Scorer, context: str, reply: str) -> None:
    result = scorer.score(reply, context)
    assert result.checks["over_detailed"].met is False
    assert result.checks["brief_reason"].met is True


@pytest.mark.parametrize("context", ["what put you off", "What went wrong?",
                                     "So what went wrong with the interview, do you think?"])
def test_what_went_wrong_asks_why(scorer: Scorer, context: str) -> None:
    assert scorer.score("the pay, mostly", context).checks["brief_reason"].met is True


# -- offensive: disbelief and scorn at the offer, how they behaved, parting shots ---------

TERMS = "The salary would be 26k, with 20 days holiday."
BYE = "No worries, thanks for your time. Take care!"
CHANGE = "Is there anything we could do to change your mind?"


@pytest.mark.parametrize(("context", "reply"), [
    (OFFER, "is that it? thirty eight? no chance"),                      # disbelief
    (OFFER, "come on, thirty eight? I was on more than that five years ago."),
    (OFFER, "they must think I was born yesterday"),
    (OFFER, "well that's a slap in the face"),
    (OFFER, "honestly i expected a lot more from a company that size"),
    (OFFER, "no thanks, that offer is nowhere near good enough"),
    (OFFER, "brilliant, just brilliant. no thank you."),                 # deadpan
    (TERMS, "they can keep it to be honest"),                            # scorn for a figure
    (TERMS, "for that money? no way"),
    (TERMS, "nobody in their right mind would take that"),
    (TERMS, "that's basically minimum wage, no thanks"),
    (TERMS, "twenty six? they've got some nerve"),
    (CHANGE, "no amount of money would make me work there"),
    (CHANGE, "not a chance, i wouldn't go back there for double"),
    (CHANGE, "you could try answering your emails for a start"),         # pointed advice
    (CHANGE, "not unless you can find them some manners"),
    (INVITE, "after how long they took to get back to me? no"),
    (INVITE, "god no, once was enough"),
    (INVITE, "i think i've jumped through enough hoops for them"),
    (BYE, "bye, and good luck keeping staff with that attitude"),        # parting shots
    (BYE, "cheers, maybe next time don't waste people's time"),
    (BYE, "yeah cheers for nothing"),
    (BYE, "don't bother, it's not like they'll listen"),
])
def test_scorn_for_the_offer_and_parting_shots_are_offensive(scorer: Scorer, context: str,
                                                             reply: str) -> None:
    assert met(scorer, reply, context, "offensive") is True


@pytest.mark.parametrize("reply", [
    "it was like talking to a brick wall",                               # idioms of scorn
    "the manager seemed like a bit of a control freak",
    "they acted like they were doing me a favour",
    "I was kept waiting forty minutes in reception",                     # how they behaved
    "your recruiter never once called me back",
    "the interviewer clearly hadn't prepared at all",
    "nobody even introduced themselves",
    "they seemed more interested in their phones than in me",
    "I didn't like how they spoke to the junior staff",
    "they don't seem to know what they want",
    "the job description was completely different from what they told me in the interview",
])
def test_how_they_behaved_is_offensive_when_run_down(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, WHY, "offensive") is True


@pytest.mark.parametrize(("context", "reply"), [
    (BYE, "Bye, take care, and good luck with the search!"),
    (BYE, "Thanks for understanding, and good luck finding someone!"),   # a sincere wish
    (TERMS, "That's a bit below what I need, so I'll have to say no, sorry."),
    (TERMS, "Could they stretch to 28? That's what I'm on now."),
    (TERMS, "For that money I'd need to stay local, so no thanks."),
    (TERMS, "That's a fair number, but I've already accepted another offer."),
    (CHANGE, "Not really, no amount of money changes the commute."),
    (INVITE, "No thanks, once was enough for me to know it isn't my field."),
    (INVITE, "Sorry, they'll have to find someone else, I've signed elsewhere."),
    (INVITE, "Who do they think would suit it? I could pass it to a friend."),
    (WHY, "I found the interview a bit nerve-racking, that's on me though."),
    (WHY, "I never got back to them in time, that's my fault."),
    (WHY, "I felt I wasn't experienced enough for it, to be honest."),
])
def test_a_plain_no_or_ones_own_part_is_not_offensive(scorer: Scorer, context: str,
                                                      reply: str) -> None:
    assert met(scorer, reply, context, "offensive") is False


def test_offence_blocks_of_one_name_are_scanned_once() -> None:
    from trainer.scoring.families import find, load, load_merged
    from trainer.scoring.utterance import Utterance

    blocks, merged = load("offence"), load_merged("offence")
    assert len(merged) < len(blocks)
    assert {(f.name, f.weight, f.tag) for f in merged} == {(f.name, f.weight, f.tag)
                                                            for f in blocks}
    for reply in ("Oh joy, another round. Nine weeks to tell me that?",
                  "your boss is a total clown and they can keep their offer"):
        utt = Utterance(reply)
        assert {h.name for h in find(utt, merged)} == {h.name for h in find(utt, blocks)}


@pytest.mark.parametrize(("context", "reply"), [
    (TERMS, "What would the hours be for that salary?"),                 # a real question
    (OFFER, "Who do you think would want the role? My cousin might."),
    (OFFER, "I know I've got a nerve asking, but could I have until Monday?"),
])
def test_questions_about_the_terms_are_not_scorn(rules: Scorer, context: str,
                                                 reply: str) -> None:
    # the rules' reading: the learned second opinion may add an item where they point at
    # nothing, which its own tests cover
    assert met(rules, reply, context, "offensive") is False


# -- hedged: wavering over future contact is no hedge on the decision ---------------------

FUTURE = "No problem at all. Would you be happy for us to keep you in mind for future roles?"


@pytest.mark.parametrize("reply", [
    "Hmm, I'm not sure, maybe, I'll see how I feel in a year.",
    "I guess so, yeah, if something senior comes up.",
    "Probably not for a while, I think, but thanks for asking.",
    "i dunno maybe yeah why not",
])
def test_unsure_about_future_contact_is_not_hedged(rules: Scorer, reply: str) -> None:
    assert met(rules, reply, FUTURE, "hedged") is False  # the rules' reading, as above


@pytest.mark.parametrize("reply", [
    "Actually, I'm not sure I made the right call. Is the offer still open?",
    "Hmm, maybe I was too hasty saying no, could I still take it?",
    "Honestly I'm having second thoughts now.",
])
def test_wavering_back_over_the_decision_is_hedged(scorer: Scorer, reply: str) -> None:
    assert met(scorer, reply, FUTURE, "hedged") is True


@pytest.mark.parametrize(("context", "reply", "offensive"), [
    (OFFER, "Thank you for waiting on me, I'm going to decline though.", False),
    (OFFER, "Sorry it took me so long to decide, but it's a no from me.", False),
    (OFFER, "Thanks for the wait, I guess. No.", True),
    (OFFER, "Cheers for keeping me waiting three weeks. I've gone elsewhere.", True),
    (OFFER, "It took me three weeks to hear back from them, so no.", True),
])
def test_thanks_for_their_wait_or_mine(scorer: Scorer, context: str, reply: str,
                                       offensive: bool) -> None:
    assert met(scorer, reply, context, "offensive") is offensive
