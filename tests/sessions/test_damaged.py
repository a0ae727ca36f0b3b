"""Damaged or hand-edited session files: named, explained, skipped, never touched."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from trainer.errors import TrainerError
from trainer.sessions import Session, SessionStore

RecordFn = Callable[..., Session]

GOOD_ID = "20250101T000000Z-offer-accepted-elsewhere-aaaaaa"


def _good_doc(record: RecordFn) -> dict[str, object]:
    session = record()
    doc: dict[str, object] = session.to_json()
    return doc


def _damages(doc: dict[str, object]) -> dict[str, tuple[bytes, str]]:
    """File name -> (content, words the problem must contain)."""
    text = json.dumps(doc, indent=1)

    def with_id(session_id: str, **changes: object) -> bytes:
        return json.dumps({**doc, "session_id": session_id, **changes}).encode()

    return {
        "20250101T000001Z-x-trunc01.json": (text[: len(text) // 2].encode(), "is not valid JSON"),
        "20250101T000002Z-x-empty01.json": (b"", "the file is empty"),
        "20250101T000003Z-x-binary1.json": (b"\x89PNG\r\n\x1a\n\xff\xfe", "is not UTF-8 text"),
        "20250101T000004Z-x-array01.json": (b"[1, 2, 3]", "expected an object, got a list"),
        "20250101T000005Z-x-typo001.json": (
            with_id("20250101T000005Z-x-typo001", outcome={"ending": "yes"}),
            "outcome.ending: the text \"yes\" is not one of finished, hung_up or input_ended"),
        "20250101T000006Z-x-newer01.json": (
            with_id("20250101T000006Z-x-newer01", schema_version=3),
            "schema_version: 3 is newer than this trainer"),
        "20250101T000007Z-x-copied1.json": (with_id(GOOD_ID), "differs from the file name"),
        "20250101T000008Z-x-comma01.json": (text.replace('"mode"', '"mode",', 1).encode(),
                                            "line"),
    }


def test_each_damaged_file_is_reported_by_name_and_the_rest_still_load(
    record: RecordFn, store: SessionStore
) -> None:
    good = [record(), record("interview-declined")]
    damages = _damages(_good_doc(record))
    for name, (content, _) in damages.items():
        (store.root / name).write_bytes(content)
    result = store.list()
    assert {s.session_id for s in result.sessions} >= {s.session_id for s in good}
    assert len(result.sessions) == 3
    reported = {p.path.name: p.message for p in result.problems}
    assert set(reported) == set(damages)
    for name, (_, words) in damages.items():
        assert words in reported[name], (name, reported[name])
        assert str(store.root / name) in str(next(p for p in result.problems
                                                  if p.path.name == name))
    # Listing again is served from the index, with the same problems.
    again = store.list()
    assert {p.path.name: p.message for p in again.problems} == reported
    # Nothing was changed or removed.
    for name, (content, _) in damages.items():
        assert (store.root / name).read_bytes() == content


def test_loading_a_damaged_file_names_it_and_the_problem(
    record: RecordFn, store: SessionStore
) -> None:
    doc = _good_doc(record)
    turns = doc["turns"]
    assert isinstance(turns, list)
    turns[1]["checks"]["thanks"]["score"] = "ninety"
    bad_id = "20250102T000000Z-offer-accepted-elsewhere-bbbbbb"
    doc["session_id"] = bad_id
    path = store.root / f"{bad_id}.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(TrainerError) as caught:
        store.load(bad_id)
    message = caught.value.message
    assert str(path) in message
    assert "turns.1.checks.thanks.score: expected a number" in message


def test_a_fixed_file_comes_back(record: RecordFn, store: SessionStore) -> None:
    session = record()
    path = store.file_for(session.session_id)
    original = path.read_bytes()
    path.write_bytes(original[:-20])
    assert [p.path for p in store.list().problems] == [path]
    path.write_bytes(original)
    result = store.list()
    assert result.problems == [] and [s.session_id for s in result.sessions] == [
        session.session_id]


def test_temporary_and_hidden_files_are_not_sessions(record: RecordFn, store: SessionStore) -> None:
    session = record()
    (store.root / f".{session.session_id}.json.123-abcd.tmp").write_text("{half")
    (store.root / "notes.txt").write_text("my notes")
    (store.root / "sub.json").mkdir()
    result = store.list()
    assert [s.session_id for s in result.sessions] == [session.session_id]
    assert result.problems == []


def test_a_hand_edit_is_picked_up_even_at_the_same_size(
    record: RecordFn, store: SessionStore
) -> None:
    session = record(score=80.0)
    store.list()
    path = store.file_for(session.session_id)
    text = path.read_text()
    assert '"score": 80.0' in text
    path.write_text(text.replace('"score": 80.0', '"score": 90.0', 1))
    assert [s.score for s in store.list().sessions] == [90.0]


def test_a_file_unreadable_by_permissions_is_reported(
    record: RecordFn, store: SessionStore
) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    session = record()
    path = store.file_for(session.session_id)
    path.chmod(0)
    try:
        [problem] = store.list().problems
        assert "cannot be read" in problem.message
    finally:
        path.chmod(0o600)
