"""config.toml read defensively: every setting in one model, every problem one clear message."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from trainer import paths
from trainer.config import MAX_CONFIG_BYTES, Config, load_config
from trainer.errors import TrainerError


def _write(data: str | bytes) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _problem() -> str:
    with pytest.raises(TrainerError) as caught:
        load_config()
    message = caught.value.message
    assert str(paths.config_file()) in message
    return message


def test_defaults_without_a_file_and_every_part_read_with_one() -> None:
    assert load_config() == Config()
    _write('[ui]\ntheme = "light"\n\n[speech]\nengine = " vosk "\npause_seconds = 1.5\n')
    config = load_config()
    assert config.ui.theme == "light"
    assert config.speech.engine == "vosk" and config.speech.pause_seconds == 1.5


def test_invalid_toml_names_the_line() -> None:
    _write('[ui]\ntheme = "light"\n[speech\n')
    assert f"{paths.config_file()}:3:" in _problem()


def test_text_that_is_not_utf8_names_the_line() -> None:
    _write(b'[ui]\ntheme = "light"\n# caf\xe9\n')
    message = _problem()
    assert ":3: not UTF-8" in message


def test_a_deeply_nested_file_is_refused_not_crashed_on() -> None:
    _write("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nested too deeply" in _problem() or "not valid TOML" in _problem()


def test_a_huge_file_is_refused_unread() -> None:
    _write("# " + "x" * MAX_CONFIG_BYTES + "\n")
    assert "more than a settings file can be" in _problem()


def test_a_folder_named_config_toml_is_reported() -> None:
    paths.config_file().mkdir(parents=True)
    assert "folder" in _problem()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_config_toml_does_not_hang() -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    outcome: list[str] = []

    def read() -> None:
        try:
            load_config()
        except TrainerError as exc:
            outcome.append(exc.message)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO hung"
    assert outcome and "not a regular file" in outcome[0]


@pytest.mark.parametrize(("text", "expected"), [
    ('[ui]\ntheme = "blue"\n', '[ui] theme must be "light" or "dark", not \'blue\''),
    ('[ui]\ncolour = "red"\n', "[ui] has unknown key(s) colour; the keys are theme"),
    ('[uii]\ntheme = "dark"\n', "unknown table or key uii"),
    ("ui = 3\n", "'ui' must be a table"),
    ("[speech]\nallow_online = 1\n", "allow_online must be true or false"),
])
def test_bad_settings_name_the_table_and_key(text: str, expected: str) -> None:
    _write(text)
    assert expected in _problem()
