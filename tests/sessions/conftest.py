"""Builders for sessions that look like the ones the call engine writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from trainer.cli import main
from trainer.scoring.result import Evidence, ItemResult, ReplyMetrics, ReplyScore, ReplyTiming
from trainer.sessions import Session, SessionStore, TurnDecision, TurnRecord

REPLIES = (
    ("opening", "Hello, it's Dana from Acme about the offer.",
     "Thank you so much for the offer, Dana. Unfortunately I won't be accepting it.",
     ("thanks", "clear_no")),
    ("ask_why", "May I ask why?",
     "I've accepted a role that fits my goals more closely.",
     ("brief_reason",)),
    ("close", "Understood. Anything else?",
     "Thanks again for everything, I wish you and the team all the best.",
     ("graceful_close",)),
)


def _evidence(reply: str, phrase: str) -> tuple[Evidence, ...]:
    start = reply.find(phrase)
    return () if start < 0 else (Evidence(start, start + len(phrase), phrase),)


def make_turn(i: int, *, met: bool = True, reply: str | None = None) -> TurnRecord:
    """Turn ``i`` of a three-turn call; ``met`` decides whether the expected items were met."""
    turn_id, line, default_reply, expected = REPLIES[i % len(REPLIES)]
    text = default_reply if reply is None else reply
    checks = {
        "thanks": ItemResult("thanks", met and "hank" in text, 92.0 if met else 10.0, 80.0,
                             _evidence(text, "Thank you so much") if met else (), "thanks"),
        "clear_no": ItemResult("clear_no", met and i % 3 == 0, 88.0, 80.0,
                               _evidence(text, "I won't be accepting it"), "declines"),
        "hedged": ItemResult("hedged", not met, 0.0 if met else 90.0, 80.0, (), ""),
        "courteous_followup": ItemResult("courteous_followup", None, 0.0, 80.0),
    }
    fillers = () if met else tuple(Evidence(0, 0, "") for _ in range(3))
    score = ReplyScore(text, checks, ReplyMetrics(words=len(text.split()), wpm=150.0,
                                                  fillers=fillers))
    nxt = REPLIES[(i + 1) % len(REPLIES)][0] if i + 1 < len(REPLIES) else "end"
    return TurnRecord.from_reply_score(
        turn_id, line, score, expected=expected,
        source="audio", engine="whisper-tiny.en", audio=f"session/turn-{i:02d}.wav",
        timing=ReplyTiming(0.8, 3.2, (("thank", 0.1, 0.4), ("you", 0.4, 0.6))),
        decision=TurnDecision(nxt, "branch 1: thanks met"),
        model_answer="Thank you for the offer; I won't be accepting it.",
    )


RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]
TurnFn = Callable[..., TurnRecord]


@pytest.fixture
def turn() -> TurnFn:
    """:func:`make_turn`, for tests (conftest modules cannot be imported by name)."""
    return make_turn


@pytest.fixture
def store() -> SessionStore:
    return SessionStore()


@pytest.fixture
def record(store: SessionStore) -> RecordFn:
    """Record a whole call (or part of one) through the store, as the call engine would."""

    def _record(
        scenario: str = "offer-accepted-elsewhere",
        turns: int = 3,
        score: float | None = 80.0,
        *,
        finish: bool = True,
        met: bool = True,
        days_ago: int = 0,
        target: SessionStore | None = None,
    ) -> Session:
        where = target or store
        session = where.create(scenario, scenario.replace("-", " ").title(), "0" * 64, "audio")
        for i in range(turns):
            session.add_turn(make_turn(i, met=met))
            where.save(session)
        if finish:
            where.finish(session, score)
        else:
            where.release(session)
        if days_ago:  # as if the whole call had happened then
            shift = timedelta(days=days_ago)
            session.started -= shift
            session.ended = None if session.ended is None else session.ended - shift
            for turn in session.turns:
                turn.at -= shift
            where.save(session)
        return session

    return _record


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``trainer ARGS`` in this process, as the console script does: (status, out, err)."""

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run
