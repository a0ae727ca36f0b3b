"""Version-1 session files, as the trainer wrote them before version 2, keep working.

The files in ``data/v1`` were written by the real call engine before the session
model changed (see ``test_golden.py`` for what ``show`` and the exports print
from them). They are read with nothing lost, and only upgraded when rewritten,
with the original kept beside the new file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trainer.sessions import Session, SessionStore
from trainer.sessions.store import _encode

V1 = Path(__file__).parent / "data" / "v1"
FILES = sorted(V1.glob("*.json"))


def _v1(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem.split("-", 1)[1])
def test_every_reply_and_figure_of_a_v1_file_is_kept(path: Path) -> None:
    old = _v1(path)
    session = Session.from_json(old)
    assert session.read_version == 1
    assert session.session_id == old["session_id"] and session.mode == old["mode"]
    assert session.finished == old["finished"]
    assert session.score == old["score"]
    assert session.path == old["path"]
    turns = old["turns"]
    assert isinstance(turns, list)
    for record, turn in zip(session.turns, turns, strict=True):
        assert record.reply == turn["reply"] and record.recruiter == turn["recruiter"]
        assert record.decision is not None and record.decision.goto == turn["decision"]["goto"]
        assert list(record.expected) == turn["expected"]
        assert len(record.attempts) == len(turn["attempts"])
        for name, check in turn["checks"].items():
            result = record.checks[name]
            assert result.met == check["met"] and result.score == check["score"]
            assert result.why == check["why"]
            assert [(e.start, e.end, e.text) for e in result.evidence] == [
                (e["start"], e["end"], e["text"]) for e in check["evidence"]]
        assert record.metrics.to_json() == turn["metrics"]
        assert record.timing.response_delay == turn["timing"]["response_delay"]
        assert [list(w) for w in record.timing.words] == turn["timing"]["words"]
    # and the same again after a round trip through version 2
    again = Session.from_json(json.loads(json.dumps(session.to_json())))
    assert again.read_version == 2
    again.read_version = 1
    assert again == session


def test_a_v1_file_is_listed_shown_and_left_alone_until_rewritten(trainer_home: Path) -> None:
    folder = trainer_home / "sessions"
    folder.mkdir()
    for path in FILES:
        shutil.copyfile(path, folder / path.name)
    store = SessionStore()
    listing = store.list()
    assert not listing.problems and len(listing.sessions) == len(FILES)
    for path in FILES:
        store.load(path.stem)
        assert (folder / path.name).read_bytes() == path.read_bytes()  # reading changes nothing
        assert not store.original_of(path.stem).exists()


def test_rewriting_a_v1_file_upgrades_it_and_keeps_the_original(trainer_home: Path) -> None:
    folder = trainer_home / "sessions"
    folder.mkdir()
    source = next(p for p in FILES if "7cbd0f" in p.name)
    shutil.copyfile(source, folder / source.name)
    store = SessionStore()
    with store.edit(source.stem) as session:
        session.coach_note = "listen again"  # type: ignore[attr-defined]
    kept = store.original_of(source.stem)
    assert kept.read_bytes() == source.read_bytes()
    rewritten = json.loads((folder / source.name).read_text(encoding="utf-8"))
    assert rewritten["schema_version"] == 2 and rewritten["coach_note"] == "listen again"
    assert [p.name for p in folder.glob("*.json")] == [source.name]  # the copy is not listed
    with store.edit(source.stem) as session:
        session.coach_note = "again"  # type: ignore[attr-defined]
    assert kept.read_bytes() == source.read_bytes()  # the first original is never replaced


@pytest.mark.parametrize("path", [p for p in FILES if "salary" not in p.name],
                         ids=lambda p: p.stem.split("-", 1)[1])
def test_a_saved_session_is_at_least_40_percent_smaller(path: Path) -> None:
    session = Session.from_json(_v1(path))
    before, after = path.stat().st_size, len(_encode(session))
    assert after <= 0.6 * before, (before, after)
