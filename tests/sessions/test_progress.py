"""Per-item trends over the user's calls: the numbers ``trainer progress`` and the app plot."""

from __future__ import annotations

from collections.abc import Callable

from trainer.sessions import Session, SessionStore
from trainer.sessions.progress import progress, sparkline

RecordFn = Callable[..., Session]


def test_no_calls_no_trends(store: SessionStore) -> None:
    result = progress(store)
    assert result.calls == () and result.items == ()
    assert result.to_json() == {"calls": [], "items": [], "kept_missing": [], "skipped": []}


def test_items_kept_missing_come_first_with_one_outcome_per_call(
    store: SessionStore, record: RecordFn
) -> None:
    record(met=False, days_ago=3)
    record(met=False, days_ago=2)
    record(met=True, days_ago=1)
    record(finish=False)  # an abandoned call is not counted
    result = progress(store)
    assert len(result.calls) == 3
    by_name = {item.name: item for item in result.items}
    assert by_name["thanks"].outcomes == (False, False, True)
    assert by_name["thanks"].label == "Thanks"
    # hedging showed up in the first two calls: a pitfall's "good" is avoiding it
    assert by_name["hedged"].outcomes == (False, False, True)
    assert by_name["hedged"].pitfall
    # clear_no is met only on turn 0 (met=True), so it goes well in the last call only
    assert by_name["clear_no"].bad == 2
    # the badmouthing pitfall never showed up
    assert by_name["offensive"].outcomes == (True, True, True)
    assert result.items[-1].bad == 0
    # the reply never gives a reason, so that item is missed every time and leads
    assert (result.items[0].name, result.items[0].bad) == ("brief_reason", 3)
    assert {i.name for i in result.kept_missing} >= {"thanks", "hedged"}
    assert "offensive" not in {i.name for i in result.kept_missing}


def test_pace_and_fillers_per_call(store: SessionStore, record: RecordFn) -> None:
    record(met=False, days_ago=2)
    record(met=True, days_ago=1)
    result = progress(store)
    fillers = result.fillers
    assert fillers[0] is not None and fillers[0] > 0
    assert fillers[1] == 0.0
    assert result.scores == (80.0, 80.0)


def test_one_scenario_only(store: SessionStore, record: RecordFn) -> None:
    record("offer-accepted-elsewhere")
    record("decline-interview-invitation")
    assert [c.scenario for c in progress(store, scenario="decline-interview-invitation").calls] \
        == ["decline-interview-invitation"]


def test_sparkline_scales_and_marks_gaps() -> None:
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([1.0, None, 1.0]) == "▅ ▅"
    assert sparkline([None, None]) == "  "
    assert sparkline([0.5], 0, 1) == "▅"
