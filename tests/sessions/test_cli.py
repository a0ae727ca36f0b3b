"""``trainer history``, ``show`` and ``export`` end to end, with their exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trainer.sessions import Session, SessionStore

RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]


def test_history_with_no_sessions(cli: Cli) -> None:
    assert cli("history") == (0, "No sessions yet: rehearse a call with `trainer` and it is "
                                 "saved here.\n", "")
    assert cli("history", "--json") == (0, "[]\n", "")


def test_history_lists_oldest_first_with_score_length_and_status(
    cli: Cli, record: RecordFn
) -> None:
    old = record("offer-accepted-elsewhere", score=64.0, days_ago=3)
    new = record("decline-interview-invitation", turns=1, finish=False)
    code, out, err = cli("history")
    assert (code, err) == (0, "")
    header, first, second = out.splitlines()
    assert header.split() == ["DATE", "SCENARIO", "SCORE", "LENGTH", "STATUS", "SESSION"]
    assert first.split()[2:] == ["offer-accepted-elsewhere", "64", "0s", "finished",
                                 old.session_id]
    assert second.split()[2:] == ["decline-interview-invitation", "-", "0s", "unfinished",
                                  new.session_id]


def test_history_json_and_scenario_filter(cli: Cli, record: RecordFn) -> None:
    kept = record("offer-accepted-elsewhere", score=71.5)
    record("decline-interview-invitation")
    code, out, _ = cli("history", "--scenario", "offer-accepted-elsewhere", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("session_id", "scenario", "score", "finished")} == {
        "session_id": kept.session_id, "scenario": "offer-accepted-elsewhere",
        "score": 71.5, "finished": True}
    assert row["started"].endswith("+00:00")
    code, out, _ = cli("history", "--scenario", "offer-acepted-elsewhere")
    assert (code, out) == (0, "No sessions of 'offer-acepted-elsewhere'; did you mean "
                              "'offer-accepted-elsewhere'?.\n")


def test_history_warns_about_a_damaged_file_and_lists_the_rest(
    cli: Cli, record: RecordFn, store: SessionStore
) -> None:
    good = record()
    bad = store.root / "20250101T000000Z-x-broken.json"
    bad.write_text('{"schema_version": 1, "session_id": ')
    code, out, err = cli("history", "--json")
    assert code == 0
    assert [row["session_id"] for row in json.loads(out)] == [good.session_id]
    assert err.startswith(f"warning: skipped {bad}: is not valid JSON")


def test_show_prints_the_scored_transcript(cli: Cli, record: RecordFn) -> None:
    session = record(score=77.0)
    code, out, err = cli("show", session.session_id[:26])
    assert (code, err) == (0, "")
    assert f"Session {session.session_id}" in out
    assert "Score: 77/100" in out
    assert "\nTurn 1\n" in out and "\nTurn 3\n" in out
    assert "opening" not in out  # users see turn numbers, never the scenario's turn ids
    assert "  Recruiter: Hello, it's Dana from Acme about the offer." in out
    assert '✓ Thanks: met - "Thank you so much"' in out
    assert "Speech: Response delay 0.8 s · Reply length 3.2 s" in out
    assert "Model answer: Thank you for the offer; I won't be accepting it." in out
    assert "\x1b[" not in out  # no colour codes when not on a terminal


def test_show_last_and_an_unfinished_call(cli: Cli, record: RecordFn) -> None:
    record(days_ago=1)
    record(turns=2, finish=False)
    code, out, _ = cli("show", "last")
    assert code == 0
    assert "· unfinished" in out and "Note: This call was not finished: 2 replies saved" in out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("show", "nope"), 1, "error: no session matches 'nope'; `trainer history` lists them"),
        (("show", "last"), 1, "error: there are no sessions yet in"),
        (("export", "last", "--out", "report.pdf"), 2,
         "error: --out report.pdf: the trainer does not write '.pdf' files; name the file "
         "with one of .md, .markdown, .html, .htm, .txt, .json, or give --format"),
        (("export", "last", "--format", "pdf"), 2, "Invalid value for '--format'"),
        (("rescore",), 2, "error: give one SESSION or --all"),
        (("rescore", "x", "--all"), 2, "error: give one SESSION or --all"),
    ],
)
def test_mistakes_get_a_message_and_a_status(
    cli: Cli, args: tuple[str, ...], status: int, message: str
) -> None:
    code, _, err = cli(*args)
    assert code == status
    assert message in err and "Traceback" not in err


def test_an_ambiguous_prefix_is_a_usage_error(cli: Cli, record: RecordFn) -> None:
    record()
    record()
    code, _, err = cli("show", "20")
    assert code == 2 and "matches 2 sessions" in err and "give more of the id" in err


def test_a_damaged_session_is_named_by_show(
    cli: Cli, store: SessionStore, record: RecordFn
) -> None:
    record()
    bad = store.root / "20250101T000000Z-x-broken.json"
    bad.write_text("[]")
    code, _, err = cli("show", "20250101T000000Z-x-broken")
    assert code == 1
    assert err == f"error: {bad}: (top level): expected an object, got a list\n"


def test_export_to_stdout_and_to_a_file(cli: Cli, record: RecordFn, tmp_path: Path) -> None:
    session = record()
    code, out, _ = cli("export", "last", "--format", "md")
    assert code == 0 and out.startswith("# Offer Accepted Elsewhere: practice call")
    target = tmp_path / "report.html"
    code, out, _ = cli("export", session.session_id, "--format", "html", "--out", str(target))
    assert (code, out) == (0, f"Wrote {target} (html).\n")
    HTMLParser().feed(target.read_text())
    assert "<mark class=\"do\"" in target.read_text()
    code, out, _ = cli("export", "last", "--format", "json")
    assert json.loads(out)["session_id"] == session.session_id


def test_export_to_a_missing_folder_says_which(
    cli: Cli, record: RecordFn, tmp_path: Path
) -> None:
    record()
    code, _, err = cli("export", "last", "--format", "md", "--out",
                       str(tmp_path / "nowhere" / "r.md"))
    assert code == 1 and f"the folder {tmp_path / 'nowhere'} does not exist" in err
    code, _, err = cli("export", "last", "--format", "md", "--out", str(tmp_path))
    assert code == 2


def test_the_installed_command_lists_history_as_json(record: RecordFn) -> None:
    session = record()
    done = subprocess.run([sys.executable, "-m", "trainer", "history", "--json"],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy(),
                          check=False)
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert row["session_id"] == session.session_id and row["finished"] is True


def test_history_says_how_each_call_ended(cli: Cli, record: RecordFn) -> None:
    store = SessionStore()
    early = store.create("offer-accepted-elsewhere", "Offer", "", "typed")
    record()
    store.finish(early, 40.0, "input_ended")
    code, out, _ = cli("history")
    assert code == 0
    header, *rows = out.splitlines()
    assert sorted(row.split()[5] for row in rows) == ["finished", "input"]
    where = header.index("SESSION")
    assert all(row[where:].startswith("2") for row in rows)  # the columns line up
