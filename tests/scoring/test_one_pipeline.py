"""One text pipeline: built-in items, custom items and branch ``contains:`` conditions read
the same normalised words (sound-alike repairs included) and ask the same negation helper."""

from __future__ import annotations

from typing import Any

from trainer.scenario.branching import choose_next
from trainer.scenario.model import CustomItem, Scenario
from trainer.scoring import Scorer
from trainer.scoring.heard import HeardReply, phrases
from trainer.scoring.utterance import Utterance, is_negator

DECLINES = CustomItem(name="says_decline", description="Uses the word decline.",
                      phrases=["decline"], threshold=90)
NOT_KEEN = CustomItem(name="not_keen", description="Says they are not keen.",
                      phrases=["not keen"], threshold=90)


def _scenario() -> Scenario:
    data: dict[str, Any] = {
        "id": "s", "title": "T", "situation": "decline_offer", "difficulty": "easy",
        "briefing": "B", "recruiter": {"name": "N", "company": "C", "role": "R"},
        "turns": [
            {"id": "opening", "say": "Hi", "next": [
                {"when": {"contains": ["decline"]}, "goto": "why"},
                {"when": {"contains": ["going to"]}, "goto": "plans"},
                {"goto": "wrap"},
            ]},
            {"id": "why", "say": "Why?"},
            {"id": "plans", "say": "Plans?"},
            {"id": "wrap", "say": "Anything else?"},
        ],
    }
    return Scenario.model_validate(data)


def test_a_custom_item_gets_the_sound_alike_repairs() -> None:
    reply = "i'm going to have to the climb"
    builtin = Scorer().score(reply).checks["clear_no"]
    custom = Scorer([DECLINES]).score(reply).checks["says_decline"]
    assert builtin.met is True and custom.met is True
    assert custom.evidence[0].text == "the climb"


def test_a_branch_condition_gets_the_sound_alike_repairs() -> None:
    s = _scenario()
    decision = choose_next(s, s.turn("opening"), {}, "sorry i have to the climb the offer")
    assert decision.goto == "why"
    assert 'heard "the climb"' in decision.reason


def test_a_branch_phrase_is_normalised_like_the_reply() -> None:
    s = _scenario()  # "gonna" is read as "going to" on both sides
    assert choose_next(s, s.turn("opening"), {}, "i'm gonna stay put").goto == "plans"


def test_a_negated_phrase_holds_for_no_item_and_no_branch() -> None:
    s = _scenario()
    reply = "I'm not going to decline, I'll take it"
    assert choose_next(s, s.turn("opening"), {}, reply).goto != "why"
    custom = Scorer([DECLINES]).score(reply).checks["says_decline"]
    assert custom.met is False and 'negated by "not"' in custom.why
    assert Scorer().score(reply).checks["clear_no"].met is False


def test_a_phrase_with_its_own_negation_is_not_vetoed() -> None:
    result = Scorer([NOT_KEEN]).score("Honestly I'm not keen, sorry.").checks["not_keen"]
    assert result.met is True


def test_the_negation_helper_stops_at_the_clause() -> None:
    utt = Utterance("It's not the money. I decline.")
    index = next(k for k, w in enumerate(utt.words) if w.text == "decline")
    assert utt.negator_before(index, 6) is None
    utt = Utterance("I really don't think I'd decline")
    index = next(k for k, w in enumerate(utt.words) if w.text == "decline")
    assert utt.negator_before(index, 6) == "don't"
    assert is_negator("mightn't") and not is_negator("note")


def test_heard_reply_keeps_original_offsets() -> None:
    reply = "Um, I'm gonna pass, thanks."
    heard = HeardReply(reply).best(phrases(["going to pass"]), 80)
    assert heard is not None
    assert reply[heard.match.start:heard.match.end] == "gonna pass"
