"""A call: scoring, branching, saving every turn, redoing a turn, hanging up, resuming."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from trainer.call.engine import Call
from trainer.call.reply import Reply
from trainer.scenario.catalog import load_catalog
from trainer.scenario.model import END, Scenario
from trainer.sessions.store import SessionStore

GOOD_OPENING = ("Thank you so much for the offer. Unfortunately, I won't be accepting it: "
                "I've accepted a role that fits my goals better.")
NO_REASON = "Thank you for calling. I'm afraid I won't be accepting the offer."


def scenario() -> Scenario:
    data: dict[str, Any] = {
        "id": "unit-call", "title": "Unit call", "situation": "decline_offer",
        "difficulty": "easy", "briefing": "B",
        "recruiter": {"name": "Priya", "company": "Lumen", "role": "Designer"},
        "turns": [
            {"id": "opening", "say": "Hi, have you decided about the offer?",
             "alternatives": ["Hello! Any news about the offer?"],
             "expect": ["thanks", "clear_no", "brief_reason"],
             "next": [{"when": {"missing": "brief_reason"}, "goto": "ask_reason"},
                      {"goto": "wrap_up"}]},
            {"id": "ask_reason", "say": "Can I ask what made you decide?", "followup": True,
             "expect": ["courteous_followup", "brief_reason"], "model_answer": "Of course."},
            {"id": "wrap_up", "say": "Thanks for letting me know. Anything else?",
             "expect": ["graceful_close"]},
        ],
    }
    return Scenario.model_validate(data)


def test_a_call_branches_scores_and_saves_each_turn() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store, rng=random.Random(1))
    assert call.current_turn is not None and call.current_turn.id == "opening"
    assert call.recruiter_line in scenario().turn("opening").lines()

    first = call.answer(NO_REASON)
    assert first.score.checks["clear_no"].met is True
    assert first.decision.goto == "ask_reason"
    saved = store.load(call.session_id or "")
    assert [t.reply for t in saved.turns] == [NO_REASON] and not saved.finished

    call.answer("Of course. I've accepted an offer closer to home.")
    assert call.current_turn is not None and call.current_turn.id == "wrap_up"
    call.answer("No, that's all. Thanks again, and all the best to you and the team!")
    assert call.finished and not call.hung_up
    saved = store.load(call.session_id or "")
    assert saved.finished and saved.path == ["opening", "ask_reason", "wrap_up"]
    assert saved.score is not None and 0 <= saved.score <= 100
    assert saved.turns[2].checks["graceful_close"].met is True


def test_try_again_and_keep_the_better_attempt() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store, rng=random.Random(2))
    call.answer(NO_REASON)
    assert call.current_turn is not None and call.current_turn.id == "ask_reason"
    better = call.try_again(GOOD_OPENING)
    assert better.attempt == 2 and better.decision.goto == "wrap_up"
    assert call.current_turn.id == "ask_reason", "an attempt is not kept until asked"
    call.keep_attempt(better)
    assert call.current_turn is not None and call.current_turn.id == "wrap_up"
    assert len(call.outcomes) == 1 and call.outcomes[0].reply == GOOD_OPENING
    saved = store.load(call.session_id or "")
    assert saved.turns[0].reply == GOOD_OPENING
    assert [a.reply for a in saved.turns[0].attempts] == [NO_REASON]


def test_hang_up_saves_what_was_said_and_scores_it() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store)
    call.answer(GOOD_OPENING)
    call.hang_up()
    assert call.finished and call.hung_up
    saved = store.load(call.session_id or "")
    assert saved.finished and len(saved.turns) == 1 and saved.score is not None


def test_resume_goes_on_where_the_last_reply_led() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store)
    call.answer(NO_REASON)
    session_id = call.session_id or ""
    store.release(session_id)  # as if the process had died

    again = Call.resume(scenario(), session_id, store=SessionStore())
    assert again.current_turn is not None and again.current_turn.id == "ask_reason"
    again.answer("I'd rather keep the details private, but thank you for asking.")
    again.answer("Thanks again, all the best!")
    saved = SessionStore().load(session_id)
    assert saved.finished and saved.path == ["opening", "ask_reason", "wrap_up"]


def test_audio_replies_are_kept_beside_the_session(tmp_path: Path) -> None:
    wav = tmp_path / "reply.wav"
    wav.write_bytes(b"RIFF0000WAVE")
    store = SessionStore()
    call = Call(scenario(), store=store, mode="audio")
    call.answer(Reply(GOOD_OPENING, source="audio", audio=wav, engine="fake"))
    record = store.load(call.session_id or "").turns[0]
    assert record.audio == f"{call.session_id}/turn-01-1.wav"
    from trainer import paths
    assert (paths.recordings_dir() / record.audio).read_bytes() == wav.read_bytes()


def test_answering_after_the_end_is_an_error() -> None:
    call = Call(scenario(), save=False)
    call.hang_up()
    with pytest.raises(RuntimeError):
        call.answer("hello")
    assert call.recruiter_line == "" and END == "end"


def test_hanging_up_before_saying_anything_leaves_no_session() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store)
    call.hang_up()
    assert call.session_id is None
    assert store.list().sessions == []


# -- issue 15: a call score that follows the call -------------------------------------------


def test_the_issue_example_hanging_up_after_two_good_turns_no_longer_scores_100() -> None:
    from trainer.scenario.catalog import load_catalog

    shipped = load_catalog().get("offer-accepted-elsewhere")
    early = Call(shipped, rng=random.Random(3), save=False)
    finished = Call(shipped, rng=random.Random(3), save=False)
    for call in (early, finished):
        for _ in range(2):
            call.answer(call.model_answer() or "")
    early.hang_up()
    while not finished.finished:
        finished.answer(finished.model_answer() or "")
    assert early.scorecard().overall < 100
    assert early.scorecard().overall <= finished.scorecard().overall
    assert early.scorecard().ending == "hung_up" and finished.scorecard().ending == "finished"
    missed = {i.name for i in early.scorecard().items if i.met is False}
    assert "graceful_close" in missed


NEUTRAL = "Okay."


def _carry_on(call: Call, limit: int = 60) -> None:
    """Carry the call on to its end saying nothing more (the least the user could do)."""
    while not call.finished and limit:
        call.answer("")
        limit -= 1
    assert call.finished


@pytest.mark.parametrize("strategy", ["model answers", "good start then silence",
                                      "poor start"])
def test_ending_early_never_beats_the_same_replies_carried_to_the_end(strategy: str) -> None:
    """Any shipped scenario, any point: hanging up (or running out of replies) scores no
    higher than giving the same replies and then carrying the call on to its end."""
    from trainer.scenario.catalog import load_catalog

    for shipped in (entry.scenario for entry in load_catalog().valid() if entry.scenario):
        for cut in range(1, len(shipped.main_path())):
            early = Call(shipped, rng=random.Random(cut), save=False)
            whole = Call(shipped, rng=random.Random(cut), save=False)
            for k in range(cut):
                if early.finished:
                    break
                if strategy == "model answers":
                    reply = early.model_answer() or NEUTRAL
                elif strategy == "poor start":
                    reply = "Um, I think I'll probably pass, maybe." if k == 0 else NEUTRAL
                else:
                    reply = (early.model_answer() or NEUTRAL) if k == 0 else NEUTRAL
                early.answer(reply)
                whole.answer(reply)
            if early.finished:
                continue
            early.hang_up("input_ended" if cut % 2 else "hung_up")
            _carry_on(whole)
            assert early.scorecard().overall <= whole.scorecard().overall, (
                shipped.id, cut, strategy)


def test_an_early_end_is_saved_listed_and_shown_as_such() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store)
    call.answer(NO_REASON)
    call.hang_up("input_ended")
    saved = store.load(call.session_id or "")
    assert saved.ending == "input_ended" and saved.status == "input ended"
    [listed] = store.list().sessions
    assert listed.status == "input ended" and listed.finished
    from trainer.sessions.render_text import render_scorecard

    text = render_scorecard(call.scorecard())
    assert "Ended early (input ended) after 1 reply" in text
    assert "not reached" in text  # graceful_close was never reached


def test_hints_model_answers_and_redos_are_on_the_scorecard() -> None:
    store = SessionStore()
    call = Call(scenario(), store=store, rng=random.Random(2))
    call.answer(NO_REASON)
    call.keep_attempt(call.try_again(GOOD_OPENING))
    assert call.show_model_answer() is None  # wrap_up has none: nothing was shown
    assert call.show_hint() is None
    call.answer("Thanks again, all the best!")
    card = call.scorecard()
    assert [u.text for u in card.help] == ["turn 1: a redo"]

    call = Call(scenario(), store=store, rng=random.Random(2))
    call.answer(NO_REASON)
    assert call.show_model_answer() == "Of course."
    call.answer("Of course. I've accepted an offer closer to home.")
    call.answer("Thanks again, all the best!")
    saved = store.load(call.session_id or "")
    assert saved.turns[1].help == ("model_answer",) and saved.turns[0].help == ()
    from trainer.sessions.render_text import render_scorecard

    assert "Help used: turn 2: the model answer" in render_scorecard(call.scorecard())


def test_rewind_replays_from_an_earlier_turn_and_keeps_every_reply() -> None:
    scenario = load_catalog().get("offer-accepted-elsewhere")
    store = SessionStore()
    call = Call(scenario, store=store, rng=random.Random(3))
    said = []
    while not call.finished:
        reply = call.model_answer() or "Thank you."
        said.append(reply)
        call.answer(reply)
    assert len(call.outcomes) >= 3
    first_line = call.outcomes[1].recruiter
    ended_path = [o.turn_id for o in call.outcomes]

    call.rewind(1)
    assert not call.finished and call.recruiter_line == first_line
    assert [o.turn_id for o in call.outcomes] == ended_path[:1]
    on_disk = store.load(call.session_id or "")
    assert [t.reply for t in on_disk.turns] == said  # nothing rewritten before a new reply

    call.answer("Thank you Priya, but I won't be accepting: I took another offer.")
    saved = store.load(call.session_id or "")
    assert saved.turns[1].attempts[0].reply == said[1]
    kept = {a.reply for t in saved.turns for a in t.attempts} | {t.reply for t in saved.turns}
    assert set(said) <= kept, "a discarded reply was lost"
    assert call.outcomes[1].attempt == 2 and call.outcomes[1].earlier[0].reply == said[1]

    while not call.finished:
        call.answer(call.model_answer() or "Thank you.")
    final = store.load(call.session_id or "")
    assert final.finished
    everything = {a.reply for t in final.turns for a in t.attempts} | {t.reply for t in final.turns}
    assert set(said) <= everything
    assert sum(len(t.attempts) for t in final.turns) == len(said) - 1


def test_rewind_refuses_a_turn_not_answered() -> None:
    call = Call(load_catalog().get("offer-accepted-elsewhere"), save=False)
    with pytest.raises(ValueError, match="has not been answered"):
        call.rewind(0)
