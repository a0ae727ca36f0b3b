"""Live words through the real stack: espeak-ng speech into a private PulseAudio microphone,
heard by the shipped model. The words appear while the reply is spoken, and the final
transcript replaces them: in the app, and in line mode on a real terminal (tmux)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from line_call import SCENARIO
from test_app_stack import wait_until
from textual.widgets import Static
from tmux_terminal import Terminal
from virtual_stack import VirtualAudio

from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui.app import TrainerApp
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen

pytestmark = pytest.mark.e2e

PARTIAL = "(hearing) "


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


async def test_the_app_shows_words_while_the_reply_is_spoken(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray], scenario: Scenario
) -> None:
    feeder = audio_stack.feeder
    assert feeder is not None
    turn = scenario.turns[0]
    app = TrainerApp(start_scenario=SCENARIO, seed=1, mute=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CallScreen), "the call")
        screen = app.screen
        assert isinstance(screen, CallScreen) and screen.voice.listens, screen.voice.notices
        box = screen.box
        live = box.query_one("#live", Static)
        await wait_until(pilot, lambda: box.phase == "listening", "listening")
        await pilot.pause(1.0)  # the microphone is open and streaming by now
        feeder.say(spoken_answers[turn.id])
        seen: list[tuple[float, str, str]] = []

        def answered() -> bool:
            if live.display:
                seen.append((time.monotonic(), box.phase, str(live.content)))
            return len(screen.call.outcomes) == 1

        await wait_until(pilot, answered, "the reply")
        heard_at = time.monotonic()
        await pilot.pause()
        final = screen.call.outcomes[0].reply
        assert final, "the reply was heard"
        texts = [text for _, _, text in seen]
        # several partials, while listening, well before the final transcript arrived
        assert len(set(texts)) >= 3, seen
        assert seen[0][1] == "listening" and heard_at - seen[0][0] > 2.0, seen
        # they were the words being said, not noise: most are in the final transcript
        said = set().union(*(words(text) for text in texts))
        assert len(said & words(final)) >= 0.6 * len(said), (texts, final)
        # the final transcript took their place; nothing partial was kept
        assert not live.display and box.words == ""
        session = SessionStore().load(screen.call.session_id or "")
        assert [t.reply for t in session.turns] == [final]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_line_mode_rewrites_the_words_in_place_on_a_terminal(
    audio_stack: VirtualAudio, spoken_answers: dict[str, np.ndarray], scenario: Scenario,
    tmp_path: Path,
) -> None:
    feeder = audio_stack.feeder
    assert feeder is not None
    env = {**os.environ, "TERM": "xterm-256color"}
    terminal = Terminal(tmp_path, [sys.executable, "-m", "trainer", "run", SCENARIO, "--plain",
                                   "--brief", "--mic", "--mute", "--seed", "1"], env)
    partials: list[str] = []
    try:
        terminal.wait_for("(listening", timeout=120)
        time.sleep(0.6)
        feeder.say(spoken_answers[scenario.turns[0].id])
        deadline = time.monotonic() + 120
        while "You: " not in (shown := terminal.screen()):
            assert time.monotonic() < deadline, shown
            partials += [line for line in shown.splitlines() if PARTIAL in line]
            time.sleep(0.1)
        time.sleep(0.5)  # the call goes on to the next line
        after = terminal.screen()
    finally:
        terminal.close()
    assert len(set(partials)) >= 3, partials  # the words grew as they were said ...
    # ... on one line, rewritten in place: never two partial lines at once, never wrapped
    assert all(line.startswith(PARTIAL) and len(line) < 100 for line in partials), partials
    lines = after.splitlines()
    assert not [line for line in lines if PARTIAL in line], after  # nothing left behind
    you = next(index for index, line in enumerate(lines) if line.startswith("You: "))
    assert lines[you - 1].startswith("(listening"), after  # where the partials were
