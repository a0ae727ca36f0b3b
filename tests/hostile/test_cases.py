"""Issue 12, cases 2-14: hostile files and a hostile disk, through the command line.

Most commands run in this process (fast); the ones that could hang if the fix
regressed (FIFOs) or that need a real signal run as a subprocess with a timeout.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from trainer import paths
from trainer.call.engine import Call
from trainer.errors import TrainerError
from trainer.scenario.catalog import load_catalog
from trainer.sessions import store as store_module
from trainer.sessions.index import INDEX_NAME
from trainer.sessions.store import SessionStore

BASE = "offer-accepted-elsewhere"
REPLY = b"Thank you so much, but unfortunately I won't be accepting the offer.\n"


def sessions() -> list[dict[str, Any]]:
    folder = paths.sessions_dir()
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]


def subprocess_trainer(*args: str, stdin: bytes = b"", timeout: float = 30
                       ) -> subprocess.CompletedProcess[bytes]:
    # env: os.environ as Python sees it. Without it the child inherits the C-level
    # environment, where something under pytest has set COLUMNS=80 unseen by os.environ,
    # and `history` would fit its table to 80 columns even into a pipe.
    return subprocess.run([sys.executable, "-m", "trainer", *args], input=stdin,
                          capture_output=True, timeout=timeout, check=False,
                          env=dict(os.environ))


@pytest.fixture
def one_session(cli: Any) -> str:
    result = cli("run", BASE, "--plain", "--mute", stdin=REPLY)
    assert result.code == 0, result.err
    return str(sessions()[-1]["session_id"])


def not_json(name: str) -> None:
    raise AssertionError(f"bare {name} in the output: not JSON")


# -- 2: export never replaces what it should not -----------------------------------------


def test_case02_export_keeps_an_existing_file_unless_forced_and_keeps_its_mode(
    cli: Any, one_session: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("my notes\n")
    target.chmod(0o640)
    refused = cli("export", one_session, "--format", "md", "--out", str(target))
    assert refused.code == 1 and "--force" in refused.err
    assert target.read_text() == "my notes\n"
    forced = cli("export", one_session, "--format", "md", "--out", str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text().startswith("# ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_case02_export_refuses_devices_and_fifos_and_never_follows_a_symlink(
    cli: Any, one_session: str, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for where in (fifo, Path("/dev/null")):
        result = cli("export", one_session, "--format", "md", "--out", str(where), "--force")
        assert result.code == 1 and "only writes regular files" in result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_ISCHR(Path("/dev/null").lstat().st_mode)

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    refused = cli("export", one_session, "--format", "md", "--out", str(link))
    assert refused.code == 1 and "symbolic link" in refused.err
    forced = cli("export", one_session, "--format", "md", "--out", str(link), "--force")
    assert forced.code == 0, forced.err
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and link.read_text().startswith("# ")


# -- 3: escape sequences never reach the terminal or a Markdown report ------------------------


def test_case03_escapes_from_scenario_and_reply_are_shown_as_text(
    cli: Any, hostile_scenario: Path
) -> None:
    ran = cli("run", "hostile-call", "--plain", "--mute",
              stdin=b"Thanks \x1b]0;pwned\x07so much, but no.\n")
    assert ran.code == 0, ran.err
    assert "\x1b" not in ran.out + ran.err
    assert "politely \\x1b]2;x\\x07" in ran.out  # the scenario's escape, made visible
    saved = sessions()[-1]
    assert saved["turns"][0]["reply"] == "Thanks so much, but no."  # typed junk dropped
    for command in (["show", "last"], ["export", "last", "--format", "md"],
                    ["export", "last", "--format", "html"]):
        shown = cli(*command)
        assert shown.code == 0, shown.err
        assert "\x1b" not in shown.out and "\x07" not in shown.out


def test_case03_a_hand_edited_session_with_escapes_shows_them_as_text(
    cli: Any, one_session: str
) -> None:
    path = paths.sessions_dir() / f"{one_session}.json"
    data = json.loads(path.read_text("utf-8"))
    data["scenario_title"] = "Title \u001b]0;pwned\u0007 \u001b[2J"
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in (["history"], ["show", "last"], ["export", "last", "--format", "md"]):
        result = cli(*command)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out + result.err
    assert "Title \\x1b]0;pwned\\x07" in cli("show", "last").out


# -- 4: FIFOs, devices and folders where files should be ----------------------------------


def test_case04_a_fifo_or_device_among_the_scenarios_is_reported_and_skipped(
    trainer_home: Path,
) -> None:
    folder = paths.ensure_dir(paths.user_scenarios_dir())
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "folder.yaml").mkdir()
    listed = subprocess_trainer("list")
    assert listed.returncode == 0
    err = listed.stderr.decode()
    for name, what in (("pipe.yaml", "is a named pipe (FIFO)"),
                       ("zero.yaml", "is a character device"), ("folder.yaml", "is a folder")):
        assert f"skipped {folder / name}: {folder / name}:1:1: (file): {what}" in err
    assert BASE in listed.stdout.decode()
    checked = subprocess_trainer("validate", str(folder))
    assert checked.returncode == 1 and b"only regular files are read" in checked.stdout
    ran = subprocess_trainer("run", BASE, "--plain", "--mute", stdin=REPLY)
    assert ran.returncode == 0, ran.stderr


def test_case04_a_fifo_in_place_of_the_index_does_not_hang_history(one_session: str) -> None:
    index = paths.sessions_dir() / INDEX_NAME
    index.unlink()
    os.mkfifo(index)
    listed = subprocess_trainer("history")
    assert listed.returncode == 0, listed.stderr
    assert one_session in listed.stdout.decode()
    assert index.is_file()  # set aside and rebuilt
    shown = subprocess_trainer("show", "last")
    assert shown.returncode == 0, shown.stderr


# -- 5: one bad session file, or a damaged index, breaks nothing -------------------------------


def test_case05_hostile_session_files_are_reported_and_the_rest_listed(
    cli: Any, one_session: str
) -> None:
    folder = paths.sessions_dir()
    good = json.loads((folder / f"{one_session}.json").read_text("utf-8"))
    (folder / "20250101T000000Z-x-deep01.json").write_text("[" * 200_000 + "]" * 200_000)
    long_number = json.dumps(dict(good, session_id="20250101T000000Z-x-long01", score=1234.5))
    (folder / "20250101T000000Z-x-long01.json").write_text(
        long_number.replace("1234.5", "9" * 5000), encoding="utf-8")
    surrogate = json.dumps(dict(good, session_id="20250101T000000Z-x-surr01")).replace(
        json.dumps(good["scenario_title"]), '"Lone \\ud800 surrogate"')
    (folder / "20250101T000000Z-x-surr01.json").write_text(surrogate, encoding="utf-8")
    result = cli("history")
    assert result.code == 0, result.err
    assert one_session in result.out
    assert "deep01.json: is nested more than 64 levels deep" in result.err
    assert "long01.json: has a number thousands of digits long" in result.err
    assert "20250101T000000Z-x-surr01" in result.out
    shown = cli("show", "20250101T000000Z-x-surr01")
    assert shown.code == 0 and "Lone \ufffd surrogate" in shown.out  # the bad half replaced


@pytest.mark.parametrize("damage", ["bad line", "folder"])
def test_case05_a_damaged_index_is_skipped_and_rebuilt(
    cli: Any, one_session: str, damage: str
) -> None:
    index = paths.sessions_dir() / INDEX_NAME
    if damage == "bad line":
        with index.open("a", encoding="utf-8") as handle:
            handle.write("[2, " + "[" * 100_000 + "\n" + '{"not": "a line"}\n')
    else:
        index.unlink()
        index.mkdir()
    for command in (["history"], ["show", "last"]):
        result = cli(*command)
        assert result.code == 0, result.err
        assert one_session in result.out
    assert index.is_file()
    assert len(index.read_text("utf-8").splitlines()) == 1  # compacted: one line per session


# -- 6: a typed reply that is not UTF-8 ------------------------------------------------------


def test_case06_a_reply_with_invalid_utf8_is_kept_and_saved(cli: Any) -> None:
    result = cli("run", BASE, "--plain", "--mute",
                 stdin=b"Thanks caf\xc3\xa9, but no \xff\xfe.\n")
    assert result.code == 0, result.err
    assert "not UTF-8" in result.err
    saved = sessions()
    assert len(saved) == 1 and saved[0]["outcome"] is not None
    assert saved[0]["turns"][0]["reply"] == "Thanks café, but no \ufffd\ufffd."


# -- 7: check --jsonl and score ---------------------------------------------------------------


def test_case07_one_bad_jsonl_line_never_stops_the_stream(cli: Any) -> None:
    lines = [
        "[" * 200_000,
        '{"id": ' + "9" * 5000 + ', "reply": "thanks"}',
        '{"id": NaN, "reply": "thanks"}',
        '{"id": "ok", "reply": "Thank you, but I will not be accepting."}',
    ]
    result = cli("check", "--jsonl", stdin="\n".join(lines).encode() + b"\n")
    assert result.code == 0, result.err
    out = [json.loads(line, parse_constant=not_json) for line in result.out.splitlines()]
    assert [o.get("id") for o in out] == [None, None, None, "ok"]
    assert "nested" in out[0]["error"] and "thousands of digits" in out[1]["error"]
    assert "NaN" in out[2]["error"] and out[3]["checks"]["thanks"]["met"] is True


def test_case07_score_refuses_a_hostile_transcript_by_name(cli: Any, tmp_path: Path) -> None:
    transcript = tmp_path / "t.json"
    transcript.write_text('{"turns": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = cli("score", BASE, str(transcript))
    assert result.code == 1
    assert f"{transcript}: is nested more than" in result.err


# -- 8: a read-only or full data folder -------------------------------------------------------


def test_case08_an_unwritable_data_folder_is_said_before_the_call(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TRAINER_HOME", str(blocker / "home"))
    result = cli("run", BASE, "--plain", "--mute", stdin=REPLY)
    assert result.code == 1
    assert "cannot save sessions in" in result.err and "internal error" not in result.err
    assert "Priya" not in result.out  # the call never started


def test_case08_a_full_disk_mid_call_keeps_what_was_saved(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_module.atomic_write
    calls = {"n": 0}

    def fills_up(path: Path, data: bytes) -> os.stat_result:
        calls["n"] += 1
        if calls["n"] >= 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(store_module, "atomic_write", fills_up)
    result = cli("run", BASE, "--plain", "--mute", stdin=REPLY * 3)
    assert result.code == 1
    assert "the disk is full" in result.err and "internal error" not in result.err
    saved = sessions()
    assert len(saved) == 1 and len(saved[0]["turns"]) == 1  # the first answer is kept


def test_case08_a_full_disk_lets_the_same_reply_be_tried_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    call = Call(load_catalog().get(BASE), store=SessionStore())
    call.answer(REPLY.decode().strip())
    line = call.recruiter_line

    def full(path: Path, data: bytes) -> os.stat_result:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_module, "atomic_write", full)
    with pytest.raises(TrainerError, match=r"disk is full; session .* is kept on disk"):
        call.answer("I accepted another role.")
    assert call.recruiter_line == line and len(call.outcomes) == 1
    monkeypatch.undo()
    call.answer("I accepted another role.")
    assert len(call.outcomes) == 2


def test_case08_new_on_an_unwritable_folder_is_a_clear_error(cli: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli("new", "--scenarios", str(blocker / "sub"))
    assert result.code == 1 and "cannot write" in result.err


# -- 9: store size limits ---------------------------------------------------------------------


def test_case09_a_session_too_large_to_show_is_never_saved(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "MAX_SESSION_BYTES", 1500)
    result = cli("run", BASE, "--plain", "--mute", stdin=REPLY)
    assert result.code == 1 and "more than a session file may be" in result.err
    for saved in paths.sessions_dir().glob("*.json"):
        assert saved.stat().st_size <= 1500  # whatever is on disk can be shown
        assert cli("show", saved.stem).code == 0


# -- 10: paths on a long straight scenario ------------------------------------------------------


def test_case10_paths_of_a_thousand_turn_scenario(cli: Any, tmp_path: Path) -> None:
    lines = ["id: long", "title: Long", "situation: decline_offer", "difficulty: easy",
             "briefing: b", "recruiter:", "  name: A", "  company: B", "  role: C", "turns:"]
    for i in range(1000):
        lines += [f"  - id: t{i}", f"    say: line {i}", "    expect: [thanks]"]
    path = tmp_path / "long.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = cli("paths", str(path))  # validates the file first, as `validate` does
    assert result.code == 0, result.err
    assert result.out.strip().endswith("1 path")


# -- 11: new --from ---------------------------------------------------------------------------


def test_case11_new_from_copies_only_scenario_files(cli: Any, tmp_path: Path) -> None:
    other = tmp_path / "hostname"
    other.write_text("my-machine\n")
    latin1 = tmp_path / "latin.yaml"
    latin1.write_bytes("id: latin\ntitle: Café\n".encode("latin-1"))
    for source, words in ((other, "expected a mapping"), (latin1, "not UTF-8 text")):
        result = cli("new", "--from", str(source))
        assert result.code == 1 and words in result.err, result.err
        assert "internal error" not in result.err
    assert not paths.user_scenarios_dir().exists() or not any(
        paths.user_scenarios_dir().iterdir())
    assert cli("new", "--from", BASE).code == 0


# -- 12: exit statuses ---------------------------------------------------------------------------


def test_case12_exit_statuses(cli: Any, tmp_path: Path) -> None:
    missing = cli("run", BASE, "--plain", "--mute", "--audio", str(tmp_path / "missing.wav"))
    assert missing.code == 1 and "missing.wav" in missing.err
    assert cli("run", BASE, "--json").code == 2  # --json without --plain: usage
    assert cli("show", "no-such-session").code == 1
    assert cli("no-such-command").code == 2


# -- 13: signals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_case13_a_signal_ends_the_call_with_a_message_and_a_resumable_session(
    sig: signal.Signals,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "trainer", "run", BASE, "--plain", "--mute"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None
    process.stdin.write(REPLY)
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not any(s["turns"] for s in sessions()):
        assert time.monotonic() < deadline, "the first answer was never saved"
        time.sleep(0.05)
    time.sleep(0.2)  # let it go back to waiting for the next reply
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + sig, err
    message = err.decode()
    assert f"Interrupted ({sig.name})" in message and "--resume" in message
    saved = sessions()[0]
    assert saved.get("outcome") is None and len(saved["turns"]) == 1
    if sig != signal.SIGTERM:
        return  # resuming is the same whichever signal stopped the call
    resumed = subprocess_trainer("run", BASE, "--plain", "--mute", "--resume",
                                 saved["session_id"], stdin=REPLY)
    assert resumed.returncode == 0, resumed.stderr
    after = sessions()
    assert len(after) == 1 and after[0]["outcome"] is not None and len(after[0]["turns"]) == 2


# -- 14: invisible and right-to-left characters in ids -------------------------------------------


def test_case14_invisible_and_rtl_characters_in_ids_are_spelled_out(cli: Any) -> None:
    for command, shown in (
        (["run", "offer\u202eaccepted", "--plain"], "'offer\\u202eaccepted'"),
        (["show", "abc\u200bdef"], "'abc\\u200bdef'"),
        (["paths", "x\u2066y\u2069"], "'x\\u2066y\\u2069'"),
    ):
        result = cli(*command)
        assert result.code == 1 and shown in result.err, result.err
        for char in "\u202e\u200b\u2066\u2069":
            assert char not in result.err


def test_case14_usage_errors_never_repeat_an_escape_sequence(cli: Any) -> None:
    result = cli("\x1b]0;pwned\x07", "--plain")
    assert result.code == 2
    assert "No such command '\\x1b]0;pwned\\x07'" in result.err and "\x1b" not in result.err
