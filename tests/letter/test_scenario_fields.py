"""The scenario's letter fields: in the model and the schema, checked by `trainer validate`,
and every shipped model letter scores 100."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.letter.conftest import shipped
from trainer.letter.letter import parse_letter
from trainer.letter.score import scorer_for
from trainer.scenario.schema import scenario_schema

REPO = Path(__file__).resolve().parents[2]


def test_the_schema_has_the_letter_fields() -> None:
    properties = scenario_schema()["properties"]
    assert {"letter_items", "model_letter", "letter_tips"} <= set(properties)


def test_shipped_model_letters_score_100() -> None:
    with_letters = [s for s in shipped() if s.model_letter]
    assert with_letters
    for scenario in with_letters:
        assert scenario.model_letter is not None
        score = scorer_for(scenario).score(parse_letter(scenario.model_letter))
        assert score.overall == 100, {n: r.why for n, r in score.checks.items()}


def validate(tmp_path: Path, extra: str) -> subprocess.CompletedProcess[str]:
    source = (REPO / "scenarios" / "offer-accepted-elsewhere.yaml").read_text(encoding="utf-8")
    path = tmp_path / "offer-accepted-elsewhere.yaml"
    path.write_text(source + extra, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "trainer", "validate", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_valid_letter_fields_pass(tmp_path: Path) -> None:
    result = validate(tmp_path, "\nletter_items:\n  - name: thanks_daniel\n    description: "
                      "Thanks Daniel.\n    phrases: [thanks to Daniel]\nletter_tips: Be brief.\n"
                      "model_letter: |-\n  Subject: Offer: declining\n\n  Dear Priya,\n  No.\n")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("extra", "where", "message"), [
    ("\nletter_items:\n  - name: warm_close\n    description: x\n    phrases: [x]\n",
     "letter_items[0].name", "built-in item"),
    ("\nletter_items:\n  - name: thanks\n    description: x\n    phrases: [x]\n",
     "letter_items[0].name", "built-in item"),
    ("\nletter_items:\n  - {name: a, description: x, phrases: [x]}\n"
     "  - {name: a, description: y, phrases: [y]}\n", "letter_items[1].name", "defined twice"),
    ("\nletter_items:\n  - {name: a, description: x}\n", "letter_items[0]", "phrases"),
    ("\nmodel_letter: " + "word " * 210 + "\n", "model_letter", "210 words"),
    ("\nletter_tips: {a: b}\n", "letter_tips", "expected"),
])
def test_bad_letter_fields_are_reported_where_they_are(tmp_path: Path, extra: str, where: str,
                                                       message: str) -> None:
    result = validate(tmp_path, extra)
    assert result.returncode == 1
    report = result.stdout + result.stderr
    assert where in report and message in report, report
    assert "Traceback" not in report
