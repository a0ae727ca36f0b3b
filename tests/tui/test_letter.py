"""The follow-up letter screen, driven like a user: draft, edit, score, save, export."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from trainer import paths
from trainer.config import load_config
from trainer.letter.draft import Repair
from trainer.sessions.store import SessionStore
from trainer.tui.screens.letter import LetterScreen
from trainer.tui.screens.scorecard import ScorecardScreen

SCENARIO = "offer-accepted-elsewhere"


async def open_letter(pilot: Pilot[None], drive: Any) -> LetterScreen:
    await drive.picker_loaded(pilot)
    screen = await drive.start_call(pilot)
    await drive.answer_every_turn(pilot, screen.call, drive.typed_model_answer)
    await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end")
    await pilot.press("enter")
    await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen),
                           "the scorecard")
    await pilot.press("w")
    await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, LetterScreen),
                           "the letter screen")
    letter = pilot.app.screen
    assert isinstance(letter, LetterScreen)
    await pilot.pause()
    return letter


def shown(screen: LetterScreen, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


async def test_draft_edit_score_save_and_export(drive: Any, trainer_home: Path) -> None:
    app = drive.typed_app(SCENARIO)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_letter(pilot, drive)
        area = screen.query_one("#letter-text", TextArea)
        assert area.text.startswith("Subject: Data analyst offer: declining with thanks")
        assert "Dear Priya," in area.text
        assert "Letter score 100/100" in shown(screen, "#letter-score")
        assert "✓ A clear subject line" in shown(screen, "#letter-score")
        assert "“" in shown(screen, "#letter-score")  # the evidence, quoted

        # asked once for a name, which signs the letter and is kept in config.toml
        name = screen.query_one("#user-name", Input)
        name.value = "Sam Rivera"
        name.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert load_config().user.name == "Sam Rivera"
        assert area.text.rstrip().endswith("Best regards,\nSam Rivera")
        assert not name.display

        # an edit is scored after a pause in typing, with its evidence
        area.focus()
        start = area.text.index("As I said when we spoke, ")
        row = area.text[:start].count("\n")
        column = start - (area.text.rfind("\n", 0, start) + 1)
        area.move_cursor((row, column))
        keys = {" ": "space", ",": "comma", ".": "full_stop"}
        await pilot.press(*[keys.get(c, c) for c in "I think maybe I might reconsider. "])
        await drive.wait_until(pilot, lambda: "Letter score 80/100"
                               in shown(screen, "#letter-score"), "the score after a pause")
        score = shown(screen, "#letter-score")
        assert "✗ The decision up front" in score and "✓ Thanks “Thank you”" in score
        assert "Tips" in shown(screen, "#letter-tips")

        # saved as a version with the session, then exported as an email draft
        await pilot.press("ctrl+s")
        await pilot.pause()
        session_id = screen.session_id
        assert session_id is not None
        saved = SessionStore().load(session_id)
        assert saved.letter is not None and len(saved.letter.versions) == 1
        assert saved.letter.versions[0].text == area.text
        assert saved.letter.versions[0].origin == "edited"
        assert area.border_title == "Your letter · 1 version saved"
        await pilot.press("ctrl+o")
        await pilot.pause()
        exported = paths.home() / "exports" / f"{session_id}-letter.eml"
        message = email.message_from_bytes(exported.read_bytes(), policy=policy.default)
        assert message["X-Unsent"] == "1"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert (exported.parent / f"{session_id}-letter-2.eml").is_file()  # never replaced

        # a blank page, then the draft again; a second save keeps both versions
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert area.text == ""
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "Dear Priya," in area.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = SessionStore().load(session_id)
        assert saved.letter is not None
        assert [v.origin for v in saved.letter.versions] == ["edited", "draft"]

        # back to the scorecard; opening the letter again shows the latest saved version
        await pilot.press("escape")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen),
                               "the scorecard again")
        await pilot.press("w")
        await drive.wait_until(pilot, lambda: isinstance(pilot.app.screen, LetterScreen),
                               "the letter screen again")
        again = pilot.app.screen
        assert isinstance(again, LetterScreen)
        await pilot.pause()
        assert again.query_one("#letter-text", TextArea).text == saved.letter.versions[-1].text
        assert not again.query("#user-name")  # asked once


async def test_text_from_files_is_never_markup(drive: Any, trainer_home: Path) -> None:
    app = drive.typed_app(SCENARIO)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_letter(pilot, drive)
        area = screen.query_one("#letter-text", TextArea)
        area.text = ("Subject: [b]Offer[/b]\n\nDear [red]Priya[/],\n\n"
                     "Thank you [i]so[/i] much.\n\nSam")
        screen.repairs = (Repair("thanks", "You said [bold]nothing[/bold] [link=x]here[/link]"),)
        screen._show_repairs()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "[bold]nothing[/bold] [link=x]here[/link]" in shown(screen, "#letter-repairs")
        assert "[b]Offer[/b]" in area.text
