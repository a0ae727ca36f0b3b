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
    assert score.metrics.words == 50


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
    assert score.checks["too_long"].met and score.metrics.words > 200
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


# -- categories found by the independent evaluation set, each pinned with new sentences --


@pytest.mark.parametrize("ending", [
    "Do keep my CV on file for any later vacancies.",
    "I had a great time meeting the analysts on the second floor.",
    "And thank you for the nine reminder texts; I never once felt overlooked, really.",
])
def test_an_answer_a_compliment_or_a_jibe_is_not_a_warm_close(ending: str) -> None:
    met = scored(f"Dear Hannah,\n\nI won't be continuing with my application. {ending}\n\nLee")
    assert not met["warm_close"]


def test_a_good_wish_naming_the_company_is_a_close() -> None:
    body = ("Dear Andre,\n\nI won't be going ahead with the interview.\n\nI wish Tidewater "
            "Financial every success with its new office.\n\nThanking you,\nRavi")
    assert scored(body, company="Tidewater Financial")["warm_close"]


def test_thanks_and_compliments_around_one_reason_do_not_make_it_run_on() -> None:
    body = ("Dear Priya,\n\nThank you for the offer, and for arranging the tour of the new lab "
            "and the chat about the training budget. I've decided not to accept, as I've taken a "
            "post that keeps me near my parents. The people I met were warm and helpful, and I "
            "was impressed by the culture and the focus on growth. I hope you and your family "
            "have had a good week so far.\n\nWith best wishes,\nSam")
    met = scored(body)
    assert met["brief_reason"] and not met["over_detailed"]


@pytest.mark.parametrize("sentence", [
    "I wanted to let you know that I've signed with a firm closer to my parents.",
    "I've decided not to accept, as I have taken up a role with a housing charity.",
    "I'm declining the offer because I will continue my doctoral studies for a further year.",
    "I'm declining the offer; I've chosen to open my own bakery with my sister.",
])
def test_reasons_in_the_words_letters_use(sentence: str) -> None:
    met = scored(f"Dear Priya,\n\n{sentence}\n\nAll the best,\nSam")
    assert met["brief_reason"]


def test_a_real_list_of_reasons_still_runs_on() -> None:
    body = ("Dear Priya,\n\nI'm declining the offer. The move would take my son out of school "
            "mid-year, my husband would have to leave his job, my mother needs me nearby, and "
            "my current employer has just offered me a promotion.\n\nBest,\nSam")
    met = scored(body)
    assert met["over_detailed"] and not met["brief_reason"]


@pytest.mark.parametrize("complaint", [
    "Your onboarding deck was certainly memorable, I'll give you that.",
    "Moving my interview five times in a fortnight takes real talent.",
    "The open office with the karaoke machine was quite something; I'm sure it suits some.",
    "The base salary was rather thin for the responsibilities involved.",
    "After the fourth postponement I lost some confidence in how organised things are.",
    "The panel seemed uninterested in my answers.",
    "The task was a lot of unpaid work for a first stage.",
    "The bonus scheme seems designed so that no one ever earns it.",
])
def test_backhanded_and_measured_badmouthing(complaint: str) -> None:
    met = scored(f"Dear Hannah,\n\nI won't be continuing with my application. {complaint}"
                 "\n\nLee")
    assert met["offensive"]


@pytest.mark.parametrize("praise", [
    "The team seemed lovely and welcoming.",
    "The process was thorough and well organised.",
    "The interviewers were clearly interested in my work.",
])
def test_praise_is_not_badmouthing(praise: str) -> None:
    assert not scored(f"Dear Hannah,\n\nI won't be continuing with my application. {praise}"
                      "\n\nLee")["offensive"]


def test_apologising_for_ones_own_delay_is_not_badmouthing() -> None:
    met = scored("Dear Hannah,\n\nSorry for taking so long to get back to you. I won't be "
                 "continuing with my application.\n\nLee")
    assert not met["offensive"] and met["clear_no"]


def test_many_apologies_bury_the_decision_though_the_no_stands() -> None:
    met = scored("Dear Hannah,\n\nI'm so sorry. I apologise for the trouble, but I won't be "
                 "accepting the offer. I feel terrible, and I'm sorry again.\n\nLee")
    assert met["hedged"] and met["clear_no"]


def test_a_conditional_no_is_hedged_and_not_clear() -> None:
    met = scored("Dear Hannah,\n\nUnless the base can move, I won't be able to accept the "
                 "offer.\n\nLee")
    assert met["hedged"] and not met["clear_no"] and not met["decision_early"]


def test_a_hedge_about_something_else_does_not_unmake_the_no() -> None:
    met = scored("Dear Hannah,\n\nI need to withdraw my application. My daughter starts "
                 "school in June, and I just don't think I could manage the drive.\n\nLee")
    assert met["clear_no"] and not met["hedged"]


def test_asking_for_more_time_is_not_hedging() -> None:
    met = scored("Dear Hannah,\n\nThank you for the written offer. I'm still mulling it over "
                 "and would like a few more days before I give you my final answer.\n\nLee")
    assert not met["hedged"] and not met["clear_no"]


def test_wont_be_taking_the_offer_is_a_no() -> None:
    assert scored("Hi Hannah,\n\nJust to confirm, I won't be taking the offer.\n\nLee"
                  )["clear_no"]


@pytest.mark.parametrize("sentence", [
    "Thanks to a counter-offer from my current employer, I have decided to stay where I am.",
    "Thank you for the offer; I've accepted a role closer to home, so I'm declining.",
    "I'm grateful for your time, but I've chosen to remain in my current team.",
])
def test_a_reason_in_a_sentence_that_also_thanks_is_still_a_reason(sentence: str) -> None:
    met = scored(f"Dear Priya,\n\nI won't be accepting the offer. {sentence}\n\nBest,\nSam")
    assert met["brief_reason"]


def test_staying_in_touch_and_other_pleasantries_are_not_reasons() -> None:
    body = ("Dear Priya,\n\nI won't be accepting the offer, as I've accepted a role nearer my "
            "family.\n\nThe other people on the panel were generous with their time, and I "
            "would love to stay in touch with you and the team as the new clinic grows.\n\n"
            "Best,\nSam")
    met = scored(body)
    assert met["brief_reason"] and not met["over_detailed"]
