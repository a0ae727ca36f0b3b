"""The picker: the user's own scenarios beside the shipped ones, kept up to date while it
is open, and a list that never waits for the session history."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from trainer import paths
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.picker import PickerScreen

SHIPPED = "offer-accepted-elsewhere"


def shipped_text(scenario_id: str) -> str:
    return (paths.shipped_scenarios_dir() / f"{scenario_id}.yaml").read_text(encoding="utf-8")


def user_file(scenario_id: str, text: str) -> Path:
    """Written the way an editor saves: the whole file, replaced at once."""
    folder = paths.ensure_dir(paths.user_scenarios_dir())
    path = folder / f"{scenario_id}.yaml"
    draft = path.with_suffix(".tmp")
    draft.write_text(text, encoding="utf-8")
    draft.replace(path)
    return path


def own_scenario(title: str = "My own practice call", difficulty: str = "easy") -> str:
    text = shipped_text(SHIPPED)
    text = re.sub(r"(?m)^id: .*$", "id: my-own-call", text)
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
    return re.sub(r"(?m)^difficulty: .*$", f"difficulty: {difficulty}", text)


def rows(picker: PickerScreen) -> dict[str, str]:
    """Each listed scenario's id and its row as plain text."""
    options = picker.query_one("#scenarios", OptionList)
    listed = (options.get_option_at_index(i) for i in range(options.option_count))
    return {option.id or "": str(option.prompt) for option in listed}


async def type_filter(pilot: Pilot[None], picker: PickerScreen, text: str) -> None:
    picker.query_one("#filter", Input).value = text
    await pilot.pause()


def highlighted(picker: PickerScreen) -> str | None:
    option = picker.query_one("#scenarios", OptionList).highlighted_option
    return option.id if option else None


def preview(picker: PickerScreen) -> str:
    return " ".join(str(widget.render()) for widget in picker.query("#preview Static"))


async def test_a_scenario_written_while_the_picker_is_open_appears_breaks_and_heals(
    drive: Any,
) -> None:
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        picker = await drive.picker_loaded(pilot)
        await type_filter(pilot, picker, "decline an offer")
        await pilot.press("down")
        kept = highlighted(picker)
        assert kept is not None and "my-own-call" not in rows(picker)

        def row() -> str:
            return rows(picker).get("my-own-call", "")

        user_file("my-own-call", own_scenario())
        await drive.wait_until(pilot, lambda: "My own practice call" in row(), "the new file")
        assert "yours" in row() and "replaces shipped" not in row()
        assert picker.query_one("#filter", Input).value == "decline an offer"
        assert highlighted(picker) == kept

        path = user_file("my-own-call", own_scenario(difficulty="eazy"))
        await drive.wait_until(pilot, lambda: "⚠ my-own-call.yaml" in row(), "the broken file")
        line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                    if text.startswith("difficulty:"))
        assert row().split("\n", 1)[1].startswith(f"line {line}: difficulty: got 'eazy'")
        assert highlighted(picker) == kept

        user_file("my-own-call", own_scenario(title="My own call, fixed"))
        await drive.wait_until(pilot, lambda: "My own call, fixed" in row(), "the fixed file")
        assert "⚠" not in row()
        assert highlighted(picker) == kept


async def test_a_broken_file_lists_every_problem_in_the_preview(drive: Any) -> None:
    user_file("my-own-call", own_scenario(difficulty="eazy").replace("turns:", "turnz:"))
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        picker = await drive.picker_loaded(pilot)
        await type_filter(pilot, picker, "my-own-call")
        entry = next(e for e in load_catalog().entries if e.id == "my-own-call")
        assert entry.scenario is None and len(entry.problems) > 1
        first = rows(picker)["my-own-call"].split("\n", 1)[1]
        assert first.startswith(f"line {entry.problems[0].line}: ")
        assert entry.problems[0].message in first and "more, see the preview" in first
        shown = preview(picker)
        for problem in entry.problems:
            assert problem.message in shown
        assert "Your own scenario" in shown


async def test_your_file_replacing_a_shipped_one_is_marked_and_is_what_opens(
    drive: Any,
) -> None:
    user_file(SHIPPED, re.sub(r"(?m)^title: .*$", "title: My take on it", shipped_text(SHIPPED)))
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        picker = await drive.picker_loaded(pilot)
        row = rows(picker)[SHIPPED]
        assert row.startswith("My take on it") and "yours, replaces shipped" in row
        await type_filter(pilot, picker, "my take")
        assert "used instead of the shipped one" in preview(picker)
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "briefing")
        assert "My take on it" in " ".join(str(s.render()) for s in app.screen.query(Static))


async def test_a_new_file_opens_from_the_catalog_the_picker_read(drive: Any) -> None:
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        picker = await drive.picker_loaded(pilot)
        app.catalog()  # the app has a catalog from before the file existed
        user_file("my-own-call", own_scenario())
        await drive.wait_until(pilot, lambda: "my-own-call" in rows(picker), "the new file")
        await type_filter(pilot, picker, "my own practice")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "briefing")


@pytest.fixture
def held_history(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Reading the score history blocks until the test lets it go, like a huge history."""
    release = threading.Event()
    real = SessionStore.score_history

    def slow(store: SessionStore) -> dict[str, list[float]]:
        release.wait(30)
        return real(store)

    monkeypatch.setattr(SessionStore, "score_history", slow)
    yield release
    release.set()


async def test_the_list_does_not_wait_for_the_history(
    drive: Any,
    held_history: threading.Event,
    saved_sessions: Callable[[Scenario, int], list[str]],
) -> None:
    saved_sessions(load_catalog().get(SHIPPED), 1)
    app = drive.typed_app()
    async with app.run_test(size=drive.size) as pilot:
        picker = next(s for s in app.screen_stack if isinstance(s, PickerScreen))
        await drive.wait_until(pilot, lambda: SHIPPED in rows(picker), "the list")
        await type_filter(pilot, picker, "accepting another")
        assert picker.history is None
        assert "best" not in rows(picker)[SHIPPED] and "not tried" not in rows(picker)[SHIPPED]
        assert "Reading your past scores" in preview(picker)

        held_history.set()
        await drive.wait_until(pilot, lambda: picker.history is not None, "the history")
        await pilot.pause()
        assert re.search(r"best \d+%", rows(picker)[SHIPPED])
        assert "Your best:" in preview(picker)


async def test_a_missing_scenario_folder_is_a_notice_not_a_crash(
    drive: Any, tmp_path: Path,
) -> None:
    app = drive.typed_app(scenario_dirs=[tmp_path / "nowhere"])
    async with app.run_test(size=drive.size) as pilot:
        picker = next(s for s in app.screen_stack if isinstance(s, PickerScreen))
        await drive.wait_until(pilot, lambda: picker.catalog is not None, "the read")
        # The notice is a message the app handles on its next turn, so it can land just after
        # the empty list does.
        await drive.wait_until(
            pilot,
            lambda: any("no such directory" in n.message for n in app._notifications),
            "the notice",
        )
        assert rows(picker) == {}
