"""Scoring a letter: the reply detectors in written mode, the letter's own items, evidence."""

from __future__ import annotations

import pytest

from trainer.letter.items import LETTER_DO, LETTER_PITFALLS
from trainer.letter.letter import Letter, split_letter
from trainer.letter.score import LetterScorer, score_letter
from trainer.scenario.model import CustomItem

GOOD = """Dear Priya,

Thank you for the offer and for all your help. I'm writing to let you know that I won't be
accepting it, as I've accepted a role closer to home.

I wish you and the team every success, and I hope we stay in touch.

Kind regards,
Sam"""


def scored(body: str, subject: str = "Data analyst offer: declining", **kw: str) -> dict[
        str, bool | None]:
    return LetterScorer(**kw).score(split_letter(body, subject)).met()  # type: ignore[arg-type]


def test_a_good_letter_meets_every_item_with_evidence_in_the_text() -> None:
    score = score_letter(split_letter(GOOD, "Data analyst offer: declining"))
    assert list(score.checks) == [*LETTER_DO, *LETTER_PITFALLS]
    assert score.overall == 100
    for name in LETTER_DO:
        result = score.checks[name]
        assert result.met, (name, result.why)
        assert result.evidence, name
        for ev in result.evidence:
            assert score.reply[ev.start:ev.end] == ev.text
    assert score.checks["subject_clear"].evidence[0].text in ("offer", "declining")
    assert score.reply.startswith("Subject: Data analyst offer: declining\n\n")
    assert score.metrics["words"] == 50


def test_a_letter_wrapped_at_72_columns_reads_as_whole_sentences() -> None:
    wrapped = ("Dear Priya,\n\nThank you for the offer. I'm writing to let you know that I won't"
               "\nbe accepting it, as I've accepted a role closer to home.\n\nAll the best,\nSam")
    met = scored(wrapped)
    assert met["clear_no"] and met["decision_early"] and met["brief_reason"]


def test_a_bare_sign_off_is_not_a_warm_close() -> None:
    body = "Dear Priya,\n\nThank you for the offer. I won't be accepting it.\n\nBest wishes,\nSam"
    met = scored(body)
    assert met["thanks"] and met["clear_no"] and not met["warm_close"]


def test_warmth_only_at_the_start_is_not_a_close() -> None:
    body = ("Hi Tom,\n\nThank you so much for thinking of me. I won't be going ahead with the "
            "interview.\n\nRegards,\nAlex")
    assert not scored(body)["warm_close"]


def test_thanking_again_at_the_end_is_a_close_but_a_bare_thank_you_is_not() -> None:
    again = ("Dear Tom,\n\nI won't be going ahead with the interview. Thank you again for "
             "everything.")
    bare = "Dear Tom,\n\nI won't be going ahead with the interview. Thank you.\n\nAlex"
    assert scored(again)["warm_close"]
    assert not scored(bare)["warm_close"]


@pytest.mark.parametrize(("subject", "clear"), [
    ("Data analyst offer: declining with thanks", True),
    ("Withdrawing my application - Backend Engineer", True),
    ("Re: Interview on Tuesday - declining with thanks", True),
    ("Data analyst offer: my decision", True),
    ("Cancelling my interview on the 14th", True),
    ("", False),
    ("Hi", False),
    ("Update", False),
    ("Quick note", False),
    ("Thanks!", False),
    ("Data analyst offer", False),
    ("Accepting the data analyst offer", False),
    ("Question about the offer?", False),
    ("Not accepting the data analyst offer", True),
    ("Declining with thanks", True),
    ("Decision", False),
    ("Re: Next steps", False),
])
def test_subject_lines(subject: str, clear: bool) -> None:
    assert scored(GOOD, subject)["subject_clear"] is clear


def test_a_subject_naming_only_the_role_is_about_it_when_the_role_is_known() -> None:
    assert scored(GOOD, "My decision - Data Analyst", role="Data Analyst")["subject_clear"]
    assert not scored(GOOD, "My decision - Data Analyst")["subject_clear"]


def test_the_decision_must_come_in_the_first_two_sentences() -> None:
    late = ("Dear Priya,\n\nIt was lovely to meet everyone. The case study was fun. I have decided "
            "not to accept the offer.\n\nAll the best for the future,\nSam")
    early = ("Dear Priya,\n\nIt was lovely to meet everyone. I have decided not to accept the "
             "offer.\n\nAll the best for the future,\nSam")
    assert scored(late)["clear_no"] and not scored(late)["decision_early"]
    assert scored(early)["decision_early"]


def test_hedging_badmouthing_and_length_are_pitfalls() -> None:
    hedged = "Dear Priya,\n\nI think I'll probably have to decline, sorry.\n\nSam"
    met = scored(hedged)
    assert met["hedged"] and not met["clear_no"] and not met["decision_early"]
    rude = "Dear Priya,\n\nI won't be accepting. Your salary was frankly insulting.\n\nSam"
    assert scored(rude)["offensive"]
    long = GOOD.replace("Thank you for the offer", "Thank you for the offer. " + "I enjoyed "
                        "meeting the team and seeing the office. " * 20)
    score = score_letter(split_letter(long, "Offer: declining"))
    assert score.checks["too_long"].met and score.metrics["words"] > 200
    assert score.overall < 100


def test_the_company_name_is_not_read_as_a_reason() -> None:
    body = ("Dear Andre,\n\nThank you for the invitation. I won't be going ahead with the "
            "interview at Tidewater Financial.\n\nI wish you all the best.\n\nSam")
    assert scored(body, company="Tidewater Financial")["brief_reason"] is False
    assert scored(body)["brief_reason"] is True  # "Financial" reads as money without the mask


def test_custom_letter_items_are_scored_like_custom_reply_items() -> None:
    item = CustomItem(name="names_daniel", description="Thanks Daniel too.",
                      phrases=["thanks to Daniel", "thank Daniel"])
    avoid = CustomItem(name="mentions_salary", description="Brings up money.", kind="avoid",
                       phrases=["the salary"])
    scorer = LetterScorer([item, avoid], role="Data analyst")
    with_daniel = scorer.score(split_letter(GOOD.replace("Kind regards", "Please pass my "
                                                         "thanks to Daniel.\n\nKind regards"),
                                            "Offer: declining")).checks
    assert with_daniel["names_daniel"].met and with_daniel["names_daniel"].evidence
    assert with_daniel["mentions_salary"].met is False
    plain = scorer.score(split_letter(GOOD, "Offer: declining"))
    assert plain.checks["names_daniel"].met is False
    assert plain.kinds["mentions_salary"] == "avoid"
    assert list(plain.checks).index("names_daniel") < list(plain.checks).index("offensive")
    assert plain.overall < 100


def test_a_missing_reason_is_not_held_against_the_letter() -> None:
    body = ("Dear Priya,\n\nThank you for the offer. I won't be accepting it.\n\nThank you again, "
            "and all the best.\n\nSam")
    score = score_letter(split_letter(body, "Data analyst offer: declining"))
    assert score.checks["brief_reason"].met is False
    assert score.overall == 100


def test_an_empty_letter_meets_nothing_and_does_not_crash() -> None:
    score = score_letter(Letter("", "", "", ""))
    assert not any(score.checks[n].met for n in LETTER_DO)
    assert score.overall == 0


@pytest.mark.parametrize(("sentence", "clear", "hedged"), [
    ("I'm no longer able to attend the interview.", True, False),
    ("I won't be able to make the interview on Friday and won't be rescheduling.", True, False),
    ("Please withdraw my application.", True, False),
    ("I don't believe I'll be accepting the offer.", False, True),
    ("I suspect I'll have to pass on the offer.", False, True),
    ("I don't think the timing is right, so I'm declining the offer.", True, False),
    ("I am pleased to accept the offer.", False, False),
])
def test_written_ways_of_saying_and_hedging_no(sentence: str, clear: bool, hedged: bool) -> None:
    met = scored(f"Dear Hannah,\n\n{sentence}\n\nBest,\nLee")
    assert (met["clear_no"], met["hedged"]) == (clear, hedged)
    assert met["decision_early"] == clear


@pytest.mark.parametrize("close", [
    "Please keep me in mind for future opportunities.",
    "I hope to have the opportunity to work with you in the future.",
    "Let's keep in touch.",
    "Best of luck with the search.",
])
def test_keeping_the_door_open_is_a_warm_close(close: str) -> None:
    assert scored(f"Dear Hannah,\n\nI won't be continuing with my application. {close}\n\nLee"
                  )["warm_close"]


def test_good_wishes_before_the_decision_are_not_a_close() -> None:
    body = ("Dear Hannah,\n\nThank you so much for everything, and I wish you well. I won't be "
            "continuing with my application.\n\nLee")
    assert not scored(body)["warm_close"]


def test_cheers_as_a_sign_off_is_not_thanks_but_many_thanks_is() -> None:
    assert not scored("Hi Hannah,\n\nI won't be continuing.\n\nCheers,\nLee")["thanks"]
    assert scored("Hi Hannah,\n\nI won't be continuing.\n\nMany thanks,\nLee")["thanks"]


@pytest.mark.parametrize("complaint", [
    "Frankly, I expected a more professional interview.",
    "The role is beneath my experience.",
    "Your recruiter never replied to my emails.",
    "The package simply isn't competitive.",
])
def test_written_complaints_are_badmouthing_and_the_reason(complaint: str) -> None:
    met = scored(f"Dear Hannah,\n\nI won't be continuing with my application. {complaint}"
                 "\n\nLee")
    assert met["offensive"] and met["brief_reason"]


def test_a_neutral_reason_is_not_badmouthing() -> None:
    met = scored("Dear Hannah,\n\nI won't be continuing; the salary is below what I need.\n\nLee")
    assert met["brief_reason"] and not met["offensive"]


@pytest.mark.parametrize(("sentence", "clear"), [
    ("I'm writing to formally decline the offer.", True),
    ("I wish to withdraw my application.", True),
    ("This email is to confirm that I am declining the offer.", True),
    ("I don't want to decline the offer.", False),
])
def test_a_letter_that_writes_to_decline(sentence: str, clear: bool) -> None:
    assert scored(f"Dear Hannah,\n\n{sentence}\n\nLee")["clear_no"] is clear
