"""Fuzzy phrase search with offsets (used by scenario branches and custom items)."""

from __future__ import annotations

from trainer.textmatch import find_any, find_phrase, normalise, tokenize


def test_tokens_keep_offsets_and_apostrophes() -> None:
    text = "I won\u2019t be Accepting, sorry."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["i", "won't", "be", "accepting", "sorry"]
    for t in tokens:
        assert text[t.start:t.end].lower().replace("\u2019", "'") == t.text
    assert normalise(text) == "i won't be accepting sorry"


def test_find_phrase_tolerates_a_dropped_word_and_a_typo() -> None:
    text = "Well I wont accept the offer, sorry"
    match = find_phrase(text, "I won't be accepting the offer", threshold=75)
    assert match is not None and match.text.startswith("I wont accept")
    assert text[match.start:match.end] == match.text
    assert find_phrase(text, "happy to join", threshold=85) is None


def test_find_any_returns_the_best_phrase() -> None:
    match = find_any("let me thing about it", ["I'll consider it", "let me think about it"])
    assert match is not None and match.phrase == "let me think about it"
    assert find_any("", ["anything"]) is None
    assert find_phrase("hello", "") is None
