"""Stand-ins for devices this machine does not have: microphones, speakers, engines."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import speech_recognition as sr

from trainer.errors import TrainerError
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


class FakeMicrophone:
    """A :class:`~trainer.speech.capture.PcmSource` with scripted samples and faults.

    ``fail_after`` reads, the device fails; ``stall_after`` reads, it stops
    delivering (every read then waits its whole timeout and returns nothing).
    Past the end of ``samples`` it delivers silence, like a quiet room.
    """

    CHUNK = 1024

    def __init__(
        self, samples: np.ndarray, *, fail_after: int | None = None,
        stall_after: int | None = None,
    ) -> None:
        self.rate = RATE
        self.data = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        self.pos = 0
        self.reads = 0
        self.fail_after = fail_after
        self.stall_after = stall_after
        self.entered = 0
        self.closed = 0

    def open(self) -> FakeMicrophone:
        """The factory the listener calls for every reply."""
        self.entered += 1
        return self

    def read(self, timeout: float) -> bytes | None:
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            raise TrainerError("the microphone stopped (arecord: read error: Input/output error)")
        if self.stall_after is not None and self.reads > self.stall_after:
            threading.Event().wait(timeout)
            return None
        chunk = self.data[self.pos : self.pos + self.CHUNK * 2]
        self.pos += self.CHUNK * 2
        return chunk + b"\0" * (self.CHUNK * 2 - len(chunk))

    def close(self) -> None:
        self.closed += 1


def busy_microphone() -> FakeMicrophone:
    """A factory for a device another program holds: it cannot be opened at all."""
    raise TrainerError("The microphone is in use by another program. Close it, or type.")


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
