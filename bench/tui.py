"""How long the full-screen trainer makes the user wait, measured headless at 80x24.

    .venv/bin/python bench/tui.py [--rounds 3]

In a temporary TRAINER_HOME, with typed replies (the speech layer has its own
benchmark), times: importing the TUI in a fresh process; start-up until the
picker lists the scenarios; Enter on the briefing until the recruiter's first
line is on screen; Enter on a typed reply until it is scored, saved and the next
line is shown (every shipped scenario's main path, model answers); and Enter at
the end of the call until the scorecard is on screen. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from trainer.scenario.catalog import load_catalog
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.voice import Voice


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="calls per shipped scenario")
    args = parser.parse_args()
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
