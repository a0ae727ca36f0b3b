"""The index beside the session files: used when in step, rebuilt when lost, stale or garbled."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trainer.sessions import Session, SessionStore
from trainer.sessions import store as store_module
from trainer.sessions.index import INDEX_NAME

RecordFn = Callable[..., Session]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the session files the store opens to build summaries."""
    seen: list[str] = []
    real = store_module._read

    def counting(path: Path) -> object:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(store_module, "_read", counting)
    yield seen


def _ids(store: SessionStore) -> list[str]:
    return [s.session_id for s in store.list().sessions]


def test_listing_an_indexed_history_reads_no_session_file(
    record: RecordFn, store: SessionStore, reads: list[str]
) -> None:
    sessions = [record(days_ago=n) for n in (3, 2, 1)]
    reads.clear()
    assert _ids(store) == [s.session_id for s in sessions]
    assert store.best_scores() and store.series(sessions[0].scenario)
    assert reads == []


def test_a_lost_index_is_rebuilt_from_the_files(
    record: RecordFn, store: SessionStore, reads: list[str]
) -> None:
    sessions = [record(days_ago=n) for n in (2, 1)]
    (store.root / INDEX_NAME).unlink()
    assert _ids(store) == [s.session_id for s in sessions]
    assert sorted(reads) == sorted(f"{s.session_id}.json" for s in sessions)
    reads.clear()
    assert _ids(store) == [s.session_id for s in sessions]
    assert reads == []
    assert (store.root / INDEX_NAME).exists()


def test_a_garbled_index_is_ignored_and_compacted(
    record: RecordFn, store: SessionStore, reads: list[str]
) -> None:
    session = record()
    index = store.root / INDEX_NAME
    with index.open("a") as handle:
        handle.write('{"v":1,"file":"cut sh')
    with index.open("r+") as handle:
        handle.write("\x00\x00garbage")  # the first line is now nonsense
    assert _ids(store) == [session.session_id]
    lines = index.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])[1] == f"{session.session_id}.json"


def test_an_index_from_a_session_written_behind_its_back_is_caught_up(
    record: RecordFn, store: SessionStore, reads: list[str]
) -> None:
    """A session copied in (or written by a trainer that crashed before indexing it)."""
    session = record()
    store.list()
    doc = session.to_json()
    doc["session_id"] = other = "20200101T000000Z-offer-accepted-elsewhere-cccccc"
    (store.root / f"{other}.json").write_text(json.dumps(doc))
    reads.clear()
    assert sorted(_ids(store)) == sorted([session.session_id, other])
    assert reads == [f"{other}.json"]


def test_a_deleted_session_leaves_the_listing(record: RecordFn, store: SessionStore) -> None:
    keep, gone = record(days_ago=1), record()
    store.list()
    store.file_for(gone.session_id).unlink()
    assert _ids(store) == [keep.session_id]
    assert gone.session_id not in (store.root / INDEX_NAME).read_text()


def test_the_journal_is_compacted_as_it_grows(
    record: RecordFn, store: SessionStore, turn: Callable[..., object]
) -> None:
    session = store.create("offer-accepted-elsewhere", "Offer", "", "typed")
    for i in range(80):
        session.add_turn(turn(i % 3))  # type: ignore[arg-type]
        store.save(session)
    index = store.root / INDEX_NAME
    assert len(index.read_text().splitlines()) > 64
    [summary] = store.list().sessions
    assert summary.turns == 80
    assert len(index.read_text().splitlines()) == 1


def test_a_read_only_folder_still_lists(
    record: RecordFn, store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = record()
    (store.root / INDEX_NAME).unlink()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store._index, "append", refuse)
    monkeypatch.setattr(store._index, "rewrite", refuse)
    assert _ids(store) == [session.session_id]


def test_journal_lines_round_trip_and_odd_rows_are_not_trusted(record: RecordFn) -> None:
    from trainer.sessions.index import IndexEntry, Stamp

    entry = IndexEntry("a.json", Stamp(1, 2, 3), record().summary())
    assert IndexEntry.from_line(entry.to_line()) == entry
    problem = IndexEntry("b.json", Stamp(4, 5, 6), None, "is not valid JSON")
    assert IndexEntry.from_line(problem.to_line()) == problem
    good = json.loads(entry.to_line())

    def variant(path: tuple[int, ...], value: object) -> str:
        line = json.loads(json.dumps(good))
        target = line
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return json.dumps(line)

    for bad in (
        variant((0,), 1),                      # another version
        variant((2,), "1"),                    # inode as text
        variant((5, 3), "2025-01-01T00:00"),   # start without a time zone
        variant((5, 7), 140),                  # score out of range
        variant((5, 8), "3"),                  # turns as text
        variant((5, 10), {"thanks": "all"}),   # an item share as text
        variant((5,), None),                   # no summary and no problem
        json.dumps(good[:6]),
        '{"v": 2}',
        "not json",
    ):
        assert IndexEntry.from_line(bad) is None, bad
