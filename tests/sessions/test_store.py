"""The store as the call engine and the review screen use it, on real files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer import paths
from trainer.errors import TrainerError, UsageError
from trainer.sessions import Session, SessionStore, TurnRecord
from trainer.sessions import store as store_module

RecordFn = Callable[..., Session]
TurnFn = Callable[..., TurnRecord]


def test_store_lives_in_the_user_sessions_folder(trainer_home: Path) -> None:
    assert SessionStore().root == paths.sessions_dir() == trainer_home / "sessions"


def test_nothing_is_created_by_reading_an_empty_store(store: SessionStore) -> None:
    result = store.list()
    assert result.sessions == [] and result.problems == []
    assert store.best_scores() == {} and store.series("x") == []
    assert not store.root.exists()


def test_a_new_session_is_on_disk_at_once_and_listed_unfinished(store: SessionStore) -> None:
    session = store.create("offer-accepted-elsewhere", "Offer", "ab" * 32, "mic")
    on_disk = json.loads(store.file_for(session.session_id).read_text())
    assert "outcome" not in on_disk and "ended" not in on_disk and on_disk["turns"] == []
    [summary] = store.list().sessions
    assert summary.session_id == session.session_id
    assert (summary.finished, summary.turns, summary.mode) == (False, 0, "mic")


def test_turns_saved_one_by_one_load_back(store: SessionStore, turn: TurnFn) -> None:
    session = store.create("offer-accepted-elsewhere", "Offer", "ab" * 32, "audio")
    for i in range(3):
        session.add_turn(turn(i))
        store.save(session)
        assert store.load(session.session_id).turns == session.turns
    store.finish(session, 81.0, "input_ended")
    loaded = store.load(session.session_id)
    assert loaded == session
    assert loaded.finished and loaded.ended is not None and loaded.score == 81.0
    assert loaded.ending == "input_ended" and loaded.status == "input ended"
    assert loaded.path == ["opening", "ask_why", "close"]


def test_list_summarises_and_filters(record: RecordFn, store: SessionStore) -> None:
    a = record("offer-accepted-elsewhere", score=60.0, days_ago=2)
    b = record("interview-declined", score=90.0, days_ago=1)
    c = record("offer-accepted-elsewhere", turns=1, finish=False)
    result = store.list()
    assert [s.session_id for s in result.sessions] == [a.session_id, b.session_id, c.session_id]
    only = store.list("offer-accepted-elsewhere").sessions
    assert [s.session_id for s in only] == [a.session_id, c.session_id]
    unfinished = only[-1]
    assert (unfinished.finished, unfinished.score, unfinished.turns) == (False, None, 1)
    assert result.sessions[0].duration is not None and result.sessions[0].duration >= 0


def test_progress_series_and_best_scores(record: RecordFn, store: SessionStore) -> None:
    record("offer-accepted-elsewhere", score=50.0, met=False, days_ago=3)
    record("offer-accepted-elsewhere", score=75.0, days_ago=2)
    record("offer-accepted-elsewhere", score=70.0, days_ago=1)
    record("offer-accepted-elsewhere", finish=False)  # unscored: not a point on the chart
    record("interview-declined", score=40.0)
    series = store.series("offer-accepted-elsewhere")
    assert [score for _, score, _ in series] == [50.0, 75.0, 70.0]
    assert series[0].started < series[1].started < series[2].started
    assert series[0].items["hedged"] == 1.0 and series[1].items["hedged"] == 0.0
    assert series[1].items["thanks"] == 1.0
    assert store.best_scores() == {"offer-accepted-elsewhere": 75.0, "interview-declined": 40.0}
    assert store.score_history() == {
        "offer-accepted-elsewhere": [50.0, 75.0, 70.0], "interview-declined": [40.0]}


def test_resolve_accepts_ids_prefixes_file_names_and_last(
    record: RecordFn, store: SessionStore
) -> None:
    first = record(days_ago=1)
    last = record("interview-declined")
    assert store.resolve(first.session_id) == first.session_id
    assert store.resolve(first.session_id[:24]) == first.session_id
    assert store.resolve(f"{last.session_id}.json") == last.session_id
    assert store.resolve("last") == last.session_id
    with pytest.raises(UsageError, match="matches 2 sessions") as ambiguous:
        store.resolve("20")
    assert ambiguous.value.exit_code == 2
    with pytest.raises(TrainerError, match="no session matches 'nope'"):
        store.resolve("nope")


def test_last_with_no_sessions_says_so(store: SessionStore) -> None:
    with pytest.raises(TrainerError, match="no sessions yet"):
        store.resolve("last")


def test_ids_that_are_paths_are_refused(store: SessionStore) -> None:
    with pytest.raises(TrainerError, match="is not a session id"):
        store.load("../../etc/passwd")
    with pytest.raises(TrainerError, match="no session 'missing-id'"):
        store.load("missing-id")


def test_a_call_in_progress_cannot_be_taken_by_another_trainer(
    store: SessionStore, turn: TurnFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BRIEF_WAIT", 0.05)
    session = store.create("offer-accepted-elsewhere", "Offer", "", "typed")
    session.add_turn(turn(0))
    store.save(session)
    other = SessionStore()
    with pytest.raises(TrainerError, match="already open in this trainer"):
        other.resume(session.session_id)
    with pytest.raises(TrainerError, match="already open in this trainer"), \
            other.edit(session.session_id):
        pass  # pragma: no cover
    store.release(session)
    resumed = other.resume(session.session_id)
    assert resumed.path == ["opening"] and resumed.next_turn_id() == "ask_why"
    resumed.add_turn(turn(1))
    other.save(resumed)
    other.finish(resumed, 66.0)
    assert store.load(session.session_id).path == ["opening", "ask_why"]
    with pytest.raises(TrainerError, match="is finished"):
        store.resume(session.session_id)


def test_edit_saves_only_when_the_block_succeeds(record: RecordFn, store: SessionStore) -> None:
    session = record()
    with store.edit(session.session_id) as editing:
        editing.coach = "Sam"  # type: ignore[attr-defined]
    assert store.load(session.session_id).model_extra == {"coach": "Sam"}
    with pytest.raises(RuntimeError), store.edit(session.session_id) as editing:
        editing.coach = "changed"  # type: ignore[attr-defined]
        raise RuntimeError
    assert store.load(session.session_id).model_extra == {"coach": "Sam"}


def test_store_context_releases_held_sessions(store: SessionStore) -> None:
    with SessionStore() as first:
        session = first.create("offer-accepted-elsewhere", "Offer", "", "typed")
    assert SessionStore().resume(session.session_id).session_id == session.session_id


def test_nothing_but_the_session_file_and_index_is_left_after_a_call(
    record: RecordFn, store: SessionStore
) -> None:
    session = record()
    names = sorted(p.name for p in store.root.iterdir())
    assert f"{session.session_id}.json" in names
    assert not [n for n in names if n.endswith(".tmp")]
    assert list((store.root / ".locks").iterdir()) == []


def test_a_store_dropped_mid_call_lets_go_of_the_session() -> None:
    import gc

    abandoned = SessionStore()
    session = abandoned.create("offer-accepted-elsewhere", "Offer", "", "typed")
    del abandoned
    gc.collect()
    assert SessionStore().resume(session.session_id).session_id == session.session_id
