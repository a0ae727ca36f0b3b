"""``trainer delete SESSION``: asks first, removes the file and its recordings, updates the index;
and a skipped turn reads the same in every renderer."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer import paths
from trainer.sessions import Session, SessionStore
from trainer.sessions.export import export_session
from trainer.sessions.render_text import render_text
from trainer.sessions.report import NO_REPLY, build_report

RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]


def _with_recordings(store: SessionStore, session: Session, outside: Path) -> list[Path]:
    """Give the session two kept recordings and one the user pointed at elsewhere."""
    folder = paths.recordings_dir() / session.session_id
    folder.mkdir(parents=True)
    kept = [folder / "turn-01-1.wav", folder / "turn-02-1.wav"]
    for path in (*kept, outside):
        path.write_bytes(b"RIFF")
    session.turns[0].audio = str(kept[0].relative_to(paths.recordings_dir()))
    session.turns[1].audio = str(outside)
    store.save(session)
    return kept


def test_delete_with_yes_removes_session_recordings_and_index_entry(
    cli: Cli, record: RecordFn, store: SessionStore, tmp_path: Path
) -> None:
    keep = record(days_ago=1)
    gone = record()
    outside = tmp_path / "my-own-reply.wav"
    kept = _with_recordings(store, gone, outside)
    code, out, err = cli("delete", gone.session_id, "--yes")
    assert (code, err) == (0, "")
    assert out == f"Deleted {gone.session_id} and 2 recordings.\n"
    assert not store.file_for(gone.session_id).exists()
    assert not any(p.exists() for p in kept)
    assert outside.exists(), "a file the user gave is theirs, not the trainer's"
    assert [s.session_id for s in SessionStore().list().sessions] == [keep.session_id]
    code, out, _ = cli("history", "--json")
    assert gone.session_id not in out and keep.session_id in out


def test_delete_asks_first_and_no_answer_keeps_it(
    cli: Cli, record: RecordFn, store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = record()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, err = cli("delete", "last")
    assert code == 1 and out == "Nothing deleted.\n"
    assert "Delete session" in err and "cannot be undone" in err
    assert store.file_for(session.session_id).exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # end of input is a no
    assert cli("delete", "last")[0] == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _ = cli("delete", "last")
    assert code == 0 and out == f"Deleted {session.session_id}.\n"
    assert not store.file_for(session.session_id).exists()


def test_delete_unknown_session_says_so(cli: Cli) -> None:
    code, out, err = cli("delete", "2099", "--yes")
    assert code != 0 and out == ""
    assert "no session matches '2099'" in err and "Traceback" not in err


def test_a_skipped_turn_reads_the_same_in_every_renderer(record: RecordFn) -> None:
    session = record(turns=1)
    session.turns[0].reply = ""
    session.turns[0].checks = {}
    report = build_report(session)
    assert f"You: {NO_REPLY}" in render_text(report)
    assert f"*{NO_REPLY}*" in export_session(session, "md")
    assert f"<em>{NO_REPLY}</em>" in export_session(session, "html")
    assert NO_REPLY == "(no reply)"
