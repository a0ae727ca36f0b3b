"""`trainer run --plain`: the call in line mode, replies piped on stdin, as scripts use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from trainer.scenario.catalog import load_catalog


def run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", "run", *args], input=stdin,
                          capture_output=True, text=True, timeout=180)


def main_path_replies(scenario_id: str) -> list[str]:
    scenario = load_catalog().get(scenario_id)
    return [scenario.turn(t).model_answer or "" for t in scenario.main_path()]


def test_json_output_is_the_saved_session(trainer_home: Path) -> None:
    scenario_id = "offer-accepted-elsewhere"
    replies = main_path_replies(scenario_id)
    result = run(scenario_id, "--plain", "--typed", "--mute", "--json", "--seed", "3",
                 stdin="\n".join(replies) + "\n")
    assert result.returncode == 0, result.stderr
    session = json.loads(result.stdout)
    assert {"session_id", "scenario", "path", "turns", "score"} <= set(session)
    assert session["scenario"] == scenario_id
    assert session["path"] == load_catalog().get(scenario_id).main_path()
    assert [t["reply"] for t in session["turns"]] == replies
    for turn in session["turns"]:
        assert turn["recruiter"] and set(turn["checks"]) >= {"thanks", "clear_no", "hedged"}
    assert 0 <= session["score"] <= 100
    assert session["finished"] is True
    assert (trainer_home / "sessions" / f"{session['session_id']}.json").is_file()


def test_end_of_input_hangs_up_and_still_saves(trainer_home: Path) -> None:
    result = run("offer-accepted-elsewhere", "--plain", "--mute",
                 stdin="Thank you so much, but I won't be accepting the offer.\n")
    assert result.returncode == 0, result.stderr
    assert "(end of input: hanging up)" in result.stdout
    assert "Saved as session" in result.stdout
    saved = list((trainer_home / "sessions").glob("*.json"))
    assert len(saved) == 1
    data = json.loads(saved[0].read_text("utf-8"))
    assert data["outcome"]["ending"] == "input_ended" and len(data["turns"]) == 1


def test_explain_says_which_branch_each_reply_took() -> None:
    result = run("offer-accepted-elsewhere", "--plain", "--mute", "--explain",
                 stdin="Thanks, but I won't be accepting.\n")
    assert result.returncode == 0, result.stderr
    assert "-> next:" in result.stdout
    assert "[turn " in result.stdout


def test_plain_flags_need_plain() -> None:
    result = run("offer-accepted-elsewhere", "--json", stdin="")
    assert result.returncode == 2
    assert "go with --plain" in result.stderr


def test_no_reply_at_all_saves_nothing(trainer_home: Path) -> None:
    result = run("offer-accepted-elsewhere", "--plain", "--mute", "--json", stdin="")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["turns"] == []
    assert not list((trainer_home / "sessions").glob("*.json"))
