"""A practice call as it is kept on disk: the session document and its turns.

The JSON shape is the contract between the call engine that writes sessions,
the UI and CLI that read them, and older or newer trainers reading the same
folder; so it carries a ``schema_version``, keys this version does not know are
kept and written back unchanged, and reading it checks every field it uses.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast

from trainer import paths
from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming
from trainer.sessions.jsonfields import Fields, SessionFormatError

SCHEMA_VERSION = 1

Mode = Literal["typed", "audio", "mic"]
MODES: tuple[str, ...] = ("typed", "audio", "mic")

_SAFE_ID = re.compile(r"[^a-z0-9_-]+")


def now() -> datetime:
    """The current time, in UTC, to the millisecond (what the document can hold)."""
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def new_session_id(scenario_id: str, when: datetime | None = None) -> str:
    """``20250601T142233Z-offer-accepted-elsewhere-3fa9c1``: sorts by start time.

    The scenario id is reduced to file-name-safe characters, since the id is also
    the file name.
    """
    moment = (when or now()).astimezone(UTC)
    slug = _SAFE_ID.sub("-", scenario_id.lower()).strip("-")[:48] or "scenario"
    return f"{moment:%Y%m%dT%H%M%SZ}-{slug}-{secrets.token_hex(3)}"


# --------------------------------------------------------------------------- results


def checks_to_json(checks: dict[str, ItemResult]) -> dict[str, Any]:
    return {name: result.to_json() for name, result in checks.items()}


def _checks_from(fields: Fields, key: str) -> dict[str, ItemResult]:
    """Item results, each field checked, so a hand edit cannot break the report later."""
    checks: dict[str, ItemResult] = {}
    for name, item in fields.items(key):
        evidence = tuple(
            Evidence(e.integer("start"), e.integer("end"), e.text("text"))
            for e in item.objects("evidence")
        )
        checks[name] = ItemResult(
            name=name,
            met=item.opt_boolean("met"),
            score=item.number("score", 0.0),
            threshold=item.number("threshold", 0.0),
            evidence=evidence,
            why=item.text("why", ""),
        )
    return checks


def _timing_from(fields: Fields, key: str) -> ReplyTiming:
    node = fields.opt_obj(key)
    if node is None:
        return ReplyTiming()
    words: list[tuple[str, float, float]] = []
    for where, word in node.lists("words"):
        if (
            len(word) != 3
            or not isinstance(word[0], str)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in word[1:])
        ):
            raise SessionFormatError(where, 'expected ["word", start, end]')
        words.append((word[0], float(word[1]), float(word[2])))
    return ReplyTiming(
        response_delay=node.opt_number("response_delay"),
        duration=node.opt_number("duration"),
        words=tuple(words),
    )


def _mode(value: str) -> Mode:
    """``value`` has been checked against :data:`MODES` already."""
    return cast(Mode, value)


def _recording(audio: object) -> object:
    """A recording inside the recordings folder as a path relative to it, as the document
    keeps it (so the data folder can move); anything else as given."""
    if not isinstance(audio, str) or not audio:
        return audio
    path = Path(audio)
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            return str(path.relative_to(paths.recordings_dir()))
    return audio


def _extra(data: Fields, known: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in data.data.items() if key not in known}


@dataclass
class TurnDecision:
    """Where the call went after a reply, and why (the branch that held)."""

    goto: str | None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"goto": self.goto, "reason": self.reason}

    @classmethod
    def from_fields(cls, fields: Fields) -> TurnDecision:
        return cls(fields.opt_text("goto"), fields.text("reason", ""))


@dataclass
class Attempt:
    """An earlier reply to a turn the user chose to redo; kept, never thrown away."""

    reply: str
    source: Mode
    engine: str | None = None
    audio: str | None = None
    timing: ReplyTiming = field(default_factory=ReplyTiming)
    checks: dict[str, ItemResult] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=now)

    def to_json(self) -> dict[str, Any]:
        return {
            "reply": self.reply,
            "source": self.source,
            "engine": self.engine,
            "audio": self.audio,
            "timing": self.timing.to_json(),
            "checks": checks_to_json(self.checks),
            "metrics": self.metrics,
            "at": iso(self.at),
        }

    @classmethod
    def from_fields(cls, fields: Fields) -> Attempt:
        return cls(
            reply=fields.text("reply"),
            source=_mode(fields.choice("source", MODES, "typed")),
            engine=fields.opt_text("engine"),
            audio=fields.opt_text("audio"),
            timing=_timing_from(fields, "timing"),
            checks=_checks_from(fields, "checks"),
            metrics=fields.raw_dict("metrics"),
            at=fields.time("at"),
        )


_TURN_KEYS = frozenset(
    {"index", "turn_id", "recruiter", "reply", "source", "engine", "audio", "timing",
     "expected", "checks", "metrics", "decision", "attempts", "at", "model_answer"}
)


@dataclass
class TurnRecord:
    """One exchange: what the recruiter said, what the user answered, and how it scored."""

    turn_id: str
    recruiter: str
    """The line as it was spoken (one of the turn's alternatives)."""
    reply: str
    """The transcript, or the typed text."""
    source: Mode = "typed"
    engine: str | None = None
    """The speech engine that made the transcript, when spoken."""
    audio: str | None = None
    """The recording, relative to the recordings folder."""
    timing: ReplyTiming = field(default_factory=ReplyTiming)
    expected: tuple[str, ...] = ()
    checks: dict[str, ItemResult] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    decision: TurnDecision | None = None
    attempts: list[Attempt] = field(default_factory=list)
    at: datetime = field(default_factory=now)
    model_answer: str | None = None
    index: int = 0
    """Position in the call, set by :meth:`Session.add_turn`."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields written by a newer trainer, kept so saving loses nothing."""

    @classmethod
    def from_reply_score(
        cls,
        turn_id: str,
        recruiter: str,
        score: ReplyScore,
        *,
        expected: tuple[str, ...] | list[str] = (),
        source: Mode = "typed",
        engine: str | None = None,
        audio: str | None = None,
        timing: ReplyTiming | None = None,
        decision: TurnDecision | None = None,
        model_answer: str | None = None,
    ) -> TurnRecord:
        return cls(
            turn_id=turn_id,
            recruiter=recruiter,
            reply=score.reply,
            source=source,
            engine=engine,
            audio=audio,
            timing=timing or ReplyTiming(),
            expected=tuple(expected),
            checks=dict(score.checks),
            metrics=dict(score.metrics),
            decision=decision,
            model_answer=model_answer,
        )

    def reply_score(self) -> ReplyScore:
        return ReplyScore(self.reply, dict(self.checks), dict(self.metrics))

    def as_attempt(self) -> Attempt:
        return Attempt(
            self.reply, self.source, self.engine, self.audio, self.timing,
            dict(self.checks), dict(self.metrics), self.at,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "index": self.index,
            "turn_id": self.turn_id,
            "recruiter": self.recruiter,
            "reply": self.reply,
            "source": self.source,
            "engine": self.engine,
            "audio": self.audio,
            "timing": self.timing.to_json(),
            "expected": list(self.expected),
            "checks": checks_to_json(self.checks),
            "metrics": self.metrics,
            "decision": None if self.decision is None else self.decision.to_json(),
            "attempts": [a.to_json() for a in self.attempts],
            "at": iso(self.at),
            "model_answer": self.model_answer,
        }

    @classmethod
    def from_fields(cls, fields: Fields, position: int) -> TurnRecord:
        decision = fields.opt_obj("decision")
        return cls(
            index=fields.integer("index", position),
            turn_id=fields.text("turn_id"),
            recruiter=fields.text("recruiter"),
            reply=fields.text("reply"),
            source=_mode(fields.choice("source", MODES, "typed")),
            engine=fields.opt_text("engine"),
            audio=fields.opt_text("audio"),
            timing=_timing_from(fields, "timing"),
            expected=tuple(fields.texts("expected")),
            checks=_checks_from(fields, "checks"),
            metrics=fields.raw_dict("metrics"),
            decision=None if decision is None else TurnDecision.from_fields(decision),
            attempts=[Attempt.from_fields(a) for a in fields.objects("attempts")],
            at=fields.time("at"),
            model_answer=fields.opt_text("model_answer"),
            extra=_extra(fields, _TURN_KEYS),
        )


@dataclass
class PreviousScore:
    """What a session scored before ``trainer rescore`` replaced it."""

    rescored_at: datetime
    score: float | None
    scorecard: dict[str, Any] | None
    turns: list[dict[str, Any]]
    """Per turn: ``{"index", "checks", "metrics"}`` as they were."""

    def to_json(self) -> dict[str, Any]:
        return {
            "rescored_at": iso(self.rescored_at),
            "score": self.score,
            "scorecard": self.scorecard,
            "turns": self.turns,
        }

    @classmethod
    def from_fields(cls, fields: Fields) -> PreviousScore:
        scorecard = fields.opt_obj("scorecard")
        return cls(
            rescored_at=fields.time("rescored_at"),
            score=fields.score("score"),
            scorecard=None if scorecard is None else dict(scorecard.data),
            turns=[dict(t.data) for t in fields.objects("turns")],
        )


# --------------------------------------------------------------------------- the session


_SESSION_KEYS = frozenset(
    {"schema_version", "session_id", "scenario", "scenario_title", "scenario_hash", "started",
     "ended", "finished", "mode", "path", "turns", "score", "scorecard", "rescored_from"}
)


@dataclass
class Session:
    session_id: str
    scenario: str
    scenario_title: str
    scenario_hash: str
    """sha256 of the scenario file's bytes when the call was made."""
    mode: Mode
    started: datetime = field(default_factory=now)
    ended: datetime | None = None
    finished: bool = False
    turns: list[TurnRecord] = field(default_factory=list)
    score: float | None = None
    scorecard: dict[str, Any] | None = None
    rescored_from: list[PreviousScore] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> list[str]:
        """The turn ids taken, in order (derived from the turns, so it cannot disagree)."""
        return [turn.turn_id for turn in self.turns]

    @property
    def last_activity(self) -> datetime:
        if self.ended is not None:
            return self.ended
        return self.turns[-1].at if self.turns else self.started

    @property
    def duration(self) -> float | None:
        """Seconds from the start to the end (or to the last saved turn, if unfinished)."""
        if self.ended is None and not self.turns:
            return None
        return max(0.0, (self.last_activity - self.started).total_seconds())

    def add_turn(self, record: TurnRecord) -> TurnRecord:
        """Append the reply to the next turn of the call."""
        record.index = len(self.turns)
        self.turns.append(record)
        return record

    def redo_last_turn(self, record: TurnRecord) -> TurnRecord:
        """Replace the last reply with a new try at the same turn, keeping the old one."""
        if not self.turns:
            raise ValueError("there is no turn to redo yet")
        previous = self.turns[-1]
        if previous.turn_id != record.turn_id:
            raise ValueError(
                f"the last turn is '{previous.turn_id}', not '{record.turn_id}'"
            )
        record.index = previous.index
        record.attempts = [*previous.attempts, previous.as_attempt(), *record.attempts]
        self.turns[-1] = record
        return record

    def set_turn(self, index: int, data: dict[str, Any]) -> TurnRecord:
        """Put a turn given in its JSON form at ``index``: the next one, or a redone last one.

        For a caller that builds turns as JSON (the call engine). A turn or attempt
        without ``at`` is stamped now. ValueError (SessionFormatError) if ``data``
        does not have the document's shape, so a bad turn never reaches the disk.
        """
        if not 0 <= index <= len(self.turns):
            raise ValueError(f"turn {index} cannot be set: the session has {len(self.turns)}")
        stamp = iso(now())
        data = {**data, "index": index, "at": data.get("at") or stamp,
                "audio": _recording(data.get("audio"))}
        attempts = data.get("attempts")
        if isinstance(attempts, list):
            data["attempts"] = [
                {**a, "at": a.get("at") or stamp, "audio": _recording(a.get("audio"))}
                if isinstance(a, dict) else a
                for a in attempts
            ]
        record = TurnRecord.from_fields(Fields(data, f"turns[{index}]"), index)
        if index == len(self.turns):
            self.turns.append(record)
        else:
            self.turns[index] = record
        return record

    def next_turn_id(self) -> str | None:
        """Where a resumed call picks up: the last decision's target, or ``None`` for the start."""
        if not self.turns:
            return None
        decision = self.turns[-1].decision
        return decision.goto if decision is not None else self.turns[-1].turn_id

    def visits(self) -> dict[str, int]:
        """How often each turn was played, for the scenario's ``max_visits`` on resume."""
        counts: dict[str, int] = {}
        for turn_id in self.path:
            counts[turn_id] = counts.get(turn_id, 0) + 1
        return counts

    def item_counts(self) -> dict[str, tuple[int, int]]:
        """For each checklist item: (replies that met it, replies it was judged on).

        A do-item counts only the replies to turns that expected it, when any did;
        otherwise, like a pitfall, every reply it applied to (``met`` not null).
        For a pitfall, "met" means it showed up.
        """
        expected_somewhere = {name for turn in self.turns for name in turn.expected}
        tally: dict[str, tuple[int, int]] = {}
        for turn in self.turns:
            for name, result in turn.checks.items():
                if result.met is None:
                    continue
                if name in expected_somewhere and name not in turn.expected:
                    continue
                met, total = tally.get(name, (0, 0))
                tally[name] = (met + int(result.met), total + 1)
        return tally

    def item_fractions(self) -> dict[str, float]:
        """Share of replies (0-1) meeting each item, as :meth:`item_counts` counts them."""
        return {name: met / total for name, (met, total) in self.item_counts().items() if total}

    def summary(self) -> SessionSummary:
        return SessionSummary(
            session_id=self.session_id,
            scenario=self.scenario,
            scenario_title=self.scenario_title,
            started=self.started,
            ended=self.ended,
            finished=self.finished,
            mode=self.mode,
            score=self.score,
            turns=len(self.turns),
            duration=self.duration,
            items=self.item_fractions(),
            rescored=len(self.rescored_from),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "schema_version": SCHEMA_VERSION,
            "session_id": self.session_id,
            "scenario": self.scenario,
            "scenario_title": self.scenario_title,
            "scenario_hash": self.scenario_hash,
            "started": iso(self.started),
            "ended": None if self.ended is None else iso(self.ended),
            "finished": self.finished,
            "mode": self.mode,
            "path": self.path,
            "turns": [turn.to_json() for turn in self.turns],
            "score": self.score,
            "scorecard": self.scorecard,
            "rescored_from": [entry.to_json() for entry in self.rescored_from],
        }

    @classmethod
    def from_json(cls, data: object) -> Session:
        """The session in ``data``; :class:`SessionFormatError` names the first bad field."""
        fields = Fields(data)
        version = fields.integer("schema_version")
        if version > SCHEMA_VERSION:
            raise SessionFormatError(
                "schema_version",
                f"{version} is newer than this trainer reads ({SCHEMA_VERSION}); "
                "update the trainer to open it",
            )
        if version < 1:
            raise SessionFormatError("schema_version", f"{version} is not a valid version")
        scorecard = fields.opt_obj("scorecard")
        return cls(
            session_id=fields.text("session_id"),
            scenario=fields.text("scenario"),
            scenario_title=fields.text("scenario_title", ""),
            scenario_hash=fields.text("scenario_hash", ""),
            mode=_mode(fields.choice("mode", MODES)),
            started=fields.time("started"),
            ended=fields.opt_time("ended"),
            finished=fields.boolean("finished", False),
            turns=[
                TurnRecord.from_fields(turn, i) for i, turn in enumerate(fields.objects("turns"))
            ],
            score=fields.score("score"),
            scorecard=None if scorecard is None else dict(scorecard.data),
            rescored_from=[PreviousScore.from_fields(e) for e in fields.objects("rescored_from")],
            extra=_extra(fields, _SESSION_KEYS),
        )


@dataclass(slots=True)
class SessionSummary:
    """What a listing, a chart or a sparkline needs, kept in the index so no session is read.

    Not frozen: a listing builds thousands, and a frozen dataclass is several times
    slower to construct. Treat it as read-only.
    """

    session_id: str
    scenario: str
    scenario_title: str
    started: datetime
    ended: datetime | None
    finished: bool
    mode: str
    score: float | None
    turns: int
    duration: float | None
    """Seconds; for an unfinished call, up to its last saved turn."""
    items: dict[str, float] = field(default_factory=dict)
    """Item name -> share of replies that met it (see :meth:`Session.item_fractions`)."""
    rescored: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "scenario": self.scenario,
            "scenario_title": self.scenario_title,
            "started": iso(self.started),
            "ended": None if self.ended is None else iso(self.ended),
            "finished": self.finished,
            "mode": self.mode,
            "score": self.score,
            "turns": self.turns,
            "duration": self.duration,
            "items": self.items,
            "rescored": self.rescored,
        }

