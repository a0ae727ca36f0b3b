"""Issue 8's walk-through: write the tutorial's scenario as the doc says, validate it, run it
with typed replies down every path, and score its custom item."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.scenario.branching import all_paths
from trainer.scenario.loader import load_scenario
from trainer.scenario.model import END

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
HEDGE = "Oh, um, I think I'm probably not going to take it, maybe, I'm not totally sure yet."
NO_REASON = "Thank you so much for calling, Jordan. Unfortunately, I won't be accepting the offer."


def tutorial_file(folder: Path) -> Path:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    final = [b for b in blocks if "id: bluebird-offer" in b and "name: written_followup" in b]
    assert final, "the tutorial ends with the bluebird-offer call and its custom items"
    path = folder / "bluebird-offer.yaml"
    path.write_text(final[-1], encoding="utf-8")
    return path


def trainer(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], input=stdin,
                          capture_output=True, text=True, timeout=180)


def reply_for(model_answer: str, via: str) -> str:
    """A reply that makes the branch described by ``via`` hold."""
    if "hedged met" in via:
        return HEDGE
    if "brief_reason missing" in via:
        return NO_REASON
    return model_answer


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tutorial_file(tmp_path_factory.mktemp("tutorial"))


def test_tutorial_file_validates(scenario_file: Path) -> None:
    result = trainer("validate", str(scenario_file))
    assert result.returncode == 0, result.stdout
    assert f"ok: {scenario_file}" in result.stdout


def test_every_path_can_be_walked_with_typed_replies(scenario_file: Path) -> None:
    scenario = load_scenario(scenario_file)
    walks, truncated = all_paths(scenario)
    assert not truncated and len(walks) >= 3
    for walk in walks:
        expected = [step.turn_id for step in walk if step.turn_id != END]
        replies = [
            reply_for(scenario.turn(step.turn_id).model_answer or "", following.via)
            for step, following in itertools.pairwise(walk)
        ]
        result = trainer("run", str(scenario_file), "--plain", "--typed", "--mute", "--json",
                         "--explain", "--seed", "1", stdin="\n".join(replies) + "\n")
        assert result.returncode == 0, result.stderr
        session = json.loads(result.stdout)
        assert session["path"] == expected, result.stderr
        assert session["finished"] is True
        assert "-> next:" in result.stderr


def test_custom_item_scores_as_the_tutorial_shows(scenario_file: Path) -> None:
    met = trainer("check", "--scenario", str(scenario_file), "--item", "written_followup",
                  "I'll send you an email this afternoon to confirm.")
    assert met.returncode == 0, met.stderr
    assert "met" in met.stdout and "not met" not in met.stdout
    missed = trainer("check", "--scenario", str(scenario_file), "--item", "name_helper",
                     "Thanks so much for calling.")
    assert missed.returncode == 0, missed.stderr
    assert "not met" in missed.stdout
