"""The app on a real terminal (tmux) while it speaks and listens: no C-library line on screen.

PortAudio's device probe used to paint ALSA and JACK messages over the call
screen. The capture path no longer loads any audio library in the app's
process, and the children's stderr goes to pipes; this looks at the screen a
user sees to prove it.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from line_call import C_NOISE, SCENARIO
from tmux_terminal import Terminal
from virtual_stack import VirtualAudio

from trainer.scenario.model import Scenario

pytestmark = pytest.mark.e2e

@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_no_c_library_line_reaches_the_screen_while_the_app_listens(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray], scenario: Scenario,
    tmp_path: Path,
) -> None:
    feeder = audio_stack.feeder
    assert feeder is not None
    env = {**os.environ, "TERM": "xterm-256color"}
    terminal = Terminal(tmp_path, [sys.executable, "-m", "trainer", "run", SCENARIO,
                                   "--seed", "1"], env)
    screens: list[str] = []
    try:
        terminal.wait_for("Enter", timeout=60)  # the briefing, with its key to start
        terminal.keys("Enter")
        terminal.wait_for("Listening")
        time.sleep(1.0)  # the microphone is open and streaming by now
        screens.append(terminal.screen())
        feeder.say(spoken_answers[scenario.turns[0].id])
        # the reply heard and scored ("Transcribing" itself can pass between two captures)
        screens.append(terminal.wait_for("You: ", timeout=60))
        time.sleep(1.0)  # the next line plays and a second microphone opens meanwhile
        screens.append(terminal.screen())
        # Reopening the microphone for every turn is checked by the whole spoken call in
        # test_app_stack.py; this test is about what reaches the screen around it.
    finally:
        terminal.close()
    noisy = [line for screen in screens for line in screen.splitlines() if C_NOISE.search(line)]
    assert noisy == [], "\n".join(noisy)
    assert "Listening" in screens[0]
    # kept for review in the test's own folder (pytest keeps the last few runs' folders),
    # never outside it
    (tmp_path / "screen-while-listening.txt").write_text(
        "tmux capture-pane of `trainer run offer-accepted-elsewhere` on a 100x30 terminal,\n"
        "private PulseAudio (tests/audio/virtual_stack.py), taken while the app listens:\n\n"
        + screens[0]
    )
