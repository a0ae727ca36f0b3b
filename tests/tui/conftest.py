"""Driving the TUI like a user: open a scenario, answer each turn, reach the scorecard."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from trainer.call.engine import Call
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.call import CallScreen
from trainer.tui.voice import Voice

SIZE = (80, 24)
SEED = 7
FIXED_START = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates on screen in one time zone, so snapshots match anywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shipped() -> list[Scenario]:
    return [entry.scenario for entry in load_catalog().valid() if entry.scenario is not None]


def typed_app(start: str | None = None, **options: Any) -> TrainerApp:
    """The app as ``trainer --typed --mute`` opens it, with the recruiter's lines fixed."""
    return TrainerApp(start_scenario=start, typed=True, mute=True, voice=Voice(), seed=SEED,
                      **options)


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str,
                     timeout: float = 60.0) -> None:
    """Let the app run until ``condition`` holds (workers finish on their own time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen: {pilot.app.screen!r}")
        await pilot.pause(0.05)


def call_screen(pilot: Pilot[None]) -> CallScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CallScreen), f"expected the call screen, got {screen!r}"
    return screen


async def start_call(pilot: Pilot[None]) -> CallScreen:
    """From the briefing (opened with ``start_scenario``), start the call."""
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "BriefingScreen",
                     "the briefing")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CallScreen), "the call")
    return call_screen(pilot)


async def type_reply(pilot: Pilot[None], text: str) -> None:
    """Type a reply into the box and press Enter, once the box takes replies."""
    reply = pilot.app.screen.query_one("#reply", Input)
    await wait_until(pilot, lambda: not reply.disabled, "the reply box")
    reply.value = text
    reply.focus()
    await pilot.press("enter")
    await pilot.pause()


async def answer_with_model_answers(pilot: Pilot[None], call: Call,
                                    reply: Callable[[Call], Awaitable[None]]) -> list[str]:
    """Answer every turn until the call ends; the turn ids taken."""
    taken: list[str] = []
    while not call.finished:
        turn = call.current_turn
        assert turn is not None
        taken.append(turn.id)
        answered = len(call.outcomes)
        await reply(call)
        await wait_until(pilot, lambda n=answered: len(call.outcomes) > n,  # type: ignore[misc]
                         f"the reply to {turn.id}")
        assert len(taken) <= len(call.scenario.turns) * call.scenario.max_visits
    return taken


@pytest.fixture
def saved_sessions() -> Callable[[Scenario, int], list[str]]:
    """Sessions of ``scenario`` made by real typed calls, with fixed dates for snapshots."""

    def make(scenario: Scenario, count: int) -> list[str]:
        store = SessionStore()
        ids: list[str] = []
        for number in range(count):
            call = Call(scenario, store=store, rng=__import__("random").Random(number))
            while not call.finished:
                answer = call.model_answer() or "Thank you."
                # The first session is a weaker one, so progress shows.
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
