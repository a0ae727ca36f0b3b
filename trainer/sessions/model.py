"""A practice call as it is kept on disk: the session document and its turns.

The document is the single source of a finished call: its turns (what was said,
how each reply scored, where the call went) and a small typed summary (the
score and how the call ended). The scorecard, ``show``, the exports and the
app's scorecard are all computed from the turns plus the scenario, so nothing
is stored twice and nothing can disagree.

The JSON shape is the contract between the call engine that writes sessions,
the UI and CLI that read them, and older or newer trainers reading the same
folder; so it carries a ``schema_version`` (2; version 1 files are read and
upgraded when next written), keys this version does not know are kept and
written back unchanged, and reading checks every field it uses, naming the
place of the first problem (``turns.2.checks.thanks.met``).
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

from trainer import paths
from trainer.scoring.result import (
    Ending,
    Evidence,
    ItemResult,
    ReplyMetrics,
    ReplyScore,
    ReplyTiming,
)
from trainer.sessions.jsonfields import SessionFormatError, describe
from trainer.speech.misheard import Misheard

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)

Mode = Literal["typed", "audio", "mic"]
MODES: tuple[str, ...] = ("typed", "audio", "mic")

ENDINGS: dict[str, str] = {
    "finished": "finished",
    "hung_up": "hung up",
    "input_ended": "input ended",
}
"""What each ending is called where users see it."""

Help = Literal["hint", "model_answer"]
"""What the user looked at before replying to a turn."""

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


Moment = Annotated[AwareDatetime, PlainSerializer(iso, return_type=str)]


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


# --------------------------------------------------------------------------- results on disk
#
# In the document a check is ``{"met", "score", "threshold", "evidence", "why"}`` with each
# piece of evidence as ``[start, end]`` into the reply (``[start, end, text]`` only when the
# text is not simply that slice), and metrics keep only what is not zero or empty.


def _check_json(result: ItemResult, reply: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "met": result.met,
        "score": round(result.score, 1),
        "threshold": result.threshold,
    }
    if result.evidence:
        out["evidence"] = [
            [e.start, e.end] if reply[e.start : e.end] == e.text else [e.start, e.end, e.text]
            for e in result.evidence
        ]
    if result.why:
        out["why"] = result.why
    return out


def _bad(where: str, problem: str) -> ValueError:
    return ValueError(f"{where}: {problem}" if where else problem)


def _evidence_from(data: object, reply: str, where: str) -> Evidence:
    if isinstance(data, Mapping):  # version 1: {"start", "end", "text"}
        start, end, text = data.get("start"), data.get("end"), data.get("text")
    elif isinstance(data, list) and len(data) in (2, 3):
        start, end = data[0], data[1]
        text = data[2] if len(data) == 3 else None
    else:
        raise _bad(where, f"expected [start, end], got {describe(data)}")
    for key, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(f"{where}.{key}", f"expected a whole number, got {describe(value)}")
    assert isinstance(start, int) and isinstance(end, int)
    if text is None:
        text = reply[start:end]
    if not isinstance(text, str):
        raise _bad(f"{where}.text", f"expected text, got {describe(text)}")
    return Evidence(start, end, text)


def _number(item: Mapping[str, Any], key: str, where: str, default: float) -> float:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"{where}.{key}", f"expected a number, got {describe(value)}")
    return float(value)


def _checks_from(data: object, reply: str) -> dict[str, ItemResult]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise _bad("checks", f"expected an object, got {describe(data)}")
    checks: dict[str, ItemResult] = {}
    for name, item in data.items():
        if isinstance(item, ItemResult):
            checks[name] = item
            continue
        if not isinstance(item, Mapping):
            raise _bad(f"checks.{name}", f"expected an object, got {describe(item)}")
        met = item.get("met")
        if met is not None and not isinstance(met, bool):
            raise _bad(f"checks.{name}.met", f"expected true, false or null, got {describe(met)}")
        why = item.get("why", "")
        if not isinstance(why, str):
            raise _bad(f"checks.{name}.why", f"expected text, got {describe(why)}")
        spans = item.get("evidence") or []
        if not isinstance(spans, list):
            raise _bad(f"checks.{name}.evidence", f"expected a list, got {describe(spans)}")
        checks[name] = ItemResult(
            name=name,
            met=met,
            score=_number(item, "score", f"checks.{name}", 0.0),
            threshold=_number(item, "threshold", f"checks.{name}", 0.0),
            evidence=tuple(
                _evidence_from(e, reply, f"checks.{name}.evidence.{i}") for i, e in enumerate(spans)
            ),
            why=why,
        )
    return checks


def _metrics_json(metrics: ReplyMetrics) -> dict[str, Any]:
    full = metrics.to_json()
    # the counts are the lengths of the word lists, and the ratio follows from them
    for key in ("fillers", "hedges", "apologies", "filler_ratio"):
        full.pop(key)
    return {k: v for k, v in full.items() if v not in (None, False, 0, [], "unknown")}


def _metrics_from(data: object) -> ReplyMetrics:
    if isinstance(data, ReplyMetrics):
        return data
    if data is None:
        return ReplyMetrics()
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object, got {describe(data)}")
    return ReplyMetrics.from_json(data)


def _timing_from(data: object) -> ReplyTiming:
    if isinstance(data, ReplyTiming):
        return data
    if data is None:
        return ReplyTiming()
    if not isinstance(data, Mapping):
        raise ValueError(f"expected an object, got {describe(data)}")
    words: list[tuple[str, float, float]] = []
    probabilities: list[float] = []
    rows = data.get("words") or []
    width = len(rows[0]) if isinstance(rows, list) and rows and isinstance(rows[0], list) else 3
    for i, word in enumerate(rows):
        # [word, start, end]; [word, start, end, probability] since the engine's confidence
        # is kept (every word of a reply has one, or none does)
        if (
            not isinstance(word, list)
            or len(word) not in (3, 4)
            or len(word) != width
            or not isinstance(word[0], str)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in word[1:])
        ):
            raise _bad(f"words.{i}", 'expected ["word", start, end] or ["word", start, end, '
                                     'probability]')
        words.append((word[0], float(word[1]), float(word[2])))
        if len(word) == 4:
            probabilities.append(float(word[3]))
    values: dict[str, float | None] = {}
    for key in ("response_delay", "duration"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise _bad(key, f"expected a number or null, got {describe(value)}")
        values[key] = None if value is None else float(value)
    return ReplyTiming(values["response_delay"], values["duration"], tuple(words),
                       tuple(probabilities))


def _timing_json(timing: ReplyTiming) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    if timing.response_delay is not None:
        out["response_delay"] = timing.response_delay
    if timing.duration is not None:
        out["duration"] = timing.duration
    if timing.words:
        out["words"] = timing.word_rows()
    return out or None


class _Document(BaseModel):
    """Unknown keys are kept (and written back); assignments are not re-validated.

    Validators are built on first use (``defer_build``), so commands that never read a
    session (``trainer --help``) do not pay for them at start-up.
    """

    model_config = ConfigDict(
        extra="allow", arbitrary_types_allowed=True, validate_default=False, defer_build=True
    )


class TurnDecision(_Document):
    """Where the call went after a reply, and why (the branch that held)."""

    goto: str | None = None
    reason: str = ""

    def __init__(self, goto: str | None = None, reason: str = "", **extra: Any) -> None:
        super().__init__(goto=goto, reason=reason, **extra)


class Attempt(_Document):
    """One reply to a turn with how it scored; an earlier try the user redid is kept as one."""

    reply: str
    source: Mode = "typed"
    engine: str | None = None
    audio: str | None = None
    timing: ReplyTiming = Field(default_factory=ReplyTiming)
    checks: dict[str, ItemResult] = Field(default_factory=dict)
    metrics: ReplyMetrics = Field(default_factory=ReplyMetrics)
    at: Moment = Field(default_factory=now)

    @model_validator(mode="before")
    @classmethod
    def _results(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            reply = data.get("reply")
            data = dict(data)
            data["checks"] = _checks_from(
                data.get("checks"), reply if isinstance(reply, str) else ""
            )
            data["audio"] = _recording(data.get("audio"))
        return data

    @field_validator("metrics", mode="before")
    @classmethod
    def _metrics(cls, value: Any) -> ReplyMetrics:
        return _metrics_from(value)

    @field_validator("timing", mode="before")
    @classmethod
    def _timing(cls, value: Any) -> ReplyTiming:
        return _timing_from(value)

    @field_serializer("checks")
    def _checks_out(self, checks: dict[str, ItemResult]) -> dict[str, Any]:
        return {name: _check_json(result, self.reply) for name, result in checks.items()}

    @field_serializer("metrics")
    def _metrics_out(self, metrics: ReplyMetrics) -> dict[str, Any]:
        return _metrics_json(metrics)

    @field_serializer("timing")
    def _timing_out(self, timing: ReplyTiming) -> dict[str, Any] | None:
        return _timing_json(timing)

    def reply_score(self) -> ReplyScore:
        return ReplyScore(self.reply, dict(self.checks), self.metrics)

    def results_json(self, score: ReplyScore | None = None) -> dict[str, Any]:
        """``{"checks", "metrics"}`` as the document writes them: this reply's results, or
        ``score``'s (how a rescore tells whether anything changed)."""
        checks = self.checks if score is None else score.checks
        metrics = self.metrics if score is None else score.metrics
        return {
            "checks": {n: _check_json(r, self.reply) for n, r in checks.items()},
            "metrics": _metrics_json(metrics),
        }

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_defaults=True)
        data.setdefault("at", iso(self.at))
        return data


class TurnRecord(Attempt):
    """One exchange: what the recruiter said, what the user answered, and how it scored."""

    turn_id: str
    recruiter: str
    """The line as it was spoken (one of the turn's alternatives)."""
    expected: tuple[str, ...] = ()
    decision: TurnDecision | None = None
    attempts: list[Attempt] = Field(default_factory=list)
    """Earlier replies to this turn that the user redid; never thrown away."""
    model_answer: str | None = None
    help: tuple[Help, ...] = ()
    """What the user looked at before this reply (a hint, the model answer)."""
    misheard: list[Misheard] = Field(default_factory=list)
    """Words of a spoken reply the recogniser may have misheard where it changes the score."""
    heard: str | None = None
    """What the recogniser heard, once the user corrected it (``reply`` is the correction)."""
    corrected: Moment | None = None
    """When the user corrected the transcript of this reply."""
    index: int = Field(default=0, exclude=True)
    """Position in the call (its place in ``turns``; not written)."""

    @field_validator("misheard", mode="before")
    @classmethod
    def _misheard(cls, value: Any) -> list[Misheard]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {describe(value)}")
        return [w if isinstance(w, Misheard) else Misheard.from_json(w, str(i))
                for i, w in enumerate(value)]

    @field_serializer("misheard")
    def _misheard_out(self, misheard: list[Misheard]) -> list[dict[str, Any]]:
        return [w.to_json() for w in misheard]

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
        help: tuple[Help, ...] = (),
        misheard: tuple[Misheard, ...] = (),
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
            metrics=score.metrics,
            decision=decision,
            model_answer=model_answer,
            help=help,
            misheard=list(misheard),
        )

    def as_attempt(self) -> Attempt:
        return Attempt(
            reply=self.reply,
            source=self.source,
            engine=self.engine,
            audio=self.audio,
            timing=self.timing,
            checks=dict(self.checks),
            metrics=self.metrics,
            at=self.at,
        )


class PreviousScore(_Document):
    """What a session scored before ``trainer rescore`` replaced it."""

    rescored_at: Moment
    score: float | None = Field(default=None, ge=0, le=100)
    turns: list[dict[str, Any]] = Field(default_factory=list)
    """Per turn: ``{"index", "checks", "metrics"}`` as they were."""

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class CallSummary(_Document):
    """What the call came to, written when it ends: the one figure not derived on reading."""

    score: float | None = Field(default=None, ge=0, le=100)
    ending: Ending = "finished"


# --------------------------------------------------------------------------- the letter
#
# The follow-up letter written after the call: every version the user saved, with how it
# scored (evidence as ``[start, end, text]`` into the scored letter, which is the saved text
# read as a letter), and what the draft repaired. Older sessions simply have none.


LetterOrigin = Literal["draft", "edited", "blank"]


class LetterVersion(_Document):
    """One saved version of the letter: the text as the user left it, and how it scored."""

    text: str
    saved: Moment = Field(default_factory=now)
    origin: LetterOrigin = "edited"
    """Where this version started: the trainer's draft as it was, an edit, a blank page."""
    score: int | None = Field(default=None, ge=0, le=100)
    words: int = 0
    checks: dict[str, ItemResult] = Field(default_factory=dict)

    @field_validator("checks", mode="before")
    @classmethod
    def _checks(cls, value: Any) -> dict[str, ItemResult]:
        return _checks_from(value, "")

    @field_serializer("checks")
    def _checks_out(self, checks: dict[str, ItemResult]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, result in checks.items():
            item: dict[str, Any] = {"met": result.met, "score": round(result.score, 1),
                                    "threshold": result.threshold}
            if result.evidence:
                item["evidence"] = [[e.start, e.end, e.text] for e in result.evidence]
            if result.why:
                item["why"] = result.why
            out[name] = item
        return out


class LetterRepair(_Document):
    """Something the call missed that the draft put right (shown beside the letter)."""

    item: str
    message: str


class SessionLetter(_Document):
    """The follow-up letter kept with the session: its saved versions, oldest first."""

    versions: list[LetterVersion] = Field(default_factory=list)
    repairs: list[LetterRepair] = Field(default_factory=list)

    @property
    def latest(self) -> LetterVersion | None:
        return self.versions[-1] if self.versions else None


# --------------------------------------------------------------------------- the session


class Session(_Document):
    schema_version: int = SCHEMA_VERSION
    session_id: str
    scenario: str
    scenario_title: str = ""
    scenario_hash: str = ""
    """sha256 of the scenario file's bytes when the call was made."""
    mode: Mode
    started: Moment = Field(default_factory=now)
    ended: Moment | None = None
    turns: list[TurnRecord] = Field(default_factory=list)
    outcome: CallSummary | None = None
    """The small typed summary; ``None`` while the call is going on (or was abandoned)."""
    rescored_from: list[PreviousScore] = Field(default_factory=list)
    letter: SessionLetter | None = None
    """The follow-up letter, once the user saved one (see :mod:`trainer.letter.saved`)."""
    read_version: int = Field(default=SCHEMA_VERSION, exclude=True)
    """The version the file had when read: a version-1 file is backed up before its first
    rewrite."""

    @model_validator(mode="after")
    def _number_turns(self) -> Session:
        for i, turn in enumerate(self.turns):
            turn.index = i
        return self

    # -- derived ---------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def score(self) -> float | None:
        return None if self.outcome is None else self.outcome.score

    @property
    def ending(self) -> Ending | None:
        return None if self.outcome is None else self.outcome.ending

    @property
    def status(self) -> str:
        """``finished``, ``hung up``, ``input ended`` or ``unfinished``, as users read it."""
        return "unfinished" if self.outcome is None else ENDINGS[self.outcome.ending]

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

    # -- changes ---------------------------------------------------------------------

    def add_letter_version(self, version: LetterVersion,
                           repairs: list[LetterRepair] | None = None) -> LetterVersion:
        """Keep a new version of the follow-up letter (earlier ones stay); ``repairs`` replace
        the kept ones when given (a fresh draft brings its own)."""
        if self.letter is None:
            self.letter = SessionLetter()
        self.letter.versions.append(version)
        if repairs is not None:
            self.letter.repairs = list(repairs)
        return version

    def finish(self, score: float | None, ending: Ending = "finished") -> None:
        self.ended = now()
        self.outcome = CallSummary(score=score, ending=ending)

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
            raise ValueError(f"the last turn is '{previous.turn_id}', not '{record.turn_id}'")
        record.index = previous.index
        record.attempts = [*previous.attempts, previous.as_attempt(), *record.attempts]
        record.help = tuple(dict.fromkeys((*previous.help, *record.help)))
        self.turns[-1] = record
        return record

    def set_turn(self, index: int, data: dict[str, Any]) -> TurnRecord:
        """Put a turn given in its JSON form at ``index``: the next one, or a redone last one.

        For a caller that builds turns as JSON. ValueError (SessionFormatError) if
        ``data`` does not have the document's shape, so a bad turn never reaches the disk.
        """
        if not 0 <= index <= len(self.turns):
            raise ValueError(f"turn {index} cannot be set: the session has {len(self.turns)}")
        try:
            record = TurnRecord.model_validate(data)
        except ValidationError as exc:
            raise _format_error(exc, f"turns.{index}") from None
        record.index = index
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
        """What the index keeps of this session."""
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
            status=self.status,
        )

    # -- the document ----------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_defaults=True)
        # always written, so a reader (or a person) never has to know the defaults
        data["schema_version"] = SCHEMA_VERSION
        data["started"] = iso(self.started)
        data["mode"] = self.mode
        data["turns"] = [turn.to_json() for turn in self.turns]
        order = (
            "schema_version",
            "session_id",
            "scenario",
            "scenario_title",
            "scenario_hash",
            "started",
            "ended",
            "mode",
            "outcome",
            "turns",
            "letter",
            "rescored_from",
        )
        return {
            **{k: data[k] for k in order if k in data},
            **{k: v for k, v in data.items() if k not in order},
        }

    @classmethod
    def from_json(cls, data: object) -> Session:
        """The session in ``data`` (version 1 or 2); :class:`SessionFormatError` names the
        first bad field."""
        if not isinstance(data, Mapping):
            raise SessionFormatError("(top level)", f"expected an object, got {describe(data)}")
        version = data.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            if "schema_version" not in data:
                raise SessionFormatError("schema_version", "missing")
            raise SessionFormatError(
                "schema_version", f"expected a whole number, got {describe(version)}"
            )
        if version > SCHEMA_VERSION:
            raise SessionFormatError(
                "schema_version",
                f"{version} is newer than this trainer reads ({SCHEMA_VERSION}); "
                "update the trainer to open it",
            )
        if version < 1:
            raise SessionFormatError("schema_version", f"{version} is not a valid version")
        if version == 1:
            data = upgrade_v1(data)
        try:
            session = cls.model_validate(data)
        except ValidationError as exc:
            raise _format_error(exc) from None
        session.read_version = version
        return session


def upgrade_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """A version-1 document in version 2's shape, losing nothing the trainer shows.

    Version 1 also stored the scorecard (derived from the turns, so dropped here)
    and ``finished`` (now the summary; a call whose last reply did not lead to
    the end was hung up). The file itself is kept beside the upgraded one.
    """
    out = {
        k: v
        for k, v in data.items()
        if k not in ("score", "scorecard", "finished", "path", "schema_version")
    }
    out["schema_version"] = 2
    finished = data.get("finished", False)
    if not isinstance(finished, bool):
        raise SessionFormatError("finished", f"expected true or false, got {describe(finished)}")
    if finished:
        turns = data.get("turns")
        last = turns[-1] if isinstance(turns, list) and turns else None
        decision = last.get("decision") if isinstance(last, Mapping) else None
        goto = decision.get("goto") if isinstance(decision, Mapping) else None
        ending = "finished" if goto in (None, "end") else "hung_up"
        out["outcome"] = {"score": data.get("score"), "ending": ending}
    turns = data.get("turns")
    if isinstance(turns, list):
        out["turns"] = [
            {k: v for k, v in t.items() if k != "index"} if isinstance(t, Mapping) else t
            for t in turns
        ]
    previous = data.get("rescored_from")
    if isinstance(previous, list):
        out["rescored_from"] = [
            {k: v for k, v in p.items() if k != "scorecard"} if isinstance(p, Mapping) else p
            for p in previous
        ]
    return out


def _format_error(exc: ValidationError, prefix: str = "") -> SessionFormatError:
    """The first problem, at its place in the document (``turns.2.checks.thanks.met``)."""
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in (*([prefix] if prefix else []), *error["loc"]))
    message = error["msg"]
    if error["type"] == "missing":
        message = "missing"
    elif message.startswith("Value error, "):
        inner = message.removeprefix("Value error, ")
        place, sep, rest = inner.partition(": ")
        if sep and " " not in place:
            where, message = f"{where}.{place}" if where else place, rest
        else:
            message = inner
    elif error["type"] == "literal_error":
        message = f"{describe(error.get('input'))} is not one of {_choices(error)}"
    elif error["type"].startswith("timezone_aware"):
        message = f'"{error.get("input")}" has no time zone; add one, e.g. +00:00'
    elif error["type"].startswith("datetime"):
        message = f'"{error.get("input")}" is not an ISO 8601 time like 2025-06-01T14:22:33+00:00'
    else:
        message = f"{message[0].lower()}{message[1:]}, got {describe(error.get('input'))}"
    return SessionFormatError(where, message)


def _choices(error: Any) -> str:
    expected = (error.get("ctx") or {}).get("expected", "")
    return str(expected).replace("'", "")


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
    status: str = ""
    """``finished``, ``hung up``, ``input ended`` or ``unfinished``."""

    def __post_init__(self) -> None:
        if not self.status:
            self.status = "finished" if self.finished else "unfinished"

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "scenario": self.scenario,
            "scenario_title": self.scenario_title,
            "started": iso(self.started),
            "ended": None if self.ended is None else iso(self.ended),
            "finished": self.finished,
            "status": self.status,
            "mode": self.mode,
            "score": self.score,
            "turns": self.turns,
            "duration": self.duration,
            "items": self.items,
            "rescored": self.rescored,
        }
