"""`trainer new` asks for an id and a difficulty, names the file so its header's commands work
from anywhere, and words the template for the situation; `validate` takes an id."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.scenario.loader import check_file
from trainer.scenario.model import SITUATION_LABELS
from trainer.scenario.scaffold import Answers, short_id, template


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(args: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, typed: str | None = None) -> tuple[int, str, str]:
    """``trainer ARGS`` in this process; ``typed`` is what a person types at a terminal (without
    it, stdin is no terminal and nothing is asked)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("") if typed is None else Terminal(typed))
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def trainer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})


def test_interactive_new_suggests_a_short_id_and_asks_the_difficulty(
    trainer_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # situation 2 (an interview), name, company, role, title: Enter keeps the suggestions;
    # then the id (Enter takes the short one offered) and the difficulty
    answers = "2\nSam\nNorthwind Health\nSenior Data Platform Engineer\n\n\nhard\n"
    code, out, err = run(["new"], capsys, monkeypatch, answers)
    assert code == 0, err
    path = Path(out.strip().rsplit(" ", 1)[-1])  # after the prompts, which stdin does not echo
    assert path == trainer_home / "scenarios" / "decline-interview-invitation.yaml"
    assert "Id (used in file names and commands) [decline-interview-invitation]" in out
    text = path.read_text("utf-8")
    assert "difficulty: hard" in text
    checked = check_file(path)
    assert checked.ok, checked.problems
    assert checked.scenario is not None and checked.scenario.difficulty == "hard"
    assert checked.scenario.situation == "decline_interview"


def test_interactive_new_reasks_a_bad_id(
    trainer_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = "1\n\n\n\n\nMy Call!\nmy-call\nmedium\n"
    code, out, err = run(["new"], capsys, monkeypatch, answers)
    assert code == 0, err
    assert "An id is made of lower-case letters, digits, '-' or '_', e.g. my-call." in err
    assert Path(out.strip().rsplit(" ", 1)[-1]).name == "my-call.yaml"


def test_flags_set_id_and_difficulty_without_asking(
    trainer_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(["new", "--id", "quick", "--difficulty", "medium"], capsys, monkeypatch)
    path = trainer_home / "scenarios" / "quick.yaml"
    assert code == 0 and out.strip() == str(path)
    assert "difficulty: medium" in path.read_text("utf-8")
    code, _, err = run(["new", "--difficulty", "brutal"], capsys, monkeypatch)
    assert code == 2 and "--difficulty brutal: use one of easy, medium, hard" in err
    code, _, err = run(["new", "--id", "Not An Id"], capsys, monkeypatch)
    assert code == 2 and "e.g. not-id" in err


def test_the_header_commands_work_from_another_folder(trainer_home: Path, tmp_path: Path) -> None:
    made = trainer("new", "--id", "from-anywhere", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    header = Path(made.stdout.strip()).read_text("utf-8").splitlines()[1]
    assert header.endswith("trainer validate from-anywhere")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = header.split("trainer ", 1)[1].split()
    checked = trainer(*command, cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("ok: ")


def test_a_file_written_to_another_folder_is_named_by_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "my scenarios"
    made = trainer("new", "--id", "mine", "--scenarios", str(folder), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    header = (folder / "mine.yaml").read_text("utf-8").splitlines()[1]
    assert header == f"# Check it with:   trainer validate '{folder / 'mine.yaml'}'"


def test_validate_takes_an_id_like_run_and_paths(tmp_path: Path) -> None:
    result = trainer("validate", "offer-accepted-elsewhere", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ") and "offer-accepted-elsewhere.yaml" in result.stdout
    wrong = trainer("validate", "offer-acepted-elsewhere", cwd=tmp_path)
    assert wrong.returncode == 1
    assert "did you mean 'offer-accepted-elsewhere'?" in wrong.stdout


@pytest.mark.parametrize("situation", list(SITUATION_LABELS))
def test_the_template_speaks_of_what_is_declined(tmp_path: Path, situation: str) -> None:
    text = template(Answers("t", "T", situation, "Alex", "Co", "Analyst", "easy", "t"))
    path = tmp_path / "t.yaml"
    path.write_text(text, "utf-8")
    assert check_file(path).ok
    spoken = text.split("briefing:", 1)[1].split("recruiter:", 1)[0]
    model_answers = [line for line in text.splitlines() if "model_answer" in line]
    if situation in ("decline_interview", "decline_second_interview", "cancel_interview"):
        assert "offer" not in spoken and "interview" in spoken
        assert not any("offer" in line for line in model_answers)
    if situation == "decline_offer":
        assert "offer" in spoken


def test_short_id_stays_short_and_follows_the_slug_rules() -> None:
    long_title = "Decline an interview invitation: Senior Data Platform Engineer at Northwind"
    made = short_id(long_title)
    assert len(made) <= 30 and made == "decline-interview-invitation"
    assert short_id("Salary: 10% below!") == "salary-10-below"
    assert short_id("") == "my-scenario"
