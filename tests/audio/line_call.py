"""``trainer run --plain --mic`` as a user runs it, in a child process, driven line by line."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time

SCENARIO = "offer-accepted-elsewhere"
"""The call every real-stack test makes: short, and its model answers are heard reliably."""

C_NOISE = re.compile(r"ALSA lib|jack server|JackShm|Cannot connect to server|Expression '|"
                     r"pa_linux_alsa|Assertion|Segmentation|pcm\.c:|\bpa_[a-z_]+\(")
"""What the C audio libraries print when they reach the terminal."""


class LineCall:
    """The child's merged output, read on a thread; the test answers as the lines come."""

    def __init__(
        self, scenario: str, *extra: str, timeout: float = 300.0, seed: int = 1
    ) -> None:
        self.lines: list[str] = []
        self.arrived: list[float] = []
        """When each line was printed (``time.monotonic``), for latency figures."""
        self.turn: str | None = None
        self._queue: queue.Queue[tuple[float, str] | None] = queue.Queue()
        self._deadline = time.monotonic() + timeout
        self.process = subprocess.Popen(
            [sys.executable, "-X", "faulthandler", "-m", "trainer", "run", scenario, "--plain",
             "--mic", "--explain", "--seed", str(seed), *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ), bufsize=1,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put((time.monotonic(), line.rstrip("\n")))
        self._queue.put(None)

    def next_line(self) -> str | None:
        """The next line of output, or None once the call has ended."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            self.kill()
            raise AssertionError("the call took too long:\n" + "\n".join(self.lines[-30:]))
        try:
            item = self._queue.get(timeout=left)
        except queue.Empty:
            return self.next_line()
        if item is None:
            return None
        at, line = item
        self.lines.append(line)
        self.arrived.append(at)
        found = re.match(r"\[turn (\S+)\]", line)
        if found:
            self.turn = found.group(1)
        return line

    def type(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def end_input(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()

    def finish(self) -> int:
        while self.next_line() is not None:
            pass
        return self.process.wait(timeout=30)

    def crashed(self) -> str | None:
        """How the child died in C (a signal, a fatal error), or None."""
        code = self.process.poll()
        fatal = [line for line in self.lines if "Fatal Python error" in line]
        if code is not None and code < 0:
            return f"killed by signal {-code}"
        return fatal[0] if fatal else None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def noise(self) -> list[str]:
        return [line for line in self.lines if C_NOISE.search(line)]

    @property
    def output(self) -> str:
        return "\n".join(self.lines)
