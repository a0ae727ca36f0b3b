"""The session document: its JSON shape, round trips, redo, and what a bad field reports."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from trainer import paths
from trainer.scoring.result import ReplyTiming
from trainer.sessions import SCHEMA_VERSION, Session, SessionFormatError, TurnRecord
from trainer.sessions.model import new_session_id

TurnFn = Callable[..., TurnRecord]


def _session(make: TurnFn, turns: int = 3) -> Session:
    session = Session(session_id=new_session_id("offer-accepted-elsewhere"),
                      scenario="offer-accepted-elsewhere",
                      scenario_title="Offer accepted elsewhere", scenario_hash="ab" * 32,
                      mode="audio")
    for i in range(turns):
        session.add_turn(make(i))
    return session


def test_document_has_the_agreed_fields(turn: TurnFn) -> None:
    session = _session(turn)
    session.finish(77.0, "hung_up")
    doc = session.to_json()
    for key in ("schema_version", "session_id", "scenario", "scenario_title", "scenario_hash",
                "started", "ended", "mode", "outcome", "turns"):
        assert key in doc, key
    assert doc["schema_version"] == SCHEMA_VERSION == 2
    assert doc["outcome"] == {"score": 77.0, "ending": "hung_up"}
    for derived in ("path", "score", "scorecard", "finished"):
        assert derived not in doc, derived  # computed from the turns, never stored twice
    assert session.path == ["opening", "ask_why", "close"] and session.status == "hung up"
    first = doc["turns"][0]
    for key in ("turn_id", "recruiter", "reply", "source", "engine", "audio", "timing",
                "expected", "checks", "metrics", "decision", "at"):
        assert key in first, key
    # evidence is a span of the reply; its text is the reply's own, not stored again
    start, end = first["checks"]["thanks"]["evidence"][0]
    assert first["reply"][start:end] == "Thank you so much"
    assert first["decision"] == {"goto": "ask_why", "reason": "branch 1: thanks met"}
    assert doc["started"].endswith("+00:00")
    json.dumps(doc)  # all plain JSON


def test_round_trip_is_lossless(turn: TurnFn) -> None:
    session = _session(turn)
    session.turns[1].help = ("hint",)
    session.finish(77.5)
    again = Session.from_json(json.loads(json.dumps(session.to_json())))
    assert again == session
    assert again.turns[0].timing.words[0] == ("thank", 0.1, 0.4)
    assert again.turns[0].checks["thanks"].evidence[0].text == "Thank you so much"
    assert again.turns[1].help == ("hint",) and again.score == 77.5


def test_unknown_fields_from_a_newer_writer_survive_a_rewrite(turn: TurnFn) -> None:
    doc = _session(turn).to_json()
    doc["coach_notes"] = "good pace"
    doc["turns"][1]["emotion"] = {"calm": 0.9}
    again = Session.from_json(doc).to_json()
    assert again["coach_notes"] == "good pace"
    assert again["turns"][1]["emotion"] == {"calm": 0.9}


def test_redo_keeps_the_earlier_reply_as_an_attempt(turn: TurnFn) -> None:
    session = _session(turn, 2)
    first = session.turns[-1]
    redo = turn(1, reply="I have taken another role.")
    session.redo_last_turn(redo)
    assert len(session.turns) == 2
    assert session.turns[-1].reply == "I have taken another role."
    assert [a.reply for a in session.turns[-1].attempts] == [first.reply]
    session.redo_last_turn(turn(1, reply="Third try."))
    assert [a.reply for a in session.turns[-1].attempts] == [first.reply, redo.reply]
    with pytest.raises(ValueError, match="opening"):
        session.redo_last_turn(turn(0))


def test_set_turn_takes_the_call_engines_json(turn: TurnFn) -> None:
    session = _session(turn, 0)
    data: dict[str, Any] = turn(0).to_json()
    data["attempts"] = [{"reply": "uh, maybe not", "checks": {}, "metrics": {}, "source": "typed",
                         "audio": None}]
    record = session.set_turn(0, data)
    assert record.index == 0 and record.attempts[0].reply == "uh, maybe not"
    assert session.path == ["opening"]
    session.set_turn(0, {**turn(0).to_json(), "reply": "kept this one"})
    assert len(session.turns) == 1 and session.turns[0].reply == "kept this one"
    with pytest.raises(ValueError, match="turn 5"):
        session.set_turn(5, data)
    with pytest.raises(SessionFormatError, match=r"turns\.1\.reply"):
        session.set_turn(1, {**data, "reply": 42})


def test_set_turn_keeps_recordings_relative_to_the_recordings_folder(turn: TurnFn) -> None:
    session = _session(turn, 0)
    inside = paths.recordings_dir() / session.session_id / "turn-00.wav"
    record = session.set_turn(0, {**turn(0).to_json(), "audio": str(inside),
                                  "attempts": [{"reply": "x", "audio": str(inside)}]})
    assert record.audio == f"{session.session_id}/turn-00.wav"
    assert record.attempts[0].audio == f"{session.session_id}/turn-00.wav"
    elsewhere = session.set_turn(1, {**turn(1).to_json(), "audio": "/tmp/mine.wav"})
    assert elsewhere.audio == "/tmp/mine.wav"


def test_resume_point_and_visits(turn: TurnFn) -> None:
    session = _session(turn, 0)
    assert session.next_turn_id() is None
    session.add_turn(turn(0))
    session.add_turn(turn(1))
    session.add_turn(turn(1))
    assert session.next_turn_id() == "close"
    assert session.visits() == {"opening": 1, "ask_why": 2}


def test_item_fractions_count_only_turns_that_expected_a_do_item(turn: TurnFn) -> None:
    session = _session(turn, 0)
    session.add_turn(turn(0))              # expects thanks + clear_no: both met
    session.add_turn(turn(1, met=False))   # expects brief_reason; thanks missed here
    fractions = session.item_fractions()
    assert fractions["thanks"] == 1.0           # only the opening expected thanks
    assert fractions["clear_no"] == 1.0
    assert fractions["hedged"] == 0.5           # a pitfall counts every reply
    assert "courteous_followup" not in fractions  # never applied (met is null)


def test_turn_record_rebuilds_the_reply_score(turn: TurnFn) -> None:
    record = turn(0)
    score = record.reply_score()
    assert score.reply == record.reply and score.checks["thanks"].met is True


BAD_FIELDS = [
    (lambda d: d.pop("session_id"), "session_id: missing"),
    (lambda d: d.update(mode="phone"), 'mode: the text "phone" is not one of typed, audio or mic'),
    (lambda d: d.update(started="yesterday"), "started: \"yesterday\" is not an ISO 8601"),
    (lambda d: d.update(started="2025-06-01T10:00:00"), "has no time zone"),
    (lambda d: d.update(outcome={"score": 140}), "outcome.score: input should be less than or "
                                                 "equal to 100"),
    (lambda d: d.update(outcome={"score": "high"}), "outcome.score: input should be a valid "
                                                    'number, unable to parse string as a number'),
    (lambda d: d.update(turns={"0": {}}), "turns: input should be a valid list, got an object"),
    (lambda d: d["turns"][1].update(reply=None),
     "turns.1.reply: input should be a valid string, got null"),
    (lambda d: d["turns"][0]["checks"]["thanks"].update(met="yes"),
     'turns.0.checks.thanks.met: expected true, false or null, got the text "yes"'),
    (lambda d: d["turns"][0]["checks"]["thanks"].update(evidence=[[3]]),
     "turns.0.checks.thanks.evidence.0: expected [start, end], got a list"),
    (lambda d: d["turns"][0]["timing"].update(words=[["hi", "x", 1]]),
     "turns.0.timing.words.0: expected [\"word\", start, end]"),
    (lambda d: d.update(schema_version=99), "schema_version: 99 is newer than this trainer"),
    (lambda d: d.update(schema_version="1"), "schema_version: expected a whole number"),
]


@pytest.mark.parametrize(("damage", "message"), BAD_FIELDS)
def test_a_bad_field_is_named_with_its_place(turn: TurnFn, damage: Any, message: str) -> None:
    doc = copy.deepcopy(_session(turn).to_json())
    damage(doc)
    with pytest.raises(SessionFormatError) as caught:
        Session.from_json(doc)
    assert message in str(caught.value)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(SessionFormatError, match="expected an object, got a list"):
        Session.from_json([1, 2])


def test_session_ids_sort_by_start_and_are_file_safe() -> None:
    from datetime import UTC, datetime

    early = new_session_id("Weird id/../x", datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    late = new_session_id("a", datetime(2025, 1, 2, 3, 4, 6, tzinfo=UTC))
    assert early.startswith("20250102T030405Z-weird-id-x-")
    assert "/" not in early and early < late


def test_word_probabilities_round_trip_and_older_three_value_words_still_load(
        turn: TurnFn) -> None:
    session = _session(turn)
    first = session.turns[0]
    first.timing = ReplyTiming(0.5, 2.0, (("thank", 0.1, 0.4), ("you", 0.4, 0.6)), (0.91, 0.42))
    doc = json.loads(json.dumps(session.to_json()))
    assert doc["turns"][0]["timing"]["words"] == [["thank", 0.1, 0.4, 0.91],
                                                  ["you", 0.4, 0.6, 0.42]]
    again = Session.from_json(doc)
    assert again.turns[0].timing.probabilities == (0.91, 0.42)
    # a file written before probabilities were kept: three values a word, none lost
    for row in doc["turns"][0]["timing"]["words"]:
        row.pop()
    older = Session.from_json(doc)
    assert older.turns[0].timing.words[1] == ("you", 0.4, 0.6)
    assert older.turns[0].timing.probabilities == ()
    # a mix of the two shapes is refused, with the place named
    doc["turns"][0]["timing"]["words"][1].append(0.3)
    with pytest.raises(SessionFormatError, match=r"turns\.0\.timing\.words\.1"):
        Session.from_json(doc)
