"""Audio as numbers: the one in-memory form every part of the speech layer shares.

Files, the microphone and the synthesiser all produce different containers
(WAV bytes, raw microphone PCM, SpeechRecognition's ``AudioData``); converting them
once into an :class:`AudioClip` (mono float samples plus a rate) keeps the
signal code - levels, the telephone filter, silence checks - in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile
import speech_recognition as sr

Samples = npt.NDArray[np.float32]

PHONE_RATE = 8000
PHONE_BAND = (300.0, 3400.0)
"""The classic narrow-band telephone channel: what the real call will sound like."""

SILENCE_DBFS = -45.0
"""Below this level a stretch of audio counts as silence (a quiet room, not speech)."""


@dataclass(frozen=True, eq=False)
class AudioClip:
    """Mono audio, samples in [-1, 1]."""

    samples: Samples
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0

    def to_audio_data(self) -> sr.AudioData:
        """As 16-bit PCM for SpeechRecognition, the front every engine sits behind."""
        pcm = np.clip(self.samples, -1.0, 1.0) * 32767.0
        return sr.AudioData(pcm.astype("<i2").tobytes(), self.rate, 2)

    @classmethod
    def from_audio_data(cls, audio: sr.AudioData) -> AudioClip:
        raw = audio.get_raw_data(convert_width=2)
        samples = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
        return cls(samples, int(audio.sample_rate))

    def save(self, path: Path) -> Path:
        """Write a 16-bit PCM WAV, the format every player and recogniser reads."""
        path.parent.mkdir(parents=True, exist_ok=True)
        soundfile.write(str(path), np.clip(self.samples, -1.0, 1.0), self.rate, subtype="PCM_16")
        return path


def level_dbfs(samples: Samples) -> float:
    """Loudness of a stretch of audio in dBFS (0 is full scale), for meters and silence checks."""
    if len(samples) == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * float(np.log10(max(rms, 1e-6)))


def first_sound_at(clip: AudioClip, *, threshold_dbfs: float = SILENCE_DBFS) -> float | None:
    """Seconds from the start of ``clip`` to the first 30 ms window louder than silence.

    Engines that give no word timestamps still need "time to first word"; the onset
    of sound is a good stand-in, and for a spoken reply it is what the user felt.
    """
    window = max(1, int(clip.rate * 0.03))
    count = len(clip.samples) // window
    if count == 0:
        return None
    frames = clip.samples[: count * window].reshape(count, window).astype(np.float64)
    rms = np.sqrt(np.mean(np.square(frames), axis=1))
    loud = np.flatnonzero(20.0 * np.log10(np.maximum(rms, 1e-6)) > threshold_dbfs)
    return float(loud[0] * window / clip.rate) if len(loud) else None


def last_sound_at(clip: AudioClip, *, threshold_dbfs: float = SILENCE_DBFS) -> float | None:
    """Seconds from the start of ``clip`` to the end of its last sound."""
    reversed_clip = AudioClip(clip.samples[::-1], clip.rate)
    tail = first_sound_at(reversed_clip, threshold_dbfs=threshold_dbfs)
    return None if tail is None else clip.seconds - tail


def is_silent(clip: AudioClip, *, threshold_dbfs: float = SILENCE_DBFS) -> bool:
    return first_sound_at(clip, threshold_dbfs=threshold_dbfs) is None


def phone_line(clip: AudioClip) -> AudioClip:
    """``clip`` as heard down a telephone line: 300-3400 Hz, sampled at 8 kHz.

    Done in the frequency domain in one step: bins outside the band are faded
    out with a short cosine ramp (a brick wall rings), and keeping only the bins
    below 4 kHz resamples to 8 kHz without aliasing. Recruiter lines are seconds
    long, so one FFT over the whole clip is cheap.
    """
    if len(clip.samples) == 0:
        return AudioClip(np.zeros(0, dtype=np.float32), PHONE_RATE)
    spectrum = np.fft.rfft(clip.samples.astype(np.float64))
    freqs = np.fft.rfftfreq(len(clip.samples), d=1.0 / clip.rate)
    low, high = PHONE_BAND
    ramp = 100.0
    gain = np.clip((freqs - (low - ramp)) / ramp, 0.0, 1.0) * np.clip(
        ((high + ramp) - freqs) / ramp, 0.0, 1.0
    )
    gain = 0.5 - 0.5 * np.cos(np.pi * gain)
    spectrum *= gain
    out_len = max(1, round(len(clip.samples) * PHONE_RATE / clip.rate))
    kept = out_len // 2 + 1
    narrowed = np.zeros(kept, dtype=np.complex128)
    n = min(kept, len(spectrum))
    narrowed[:n] = spectrum[:n]
    samples = np.fft.irfft(narrowed, n=out_len) * (out_len / len(clip.samples))
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    if peak > 0.99:
        samples *= 0.99 / peak
    return AudioClip(samples.astype(np.float32), PHONE_RATE)
