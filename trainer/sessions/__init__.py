"""Saved practice calls: the session store and what reads it (no UI imports here)."""

from trainer.sessions.jsonfields import SessionFormatError
from trainer.sessions.model import (
    MODES,
    SCHEMA_VERSION,
    Attempt,
    Mode,
    PreviousScore,
    Session,
    SessionSummary,
    TurnDecision,
    TurnRecord,
)
from trainer.sessions.store import ListResult, SeriesPoint, SessionProblem, SessionStore

__all__ = [
    "MODES",
    "SCHEMA_VERSION",
    "Attempt",
    "ListResult",
    "Mode",
    "PreviousScore",
    "SeriesPoint",
    "Session",
    "SessionFormatError",
    "SessionProblem",
    "SessionStore",
    "SessionSummary",
    "TurnDecision",
    "TurnRecord",
]
