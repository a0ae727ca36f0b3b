"""Deleting a saved call: its file, its kept original and its recordings; never a held one."""

from __future__ import annotations

import pytest

from trainer import paths
from trainer.errors import TrainerError
from trainer.sessions.model import TurnRecord
from trainer.sessions.store import SessionStore


def _session(store: SessionStore, audio: str | None = None) -> str:
    session = store.create("offer-accepted-elsewhere", "Offer", "", "mic")
    session.add_turn(TurnRecord(turn_id="t0", recruiter="line", reply="reply", audio=audio))
    store.finish(session, 50.0)
    return session.session_id


def test_delete_removes_the_file_and_its_recordings_only() -> None:
    store = SessionStore()
    keep = _session(store)
    own = paths.recordings_dir() / "elsewhere.wav"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(b"RIFF")
    gone = _session(store, audio="elsewhere.wav")
    folder = paths.recordings_dir() / gone
    folder.mkdir()
    (folder / "turn-01-1.wav").write_bytes(b"RIFF")
    removed = store.delete(gone)
    assert store.file_for(gone) in removed and not store.file_for(gone).exists()
    assert not folder.exists() and not own.exists()
    assert [s.session_id for s in store.list().sessions] == [keep]


def test_delete_refuses_a_session_a_call_is_writing() -> None:
    busy = SessionStore()
    session = busy.create("offer-accepted-elsewhere", "Offer", "", "typed")
    with pytest.raises(TrainerError):
        SessionStore().delete(session.session_id)
    assert busy.file_for(session.session_id).exists()
    busy.close()


def test_delete_of_an_unknown_session_says_so() -> None:
    with pytest.raises(TrainerError, match="no session"):
        SessionStore().delete("20250601T142233Z-offer-3fa9c1")
