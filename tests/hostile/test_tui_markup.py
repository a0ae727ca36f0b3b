"""Case 1 (and the TUI half of 3 and 12): the full-screen app shows text from files as
text. Markup in a scenario does nothing, breaks nothing and is not lost; an escape
sequence shows as text; a crash exits with status 70, not 0."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from trainer.call.listening import Voice
from trainer.errors import AppCrashed
from trainer.sessions.store import SessionStore
from trainer.tui import app as app_module
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.sessions import SessionsScreen


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def shown(widgets: list[Widget]) -> str:
    return "\n".join(str(widget.render()) for widget in widgets)


def app() -> TrainerApp:
    return TrainerApp(typed=True, mute=True, voice=Voice(), seed=1)


async def test_case01_hostile_scenario_shows_literally_and_the_app_keeps_running(
    hostile_scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a screenshot action would write its file
    trainer = app()
    async with trainer.run_test(size=(110, 50)) as pilot:
        picker = trainer.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: picker.loaded, "the picker to load")
        picker.query_one("#filter", Input).value = "politely"
        await pilot.pause()
        await wait_until(pilot, lambda: "politely" in shown(list(picker.query("#preview Static"))),
                         "the hostile scenario's preview")
        preview = shown(list(picker.query("#preview Static")))
        assert "Decline [/bold] politely" in preview
        assert "Click [@click=app.quit]here[/] or [@click=app.screenshot(" in preview
        assert "Thanks [name], I appreciated it." in preview
        assert "\\x1b]0;pwned\\x07" in preview and "\x1b" not in preview

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(trainer.screen, BriefingScreen), "briefing")
        briefing = trainer.screen
        text = shown(list(briefing.query(Static)))
        assert "Decline [/bold] politely" in text
        assert "Thanks [name], I appreciated it." in text
        assert "Close warmly [b]and[/b] keep the door open [/bold]." in text
        assert "Priya [@click=app.quit]Shah[/]" in text
        assert "\x1b" not in text

        # Clicking the "links" must do nothing: no quit, no screenshot written anywhere.
        target = next(w for w in briefing.query(Static) if "@click" in str(w.render()))
        for x in range(0, 60, 3):
            await pilot.click(target, offset=(x, 0))
        await pilot.pause()
        assert trainer.is_running and trainer.screen is briefing
        assert not list(tmp_path.glob("*.svg")) and not (tmp_path / "victim.txt").exists()
        assert trainer.return_code in (None, 0)


async def test_case01_session_titles_with_markup_list_on_the_sessions_screen() -> None:
    store = SessionStore()
    session = store.create("some-call", "Call [/bold] with [b]Sam[/b] \x1b[2J", "", "typed")
    store.release(session)
    trainer = app()
    async with trainer.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        trainer.push_screen(SessionsScreen(SessionStore()))
        await wait_until(pilot, lambda: isinstance(trainer.screen, SessionsScreen), "sessions")
        await pilot.pause()
        table = trainer.screen.query_one(DataTable)
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert any(cell.startswith("Call [/bold] with [b]Sam[/b]") for cell in cells), cells
        assert not any("\x1b" in cell for cell in cells)
        assert trainer.is_running


async def test_case01_notifications_are_never_markup() -> None:
    trainer = app()
    async with trainer.run_test(size=(80, 24)) as pilot:
        trainer.notify("no scenario with id '[/bold]' [@click=app.quit]x[/]", severity="error")
        await pilot.pause()
        assert trainer.is_running
        messages = [n.message for n in trainer._notifications]
        assert "no scenario with id '[/bold]' [@click=app.quit]x[/]" in messages


def test_case12_a_crash_of_the_full_screen_app_is_not_success(
    monkeypatch: pytest.MonkeyPatch, cli: Callable[..., object]
) -> None:
    def crashing_run(self: TrainerApp) -> None:
        self._return_code = 1  # what Textual sets after showing an unhandled error

    monkeypatch.setattr(TrainerApp, "run", crashing_run)
    with pytest.raises(AppCrashed):
        app_module.run_tui()
    result = cli()
    assert result.code == 70  # type: ignore[attr-defined]
    assert "bug" in result.err  # type: ignore[attr-defined]


async def test_case08_an_unwritable_data_folder_is_said_before_the_call_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TRAINER_HOME", str(blocker / "home"))
    trainer = TrainerApp(typed=True, mute=True, voice=Voice(), seed=1,
                         start_scenario="offer-accepted-elsewhere")
    async with trainer.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(trainer.screen, BriefingScreen), "briefing")
        await pilot.press("enter")  # "Start the call" has the focus
        await wait_until(pilot, lambda: bool(trainer._notifications), "a notification")
        notes = [n.message for n in trainer._notifications]
        assert any("cannot save sessions in" in note for note in notes), notes
        assert trainer.is_running and isinstance(trainer.screen, BriefingScreen)


async def test_case13_sigterm_ends_the_app_and_says_where_the_call_was_saved() -> None:
    trainer = TrainerApp(typed=True, mute=True, voice=Voice(), seed=1,
                         start_scenario="offer-accepted-elsewhere")
    async with trainer.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(trainer.screen, BriefingScreen), "briefing")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(trainer.screen, CallScreen), "the call")
        call = trainer.screen.call
        call.answer("Thank you so much, but unfortunately I won't be accepting the offer.")
        os.kill(os.getpid(), signal.SIGTERM)  # handled by the app's own loop
        await wait_until(pilot, lambda: not trainer.is_running, "the app to end")
    assert trainer.return_code == 128 + signal.SIGTERM
    assert trainer.interrupted_call == ("offer-accepted-elsewhere", call.session_id)
    saved = SessionStore().load(call.session_id or "")
    assert not saved.finished and len(saved.turns) == 1


def test_case13_a_signal_that_ended_the_app_is_its_exit_status(
    monkeypatch: pytest.MonkeyPatch, cli: Callable[..., object]
) -> None:
    def hung_up(self: TrainerApp) -> None:
        self.interrupted_by = signal.SIGHUP
        self.interrupted_call = ("some-call", "20250101T000000Z-some-call-abc123")

    monkeypatch.setattr(TrainerApp, "run", hung_up)
    result = cli()
    assert result.code == 128 + signal.SIGHUP  # type: ignore[attr-defined]
    assert "Interrupted (SIGHUP)" in result.err  # type: ignore[attr-defined]
    assert "--resume 20250101T000000Z-some-call-abc123" in result.err  # type: ignore[attr-defined]


async def test_case01_a_session_with_markup_in_its_replies_reviews_literally(
    hostile_scenario: Path,
) -> None:
    from trainer.call.engine import Call
    from trainer.scenario.catalog import load_catalog
    from trainer.tui.screens.review import ReviewScreen

    call = Call(load_catalog().get("hostile-call"), store=SessionStore())
    call.answer("Thanks [name], but [/bold] no [@click=app.quit]thanks[/].")
    call.hang_up()
    trainer = app()
    async with trainer.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        trainer.push_screen(ReviewScreen(call.session_id or "", SessionStore(), trainer.catalog))
        await wait_until(pilot, lambda: isinstance(trainer.screen, ReviewScreen), "review")
        await pilot.pause()
        text = shown(list(trainer.screen.query(Static)))
        assert "Thanks [name], but [/bold] no [@click=app.quit]thanks[/]." in text
        assert "Decline [/bold] politely \\x1b]2;x\\x07" in text
        assert "\x1b" not in text and trainer.is_running
