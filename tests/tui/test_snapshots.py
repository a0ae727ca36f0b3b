"""Every screen pinned at 80x24 and 120x40 (``pytest --snapshot-update`` accepts a change).

The recruiter's phrasings come from a seeded generator and saved sessions carry
fixed dates, so nothing on screen depends on the clock or on chance.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from trainer import paths
from trainer.call.listening import Voice
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.tui.screens.audio_file import AudioFileScreen
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.details import DetailsScreen
from trainer.tui.screens.export import ExportScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.redo import RedoScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.rewind import RewindScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen

SCENARIO = "offer-accepted-elsewhere"
Snap = Callable[..., bool]
MakeSessions = Callable[[Scenario, int], list[str]]


def scenario() -> Scenario:
    return load_catalog().get(SCENARIO)


Run = Callable[[Pilot[None]], Awaitable[None]]


Size = tuple[int, int]


@pytest.fixture(params=[(80, 24), (120, 40)], ids=["80x24", "120x40"])
def size(request: pytest.FixtureRequest) -> Size:
    """Every screen at the smallest terminal it must fit and at a roomy one."""
    return request.param  # type: ignore[no-any-return]


def steady(size: Size, drive: Any, run: Run | None = None) -> dict[str, Any]:
    """``snap_compare`` options: the terminal ``size``, the picker's scenarios and scores
    read, ``run``, then a text cursor that no longer blinks, so the picture does not depend on the
    moment it was taken."""

    async def before(pilot: Pilot[None]) -> None:
        await drive.picker_loaded(pilot)
        if run is not None:
            await run(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return {"terminal_size": size, "run_before": before}


def test_picker(snap_compare: Snap, drive: Any, size: Size) -> None:
    assert snap_compare(drive.typed_app(), **steady(size, drive))


def test_picker_with_progress(snap_compare: Snap, drive: Any, size: Size,
                              saved_sessions: MakeSessions) -> None:
    saved_sessions(scenario(), 3)

    async def filter_to_it(pilot: Pilot[None]) -> None:
        await pilot.press(*"accepting another")
        await pilot.pause()

    assert snap_compare(drive.typed_app(), **steady(size, drive, filter_to_it))


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A TRAINER_HOME whose path is the same on every run: the preview shows where your
    file is."""
    home = Path(tempfile.gettempdir()) / "trainer-snapshot-home"
    shutil.rmtree(home, ignore_errors=True)
    monkeypatch.setenv("TRAINER_HOME", str(home))
    yield home
    shutil.rmtree(home, ignore_errors=True)


def test_picker_with_your_scenarios(
    snap_compare: Snap, drive: Any, size: Size, fixed_home: Path
) -> None:
    """Your own file, your file in place of a shipped one, and a file with a problem."""
    folder = paths.ensure_dir(paths.user_scenarios_dir())
    shipped = (paths.shipped_scenarios_dir() / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    edits = {
        "my-own-call": {"id": "my-own-call", "title": "My own practice call"},
        SCENARIO: {"title": "My version of the offer call"},
        "broken-call": {"id": "broken-call", "difficulty": "impossible"},
    }
    for name, fields in edits.items():
        text = shipped
        for field, value in fields.items():
            text = re.sub(rf"(?m)^{field}: .*$", f"{field}: {value}", text)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")

    async def filter_to_yours(pilot: Pilot[None]) -> None:
        await pilot.press(*"yours", "down")
        await pilot.pause()

    assert snap_compare(drive.typed_app(), **steady(size, drive, filter_to_yours))


def test_briefing(snap_compare: Snap, drive: Any, size: Size) -> None:
    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive))


async def _one_reply(drive: Any, pilot: Pilot[None]) -> CallScreen:
    screen: CallScreen = await drive.start_call(pilot)
    await drive.type_reply(pilot, "Thank you Priya. I think I'll probably pass on it.")
    await drive.wait_until(pilot, lambda: len(screen.call.outcomes) == 1, "the reply")
    await pilot.pause()
    return screen


def test_call_dark(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await _one_reply(drive, pilot)

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_call_light_with_hint(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await _one_reply(drive, pilot)
        await pilot.press("ctrl+g")

    app = drive.typed_app(SCENARIO, theme="textual-light")
    assert snap_compare(app, **steady(size, drive, run))


def test_call_ended(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        screen = await drive.start_call(pilot)
        await drive.answer_every_turn(pilot, screen.call, drive.typed_model_answer)
        await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end")

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_hang_up_question(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await _one_reply(drive, pilot)
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "?")

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_redo(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        screen = await _one_reply(drive, pilot)
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, RedoScreen), "redo")
        model = screen.call.scenario.turn("opening").model_answer
        await drive.type_reply(pilot, model)
        redo = pilot.app.screen
        assert isinstance(redo, RedoScreen)
        await drive.wait_until(pilot, lambda: redo.new is not None, "the new attempt")

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_scorecard(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 1)  # a previous attempt to compare with

    async def run(pilot: Pilot[None]) -> None:
        screen = await drive.start_call(pilot)
        await drive.answer_every_turn(pilot, screen.call, drive.typed_model_answer)
        await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen),
                               "the scorecard")
        await pilot.pause()

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_sessions(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 2)

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, SessionsScreen),
                               "the sessions")

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


def test_review(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 2)

    async def run(pilot: Pilot[None]) -> None:
        await drive.saved_scorecard(pilot)
        await pilot.press("v")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen),
                               "the review")
        await pilot.pause()

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


def test_help(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("f1")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "help")

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


NOTICES = [
    "No audio output: aplay: main:831: audio open error: No such file or directory; the "
    "recruiter's lines are shown on screen.",
    "No microphone (PortAudio library not found; run: pip install sounddevice); you will "
    "type your replies.",
]


def test_briefing_with_notices(snap_compare: Snap, drive: Any, size: Size) -> None:
    app = drive.typed_app(SCENARIO, voice=Voice(notices=NOTICES))
    assert snap_compare(app, **steady(size, drive))


def test_notice_details(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen), "b")
        await pilot.press("d")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, DetailsScreen), "d")

    app = drive.typed_app(SCENARIO, voice=Voice(notices=NOTICES))
    assert snap_compare(app, **steady(size, drive, run))


def test_rewind_list(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        screen = await drive.start_call(pilot)
        for _ in range(2):
            answered = len(screen.call.outcomes)
            await drive.typed_model_answer(pilot, screen.call)
            await drive.wait_until(pilot, lambda n=answered: len(screen.call.outcomes) > n,  # type: ignore[misc]
                                   "a reply")
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, RewindScreen), "r")

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


def test_reply_from_file(snap_compare: Snap, drive: Any, size: Size) -> None:
    async def run(pilot: Pilot[None]) -> None:
        await drive.start_call(pilot)
        await pilot.press("ctrl+b")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, AudioFileScreen), "f")
        pilot.app.screen.query_one("#audio-path", Input).value = "/nowhere/reply.m4a"
        await pilot.press("enter")

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))


async def _saved_scorecard(drive: Any, pilot: Pilot[None]) -> None:
    await drive.saved_scorecard(pilot)
    await pilot.pause()


def test_saved_scorecard(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 2)

    async def run(pilot: Pilot[None]) -> None:
        await _saved_scorecard(drive, pilot)

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


def test_export(snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions,
                monkeypatch: pytest.MonkeyPatch) -> None:
    saved_sessions(scenario(), 1)
    folder = Path(tempfile.gettempdir()) / "trainer-snapshot-exports"
    folder.mkdir(exist_ok=True)
    monkeypatch.chdir(folder)

    async def run(pilot: Pilot[None]) -> None:
        await _saved_scorecard(drive, pilot)
        await pilot.press("e")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), "e")

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


def test_delete_question(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 2)

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+r")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, SessionsScreen), "l")
        await pilot.press("d")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "?")

    assert snap_compare(drive.typed_app(), **steady(size, drive, run))


def _progress(drive: Any) -> Run:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+g")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen)
                               and pilot.app.screen.data is not None, "the progress")
        await pilot.pause()

    return run


def test_progress(
    snap_compare: Snap, drive: Any, size: Size, saved_sessions: MakeSessions
) -> None:
    saved_sessions(scenario(), 4)
    assert snap_compare(drive.typed_app(), **steady(size, drive, _progress(drive)))


def test_progress_empty(snap_compare: Snap, drive: Any, size: Size) -> None:
    assert snap_compare(drive.typed_app(), **steady(size, drive, _progress(drive)))


def test_letter(snap_compare: Snap, drive: Any, trainer_home: Path, size: Size) -> None:
    (trainer_home / "config.toml").write_text('[user]\nname = "Sam Rivera"\n', encoding="utf-8")

    async def run(pilot: Pilot[None]) -> None:
        from textual.widgets import TextArea

        from tests.tui.test_letter import open_letter

        await open_letter(pilot, drive)
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    assert snap_compare(drive.typed_app(SCENARIO), **steady(size, drive, run))
