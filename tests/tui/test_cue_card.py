"""The cue card keeps the user's best sentence per item, never one from a reply with a pitfall."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from trainer.call.engine import Call
from trainer.scenario.catalog import load_catalog
from trainer.scoring.result import Evidence
from trainer.sessions.store import SessionStore
from trainer.tui.cue_card import cue_card, sentence_around
from trainer.tui.screens.export import ExportScreen
from trainer.tui.screens.scorecard import ScorecardScreen

SCENARIO = "offer-accepted-elsewhere"


def test_the_sentence_around_the_evidence_is_cut_at_sentence_ends() -> None:
    reply = "Hi Priya, thank you. Unfortunately, I won't be accepting the offer. Bye!"
    start = reply.index("won't")
    sentence, (a, b) = sentence_around(reply, Evidence(start, start + 5, "won't"))
    assert sentence == "Unfortunately, I won't be accepting the offer."
    assert sentence[a:b] == "won't"


def test_best_phrasings_come_from_clean_replies_across_sessions() -> None:
    scenario = load_catalog().get(SCENARIO)
    store = SessionStore()
    weak = Call(scenario, store=store, rng=random.Random(1))
    weak.answer("Thanks Priya. I think I'll probably pass, the offer was a bit cheap honestly.")
    weak.hang_up()
    good = Call(scenario, store=store, rng=random.Random(2))
    good.answer("Thank you so much for the call, Priya. Unfortunately, I won't be accepting "
                "the offer. I've accepted a role that fits my goals more closely.")
    good.hang_up()
    sessions = [store.load(s.session_id) for s in store.list(SCENARIO).sessions]
    cues = {cue.item: cue for cue in cue_card(scenario, sessions)}
    assert list(cues) == ["thanks", "clear_no", "brief_reason", "courteous_followup",
                          "graceful_close", "name_helper"]
    assert cues["clear_no"].sentence == "Unfortunately, I won't be accepting the offer."
    assert cues["thanks"].sentence is not None and "cheap" not in cues["thanks"].sentence
    assert cues["graceful_close"].sentence is None  # never said yet: the card shows a tip


async def test_export_writes_the_report_and_cue_card(
    drive: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The default place is the folder the trainer was started in, never a hidden one."""
    monkeypatch.chdir(tmp_path)
    app = drive.typed_app(SCENARIO)
    async with app.run_test(size=drive.size) as pilot:
        screen = await drive.start_call(pilot)
        await drive.answer_every_turn(pilot, screen.call, drive.typed_model_answer)
        await drive.wait_until(pilot, lambda: screen.box.phase == "ended", "the end")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "card")
        await pilot.press("e")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "export")
        await pilot.press("enter")
        await drive.wait_until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "done")
        exported = list(tmp_path.glob("*.md"))
        assert len(exported) == 1
        assert exported[0].name.startswith(f"{SCENARIO}-")
        text = exported[0].read_text(encoding="utf-8")
        assert screen.scenario.title in text
        assert "## Cue card" in text and "A clear no: \"" in text
