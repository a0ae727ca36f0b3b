"""Stand-ins for devices this machine does not have: microphones, speakers, engines."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import speech_recognition as sr

from trainer.speech.audio import AudioClip
from trainer.speech.stt import Transcript, as_clip

RATE = 16000


def tone(seconds: float, *, amplitude: float = 0.3, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def quiet(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


def clip_of(*parts: np.ndarray) -> AudioClip:
    return AudioClip(np.concatenate(parts), RATE)


class FakeStream:
    def __init__(
        self, data: bytes, *, fail_after: int | None = None, stall_after: int | None = None
    ) -> None:
        self.data = data
        self.pos = 0
        self.reads = 0
        self.fail_after = fail_after
        self.stall_after = stall_after
        self.released = threading.Event()

    def read(self, size: int) -> bytes:
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            raise OSError(-9981, "Input overflowed / device unavailable")
        if self.stall_after is not None and self.reads > self.stall_after:
            self.released.wait(30)  # a wedged device: read never returns in time
            return b""
        chunk = self.data[self.pos : self.pos + size * 2]
        self.pos += size * 2
        return chunk + b"\0" * (size * 2 - len(chunk))


class FakeMicrophone(sr.AudioSource):  # type: ignore[misc]
    """Looks like ``sr.Microphone``: a context manager with ``stream.read``."""

    CHUNK = 1024
    SAMPLE_RATE = RATE
    SAMPLE_WIDTH = 2

    def __init__(self, samples: np.ndarray, **stream_options: Any) -> None:
        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        self.stream_obj = FakeStream(pcm, **stream_options)
        self.stream: Any = None
        self.entered = 0

    def __enter__(self) -> FakeMicrophone:
        self.entered += 1
        self.stream = self.stream_obj
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stream_obj.released.set()
        self.stream = None


class BusyMicrophone(sr.AudioSource):  # type: ignore[misc]
    CHUNK = 1024
    SAMPLE_RATE = RATE
    SAMPLE_WIDTH = 2

    def __init__(self) -> None:
        self.stream = None

    def __enter__(self) -> BusyMicrophone:
        raise OSError(-9985, "Device unavailable")

    def __exit__(self, *_exc: object) -> None:
        return None


class FakeEngine:
    """Says how many seconds of audio it got, so tests can tell which audio it saw."""

    name = "fake"

    def __init__(self, delay: float = 0.0) -> None:
        self.calls: list[float] = []
        self.delay = delay

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        clip = as_clip(audio)
        if self.delay:
            threading.Event().wait(self.delay)
        self.calls.append(clip.seconds)
        return Transcript(f"heard {clip.seconds:.2f}", self.name, clip.seconds, self.delay)


class FakePlayback:
    def __init__(self, finish: threading.Event) -> None:
        self.finish = finish
        self.stopped = False
        self.error: str | None = None

    def wait(self, timeout: float | None) -> bool:
        return self.finish.wait(timeout)

    def stop(self) -> None:
        self.stopped = True
        self.finish.set()


class FakePlayer:
    """Plays until told to finish (or stopped); remembers what it played."""

    def __init__(self, *, problem: str | None = None, error: str | None = None) -> None:
        self._problem = problem
        self.error = error
        self.played: list[bytes] = []
        self.playbacks: list[FakePlayback] = []
        self.started = threading.Event()

    def play(self, path: Path) -> FakePlayback:
        self.played.append(path.read_bytes())
        playback = FakePlayback(threading.Event())
        playback.error = self.error
        if self.error:
            playback.finish.set()
        self.playbacks.append(playback)
        self.started.set()
        return playback

    def problem(self) -> str | None:
        return self._problem
