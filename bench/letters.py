"""Accuracy of the letter checklist on labelled letters, and how fast letters are drafted.

    .venv/bin/python bench/letters.py --data FILE [--errors] [--quick]

The file holds one labelled letter per line (see /work/notes/letters/LETTER-LABELS.md:
``scenario`` with kind, recruiter, company and role, ``subject``, ``body`` from
salutation to sign-off, and ``labels``). Prints precision, recall and F1 per label,
the macro F1 of the six letter items and of all ten labels, the scoring time per
letter, and the drafting time per shipped scenario (the call played with its model
answers; the draft alone is timed, not the scoring of the call), all in CPU time of
this process so that a busy machine does not distort them. ``--errors`` lists every
misjudged letter with the detector's reason.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from trainer.letter.draft import draft_letter, model_turns
from trainer.letter.items import LETTER_DO, LETTER_NAMES
from trainer.letter.letter import split_letter
from trainer.letter.score import LetterScorer
from trainer.scenario.catalog import load_catalog

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "tests" / "letter" / "data" / (
    "dev-letters.jsonl")


def load(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    sys.exit(f"{path}:{number}: not valid JSON ({exc.msg})")
    return rows


def _f1(c: dict[str, int]) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, int]], list[str],
                                                  list[float]]:
    counts = {name: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for name in LETTER_NAMES}
    errors: list[str] = []
    seconds: list[float] = []
    for row in rows:
        scene = row.get("scenario") or {}
        started = time.process_time()
        scorer = LetterScorer(role=scene.get("role"), company=scene.get("company"))
        result = scorer.score(split_letter(row["body"], row.get("subject") or ""))
        seconds.append(time.process_time() - started)
        for name in LETTER_NAMES:
            gold = row["labels"].get(name) is True
            got = result.checks[name].met is True
            key = ("tp" if got else "fn") if gold else ("fp" if got else "tn")
            counts[name][key] += 1
            if gold != got:
                what = "false positive" if got else "missed"
                errors.append(f"{row.get('id')}  {name:<15} {what}: {result.checks[name].why}")
    return counts, errors, seconds


def draft_times(rounds: int) -> list[tuple[str, float, int]]:
    out: list[tuple[str, float, int]] = []
    for entry in load_catalog(()).valid():
        scenario = entry.scenario
        assert scenario is not None
        turns = model_turns(scenario)
        times: list[float] = []
        words = 0
        for _ in range(rounds):
            started = time.process_time()
            draft = draft_letter(scenario, turns, "Sam Rivera")
            times.append(time.process_time() - started)
            words = draft.letter.word_count()
        out.append((scenario.id, statistics.median(times), words))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", action="store_true", help="list every misjudged letter")
    parser.add_argument("--quick", action="store_true", help="one drafting round, not five")
    args = parser.parse_args()
    rows = load(args.data)
    counts, errors, seconds = evaluate(rows)
    print(f"{args.data}: {len(rows)} letters")
    print(f"{'label':<16}{'P':>7}{'R':>7}{'F1':>7}   tp  fp  fn  tn")
    f1s: dict[str, float] = {}
    for name, c in counts.items():
        p, r, f = _f1(c)
        f1s[name] = f
        print(f"{name:<16}{p:7.3f}{r:7.3f}{f:7.3f}  {c['tp']:3d} {c['fp']:3d} {c['fn']:3d} "
              f"{c['tn']:3d}")
    items = statistics.fmean(f1s[n] for n in LETTER_DO)
    every = statistics.fmean(f1s.values())
    print(f"macro F1, letter items ({len(LETTER_DO)}): {items:.3f}")
    print(f"macro F1, all labels ({len(f1s)}):   {every:.3f}")
    ms = sorted(1000 * s for s in seconds)
    print(f"scoring: p50 {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms per letter (CPU)")
    drafts = draft_times(1 if args.quick else 5)
    dms = sorted(1000 * t for _, t, _ in drafts)
    print(f"drafting: p50 {statistics.median(dms):.1f} ms, max {dms[-1]:.1f} ms per draft "
          f"(CPU, {len(drafts)} shipped scenarios)")
    for scenario_id, t, words in drafts:
        print(f"  {scenario_id:<32}{1000 * t:7.1f} ms  {words} words")
    if args.errors:
        print()
        print(f"{len(errors)} errors")
        for line in errors:
            print("  " + line)


if __name__ == "__main__":
    main()
