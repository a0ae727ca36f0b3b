"""`trainer run --plain`: the follow-up letter offered at the end of the call."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from trainer.scenario.catalog import load_catalog

SCENARIO = "offer-accepted-elsewhere"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    scenario = load_catalog().get(SCENARIO)
    replies = [scenario.turn(t).model_answer or "" for t in scenario.main_path()]
    return subprocess.run([sys.executable, "-m", "trainer", "run", SCENARIO, "--plain",
                           "--typed", "--mute", "--seed", "3", *args],
                          input="\n".join(replies) + "\n", capture_output=True, text=True,
                          timeout=180, check=False)


def test_letter_prints_the_draft_signed_with_the_configured_name(trainer_home: Path) -> None:
    (trainer_home / "config.toml").write_text('[user]\nname = "Sam Rivera"\n', encoding="utf-8")
    result = run("--letter")
    assert result.returncode == 0, result.stderr
    letter = result.stdout.split("Follow-up letter (a draft from what you said)", 1)[1]
    assert "Subject: Data analyst offer: declining with thanks" in letter
    assert "Dear Priya," in letter and "Best regards,\nSam Rivera" in letter
    assert "trainer letter " in letter


def test_without_a_terminal_nobody_is_asked(trainer_home: Path) -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    assert "[Y/n]" not in result.stdout and "Dear Priya" not in result.stdout
    assert "letter" not in result.stdout.split("Saved as session", 1)[1]


def test_no_letter_skips_the_offer(trainer_home: Path) -> None:
    result = run("--no-letter")
    assert result.returncode == 0, result.stderr
    assert "letter" not in result.stdout.split("Saved as session", 1)[1]


def test_at_a_terminal_the_user_is_asked(trainer_home: Path) -> None:
    """stdin a terminal (a pty): the call's replies, then "y" to the offer."""
    import os
    import pty

    scenario = load_catalog().get(SCENARIO)
    replies = [scenario.turn(t).model_answer or "" for t in scenario.main_path()]
    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "trainer", "run", SCENARIO, "--plain", "--typed", "--mute",
             "--seed", "3"], stdin=secondary, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        os.close(secondary)
        for line in [*replies, "y"]:
            os.write(main, (line + "\n").encode())
        out, err = process.communicate(timeout=180)
    finally:
        os.close(main)
    assert process.returncode == 0, err
    assert "Draft the follow-up letter now? [Y/n]" in out
    assert "Follow-up letter (a draft from what you said)" in out and "Dear Priya," in out
