"""A whole call in the full-screen app with the real speaker and microphone."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from line_call import SCENARIO
from textual.pilot import Pilot
from virtual_stack import VirtualAudio, sound_seconds

from trainer.sessions.store import SessionStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen

pytestmark = pytest.mark.e2e


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str,
                     timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            notes = [f"{n.title}: {n.message}" for n in pilot.app._notifications]
            raise AssertionError(f"timed out waiting for {what}; notices: {notes}")
        await pilot.pause(0.05)


async def test_a_whole_spoken_call_in_the_app(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray], tmp_path: Path
) -> None:
    feeder = audio_stack.feeder
    assert feeder is not None
    monitor = audio_stack.monitor(tmp_path / "speaker.raw")
    app = TrainerApp(start_scenario=SCENARIO, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CallScreen), "the call")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.voice.speaks and screen.voice.listens, screen.voice.notices
        call = screen.call
        phases: set[str] = set()

        def note(phase: str) -> None:
            phases.add(phase)

        screen.watch(screen.box, "phase", note)
        while not call.finished:
            answered = len(call.outcomes)
            await wait_until(pilot, lambda: screen.box.phase == "listening", "listening")
            turn = call.current_turn
            assert turn is not None
            await pilot.pause(1.0)  # the user takes a breath; the microphone is open by now
            feeder.say(spoken_answers[turn.id])
            await wait_until(pilot, lambda n=answered: len(call.outcomes) > n,  # type: ignore[misc]
                             f"the reply to {turn.id}")
        assert {"speaking", "listening", "transcribing"} <= phases
    played = monitor.stop()
    session = SessionStore().load(call.session_id or "")
    assert [t.source for t in session.turns] == ["mic"] * len(session.turns)
    assert session.score is not None and session.score >= 70, [t.reply for t in session.turns]
    # every recruiter line reached the speaker: a few seconds of voice per turn
    assert sound_seconds(played) > 1.0 * len(session.turns)
