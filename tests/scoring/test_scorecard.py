"""A whole call's scorecard: items by turn, tips, pitfalls, holding the no, pooled metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.scenario.loader import load_scenario
from trainer.scenario.model import Scenario
from trainer.scoring import ReplyTiming, Scorer
from trainer.scoring.scorecard import ScoredTurn, build_scorecard, tip_for
from trainer.sessions.render_json import scorecard_json
from trainer.sessions.render_text import render_scorecard

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SHIPPED / "compensation-counter-offer.yaml")


def _call(scenario: Scenario, replies: dict[str, str],
          timings: dict[str, ReplyTiming] | None = None) -> list[ScoredTurn]:
    scorer = Scorer(scenario.items)
    turns: list[ScoredTurn] = []
    for turn_id, reply in replies.items():
        spec = scenario.turn(turn_id)
        timing = (timings or {}).get(turn_id)
        score = scorer.score(reply, spec.say, followup=spec.followup, timing=timing)
        turns.append(ScoredTurn(turn_id, spec.say, reply, tuple(spec.expect), score,
                                spec.model_answer))
    return turns


GOOD = {
    "opening": "Hi Marcus, thanks for calling. I've decided not to accept the offer; the "
               "compensation doesn't meet what I need.",
    "counter_money": "That's generous of you, thank you, but my decision is final.",
    "counter_remote": "I appreciate it, but it doesn't change my decision, I'm afraid.",
    "door_open": "Absolutely, I'd be happy to hear from you.",
    "wrap_up": "No, that's all. Thanks again, Marcus, and all the best.",
}


def test_a_good_call_scores_full_marks_and_holds_the_no(scenario: Scenario) -> None:
    card = build_scorecard(_call(scenario, GOOD), scenario)
    assert card.overall == 100
    assert [i.name for i in card.items] == ["thanks", "clear_no", "brief_reason",
                                            "courteous_followup", "graceful_close"]
    assert all(i.met for i in card.items)
    assert card.pitfalls == ()
    assert card.holding.status == "held" and card.holding.pushes == 2  # door_open is not a push
    assert card.holding.first_no_turn == 1
    assert card.explaining.verdict == "brief"
    met = {i.name: (i.turn, i.turn_id) for i in card.items}
    assert met["clear_no"] == (1, "opening") and met["graceful_close"] == (5, "wrap_up")


def test_wavering_after_a_clear_no_costs_points_and_says_where(scenario: Scenario) -> None:
    replies = dict(GOOD, counter_money="Oh, um, that might change things, let me think about it.")
    card = build_scorecard(_call(scenario, replies), scenario)
    assert card.holding.status == "wavered"
    assert card.holding.wavered_turn == 2 and "turn 2" in card.holding.note
    names = {(p.name, p.turn_id) for p in card.pitfalls}
    assert {p.turn for p in card.pitfalls} == {2}
    assert ("hedged", "counter_money") in names
    assert ("reopens_decision", "counter_money") in names
    followup = next(i for i in card.items if i.name == "courteous_followup")
    assert followup.met is False and followup.turn_id == "counter_money"
    assert followup.tip and followup.model_answer
    assert card.overall < 100


def test_a_missed_item_gets_one_concrete_tip_and_the_model_answer(scenario: Scenario) -> None:
    replies = {"opening": "I won't be accepting the offer."}
    card = build_scorecard(_call(scenario, replies), scenario)
    thanks = next(i for i in card.items if i.name == "thanks")
    assert thanks.met is False and thanks.turn_id == "opening"
    assert thanks.tip and "thank" in thanks.tip.lower()
    assert thanks.model_answer == scenario.turn("opening").model_answer
    reason = next(i for i in card.items if i.name == "brief_reason")
    assert reason.tip == tip_for("brief_reason", scenario, scenario.checklist())
    assert "reason" in (reason.tip or "").lower()


def test_courteous_followup_is_not_applicable_without_a_followup(scenario: Scenario) -> None:
    turns = _call(scenario, {"opening": GOOD["opening"]})
    expected = (*turns[0].expected, "courteous_followup")
    score = Scorer().score(GOOD["opening"], turns[0].recruiter, followup=False)
    turns = [ScoredTurn("opening", turns[0].recruiter, GOOD["opening"], expected, score)]
    card = build_scorecard(turns, scenario)
    followup = next(i for i in card.items if i.name == "courteous_followup")
    assert followup.met is None and "no follow-up" in followup.why
    assert card.holding.status == "not_tested"
    assert card.overall == 100  # n/a items do not count against the call


def test_never_a_clear_no(scenario: Scenario) -> None:
    replies = {"opening": "Thanks Marcus, I think I'll probably say no, I'm not sure."}
    card = build_scorecard(_call(scenario, replies), scenario)
    assert card.holding.status == "never_clear"
    assert any(p.name == "hedged" for p in card.pitfalls)


def test_pace_is_pooled_over_the_call(scenario: Scenario) -> None:
    timings = {
        "opening": ReplyTiming(response_delay=1.0, duration=8.0),
        "counter_money": ReplyTiming(response_delay=2.0, duration=4.0),
        "counter_remote": ReplyTiming(response_delay=0.5, duration=4.0),
    }
    replies = {k: GOOD[k] for k in timings}
    turns = _call(scenario, replies, timings)
    assert turns[1].score.metrics.wpm is None  # too short to time alone
    card = build_scorecard(turns, scenario)
    words = sum(t.score.metrics.words for t in turns)
    assert card.metrics.pace_wpm == pytest.approx(round(words * 60 / 16.0, 1))
    assert card.metrics.mean_response_delay == pytest.approx(1.17)
    assert card.metrics.max_response_delay == 2.0


def test_over_apologising_and_over_explaining(scenario: Scenario) -> None:
    replies = {
        "opening": "I'm so sorry Marcus, sorry, I won't be accepting. The pay is lower, the "
                   "commute is an hour, there's no pension match and my partner works nights.",
        "counter_money": "Sorry, no, my decision is final.",
    }
    card = build_scorecard(_call(scenario, replies), scenario)
    assert card.explaining.verdict == "over-explaining and over-apologising"
    assert card.explaining.apologies == 3
    assert card.explaining.reasons_given >= 3


def test_json_and_text_forms(scenario: Scenario) -> None:
    replies = dict(GOOD, counter_remote="Maybe, I'm not sure.")
    card = build_scorecard(_call(scenario, replies), scenario)
    data = json.loads(json.dumps(scorecard_json(card)))
    assert data["score"] == card.overall and data["ending"] == "finished"
    assert data["scenario"] == scenario.id
    assert {"items", "pitfalls", "metrics", "holding_the_no", "explaining", "turns"} <= set(data)
    assert data["metrics"]["healthy_wpm"] == [100.0, 165.0]
    assert len(data["turns"]) == len(replies)
    text = render_scorecard(card)
    assert f"Overall: {card.overall}/100" in text
    assert "Holding the no:" in text and "turn 3" in text
    assert "counter_remote" not in text  # users see turn numbers, never turn ids
    assert "healthy" in text.lower() or "100-165" in text
    model = scenario.turn("opening").model_answer
    assert model is not None and model in text


def test_without_a_scenario_the_default_checklist_is_expected() -> None:
    scorer = Scorer()
    score = scorer.score("Thank you, but I have to decline. All the best!")
    card = build_scorecard([ScoredTurn("t1", "Hi, any news?", "Thank you, but I have to "
                                       "decline. All the best!", (), score)])
    assert [i.name for i in card.items] == ["thanks", "clear_no", "brief_reason",
                                            "graceful_close"]
    assert card.scenario_id is None
    assert "Scorecard: Practice call" in render_scorecard(card)


# -- issue 15: a scorecard a user can trust ----------------------------------------------


def test_each_scenario_tip_shows_under_its_own_item_only(scenario: Scenario) -> None:
    replies = {"opening": "I won't be accepting the offer.",
               "counter_money": "Hmm, maybe, let me think about it."}
    card = build_scorecard(_call(scenario, replies), scenario)
    tips = {i.name: i.tip for i in card.items if i.met is False}
    counter_tip = next(t for t in scenario.tips if "counter-offer" in t)
    assert tips["thanks"] != counter_tip and "counter" not in (tips["thanks"] or "")
    assert tips["courteous_followup"] == counter_tip  # missed at a counter-offer


def test_the_followup_tip_fits_the_question_that_was_asked() -> None:
    shipped = load_scenario(SHIPPED / "offer-accepted-elsewhere.yaml")
    checklist = shipped.checklist()
    stay = tip_for("courteous_followup", shipped, checklist, "future")
    assert stay and "stay in touch" in stay and "private" not in stay
    why = tip_for("courteous_followup", shipped, checklist, "info")
    assert why and "private" in why
    counter = tip_for("courteous_followup", shipped, checklist, "change")
    assert counter and "decision" in counter


def test_custom_items_show_their_label_everywhere() -> None:
    data = load_scenario(SHIPPED / "offer-accepted-elsewhere.yaml").model_dump()
    data["items"][0]["label"] = "Names Daniel"
    labelled = Scenario.model_validate(data)
    assert labelled.checklist().label("name_helper") == "Names Daniel"
    plain = load_scenario(SHIPPED / "offer-accepted-elsewhere.yaml")
    assert plain.checklist().label("name_helper") == "Name helper"  # readable by default
    replies = {"opening": "Thank you so much, and please pass my thanks to Daniel. I won't be "
                          "accepting the offer."}
    scorer = Scorer(labelled.items)
    spec = labelled.turn("opening")
    turns = [ScoredTurn("opening", spec.say, replies["opening"], ("name_helper",),
                        scorer.score(replies["opening"], spec.say))]
    text = render_scorecard(build_scorecard(turns, labelled))
    assert "Names Daniel" in text and "name_helper" not in text


def test_the_header_agrees_with_the_checklist(scenario: Scenario) -> None:
    from trainer.tui.widgets.scorecard_parts import comparison_content

    # before: the no came in the second reply; now in the first. Per reply the share of
    # replies with a clear no fell, but over the call it was met both times.
    before = build_scorecard(_call(scenario, {
        "opening": "Hi Marcus, thanks for calling. The compensation doesn't meet what I need.",
        "counter_money": "Thank you, but I won't be accepting the offer.",
    }), scenario)
    now = build_scorecard(_call(scenario, GOOD), scenario)
    text = comparison_content(now, before, float(before.overall)).plain
    assert "Slipped" not in text or "A clear no" not in text.split("Slipped")[1]
    worse = build_scorecard(_call(scenario, {"opening": "Hi, thanks. No."}), scenario)
    text = comparison_content(worse, now, float(now.overall)).plain
    slipped = text.split("Slipped: ")[1]
    for item in worse.items:
        assert (item.label in slipped) == (item.met is False), item.label
