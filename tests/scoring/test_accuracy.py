"""Accuracy guards: the benchmark runs (quick mode), and the scorer keeps its level on replies
it was not tuned on the sentences of.

``data/own-replies.jsonl`` holds replies written from the label definitions for
these tests (different companies, wording and recogniser errors from the
development set); ``data/fresh-replies.jsonl`` holds a second such set, written
later to probe the phrasings the first detectors missed (follow-up lines without
the usual words, lists of reasons, criticism of one's own life, sarcasm). The
development set itself is used when it is present.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.checklist import BUILTIN_NAMES, CHECKLIST_NAMES
from trainer.scoring import Scorer

REPO = Path(__file__).resolve().parents[2]
OWN = Path(__file__).resolve().parent / "data" / "own-replies.jsonl"
FRESH = Path(__file__).resolve().parent / "data" / "fresh-replies.jsonl"
DEV = REPO.parent / "shared" / "eval" / "replies-dev.jsonl"


def f1_by_label(path: Path) -> dict[str, float]:
    scorer = Scorer()
    counts = {name: [0, 0, 0] for name in BUILTIN_NAMES}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        checks = scorer.score(row["reply"], row["context"]).checks
        for name in BUILTIN_NAMES:
            gold, got = row["labels"][name] is True, checks[name].met is True
            counts[name][0] += gold and got
            counts[name][1] += got and not gold
            counts[name][2] += gold and not got
    f1: dict[str, float] = {}
    for name, (tp, fp, fn) in counts.items():
        f1[name] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return f1


@pytest.mark.parametrize("path", [OWN, FRESH, DEV], ids=["own", "fresh", "dev"])
def test_macro_f1_and_every_label(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} not present")
    f1 = f1_by_label(path)
    assert statistics.mean(f1[name] for name in CHECKLIST_NAMES) >= 0.9, f1
    low = {name: round(v, 2) for name, v in f1.items() if v < 0.75}
    assert not low


def test_benchmark_runs_in_quick_mode() -> None:
    if not DEV.is_file():
        pytest.skip(f"{DEV} not present")
    result = subprocess.run([sys.executable, str(REPO / "bench" / "scoring.py"), "--quick"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "precision" in out and "recall" in out and "F1" in out
    for name in BUILTIN_NAMES:
        assert name in out
    assert "macro F1 (five checklist items):" in out
    assert "p50" in out and "p99" in out and "replies/s" in out


def test_benchmark_lists_errors_on_other_data(tmp_path: Path) -> None:
    data = tmp_path / "mini.jsonl"
    labels = dict.fromkeys(BUILTIN_NAMES, False)
    data.write_text(json.dumps({"id": "m1", "context": None, "reply": "Thanks a lot!",
                                "labels": {**labels, "thanks": False}}) + "\n")
    result = subprocess.run([sys.executable, str(REPO / "bench" / "scoring.py"), "--quick",
                             "--errors", "--data", str(data)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "m1 thanks false positive" in result.stdout
