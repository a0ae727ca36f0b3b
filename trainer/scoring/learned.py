"""A learned second opinion on the labels the phrase rules find hardest to generalise.

The rules read phrases; they miss what is said in words no family lists (a dig put as a
question, a reason in two words of slang) and the model, a logistic regression over hashed
n-grams (:mod:`trainer.scoring.features`), catches some of it. It is only a second opinion:
it may overrule the rules in one direction per label, and only when it is confident
(:data:`OVERRULES`), so the rules stay the explanation a user reads and a coach tunes. The
weights are data (``learned-model.npz``, written by ``scripts/train_scorer_model.py``
from labelled replies), loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from trainer.errors import TrainerError
from trainer.scoring.features import BUCKETS, feature_ids
from trainer.scoring.result import Evidence, ItemResult
from trainer.scoring.utterance import Utterance

MODEL_PATH = Path(__file__).with_name("learned-model.npz")

MODEL_MIN_WORDS = 6
"""A reply shorter than this is never given an item by the model: a few words carry too
little for n-grams, and the rules judge short replies well."""


@dataclass(frozen=True)
class Overrule:
    """When the model's probability may change the rules' decision on one label."""

    add_above: float | None = None
    """The rules said no, pointing at nothing (a near miss they vetoed shows its words, and
    stays theirs), and the model says yes with more than this: met."""
    remove_below: float | None = None
    """The rules said yes and the model says yes with less than this: not met."""


OVERRULES: dict[str, Overrule] = {
    # with the rules of round 4 the model's brief reasons and courteous removals lose F1 on
    # every file left out (--cv: brief add>0.7 -0.0135, courteous remove<0.2 -0.0013): it
    # read plain refusals ("I'm gonna bow out of the process") as reasons; kept as labels so
    # --cv keeps measuring them
    "brief_reason": Overrule(),
    "courteous_followup": Overrule(),
    "offensive": Overrule(add_above=0.9),
    "over_detailed": Overrule(add_above=0.5, remove_below=0.05),
}
"""The one place that says what the model may overrule, and how sure it must be (chosen by
leave-one-set-out cross-validation in ``scripts/train_scorer_model.py --cv``)."""

_WHY = {
    "brief_reason": "reads as a reason for declining",
    "courteous_followup": "does not read as a courteous answer to what was asked",
    "offensive": "reads as running them down",
    "over_detailed": "reads as a reason that runs on",
}


@dataclass(frozen=True)
class LearnedModel:
    labels: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    """One row of :data:`~trainer.scoring.features.BUCKETS` weights per label."""
    bias: npt.NDArray[np.float32]

    def probabilities(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """P(label) for one reply's feature buckets, in :attr:`labels` order."""
        if len(ids) == 0:
            z = self.bias.astype(np.float64)
        else:
            z = self.weights[:, ids].sum(axis=1, dtype=np.float64) / np.sqrt(len(ids))
            z += self.bias
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(path, labels=np.array(self.labels), weights=self.weights
                            .astype(np.float16), bias=self.bias)

    @classmethod
    def load(cls, path: Path) -> LearnedModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                labels = tuple(str(x) for x in data["labels"])
                weights = data["weights"].astype(np.float32)
                bias = data["bias"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise TrainerError(f"the scorer's learned model {path} cannot be read ({exc}); "
                               "reinstall the trainer") from exc
        if weights.shape != (len(labels), BUCKETS) or bias.shape != (len(labels),):
            raise TrainerError(f"the scorer's learned model {path} does not match this "
                               "version of the trainer; reinstall it")
        return cls(labels, weights, bias)


@cache
def default_model() -> LearnedModel | None:
    """The shipped model, or ``None`` when it is not installed (the rules then judge alone)."""
    return LearnedModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None


def _best_sentence(model: LearnedModel, row: int, utt: Utterance, kind: str) -> Evidence | None:
    """The sentence the model finds most telling for a label, shown as the evidence."""
    best: tuple[float, int, int] | None = None
    start = 0
    marks = [k for k, w in enumerate(utt.words) if w.text in {".", "?"}]
    for end in [*marks, len(utt)]:
        if end > start:
            p = float(model.probabilities(feature_ids(utt, kind, start, end))[row])
            if best is None or p > best[0]:
                best = (p, start, end)
        start = end + 1
    if best is None:
        return None
    i, j = utt.trimmed(best[1], best[2])
    return utt.evidence(i, j)


def second_opinion(checks: dict[str, ItemResult], utt: Utterance, kind: str,
                   model: LearnedModel) -> dict[str, ItemResult]:
    """``checks`` with the model's confident disagreements applied (:data:`OVERRULES`), and
    the items that depend on an overruled one kept consistent with it."""
    probs = model.probabilities(feature_ids(utt, kind))
    out = dict(checks)
    for row, label in enumerate(model.labels):
        rule = OVERRULES.get(label)
        current = out.get(label)
        if rule is None or current is None or current.met is None:
            continue
        p = float(probs[row])
        if (not current.met and rule.add_above is not None and p > rule.add_above
                and not current.evidence and utt.raw_words >= MODEL_MIN_WORDS):
            ev = _best_sentence(model, row, utt, kind)
            out[label] = ItemResult(label, True, round(100 * p, 1), current.threshold,
                                    (ev,) if ev else (),
                                    f"second opinion: the learned model {_WHY[label]} "
                                    f"({p:.2f} > {rule.add_above:.2f})")
        elif current.met and rule.remove_below is not None and p < rule.remove_below:
            out[label] = replace(current, met=False,
                                 why=f"second opinion: the learned model {_WHY[label]} "
                                     f"({p:.2f} < {rule.remove_below:.2f}); the rules had: "
                                     f"{current.why}")
    return _consistent(checks, out)


def _consistent(before: dict[str, ItemResult], after: dict[str, ItemResult]
                ) -> dict[str, ItemResult]:
    """A reason that runs on is no brief reason; badmouthing is no courteous answer."""
    over = after.get("over_detailed")
    brief = after.get("brief_reason")
    if over is not None and brief is not None and over.met and not before["over_detailed"].met \
            and brief.met:
        after["brief_reason"] = replace(brief, met=False,
                                        why=f"a reason, but it runs on ({over.why})")
    offensive = after.get("offensive")
    follow = after.get("courteous_followup")
    if offensive is not None and follow is not None and offensive.met and follow.met \
            and not before["offensive"].met:
        after["courteous_followup"] = replace(follow, met=False,
                                              why="badmouthing is not courteous "
                                                  f"({offensive.why})")
    return after
