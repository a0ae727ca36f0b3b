"""Golden files: what ``show``, ``export``, ``history``, ``rescore --dry-run`` and line mode print.

The inputs are real version-1 session files written by the trainer before the
session model was rewritten (``data/v1``), so these tests prove both that old
files keep working and that the user-visible output did not change by accident.
A deliberate change is made by looking at the diff and then regenerating with
``TRAINER_UPDATE_GOLDEN=1 pytest tests/sessions/test_golden.py``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.cli import main

HERE = Path(__file__).parent
V1 = HERE / "data" / "v1"
GOLDEN = HERE / "golden"
UPDATE = bool(os.environ.get("TRAINER_UPDATE_GOLDEN"))

SESSIONS = sorted(p.stem for p in V1.glob("*.json"))


def short(session_id: str) -> str:
    """``offer-accepted-elsewhere-739e47``: the id without its time stamp, for file names."""
    return session_id.split("-", 1)[1]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}; run with TRAINER_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in local time: pin it so the files compare anywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def sessions(trainer_home: Path) -> Path:
    folder = trainer_home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    for path in V1.glob("*.json"):
        shutil.copyfile(path, folder / path.name)
    return folder


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str | None = None) -> str:
    capsys.readouterr()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        main(list(args))
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    finally:
        sys.stdin = old
    return capsys.readouterr().out


def test_the_fixtures_are_version_1_files() -> None:
    assert len(SESSIONS) >= 5
    for path in V1.glob("*.json"):
        assert '"schema_version": 1' in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("sessions")
def test_history(capsys: pytest.CaptureFixture[str]) -> None:
    check_golden("history.txt", cli(capsys, "history"))
    check_golden("history.json", cli(capsys, "history", "--json"))


@pytest.mark.usefixtures("sessions")
@pytest.mark.parametrize("session_id", SESSIONS)
def test_show(capsys: pytest.CaptureFixture[str], session_id: str) -> None:
    check_golden(f"show/{short(session_id)}.txt", cli(capsys, "show", session_id))


@pytest.mark.usefixtures("sessions")
@pytest.mark.parametrize("session_id", SESSIONS)
def test_show_in_colour(session_id: str) -> None:
    from trainer.sessions.render_text import render_text
    from trainer.sessions.report import build_report
    from trainer.sessions.store import SessionStore

    report = build_report(SessionStore().load(session_id))
    check_golden(f"show-colour/{short(session_id)}.txt", render_text(report, color=True))


@pytest.mark.usefixtures("sessions")
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("session_id", SESSIONS)
def test_export(capsys: pytest.CaptureFixture[str], session_id: str, fmt: str) -> None:
    check_golden(f"export/{short(session_id)}.{fmt}",
                 cli(capsys, "export", session_id, "--format", fmt))


@pytest.mark.parametrize("session_id", [s for s in SESSIONS if "salary" not in s])
def test_scorecard_of_a_saved_call(capsys: pytest.CaptureFixture[str], session_id: str) -> None:
    """``trainer rescore --dry-run FILE`` (what ``trainer score SCENARIO FILE`` was)."""
    text = cli(capsys, "rescore", "--dry-run", str(V1 / f"{session_id}.json"))
    check_golden(f"scorecard/{short(session_id)}.txt", text)
    scenario = short(session_id).rsplit("-", 1)[0]
    alias = cli(capsys, "score", scenario, str(V1 / f"{session_id}.json"))
    assert alias == text


_SESSION_ID = re.compile(r"\d{8}T\d{6}Z-[a-z0-9-]+-[0-9a-f]{6}")

LINE_MODE = {
    "finished": ("offer-accepted-elsewhere", "3", [
        "Hi Priya, thank you for calling, and thank you for all your help. Um, unfortunately, "
        "I won't be accepting the offer. I've accepted a position that fits my goals a little "
        "more closely.",
        "I'd rather keep that to myself, but thanks for asking.",
        "Not at all, I'd be glad if you did.",
        "Just thank you again, Priya, and please pass my thanks to Daniel for his time. "
        "All the best.",
    ]),
    "hung-up": ("offer-accepted-elsewhere", "5", [
        "Thanks Priya. I won't be accepting the offer.",
        "I've accepted a position that fits my goals more closely.",
    ]),
    "badly": ("compensation-counter-offer", "1", [
        "Hi, yeah, I think I'll probably pass, maybe. Your offer was pretty cheap to be honest.",
        "Well, I might reconsider if the money was better.",
        "Sure, whatever.",
        "Bye.",
    ]),
}


@pytest.mark.parametrize("name", sorted(LINE_MODE))
def test_line_mode(capsys: pytest.CaptureFixture[str], name: str) -> None:
    scenario, seed, replies = LINE_MODE[name]
    text = cli(capsys, "run", scenario, "--plain", "--typed", "--mute", "--seed", seed,
               stdin="\n".join(replies) + "\n")
    check_golden(f"line-mode/{name}.txt", _SESSION_ID.sub("SESSION", text))
