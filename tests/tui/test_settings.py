"""The theme the user picks is saved in config.toml and used on the next start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trainer import paths
from trainer.config import load_config
from trainer.tui.app import DARK, LIGHT, TrainerApp, run_tui


async def test_theme_change_is_saved_and_other_settings_kept(drive: Any) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[speech]\npause_seconds = 3.5\n', encoding="utf-8")
    app = drive.typed_app(theme=DARK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.theme == LIGHT
    saved = load_config()
    assert saved.ui.theme == "light"
    assert saved.speech.pause_seconds == 3.5


def _theme_at_start(config: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The theme ``trainer`` opens the app with, given this config.toml."""
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(config, encoding="utf-8")
    seen: dict[str, str] = {}

    def run(self: TrainerApp) -> None:
        seen["theme"] = self.theme

    monkeypatch.setattr(TrainerApp, "run", run)
    run_tui()
    return seen["theme"]


def test_saved_theme_is_used_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _theme_at_start('[ui]\ntheme = "light"\n', monkeypatch) == LIGHT


async def test_unwritable_config_is_a_notice_not_a_crash(
    drive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (simulated: the tests may run as root, who can write anyway)."""
    from trainer.sessions import fileops

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(fileops, "atomic_write", refuse)
    app = drive.typed_app(theme=DARK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.theme == LIGHT
        notes = {n.title: n.message for n in app._notifications}
        assert "Permission denied" in notes["Could not save the theme"]


async def test_broken_config_is_a_notice_and_is_left_alone(drive: Any) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[ui\ntheme = 'light'\n", encoding="utf-8")
    app = drive.typed_app(theme=DARK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("not valid TOML" in m for m in messages), messages
    assert config.read_text(encoding="utf-8") == "[ui\ntheme = 'light'\n"


def test_broken_config_at_start_opens_the_app_anyway(monkeypatch: pytest.MonkeyPatch) -> None:
    """The voice's notices name the problem on the briefing; the app opens with defaults."""
    assert _theme_at_start("[ui]\ntheme = 'purple'\n", monkeypatch) == DARK
