"""pocketsphinx through SpeechRecognition's ``recognize_sphinx``: the light fallback.

By default it decodes with a language model of this domain (see
:mod:`trainer.speech.sphinx_lm`) instead of the stock all-of-English model,
and the call's vocabulary is added to that model's corpus.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import first_sound_at, is_silent
from trainer.speech.engine_base import Transcript, Word, as_clip, install_command
from trainer.speech.sphinx_lm import domain_model

FRAMES_PER_SECOND = 100


def stock_model_files() -> tuple[Path, Path, Path]:
    """(acoustic model folder, language model, dictionary) shipped with SpeechRecognition."""
    base = Path(sr.__file__).parent / "pocketsphinx-data" / "en-US"
    files = (
        base / "acoustic-model",
        base / "language-model.lm.bin",
        base / "pronounciation-dictionary.dict",
    )
    if not all(path.exists() for path in files):
        raise TrainerError(
            f"pocketsphinx's English model is missing under {base}. Fix: "
            + install_command("--force-reinstall", "SpeechRecognition>=3.17,<4")
        )
    return files


class SphinxEngine:
    def __init__(self, *, domain_lm: bool = True, name: str = "pocketsphinx") -> None:
        try:
            import pocketsphinx  # noqa: F401
        except ImportError:
            raise TrainerError(
                "pocketsphinx is not installed. Fix: " + install_command("pocketsphinx>=5.1,<6")
            ) from None
        self.name = name
        self.domain_lm = domain_lm
        self._acoustic, self._stock_lm, self._stock_dict = stock_model_files()

    def _model(self, vocabulary: Sequence[str]) -> tuple[str, str, str]:
        if not self.domain_lm:
            return str(self._acoustic), str(self._stock_lm), str(self._stock_dict)
        lm, dictionary = domain_model(self._stock_dict, tuple(vocabulary))
        return str(self._acoustic), str(lm), str(dictionary)

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        started = time.perf_counter()
        clip = as_clip(audio)
        if is_silent(clip):
            return Transcript("", self.name, clip.seconds, time.perf_counter() - started)
        recognizer = sr.Recognizer()
        try:
            decoder: Any = recognizer.recognize_sphinx(
                clip.to_audio_data(), language=self._model(vocabulary), show_all=True
            )
        except (sr.RequestError, RuntimeError, ValueError) as exc:
            raise TrainerError(
                f"the {self.name} engine failed ({exc}); try again, or type the reply."
            ) from None
        words: list[Word] = []
        for segment in decoder.seg():
            word = str(segment.word).split("(", 1)[0]
            if word.startswith(("<", "[")):
                continue
            start = segment.start_frame / FRAMES_PER_SECOND
            words.append((word, start, (segment.end_frame + 1) / FRAMES_PER_SECOND))
        text = " ".join(word for word, _, _ in words)
        return Transcript(
            text=text,
            engine=self.name,
            audio_seconds=clip.seconds,
            seconds=time.perf_counter() - started,
            words=tuple(words),
            first_word_at=(words[0][1] if words else first_sound_at(clip)) if text else None,
        )
