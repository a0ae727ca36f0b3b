"""The numbers behind the progress screen: each item's record across real, scored calls."""

from __future__ import annotations

import random

from trainer.call.engine import Call
from trainer.scenario.catalog import load_catalog
from trainer.sessions.progress_data import progress_data
from trainer.sessions.store import SessionStore

SCENARIO = "offer-accepted-elsewhere"


def test_items_most_missed_first_with_every_finished_call() -> None:
    scenario = load_catalog().get(SCENARIO)
    store = SessionStore()
    replies = [
        "Um, I think I'll probably pass, uh, the pay was awful anyway.",   # weak
        None,                                                              # model answers
        None,
    ]
    for number, reply in enumerate(replies):
        call = Call(scenario, store=store, rng=random.Random(number))
        while not call.finished:
            call.answer(reply or call.model_answer() or "Thank you.")
    unfinished = Call(scenario, store=store, rng=random.Random(9))
    unfinished.answer("Hello")  # never finished: left out

    data = progress_data(store, lambda scenario_id: scenario)
    assert len(data.calls) == 3
    assert data.calls[0].overall < data.calls[1].overall
    assert data.calls[0].filler_pct > data.calls[1].filler_pct
    by_name = {trend.name: trend for trend in data.items}
    assert by_name["clear_no"].results == (False, True, True)
    assert by_name["clear_no"].kind == "do" and by_name["clear_no"].label == "A clear no"
    assert by_name["hedged"].kind == "avoid" and by_name["hedged"].results == (
        False, True, True)
    keys = [(t.recent_misses, t.miss_rate) for t in data.items]
    assert keys == sorted(keys, reverse=True)  # the most missed first
    assert data.items[0].misses >= 1
