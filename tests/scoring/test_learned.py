"""The learned second opinion: what it may overrule, and the shipped model it loads."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from trainer.errors import TrainerError
from trainer.letter.score import LetterScorer
from trainer.scoring.features import BUCKETS, feature_ids
from trainer.scoring.learned import (
    MODEL_MIN_WORDS,
    OVERRULES,
    LearnedModel,
    default_model,
    second_opinion,
)
from trainer.scoring.result import ItemResult
from trainer.scoring.scorer import Scorer
from trainer.scoring.utterance import Utterance

ROOT = Path(__file__).resolve().parents[2]


def _model(label: str, bias: float, lean: dict[str, float] | None = None) -> LearnedModel:
    """A model that gives ``label`` the probability sigmoid(bias), pushed by words in ``lean``
    (weights on the word features of those words)."""
    labels = tuple(OVERRULES)
    weights = np.zeros((len(labels), BUCKETS), dtype=np.float32)
    biases = np.full(len(labels), -20.0, dtype=np.float32)
    row = labels.index(label)
    biases[row] = bias
    for word, weight in (lean or {}).items():
        ids = feature_ids(Utterance(word), "unknown")
        # every feature of the word, so any reply containing it is pushed
        weights[row, ids] = weight
    return LearnedModel(labels, weights, biases)


def _rules(reply: str, context: str | None = None) -> dict[str, ItemResult]:
    return dict(Scorer(second_opinion=False).score(reply, context).checks)


def test_a_confident_model_adds_an_offence_the_rules_missed() -> None:
    reply = "Well, let's just say the coffee machine was the highlight of my visit."
    rules = _rules(reply)
    assert rules["offensive"].met is False and not rules["offensive"].evidence
    out = second_opinion(rules, Utterance(reply), "unknown", _model("offensive", 5.0))
    assert out["offensive"].met is True
    assert "second opinion" in out["offensive"].why
    # the evidence is a whole sentence of the reply, as said
    assert out["offensive"].evidence and out["offensive"].evidence[0].text in reply


def test_an_unsure_model_changes_nothing() -> None:
    reply = "Well, let's just say the coffee machine was the highlight of my visit."
    rules = _rules(reply)
    out = second_opinion(rules, Utterance(reply), "unknown", _model("offensive", -0.2))  # p = 0.45
    assert out == rules


def test_the_model_never_adds_to_a_short_reply() -> None:
    reply = "Nope, not for me."
    assert len(reply.split()) < MODEL_MIN_WORDS
    rules = _rules(reply)
    out = second_opinion(rules, Utterance(reply), "unknown", _model("offensive", 8.0))
    assert out["offensive"].met is False


def test_the_model_never_overrides_a_near_miss_the_rules_vetoed() -> None:
    # a near miss the rules vetoed shows the words they read and decided on: the model
    # leaves it
    rules = _rules("I was going to say the interviews were rushed, but honestly they weren't.")
    for label, result in rules.items():
        if result.met is False and result.evidence and label in OVERRULES:
            model = _model(label, 8.0)
            out = second_opinion(rules, Utterance("x " * 10), "unknown", model)
            assert out[label].met is False


def test_an_added_offence_unmakes_a_courteous_followup() -> None:
    context = "Can I ask what made you decide against us?"
    # an implied comparison the rules leave to the model (they flag "actually knew what they
    # were doing"; a fact about the other firm, they do not)
    reply = "Sure, happy to say: the other team had their paperwork ready on day one."
    rules = _rules(reply, context)
    assert rules["offensive"].met is False
    assert rules["courteous_followup"].met is True
    out = second_opinion(rules, Utterance(reply), "info", _model("offensive", 6.0))
    assert out["offensive"].met is True
    assert out["courteous_followup"].met is False


def test_a_reason_found_running_on_is_no_brief_reason() -> None:
    reply = "It's mainly the commute, which would be about an hour each way for me."
    rules = _rules(reply, "Can I ask why?")
    assert rules["brief_reason"].met is True and rules["over_detailed"].met is False
    out = second_opinion(rules, Utterance(reply), "info", _model("over_detailed", 6.0))
    assert out["over_detailed"].met is True
    assert out["brief_reason"].met is False


def test_a_yes_the_rules_found_words_for_is_never_unmade() -> None:
    reply = "Thank you so much for the offer, but I won't be accepting it."
    rules = _rules(reply)
    assert rules["thanks"].met is True and rules["thanks"].evidence
    out = second_opinion(rules, Utterance(reply), "opening", _model("thanks", -8.0),
                         frozenset())
    assert out["thanks"].met is True


def test_a_courteous_answer_met_by_default_is_unmade_by_a_sure_model() -> None:
    context = "Can I ask what made you decide against us?"
    reply = "It was more about where I want to be in five years than anything about you."
    scorer = Scorer(second_opinion=False)
    rules = dict(scorer.score(reply, context).checks)
    defaults = Scorer.defaults(scorer.read(reply, context), rules)
    assert rules["courteous_followup"].met is True and "courteous_followup" in defaults
    unsure = _model("courteous_followup", -0.5)  # p = 0.38: doubts, but not enough
    kept = second_opinion(rules, Utterance(reply), "info", unsure, defaults)
    assert kept["courteous_followup"].met is True
    out = second_opinion(rules, Utterance(reply), "info", _model("courteous_followup", -8.0),
                         defaults)
    assert out["courteous_followup"].met is False
    assert "second opinion" in out["courteous_followup"].why
    assert rules["courteous_followup"].why in out["courteous_followup"].why


def test_a_hedge_the_model_finds_unmakes_the_clear_no() -> None:
    reply = "I have decided to decline the offer, it is the right call for me at the moment."
    rules = _rules(reply)
    if rules["hedged"].met or not rules["clear_no"].met:
        pytest.skip("the rules already judge this differently")
    out = second_opinion(rules, Utterance(reply), "opening", _model("hedged", 6.0))
    assert out["hedged"].met is True and out["clear_no"].met is False


def test_letters_are_scored_by_the_rules_alone() -> None:
    scorer = LetterScorer()
    assert scorer._scorer._model is None and scorer._plain._model is None


def test_the_shipped_model_loads_and_gives_probabilities() -> None:
    model = default_model()
    assert model is not None, "trainer/scoring/learned-model.npz is missing"
    assert set(model.labels) == set(OVERRULES)
    probs = model.probabilities(feature_ids(Utterance("thank you but no"), "opening"))
    assert probs.shape == (len(model.labels),)
    assert ((probs >= 0) & (probs <= 1)).all()


def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "learned-model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(TrainerError, match="reinstall"):
        LearnedModel.load(bad)


def test_a_model_saved_is_the_model_loaded(tmp_path: Path) -> None:
    model = _model("offensive", 1.5, {"dreadful": 2.0})
    path = tmp_path / "m.npz"
    model.save(path)
    back = LearnedModel.load(path)
    ids = feature_ids(Utterance("a dreadful place"), "unknown")
    assert np.allclose(back.probabilities(ids), model.probabilities(ids), atol=1e-3)


def test_training_separates_what_the_labels_separate(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "train_scorer_model", ROOT / "scripts" / "train_scorer_model.py")
    assert spec is not None and spec.loader is not None
    train_mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = train_mod  # its dataclasses look their module up
    spec.loader.exec_module(train_mod)
    rude = ["the office was grim", "honestly the place was grim and dingy",
            "a grim little outfit", "the whole thing felt grim"]
    kind = ["the office was lovely", "honestly the people were lovely and kind",
            "a lovely little team", "the whole thing felt lovely"]
    path = tmp_path / "toy.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, (text, bad) in enumerate([(t, True) for t in rude] + [(t, False) for t in kind]):
            labels: dict[str, bool] = dict.fromkeys(OVERRULES, False)
            labels["offensive"] = bad
            out.write(json.dumps({"id": str(n), "context": None, "reply": text,
                                  "labels": labels}) + "\n")
    model = train_mod.train(train_mod.load([path]), 1e-4, 200)
    row = model.labels.index("offensive")
    grim = model.probabilities(feature_ids(Utterance("it was all rather grim"), "unknown"))
    nice = model.probabilities(feature_ids(Utterance("it was all rather lovely"), "unknown"))
    assert grim[row] > 0.5 > nice[row]


def test_features_are_the_same_in_every_process() -> None:
    # the shipped model's buckets must not depend on the process (Python's hash is salted)
    import subprocess

    reply = "Oh brilliant, five rounds and a month of silence. Thanks, but no."
    code = ("from trainer.scoring.features import feature_ids; "
            "from trainer.scoring.utterance import Utterance; "
            f"print(feature_ids(Utterance({reply!r}), 'opening').tolist())")
    here = feature_ids(Utterance(reply), "opening").tolist()
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT, env={"PYTHONHASHSEED": seed,
                                                        "PYTHONPATH": str(ROOT)})
        assert json.loads(out.stdout) == here


def test_features_are_distinct_sorted_and_in_range() -> None:
    ids = feature_ids(Utterance("well, well, well, the same words again and again."), "info")
    assert (np.diff(ids) > 0).all()
    assert ids[0] >= 0 and ids[-1] < BUCKETS
    assert len(feature_ids(Utterance(""), "info")) >= 1  # the line's kind at least

