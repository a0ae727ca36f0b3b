"""What the scorer says about a reply, in shapes the UI, the CLI and the session store share.

Every result carries its evidence (character offsets into the reply) and the
reason for the decision, so nothing about the score is hidden from the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args


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
    probabilities: tuple[float, ...] = ()
    """The engine's confidence (0-1) in each of ``words``, where it gives one."""
    repaired: tuple[tuple[str, str, float | None, float | None], ...] = ()
    """(heard, name, start, end): words the engine heard as one of the call's names and
    wrote as that name; the scorecard shows them as possibly misheard (not saved here: the
    turn's warnings are)."""

    def word_rows(self) -> list[list[str | float]]:
        """``[word, start, end]``, with the probability as a fourth value where there is one."""
        return [
            [*w, round(self.probabilities[i], 3)] if i < len(self.probabilities) else list(w)
            for i, w in enumerate(self.words)
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "response_delay": self.response_delay,
            "duration": self.duration,
            "words": self.word_rows(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ReplyTiming:
        data = data or {}
        return cls(
            response_delay=data.get("response_delay"),
            duration=data.get("duration"),
            words=tuple((str(w[0]), float(w[1]), float(w[2])) for w in data.get("words", [])),
            probabilities=tuple(float(w[3]) for w in data.get("words", []) if len(w) > 3),
        )


Ending = Literal["finished", "hung_up", "input_ended"]
"""How a call ended: the scenario's last turn, the user hanging up, or the replies running out."""

LineKind = Literal["opening", "status", "terms", "change", "info", "future", "wrapup", "unknown"]
"""What the recruiter's line was taken to be (the values of ``scoring.context.LineKind``)."""
LINE_KINDS: tuple[str, ...] = get_args(LineKind)


@dataclass(frozen=True)
class Cue:
    """A hedge the scorer heard: where, and which family of hedges it belongs to."""

    start: int
    end: int
    text: str
    cue: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "cue": self.cue}


def _spans(data: object) -> tuple[Evidence, ...]:
    if not isinstance(data, list):
        return ()
    return tuple(Evidence(int(e["start"]), int(e["end"]), str(e.get("text", "")))
                 for e in data if isinstance(e, Mapping) and "start" in e and "end" in e)


def _count(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _opt_float(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class ReplyMetrics:
    """How one reply sounded, and the scorer's per-reply judgements the call score needs.

    ``line_kind`` and ``caved`` are what "holding the no" is judged from: whether
    the recruiter's line tried to change the decision, and whether the reply gave way.
    """

    words: int = 0
    seconds: float | None = None
    """Length of the spoken reply; ``None`` when typed."""
    wpm: float | None = None
    """``None`` when the reply is too short to time meaningfully."""
    fillers: tuple[Evidence, ...] = ()
    hedges: tuple[Cue, ...] = ()
    apologies: tuple[Evidence, ...] = ()
    reasons: int = 0
    reason_words: int = 0
    response_delay: float | None = None
    truncated: bool = False
    """The reply was so long that only its start was scored."""
    line_kind: LineKind = "unknown"
    caved: bool = False
    """The reply reversed or reopened the decision."""

    @property
    def filler_ratio(self) -> float:
        return round(len(self.fillers) / self.words, 4) if self.words else 0.0

    def to_json(self) -> dict[str, Any]:
        """The document's form (the same keys as version 1 wrote, counts and words apart)."""
        return {
            "words": self.words, "seconds": self.seconds, "wpm": self.wpm,
            "fillers": len(self.fillers), "filler_words": [e.to_json() for e in self.fillers],
            "filler_ratio": self.filler_ratio,
            "hedges": len(self.hedges), "hedge_words": [c.to_json() for c in self.hedges],
            "apologies": len(self.apologies),
            "apology_words": [e.to_json() for e in self.apologies],
            "reasons": self.reasons, "reason_words": self.reason_words,
            "response_delay": self.response_delay, "truncated": self.truncated,
            "line_kind": self.line_kind, "caved": self.caved,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ReplyMetrics:
        """Tolerant: a hand-edited or older file may lack any key (it then counts as 0)."""
        data = data or {}
        hedges = tuple(
            Cue(int(h["start"]), int(h["end"]), str(h.get("text", "")), str(h.get("cue", "")))
            for h in data.get("hedge_words") or () if isinstance(h, Mapping)
            and "start" in h and "end" in h
        )
        kind = data.get("line_kind")
        return cls(
            words=_count(data, "words"),
            seconds=_opt_float(data, "seconds"),
            wpm=_opt_float(data, "wpm"),
            fillers=_spans(data.get("filler_words")) or _unplaced(_count(data, "fillers")),
            hedges=hedges or tuple(Cue(0, 0, "", "") for _ in range(_count(data, "hedges"))),
            apologies=_spans(data.get("apology_words"))
            or _unplaced(_count(data, "apologies")),
            reasons=_count(data, "reasons"),
            reason_words=_count(data, "reason_words"),
            response_delay=_opt_float(data, "response_delay"),
            truncated=bool(data.get("truncated", False)),
            line_kind=kind if kind in LINE_KINDS else "unknown",
            caved=bool(data.get("caved", False)),
        )


def _unplaced(count: int) -> tuple[Evidence, ...]:
    """A count without the words behind it (a file that kept only the number)."""
    return tuple(Evidence(0, 0, "") for _ in range(count))


@dataclass(frozen=True)
class ReplyScore:
    """Everything the scorer found in one reply: ``checks`` has every item name, in order."""

    reply: str
    checks: dict[str, ItemResult]
    metrics: ReplyMetrics = field(default_factory=ReplyMetrics)

    def met(self) -> dict[str, bool | None]:
        return {name: result.met for name, result in self.checks.items()}

    def checks_json(self) -> dict[str, Any]:
        return {name: result.to_json() for name, result in self.checks.items()}
