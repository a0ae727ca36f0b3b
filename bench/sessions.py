"""How the session store copes with a long history.

    .venv/bin/python bench/sessions.py [--sessions 10000] [--turns 5] [--keep]

Fills a temporary TRAINER_HOME with realistic session files, then times what
the user waits for: the first listing (which builds the index), later listings,
the progress figures the picker and review screen ask for, saving a turn into
the big history, and ``trainer history --json`` from a cold process next to the
same command with no history at all. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming
from trainer.sessions import Session, SessionStore, TurnDecision, TurnRecord
from trainer.sessions.model import new_session_id

SCENARIOS = (
    "offer-accepted-elsewhere", "decline-interview-invitation", "decline-second-interview",
    "salary-below-expectations", "cancel-interview-early", "compensation-counter-offer",
    "role-not-a-fit", "disappointed-recruiter",
)
ITEMS = ("thanks", "clear_no", "brief_reason", "courteous_followup", "graceful_close",
         "offensive", "hedged", "over_detailed")
REPLY = ("Thank you so much for the offer and for your help. Unfortunately I won't be "
         "accepting it; I've accepted a role that fits my goals more closely.")


def _turn(rng: random.Random, i: int) -> TurnRecord:
    checks = {
        name: ItemResult(name, rng.random() < 0.7, rng.uniform(40, 100), 80.0,
                         (Evidence(0, 17, REPLY[:17]),), "family")
        for name in ITEMS
    }
    score = ReplyScore(REPLY, checks, {"words_per_minute": rng.uniform(110, 190), "fillers": 1})
    return TurnRecord.from_reply_score(
        f"turn{i}", "So, what did you decide about the offer?", score,
        expected=("thanks", "clear_no"), source="audio", engine="whisper-tiny.en",
        audio=f"x/turn-{i:02d}.wav", timing=ReplyTiming(0.9, 6.5),
        decision=TurnDecision(f"turn{i + 1}", "branch 1: thanks met"),
    )


def populate(root: Path, count: int, turns: int) -> None:
    """Session files as the store writes them (without fsync, which only the setup skips)."""
    rng = random.Random(7)
    root.mkdir(parents=True)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(count):
        started = start + timedelta(minutes=53 * n)
        scenario = SCENARIOS[n % len(SCENARIOS)]
        session = Session(session_id=new_session_id(scenario, started), scenario=scenario,
                          scenario_title=scenario.replace("-", " ").capitalize(),
                          scenario_hash="0" * 64, mode="audio", started=started)
        for i in range(turns):
            record = session.add_turn(_turn(rng, i))
            record.at = started + timedelta(seconds=40 * (i + 1))
        if n % 20:  # one in twenty left unfinished, as a call hung up mid-way is
            session.finish(round(rng.uniform(30, 100), 1))
            session.ended = started + timedelta(seconds=40 * turns + 10)
        (root / f"{session.session_id}.json").write_text(
            json.dumps(session.to_json(), indent=1), encoding="utf-8")


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of ``action`` in seconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


PICKER_START = "from trainer.sessions import SessionStore; SessionStore().score_history()"


def cold_time(home: Path, command: list[str], repeat: int) -> float:
    """A fresh Python process each time, as when the user starts the trainer."""
    env = {**os.environ, "TRAINER_HOME": str(home)}

    def run() -> None:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    return timed(run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="trainer-bench-"))
    home, empty = base / "home", base / "empty"
    empty.mkdir()
    root = home / "sessions"
    os.environ["TRAINER_HOME"] = str(home)
    try:
        began = time.perf_counter()
        populate(root, args.sessions, args.turns)
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        print(f"setup: {args.sessions} sessions x {args.turns} turns, {size:.0f} MB, "
              f"written in {time.perf_counter() - began:.1f} s")

        store = SessionStore(root)
        cold = timed(store.list)
        print(f"first list, no index (reads every file, builds the index): {cold:.2f} s")
        listed = store.list()
        assert len(listed.sessions) == args.sessions and not listed.problems
        print(f"list, index in step:                  {timed(SessionStore(root).list, 5):.3f} s")
        print(f"list one scenario:                    "
              f"{timed(lambda: store.list(SCENARIOS[0]), 5):.3f} s")
        print(f"best_scores():                        {timed(store.best_scores, 5):.3f} s")
        print(f"series(scenario):                     "
              f"{timed(lambda: store.series(SCENARIOS[0]), 5):.3f} s")
        print(f"score_history() (picker sparklines):  {timed(store.score_history, 5):.3f} s")
        prefix = listed.sessions[-1].session_id[:20]
        print(f"resolve a unique prefix:              "
              f"{timed(lambda: store.resolve(prefix), 5) * 1000:.1f} ms")
        print(f"resolve 'last':                       "
              f"{timed(lambda: store.resolve('last'), 5):.3f} s")

        session = store.create(SCENARIOS[0], "Bench", "", "typed")
        rng = random.Random(1)
        saves = []
        for i in range(10):
            session.add_turn(_turn(rng, i))
            saves.append(timed(lambda: store.save(session)))
        print(f"save a turn (atomic + fsync + index): median {statistics.median(saves) * 1000:.1f}"
              f" ms, max {max(saves) * 1000:.1f} ms")
        store.finish(session, 80.0)
        print(f"list after new saves (journal read):  {timed(SessionStore(root).list, 5):.3f} s")
        victim = root / f"{listed.sessions[100].session_id}.json"
        victim.write_text(victim.read_text().replace('"mode": "audio"', '"mode": "typed"'))
        print(f"list after a hand edit (one re-read): {timed(SessionStore(root).list):.3f} s")

        for label, command in (
            ("start + score_history() (picker)", [sys.executable, "-c", PICKER_START]),
            ("`trainer history --json`", [sys.executable, "-m", "trainer", "history", "--json"]),
        ):
            with_history = cold_time(home, command, 3)
            without = cold_time(empty, command, 3)
            print(f"{label}, new process: {with_history:.2f} s with {args.sessions} "
                  f"sessions, {without:.2f} s with none")
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
