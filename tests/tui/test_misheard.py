"""The scorecard's misheard warnings in the app: shown, played (or why not), corrected."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
from textual.widgets import Input, Static

from trainer.call.engine import Call
from trainer.call.reply import Reply
from trainer.scenario.catalog import load_catalog
from trainer.scoring.result import ReplyTiming
from trainer.sessions.store import SessionStore
from trainer.speech.audio import AudioClip
from trainer.tui.screens.correct import CorrectScreen
from trainer.tui.screens.review import ReviewScreen

HEARD = "Thank you so much, but I can accept it. I've taken a role closer to home."
SAID = "Thank you so much, but I can't accept it. I've taken a role closer to home."


def _spoken_call(tmp_path: Path) -> str:
    scenario = load_catalog().get("offer-accepted-elsewhere")
    words = [w.strip(".,") for w in HEARD.split()]
    timing = ReplyTiming(0.6, 0.3 * len(words),
                         tuple((w, 0.3 * i, 0.3 * i + 0.25) for i, w in enumerate(words)),
                         tuple(0.55 if w == "can" else 0.97 for w in words))
    wav = AudioClip(np.zeros(16000 * 5, dtype=np.float32), 16000).save(tmp_path / "reply.wav")
    call = Call(scenario, store=SessionStore(), rng=random.Random(1), mode="mic")
    call.answer(Reply(HEARD, source="mic", engine="faster-whisper", audio=wav, timing=timing))
    call.hang_up()
    assert call.session_id is not None
    return call.session_id


def _text(screen: Any) -> str:
    return " ".join(str(w.render()) for w in screen.query(Static))


async def test_the_scorecard_warns_plays_and_a_correction_rescores_and_saves(
        drive: Any, tmp_path: Path) -> None:
    session_id = _spoken_call(tmp_path)
    before = SessionStore().load(session_id)
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        card = await drive.saved_scorecard(pilot)
        assert 'may have misheard "can"' in _text(card)
        assert "clear_no" not in _text(card)  # labels, never ids
        assert "in turn 1 (see Replies)" in _text(card)

        await pilot.press("m")  # the stretch around "can", or why it cannot be played here
        await drive.wait_until(
            pilot, lambda: any(n.title == "No playback" for n in app._notifications)
            or not card.workers, "playback or a notice")
        assert any('Turn 1: playing around "can"' in n.message for n in app._notifications)

        await pilot.press("c")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, CorrectScreen), "dialog")
        box = app.screen.query_one("#correct-text", Input)
        assert box.value == HEARD  # prefilled with what was heard
        box.value = SAID
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: app.screen is card, "back on the scorecard")
        await drive.wait_until(pilot, lambda: "corrected by you" in _text(card), "rescored")
        after = SessionStore().load(session_id)
        assert after.score is not None and before.score is not None
        assert after.score > before.score and f"{round(after.score)}% overall" in _text(card)

    turn = after.turns[0]
    assert (turn.reply, turn.heard) == (SAID, HEARD) and turn.misheard == []
    assert turn.checks["clear_no"].met and not before.turns[0].checks["clear_no"].met


async def test_the_review_corrects_the_highlighted_turn(drive: Any, tmp_path: Path) -> None:
    session_id = _spoken_call(tmp_path)
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        await drive.saved_scorecard(pilot)
        await pilot.press("v")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "review")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await drive.wait_until(pilot, lambda: review.session is not None, "the session")
        await pilot.pause()
        assert 'may have misheard "can"' in str(review.query_one("#turn", Static).render())
        await pilot.press("c")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, CorrectScreen), "dialog")
        app.screen.query_one("#correct-text", Input).value = SAID
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: app.screen is review, "back on the review")
        await drive.wait_until(
            pilot, lambda: "corrected by you" in str(review.query_one("#turn", Static).render()),
            "the turn shown again")
    assert SessionStore().load(session_id).turns[0].heard == HEARD
