"""The tutorial's letter step (docs/scenarios.md): its model letter and the draft both score 100."""

from __future__ import annotations

import re
from pathlib import Path

from trainer.letter.draft import draft_letter, model_turns
from trainer.letter.letter import parse_letter
from trainer.letter.score import scorer_for
from trainer.scenario.loader import load_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def test_the_letter_step_scores_its_model_letter_and_draft_100(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    step = [b for b in blocks if "letter_items:" in b and "model_letter:" in b]
    assert step, "the tutorial has a step with letter_items, model_letter and letter_tips"
    path = tmp_path / "bluebird-offer.yaml"
    path.write_text(step[-1], encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.letter_items and scenario.letter_tips and scenario.model_letter
    scorer = scorer_for(scenario)
    model = scorer.score(parse_letter(scenario.model_letter))
    assert model.overall == 100, {n: r.met for n, r in model.checks.items()}
    draft = draft_letter(scenario, model_turns(scenario), "Alex")
    scored = scorer.score(draft.letter)
    assert scored.overall == 100, draft.letter.text()
    assert scored.checks["letter_names_sam"].met
