"""The misheard warnings' logic, with a fake scorer: a warning only where the score could turn."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from trainer.speech.misheard import Misheard, misheard_words


def decide(text: str) -> Mapping[str, bool | None]:
    """A stand-in scorer: a clear no, a close and a reason, each on a word or two."""
    lower = text.lower()
    return {
        "clear_no": any(w in lower for w in ("can't accept", "won't", "decline")),
        "close": "all the best" in lower,
        "reason": "below what" in lower,
        "greeting": "priya" in lower,
        "followup": None,
    }


LABELS = {"clear_no": "A clear no", "close": "A warm close", "reason": "A brief reason",
          "greeting": "Greeting by name"}


def timed(reply: str, sure: Mapping[str, float] | None = None, *, pause_before: str = "",
          ) -> tuple[list[tuple[str, float, float]], list[float]]:
    """Word times (0.3 s a word) and probabilities (0.98 unless ``sure`` says otherwise)."""
    words, probabilities, t = [], [], 0.0
    for word in reply.split():
        token = word.strip(".,!?")
        if token == pause_before:
            t += 0.5
        words.append((token, t, t + 0.25))
        probabilities.append((sure or {}).get(token, 0.98))
        t += 0.3
    return words, probabilities


def warnings(reply: str, sure: Mapping[str, float] | None = None, **kwargs: object,
             ) -> tuple[Misheard, ...]:
    words, probabilities = timed(reply, sure, pause_before=str(kwargs.pop("pause", "")))
    return misheard_words(reply, decide, words=words, probabilities=probabilities,
                          label=lambda name: LABELS[name], **kwargs)  # type: ignore[arg-type]


def test_an_unsure_can_that_would_be_a_clear_no_is_flagged_with_its_place() -> None:
    reply = "Thank you, but I can accept it."
    (warning,) = warnings(reply, {"can": 0.62})
    assert warning.reading(reply) == "Thank you, but I can't accept it."
    assert warning.word == "can" and warning.said == "can't"
    assert (warning.start, warning.end) == pytest.approx((1.2, 1.45))  # the fifth word
    assert "62 %" in warning.why and 'if you said "can\'t"' in warning.why
    assert "A clear no would count" in warning.why  # labels, never ids
    assert "clear_no" not in warning.why


def test_a_word_heard_surely_is_trusted() -> None:
    assert warnings("Thank you, but I can accept it.", {"can": 0.85}) == ()


def test_a_confusion_that_changes_no_decision_is_not_flagged() -> None:
    # can / can't is a known confusion, but here it decides nothing
    assert warnings("I can start on Monday.", {"can": 0.3}) == ()


def test_a_clear_no_that_may_have_been_a_yes_is_flagged() -> None:
    (warning,) = warnings("I can't accept the offer.", {"can't": 0.55})
    assert warning.said == "can" and "A clear no would not count" in warning.why


def test_best_heard_as_rest_is_flagged_where_it_closes_the_call() -> None:
    (warning,) = warnings("All the rest with the search.", {"rest": 0.7})
    assert warning.word == "rest" and "A warm close would count" in warning.why


def test_an_unsure_word_with_no_known_confusion_is_not_second_guessed() -> None:
    # trying every unsure word as the meaning words it is spelt like, or as not said at
    # all, raised mostly false alarms in bench/misheard.py
    assert warnings("I will decline the offer.", {"decline": 0.3, "offer": 0.2}) == ()


def test_a_dropped_below_is_flagged_only_where_there_was_room_for_it() -> None:
    reply = "That is still what I can accept."
    assert warnings(reply) == ()  # heard surely, no pause: nothing was dropped
    (warning,) = warnings(reply, pause="what")
    assert warning.word == "" and warning.said == "below" and warning.label == "a missing word"
    assert "A brief reason would count" in warning.why
    assert warning.start is not None and warning.end is not None
    assert warning.reading(reply) == "That is still below what I can accept."
    # a pause the recogniser punctuated ends a phrase: no word is missing there
    assert warnings("That is still. What I can accept.", pause="What") == ()


def test_a_name_heard_as_a_common_word_is_tried_as_the_name() -> None:
    (warning,) = warnings("Hi Pria, thanks.", {"Pria": 0.35}, names=["Priya Shah"])
    assert warning.said == "Priya" and "Greeting by name would count" in warning.why
    assert warnings("Hi Pria, thanks.", {"Pria": 0.35}) == ()  # not a name of this call


def test_without_word_timing_known_confusions_are_still_checked() -> None:
    (warning,) = misheard_words("I can accept it.", decide)
    assert warning.word == "can" and warning.start is None and warning.end is None
    assert misheard_words("", decide) == ()


def test_a_warning_round_trips_through_json_and_bad_fields_are_named() -> None:
    (warning,) = warnings("Thank you, but I can accept it.", {"can": 0.62})
    assert Misheard.from_json(warning.to_json()) == warning
    with pytest.raises(ValueError, match=r"misheard\.start: expected a number"):
        Misheard.from_json({**warning.to_json(), "start": "soon"})
    with pytest.raises(ValueError, match=r"misheard\.why: expected text"):
        Misheard.from_json({"word": "can", "start": 1, "end": 2})


def test_an_engine_that_gives_no_confidence_is_not_doubted_where_it_heard_a_no() -> None:
    # a recogniser loses a "n't" far more often than it adds one: without a confidence,
    # "can't" is taken as heard, and "can" is still checked
    assert misheard_words("I can't accept it.", decide) == ()
    assert [w.said for w in misheard_words("I can accept it.", decide)] == ["can't"]


def test_an_unsure_teen_or_ty_amount_is_flagged_with_the_other_figure() -> None:
    reply = "I was hoping for 80,000 a year, not less."
    words = [("I", 0.0, 0.1), ("was", 0.1, 0.2), ("hoping", 0.2, 0.5), ("for", 0.5, 0.6),
             ("80", 0.6, 0.9), ("000", 0.9, 1.2), ("a", 1.2, 1.3), ("year", 1.3, 1.5),
             ("not", 1.6, 1.8), ("less", 1.8, 2.0)]
    sure = [0.98] * len(words)
    sure[4] = 0.55
    found = misheard_words(reply, decide, words=words, probabilities=sure)
    assert [(m.word, m.said, m.start, m.end) for m in found] == [("80", "18", 0.6, 0.9)]
    assert found[0].line == ('may have misheard "80": "eighty" and "eighteen" sound alike '
                             "(55 % sure); if you said 18,000, correct the figure")
    assert found[0].reading(reply) == "I was hoping for 18,000 a year, not less."
    sure[4] = 0.95  # heard surely: trusted
    assert not misheard_words(reply, decide, words=words, probabilities=sure)


@pytest.mark.parametrize(("reply", "flagged"), [
    ("Could you do fifteen percent more?", "fifteen"),
    ("My notice is 30 days.", "30"),
    ("Anything under £70k is too low.", "£70k"),
    ("I'd need sixty thousand.", "sixty"),
    ("We are 40 people in the team.", None),  # no money, no time
    ("Call me on the 14th.", None),  # no 40th of a month
    ("It was 25,000.", None),  # not a teen or a ty
])
def test_only_amounts_and_lengths_of_time_are_second_guessed(reply: str,
                                                             flagged: str | None) -> None:
    found = misheard_words(reply, decide)  # no confidence from the engine: unsure
    assert [m.word for m in found] == ([flagged] if flagged else [])


def test_a_figure_whose_tens_word_was_heard_as_other_words_is_flagged() -> None:
    # "Fifty-six would be too little" heard as "Fifth 6 would be too little"
    reply = "Fifth 6 would be too little for me."
    words = [(w, i * 0.3, i * 0.3 + 0.25) for i, w in
             enumerate(["Fifth", "6", "would", "be", "too", "little", "for", "me"])]
    sure = [0.9] * len(words)
    sure[1] = 0.45
    found = misheard_words(reply, decide, words=words, probabilities=sure)
    assert [(m.word, m.said, m.start, m.end) for m in found] == [("Fifth 6", "56", 0.0, 0.55)]
    assert found[0].line == ('may have misheard "Fifth 6": "fifty-six" sounds like "fifth 6" '
                             "(45 % sure); if you said 56, correct the figure")
    assert found[0].reading(reply) == "56 would be too little for me."
    sure[1] = 0.9  # the unit heard surely: trusted
    assert not misheard_words(reply, decide, words=words, probabilities=sure)


@pytest.mark.parametrize(("reply", "flagged"), [
    ("Honestly, for the 7 is not enough.", "for the 7"),  # "forty-seven"
    ("Seventh two, and that is my final word.", "Seventh two"),  # "seventy-two"
    ("I liked the third one best.", None),  # an ordinal after an article
    ("We booked it for the one in Derby.", None),  # a unit spelt out after "for the"
    ("Fine for the 2 of us.", None),  # counts something
    ("It is for the 9th.", None),  # a date
])
def test_a_tens_word_heard_as_words_is_told_from_plain_english(reply: str,
                                                                flagged: str | None) -> None:
    found = misheard_words(reply, decide)  # no confidence from the engine: unsure
    assert [m.word for m in found] == ([flagged] if flagged else [])


def test_an_unsure_free_before_a_word_may_have_been_three() -> None:
    reply = "I could give you free weeks, not more. It's free."
    words = [(w, i * 0.3, i * 0.3 + 0.25) for i, w in
             enumerate(["I", "could", "give", "you", "free", "weeks", "not", "more", "It's",
                        "free"])]
    sure = [0.95] * len(words)
    sure[4] = sure[9] = 0.2  # the phrase-final "free" is an adjective, whatever the doubt
    found = misheard_words(reply, decide, words=words, probabilities=sure)
    assert [(m.word, m.said, m.start) for m in found] == [("free", "three", 1.2)]
    assert found[0].line == ('may have misheard "free": "three" and "free" sound alike '
                             "(20 % sure); if you said three, correct the figure")
    assert found[0].reading(reply) == "I could give you three weeks, not more. It's free."
    sure[4] = 0.7  # not unsure enough of an everyday word
    assert not misheard_words(reply, decide, words=words, probabilities=sure)
    assert not misheard_words(reply, decide)  # an engine that gives no confidence: trusted


def test_an_unsure_and_you_may_have_been_thank_you() -> None:
    def thanked(text: str) -> Mapping[str, bool | None]:
        return {"thanks": "thank" in text.lower()}

    reply = "I have, Maren, and you. I'm going to say no."
    words, probabilities = timed(reply, {"and": 0.6})
    found = misheard_words(reply, thanked, words=words, probabilities=probabilities,
                           label=lambda name: "Thanks")
    assert [(m.word, m.said) for m in found] == [("and you", "thank you")]
    assert "Thanks would count" in found[0].why
    words, probabilities = timed(reply)  # heard surely: trusted
    assert not misheard_words(reply, thanked, words=words, probabilities=probabilities)
