"""A private tmux server running one command: the screen a user sees, for the real-stack tests."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path


class Terminal:
    """A private tmux server running one command on an 100x30 terminal."""

    def __init__(self, folder: Path, command: list[str], env: dict[str, str]) -> None:
        self.socket = str(folder / "tmux.sock")
        script = folder / "run.sh"
        exports = "".join(f"export {key}={shlex.quote(value)}\n" for key, value in env.items()
                          if key.isidentifier())
        script.write_text(f"{exports}exec {shlex.join(command)}\n")  # the app draws on stderr
        self._tmux("new-session", "-d", "-s", "call", "-x", "100", "-y", "30",
                   f"bash {shlex.quote(str(script))}")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=20, check=True).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "call")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "call", *keys)

    def wait_for(self, text: str, timeout: float = 120.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{shown}")
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True,
                       timeout=20, check=False)
