"""Is anyone speaking? Silero's voice activity detector, before any engine hears the audio.

Speech models trained on subtitles fill sound that is not speech with the phrases
subtitles end on: Whisper tiny.en hears three slow breaths as "Thank you." - which
the scorecard would credit as thanks. The level gate
(:func:`trainer.speech.audio.is_silent`) catches a quiet room, not breathing,
rustling or a hum; Silero VAD (an ONNX model that ships inside faster-whisper)
does, in a few hundredths of a second for a reply.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trainer.speech.audio import AudioClip

RATE = 16000
MIN_SPEECH_MS = 250
"""Shorter bursts are clicks and breaths; the shortest reply ("No.") lasts longer."""


def samples_16k(clip: AudioClip) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The clip's samples at 16 kHz (linear interpolation: speech sits far below 8 kHz)."""
    samples = np.asarray(clip.samples, np.float32)
    if clip.rate == RATE or not len(samples):
        return samples
    count = round(len(samples) * RATE / clip.rate)
    at = np.arange(count) * (clip.rate / RATE)
    resampled: np.ndarray[Any, np.dtype[np.float32]] = np.interp(
        at, np.arange(len(samples)), samples
    ).astype(np.float32)
    return resampled


def has_speech(clip: AudioClip) -> bool:
    """True when the detector finds at least one stretch of speech in ``clip``.

    Without faster-whisper (which ships the detector) every clip counts as speech,
    so an engine that works without it is never silenced by its absence.
    """
    try:
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError:
        return True
    options = VadOptions(min_speech_duration_ms=MIN_SPEECH_MS, min_silence_duration_ms=500,
                         speech_pad_ms=200)
    return bool(get_speech_timestamps(samples_16k(clip), options))
