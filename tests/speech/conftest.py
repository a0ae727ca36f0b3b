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



@pytest.fixture
def shared_models(derived_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The session's folder of derived models, with no engine cached from another test."""
    from trainer.speech import stt

    monkeypatch.setattr(stt, "_cache", {})
    return derived_models_dir
