"""`trainer doctor` and `say` speak plainly (issue 13, point 9): an engine that mishears is a
warning with its accuracy, a fix is only offered for what is missing, and `say` without a
speaker says so for `say`, not with the notice meant for a call."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trainer.speech import doctor


class _Heard:
    def __init__(self, text: str) -> None:
        self.text = text


class _Engine:
    def __init__(self, heard: str) -> None:
        self.heard = heard

    def transcribe(self, path: Path) -> _Heard:
        return _Heard(self.heard)


@pytest.mark.parametrize(
    ("heard", "ok", "warning", "share"),
    [
        ("Thank you for the offer.", True, False, "100%"),
        ("send you for the offer", True, True, "80%"),
        ("sand shoe", False, False, "0%"),
    ],
)
def test_an_engine_that_mishears_the_probe_is_a_warning_with_its_accuracy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, heard: str, ok: bool, warning: bool,
    share: str,
) -> None:
    monkeypatch.setattr(doctor, "load_engine", lambda name, model_path=None: _Engine(heard))
    check = doctor._engine_check("pocketsphinx", tmp_path / "probe.wav", None)
    assert (check.ok, check.warning) == (ok, warning)
    assert f"{share} of the words right" in check.detail
    assert (check.fix is None) == (ok and not warning)


def test_word_accuracy_counts_words_in_order() -> None:
    assert doctor.word_accuracy("Thank you for the offer.", "thank you for the offer") == 1.0
    assert doctor.word_accuracy("Thank you for the offer.", "offer the for you thank") < 0.5


@pytest.mark.parametrize("aplay", ["/usr/bin/aplay", None])
def test_alsa_utils_is_suggested_only_when_aplay_is_missing(
    monkeypatch: pytest.MonkeyPatch, aplay: str | None
) -> None:
    class Silent:
        def output_problem(self) -> str:
            return "no sound card"

    monkeypatch.setattr(doctor.shutil, "which", lambda name: aplay if name == "aplay" else None)
    check = doctor._output(Silent())  # type: ignore[arg-type]
    assert not check.ok and check.fix is not None
    assert ("apt-get install alsa-utils" in check.fix) == (aplay is None)


def test_say_without_a_speaker_speaks_of_say_not_of_a_call(trainer_home: Path) -> None:
    env: dict[str, Any] = {**os.environ, "TRAINER_HOME": str(trainer_home),
                           "PULSE_SERVER": "unix:/nonexistent/pulse/native",
                           "ALSA_CONFIG_PATH": str(trainer_home / "no-alsa.conf")}
    (trainer_home / "no-alsa.conf").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "trainer", "say", "hello"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cannot play the speech here" in result.stderr and "--out" in result.stderr
    assert "recruiter" not in result.stderr
