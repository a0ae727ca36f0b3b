"""What the scorer says about a reply, in shapes the UI, the CLI and the session store share.

Every result carries its evidence (character offsets into the reply) and the
reason for the decision, so nothing about the score is hidden from the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        # spelt out rather than asdict(): this runs for every span of every reply in JSONL mode
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class ItemResult:
    """One checklist item or pitfall for one reply.

    ``met`` is ``None`` when the item does not apply to this reply (a courteous
    follow-up can only be judged in answer to a follow-up question).
    """

    name: str
    met: bool | None
    score: float
    """0-100: how strongly the best evidence supports the item."""
    threshold: float
    evidence: tuple[Evidence, ...] = ()
    why: str = ""
    """The family that matched, or the cue (negation, hedge, caving) that vetoed it."""

    def to_json(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "score": round(self.score, 1),
            "threshold": self.threshold,
            "evidence": [e.to_json() for e in self.evidence],
            "why": self.why,
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> ItemResult:
        met = data.get("met")
        return cls(
            name=name,
            met=None if met is None else bool(met),
            score=float(data.get("score", 0.0)),
            threshold=float(data.get("threshold", 0.0)),
            evidence=tuple(Evidence.from_json(e) for e in data.get("evidence", [])),
            why=str(data.get("why", "")),
        )


@dataclass(frozen=True)
class ReplyTiming:
    """When the reply happened, if it was spoken; all seconds."""

    response_delay: float | None = None
    """From the end of the recruiter's line to the first word."""
    duration: float | None = None
    """Length of the spoken reply."""
    words: tuple[tuple[str, float, float], ...] = ()
    """(word, start, end) where the speech engine gives them."""

    def to_json(self) -> dict[str, Any]:
        return {
            "response_delay": self.response_delay,
            "duration": self.duration,
            "words": [list(w) for w in self.words],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ReplyTiming:
        data = data or {}
        return cls(
            response_delay=data.get("response_delay"),
            duration=data.get("duration"),
            words=tuple((str(w), float(s), float(e)) for w, s, e in data.get("words", [])),
        )


@dataclass(frozen=True)
class ReplyScore:
    """Everything the scorer found in one reply: ``checks`` has every item name, in order."""

    reply: str
    checks: dict[str, ItemResult]
    metrics: dict[str, Any] = field(default_factory=dict)

    def met(self) -> dict[str, bool | None]:
        return {name: result.met for name, result in self.checks.items()}

    def checks_json(self) -> dict[str, Any]:
        return {name: result.to_json() for name, result in self.checks.items()}
