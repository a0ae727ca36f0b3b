"""The user's reply as audio: from a file, or from the microphone.

The microphone is SpeechRecognition's ``Microphone`` (PyAudio/PortAudio), but the
listening loop is ours rather than ``Recognizer.listen``: the trainer needs a
live level for a meter, push-to-talk, the pre-speech silence kept (it is the
user's thinking time), a watchdog on a device that stops delivering, and the
chance to start transcribing during the closing pause so that the transcript is
ready when the pause ends. Every reply is kept as a WAV under
``paths.recordings_dir()`` so the user can listen to themselves later.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import soundfile
import speech_recognition as sr

from trainer import paths
from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip, level_dbfs
from trainer.speech.deadline import call_with_timeout, start_daemon

if TYPE_CHECKING:
    from trainer.speech.stt import SttEngine, Transcript

__all__ = [
    "MAX_REPLY_SECONDS",
    "AudioClip",
    "ClipSource",
    "MicListener",
    "NoSpeechError",
    "Recording",
    "microphone_status",
    "read_audio_file",
]

MAX_REPLY_SECONDS = 600.0
"""A reply in a phone call is never ten minutes long; a longer file is a mistake."""

PYAUDIO_FIX = (
    "sudo apt-get install portaudio19-dev python3-dev && "
    f"{sys.executable} -m pip install 'PyAudio>=0.2.14'"
)


class NoSpeechError(TrainerError):
    """Nothing was said: the session offers to try again, type the reply or skip."""


def read_audio_file(path: Path) -> AudioClip:
    """A reply recorded elsewhere: WAV, FLAC or AIFF, any rate, mixed down to mono."""
    if not path.exists():
        raise TrainerError(f"{path}: no such file.")
    if path.is_dir():
        raise TrainerError(f"{path}: is a folder; give an audio file (WAV, FLAC or AIFF).")
    if path.stat().st_size == 0:
        raise TrainerError(f"{path}: the file is empty (0 bytes); record the reply again.")
    convert = f"convert it first, e.g. `ffmpeg -i '{path}' reply.wav`"
    try:
        info = soundfile.info(str(path))
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise TrainerError(
            f"{path}: not audio the trainer can read ({_first_line(exc)}). "
            f"Use WAV, FLAC or AIFF; {convert}."
        ) from None
    seconds = info.frames / info.samplerate if info.samplerate else 0.0
    if seconds > MAX_REPLY_SECONDS:
        raise TrainerError(
            f"{path}: is {_clock(seconds)} long; a reply can be at most "
            f"{_clock(MAX_REPLY_SECONDS)}. Trim it, e.g. `sox '{path}' reply.wav trim 0 60`."
        )
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise TrainerError(
            f"{path}: the audio is damaged ({_first_line(exc)}); record it again or {convert}."
        ) from None
    if len(data) == 0:
        raise TrainerError(f"{path}: contains no audio (0 samples); record the reply again.")
    mono = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    return AudioClip(np.ascontiguousarray(mono, dtype=np.float32), int(rate))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1].strip() if text else type(exc).__name__


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def new_recording_path() -> Path:
    """Where the next reply is kept: one timestamped WAV per reply."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return paths.ensure_dir(paths.recordings_dir()) / f"reply-{stamp}.wav"


def pyaudio_problem() -> str | None:
    """Why SpeechRecognition's ``Microphone`` cannot work here, with the fix, or None."""
    try:
        sr.Microphone.get_pyaudio()
    except AttributeError:
        return f"PyAudio (and PortAudio) are not installed. Fix: {PYAUDIO_FIX}"
    return None


def default_microphone() -> sr.AudioSource:
    """SpeechRecognition's ``Microphone`` on the default input, with clear errors."""
    problem = pyaudio_problem()
    if problem:
        raise TrainerError(f"no microphone: {problem}")
    try:
        return sr.Microphone()
    except OSError as exc:
        raise TrainerError(
            f"no microphone found ({exc}). Plug one in, check it is not muted, "
            "or answer by typing or with an audio file."
        ) from None


class ClipSource(sr.AudioSource):  # type: ignore[misc]
    """A recorded clip played into the listener as if from a microphone.

    With ``realtime`` the chunks arrive at the pace of speech, so the listener's
    timing (pause detection, early transcription) behaves as with a person; the
    benchmark uses it to measure the delay from the end of a reply to its transcript.
    """

    CHUNK = 1024

    def __init__(self, clip: AudioClip, *, realtime: bool = False, tail_seconds: float = 0.0):
        pcm = np.clip(clip.samples, -1.0, 1.0) * 32767.0
        tail = np.zeros(int(tail_seconds * clip.rate), dtype=np.float32)
        self._data = np.concatenate([pcm, tail]).astype("<i2").tobytes()
        self.SAMPLE_RATE = clip.rate
        self.SAMPLE_WIDTH = 2
        self.realtime = realtime
        self.stream: Any = None

    def __enter__(self) -> ClipSource:
        self.stream = _ClipStream(self._data, self.SAMPLE_RATE, self.realtime)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stream = None


class _ClipStream:
    def __init__(self, data: bytes, rate: int, realtime: bool) -> None:
        self._data = data
        self._pos = 0
        self._rate = rate
        self._realtime = realtime
        self._started = time.monotonic()

    def read(self, size: int) -> bytes:
        start = self._pos
        self._pos += size * 2
        if self._realtime:
            due = self._started + self._pos / 2 / self._rate
            time.sleep(max(0.0, due - time.monotonic()))
        chunk = self._data[start : self._pos]
        return chunk + b"\0" * (size * 2 - len(chunk))


def microphone_status(
    source_factory: Callable[[], sr.AudioSource] | None = None,
) -> tuple[bool, str]:
    """(works, one line): PyAudio present, a default input, and it opens and delivers."""
    if source_factory is None:
        problem = pyaudio_problem()
        if problem:
            return False, problem
    factory = source_factory or default_microphone

    def probe() -> str:
        source = factory()
        with source:
            stream: Any = getattr(source, "stream", None)
            if stream is None:
                raise TrainerError("the microphone opened but gave no stream")
            stream.read(source.CHUNK)
        return f"microphone works ({source.SAMPLE_RATE} Hz)"

    try:
        return True, call_with_timeout(probe, timeout=5.0, what="opening the microphone")
    except TrainerError as exc:
        return False, exc.message
    except OSError as exc:
        return False, _busy_message(exc)


def _busy_message(exc: OSError) -> str:
    return (
        f"the microphone could not be opened ({exc}); it may be in use by another "
        "program or unplugged. Close the other program, or answer by typing."
    )


@dataclass
class Recording:
    """One spoken reply, kept on disk."""

    audio: sr.AudioData
    path: Path
    seconds: float
    speech_started_at: float | None
    """Seconds from the start of listening to the first sound: the user's thinking time."""
    speech_ended_at: float | None
    truncated: bool = False
    """True when the reply hit the length limit and was cut."""
    transcript: Transcript | None = field(default=None, repr=False)
    """Transcribed during the closing pause, when the listener was given an engine."""

    def transcribe(self, engine: SttEngine, vocabulary: tuple[str, ...] = ()) -> Transcript:
        """The transcript made while the user paused, or a fresh one."""
        if self.transcript is not None and self.transcript.engine == engine.name:
            return self.transcript
        return engine.transcribe(self.audio, vocabulary=vocabulary)


_STOP = object()


class MicListener:
    """Records one reply at a time from the microphone (or any ``sr.AudioSource``)."""

    def __init__(
        self,
        *,
        pause_seconds: float = 2.0,
        source_factory: Callable[[], sr.AudioSource] | None = None,
        recognizer: sr.Recognizer | None = None,
        wait_seconds: float = 20.0,
        max_seconds: float = 120.0,
        stall_seconds: float = 3.0,
        early_after: float = 0.3,
    ) -> None:
        """
        ``pause_seconds`` of quiet end a reply (generous, so thinking is not cut off);
        ``wait_seconds`` without a sound is "no reply"; ``max_seconds`` caps a reply;
        ``stall_seconds`` without data from the device means it has stopped working;
        ``early_after`` of quiet starts transcribing what was said so far.
        """
        self.pause_seconds = pause_seconds
        self.wait_seconds = wait_seconds
        self.max_seconds = max_seconds
        self.stall_seconds = stall_seconds
        self.early_after = early_after
        self.recognizer = recognizer or sr.Recognizer()
        self._factory = source_factory or default_microphone

    def status(self) -> tuple[bool, str]:
        return microphone_status(self._factory if self._factory is not default_microphone else None)

    def calibrate(self, seconds: float = 1.0) -> float:
        """Listen to the room for ``seconds`` and set the speech threshold above its noise."""

        def run() -> float:
            with self._open() as source:
                self.recognizer.adjust_for_ambient_noise(source, duration=seconds)
            return float(self.recognizer.energy_threshold)

        return call_with_timeout(run, timeout=seconds + 5.0, what="calibrating the microphone")

    def _open(self) -> sr.AudioSource:
        source = call_with_timeout(self._factory, timeout=5.0, what="opening the microphone")
        return _Opened(source)

    def listen(
        self,
        *,
        stop: threading.Event | None = None,
        push_to_talk: bool = False,
        on_level: Callable[[float], None] | None = None,
        engine: SttEngine | None = None,
        vocabulary: tuple[str, ...] = (),
        save_to: Path | None = None,
    ) -> Recording:
        """Record one reply and keep it as a WAV.

        Hands-free, the reply ends after ``pause_seconds`` of quiet; with
        ``push_to_talk`` it ends when ``stop`` is set (setting ``stop`` ends a
        hands-free reply early too). ``on_level`` gets the level in dBFS of every
        chunk, for a meter. Given an ``engine``, transcription starts during the
        closing pause and the result rides on the recording.
        Raises :class:`NoSpeechError` when nothing was said, :class:`TrainerError`
        when the device fails; neither leaves a thread blocked.
        """
        stop = stop or threading.Event()
        with self._open() as source:
            rate, width, chunk = int(source.SAMPLE_RATE), int(source.SAMPLE_WIDTH), source.CHUNK
            chunks: queue.Queue[Any] = queue.Queue()
            done = threading.Event()
            stream: Any = source.stream
            reader = threading.Thread(
                target=_read_chunks, args=(stream, chunk, chunks, done), daemon=True
            )
            reader.start()
            try:
                capture = _Capture(self, rate, width, engine, vocabulary)
                capture.run(chunks, stop, push_to_talk, on_level)
            finally:
                done.set()
        if capture.started_at is None:
            raise NoSpeechError(
                f"no speech was heard in {capture.elapsed:.0f} s. Check the microphone level "
                "(`trainer doctor`), then try again, type the reply, or skip."
            )
        audio = sr.AudioData(b"".join(capture.frames), rate, width)
        path = save_to or new_recording_path()
        AudioClip.from_audio_data(audio).save(path)
        return Recording(
            audio=audio,
            path=path,
            seconds=capture.elapsed,
            speech_started_at=capture.started_at,
            speech_ended_at=capture.ended_at,
            truncated=capture.truncated,
            transcript=capture.early_result(),
        )


class _Opened:
    """Enters the source under a time limit: a stuck PortAudio must not hang the caller."""

    def __init__(self, source: sr.AudioSource) -> None:
        self._source = source

    def __enter__(self) -> Any:
        try:
            return call_with_timeout(
                self._source.__enter__, timeout=5.0, what="opening the microphone"
            )
        except OSError as exc:
            raise TrainerError(_busy_message(exc)) from None

    def __exit__(self, *exc: object) -> None:
        self._source.__exit__(None, None, None)


def _read_chunks(stream: Any, size: int, out: queue.Queue[Any], done: threading.Event) -> None:
    while not done.is_set():
        try:
            data = stream.read(size)
        except (OSError, ValueError, AttributeError) as exc:
            if not done.is_set():
                out.put(exc)
            return
        out.put(data)
    out.put(_STOP)


class _Capture:
    """The state of one listening: frames so far, when speech started and stopped."""

    def __init__(
        self,
        listener: MicListener,
        rate: int,
        width: int,
        engine: SttEngine | None,
        vocabulary: tuple[str, ...],
    ) -> None:
        self.listener = listener
        self.rate = rate
        self.width = width
        self.engine = engine
        self.vocabulary = vocabulary
        self.frames: list[bytes] = []
        self.samples = 0
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.truncated = False
        self._early: Future[Transcript] | None = None
        self._early_covers = -1.0

    @property
    def elapsed(self) -> float:
        return self.samples / self.rate

    def run(
        self,
        chunks: queue.Queue[Any],
        stop: threading.Event,
        push_to_talk: bool,
        on_level: Callable[[float], None] | None,
    ) -> None:
        listener = self.listener
        threshold = float(listener.recognizer.energy_threshold)
        while not stop.is_set():
            try:
                item = chunks.get(timeout=listener.stall_seconds)
            except queue.Empty:
                raise TrainerError(
                    f"the microphone sent no sound for {listener.stall_seconds:g} s; it may have "
                    "been unplugged or taken by another program. Try again, or type the reply."
                ) from None
            if isinstance(item, BaseException):
                raise TrainerError(_busy_message(OSError(str(item)))) from None
            if item is _STOP:
                break
            self.frames.append(item)
            self.samples += len(item) // self.width
            pcm = np.frombuffer(item, dtype=f"<i{self.width}").astype(np.float32)
            energy = float(np.sqrt(np.mean(np.square(pcm)))) if len(pcm) else 0.0
            if on_level is not None:
                on_level(level_dbfs(pcm / float(2 ** (8 * self.width - 1))))
            now = self.elapsed
            if energy > threshold:
                if self.started_at is None:
                    self.started_at = max(0.0, now - len(pcm) / self.rate)
                self.ended_at = now
            if now >= listener.max_seconds:
                self.truncated = True
                break
            if self.started_at is None:
                if not push_to_talk and now >= listener.wait_seconds:
                    break
                continue
            quiet = now - (self.ended_at or now)
            if self.engine is not None and quiet >= listener.early_after:
                self._start_early()
            if not push_to_talk and quiet >= listener.pause_seconds:
                break

    def _start_early(self) -> None:
        if self._early_covers == self.ended_at or self.engine is None:
            return
        self._early_covers = self.ended_at if self.ended_at is not None else -1.0
        audio = sr.AudioData(b"".join(self.frames), self.rate, self.width)
        engine, vocabulary = self.engine, self.vocabulary
        self._early = start_daemon(
            lambda: engine.transcribe(audio, vocabulary=vocabulary), name="early transcript"
        )

    def early_result(self) -> Transcript | None:
        """The early transcript if nothing was said after it started, else None."""
        if self._early is None or self._early_covers != self.ended_at:
            return None
        try:
            return self._early.result(timeout=120.0)
        except TrainerError:
            return None
