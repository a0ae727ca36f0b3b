"""How long the full-screen trainer makes the user wait, measured headless at 80x24.

    .venv/bin/python bench/tui.py [--rounds 3]

In a temporary TRAINER_HOME, with typed replies (the speech layer has its own
benchmark), times: importing the TUI in a fresh process; start-up until the
picker lists the scenarios; Enter on the briefing until the recruiter's first
line is on screen; Enter on a typed reply until it is scored, saved and the next
line is shown (every shipped scenario's main path, model answers); and Enter at
the end of the call until the scorecard is on screen. Prints one line per figure.

    .venv/bin/python bench/tui.py --startup [--sessions 10000] [--rounds 5]

Times start-up instead, as ``trainer`` opens (speaker probed, microphone looked
for), each round in a fresh process: from creating the app until the picker's
list of scenarios is painted, and until the best scores and sparklines are in,
with no saved sessions and with ``--sessions`` of them (written the way
bench/sessions.py writes them, the store's index already built). The list should
be as quick with a long history as with none.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import RenderableType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList

from trainer.call.listening import Voice
from trainer.scenario.catalog import load_catalog
from trainer.sessions.store import SessionStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.scorecard import ScorecardScreen


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"stuck on {pilot.app.screen!r}")
        await asyncio.sleep(0.001)


async def one_call(scenario_id: str, figures: dict[str, list[float]]) -> None:
    started = time.perf_counter()
    app = TrainerApp(start_scenario=scenario_id, typed=True, mute=True, voice=Voice(), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen))
        figures["start-up to briefing"].append(time.perf_counter() - started)
        mark = time.perf_counter()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CallScreen)
                    and app.screen.box.phase == "your_turn")
        figures["briefing to first line"].append(time.perf_counter() - mark)
        screen = app.screen
        assert isinstance(screen, CallScreen)
        call = screen.call
        while not call.finished:
            box = screen.query_one("#reply", Input)
            box.value = call.model_answer() or "Thank you."
            answered = len(call.outcomes)
            mark = time.perf_counter()
            await pilot.press("enter")
            await until(pilot, lambda n=answered: len(call.outcomes) > n  # type: ignore[misc]
                        and screen.box.phase in ("your_turn", "ended"))
            figures["typed reply to next line"].append(time.perf_counter() - mark)
        mark = time.perf_counter()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen)
                    and bool(app.screen.cues))
        figures["end of call to scorecard"].append(time.perf_counter() - mark)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))


def cold_import() -> float:
    code = "import time; t = time.perf_counter(); import trainer.tui.app; " \
           "print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


class TimedApp(TrainerApp):
    """Notes when the screen is first drawn with the list, and then with the scores."""

    CSS_PATH = str(Path(sys.modules[TrainerApp.__module__].__file__ or "").with_name("app.tcss"))
    listed_at: float | None = None
    scored_at: float | None = None

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is None or not isinstance(screen, PickerScreen):
            return
        now = time.perf_counter()
        if self.listed_at is None and screen.query_one("#scenarios", OptionList).option_count:
            self.listed_at = now
        if self.scored_at is None and self.listed_at and screen.history is not None:
            self.scored_at = now


async def startup_once() -> dict[str, float]:
    """Seconds from creating the app to the list drawn, and to the scores drawn."""
    began = time.perf_counter()
    app = TimedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.scored_at is not None)
    assert app.listed_at is not None and app.scored_at is not None
    return {"painted": app.listed_at - began, "scores": app.scored_at - began}


def startup(count: int, rounds: int) -> None:
    """The start-up figures, each round in a new process (as the user starts the trainer)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from sessions import populate  # bench/sessions.py: realistic session files, quickly

    base = Path(tempfile.mkdtemp(prefix="trainer-bench-tui-start-"))
    try:
        homes = {"no sessions": base / "empty", f"{count:,} sessions": base / "full"}
        homes["no sessions"].mkdir()
        began = time.perf_counter()
        populate(homes[f"{count:,} sessions"] / "sessions", count, 5)
        SessionStore(homes[f"{count:,} sessions"] / "sessions").list()  # builds the index
        print(f"setup: {count:,} sessions written and indexed in "
              f"{time.perf_counter() - began:.1f} s")
        for label, home in homes.items():
            runs = []
            for _ in range(rounds):
                done = subprocess.run(
                    [sys.executable, __file__, "--startup-child"], capture_output=True,
                    text=True, check=True, env={**os.environ, "TRAINER_HOME": str(home)},
                )
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            painted = statistics.median(run["painted"] for run in runs) * 1000
            scores = statistics.median(run["scores"] for run in runs) * 1000
            print(f"start-up to the painted picker, {label}: median {painted:.0f} ms "
                  f"(scores in at {scores:.0f} ms), n={rounds}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None,
                        help="calls per shipped scenario (default 3), or start-ups (default 5)")
    parser.add_argument("--startup", action="store_true", help="time start-up only")
    parser.add_argument("--sessions", type=int, default=10_000,
                        help="saved sessions for --startup")
    parser.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        print(json.dumps(asyncio.run(startup_once())))
        return
    if args.startup:
        startup(args.sessions, args.rounds or 5)
        return
    args.rounds = args.rounds or 3
    os.environ["TRAINER_HOME"] = tempfile.mkdtemp(prefix="trainer-bench-tui-")
    figures: dict[str, list[float]] = {
        "start-up to briefing": [], "briefing to first line": [],
        "typed reply to next line": [], "end of call to scorecard": [],
    }
    ids = [entry.id for entry in load_catalog().valid()]
    for _ in range(args.rounds):
        for scenario_id in ids:
            asyncio.run(one_call(scenario_id, figures))
    imports = [cold_import() for _ in range(3)]
    print(f"cold import of trainer.tui.app: median {statistics.median(imports) * 1000:.0f} ms")
    for name, values in figures.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{name}: median {statistics.median(values) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, n={len(values)}")


if __name__ == "__main__":
    main()
