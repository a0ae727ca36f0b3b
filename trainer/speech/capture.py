"""Microphone samples from a child process that the trainer can always stop.

Why a child process and not PortAudio in the trainer's own process: a sound
server that dies, a microphone that is unplugged, or a busy machine made the
in-process path (PyAudio over PortAudio over ALSA's pulse plugin) crash in C -
a stream was closed on one thread while another thread was still inside its
``read`` - and its device probe painted ALSA and JACK messages over the screen.
Here capture is ``arecord`` (alsa-utils, already needed for playback) writing
raw 16-bit mono PCM into a pipe:

- the trainer only ever reads a pipe, with ``select`` bounding every wait, so
  no native call is left running on a thread that shares state with the caller;
- a crash in the audio libraries ends the child, never the call, and the next
  reply simply starts a new child;
- everything the C libraries print goes to the child's stderr, a pipe the
  trainer reads and turns into one sentence, never onto the terminal.

:class:`ClipSource` plays a recorded clip through the same interface, for tests
and benchmarks that need the listener's timing without a sound server.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from typing import Protocol

import numpy as np

from trainer.errors import TrainerError
from trainer.speech.audio import AudioClip

RATE = 16000
"""What every recogniser here wants; the sound server resamples the microphone to it."""
WIDTH = 2
"""Bytes per sample: signed 16-bit little-endian."""

APLAY_FIX = "sudo apt-get install alsa-utils"
"""alsa-utils brings ``aplay`` (the recruiter's voice) and ``arecord`` (the microphone)."""

QUIET_ENV = {"JACK_NO_START_SERVER": "1", "JACK_NO_AUDIO_RESERVATION": "1"}
"""Keeps any JACK client in the audio libraries from starting or probing a JACK server."""

_MAX_ERROR_CHARS = 4000


class PcmSource(Protocol):
    """An open microphone: 16-bit mono PCM at :attr:`rate`, read in whatever chunks arrive."""

    rate: int

    def read(self, timeout: float) -> bytes | None:
        """Samples that arrived within ``timeout`` s; ``None`` if none did.

        Raises :class:`TrainerError` once the device has failed or gone away.
        """
        ...

    def close(self) -> None:
        """Stop capturing; safe to call twice and after a failure."""
        ...


def quiet_environment() -> dict[str, str]:
    """The environment for a child that touches the audio libraries."""
    return {**os.environ, **QUIET_ENV}


def capture_problem() -> str | None:
    """Why no microphone can be opened at all here (the recorder is missing), or None."""
    if shutil.which("arecord") is None:
        return f"the recorder `arecord` is not installed. Fix: {APLAY_FIX}"
    return None


class ArecordSource:
    """The default microphone through ``arecord`` in a child process.

    ``device`` is an ALSA device name (``arecord -L`` lists them); the default
    device goes through PulseAudio or PipeWire where one runs.
    """

    def __init__(self, device: str | None = None, *, rate: int = RATE) -> None:
        problem = capture_problem()
        if problem:
            raise TrainerError(f"no microphone: {problem}")
        self.rate = rate
        self.device = device
        command = ["arecord", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate)]
        if device:
            command += ["-D", device]
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=quiet_environment(),
                start_new_session=True,  # Ctrl+C goes to the trainer, which stops the child
            )
        except OSError as exc:
            raise TrainerError(f"the microphone could not be started ({exc}).") from None
        assert self._process.stdout is not None and self._process.stderr is not None
        self._out = self._process.stdout.fileno()
        self._err = self._process.stderr.fileno()
        os.set_blocking(self._out, False)
        os.set_blocking(self._err, False)
        self._errors = bytearray()
        self._closed = False

    @property
    def pid(self) -> int:
        return self._process.pid

    def read(self, timeout: float) -> bytes | None:
        if self._closed:
            raise TrainerError("the microphone is closed.")
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            wait = max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._out, self._err], [], [], wait)
            if self._err in ready:
                self._drain_errors()
            if self._out in ready:
                try:
                    data = os.read(self._out, 65536)
                except BlockingIOError:
                    data = None
                if data:
                    return data
                if data == b"":  # end of file: the recorder has stopped
                    raise TrainerError(self._failure())
            if time.monotonic() >= deadline:
                return None

    def _drain_errors(self) -> None:
        try:
            chunk = os.read(self._err, 65536)
        except BlockingIOError:
            return
        if chunk and len(self._errors) < _MAX_ERROR_CHARS:
            self._errors += chunk

    def _failure(self) -> str:
        try:
            code = self._process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            code = None
        self._drain_errors()
        return failure_message(self._errors.decode(errors="replace"), code)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        stop_child(self._process)
        for pipe in (self._process.stdout, self._process.stderr):
            if pipe is not None:
                pipe.close()


def stop_child(process: subprocess.Popen[bytes], grace: float = 2.0) -> None:
    """Ask a sound child to stop, and kill it if it has not within ``grace`` s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def failure_message(stderr: str, code: int | None) -> str:
    """What the recorder's own words mean for the user, in one sentence with a way on."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    text = " ".join(lines).lower()
    if "connection refused" in text or ("pulseaudio" in text and "connect" in text):
        reason = "the sound server is not running (it may have stopped or restarted)"
    elif "no such file" in text or "no such device" in text or "unknown pcm" in text:
        reason = "no microphone was found"
    elif "busy" in text:
        reason = "the microphone is in use by another program"
    elif code is not None and code < 0:
        reason = f"the recorder stopped unexpectedly (signal {-code})"
    else:
        last = next((line for line in reversed(lines) if line.startswith("arecord")), "")
        reason = f"the microphone stopped ({last or f'recorder exit status {code}'})"
    return (
        f"{reason[0].upper()}{reason[1:]}. Check the microphone is plugged in and not muted "
        "(`trainer doctor` shows its level), or type the reply."
    )


class ClipSource:
    """A recorded clip delivered like a microphone, optionally at the pace of speech.

    With ``realtime`` the samples arrive as fast as a person would say them, so
    the listener's pause detection and early transcription behave as with a
    person; a ``tail_seconds`` of silence follows the clip so the closing pause
    can end the reply.
    """

    CHUNK = 1024

    def __init__(self, clip: AudioClip, *, realtime: bool = False, tail_seconds: float = 5.0):
        if clip.rate <= 0:
            raise TrainerError("the clip has no sample rate")
        pcm = np.clip(clip.samples, -1.0, 1.0) * 32767.0
        tail = np.zeros(int(tail_seconds * clip.rate), dtype=np.float32)
        self._data = np.concatenate([pcm, tail]).astype("<i2").tobytes()
        self.rate = clip.rate
        self.realtime = realtime
        self._pos = 0
        self._started = time.monotonic()

    def read(self, timeout: float) -> bytes | None:
        if self._pos >= len(self._data):
            time.sleep(min(timeout, 0.01))
            return None
        start = self._pos
        self._pos += self.CHUNK * WIDTH
        if self.realtime:
            due = self._started + self._pos / WIDTH / self.rate
            time.sleep(max(0.0, due - time.monotonic()))
        return self._data[start : self._pos]

    def close(self) -> None:
        self._pos = len(self._data)


def input_device_name(device: str | None = None) -> str:
    """The input the recorder will use, in words: the sound server's default source if
    one answers (PulseAudio or PipeWire), else the ALSA device name."""
    alsa = f"ALSA device '{device or 'default'}'"
    if device or shutil.which("pactl") is None:
        return alsa
    try:
        info = subprocess.run(
            ["pactl", "info"], capture_output=True, text=True, timeout=3.0,
            env=quiet_environment(), check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return alsa
    fields = dict(
        line.split(":", 1) for line in info.stdout.splitlines() if ":" in line
    )
    source = fields.get("Default Source", "").strip()
    server = fields.get("Server Name", "").strip()
    if info.returncode != 0 or not source:
        return alsa
    return f"{alsa} -> {server or 'sound server'} source '{source}'"
