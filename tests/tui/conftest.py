"""Driving the TUI like a user: open a scenario, answer each turn, reach the scorecard."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from trainer.call.engine import Call
from trainer.call.listening import Voice
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen

FIXED_START = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)

Reply = Callable[[Pilot[None], Call], Awaitable[None]]


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    """Dates on screen in one time zone, so snapshots match anywhere."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


class Driver:
    """Drives the app the way a user would; every step waits for the app, never a clock."""

    size = (80, 24)
    seed = 7

    @staticmethod
    def shipped() -> list[Scenario]:
        return [entry.scenario for entry in load_catalog().valid() if entry.scenario is not None]

    def typed_app(self, start: str | None = None, **options: Any) -> TrainerApp:
        """The app as ``trainer --typed --mute`` opens it, with the recruiter's lines fixed."""
        options.setdefault("voice", Voice())
        return TrainerApp(start_scenario=start, typed=True, mute=True, seed=self.seed, **options)

    @staticmethod
    async def wait_until(
        pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 60.0
    ) -> None:
        """Let the app run until ``condition`` holds (workers finish in their own time)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                notes = [f"{n.title}: {n.message}" for n in pilot.app._notifications]
                raise AssertionError(
                    f"timed out waiting for {what}; on {pilot.app.screen!r}; notices: {notes}"
                )
            await pilot.pause(0.05)

    async def picker_loaded(self, pilot: Pilot[None]) -> PickerScreen:
        """The picker (on top or underneath) once its background reads are on screen."""
        picker = next(s for s in pilot.app.screen_stack if isinstance(s, PickerScreen))
        await self.wait_until(pilot, lambda: picker.loaded, "the scenarios and scores")
        await pilot.pause()
        return picker

    async def saved_scorecard(self, pilot: Pilot[None]) -> ScorecardScreen:
        """The scorecard of the first saved call, opened from Past sessions (ctrl+r)."""
        app = pilot.app
        await pilot.press("ctrl+r")
        await self.wait_until(pilot, lambda: isinstance(app.screen, SessionsScreen), "list")
        await pilot.press("enter")
        await self.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        return screen

    async def start_call(self, pilot: Pilot[None]) -> CallScreen:
        """From the briefing (opened with ``start_scenario``), start the call with Enter."""
        app = pilot.app
        await self.wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "briefing")
        await pilot.press("enter")
        await self.wait_until(pilot, lambda: isinstance(app.screen, CallScreen), "the call")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        return screen

    async def type_reply(self, pilot: Pilot[None], text: str) -> None:
        """Type a reply into the box and press Enter, once the box takes replies."""
        box = pilot.app.screen.query_one("#reply", Input)
        await self.wait_until(pilot, lambda: not box.disabled, "the reply box")
        box.value = text
        box.focus()
        await pilot.press("enter")
        await pilot.pause()

    async def typed_model_answer(self, pilot: Pilot[None], call: Call) -> None:
        answer = call.model_answer()
        assert answer, f"turn {call.current_turn} has no model answer"
        await self.type_reply(pilot, answer)

    async def answer_every_turn(self, pilot: Pilot[None], call: Call, reply: Reply) -> list[str]:
        """Answer until the call ends; the turn ids taken.

        Spoken replies need no key press, so a turn may be answered before ``reply``
        is called for it: the path is read from the call, not counted here.
        """
        limit = len(call.scenario.turns) * call.scenario.max_visits
        while not call.finished:
            turn = call.current_turn
            answered = len(call.outcomes)
            assert turn is not None and answered < limit
            await reply(pilot, call)
            await self.wait_until(pilot, lambda n=answered: len(call.outcomes) > n,  # type: ignore[misc]
                                  f"the reply to {turn.id}")
        return [outcome.turn_id for outcome in call.outcomes]


@pytest.fixture
def drive() -> Driver:
    return Driver()


@pytest.fixture
def saved_sessions() -> Callable[[Scenario, int], list[str]]:
    """Sessions of ``scenario`` made by real typed calls, dated on fixed days for snapshots.

    The first is a weaker call (first sentence of each model answer only), so there
    is progress to show.
    """

    def make(scenario: Scenario, count: int) -> list[str]:
        store = SessionStore()
        ids: list[str] = []
        for number in range(count):
            call = Call(scenario, store=store, rng=random.Random(number))
            while not call.finished:
                answer = call.model_answer() or "Thank you."
                call.answer(answer if number else answer.split(".")[0] + ".")
            assert call.session_id is not None
            ids.append(call.session_id)
            with store.edit(call.session_id) as session:
                session.started = FIXED_START + timedelta(days=number)
                session.ended = session.started + timedelta(minutes=3)
                for index, turn in enumerate(session.turns):
                    turn.at = session.started + timedelta(seconds=30 * (index + 1))
        return ids

    return make
