"""The letter benchmark runs and prints its figures, and the detectors keep their level on
the development letters (written for these tests from LETTER-LABELS.md)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEV = Path(__file__).resolve().parent / "data" / "dev-letters.jsonl"
sys.path.insert(0, str(REPO / "bench"))

import letters as bench  # noqa: E402


def test_the_development_letters_are_enough_and_labelled() -> None:
    rows = bench.load(DEV)
    assert len(rows) >= 40
    for row in rows:
        assert set(row["labels"]) == set(bench.LETTER_NAMES), row["id"]
        assert row["body"].strip() and "scenario" in row


def test_the_detectors_keep_their_level_on_the_development_letters() -> None:
    counts, _errors, _seconds = bench.evaluate(bench.load(DEV))
    f1 = {name: bench._f1(c)[2] for name, c in counts.items()}
    assert statistics.fmean(f1.values()) >= 0.95, f1
    assert min(f1.values()) >= 0.85, f1


def test_the_benchmark_prints_every_label_and_the_timings() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "letters.py"), "--quick",
                             "--errors"], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    for name in bench.LETTER_NAMES:
        assert f"\n{name} " in result.stdout
    assert "macro F1, all labels (10)" in result.stdout
    assert "drafting: p50" in result.stdout and "scoring: p50" in result.stdout
