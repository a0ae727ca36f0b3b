"""The [speech] table of config.toml: defaults, good values, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer import paths
from trainer.config import SpeechConfig, load_speech_config
from trainer.errors import TrainerError


def _write(text: str) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_no_file_means_defaults() -> None:
    assert load_speech_config() == SpeechConfig()
    assert SpeechConfig().pause_seconds == 2.0


def test_values_are_read() -> None:
    _write(
        '[ui]\ntheme = "dark"\n\n[speech]\nengine = "pocketsphinx"\nmodel_path = "~/m"\n'
        "pause_seconds = 3\nphone_line = true\nlive_words = false\nallow_online = false\n"
    )
    config = load_speech_config()
    assert config.engine == "pocketsphinx"
    assert config.model_path == Path("~/m").expanduser()
    assert config.pause_seconds == 3.0
    assert config.phone_line is True
    assert config.live_words is False
    assert SpeechConfig().live_words is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[speech\n", "not valid TOML"),
        ("speech = 3\n", "must be a table"),
        ("[speech]\npause_seconds = 0.1\n", "pause_seconds must be a number of seconds from 0.5"),
        ('[speech]\npause_seconds = "long"\n', "pause_seconds"),
        ('[speech]\nphone_line = "yes"\n', "phone_line must be true or false"),
        ("[speech]\nlive_words = 0\n", "live_words must be true or false"),
        ("[speech]\nengine = 3\n", "engine must be an engine name"),
        ("[speech]\nengin = \"vosk\"\n", "unknown key(s) engin"),
    ],
)
def test_bad_values_name_file_and_key(text: str, expected: str) -> None:
    path = _write(text)
    with pytest.raises(TrainerError) as info:
        load_speech_config()
    assert str(path) in info.value.message
    assert expected in info.value.message
