"""Round 8's categories, every sentence written for these tests: the learned opinion reads a
dig said in one sentence and leaves alone the sincere remarks the rules recognise (own part,
plain curiosity, appreciation, regret about the timing); "that's kind of them" is thanks; a no
said as "nothing" or a lone "No." is clear; a return call that names the no is a follow-up."""

from __future__ import annotations

import pytest

from tests.scoring.test_learned import _model, _rules
from trainer.scoring import context as ctx
from trainer.scoring.families import find
from trainer.scoring.features import feature_ids
from trainer.scoring.learned import OVERRULES, Overrule, reply_probability, second_opinion
from trainer.scoring.offence import SINCERE_FAMILIES
from trainer.scoring.scorer import Scorer
from trainer.scoring.utterance import Utterance

RULES = Scorer(second_opinion=False)


@pytest.mark.parametrize("reply", [
    "Honestly the mix-up with the dates was my own fault, so I'll step back. Thanks anyway.",
    "That was all on me, I froze in the second round. I'm going to decline.",
    "They'll find a closer match than I'd be for the data side, I'm sure. It's a no from me.",
    "I realised I'm not quite senior enough for what they need, so I'll withdraw.",
    "Just wondering, is it usual to have a presentation at that stage? Either way I'm out.",
    "Out of curiosity, who else made the shortlist? I'm declining anyway.",
    "They moved the interview when my train was cancelled, which was really decent of them.",
    "A real shame about the timing, I've just signed somewhere else.",
    "Such a pity it couldn't line up with my notice period. I'll say no for now.",
])
def test_a_sincere_remark_is_read_and_keeps_the_model_from_calling_it_a_dig(reply: str) -> None:
    reading = RULES.read(reply, None, None)
    assert reading.sincere, reply
    assert not reading.offence, reply
    assert "offensive" in Scorer.accounted(reading)
    sure = _model("offensive", 6.0)
    out = second_opinion(_rules(reply), reading.utt, reading.kind.value, sure,
                         accounted=Scorer.accounted(reading))
    assert out["offensive"].met is False, reply


@pytest.mark.parametrize("reply", [
    "It wasn't my fault the panel forgot to turn up, was it?",
    "Shame about the management, lovely building though.",
    "Kept me on hold for an hour, which was lovely.",
    "The interview was kind of a shambles.",
])
def test_look_alikes_that_run_them_down_are_not_sincere(reply: str) -> None:
    assert not find(Utterance(reply), SINCERE_FAMILIES), reply


def test_a_dig_the_rules_found_is_not_shielded_by_a_sincere_remark() -> None:
    reply = "That's on me for applying, really: the whole process was a joke."
    reading = RULES.read(reply, None, None)
    assert reading.sincere and reading.offence
    assert "offensive" not in Scorer.accounted(reading)
    assert RULES.score(reply).checks["offensive"].met is True


def test_one_dig_among_warm_sentences_is_judged_with_its_sentence() -> None:
    """The reply's probability is the mean of its own and its most telling sentence's: a
    dig diluted by warm sentences around it is still read."""
    warm = "Thank you so much for calling. It was lovely to meet you all. "
    dig = "Shame the kettle got more attention than me. "
    reply = warm + dig + "All the best to everyone there."
    model = _model("offensive", -3.0, {"kettle": 4.5})  # whole 0.61, with its sentence 0.78
    row = model.labels.index("offensive")
    utt = Utterance(reply)
    whole = float(model.probabilities(feature_ids(utt, "unknown"))[row])
    rule = Overrule(add_above=0.7, by_sentence=True)
    judged = reply_probability(model, row, utt, "unknown", whole, rule)
    assert whole < 0.7 < judged
    assert reply_probability(model, row, utt, "unknown", whole, Overrule(0.7)) == whole
    out = second_opinion(_rules(reply), utt, "unknown", model)
    assert OVERRULES["offensive"].by_sentence
    assert out["offensive"].met is True
    assert out["offensive"].evidence[0].text.startswith("Shame the kettle")


def test_a_one_sentence_reply_is_judged_as_a_whole() -> None:
    model = _model("offensive", 0.0)
    utt = Utterance("Thanks for the call but I am going to say no to the role")
    rule = Overrule(add_above=0.7, by_sentence=True)
    assert reply_probability(model, 0, utt, "unknown", 0.5, rule) == 0.5


@pytest.mark.parametrize("reply", [
    "Oh that's ever so kind of the panel, but I'm going to say no.",
    "ah that's real decent of them honestly but i've signed elsewhere",
    "That's really thoughtful of you guys. It's still a no from me, though.",
    "oh that's that's lovely of them um but no",
])
def test_saying_they_were_kind_is_appreciation(reply: str) -> None:
    assert RULES.score(reply).checks["thanks"].met is True, reply


def test_kind_of_as_a_hedge_word_is_not_appreciation() -> None:
    assert RULES.score("That's kind of a long way for me, so no.").checks["thanks"].met is False


CHANGE = "What would it take for you to reconsider?"


@pytest.mark.parametrize("reply", [
    "nothing love, sorry",
    "Honestly, nothing, sorry. I've given my word elsewhere.",
    "Another three percent. Right. No. I've made other plans.",
    "Cheers for asking, but I'll let this one pass me by.",
])
def test_a_no_said_as_nothing_a_lone_no_or_letting_it_pass_is_clear(reply: str) -> None:
    assert RULES.score(reply, CHANGE).checks["clear_no"].met is True, reply


def test_a_no_that_answers_the_speakers_own_question_is_no_refusal() -> None:
    reply = "Did they ever write back to me? No. So I'm keeping my options open."
    assert RULES.score(reply, CHANGE).checks["clear_no"].met is False


def test_nothing_at_the_wrap_up_is_nothing_else_not_a_refusal() -> None:
    card = RULES.score("No, nothing. Have a good afternoon.", "Is there anything else?")
    assert card.checks["clear_no"].met is False


def test_a_blunt_no_with_real_thanks_is_courteous() -> None:
    reply = "Nope, nothing. You've been great though, thank you for pushing."
    assert RULES.score(reply, CHANGE).checks["courteous_followup"].met is True


@pytest.mark.parametrize("line", [
    "Hi again, it's Marguerite from Halden Foods. I know you've said no, but is there anything "
    "we could do?",
    "Hello, Tomasz here from Vistula Print. Since the Gdynia job isn't right for you, would a "
    "Sopot one be better?",
    "It's Noor at Corniche Capital. I'm sorry the hours didn't suit. Can I keep your details?",
    "This is Kwabena from Volta Energy. If we raised the day rate, would you think again?",
    "Hi, it's Ingrid at Fjord Data. What if we offered four days at home? Would that tempt you?",
    "Morning, it's Dara from Liffey Labs. You seemed hesitant yesterday. What's holding you back?",
])
def test_a_return_call_that_names_the_no_is_a_follow_up(line: str) -> None:
    assert ctx.classify(line).is_followup, line


@pytest.mark.parametrize("line", [
    "Hi, it's Marguerite from Halden Foods. They'd like to offer you the planner role. Any "
    "thoughts?",
    "Hello, Tomasz here from Vistula Print. The panel would like to see you again on Friday.",
    "This is Kwabena from Volta Energy. The salary is forty-two thousand with a car allowance.",
])
def test_a_call_that_opens_with_the_offer_is_not_a_follow_up(line: str) -> None:
    assert not ctx.classify(line).is_followup, line


def test_both_halves_of_neither_nor_are_reasons() -> None:
    reply = "I'm saying no, I'm afraid. Neither the pay nor the hours suit me."
    assert RULES.score(reply, "Have you decided?").checks["brief_reason"].met is True


def test_lower_than_i_would_accept_is_a_reason_not_a_yes() -> None:
    card = RULES.score("That's well below what I'd accept, so I'll pass.", "It's 31k.")
    assert card.checks["clear_no"].met is True
    card = RULES.score("It's lower than I'd accept. I'm going to decline.", "It's 31k.")
    assert card.checks["clear_no"].met is True


@pytest.mark.parametrize("reply", [
    "I wouldn't reconsider, not for any figure.",
    "Honestly, I've lost interest in the role after all the delays.",
])
def test_a_firm_no_said_as_would_not_reconsider_or_lost_interest(reply: str) -> None:
    assert RULES.score(reply, CHANGE).checks["clear_no"].met is True, reply


KEEP_CV = "Sorry it didn't work out. Can we hold on to your CV for future roles?"


def test_agreeing_they_can_keep_the_cv_is_no_scorn() -> None:
    card = RULES.score("Yes, you can keep it, thanks. Good luck with the hiring.", KEEP_CV)
    assert card.checks["offensive"].met is False
    assert card.checks["courteous_followup"].met is True
    assert RULES.score("They can keep it, mate, and the offer with it.").checks[
        "offensive"].met is True


@pytest.mark.parametrize("reply", [
    "Your HR lot still can't take a hint, which says it all.",
    "Three calls since Monday. Some people don't take a hint.",
])
def test_a_hint_not_taken_is_a_dig(reply: str) -> None:
    assert RULES.score(reply).checks["offensive"].met is True, reply


@pytest.mark.parametrize("reply", [
    "I'll say no, but have a lovely summer, Ines.",
    "It's a no from me. I hope the studio goes from strength to strength.",
])
def test_seasonal_wishes_and_strength_to_strength_close_warmly(reply: str) -> None:
    assert RULES.score(reply).checks["graceful_close"].met is True, reply


def test_a_dig_the_model_reads_after_the_goodbye_is_no_warm_end() -> None:
    reply = "Thanks for calling, Jo, and best of luck with the hiring. Maybe the kettle can apply."
    rules = _rules(reply)
    assert rules["graceful_close"].met is True and rules["offensive"].met is False
    model = _model("offensive", -1.0, {"kettle": 9.0})  # the dig is the second sentence
    out = second_opinion(rules, Utterance(reply), "unknown", model)
    assert out["offensive"].met is True
    assert out["offensive"].evidence[0].text.startswith("Maybe the kettle")
    assert out["graceful_close"].met is False
    assert "parting shot" in out["graceful_close"].why


def test_a_dig_before_a_warm_goodbye_leaves_the_goodbye_warm() -> None:
    reply = ("The car park felt like a theme park queue, so it's a no. Thanks so much for "
             "everything, Jo, and all the best.")
    rules = _rules(reply)
    assert rules["graceful_close"].met is True
    model = _model("offensive", -1.0, {"queue": 9.0})
    out = second_opinion(rules, Utterance(reply), "unknown", model)
    assert out["offensive"].met is True
    assert out["offensive"].evidence[0].text.startswith("The car park")
    assert out["graceful_close"].met is True


@pytest.mark.parametrize(("line", "reply"), [
    ("They'd like you back for a third round.", "Honestly, I'll skip the third round."),
    ("They'd like you back for a third round.", "Four rounds in, I'm going to call it a day."),
    ("They can go to fifty-five.", "Fifty-five. Right. I'm still out, sorry."),
    ("They can go to fifty-five.", "Thanks for trying, but my decision still stands."),
    ("Fancy a look at the Hull office?", "no you're alright pet, ta"),
])
def test_more_ways_of_keeping_a_no(line: str, reply: str) -> None:
    assert RULES.score(reply, line).checks["clear_no"].met is True, reply


@pytest.mark.parametrize("reply", [
    "Cheers, and good luck filling it at that rate.",
    "Same to you. They'll need it with that rota.",
])
def test_luck_wished_with_a_sting_is_a_dig_not_a_warm_end(reply: str) -> None:
    card = RULES.score(reply, "Thanks for letting me know. All the best.")
    assert card.checks["offensive"].met is True, reply
    assert card.checks["graceful_close"].met is False, reply


def test_luck_finding_someone_who_suits_is_sincere() -> None:
    card = RULES.score("Good luck finding someone who suits the role better than I would.")
    assert card.checks["offensive"].met is False
    assert card.checks["graceful_close"].met is True


@pytest.mark.parametrize("reply", [
    "Bold of them to ask for a sixth round. I'm out.",
    "Tell the panel their punctuality is an inspiration to us all.",
    "Forty-one for a lead role is an ambitious number. I'll pass.",
    "The bonus is cute, honestly, but no.",
    "My little nephew makes more walking dogs. No thanks.",
])
def test_mock_praise_of_them_or_their_numbers_is_a_dig(reply: str) -> None:
    assert RULES.score(reply).checks["offensive"].met is True, reply


@pytest.mark.parametrize("reply", [
    "It's an interesting role and a fair number, but I've signed elsewhere.",
    "The office dog was cute. Still, I'm declining.",
    "My brother works there and loves it, but it's not for me.",
])
def test_their_sincere_neighbours_are_not(reply: str) -> None:
    assert RULES.score(reply).checks["offensive"].met is False, reply


@pytest.mark.parametrize("reply", ["I told you already, it's no, sorry.",
                                   "That's kind, but my no is final."])
def test_it_is_no_and_my_no_is_final_are_clear(reply: str) -> None:
    assert RULES.score(reply, CHANGE).checks["clear_no"].met is True, reply


@pytest.mark.parametrize("reply", [
    "Thanks, but I've just signed a six-month secondment with the council.",
    "I'm declining: I've been awarded a bursary for a master's in Cork.",
    "No, I've decided to retrain as a midwife.",
])
def test_a_contract_a_bursary_or_retraining_is_a_reason(reply: str) -> None:
    assert RULES.score(reply, "Hi, have you had a chance to think?").checks[
        "brief_reason"].met is True, reply


def test_a_cut_one_cannot_take_is_a_reason() -> None:
    card = RULES.score("Sorry, I'm on forty now, I can't take a pay cut.", "It's thirty-six.")
    assert card.checks["brief_reason"].met is True


@pytest.mark.parametrize("reply", [
    "I think I'll maybe sit this one out, if that's okay.",
    "hmm i think it probably won't work for me but i'll see",
])
def test_a_hedge_on_sitting_it_out_or_it_not_working_for_me_is_hedged(reply: str) -> None:
    assert RULES.score(reply, "They'd like to meet you on Friday.").checks[
        "hedged"].met is True, reply


def test_a_firm_it_will_not_work_for_me_is_not_hedged() -> None:
    card = RULES.score("Sorry, Friday won't work for me, and I'm withdrawing anyway.",
                       "They'd like to meet you on Friday.")
    assert card.checks["hedged"].met is False


@pytest.mark.parametrize("reply", [
    "I'm not sure how to put this, Sam, but I'm declining the offer.",
    "Not sure it's the news you wanted, but I won't be accepting.",
])
def test_unsure_of_the_wording_or_the_news_is_not_unsure_of_the_no(reply: str) -> None:
    card = RULES.score(reply, "Hi, any news on the offer?")
    assert card.checks["hedged"].met is False, reply
    assert card.checks["clear_no"].met is True, reply


@pytest.mark.parametrize("reply", [
    "Sorry. I might not be signing after all.",
    "I think I may not be joining, to be honest.",
])
def test_might_not_be_signing_or_joining_is_hedged(reply: str) -> None:
    assert RULES.score(reply, "Hi, any news on the offer?").checks["hedged"].met is True


@pytest.mark.parametrize("line", [
    "They can add a season ticket loan to the package.",
    "The client has come back with 4,000 more a year.",
    "They'll offer you another three grand.",
    "She says she can waive the probation period.",
    "They're offering eight per cent more now.",
    "I hear you on Leeds, but they've got something in York as well.",
])
def test_a_sweetener_told_as_news_follows_the_no(line: str) -> None:
    assert ctx.classify(line).is_followup, line


@pytest.mark.parametrize("line", [
    "The base is sixty-one thousand with a bonus on top. Thoughts?",
    "They've offered to pay your train fare for the final interview.",
    "It's 52k, and the role has added on-call cover since we spoke.",
])
def test_first_terms_and_interview_logistics_do_not(line: str) -> None:
    assert not ctx.classify(line).is_followup, line
