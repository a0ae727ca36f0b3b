"""The user's reply as audio: from a file, or from the microphone.

The microphone is a :class:`~trainer.speech.capture.PcmSource` (by default
``arecord`` in a child process, so nothing in C can crash the call or write on
the screen). The listening loop is the trainer's own: it needs a live level for
a meter, push-to-talk, the pre-speech silence kept (it is the user's thinking
time), a watchdog on a device that stops delivering, and the chance to start
transcribing during the closing pause so that the transcript is ready when the
pause ends. Every reply is kept as a WAV under ``paths.recordings_dir()`` so the
user can listen to themselves later.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import soundfile
import speech_recognition as sr

from trainer import paths
from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip, level_dbfs
from trainer.speech.capture import WIDTH, ArecordSource, ClipSource, PcmSource, capture_problem
from trainer.speech.deadline import start_daemon
from trainer.speech.live import LiveWords, PartialEngine

if TYPE_CHECKING:
    from trainer.speech.engine_base import SttEngine, Transcript

__all__ = [
    "MAX_REPLY_SECONDS",
    "AudioClip",
    "ClipSource",
    "MicListener",
    "NoSpeechError",
    "PcmSource",
    "Recording",
    "SilentMicrophoneError",
    "microphone_status",
    "read_audio_file",
]

MAX_REPLY_SECONDS = 600.0
"""A reply in a phone call is never ten minutes long; a longer file is a mistake."""

ENERGY_THRESHOLD = 300.0
"""RMS of 16-bit samples above which a block counts as speech (SpeechRecognition's default)."""
POLL_SECONDS = 0.05
"""The longest the listener waits for the device before looking at ``stop`` again."""


class NoSpeechError(TrainerError):
    """Nothing was said: the session offers to try again, type the reply or skip."""


STRETCH_MARGIN = 0.3
"""Seconds played either side of a word: the word alone is too short to judge by ear."""


def save_stretch(source: Path, start: float | None, end: float | None, target: Path,
                 margin: float = STRETCH_MARGIN) -> Path:
    """The part of a recording from ``start`` to ``end`` (seconds, widened by ``margin``),
    as a WAV at ``target``: what the user hears to judge a word that may be misheard.

    Without times the whole recording is kept. TrainerError for an unreadable file.
    """
    clip = read_audio_file(source)
    if start is None or end is None:
        return clip.save(target)
    first = max(0, int((start - margin) * clip.rate))
    last = min(len(clip.samples), int((end + margin) * clip.rate))
    if last <= first:
        raise TrainerError(f"{source}: the recording is shorter than the word's place "
                           f"({start:.1f} s); it may have been replaced.")
    return AudioClip(clip.samples[first:last], clip.rate).save(target)


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


def default_microphone() -> PcmSource:
    """The default input device, recorded by a child process (see :mod:`trainer.speech.capture`)."""
    return ArecordSource()


class SilentMicrophoneError(TrainerError):
    """The microphone opened but delivered nothing: worth trying again for the next reply."""


def probe_microphone(
    source_factory: Callable[[], PcmSource] | None = None, *, seconds: float = 5.0
) -> str:
    """One line saying the microphone opens and delivers sound.

    Raises :class:`SilentMicrophoneError` when it opens but sends nothing within
    ``seconds``, :class:`TrainerError` when it cannot be opened.
    """
    if source_factory is None:
        problem = capture_problem()
        if problem:
            raise TrainerError(problem)
    source = (source_factory or default_microphone)()
    try:
        if source.read(seconds) is None:
            raise SilentMicrophoneError(
                f"the microphone opened but sent no sound for {seconds:g} s; it may be "
                "muted, unplugged or taken by another program"
            )
    finally:
        source.close()
    return f"microphone works ({source.rate} Hz)"


def microphone_status(
    source_factory: Callable[[], PcmSource] | None = None, *, seconds: float = 5.0
) -> tuple[bool, str]:
    """(works, one line) from :func:`probe_microphone`."""
    try:
        return True, probe_microphone(source_factory, seconds=seconds)
    except TrainerError as exc:
        return False, exc.message


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


class MicListener:
    """Records one reply at a time from the microphone (or any :class:`PcmSource`).

    Each reply opens a fresh source and closes it before returning, so a device
    that failed on one reply is simply tried again on the next.
    """

    def __init__(
        self,
        *,
        pause_seconds: float = 2.0,
        source_factory: Callable[[], PcmSource] | None = None,
        energy_threshold: float = ENERGY_THRESHOLD,
        wait_seconds: float = 20.0,
        max_seconds: float = 120.0,
        stall_seconds: float = 3.0,
        first_sound_seconds: float = 8.0,
        early_after: float = 0.3,
    ) -> None:
        """
        ``pause_seconds`` of quiet end a reply (generous, so thinking is not cut off);
        ``wait_seconds`` without speech is "no reply"; ``max_seconds`` caps a reply;
        ``stall_seconds`` without data from a device that had been delivering means
        it stopped (``first_sound_seconds`` for the first data, as a busy sound
        server can be slow to start); ``early_after`` of quiet starts transcribing
        what was said so far.
        """
        self.pause_seconds = pause_seconds
        self.wait_seconds = wait_seconds
        self.max_seconds = max_seconds
        self.stall_seconds = stall_seconds
        self.first_sound_seconds = first_sound_seconds
        self.early_after = early_after
        self.energy_threshold = energy_threshold
        self._factory = source_factory or default_microphone

    def status(self) -> tuple[bool, str]:
        return microphone_status(self._factory)

    def open_source(self) -> PcmSource:
        """The microphone, opened; the caller closes it."""
        return self._factory()

    def calibrate(self, seconds: float = 1.0) -> float:
        """Listen to the room for ``seconds`` and set the speech threshold above its noise."""
        source = self._factory()
        try:
            frames = _read_for(source, seconds, self.first_sound_seconds)
        finally:
            source.close()
        pcm = np.frombuffer(frames, dtype="<i2").astype(np.float32)
        noise = float(np.sqrt(np.mean(np.square(pcm)))) if len(pcm) else 0.0
        self.energy_threshold = max(ENERGY_THRESHOLD, noise * 1.5)
        return self.energy_threshold

    def listen(
        self,
        *,
        stop: threading.Event | None = None,
        push_to_talk: bool = False,
        on_level: Callable[[float], None] | None = None,
        engine: SttEngine | None = None,
        vocabulary: tuple[str, ...] = (),
        save_to: Path | None = None,
        on_live: Callable[[], object] | None = None,
        source: PcmSource | None = None,
        on_words: Callable[[str], object] | None = None,
    ) -> Recording:
        """Record one reply and keep it as a WAV.

        Hands-free, the reply ends after ``pause_seconds`` of quiet; with
        ``push_to_talk`` it ends when ``stop`` is set (setting ``stop`` ends a
        hands-free reply early too). ``on_level`` gets the level in dBFS of every
        block, for a meter; ``on_live`` is called once, when the first sound data
        arrives (the moment the user can start talking). Given an ``engine``,
        transcription starts during the closing pause and the result rides on the
        recording. ``source`` is a microphone already open (one that heard the
        user start talking over the recruiter); it is closed here like any other.
        ``on_words`` gets the words heard so far while the user speaks, when the
        ``engine`` can make partial transcripts (:mod:`trainer.speech.live`); they
        are for the screen only, and none arrives after this returns.
        Raises :class:`NoSpeechError` when nothing was said, :class:`TrainerError`
        when the device fails; every wait is bounded and the device is closed
        before this returns.
        """
        stop = stop or threading.Event()
        source = source or self._factory()
        capture = _Capture(self, source.rate, engine, vocabulary, on_words)
        try:
            capture.run(source, stop, push_to_talk, on_level, on_live)
        finally:
            source.close()
            capture.close_live()
        if capture.started_at is None:
            raise NoSpeechError(
                f"no speech was heard in {capture.elapsed:.0f} s. Check the microphone level "
                "(`trainer doctor`), then try again, type the reply, or skip."
            )
        audio = sr.AudioData(b"".join(capture.frames), source.rate, WIDTH)
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


class Prerolled:
    """An open microphone that first replays what it already heard (the start of a reply)."""

    def __init__(self, source: PcmSource, heard: bytes) -> None:
        self.rate = source.rate
        self._source = source
        self._heard = heard

    def read(self, timeout: float) -> bytes | None:
        if self._heard:
            heard, self._heard = self._heard, b""
            return heard
        return self._source.read(timeout)

    def close(self) -> None:
        self._source.close()


class BargeIn:
    """Listens while the recruiter speaks, to notice the user talking over them.

    Without echo cancellation the microphone also hears the recruiter through
    the speakers, so the bar is relative: speech must be clearly louder than
    what the microphone has been hearing during the line (at least
    ``factor`` times its typical level, and above the speech threshold) for
    ``hold_seconds`` in a row. What was heard from a little before that moment
    is kept, so the reply's first words are not lost.
    """

    def __init__(
        self,
        listener: MicListener,
        *,
        factor: float = 3.0,
        hold_seconds: float = 0.25,
        keep_seconds: float = 0.6,
    ) -> None:
        self._listener = listener
        self._factor = factor
        self._hold = hold_seconds
        self._keep = keep_seconds
        self._source: PcmSource | None = None
        self._frames: list[bytes] = []
        self._energies: list[float] = []
        self._loud_for = 0.0
        self._pending = b""

    def open(self) -> None:
        self._source = self._listener.open_source()

    def heard_speech(self, timeout: float) -> bool:
        """Read what arrived within ``timeout``; True once the user is talking."""
        if self._source is None:
            return False
        data = self._source.read(timeout)
        if data is None:
            return False
        self._pending += data
        step = BLOCK * WIDTH
        while len(self._pending) >= step:
            block, self._pending = self._pending[:step], self._pending[step:]
            if self._take(block, self._source.rate):
                return True
        return False

    def _take(self, block: bytes, rate: int) -> bool:
        pcm = np.frombuffer(block, dtype="<i2").astype(np.float32)
        energy = float(np.sqrt(np.mean(np.square(pcm)))) if len(pcm) else 0.0
        self._frames.append(block)
        keep = max(1, int(self._keep * rate / BLOCK))
        del self._frames[:-keep]
        typical = float(np.median(self._energies)) if self._energies else 0.0
        self._energies.append(energy)
        bar = max(self._listener.energy_threshold, typical * self._factor)
        self._loud_for = self._loud_for + BLOCK / rate if energy > bar else 0.0
        return self._loud_for >= self._hold

    def take_over(self) -> PcmSource:
        """The open microphone, starting with what was heard; the caller closes it."""
        assert self._source is not None
        source: PcmSource = Prerolled(self._source, b"".join(self._frames) + self._pending)
        self._source = None
        return source

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None


def _read_for(source: PcmSource, seconds: float, patience: float) -> bytes:
    """About ``seconds`` of audio from ``source`` (less if it stops delivering)."""
    wanted = int(seconds * source.rate) * WIDTH
    got = bytearray()
    while len(got) < wanted:
        data = source.read(patience)
        if data is None:
            break
        got += data
    return bytes(got[:wanted])


BLOCK = 512
"""Samples per analysis block (32 ms at 16 kHz): the grain of the meter and of pause detection."""


class _Capture:
    """The state of one listening: frames so far, when speech started and stopped."""

    def __init__(
        self,
        listener: MicListener,
        rate: int,
        engine: SttEngine | None,
        vocabulary: tuple[str, ...],
        on_words: Callable[[str], object] | None = None,
    ) -> None:
        self.listener = listener
        self.rate = rate
        self.engine = engine
        self.vocabulary = vocabulary
        self.frames: list[bytes] = []
        self.samples = 0
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.truncated = False
        self._early: Future[Transcript] | None = None
        self._early_covers = -1.0
        self._pending = b""
        self.live: LiveWords | None = None
        if on_words is not None and isinstance(engine, PartialEngine):
            self.live = LiveWords(engine, on_words, rate=rate, vocabulary=vocabulary)

    @property
    def elapsed(self) -> float:
        return self.samples / self.rate

    def run(
        self,
        source: PcmSource,
        stop: threading.Event,
        push_to_talk: bool,
        on_level: Callable[[float], None] | None,
        on_live: Callable[[], object] | None = None,
    ) -> None:
        listener = self.listener
        silent_since = time.monotonic()
        delivered = False
        while not stop.is_set():
            data = source.read(POLL_SECONDS)
            if data is None:
                patience = listener.stall_seconds if delivered else listener.first_sound_seconds
                if time.monotonic() - silent_since >= patience:
                    raise TrainerError(
                        f"the microphone sent no sound for {patience:g} s; it may be muted, "
                        "unplugged or taken by another program. It will be tried again for "
                        "the next reply; type this one, or try again."
                    )
                continue
            if not delivered and on_live is not None:
                on_live()
            delivered = True
            silent_since = time.monotonic()
            self._pending += data
            usable = len(self._pending) - len(self._pending) % (BLOCK * WIDTH)
            blocks, self._pending = self._pending[:usable], self._pending[usable:]
            step = BLOCK * WIDTH
            for start in range(0, len(blocks), step):
                block = blocks[start : start + step]
                if stop.is_set() or self._take(block, push_to_talk, on_level):
                    return

    def _take(
        self, block: bytes, push_to_talk: bool, on_level: Callable[[float], None] | None
    ) -> bool:
        """Add one block; True once the reply is over."""
        listener = self.listener
        self.frames.append(block)
        self.samples += len(block) // WIDTH
        pcm = np.frombuffer(block, dtype="<i2").astype(np.float32)
        energy = float(np.sqrt(np.mean(np.square(pcm)))) if len(pcm) else 0.0
        if on_level is not None:
            on_level(level_dbfs(pcm / 32768.0))
        now = self.elapsed
        if energy > listener.energy_threshold:
            if self.started_at is None:
                self.started_at = max(0.0, now - len(pcm) / self.rate)
            self.ended_at = now
        if now >= listener.max_seconds:
            self.truncated = True
            return True
        if self.started_at is None:
            return not push_to_talk and now >= listener.wait_seconds
        quiet = now - (self.ended_at or now)
        if self.engine is not None and quiet >= listener.early_after:
            self._start_early()
        if self.live is not None:
            self.live.offer(self.frames, elapsed=now, started_at=self.started_at,
                            ended_at=self.ended_at, held=self._early_running())
        return not push_to_talk and quiet >= listener.pause_seconds

    def _early_running(self) -> bool:
        return self._early is not None and not self._early.done()

    def close_live(self) -> None:
        """No more live words: the final transcript is next, and it gets the CPU."""
        if self.live is not None:
            self.live.close()

    def _start_early(self) -> None:
        if self._early_covers == self.ended_at or self.engine is None:
            return
        self._early_covers = self.ended_at if self.ended_at is not None else -1.0
        audio = sr.AudioData(b"".join(self.frames), self.rate, WIDTH)
        engine, vocabulary, live = self.engine, self.vocabulary, self.live

        def transcribe() -> Transcript:
            if live is not None:
                # Never both at once; no new partial starts meanwhile (``held``). The
                # audio is taken now all the same, so the transcript is the same whether a
                # partial was running or not.
                live.wait_idle()
            return engine.transcribe(audio, vocabulary=vocabulary)

        self._early = start_daemon(transcribe, name="early transcript")
        if live is not None:
            self._early.add_done_callback(self._show_early)

    def _show_early(self, early: Future[Transcript]) -> None:
        """The early transcript as the live words: all of the reply, heard with care."""
        if self.live is not None and early.exception() is None and early.result().text:
            self.live.show(early.result().text)

    def early_result(self) -> Transcript | None:
        """The early transcript if nothing was said after it started, else None."""
        if self._early is None or self._early_covers != self.ended_at:
            return None
        try:
            return self._early.result(timeout=120.0)
        except TrainerError:
            return None
