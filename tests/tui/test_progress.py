"""The progress screen: plots of score and fillers, and each item's record, from real calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Static

from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.tui.screens.progress import ProgressScreen

SCENARIO = "offer-accepted-elsewhere"


async def _progress(drive: Any, pilot: Any) -> ProgressScreen:
    await drive.picker_loaded(pilot)
    await pilot.press("ctrl+g")
    app = pilot.app
    await drive.wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen)
                           and app.screen.data is not None, "the progress")
    await pilot.pause()
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


async def test_progress_shows_the_items_most_missed_first(
    drive: Any, saved_sessions: Callable[[Scenario, int], list[str]]
) -> None:
    saved_sessions(load_catalog().get(SCENARIO), 3)  # the first is the weaker call
    app = drive.typed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _progress(drive, pilot)
        assert screen.data is not None and len(screen.data.calls) == 3
        title = str(screen.query_one("#progress-title", Static).render())
        assert "3 finished calls since 02 Jun 2025" in title
        body = str(screen.query_one("#trends-body", Static).render()).splitlines()
        first = body[1]
        assert first.startswith("✗✓✓") and "missed 1 of 3" in first
        assert screen.query_one("#plots").display
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: not isinstance(app.screen, ProgressScreen), "back")


async def test_no_calls_yet_says_what_to_do(drive: Any) -> None:
    app = drive.typed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _progress(drive, pilot)
        assert "No finished calls yet" in str(screen.query_one("#trends-body", Static).render())
        assert not screen.query_one("#plots").display
