"""Train the scorer's learned second opinion (trainer/scoring/learned.py) from labelled replies.

    .venv/bin/python scripts/train_scorer_model.py --data A.jsonl --data B.jsonl [--out PATH]
    .venv/bin/python scripts/train_scorer_model.py --data ... --cv

Each file is JSONL in the format of shared/eval/LABELS.md. The model is a logistic
regression per label over the hashed n-grams of trainer/scoring/features.py, fitted here
with numpy alone (full-batch Adam, L2), so training needs nothing the trainer does not
already install. ``--cv`` leaves each file out in turn, trains on the rest and prints, on
the file left out, the rules' F1 alone and with the second opinion, and for each label the
overrule thresholds that would have done best: how :data:`OVERRULES` was chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from trainer.scoring import context as ctx
from trainer.scoring.features import BUCKETS, feature_ids
from trainer.scoring.learned import (
    MODEL_MIN_WORDS,
    MODEL_PATH,
    OVERRULES,
    LearnedModel,
    second_opinion,
)
from trainer.scoring.result import ItemResult
from trainer.scoring.scorer import Scorer
from trainer.scoring.utterance import Utterance

ITEMS = ("thanks", "clear_no", "brief_reason", "courteous_followup", "graceful_close")
PITFALLS = ("offensive", "hedged", "over_detailed")
LABELS = ITEMS + PITFALLS
"""Every label is trained (so --cv can show where the model would help); the shipped file
keeps only the labels :data:`OVERRULES` lets it overrule."""


@dataclass
class Row:
    source: str
    ids: npt.NDArray[np.int64]
    utt: Utterance
    kind: str
    labels: dict[str, bool | None]
    rules: dict[str, ItemResult]
    defaults: frozenset[str]
    accounted: frozenset[str]


def load(paths: Sequence[Path]) -> list[Row]:
    scorer = Scorer(second_opinion=False)
    rows: list[Row] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                reply, context, labels = item["reply"], item.get("context"), item["labels"]
            except (ValueError, KeyError) as exc:
                sys.exit(f"{path}:{n}: not a labelled reply ({exc})")
            utt = Utterance(reply)
            kind = ctx.classify(context).value
            checks = dict(scorer.score(reply, context).checks)
            reading = scorer.read(reply, context)
            rows.append(Row(path.name, feature_ids(utt, kind), utt, kind, labels, checks,
                            Scorer.defaults(reading, checks), Scorer.accounted(reading)))
    return rows


def fit(rows: Sequence[Row], label: str, l2: float, epochs: int
        ) -> tuple[npt.NDArray[np.float32], float]:
    """Logistic regression weights and bias for one label (rows with ``null`` left out)."""
    use = [r for r in rows if r.labels.get(label) is not None]
    y = np.array([1.0 if r.labels[label] else 0.0 for r in use])
    lengths = np.array([len(r.ids) for r in use])
    row_of = np.repeat(np.arange(len(use)), lengths)
    col = np.concatenate([r.ids for r in use])
    val = np.repeat(1.0 / np.sqrt(np.maximum(lengths, 1)), lengths)
    w = np.zeros(BUCKETS)
    b = float(np.log((y.mean() + 1e-3) / (1 - y.mean() + 1e-3)))
    m_w, v_w, m_b, v_b = np.zeros(BUCKETS), np.zeros(BUCKETS), 0.0, 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = np.bincount(row_of, weights=w[col] * val, minlength=len(use)) + b
        err = 1.0 / (1.0 + np.exp(-z)) - y
        g_w = np.bincount(col, weights=err[row_of] * val, minlength=BUCKETS) / len(use) + l2 * w
        g_b = float(err.mean())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w**2
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b**2
        corr1, corr2 = 1 - beta1**step, 1 - beta2**step
        w -= rate * (m_w / corr1) / (np.sqrt(v_w / corr2) + 1e-8)
        b -= rate * (m_b / corr1) / (np.sqrt(v_b / corr2) + 1e-8)
    return w.astype(np.float32), b


def train(rows: Sequence[Row], l2: float, epochs: int, labels: Sequence[str] = LABELS
          ) -> LearnedModel:
    fitted = [fit(rows, label, l2, epochs) for label in labels]
    return LearnedModel(tuple(labels), np.stack([w for w, _ in fitted]),
                        np.array([b for _, b in fitted], dtype=np.float32))


def f1(pairs: Sequence[tuple[bool, bool]]) -> float:
    tp = sum(1 for want, got in pairs if want and got)
    fp = sum(1 for want, got in pairs if got and not want)
    fn = sum(1 for want, got in pairs if want and not got)
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


def label_f1(rows: Sequence[Row], decided: Sequence[dict[str, ItemResult]], label: str) -> float:
    return f1([(r.labels.get(label) is True, d[label].met is True)
               for r, d in zip(rows, decided, strict=True)])


def summary(rows: Sequence[Row], decided: Sequence[dict[str, ItemResult]]) -> str:
    items = [label_f1(rows, decided, x) for x in ITEMS]
    pits = [f"{x} {label_f1(rows, decided, x):.3f}" for x in PITFALLS]
    extra = [f"{x} {label_f1(rows, decided, x):.3f}" for x in ("brief_reason",
                                                                "courteous_followup")]
    return f"macro {sum(items) / len(items):.3f}  " + "  ".join(pits + extra)


def best_thresholds(rows: Sequence[Row], model: LearnedModel) -> dict[str, tuple[float, float]]:
    """For each label, the F1 gain of every add/remove threshold on ``rows`` (held out)."""
    probs = np.array([model.probabilities(r.ids) for r in rows])
    gains: dict[str, tuple[float, float]] = {}
    for k, label in enumerate(model.labels):
        base = f1([(r.labels.get(label) is True, r.rules[label].met is True) for r in rows])
        for add in (None, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
            for remove in (None, 0.02, 0.05, 0.1, 0.2, 0.3):
                pairs = []
                for r, p in zip(rows, probs[:, k], strict=True):
                    met = r.rules[label].met
                    if met is None:
                        pairs.append((r.labels.get(label) is True, False))
                        continue
                    if (not met and add is not None and p > add and not r.rules[label].evidence
                            and label not in r.accounted
                            and r.utt.raw_words >= MODEL_MIN_WORDS):
                        met = True
                    elif met and label in r.defaults and remove is not None and p < remove:
                        met = False
                    pairs.append((r.labels.get(label) is True, met))
                gains[f"{label} add>{add} remove<{remove}"] = (f1(pairs) - base, f1(pairs))
    return gains


def cross_validate(rows: Sequence[Row], l2: float, epochs: int, fresh: set[str],
                   only_fresh: bool = False) -> None:
    """Leave each file out in turn; thresholds are judged on the ``fresh`` files only (those
    the rules were never tuned on: on the others the rules are near perfect, so they say
    nothing about replies never seen)."""
    sources = sorted({r.source for r in rows})
    total: dict[str, list[float]] = {}
    for source in sources:
        if only_fresh and source not in fresh:
            continue
        held = [r for r in rows if r.source == source]
        model = train([r for r in rows if r.source != source], l2, epochs)
        decided = [second_opinion(dict(r.rules), r.utt, r.kind, model, r.defaults,
                                  r.accounted) for r in held]
        print(f"{source:36} rules  {summary(held, [r.rules for r in held])}")
        print(f"{'':36} +model {summary(held, decided)}")
        if source in fresh:
            for key, (gain, _) in best_thresholds(held, model).items():
                total.setdefault(key, []).append(gain)
    print(f"\nmean F1 gain per label and thresholds, over the fresh files left out "
          f"({', '.join(sorted(fresh))}; best 3 each):")
    for label in LABELS:
        keys = sorted((k for k in total if k.startswith(label + " ")),
                      key=lambda k: -sum(total[k]) / len(total[k]))
        for key in keys[:3]:
            gains = total[key]
            print(f"  {key:48} {sum(gains) / len(gains):+.4f}  (worst fold {min(gains):+.3f})")
        rule = OVERRULES.get(label)
        if rule is None:
            continue
        now = f"{label} add>{rule.add_above} remove<{rule.remove_below}"
        if now in total:
            print(f"  now: {now:43} {sum(total[now]) / len(total[now]):+.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, action="append", required=True)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv", action="store_true", help="leave-one-file-out evaluation")
    parser.add_argument("--fresh", action="append", default=[],
                        help="a file name (no folder) the rules were never tuned on; --cv "
                             "judges thresholds on these")
    parser.add_argument("--only-fresh", action="store_true",
                        help="--cv leaves out only the --fresh files (quicker)")
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args()
    rows = load(args.data)
    print(f"{len(rows)} replies from {len(args.data)} files")
    if args.cv:
        cross_validate(rows, args.l2, args.epochs, set(args.fresh), args.only_fresh)
        return
    model = train(rows, args.l2, args.epochs, tuple(OVERRULES))
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
