"""Name repair: words heard by sound are written as the call's name, and nothing else changes.

Real espeak-ng phonemes; the names and sentences are new ones, written for these tests (none
is from a bench or evaluation set). ``ordinary`` stands in for Whisper's vocabulary with a
small list of everyday words, so these tests need no speech model.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from trainer.scoring.scorer import Scorer
from trainer.speech.misheard import misheard_words
from trainer.speech.name_repair import PROTECTED, distance, phonemes, repair_names

EVERYDAY = frozenset([
    "a", "about", "after", "all", "am", "and", "are", "at", "back", "be", "but", "by", "call",
    "calling", "day", "decided", "for", "from", "go", "going", "have", "hello", "hi", "i", "in",
    "interested", "is", "it", "just", "me", "meet", "my", "no", "not", "of", "on", "pass",
    "please", "put", "so", "sorry", "spoke", "staying", "stay", "sure", "thank", "thanks",
    "the", "this", "to", "tomorrow", "we", "where", "will", "with", "yesterday", "you",
])
"""(Not "quay": an everyday word Whisper's vocabulary lacks, kept by the length rule.)"""


def ordinary(word: str) -> bool:
    return word in EVERYDAY


def repaired(text: str, *vocabulary: str) -> str:
    return repair_names(text, (), (), vocabulary, ordinary)[0]


@pytest.mark.parametrize(("heard", "vocabulary", "written"), [
    ("Hello Shevaun, I have decided to stay.", ["Siobhan Walsh", "Dunmore Logistics"],
     "Hello Siobhan, I have decided to stay."),
    ("I spoke to Oshin yesterday.", ["Oisín Daly"], "I spoke to Oisín yesterday."),
    ("Hi Grawnya, I am staying put.", ["Gráinne Murphy"], "Hi Gráinne, I am staying put."),
    ("Thanks, Shao Ming, but I will stay.", ["Xiaoming Li"], "Thanks, Xiaoming, but I will stay."),
    ("Hi Ade buyo, sorry but no.", ["Adebayo Okafor"], "Hi Adebayo, sorry but no."),
    ("Hi Chiddy, sorry but no.", ["Chidi Eze", "Tarn Valley Foods"], "Hi Chidi, sorry but no."),
])
def test_a_name_heard_by_sound_is_written_as_the_call_spells_it(
        heard: str, vocabulary: list[str], written: str) -> None:
    assert repaired(heard, *vocabulary) == written


@pytest.mark.parametrize(("heard", "vocabulary"), [
    ("I will meet you at the quay tomorrow.", ["Keyes Partners"]),  # an everyday word
    ("I am not sure, Niamh, thanks.", ["Niamh Brennan"]),  # the name as it is spelt
    ("Thank you, Mr Keane, goodbye.", ["Dervla Keane"]),
    ("Hi Sean, I am not interested.", ["Shaun Baker", "Shawn Price"]),  # two names fit alike
    ("I know, it is no, thanks.", ["Noh Yun", "Knott Haulage", "Thanx Ltd"]),  # meaning words
    ("Hello Shevaun, I have decided to stay.", []),  # no names in the call
])
def test_words_that_are_not_a_name_of_the_call_are_left_as_heard(
        heard: str, vocabulary: list[str]) -> None:
    assert repaired(heard, *vocabulary) == heard


def test_meaning_words_are_never_taken_away_even_beside_a_sound_alike_name() -> None:
    # "Nottingham" would swallow "not in Gum" if a run could hold a negation
    for heard in ("I'm not in Gum, sorry.", "No, Tingham, thanks.", "Thanks Giving Ltd is fine."):
        out = repaired(heard, "Nottingham Forest", "Thanksgiving Partners", "Notting Hill")
        for word in PROTECTED:
            assert out.lower().split().count(word) >= heard.lower().split().count(word), out


def test_repairs_say_what_was_heard_and_keep_the_times() -> None:
    text = "Thank you, and gozi, but no."
    words = [("Thank", 0.0, 0.3), ("you,", 0.3, 0.5), ("and", 0.6, 0.7), ("gozi,", 0.7, 1.1),
             ("but", 1.3, 1.4), ("no.", 1.4, 1.7)]
    new_text, new_words, probabilities, repairs = repair_names(
        text, words, [0.9, 0.9, 0.4, 0.3, 0.9, 0.95], ["Ngozi Adeyemi"], ordinary)
    assert new_text == "Thank you, and Ngozi, but no."
    assert [(r.heard, r.name, r.start, r.end) for r in repairs] == [("gozi", "Ngozi", 0.7, 1.1)]
    assert new_words[3] == ("Ngozi", 0.7, 1.1) and len(new_words) == len(words)
    assert probabilities == (0.9, 0.9, 0.4, 0.3, 0.9, 0.95)


def test_a_run_of_words_becomes_one_timed_word() -> None:
    text = "No, I am Wu, sorry."
    words = [("No,", 0.0, 0.3), ("I", 0.4, 0.5), ("am", 0.5, 0.6), ("Wu,", 0.6, 0.9),
             ("sorry.", 1.0, 1.5)]
    new_text, new_words, probabilities, repairs = repair_names(
        text, words, [0.9, 0.5, 0.6, 0.4, 0.9], ["Hyun-woo Park"], ordinary)
    assert new_text == "No, Hyun-woo, sorry."
    assert new_words == (("No,", 0.0, 0.3), ("Hyun-woo", 0.4, 0.9), ("sorry.", 1.0, 1.5))
    assert probabilities == (0.9, 0.4, 0.9)  # the run is as sure as its least sure word
    assert repairs[0].heard == "I am Wu"


def test_phonemes_compare_sounds_not_spellings() -> None:
    caoimhe, keeva, kevin = phonemes(["Caoimhe", "Keeva", "Kevin"])
    assert distance(keeva, caoimhe) < 0.1  # spelt nothing alike, said alike
    assert distance(kevin, caoimhe) > 0.34
    assert repair_names("Same text.", (), (), ["Caoimhe"], ordinary)[0] == "Same text."


def test_repair_is_deterministic() -> None:
    text = "Hello Shevaun and Grawnya, I spoke to Oshin."
    vocabulary = ["Siobhan Walsh", "Gráinne Murphy", "Oisín Daly"]
    first = repair_names(text, (), (), vocabulary, ordinary)
    assert all(repair_names(text, (), (), vocabulary, ordinary) == first for _ in range(3))


def test_the_scorecard_says_a_repaired_name_is_a_repair() -> None:
    scorer = Scorer()
    reply = "Thanks, Siobhan, but I have decided to stay where I am."

    def decide(text: str) -> dict[str, bool | None]:
        return scorer.score(text).met()

    found = misheard_words(reply, decide, names=["Siobhan Walsh"],
                           repaired=[("Shevaun", "Siobhan", 0.5, 0.9)])
    warning = next(m for m in found if m.word == "Siobhan")
    assert (warning.start, warning.end, warning.said) == (0.5, 0.9, "Shevaun")
    assert warning.line == ('may have misheard "Siobhan": heard as "Shevaun" and written as '
                            'the call\'s name "Siobhan"')
    assert warning.reading(reply) == "Thanks, Shevaun, but I have decided to stay where I am."
    # no repair, no warning: a clear reply heard clearly gets none
    assert not [m for m in misheard_words(reply, decide, names=["Siobhan Walsh"])
                if m.word == "Siobhan"]


def test_a_name_that_sounds_like_a_meaning_word_is_never_written() -> None:
    # the scorer reads "Thanx" as thanks: a call with such a name must not put it in a reply
    assert repaired("Hi Thangs, I will stay.", "Thanx Adeyemi") == "Hi Thangs, I will stay."
    assert repaired("Hi Thangslee, I will stay.", "Thangsley Ade") == "Hi Thangsley, I will stay."


@pytest.mark.parametrize(("heard", "written"), [
    ("Good luck to you two, and thanks.", "Good luck to you too, and thanks."),
    ("I'll pass on Lisbon two.", "I'll pass on Lisbon too."),
    ("Me two!", "Me too!"),
    ("I need two weeks, and so do you two.", "I need two weeks, and so do you too."),
    ("We could meet at two.", "We could meet at two."),  # a time
    ("It is just the two.", "It is just the two."),
    ("Two.", "Two."),
    # any word that takes no count: "too" ends the phrase
    ("I'll skip the offsite two, if that's fine.", "I'll skip the offsite too, if that's fine."),
    ("The commute is long and the pay is low two.", "The commute is long and the pay is low too."),
    ("I'd turn down a major two.", "I'd turn down a major too."),
    ("I'll skip at one two.", "I'll skip at one too."),
    # a word that takes a count keeps the figure
    ("I could start in a week or two.", "I could start in a week or two."),
    ("I have two.", "I have two."),
    ("We are on week two, I think.", "We are on week two, I think."),
    ("It was twenty-two.", "It was twenty-two."),
    ("The number is thirty two.", "The number is thirty two."),
    ("Okay. Two.", "Okay. Two."),
    ("I'd like those two.", "I'd like those two."),
])
def test_a_phrase_final_two_after_a_word_that_takes_no_count_is_too(
        heard: str, written: str) -> None:
    from trainer.speech.homophones import too_not_two

    words = [(w.strip(".,!"), float(i), i + 0.5) for i, w in enumerate(heard.split())]
    text, timed = too_not_two(heard, words)
    assert text == written
    assert [w for w, _, _ in timed] == [w.strip(".,!") for w in written.split()]
    assert [t for _, t, _ in timed] == [t for _, t, _ in words]


@pytest.mark.parametrize(("heard", "timed", "written", "words"), [
    # "that one too" heard as "at 1-2", timed as one word or as "1" and "2"
    ("I'll let go of that 1-2.", ["I'll", "let", "go", "of", "that", "1-2"],
     "I'll let go of that one too.", ["I'll", "let", "go", "of", "that", "one", "too"]),
    ("I'm skipping at 1-2, sorry.", ["I'm", "skipping", "at", "1", "2", "sorry"],
     "I'm skipping at one too, sorry.", ["I'm", "skipping", "at", "one", "too", "sorry"]),
    # a range stays a range
    ("The move takes 1-2.", ["The", "move", "takes", "1-2"],
     "The move takes 1-2.", ["The", "move", "takes", "1-2"]),
    ("We need 1-2 more weeks.", ["We", "need", "1-2", "more", "weeks"],
     "We need 1-2 more weeks.", ["We", "need", "1-2", "more", "weeks"]),
])
def test_a_phrase_final_one_two_is_one_too(heard: str, timed: list[str], written: str,
                                           words: list[str]) -> None:
    from trainer.speech.homophones import too_not_two

    text, found = too_not_two(heard, [(w, float(i), i + 0.5) for i, w in enumerate(timed)])
    assert text == written
    assert [w for w, _, _ in found] == words
    assert found[0][1] == 0.0 and found[-1][2] == len(timed) - 0.5  # the same span of audio
    assert all(a[2] <= b[1] for a, b in pairwise(found))


@pytest.mark.parametrize(("heard", "written"), [
    ("The job means commuting for days a week.", "The job means commuting four days a week."),
    ("For nights per month I'd be on call.", "Four nights per month I'd be on call."),
    ("I can only do to shifts a fortnight.", "I can only do two shifts a fortnight."),
    # a "for" or a "to" that is English as it is stays
    ("I waited for days, then said no.", "I waited for days, then said no."),
    ("I'm used to weekends a bit quieter.", "I'm used to weekends a bit quieter."),
    ("Three days a week is fine.", "Three days a week is fine."),
])
def test_a_for_or_to_that_counts_a_rate_is_the_figure(heard: str, written: str) -> None:
    from trainer.speech.homophones import as_meant

    words = [(w.strip(".,"), float(i), i + 0.5) for i, w in enumerate(heard.split())]
    text, timed = as_meant(heard, words)
    assert text == written
    assert [w for w, _, _ in timed] == [w.strip(".,") for w in written.split()]
    assert [t for _, t, _ in timed] == [t for _, t, _ in words]


def test_a_sound_carried_over_from_the_word_before_is_not_held_against_the_name() -> None:
    # "afternoon Íde" heard as "afternoon, Needa": the n is the greeting's
    assert repaired("Good afternoon, Needa. I will pass.", "Íde Doyle") == (
        "Good afternoon, Íde. I will pass.")
    assert repaired("Thanks, Needa. I will pass.", "Íde Doyle") == "Thanks, Needa. I will pass."


@pytest.mark.parametrize(("heard", "vocabulary"), [
    # the call's company is an everyday word in another form: the word said is kept
    ("I hope the brewery does well, thanks.", ["Harwick Brewers", "Tamsin Ede"]),
    ("Best of luck to the roastery.", ["Fitzroy Roasters"]),
    ("I loved the bakery, but no.", ["Oakhill Bakers"]),
])
def test_an_everyday_word_is_not_taken_for_the_company_word_it_is_a_form_of(
        heard: str, vocabulary: list[str]) -> None:
    assert repaired(heard, *vocabulary) == heard


def test_a_name_spelt_otherwise_or_without_its_accents_is_still_the_name() -> None:
    assert repaired("I'm staying in Torun, sorry.", "Toruń") == "I'm staying in Toruń, sorry."
    assert repaired("Hi Bronwen, I will pass.", "Bronwyn Ellis") == "Hi Bronwyn, I will pass."


def test_a_name_heard_with_the_rest_of_its_sound_as_a_word_beside_it_is_one_name() -> None:
    # the name written right, then the rest of it heard as a word: one name, not two
    text = "Hi, Saoirse Sersha. Sorry, but no."
    words = [("Hi", 0.0, 0.2), ("Saoirse", 0.3, 0.6), ("Sersha", 0.6, 1.0), ("Sorry", 1.2, 1.5),
             ("but", 1.5, 1.6), ("no", 1.6, 1.9)]
    new_text, new_words, probabilities, repairs = repair_names(
        text, words, [0.8, 0.2, 0.3, 0.9, 0.9, 0.9], ["Saoirse Kavanagh"], ordinary)
    assert new_text == "Hi, Saoirse. Sorry, but no."
    assert new_words[1] == ("Saoirse", 0.3, 1.0) and len(new_words) == len(words) - 1
    assert probabilities == (0.8, 0.2, 0.9, 0.9, 0.9)
    assert [(r.heard, r.name) for r in repairs] == [("Saoirse Sersha", "Saoirse")]
    # said twice, apart, the name stays twice
    twice = "Saoirse, Saoirse, sorry, but no."
    assert repaired(twice, "Saoirse Kavanagh") == twice
