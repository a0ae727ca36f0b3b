"""Export from the app: the user picks the format and the file; nothing is replaced unasked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static

from trainer.scenario.catalog import load_catalog
from trainer.sessions.store import SessionStore
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.export import ExportScreen

SCENARIO = "offer-accepted-elsewhere"


class Harness(App[None]):
    def __init__(self, screen: ExportScreen) -> None:
        super().__init__()
        self.export = screen
        self.result: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.export, self.result.append)


@pytest.fixture
def harness(saved_sessions: Callable[..., list[str]]) -> Harness:
    scenario = load_catalog().get(SCENARIO)
    session = SessionStore().load(saved_sessions(scenario, 1)[0])
    return Harness(ExportScreen(session, scenario))


async def _go(pilot: Any, path: Path) -> None:
    box = pilot.app.screen.query_one("#export-path", Input)
    box.value = str(path)
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


def _note(app: App[None]) -> str:
    return str(app.screen.query_one("#export-note", Static).render())


async def test_each_format_is_written_with_its_suffix(harness: Harness, tmp_path: Path) -> None:
    async with harness.run_test(size=(80, 24)) as pilot:
        box = harness.screen.query_one("#export-path", Input)
        assert box.value.endswith(".md") and SCENARIO in box.value
        await pilot.press("shift+tab", "right", "right", "right", "enter")  # to JSON
        await pilot.pause()
        assert harness.screen.query_one("#export-path", Input).value.endswith(".json")
        await _go(pilot, tmp_path / "call.json")
    assert harness.result == [tmp_path / "call.json"]
    assert json.loads((tmp_path / "call.json").read_text())["scenario"] == SCENARIO


async def test_existing_file_is_replaced_only_when_confirmed(
    harness: Harness, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine", encoding="utf-8")
    async with harness.run_test(size=(80, 24)) as pilot:
        await _go(pilot, target)
        assert isinstance(harness.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "Not replaced" in _note(harness)
        assert target.read_text(encoding="utf-8") == "mine"
        await _go(pilot, target)
        assert isinstance(harness.screen, ConfirmScreen)
        await pilot.click("#yes")
        await pilot.pause()
    assert harness.result == [target]
    assert target.read_text(encoding="utf-8").startswith("# ")


async def test_bad_places_are_explained(harness: Harness, tmp_path: Path) -> None:
    async with harness.run_test(size=(80, 24)) as pilot:
        await _go(pilot, tmp_path / "missing" / "x.md")
        assert "does not exist" in _note(harness)
        await _go(pilot, tmp_path)
        assert "is a folder" in _note(harness)
        hidden = tmp_path / ".secret"
        hidden.mkdir()
        await _go(pilot, hidden / "x.md")
        assert "hidden folder .secret" in _note(harness)
        assert not (hidden / "x.md").exists()
        await pilot.press("enter")
        await pilot.pause()
    assert (hidden / "x.md").is_file()
