"""Reading replies from audio files: every format the issue names, and every bad file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip, first_sound_at, is_silent, level_dbfs, phone_line
from trainer.speech.audio_input import read_audio_file


def _sine(rate: int, seconds: float, channels: int = 1) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.4 * np.sin(2 * np.pi * 440 * t)
    return np.stack([mono] * channels, axis=1) if channels > 1 else mono


@pytest.mark.parametrize(
    ("name", "rate", "channels", "subtype"),
    [
        ("reply.wav", 22050, 1, "PCM_16"),
        ("reply-stereo.flac", 44100, 2, "PCM_24"),
        ("reply.aiff", 8000, 1, "PCM_16"),
        ("reply-float.wav", 48000, 2, "FLOAT"),
    ],
)
def test_reads_formats_rates_and_stereo(
    tmp_path: Path, name: str, rate: int, channels: int, subtype: str
) -> None:
    path = tmp_path / name
    soundfile.write(str(path), _sine(rate, 0.5, channels), rate, subtype=subtype)
    clip = read_audio_file(path)
    assert clip.rate == rate
    assert clip.samples.ndim == 1
    assert clip.seconds == pytest.approx(0.5, abs=0.01)
    assert float(np.max(np.abs(clip.samples))) == pytest.approx(0.4, abs=0.01)


def test_stereo_is_mixed_down(tmp_path: Path) -> None:
    left = _sine(16000, 0.2)
    data = np.stack([left, np.zeros_like(left)], axis=1)
    path = tmp_path / "half.wav"
    soundfile.write(str(path), data, 16000)
    clip = read_audio_file(path)
    assert float(np.max(np.abs(clip.samples))) == pytest.approx(0.2, abs=0.01)


def _message(path: Path) -> str:
    with pytest.raises(TrainerError) as info:
        read_audio_file(path)
    return info.value.message


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _message(tmp_path / "nope.wav")


def test_folder(tmp_path: Path) -> None:
    assert "is a folder" in _message(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    message = _message(path)
    assert "empty (0 bytes)" in message and str(path) in message


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("Thank you for the offer, but no.\n" * 20)
    message = _message(path)
    assert "not audio" in message and "WAV, FLAC or AIFF" in message and "ffmpeg" in message


def test_corrupt_wav(tmp_path: Path) -> None:
    good = tmp_path / "good.wav"
    soundfile.write(str(good), _sine(16000, 1.0), 16000)
    data = bytearray(good.read_bytes())
    data[8:16] = b"GARBAGE!"  # the RIFF/WAVE/fmt markers
    bad = tmp_path / "bad.wav"
    bad.write_bytes(bytes(data))
    assert "not audio" in _message(bad)


def test_header_only_wav(tmp_path: Path) -> None:
    path = tmp_path / "nothing.wav"
    soundfile.write(str(path), np.zeros(0), 16000)
    assert "no audio" in _message(path)


def test_two_hour_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "meeting.flac"
    soundfile.write(str(path), np.zeros(2 * 3600 * 1000, dtype=np.int16), 1000)
    message = _message(path)
    assert "2:00:00 long" in message and "trim" in message


def test_clip_wav_round_trip(tmp_path: Path) -> None:
    clip = AudioClip(_sine(16000, 0.3).astype(np.float32), 16000)
    again = read_audio_file(clip.save(tmp_path / "sub" / "x.wav"))
    assert again.rate == 16000
    assert np.allclose(again.samples, clip.samples, atol=1e-3)
    back = AudioClip.from_audio_data(clip.to_audio_data())
    assert np.allclose(back.samples, clip.samples, atol=1e-3)


def test_silence_and_onset() -> None:
    rate = 16000
    samples = np.concatenate([np.zeros(rate // 2), _sine(rate, 0.5)]).astype(np.float32)
    clip = AudioClip(samples, rate)
    assert first_sound_at(clip) == pytest.approx(0.5, abs=0.04)
    assert is_silent(AudioClip(np.zeros(rate, dtype=np.float32), rate))
    assert not is_silent(clip)
    assert level_dbfs(np.zeros(0, dtype=np.float32)) < -100


def test_phone_line_keeps_the_voice_band_only() -> None:
    rate = 22050
    t = np.arange(rate) / rate
    low, mid, high = (np.sin(2 * np.pi * f * t) for f in (100.0, 1000.0, 6000.0))
    clip = AudioClip((0.2 * (low + mid + high)).astype(np.float32), rate)
    phone = phone_line(clip)
    assert phone.rate == 8000
    assert phone.seconds == pytest.approx(1.0, abs=0.01)
    spectrum = np.abs(np.fft.rfft(phone.samples))
    freqs = np.fft.rfftfreq(len(phone.samples), 1 / 8000)

    def power(f: float) -> float:
        return float(spectrum[np.argmin(np.abs(freqs - f))])

    assert power(1000.0) > 50 * power(100.0)
    assert power(1000.0) > 50 * max(power(3900.0), 1e-9)
