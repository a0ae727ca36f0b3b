"""A real Linux audio stack without a sound card, for tests and ``bench/audio_stack.py``.

A private PulseAudio server in a temporary runtime folder, with a null sink as
the speaker and a ``module-pipe-source`` as the microphone. The trainer reaches
it the way it reaches a laptop's sound server: ``aplay``/``arecord`` through
ALSA's pulse plugin. A feeder thread writes into the microphone at the pace of
speech - silence, then a reply when asked - and a monitor recorder keeps what
was played on the speaker. The user's own sound server is never touched: every
variable that points a client at a server is set to the private one, and the
server is stopped by its process id.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

RATE = 16000
CHUNK_SECONDS = 0.02
CHUNK = int(RATE * CHUNK_SECONDS)


class StackUnavailable(Exception):
    """The private server could not start here; the message says why."""


def on_ci() -> bool:
    """On CI the real stack is part of the contract: it must run, never skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing_tools() -> list[str]:
    return [tool for tool in ("pulseaudio", "pactl", "parec", "arecord", "aplay")
            if shutil.which(tool) is None]


class Feeder:
    """Writes 16 kHz mono s16le into the pipe source in real time, 20 ms at a time.

    Between replies it writes silence, as a quiet room does; :meth:`mute` stops
    writing altogether, which is a microphone that delivers no data.
    """

    def __init__(self, fifo: Path) -> None:
        self._fifo = fifo
        self._queue: queue.Queue[bytes] = queue.Queue()
        self._stop = threading.Event()
        self._muted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mic feeder", daemon=True)
        self._thread.start()

    def say(self, samples: np.ndarray) -> None:
        """Queue float samples in [-1, 1] (16 kHz mono) to be 'spoken' into the microphone."""
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        self._idle.clear()
        for start in range(0, len(pcm), CHUNK * 2):
            piece = pcm[start : start + CHUNK * 2]
            self._queue.put(piece + b"\0" * (CHUNK * 2 - len(piece)))

    def wait_said(self, timeout: float = 120.0) -> bool:
        """True once everything queued has been written."""
        return self._idle.wait(timeout)

    def mute(self, muted: bool = True) -> None:
        if muted:
            self._muted.set()
        else:
            self._muted.clear()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        silence = b"\0" * (CHUNK * 2)
        try:
            fd = os.open(self._fifo, os.O_WRONLY)
        except OSError as exc:
            self.failed = exc
            return
        try:
            due = time.monotonic()
            while not self._stop.is_set():
                try:
                    chunk = self._queue.get_nowait()
                except queue.Empty:
                    chunk = silence
                    self._idle.set()
                if not self._muted.is_set() or chunk is not silence:
                    try:
                        os.write(fd, chunk)
                    except BrokenPipeError:
                        return  # the server went away (a test may kill it)
                due += CHUNK_SECONDS
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                elif delay < -0.5:
                    due = time.monotonic()  # fell far behind (a busy machine): do not burst
        except OSError as exc:
            self.failed = exc
        finally:
            os.close(fd)


class Monitor:
    """Records what reaches the speaker (the null sink's monitor) with ``parec``."""

    def __init__(self, env: dict[str, str], path: Path) -> None:
        self.path = path
        self._handle = path.open("wb")
        self._process = subprocess.Popen(
            ["parec", "-d", "speaker.monitor", "--format=s16le", f"--rate={RATE}",
             "--channels=1", "--latency-msec=20"],
            stdout=self._handle, stderr=subprocess.DEVNULL, env=env,
        )

    def stop(self) -> np.ndarray:
        """Stop recording; the samples recorded, as floats."""
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=5.0)
        self._handle.close()
        raw = self.path.read_bytes()
        raw = raw[: len(raw) - len(raw) % 2]
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0


def sound_seconds(samples: np.ndarray, *, threshold: float = 0.01, window: float = 0.05) -> float:
    """Seconds of ``samples`` (16 kHz) louder than ``threshold`` RMS, in ``window`` blocks."""
    size = int(RATE * window)
    count = len(samples) // size
    if count == 0:
        return 0.0
    blocks = samples[: count * size].reshape(count, size)
    rms = np.sqrt(np.mean(np.square(blocks), axis=1))
    return float(np.count_nonzero(rms > threshold) * window)


class VirtualAudio:
    """The private server, its microphone feeder and its environment."""

    def __init__(self, folder: Path | None = None) -> None:
        missing = missing_tools()
        if missing:
            raise StackUnavailable(f"not installed: {', '.join(missing)} "
                                   "(sudo apt-get install pulseaudio pulseaudio-utils "
                                   "libasound2-plugins alsa-utils)")
        self._own_folder = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="trainer-pulse-")) if folder is None else folder
        self.folder.chmod(0o700)
        self.fifo = self.folder / "mic.fifo"
        self.log = self.folder / "pulse.log"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.folder),
            "PULSE_RUNTIME_PATH": str(self.folder / "pulse"),
            "PULSE_STATE_PATH": str(self.folder / "state"),
            "PULSE_SERVER": f"unix:{self.folder}/pulse/native",
            "PULSE_COOKIE": str(self.folder / "cookie"),
            "JACK_NO_START_SERVER": "1",
        }
        self.env.pop("PULSE_SINK", None)
        self.env.pop("PULSE_SOURCE", None)
        self.server: subprocess.Popen[bytes] | None = None
        self.feeder: Feeder | None = None

    def start(self, timeout: float = 20.0) -> VirtualAudio:
        source = (f"module-pipe-source source_name=mic file={self.fifo} format=s16le "
                  f"rate={RATE} channels=1")
        self.server = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disallow-exit", "--disable-shm=yes", "-L", "module-native-protocol-unix",
             "-L", "module-null-sink sink_name=speaker", "-L", source,
             f"--log-target=file:{self.log}"],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not self.pactl_ok("info"):
            if self.server.poll() is not None or time.monotonic() > deadline:
                log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                self.stop()
                raise StackUnavailable(f"pulseaudio did not start: {log.strip() or 'no log'}")
            time.sleep(0.1)
        self.pactl("set-default-source", "mic")
        self.pactl("set-default-sink", "speaker")
        self.feeder = Feeder(self.fifo)
        return self

    def pactl_ok(self, *args: str) -> bool:
        try:
            return subprocess.run(["pactl", *args], env=self.env, capture_output=True,
                                  timeout=10.0, check=False).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def pactl(self, *args: str) -> str:
        result = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                                timeout=10.0, check=True)
        return result.stdout

    def apply(self) -> None:
        """Point this process (and the children it starts) at the private server."""
        for key in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_STATE_PATH", "PULSE_SERVER",
                    "PULSE_COOKIE", "JACK_NO_START_SERVER"):
            os.environ[key] = self.env[key]

    def monitor(self, path: Path) -> Monitor:
        return Monitor(self.env, path)

    def unload_microphone(self) -> None:
        """Take the microphone away, as unplugging a USB headset does."""
        for line in self.pactl("list", "short", "modules").splitlines():
            parts = line.split("\t")
            if len(parts) > 1 and parts[1] == "module-pipe-source":
                self.pactl("unload-module", parts[0])

    def kill_server(self) -> None:
        """The sound server dies, as when it crashes or the user restarts it."""
        if self.server is not None and self.server.poll() is None:
            self.server.kill()
            self.server.wait(timeout=10.0)

    def stop(self) -> None:
        if self.feeder is not None:
            self.feeder.stop()
            self.feeder = None
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
