"""The recruiter's voice: pyttsx3 driving espeak-ng, played without blocking the caller.

pyttsx3's own ``say()`` plays through ``os.system("aplay ...")``: it blocks, it
cannot be interrupted, and it fails silently without a sound card. So pyttsx3
is used for what it does well - synthesis to a WAV (``save_to_file`` run to
completion) - and the WAV is played by an ``aplay`` child process that can be
stopped the moment the user starts talking or presses a key.

Known traps handled here: pyttsx3 needs the ``libespeak-ng1`` library; an
unknown voice id is silently ignored by espeak (so every voice is resolved
against the installed list and checked again after synthesis); the espeak
driver prints "Audio saved to ..." on stdout, which would corrupt ``--json``
output and the TUI, so that print is silenced.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip, phone_line
from trainer.speech.capture import APLAY_FIX, stop_child
from trainer.speech.deadline import call_with_timeout, start_daemon

RATE_RANGE = (80, 450)
SYNTH_TIMEOUT = 30.0
"""Synthesis of one line takes milliseconds; anything near this means espeak is stuck."""

ESPEAK_FIX = "sudo apt-get install espeak-ng libespeak-ng1"

_ESPEAK_LOCK = threading.Lock()
"""espeak-ng keeps one global synthesiser per process; calls must not overlap."""


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    """What a scenario writes, e.g. ``en-us`` (add ``+f3`` or ``+Annie`` for a variant)."""
    name: str
    identifier: str
    """espeak-ng's own id, e.g. ``gmw/en-us``."""
    gender: str | None = None


class Synthesizer(Protocol):
    """Turns text into a WAV file; the real one is pyttsx3 with espeak-ng."""

    def voices(self) -> list[VoiceInfo]: ...

    def synthesize(self, text: str, path: Path, *, voice: str, rate: int) -> None: ...


class Playback(Protocol):
    @property
    def error(self) -> str | None: ...

    def wait(self, timeout: float | None) -> bool:
        """True once playback has ended (finished, failed or stopped)."""
        ...

    def stop(self) -> None: ...


class Player(Protocol):
    """Plays a WAV on the audio output; the real one is ``aplay``."""

    def play(self, path: Path) -> Playback: ...

    def problem(self) -> str | None:
        """Why nothing can be played here (one line), or None when output works."""
        ...


def _quiet(*_args: object, **_kwargs: object) -> None:
    """Stands in for ``print`` inside pyttsx3's espeak driver."""


_ENGINE: list[Any] = []
"""The one pyttsx3 engine of the process: espeak's synthesis callback is global, so a
second driver would steal the first one's audio."""


def _pyttsx3_engine() -> Any:
    if not _ENGINE:
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as espeak_driver

            espeak_driver.print = _quiet
            _ENGINE.append(pyttsx3.init("espeak"))
        except (ImportError, OSError, RuntimeError) as exc:
            raise TrainerError(
                f"text-to-speech is unavailable ({exc}). Install espeak-ng: {ESPEAK_FIX}"
            ) from None
    return _ENGINE[0]


def _wait_for_espeak(engine: Any) -> None:
    """Block until espeak has really finished the line and the WAV is written.

    pyttsx3 initialises espeak in its asynchronous "retrieval" mode, so
    ``runAndWait`` can return while synthesis is still running: the file is then
    incomplete, and settings for the next line (voice, rate) land in the middle of
    this one. ``espeak_Synchronize`` waits for the synthesis; the driver's own
    flag says when its callback has written the file.
    """
    from pyttsx3.drivers import _espeak

    _espeak.Synchronize()
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    deadline = time.monotonic() + SYNTH_TIMEOUT
    while getattr(driver, "_speaking", False) and time.monotonic() < deadline:
        time.sleep(0.005)


class Pyttsx3Synthesizer:
    """pyttsx3's espeak driver, used under a process-wide lock."""

    def __init__(self) -> None:
        self._voices: list[VoiceInfo] | None = None

    def _get_engine(self) -> Any:
        return _pyttsx3_engine()

    def voices(self) -> list[VoiceInfo]:
        if self._voices is None:
            with _ESPEAK_LOCK:
                raw = self._get_engine().getProperty("voices")
            found: list[VoiceInfo] = []
            for voice in raw:
                languages = [str(lang) for lang in (voice.languages or []) if lang]
                voice_id = languages[0] if languages else str(voice.id).rsplit("/", 1)[-1]
                found.append(VoiceInfo(voice_id, str(voice.name), str(voice.id), voice.gender))
            self._voices = found
        return self._voices

    def synthesize(self, text: str, path: Path, *, voice: str, rate: int) -> None:
        """Write ``text`` spoken as ``voice`` (an espeak identifier) to ``path``."""
        with _ESPEAK_LOCK:
            engine = self._get_engine()
            # Properties go straight to the driver: through pyttsx3's command queue
            # they are deferred until the loop runs, and reading the voice back
            # between queued commands makes espeak drop the next rate change.
            driver = engine.proxy._driver
            _wait_for_espeak(engine)
            driver.setProperty("voice", voice)
            current = str(driver.getProperty("voice") or "")
            if current.lower() != voice.lower():
                raise TrainerError(
                    f"espeak-ng did not accept the voice '{voice}' (it used '{current}'). "
                    "Check the variant after '+' (case matters, e.g. +f3, +Annie); "
                    "`trainer voices` lists the voices."
                )
            driver.setProperty("rate", rate)
            _wait_for_espeak(engine)  # the rate is a queued command in espeak's async mode
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            _wait_for_espeak(engine)
        if not path.is_file() or path.stat().st_size <= 44:
            raise TrainerError(f"espeak-ng produced no audio for: {text[:60]!r}")


class _AplayPlayback:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._stopped = False
        self.error: str | None = None

    def wait(self, timeout: float | None) -> bool:
        try:
            code = self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        if code != 0 and not self._stopped and self.error is None:
            pipe = self._process.stderr
            stderr = pipe.read().decode(errors="replace") if pipe else ""
            lines = [line for line in stderr.splitlines() if line.startswith("aplay")]
            self.error = lines[-1] if lines else f"aplay exited with status {code}"
        return True

    def stop(self) -> None:
        self._stopped = True
        stop_child(self._process)


class AplayPlayer:
    """``aplay`` (Debian's alsa-utils) as a child process, so playback can be stopped."""

    def __init__(self, device: str | None = None) -> None:
        self.device = device

    def _command(self, path: Path) -> list[str]:
        device = ["-D", self.device] if self.device else []
        return ["aplay", "-q", *device, str(path)]

    def play(self, path: Path) -> _AplayPlayback:
        if shutil.which("aplay") is None:
            raise TrainerError(f"cannot play audio: aplay is not installed. Fix: {APLAY_FIX}")
        process = subprocess.Popen(
            self._command(path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        return _AplayPlayback(process)

    def problem(self) -> str | None:
        """Plays 50 ms of silence: the only sure test that the default output opens."""
        if shutil.which("aplay") is None:
            return f"aplay is not installed ({APLAY_FIX})"
        with tempfile.TemporaryDirectory(prefix="trainer-") as tmp:
            probe = AudioClip(np.zeros(400, dtype=np.float32), 8000).save(Path(tmp) / "probe.wav")
            playback = self.play(probe)
            if not playback.wait(timeout=5.0):
                playback.stop()
                return "the audio output did not respond within 5 s (busy or stuck)"
            if playback.error:
                return f"no audio output device ({playback.error})"
        return None


class SpeechJob:
    """One line being spoken in the background."""

    def __init__(self, text: str, on_done: Callable[[SpeechJob], None] | None = None) -> None:
        self.text = text
        self.error: str | None = None
        self._on_done = on_done
        self._finished = threading.Event()
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._playback: Playback | None = None

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True when the line has finished (or was cancelled, or failed) within ``timeout``."""
        return self._finished.wait(timeout)

    def cancel(self) -> None:
        """Stop speaking now, e.g. because the user started talking."""
        self._cancelled.set()
        with self._lock:
            playback = self._playback
        if playback is not None:
            playback.stop()

    def _attach(self, playback: Playback) -> bool:
        with self._lock:
            self._playback = playback
        if self.cancelled:
            playback.stop()
            return False
        return True

    def _finish(self, error: str | None = None) -> None:
        self.error = error
        self._finished.set()
        if self._on_done is not None:
            self._on_done(self)


class Speaker:
    """Speaks recruiter lines; every method returns promptly or has a time limit."""

    def __init__(
        self, synthesizer: Synthesizer | None = None, player: Player | None = None
    ) -> None:
        self._synth = synthesizer or Pyttsx3Synthesizer()
        self._player = player or AplayPlayer()
        self._current: SpeechJob | None = None

    def voices(self) -> list[VoiceInfo]:
        return call_with_timeout(self._synth.voices, timeout=SYNTH_TIMEOUT, what="listing voices")

    def resolve_voice(self, voice: str) -> str:
        """espeak's identifier for ``voice`` (``en-us``, ``gmw/en-us``, a name, ``+variant``).

        espeak ignores unknown voices without a word, so an unknown one is an error here.
        """
        base, plus, variant = voice.strip().partition("+")
        wanted = base.strip().lower()
        voices = self.voices()
        suffix = plus + variant.strip() if variant.strip() else ""
        for field in range(4):
            for info in voices:
                keys = (info.identifier, info.id, info.name, info.identifier.rsplit("/", 1)[-1])
                if keys[field].lower() == wanted:
                    return info.identifier + suffix
        english = sorted({v.id for v in voices if v.id.startswith("en")})
        raise TrainerError(
            f"unknown voice '{voice}'. English voices here: {', '.join(english) or 'none'}; "
            "`trainer voices` lists them all."
        )

    def save(
        self, text: str, path: Path, *, voice: str, rate: int, phone_line: bool = False
    ) -> Path:
        """Write ``text`` spoken to a WAV at ``path``; returns once the file is complete."""
        identifier = self._check(text, voice, rate)
        path.parent.mkdir(parents=True, exist_ok=True)
        call_with_timeout(
            lambda: self._render(text, path, identifier, rate, phone_line),
            timeout=SYNTH_TIMEOUT,
            what="speech synthesis",
        )
        return path

    def speak(
        self,
        text: str,
        *,
        voice: str,
        rate: int,
        phone_line: bool = False,
        on_done: Callable[[SpeechJob], None] | None = None,
    ) -> SpeechJob:
        """Start speaking ``text`` and return at once; a line still playing is cut off.

        Bad arguments raise here; failures while playing (no device...) end up in
        ``job.error`` and ``on_done`` (called on a background thread) still runs.
        """
        identifier = self._check(text, voice, rate)
        self.stop()
        job = SpeechJob(text, on_done)
        self._current = job
        start_daemon(lambda: self._run(job, identifier, rate, phone_line), name="speaker")
        return job

    def output_problem(self) -> str | None:
        """Why nothing can be heard here (one line), or None when the output works."""
        try:
            return call_with_timeout(
                self._player.problem, timeout=10.0, what="the audio output check"
            )
        except OSError as exc:
            return str(exc)

    def stop(self) -> None:
        """Cut off whatever is being said."""
        if self._current is not None:
            self._current.cancel()
            self._current = None

    def _check(self, text: str, voice: str, rate: int) -> str:
        if not text.strip():
            raise TrainerError("there is nothing to say: the text is empty.")
        low, high = RATE_RANGE
        if not low <= rate <= high:
            raise TrainerError(f"speaking rate {rate} is out of range: use {low}-{high} wpm.")
        return self.resolve_voice(voice)

    def _render(self, text: str, path: Path, identifier: str, rate: int, phone: bool) -> None:
        self._synth.synthesize(text, path, voice=identifier, rate=rate)
        if phone:
            from trainer.speech.audio_input import read_audio_file

            phone_line(read_audio_file(path)).save(path)

    def _run(self, job: SpeechJob, identifier: str, rate: int, phone: bool) -> None:
        error: str | None = None
        with tempfile.TemporaryDirectory(prefix="trainer-say-") as tmp:
            wav = Path(tmp) / "line.wav"
            try:
                self._render(job.text, wav, identifier, rate, phone)
                if not job.cancelled:
                    playback = self._player.play(wav)
                    if job._attach(playback):
                        while not playback.wait(timeout=0.1):
                            if job.cancelled:
                                playback.stop()
                        error = None if job.cancelled else playback.error
            except TrainerError as exc:
                error = exc.message
            except OSError as exc:
                error = f"cannot play audio: {exc}"
            except Exception as exc:  # noqa: BLE001 - a background thread must always finish its job
                error = f"speaking failed: {type(exc).__name__}: {exc}"
            finally:
                job._finish(error)


def open_speaker(
    *, synthesizer: Synthesizer | None = None, player: Player | None = None
) -> tuple[Speaker | None, str | None]:
    """A working speaker, or None and one line saying why the recruiter will be silent.

    Never raises: without text-to-speech or an audio output the call goes on with
    the recruiter's lines on screen.
    """
    speaker = Speaker(synthesizer, player)
    try:
        if not speaker.voices():
            return None, "No text-to-speech voices are installed; " + _ON_SCREEN
        problem = speaker.output_problem()
    except TrainerError as exc:
        return None, f"No text-to-speech ({exc.message}); " + _ON_SCREEN
    if problem:
        return None, f"No audio output: {problem}; " + _ON_SCREEN
    return speaker, None


_ON_SCREEN = "the recruiter's lines are shown on screen only."
