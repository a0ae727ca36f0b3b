"""``[user] name`` in config.toml: optional, written back without disturbing the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.config import load_config, save_user_name
from trainer.errors import TrainerError


def test_the_name_is_optional_and_kept_with_the_other_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).user.name is None
    path.write_text('# mine\n[ui]\ntheme = "dark"\n', encoding="utf-8")
    save_user_name('  Sam  "Sammy"  Rivera \\ ', path)
    config = load_config(path)
    assert config.user.name == 'Sam "Sammy" Rivera \\'
    assert config.ui.theme == "dark" and path.read_text(encoding="utf-8").startswith("# mine\n")
    save_user_name("Jo", path)
    assert load_config(path).user.name == "Jo"
    assert path.read_text(encoding="utf-8").count("[user]") == 1


def test_a_blank_answer_is_remembered_as_asked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_user_name("", path)
    assert load_config(path).user.name == ""


def test_a_bad_name_is_reported_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[user]\nname = 5\n", encoding="utf-8")
    with pytest.raises(TrainerError, match=r"\[user\] name must be your name in quotes"):
        load_config(path)
    with pytest.raises(TrainerError):
        save_user_name("Sam", path)  # a broken file is reported, never overwritten
    assert path.read_text(encoding="utf-8") == "[user]\nname = 5\n"
