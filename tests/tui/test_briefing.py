"""The briefing at 80x24: the situation first, short notices with details, a page that scrolls."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.widgets import Static

from trainer.call.listening import Voice
from trainer.tui.notices import summarise
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.details import DetailsScreen

RAW = ("No audio output: aplay: main:831: audio open error: No such file or directory; "
       "the recruiter's lines are shown on screen.")
MIC = "No microphone (run: pip install sounddevice); you will type your replies."


def test_raw_errors_become_one_short_line_about_what_it_means() -> None:
    assert summarise(RAW).short == "No recruiter voice: the lines are shown on screen."
    assert summarise(MIC).short == "No microphone: you will type your replies."
    assert summarise(RAW).details == RAW
    odd = summarise("Something nobody planned for happened. " + "x" * 200)
    assert odd.short == "Something nobody planned for happened"


def _texts(screen: BriefingScreen) -> list[str]:
    return [str(static.render()) for static in screen.query_one("#sheet").query(Static)]


async def test_situation_first_notices_last_and_details_on_a_key(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere", voice=Voice(notices=[RAW, MIC]))
    async with app.run_test(size=(80, 24)) as pilot:
        await drive.wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "briefing")
        screen = app.screen
        texts = _texts(screen)
        first = "\n".join(texts[:6])
        assert "Who is calling: Priya Shah" in first and "What happened" in first
        joined = "\n".join(texts)
        assert "aplay" not in joined and "pip" not in joined
        assert joined.index("What happened") < joined.index("Your checklist") \
            < joined.index("No recruiter voice")
        await pilot.press("d")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, DetailsScreen), "details")
        shown = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "aplay: main:831" in shown and "pip install sounddevice" in shown
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: app.screen is screen, "back to the briefing")


async def test_page_scrolls_while_the_start_button_has_focus(drive: Any) -> None:
    app = drive.typed_app("offer-accepted-elsewhere", voice=Voice(notices=[RAW]))
    async with app.run_test(size=(80, 24)) as pilot:
        await drive.wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "briefing")
        sheet = app.screen.query_one("#sheet", VerticalScroll)
        assert app.focused is not None and app.focused.id == "start"
        await pilot.press("pagedown")
        await pilot.pause()
        assert sheet.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert sheet.scroll_y == 0
        await pilot.press("down")
        await pilot.pause()
        assert sheet.scroll_y > 0
        assert app.focused.id == "start"
