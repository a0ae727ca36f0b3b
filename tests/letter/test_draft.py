"""Drafting the follow-up: from the model answers it scores 100; from a poor call it repairs
what was missed and never invents a reason."""

from __future__ import annotations

import re

import pytest

from tests.letter.conftest import call, shipped
from trainer.letter.draft import MAX_WORDS, MIN_WORDS, draft_letter, helpers, model_turns
from trainer.letter.score import scorer_for
from trainer.scenario.model import Scenario
from trainer.scoring import Scorer

SHIPPED = shipped()
IDS = [s.id for s in SHIPPED]


def by_id(scenario_id: str) -> Scenario:
    return next(s for s in SHIPPED if s.id == scenario_id)


def test_every_shipped_scenario_is_drafted() -> None:
    assert len(SHIPPED) >= 8


@pytest.mark.parametrize("scenario", SHIPPED, ids=IDS)
def test_draft_from_the_model_answers_scores_100(scenario: Scenario) -> None:
    draft = draft_letter(scenario, model_turns(scenario), "Sam Rivera")
    score = scorer_for(scenario).score(draft.letter)
    missed = {n: r.why for n, r in score.checks.items()
              if (r.met is True) == (score.kinds[n] == "avoid")
              and not (n == "brief_reason" and not r.met)}
    assert missed == {}
    assert score.overall == 100
    assert MIN_WORDS <= draft.letter.word_count() <= MAX_WORDS
    assert draft.repairs == ()
    assert draft.letter.salutation == f"Dear {scenario.recruiter.name.split()[0]},"
    assert draft.letter.sign_off.endswith("Sam Rivera")


@pytest.mark.parametrize("scenario", SHIPPED, ids=IDS)
def test_the_model_call_lends_the_letter_its_own_reason(scenario: Scenario) -> None:
    draft = draft_letter(scenario, model_turns(scenario))
    replies = " ".join(t.reply for t in model_turns(scenario))
    reason = draft.from_call["reason"]
    assert reason[:-1].lower() in replies.lower()
    assert reason in draft.letter.body


POOR_CALLS = [
    ["uh yeah I don't think I'll take it, sorry", "I dunno, maybe", "ok bye"],
    ["no", "just no", "that's it"],
    ["thanks for calling, but no", "that's none of your business", "bye"],
    ["I'm probably going to say no", "I'd rather not get into it", "ok"],
    ["hi, thank you so much, but I won't be accepting", "I'd rather not say", "all the best, bye"],
    ["sorry, sorry, I might have to decline, I'm not sure", "maybe", "yeah"],
]


def _reason_words(text: str) -> list[str]:
    """Every span the reason detector reads as why, in a text."""
    result = Scorer().score(text).checks["brief_reason"]
    return [e.text for e in result.evidence] if result.met else []


@pytest.mark.parametrize("scenario", SHIPPED, ids=IDS)
@pytest.mark.parametrize("replies", POOR_CALLS, ids=[f"poor{i}" for i in range(len(POOR_CALLS))])
def test_a_poor_call_gets_no_reason_it_did_not_give(scenario: Scenario, replies: list[str]
                                                    ) -> None:
    turns = call(scenario, replies)
    assert not any(t.score.checks["brief_reason"].met for t in turns)
    draft = draft_letter(scenario, turns)
    score = scorer_for(scenario).score(draft.letter)
    assert not score.checks["brief_reason"].met, score.checks["brief_reason"].why
    assert not score.checks["over_detailed"].met
    assert "reason" not in draft.from_call
    # what the user did say is all the letter takes from the call
    said = " ".join(replies).lower()
    for part in draft.from_call.values():
        words = re.findall(r"[a-z']+", part.lower())
        assert all(w in said for w in words), part
    assert MIN_WORDS <= draft.letter.word_count() <= MAX_WORDS
    assert not score.checks["offensive"].met and not score.checks["hedged"].met


@pytest.mark.parametrize("scenario", SHIPPED, ids=IDS)
def test_a_given_reason_is_the_users_own_words(scenario: Scenario) -> None:
    replies = ["Thank you for the offer. I won't be accepting it; the commute would be too long "
               "for my family.", "Of course.", "Thanks again, and all the best to the team."]
    draft = draft_letter(scenario, call(scenario, replies))
    assert draft.from_call["reason"] == "The commute would be too long for my family."
    letter_reasons = _reason_words(scorer_for(scenario).mask(draft.letter.letter_text()))
    assert letter_reasons
    for span in letter_reasons:
        assert span.lower() in " ".join(replies).lower()


def test_what_the_call_missed_is_repaired_and_said_so() -> None:
    scenario = by_id("offer-accepted-elsewhere")
    draft = draft_letter(scenario, call(scenario, ["um I think I'll probably say no", "yeah",
                                                   "ok bye"]))
    assert [r.item for r in draft.repairs] == ["thanks", "clear_no", "graceful_close"]
    assert "Priya" in draft.repairs[0].message
    body = draft.letter.body
    assert "I'm writing to confirm that I won't be accepting the offer for the data analyst role" \
        in body
    score = scorer_for(scenario).score(draft.letter)
    for item in ("thanks", "clear_no", "warm_close", "decision_early", "subject_clear"):
        assert score.checks[item].met, item


def test_a_no_that_wavered_later_is_restated_plainly() -> None:
    scenario = by_id("compensation-counter-offer")
    turns = call(scenario, ["Thank you for the offer, but I won't be accepting it.",
                            "Hmm, maybe, let me think about it, I'm not sure."])
    draft = draft_letter(scenario, turns)
    repair = next(r for r in draft.repairs if r.item == "clear_no")
    assert "thanks" not in [r.item for r in draft.repairs]
    assert "wavered" in repair.message
    assert "As I said" not in draft.letter.body


def test_a_reason_that_ran_the_company_down_is_left_out() -> None:
    scenario = by_id("role-not-a-fit")
    turns = call(scenario, ["Thank you, but I won't be accepting. Honestly the salary was "
                            "frankly cheap.", "No.", "Bye."])
    assert turns[0].score.checks["offensive"].met
    draft = draft_letter(scenario, turns)
    assert "offensive" in [r.item for r in draft.repairs]
    assert "cheap" not in draft.letter.text().lower()
    assert "reason" not in draft.from_call


def test_a_reason_that_ran_on_is_cut_to_its_first_part() -> None:
    scenario = by_id("offer-accepted-elsewhere")
    turns = call(scenario, ["Thank you, but I won't be accepting. The commute is too long, the "
                            "salary is lower than I hoped, my kids start a new school, and I've "
                            "also had another offer."])
    assert turns[0].score.checks["over_detailed"].met
    draft = draft_letter(scenario, turns)
    assert "over_detailed" in [r.item for r in draft.repairs]
    score = scorer_for(scenario).score(draft.letter)
    assert not score.checks["over_detailed"].met
    assert "school" not in draft.letter.body


def test_the_users_own_thanks_and_close_are_used() -> None:
    scenario = by_id("decline-second-interview")
    turns = call(scenario, ["Thank you so much for the kind feedback from the team. I've decided "
                            "to withdraw from the process.", "No, nothing.",
                            "Good luck with the hiring, and I hope we meet again one day."])
    draft = draft_letter(scenario, turns)
    assert draft.from_call["thanks"] == "Thank you so much for the kind feedback from the team."
    assert draft.from_call["close"] == ("Good luck with the hiring, and I hope we meet again one "
                                        "day.")
    assert draft.letter.body.startswith("Thank you so much for the kind feedback")


def test_without_a_name_the_letter_ends_at_the_sign_off() -> None:
    scenario = by_id("role-not-a-fit")
    draft = draft_letter(scenario, model_turns(scenario), "  ")
    assert draft.letter.sign_off == "Best regards,"


def test_the_people_who_helped_are_found_in_the_briefing_and_the_items() -> None:
    assert helpers(by_id("offer-accepted-elsewhere")) == ["Daniel"]
    assert helpers(by_id("disappointed-recruiter")) == ["Renata"]
    assert helpers(by_id("cancel-interview-early")) == []  # Megan is the recruiter
    draft = draft_letter(by_id("offer-accepted-elsewhere"), [])
    assert "Please pass my thanks on to Daniel" in draft.letter.body


def test_an_empty_call_still_gives_a_complete_letter() -> None:
    scenario = by_id("decline-interview-invitation")
    draft = draft_letter(scenario, [])
    score = scorer_for(scenario).score(draft.letter)
    assert score.overall == 100
    assert {r.item for r in draft.repairs} == {"thanks", "clear_no", "graceful_close"}


def test_unpunctuated_speech_is_cut_into_clean_clauses() -> None:
    scenario = by_id("decline-interview-invitation")
    turns = call(scenario, [
        "hi andre um thank you so much for thinking of me but I won't be going ahead with the "
        "interview I've accepted a job at another bank",
        "that's kind of you but I'm settled now thanks", "yes please do",
        "no that's everything thanks again for calling and good luck finding someone great for "
        "the role"])
    draft = draft_letter(scenario, turns)
    assert draft.from_call == {
        "thanks": "Thank you so much for thinking of me.",
        "reason": "I've accepted a job at another bank.",
        "close": "Thanks again for calling and good luck finding someone great for the role.",
    }
    assert scorer_for(scenario).score(draft.letter).overall == 100


def test_a_hedged_no_later_said_plainly_is_not_claimed_as_said_clearly() -> None:
    """The phase-1 fault: a hedged first no, then "Yeah, no, I don't think so" to a
    counter-offer, drafted "As I said when we spoke" as if the no had been clear."""
    scenario = by_id("compensation-counter-offer")
    scorer = Scorer(scenario.items)
    lines = [
        ("I was hoping to hear what you've decided about the operations manager offer.",
         "Oh, hi. Um, yeah, I think I'm probably going to say no to it, sorry."),
        ("I've got approval to go up another eight thousand on the base. Would that change "
         "things?", "Hmm, I don't know. Maybe. Let me think about it."),
        ("What if we made it hybrid, with two fully remote days a week?",
         "Yeah, no, I don't think so."),
        ("Would you be open to us reaching out if a more senior role opens up?", "Sure, whatever."),
        ("Well, anything else before I let you go?", "No. Okay, bye."),
    ]
    turns = [(say, reply, scorer.score(reply, say)) for say, reply in lines]
    draft = draft_letter(scenario, turns)
    assert "As I said" not in draft.letter.body
    assert "I'm writing to confirm that I won't be accepting the offer" in draft.letter.body
    repair = next(r for r in draft.repairs if r.item == "clear_no")
    assert "does not claim you said it clearly" in repair.message
    assert "reason" not in draft.from_call
