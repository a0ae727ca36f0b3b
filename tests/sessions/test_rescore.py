"""``trainer rescore``: old sessions scored with the current scorer, the old result kept."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from trainer.scoring.result import ItemResult, ReplyMetrics, ReplyTiming
from trainer.sessions import Session, SessionStore, TurnDecision, TurnRecord

Cli = Callable[..., tuple[int, str, str]]
SCENARIO = "offer-accepted-elsewhere"
GOOD_REPLY = ("Hi Priya, thank you so much for calling, and please pass my thanks to Daniel. "
              "Unfortunately, I won't be accepting the offer. I've accepted a position that "
              "fits my goals a little more closely.")


def _old_session(
    store: SessionStore, scenario: str = SCENARIO, *, finish: bool = True, hash_: str = ""
) -> Session:
    """A call scored by an older, harsher scorer: every item missed, a score of 12."""
    session = store.create(scenario, "Declining an offer", hash_, "typed")
    stale = {"thanks": ItemResult("thanks", False, 10.0, 80.0, why="old scorer"),
             "clear_no": ItemResult("clear_no", False, 5.0, 80.0, why="old scorer")}
    session.add_turn(TurnRecord(
        turn_id="opening", recruiter="Hi, it's Priya from Northwind Analytics!",
        reply=GOOD_REPLY, expected=("thanks", "clear_no", "brief_reason"), checks=stale,
        metrics=ReplyMetrics(words=3), timing=ReplyTiming(0.5, 7.0),
        decision=TurnDecision("where_going", "branch 4: otherwise"),
    ))
    store.save(session)
    if finish:
        store.finish(session, 12.0)
    else:
        store.release(session)
    return session


def _current_hash() -> str:
    from trainer.scenario.catalog import load_catalog

    return load_catalog().entry(SCENARIO).sha256


def test_rescore_replaces_the_score_and_keeps_the_old_one(
    cli: Cli, store: SessionStore
) -> None:
    session = _old_session(store, hash_=_current_hash())
    code, out, err = cli("rescore", session.session_id)
    assert (code, err) == (0, "")
    after = store.load(session.session_id)
    assert after.score is not None and after.score > 12.0
    assert out == (f"{session.session_id}: 12 -> {after.score:.0f}; the earlier result is kept "
                   "in the file\n")
    turn = after.turns[0]
    assert turn.checks["thanks"].met is True and turn.checks["clear_no"].met is True
    assert turn.reply == GOOD_REPLY and after.path == ["opening"]
    assert turn.decision == TurnDecision("where_going", "branch 4: otherwise")
    [previous] = after.rescored_from
    assert previous.score == 12.0
    assert previous.turns[0]["checks"]["thanks"]["why"] == "old scorer"
    assert previous.turns[0]["metrics"] == {"words": 3}
    assert store.list().sessions[0].score == after.score  # the index followed


def test_rescoring_again_changes_nothing(cli: Cli, store: SessionStore) -> None:
    session = _old_session(store, hash_=_current_hash())
    assert cli("rescore", session.session_id)[0] == 0
    path = store.file_for(session.session_id)
    before = path.read_bytes()
    code, out, _ = cli("rescore", "last")
    score = store.load(session.session_id).score
    assert (code, out) == (0, f"{session.session_id}: unchanged ({score:.0f})\n")
    assert path.read_bytes() == before


def test_rescore_says_when_the_scenario_file_changed(cli: Cli, store: SessionStore) -> None:
    session = _old_session(store, hash_="f" * 64)
    code, out, _ = cli("rescore", session.session_id)
    assert code == 0 and "(the scenario file has changed since this call)" in out


def test_an_unfinished_call_is_scored_as_it_stands(cli: Cli, store: SessionStore) -> None:
    session = _old_session(store, finish=False)
    assert cli("rescore", session.session_id)[0] == 0
    after = store.load(session.session_id)
    assert after.finished is False and after.score is None  # a score comes with the end
    assert after.turns[0].checks["thanks"].met is True


def test_rescore_all_goes_on_past_sessions_it_cannot_rescore(
    cli: Cli, store: SessionStore
) -> None:
    good = _old_session(store)
    orphan = _old_session(store, scenario="a-deleted-scenario")
    damaged = store.root / "20250101T000000Z-x-broken.json"
    damaged.write_text('{"schema_version": 1,')
    orphan_bytes = store.file_for(orphan.session_id).read_bytes()
    code, out, err = cli("rescore", "--all")
    assert code == 1
    assert f"{good.session_id}: 12 -> " in out
    assert f"error: cannot rescore {damaged}: is not valid JSON" in err
    assert (f"error: {orphan.session_id}: scenario 'a-deleted-scenario' is no longer found"
            in err)
    assert err.rstrip().endswith("error: 2 sessions could not be rescored (see above)")
    assert store.file_for(orphan.session_id).read_bytes() == orphan_bytes
    assert damaged.read_text() == '{"schema_version": 1,'
    assert len(store.load(good.session_id).rescored_from) == 1


def test_a_call_still_going_on_is_not_rescored(cli: Cli, store: SessionStore,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.sessions import store as store_module

    monkeypatch.setattr(store_module, "BRIEF_WAIT", 0.05)
    session = _old_session(store, finish=False)
    live = SessionStore()
    live.resume(session.session_id)
    code, _, err = cli("rescore", session.session_id)
    assert code == 1 and "is already open in this trainer" in err
    live.close()
    assert "outcome" not in json.loads(store.file_for(session.session_id).read_text())
    assert store.load(session.session_id).turns[0].checks["thanks"].why == "old scorer"
