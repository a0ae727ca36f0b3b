"""Branch resolution: first branch that holds, fuzzy phrases, visit limits, fall-through."""

from __future__ import annotations

from typing import Any

from trainer.scenario.branching import all_paths, choose_next, ideal_path
from trainer.scenario.model import END, Scenario


def scenario(**extra: Any) -> Scenario:
    data: dict[str, Any] = {
        "id": "s", "title": "T", "situation": "decline_offer", "difficulty": "easy",
        "briefing": "B", "recruiter": {"name": "N", "company": "C", "role": "R"},
        "turns": [
            {"id": "opening", "say": "Hi", "expect": ["clear_no", "brief_reason"], "next": [
                {"when": {"contains": ["salary", "more money"]}, "goto": "counter"},
                {"when": {"met": "hedged"}, "goto": "press"},
                {"when": {"missing": "brief_reason"}, "goto": "why"},
                {"goto": "wrap"},
            ]},
            {"id": "counter", "say": "We can pay more.", "next": [{"goto": "wrap"}]},
            {"id": "press", "say": "Are you sure?", "next": [
                {"when": {"met": "hedged"}, "goto": "press"}, {"goto": "wrap"}]},
            {"id": "why", "say": "Why?"},
            {"id": "wrap", "say": "Anything else?", "expect": "graceful_close"},
        ],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def test_first_branch_that_holds_wins() -> None:
    s = scenario()
    turn = s.turn("opening")
    decision = choose_next(s, turn, {"hedged": True, "brief_reason": False}, "um maybe")
    assert (decision.goto, decision.branch_index) == ("press", 1)
    assert decision.reason == "branch 2: hedged met"


def test_contains_is_fuzzy_and_names_what_it_heard() -> None:
    s = scenario()
    decision = choose_next(s, s.turn("opening"), {}, "honestly the salery was the issue")
    assert decision.goto == "counter"
    assert 'heard "salery"' in decision.reason


def test_missing_reason_asks_why_and_otherwise_moves_on() -> None:
    s = scenario()
    assert choose_next(s, s.turn("opening"), {"brief_reason": False}, "no").goto == "why"
    assert choose_next(s, s.turn("opening"), {"brief_reason": True}, "no").goto == "wrap"


def test_visit_limit_stops_a_pressing_loop() -> None:
    s = scenario(max_visits=2)
    press = s.turn("press")
    assert choose_next(s, press, {"hedged": True}, "", {"press": 1}).goto == "press"
    decision = choose_next(s, press, {"hedged": True}, "", {"press": 2})
    assert decision.goto == "wrap"
    assert "skipped press" in decision.reason


def test_fall_through_to_next_turn_then_end() -> None:
    s = scenario()
    assert choose_next(s, s.turn("why"), {}, "").goto == "wrap"
    last = choose_next(s, s.turn("wrap"), {}, "")
    assert (last.goto, last.branch_index) == (END, None)


def test_ideal_path_and_all_paths() -> None:
    s = scenario()
    assert ideal_path(s) == ["opening", "wrap"]
    paths, truncated = all_paths(s)
    walks = [[step.turn_id for step in p] for p in paths]
    assert not truncated
    assert ["opening", "counter", "wrap", END] in walks
    assert ["opening", "press", "press", "wrap", END] in walks
    assert ["opening", "why", "wrap", END] in walks
    assert all(w.count("press") <= 2 for w in walks)
