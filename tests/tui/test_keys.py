"""The key table drives the footer, the help screen and the palette: check all three agree."""

from __future__ import annotations

from typing import Any

from textual.actions import parse
from textual.command import CommandPalette
from textual.widgets import Static

from trainer.tui.app import TrainerApp
from trainer.tui.bindings import KEYS, Scope
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.letter import LetterScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.redo import RedoScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen

SCREENS: dict[Scope, list[type]] = {
    "app": [TrainerApp],
    "picker": [PickerScreen],
    "briefing": [BriefingScreen],
    "call": [CallScreen],
    "redo": [RedoScreen],
    "scorecard": [ScorecardScreen],
    "letter": [LetterScreen],
    "sessions": [SessionsScreen],
    "review": [ReviewScreen],
    "progress": [ProgressScreen],
    "modal": [HelpScreen, ConfirmScreen],
}


def test_every_key_has_a_unique_id_and_words() -> None:
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    for key in KEYS:
        assert key.id.startswith(f"{key.scope}."), key.id
        assert key.description and key.help.endswith("."), key.id


def test_every_action_exists_where_its_scope_says() -> None:
    for key in KEYS:
        _, name, _ = parse(key.action)
        for cls in SCREENS[key.scope]:
            assert hasattr(cls, f"action_{name}"), f"{cls.__name__} lacks action_{name} ({key.id})"


def test_each_screen_binds_exactly_its_scope() -> None:
    for scope, classes in SCREENS.items():
        wanted = {key.id for key in KEYS if key.scope == scope}
        for cls in classes:
            bound = {binding.id for binding in cls.BINDINGS}  # type: ignore[attr-defined]
            assert wanted <= bound, cls.__name__


async def test_help_lists_every_key_of_the_screen_it_was_opened_from(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        await drive.start_call(pilot)
        await pilot.press("f1")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        shown = " ".join(str(static.render()) for static in app.screen.query(Static))
        for key in KEYS:
            if key.scope in ("call", "app"):
                assert key.help in shown, key.id
        assert shown.index("During the call") < shown.index("Everywhere")


async def test_palette_offers_the_call_screens_actions_and_runs_them(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere")
    async with app.run_test(size=drive.size) as pilot:
        call = await drive.start_call(pilot)
        await pilot.press("ctrl+p")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "palette")
        await pilot.press(*"hint")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: app.screen is call, "the call screen again")
        peek = str(call.query_one("#peek", Static).render())
        turn = call.call.current_turn
        assert turn is not None and turn.hint is not None
        assert turn.hint in peek
