"""Misheard warnings in every scorecard, and ``trainer correct``: rescored, saved, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from trainer.call.engine import Call
from trainer.call.reply import Reply
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import Scenario
from trainer.scoring.result import ReplyTiming
from trainer.sessions import SessionStore
from trainer.sessions.export import export_session

Cli = Callable[..., tuple[int, str, str]]

HEARD = "Thank you so much, but I can accept it. I've taken a role closer to home."
SAID = "Thank you so much, but I can't accept it. I've taken a role closer to home."


def spoken(text: str, unsure: dict[str, float]) -> Reply:
    """A reply as the recogniser hands it over: timed words, each with its confidence."""
    words = [w.strip(".,") for w in text.split()]
    timing = ReplyTiming(
        0.6, 0.3 * len(words),
        tuple((w, 0.3 * i, 0.3 * i + 0.25) for i, w in enumerate(words)),
        tuple(unsure.get(w, 0.97) for w in words))
    return Reply(text, source="audio", engine="faster-whisper", timing=timing)


@pytest.fixture
def scenario() -> Scenario:
    found = load_catalog().get("offer-accepted-elsewhere")
    assert found is not None
    return found


@pytest.fixture
def session_id(scenario: Scenario) -> str:
    call = Call(scenario)
    call.answer(spoken(HEARD, {"can": 0.55}))
    call.hang_up()
    assert call.session_id is not None
    return call.session_id


def test_an_unsure_can_is_saved_and_shown_by_show_and_every_export(
        session_id: str, scenario: Scenario, cli: Cli) -> None:
    session = SessionStore().load(session_id)
    (warning,) = session.turns[0].misheard
    assert (warning.word, warning.said) == ("can", "can't")
    assert warning.start == pytest.approx(1.8) and warning.end == pytest.approx(2.05)
    assert "A clear no" in warning.why  # the label, not the id
    code, out, _ = cli("show", session_id)
    assert code == 0 and 'may have misheard "can"' in out and "clear_no" not in out
    for fmt in ("md", "html", "txt"):
        assert "may have misheard" in export_session(session, fmt, scenario).lower(), fmt
    saved = json.loads(export_session(session, "json", scenario))
    assert saved["turns"][0]["misheard"][0]["said"] == "can't"


def test_trainer_correct_rescores_the_turn_and_keeps_what_was_heard(
        session_id: str, cli: Cli) -> None:
    before = SessionStore().load(session_id)
    assert not before.turns[0].checks["clear_no"].met
    code, out, err = cli("correct", session_id, "1", SAID)
    assert (code, err) == (0, "")
    assert f"Turn 1 corrected: “{SAID}” (heard: “{HEARD}”)" in out
    after = SessionStore().load(session_id)
    turn = after.turns[0]
    assert (turn.reply, turn.heard) == (SAID, HEARD)
    assert turn.corrected is not None and turn.misheard == []
    assert turn.checks["clear_no"].met
    assert after.score is not None and before.score is not None and after.score > before.score
    assert f"Score: {before.score:.0f} -> {after.score:.0f}" in out
    document = json.loads(SessionStore().file_for(session_id).read_text(encoding="utf-8"))
    assert document["turns"][0]["heard"] == HEARD and "corrected" in document["turns"][0]
    code, shown, _ = cli("show", session_id)
    assert "corrected by you; the recogniser heard “Thank you so much, but I can accept" in shown
    # correcting again keeps the first thing heard, not the earlier correction
    cli("correct", "last", "1", SAID + " Thanks again.")
    assert SessionStore().load(session_id).turns[0].heard == HEARD


@pytest.mark.parametrize(("args", "message"), [
    (("5", SAID), "turn 5 is not in this session: it has 1 answered turn."),
    (("1", "   "), "the corrected text is empty"),
    (("zero", SAID), "Invalid value for 'TURN'"),
])
def test_a_bad_correction_says_what_and_changes_nothing(
        session_id: str, cli: Cli, args: tuple[str, str], message: str) -> None:
    code, _, err = cli("correct", session_id, *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert SessionStore().load(session_id).turns[0].reply == HEARD


def test_line_mode_says_so_after_the_turn_and_in_its_scorecard(scenario: Scenario) -> None:
    from trainer.checklist import Checklist
    from trainer.cli.line_mode import _report_turn
    from trainer.sessions.render_text import render_scorecard

    call = Call(scenario)
    outcome = call.answer(spoken(HEARD, {"can": 0.55}))
    shown: list[str] = []
    _report_turn(outcome, scenario.checklist() or Checklist.of(), False, shown.append)
    assert any(line.strip().startswith('(?) may have misheard "can"') for line in shown)
    call.hang_up()
    card = render_scorecard(call.scorecard())
    assert '(?) may have misheard "can": a known confusion (55 % sure)' in card
    assert "A clear no" in card and "clear_no" not in card
