"""Whole calls through the TUI with typed replies: every shipped scenario's main path."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from trainer.scenario.catalog import load_catalog
from trainer.sessions.store import SessionStore
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.redo import RedoScreen
from trainer.tui.screens.scorecard import ScorecardScreen

SHIPPED = [entry.id for entry in load_catalog().valid()]


def test_there_are_shipped_scenarios_to_drive() -> None:
    assert len(SHIPPED) >= 3


@pytest.mark.parametrize("scenario_id", SHIPPED)
async def test_model_answers_take_the_main_path_and_score_well(
    drive: Any, scenario_id: str
) -> None:
    app = drive.typed_app(scenario_id)
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        call = screen.call
        taken = await drive.answer_every_turn(pilot, call, drive.typed_model_answer)
        assert taken == call.scenario.main_path()
        for outcome in call.outcomes:
            missed = [name for name in outcome.expected if not outcome.score.checks[name].met]
            assert not missed, f"{outcome.turn_id}: model answer missed {missed}"
        await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end of the call")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen),
                               "the scorecard")
        card = app.screen
        assert isinstance(card, ScorecardScreen)
        session = SessionStore().load(call.session_id)
        assert session.finished and session.path == taken
        assert session.score is not None and session.score >= 80
        shown = " ".join(str(s.render()) for s in card.query(Static))
        assert f"{session.score:.0f}%" in shown


async def test_hanging_up_midway_saves_and_scores_what_was_said(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.typed_model_answer(pilot, screen.call)
        await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the reply")
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "confirm")
        await pilot.click("#yes")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen),
                               "the scorecard")
        session = SessionStore().load(screen.call.session_id)
        assert session.finished and len(session.turns) == 1


async def test_hanging_up_before_answering_goes_back_to_the_picker(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        await drive.start_call(pilot)
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "confirm")
        await pilot.click("#yes")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, PickerScreen), "picker")


async def test_redo_shows_both_attempts_and_keeps_the_new_one(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        call = screen.call
        await drive.type_reply(pilot, "Hi Priya. I think I'll probably pass on it.")
        await drive.wait_until(pilot, lambda: len(call.outcomes) == 1, "the first reply")
        weak = call.outcomes[0]
        assert not weak.score.checks["clear_no"].met
        assert call.current_turn is not None and call.current_turn.id == "make_sure"

        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, RedoScreen), "redo")
        redo = app.screen
        assert isinstance(redo, RedoScreen)
        model = call.scenario.turn("opening").model_answer
        assert model is not None
        await drive.type_reply(pilot, model)
        await drive.wait_until(pilot, lambda: redo.new is not None, "the new attempt")
        earlier = str(redo.query_one("#earlier-checks", Static).render())
        new = str(redo.query_one("#new-checks", Static).render())
        assert "✗ A clear no" in earlier and "✓ A clear no" in new

        await pilot.press("2")
        await drive.wait_until(pilot, lambda: app.screen is screen, "the call again")
        assert call.outcomes[0].reply == model
        assert call.outcomes[0].earlier[0].reply == weak.reply
        assert call.current_turn is not None and call.current_turn.id == "where_going"
        session = SessionStore().load(call.session_id)
        assert session.turns[0].reply == model
        assert [a.reply for a in session.turns[0].attempts] == [weak.reply]


async def test_hint_and_model_answer_peek_without_answering(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        turn = screen.call.current_turn
        assert turn is not None and turn.hint and turn.model_answer
        await pilot.press("ctrl+g")
        assert turn.hint in str(screen.query_one("#peek", Static).render())
        await pilot.press("ctrl+o")
        assert turn.model_answer in str(screen.query_one("#peek", Static).render())
        assert screen.call.outcomes == []


async def test_empty_reply_is_refused_with_a_reason(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.type_reply(pilot, "   ")
        assert screen.call.outcomes == []
        assert any("Type your reply first" in n.message for n in app._notifications)
        assert isinstance(app.screen, CallScreen)


async def test_feedback_panel_scrolls_from_the_keyboard_at_80x24(drive: Any) -> None:
    from textual.containers import VerticalScroll


    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await drive.start_call(pilot)
        await drive.type_reply(pilot, "Thank you Priya. I think I'll probably pass on it.")
        await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the reply")
        await pilot.pause()
        panel = screen.query_one("#panel", VerticalScroll)
        assert panel.max_scroll_y > 0, "the feedback should overflow at 80x24 for this test"
        assert "PgDn for more" in str(screen.query_one("#last-heading", Static).render())
        assert app.focused is not None and app.focused.id == "reply"
        await pilot.press("pagedown")
        await pilot.pause()
        assert panel.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert panel.scroll_y == 0


async def test_redo_an_earlier_turn_replays_the_call_from_there(drive: Any) -> None:
    from trainer.tui.screens.rewind import RewindScreen

    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await drive.start_call(pilot)
        for _ in range(3):
            answered = len(screen.call.outcomes)
            await drive.typed_model_answer(pilot, screen.call)
            await drive.wait_until(pilot, lambda n=answered: len(screen.call.outcomes) > n,
                                   "a reply")
        first_reply = screen.call.outcomes[0].reply
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, RewindScreen), "the list")
        listed = [str(o.prompt) for o in app.screen.query_one("#rewind-turns").options]
        assert listed[0].startswith("1. Priya: ") and len(listed) == 3
        assert not any(o.turn_id in text for o in screen.call.outcomes for text in listed)
        await pilot.press("up", "up", "enter")
        await drive.wait_until(pilot, lambda: app.screen is screen, "back in the call")
        assert screen.call.outcomes == [] and not screen.call.finished
        await drive.type_reply(pilot, "Thank you, Priya. I won't be accepting the offer.")
        await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the new reply")
        saved = SessionStore().load(screen.call.session_id or "")
        assert saved.turns[0].attempts[0].reply == first_reply
        assert len(saved.turns[0].attempts) == 3  # turn 1, and turns 2-3 not reached yet
