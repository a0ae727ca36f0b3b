"""Past sessions in the app: titles that fit, a saved call's scorecard and export, deletion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from trainer import paths
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.export import ExportScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen, title_width

SCENARIO = "offer-accepted-elsewhere"
Make = Callable[[Scenario, int], list[str]]


def _long_title() -> Scenario:
    scenario = load_catalog().get(SCENARIO)
    return scenario.model_copy(update={
        "title": "Declining an offer after accepting another one, kindly, with a reason "
                 "and the door left open"})


async def _sessions(drive: Any, pilot: Any) -> SessionsScreen:
    await pilot.press("ctrl+r")
    await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, SessionsScreen), "list")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionsScreen)
    return screen


async def test_titles_fit_at_120_and_are_cut_with_an_ellipsis_at_80(
    drive: Any, saved_sessions: Make
) -> None:
    scenario = _long_title()
    saved_sessions(scenario, 1)
    for size, whole in (((120, 40), False), ((80, 24), False), ((170, 40), True)):
        app = drive.typed_app()
        async with app.run_test(size=size) as pilot:
            screen = await _sessions(drive, pilot)
            shown = str(screen.query_one(DataTable).get_row_at(0)[1])
            assert len(shown) <= min(len(scenario.title), title_width(size[0]))
            assert shown.endswith("…") != whole, shown
    longest = max(len(s.title) for s in drive.shipped())
    assert title_width(120) >= longest, "a shipped title would be cut at 120 columns"


async def test_open_shows_the_scorecard_with_export_and_transcript(
    drive: Any, saved_sessions: Make, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    saved_sessions(load_catalog().get(SCENARIO), 2)
    app = drive.typed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sessions = await _sessions(drive, pilot)
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        assert "overall" in str(app.screen.query_one("#score").render())
        await pilot.press("e")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "export")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "back")
        assert len(list(tmp_path.glob(f"{SCENARIO}-*.md"))) == 1
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: app.screen is sessions, "back to the list")


async def test_delete_asks_first_and_removes_the_recordings(
    drive: Any, saved_sessions: Make
) -> None:
    store = SessionStore()
    first, second = saved_sessions(load_catalog().get(SCENARIO), 2)
    recording = paths.recordings_dir() / second / "turn-01-1.wav"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(b"RIFF")
    app = drive.typed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _sessions(drive, pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("d")  # the newest, on top
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "ask")
        assert "1 recording" in str(app.screen.query_one(".confirm").query("Static")[1].render())
        await pilot.press("escape")  # no
        await drive.wait_until(pilot, lambda: app.screen is screen, "kept")
        assert store.file_for(second).exists() and recording.exists()
        await pilot.press("d")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "ask")
        await pilot.click("#yes")
        await drive.wait_until(pilot, lambda: table.row_count == 1, "the row gone")
    assert not store.file_for(second).exists()
    assert not recording.exists() and not recording.parent.exists()
    assert store.file_for(first).exists()
    assert [s.session_id for s in store.list().sessions] == [first]


async def test_titles_with_brackets_are_shown_as_text(drive: Any, saved_sessions: Make) -> None:
    scenario = load_catalog().get(SCENARIO).model_copy(update={"title": "Offer [bold]call[/]"})
    saved_sessions(scenario, 1)
    app = drive.typed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _sessions(drive, pilot)
        assert str(screen.query_one(DataTable).get_row_at(0)[1]) == "Offer [bold]call[/]"
        await pilot.press("d")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "ask")
        shown = [str(s.render()) for s in app.screen.query("Static")]
        assert any("Offer [bold]call[/]" in text for text in shown), shown


async def test_an_older_call_is_not_compared_with_a_later_one(
    drive: Any, saved_sessions: Make
) -> None:
    saved_sessions(load_catalog().get(SCENARIO), 2)
    app = drive.typed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _sessions(drive, pilot)
        await pilot.press("down", "enter")  # the older call
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        await pilot.pause()
        assert "last try" not in str(app.screen.query_one("#comparison").render())
        await pilot.press("escape")
        await pilot.press("up", "enter")  # the newer one is compared with the older
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        await pilot.pause()
        assert "last try (83)" in str(app.screen.query_one("#comparison").render())
