"""`trainer check --letter FILE` end to end, in a subprocess as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.letter.items import LETTER_DO, LETTER_PITFALLS

LETTER = """Subject: Marketing coordinator interview - cancelling

Dear Megan,

Thank you for taking my call. As I said, I need to cancel my interview on the fourteenth for
the marketing coordinator role, as I have accepted another position.

Thank you again, and all the best to you and the team.

Best regards,
Sam
"""


def trainer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", "check", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_a_text_letter_is_scored_with_evidence(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = trainer("--letter", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Subject: Marketing coordinator interview - cancelling" in out
    assert '✓ A clear subject line' in out and '"cancelling"' in out
    assert '✓ The decision up front' in out and '"I need to cancel"' in out
    assert "✓ A warm close" in out
    assert "Letter score: 100/100" in out
    assert result.stderr == ""


def test_json_has_every_check_with_evidence_offsets_into_the_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = trainer("--letter", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["checks"]) == [*LETTER_DO, *LETTER_PITFALLS]
    assert data["overall"] == 100
    for check in data["checks"].values():
        for ev in check["evidence"]:
            assert data["text"][ev["start"]:ev["end"]] == ev["text"]
    assert data["letter"]["salutation"] == "Dear Megan,"


def test_the_scenario_adds_its_letter_items(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = trainer("--letter", str(path), "--scenario", "cancel-interview-early", "--json")
    assert result.returncode == 0, result.stderr
    checks = json.loads(result.stdout)["checks"]
    assert checks["names_the_interview"]["met"] is True
    missing = tmp_path / "short.txt"
    missing.write_text("Subject: Cancelling\n\nDear Megan,\nI'm cancelling.\nSam\n")
    result = trainer("--letter", str(missing), "--scenario", "cancel-interview-early")
    assert "✗ Names the interview" in result.stdout


def test_an_eml_file_is_read_as_an_email(tmp_path: Path) -> None:
    path = tmp_path / "letter.eml"
    path.write_bytes(
        b"From: sam@example.com\r\nTo: megan@example.com\r\n"
        b"Subject: =?utf-8?q?Cancelling_my_interview_=E2=80=93_marketing_coordinator?=\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Dear Megan,\r\n\r\nThank you for your help. I need to cancel my interview on the "
        b"fourt=\r\n"
        b"eenth.\r\n\r\nAll the best,\r\nSam\r\n")
    result = trainer("--letter", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["letter"]["subject"] == "Cancelling my interview – marketing coordinator"
    assert "fourteenth" in data["letter"]["body"]
    assert data["checks"]["clear_no"]["met"] is True


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"", "is empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "binary file"),
    (bytes(range(128, 256)) * 40, "not UTF-8"),
    (b"word " * 60_000, "far more than a letter"),
], ids=["missing", "empty", "binary", "not-utf8", "huge"])
def test_bad_files_give_one_clear_line_and_no_traceback(tmp_path: Path, content: bytes | None,
                                                        message: str) -> None:
    path = tmp_path / "letter.txt"
    if content is not None:
        path.write_bytes(content)
    result = trainer("--letter", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_folder_is_not_a_letter(tmp_path: Path) -> None:
    result = trainer("--letter", str(tmp_path))
    assert result.returncode == 1 and "is a folder" in result.stderr


def test_a_letter_and_a_reply_together_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = trainer("Thank you, but no", "--letter", str(path))
    assert result.returncode == 2 and "--letter" in result.stderr


def test_missed_items_come_with_their_tips_and_the_scenarios_letter_tips(tmp_path: Path
                                                                         ) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Subject: Update\n\nHi Megan,\nI think I might cancel, sorry.\nSam\n",
                    encoding="utf-8")
    result = trainer("--letter", str(path), "--scenario", "cancel-interview-early")
    assert result.returncode == 0, result.stderr
    tips = result.stdout.split("Tips\n", 1)[1]
    assert '- A clear no: Say it plainly, early' in tips
    assert '- Names the interview: Name the slot' in tips
    assert "- Keep it short; the call already said the rest." in tips
    assert "- A brief reason" not in tips  # optional: never owed
    good = tmp_path / "good.txt"
    good.write_text(LETTER, encoding="utf-8")
    assert "Tips" not in trainer("--letter", str(good)).stdout


def test_terminal_escapes_in_a_letter_are_shown_harmlessly(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Subject: Offer \x1b[2J\x1b]0;pwned\x07declining\n\nDear Priya,\n\nI won't "
                    "be accepting \x1b[31mthe offer\x1b[0m.\n\nSam\n", encoding="utf-8")
    result = trainer("--letter", str(path))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\ufffd[2J" in result.stdout
    assert "✓ A clear no" in result.stdout
