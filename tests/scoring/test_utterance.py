"""Canonical words: repairs of misheard words, clause marks, and offsets into the original."""

from __future__ import annotations

import pytest

from trainer.scoring.soundalike import phonetic_key
from trainer.scoring.utterance import MAX_CHARS, Utterance


@pytest.mark.parametrize(("heard", "canonical"), [
    ("i've decided to the climb the offer", "i've decided to decline the offer"),
    ("regret ably i can't", "regrettably i can't"),
    ("i really a pre she ate it", "i really appreciate it"),
    ("thank ewe for calling", "thank you for calling"),
    ("but think you for asking", "but thank you for asking"),
    ("i'd love to except the offer", "i'd love to accept the offer"),
    ("i want to with draw my application", "i want to withdraw my application"),
    ("i'm gonna pass", "i'm going to pass"),
    ("im not sure", "i'm not sure"),
    ("I will not be accepting", "i won't be accepting"),
    ("i am declining", "i'm declining"),
])
def test_repairs(heard: str, canonical: str) -> None:
    assert Utterance(heard).joined == canonical


@pytest.mark.parametrize("text", [
    "i think you should know",
    "everything except the salary",
    "that's great, full time suits me",
    "to the office",
])
def test_real_words_are_left_alone(text: str) -> None:
    assert Utterance(text).joined == Utterance(text).joined.lower()
    assert all(not w.heard for w in Utterance(text).words)


def test_phonetic_key_is_coarse_on_purpose() -> None:
    assert phonetic_key("the climb") == phonetic_key("decline")
    assert phonetic_key("a pre she ate") == phonetic_key("appreciate")
    assert phonetic_key("regret ably") == phonetic_key("regrettably")
    assert phonetic_key("accept") != phonetic_key("decline")


def test_evidence_points_into_the_original_text() -> None:
    text = "Well, I\u2019ve decided to the climb it."
    utt = Utterance(text)
    index = next(k for k, w in enumerate(utt.words) if w.text == "decline")
    ev = utt.evidence(index, index + 1)
    assert ev is not None and ev.text == "the climb" and text[ev.start:ev.end] == "the climb"


def test_punctuation_becomes_clause_and_sentence_marks() -> None:
    utt = Utterance("Thanks, but no. I'm sure? Yes!")
    assert utt.joined == "thanks , but no . i'm sure ? yes ."
    assert utt.clause[0] != utt.clause[2]
    assert utt.sentence[2] == utt.sentence[0]
    assert utt.sentence[-1] != utt.sentence[0]


def test_numbers_keep_their_separators() -> None:
    assert Utterance("The budget is 62,000.").joined == "the budget is 62,000 ."


def test_possessive_s_is_split_off() -> None:
    assert Utterance("the commute's too long").joined == "the commute 's too long"
    assert Utterance("it's a no").joined == "it's a no"


@pytest.mark.parametrize("text", [
    "", "   ", "\x00\x01\x07", "🙂🙂 no thanks 🙏", "ünïcödé café", "a" * 50, "...,,,???",
    "\u200b\u202e reversed", "line\nbreaks\r\nand\ttabs",
])
def test_any_text_gives_words_without_crashing(text: str) -> None:
    utt = Utterance(text)
    for word in utt.words:
        assert 0 <= word.start <= word.end <= len(text)


def test_very_long_text_is_cut_for_analysis() -> None:
    text = "no thanks " * (MAX_CHARS // 5)
    utt = Utterance(text)
    assert utt.truncated
    assert max(w.end for w in utt.words) <= MAX_CHARS
