"""Accuracy and speed of the checklist scorer on the labelled development replies.

    .venv/bin/python bench/scoring.py [--data FILE ...] [--quick] [--errors] [--cli]

Prints, for each data file, precision, recall and F1 per label, the macro F1 of
the five checklist items, the F1 of each pitfall, the per-reply latency (p50,
p99, max) and the throughput of the JSONL mode on one core, in CPU time of this
process so that a busy machine does not distort them. ``--cli`` also runs the
real command, ``trainer check --jsonl``, pinned to one core, and reports its
replies per second of CPU including start-up. ``--quick`` does one timing pass
(the test suite runs it so), ``--errors`` lists every misclassified reply.
A label counts as positive when it is ``true``; ``null`` (not applicable) and
``false`` are both negative, so a follow-up judged where none applies is a
false positive.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from trainer.checklist import BUILTIN_NAMES, CHECKLIST_NAMES
from trainer.scoring import Scorer
from trainer.scoring.jsonl import score_stream

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "replies-dev.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def evaluate(scorer: Scorer, rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, float]],
                                                                   list[str]]:
    counts = {name: {"tp": 0, "fp": 0, "fn": 0} for name in BUILTIN_NAMES}
    errors: list[str] = []
    for row in rows:
        result = scorer.score(row["reply"], row.get("context"))
        for name in BUILTIN_NAMES:
            gold = row["labels"].get(name) is True
            got = result.checks[name].met is True
            if gold and got:
                counts[name]["tp"] += 1
            elif got:
                counts[name]["fp"] += 1
                errors.append(_error(row, name, "false positive", result.checks[name].why))
            elif gold:
                counts[name]["fn"] += 1
                errors.append(_error(row, name, "missed", result.checks[name].why))
    table: dict[str, dict[str, float]] = {}
    for name, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[name] = {"precision": p, "recall": r, "f1": f, "support": c["tp"] + c["fn"]}
    return table, errors


def _error(row: dict[str, Any], name: str, kind: str, why: str) -> str:
    return (f"{row.get('id')} {name} {kind}\n    context: {row.get('context')}\n"
            f"    reply:   {row['reply']}\n    why:     {why}")


def latencies(scorer: Scorer, rows: list[dict[str, Any]], passes: int) -> list[float]:
    """Milliseconds of this process's CPU per reply: on a busy machine wall-clock time
    measures the neighbours, CPU time measures the scorer."""
    times: list[float] = []
    for _ in range(passes):
        for row in rows:
            start = time.process_time_ns()
            scorer.score(row["reply"], row.get("context"))
            times.append((time.process_time_ns() - start) / 1e6)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100.0 * (len(ordered) - 1))))
    return ordered[index]


def jsonl_throughput(scorer: Scorer, rows: list[dict[str, Any]], copies: int) -> float:
    lines = [json.dumps({"id": r["id"], "reply": r["reply"], "context": r.get("context")})
             for r in rows] * copies
    sink = io.StringIO()
    start = time.process_time()
    for out_line in score_stream(scorer, lines):
        sink.write(out_line + "\n")
    elapsed = time.process_time() - start
    return len(lines) / elapsed if elapsed > 0 else float("inf")


PITFALLS = ("offensive", "hedged", "over_detailed")


def cli_throughput(rows: list[dict[str, Any]], copies: int) -> float | None:
    """Replies per second of CPU of the real ``trainer check --jsonl``, on one core.

    The child's CPU time (user + system, start-up included) is what counts, so other
    processes on the machine do not slow the figure down."""
    trainer = shutil.which("trainer") or str(Path(sys.executable).with_name("trainer"))
    if not Path(trainer).exists():
        return None
    lines = [json.dumps({"id": r["id"], "reply": r["reply"], "context": r.get("context")})
             for r in rows] * copies
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TRAINER_HOME": home}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([*pin, trainer, "check", "--jsonl"], input="\n".join(lines),
                              capture_output=True, text=True, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(f"trainer check --jsonl failed: {done.stderr.strip()[:200]}", file=sys.stderr)
        return None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return len(lines) / cpu if cpu > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=[DEFAULT_DATA])
    parser.add_argument("--quick", action="store_true", help="one timing pass only")
    parser.add_argument("--errors", action="store_true", help="list misclassified replies")
    parser.add_argument("--cli", action="store_true",
                        help="also time the real `trainer check --jsonl` on one core")
    parser.add_argument("--rules-only", action="store_true",
                        help="without the learned second opinion (trainer.scoring.learned)")
    args = parser.parse_args(argv)
    status = 0
    for index, path in enumerate(args.data):
        if index:
            print()
        status = max(status, report(path, args))
    return status


def report(path: Path, args: argparse.Namespace) -> int:
    if not path.is_file():
        print(f"error: no data file at {path} (give one with --data)", file=sys.stderr)
        return 1
    rows = load(path)

    start = time.perf_counter()
    scorer = Scorer(second_opinion=not args.rules_only)
    scorer.score("warm-up: thank you, but I won't be accepting.", "Hi, any news on the offer?")
    setup_ms = (time.perf_counter() - start) * 1000.0

    table, errors = evaluate(scorer, rows)
    print(f"Scorer accuracy on {path.name} ({len(rows)} replies)")
    print(f"{'label':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for name in BUILTIN_NAMES:
        t = table[name]
        print(f"{name:<20} {t['precision']:>9.3f} {t['recall']:>7.3f} {t['f1']:>6.3f} "
              f"{int(t['support']):>8}")
    macro = statistics.mean(table[name]["f1"] for name in CHECKLIST_NAMES)
    print(f"macro F1 (five checklist items): {macro:.3f}")
    print("pitfall F1: " + ", ".join(f"{name} {table[name]['f1']:.3f}" for name in PITFALLS))

    passes = 1 if args.quick else 5
    times = latencies(scorer, rows, passes)
    print(f"\nLatency per reply (CPU) over {len(times)} scorings: p50 "
          f"{percentile(times, 50):.2f} ms, p99 {percentile(times, 99):.2f} ms, "
          f"max {max(times):.2f} ms (new scorer + first reply {setup_ms:.0f} ms)")
    rate = jsonl_throughput(scorer, rows, 1 if args.quick else 10)
    print(f"JSONL mode (parse, score, serialise): {rate:,.0f} replies/s of one core's CPU")
    if args.cli:
        copies = 1 if args.quick else 50
        cli = cli_throughput(rows, copies)
        start = cli_throughput(rows[:1], 1)
        if cli is not None and start is not None:
            print(f"trainer check --jsonl (one core, {len(rows) * copies:,} lines, start-up "
                  f"included): {cli:,.0f} replies/s of CPU; start-up alone "
                  f"{1000.0 / start:,.0f} ms")

    if args.errors:
        print(f"\n{len(errors)} misclassifications:")
        for line in errors:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
