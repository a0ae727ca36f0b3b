"""Google's free web recogniser through SpeechRecognition: only when the user opts in.

Rehearsing a sensitive call is private, so nothing is ever sent away unless the
user asked for it (``--allow-online`` or ``allow_online = true``);
:func:`trainer.speech.stt.load_engine` enforces that before this is created.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import first_sound_at, is_silent
from trainer.speech.engine_base import Transcript, as_clip


class GoogleEngine:
    name = "google"

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        started = time.perf_counter()
        clip = as_clip(audio)
        text = ""
        if not is_silent(clip):
            try:
                text = str(sr.Recognizer().recognize_google(clip.to_audio_data()))
            except sr.UnknownValueError:
                text = ""
            except sr.RequestError as exc:
                raise TrainerError(
                    f"the google engine could not be reached ({exc}); check the connection "
                    "or use the default offline engine."
                ) from None
        return Transcript(
            text=text,
            engine=self.name,
            audio_seconds=clip.seconds,
            seconds=time.perf_counter() - started,
            first_word_at=first_sound_at(clip) if text else None,
        )
