"""Reviewing saved sessions: read-only, highlighted like the call, recordings playable."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from textual.widgets import DataTable, OptionList, Static

from trainer.call.engine import Call
from trainer.call.reply import Reply
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.speech.audio import AudioClip
from trainer.tui.screens.review import ReviewScreen, recording_path
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen

SCENARIO = "offer-accepted-elsewhere"


async def _open_review(drive: Any, pilot: Any) -> ReviewScreen:
    await drive.saved_scorecard(pilot)
    await pilot.press("v")
    await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen), "review")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await drive.wait_until(pilot, lambda: screen.session is not None, "the session")
    return screen


async def test_review_shows_each_turn_with_its_checks_read_only(
    drive: Any, saved_sessions: Callable[[Scenario, int], list[str]]
) -> None:
    scenario = load_catalog().get(SCENARIO)
    [session_id] = saved_sessions(scenario, 1)
    before = (SessionStore().file_for(session_id)).read_bytes()
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, SessionsScreen), "list")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert scenario.title[:30] in str(table.get_row_at(0))

        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        await pilot.press("v")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "review")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.pause()
        session = SessionStore().load(session_id)
        turns = screen.query_one("#turns", OptionList)
        assert turns.option_count == len(session.turns)
        for index, turn in enumerate(session.turns):
            turns.highlighted = index
            await pilot.pause()
            detail = screen.query_one("#turn", Static).render()
            assert turn.recruiter in str(detail) and turn.reply in str(detail)
            underlined = {
                str(detail)[span.start:span.end]
                for span in getattr(detail, "spans", [])
                if "underline" in str(span.style)
            }
            evidence = {e.text for r in turn.checks.values() if r.met for e in r.evidence}
            assert evidence & underlined, f"turn {turn.turn_id}: no evidence highlighted"

        await pilot.press("p")
        await pilot.pause()
        assert any("typed" in n.message for n in app._notifications)
    assert SessionStore().file_for(session_id).read_bytes() == before


async def test_a_recorded_reply_plays_or_says_why_not(drive: Any, tmp_path: Path) -> None:
    scenario = load_catalog().get(SCENARIO)
    wav = AudioClip(np.zeros(800, dtype=np.float32), 8000).save(tmp_path / "reply.wav")
    call = Call(scenario, store=SessionStore(), rng=random.Random(1), mode="mic")
    call.answer(Reply(scenario.turns[0].model_answer or "", source="mic", audio=wav, engine="test"))
    call.hang_up()
    kept = recording_path(SessionStore().load(call.session_id or "").turns[0])
    assert kept is not None and kept.is_file()
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        screen = await _open_review(drive, pilot)
        assert f"Recording: {kept.name}" in str(screen.query_one("#turn", Static).render())
        await pilot.press("p")
        await drive.wait_until(
            pilot,
            lambda: any(n.title == "No playback" for n in app._notifications)
            or not screen.workers,
            "playback or a notice",
        )
        messages = " ".join(n.message for n in app._notifications)
        assert f"Playing {kept.name}" in messages
