"""Shared pieces of the speech tests: fakes for absent devices, espeak-ng WAVs of replies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `import speech_fakes` (importlib mode)

from trainer.speech.tts import Speaker


@pytest.fixture(scope="session")
def speaker() -> Speaker:
    """The real pyttsx3/espeak-ng synthesiser (saving WAVs needs no sound card)."""
    return Speaker()


@pytest.fixture(scope="session")
def derived_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the models the trainer derives once (Whisper base joined, Moonshine
    converted), shared by the session's tests so each is made once, not once per test."""
    return tmp_path_factory.mktemp("derived-models")


@pytest.fixture
def shared_models(derived_models: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from trainer.speech import models, stt

    monkeypatch.setattr(models, "models_dir", lambda: derived_models)
    monkeypatch.setattr(stt, "_cache", {})
    return derived_models
