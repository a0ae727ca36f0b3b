"""`trainer run --plain` briefs the user before the first line (`--brief` skips it): a
screen-reader user hears who is calling, what happened, the checklist with the scenario's own
items by their labels, and the tips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from trainer.cli.briefing import briefing_text, call_items
from trainer.scenario.catalog import load_catalog

SCENARIO = "offer-accepted-elsewhere"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", "run", SCENARIO, "--plain",
                           "--typed", "--mute", "--seed", "1", *args], input=stdin,
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, "COLUMNS": "80"})


def test_plain_mode_shows_the_briefing_before_the_first_line(trainer_home: Path) -> None:
    scenario = load_catalog().get(SCENARIO)
    result = run()
    assert result.returncode == 0, result.stderr
    before, _, _ = result.stdout.partition(f"{scenario.recruiter.name}: ")
    assert before.startswith(scenario.title + "\n")
    assert "Who is calling\n  Priya Shah, Northwind Analytics, about the data analyst role." \
        in before
    assert "Daniel" in before  # the name the checklist asks for is in the briefing
    # the checklist, with the scenario's own item by its label (never its id)
    assert "  [ ] Name helper (this call's own): Names Daniel" in before
    assert "name_helper" not in before
    assert "  [ ] A clear no: " in before and "  (!) Hedging: " in before
    for tip in scenario.tips:
        assert tip.split()[0] in before
    assert "Tips\n  - Call promptly" in before
    assert all(len(line) <= 80 for line in before.splitlines())


def test_brief_skips_it(trainer_home: Path) -> None:
    result = run("--brief")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first == "Declining an offer after accepting another"
    assert "Who is calling" not in result.stdout and "Your checklist" not in result.stdout
    assert second == "" and result.stdout.splitlines()[2].startswith("Priya Shah: ")


def test_with_json_the_briefing_goes_to_stderr(trainer_home: Path) -> None:
    result = run("--json")
    assert "Your checklist for this call" in result.stderr
    assert result.stdout.lstrip().startswith("{")


def test_brief_needs_plain() -> None:
    result = subprocess.run([sys.executable, "-m", "trainer", "run", SCENARIO, "--brief"],
                            capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "--brief" in result.stderr and "--plain" in result.stderr


def test_only_expected_items_are_listed_and_text_from_files_is_shown_as_text() -> None:
    scenario = load_catalog().get(SCENARIO)
    do, avoid = call_items(scenario)
    assert do[-1] == "name_helper" and "hedged" in avoid
    hostile = scenario.model_copy(update={"briefing": "Calls at \x1b[2J noon."})
    text = briefing_text(hostile, width=80)
    assert "\x1b" not in text and "\\x1b[2J" in text
    assert briefing_text(scenario, full=False) == scenario.title + "\n"
