"""Vosk (Kaldi) with a model folder the user downloaded: an optional offline engine.

SpeechRecognition's ``recognize_vosk`` only looks for a model inside its own
package folder and reloads it on every call, so this engine loads the user's
folder once and feeds it SpeechRecognition's ``AudioData``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import first_sound_at, is_silent
from trainer.speech.engine_base import Transcript, Word, as_clip, install_command

SAMPLE_RATE = 16000
VOSK_REQUIREMENT = "vosk>=0.3.45"


def _vosk() -> Any:
    try:
        import vosk
    except ImportError:
        raise TrainerError(
            "the vosk engine is an optional extra that is not installed. Fix: "
            + install_command(VOSK_REQUIREMENT)
        ) from None
    vosk.SetLogLevel(-1)
    return vosk


@lru_cache(maxsize=2)
def _load_model(folder: str) -> Any:
    vosk = _vosk()
    try:
        return vosk.Model(folder)
    except Exception as exc:  # noqa: BLE001 - vosk raises a bare Exception for a bad folder
        raise TrainerError(f"{folder}: not a Vosk model folder ({exc}).") from None


class VoskEngine:
    def __init__(self, model_path: Path | None, *, name: str = "vosk") -> None:
        _vosk()
        if model_path is None or not model_path.is_dir():
            raise TrainerError(
                "the vosk engine needs a model folder: download one (e.g. "
                "vosk-model-small-en-us-0.15), unpack it, and pass --model-path DIR or set "
                "model_path under [speech] in the config file."
                + (f" {model_path} is not a folder." if model_path else "")
            )
        self.name = name
        self._model = _load_model(str(model_path))

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        """``vocabulary`` is not used: Vosk can only restrict to a word list, not bias."""
        started = time.perf_counter()
        clip = as_clip(audio)
        if is_silent(clip):
            return Transcript("", self.name, clip.seconds, time.perf_counter() - started)
        recognizer = _vosk().KaldiRecognizer(self._model, SAMPLE_RATE)
        recognizer.SetWords(True)
        recognizer.AcceptWaveform(
            clip.to_audio_data().get_raw_data(convert_rate=SAMPLE_RATE, convert_width=2)
        )
        result = json.loads(recognizer.FinalResult())
        words: list[Word] = [
            (str(w["word"]), float(w["start"]), float(w["end"])) for w in result.get("result", [])
        ]
        text = str(result.get("text", "")).strip()
        return Transcript(
            text=text,
            engine=self.name,
            audio_seconds=clip.seconds,
            seconds=time.perf_counter() - started,
            words=tuple(words),
            first_word_at=(words[0][1] if words else first_sound_at(clip)) if text else None,
        )
