"""One rehearsed call: the recruiter's lines, the user's replies, the branch rules, the saving.

The TUI and the line mode both drive a :class:`Call`, so a call scores, branches
and saves the same way whichever screen the user is looking at. Every answered
turn is written to the session store before :meth:`Call.answer` returns.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from trainer import paths
from trainer.call.reply import Reply
from trainer.scenario.branching import Decision, choose_next
from trainer.scenario.loader import file_sha256
from trainer.scenario.model import END, Scenario, Turn
from trainer.scoring import Scorer
from trainer.scoring.result import ReplyScore, ReplyTiming
from trainer.scoring.scorecard import Scorecard, ScoredTurn, build_scorecard
from trainer.sessions.model import MODES, Mode, Session, TurnDecision, TurnRecord
from trainer.sessions.store import SessionStore


def _as_reply(reply: Reply | str) -> Reply:
    return Reply(reply) if isinstance(reply, str) else reply


def _mode(source: str) -> Mode:
    if source not in MODES:
        raise ValueError(f"source must be one of {', '.join(MODES)}, not {source!r}")
    return source  # type: ignore[return-value]


@dataclass(frozen=True)
class TurnOutcome:
    turn_id: str
    recruiter: str
    reply: str
    expected: tuple[str, ...]
    score: ReplyScore
    decision: Decision
    attempt: int = 1
    source: str = "typed"
    engine: str | None = None
    audio: Path | None = None
    timing: ReplyTiming | None = None
    earlier: tuple[TurnOutcome, ...] = field(default=())
    """Attempts at this turn the user redid and did not keep."""

    def met_expected(self) -> int:
        return sum(1 for name in self.expected if self.score.checks[name].met)


class Call:
    """A call in progress; ``current_turn`` is ``None`` once it has ended."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        scenario_path: Path | None = None,
        scenario_hash: str = "",
        scorer: Scorer | None = None,
        store: SessionStore | None = None,
        mode: Mode = "typed",
        rng: random.Random | None = None,
        save: bool = True,
    ) -> None:
        self.scenario = scenario
        self.scorer = scorer or Scorer(scenario.items)
        self.outcomes: list[TurnOutcome] = []
        self._rng = rng or random.Random()
        self._visits: Counter[str] = Counter()
        self._current: str | None = None
        self._line = ""
        self._hung_up = False
        self.store = (store or SessionStore()) if save else None
        self.session: Session | None = None
        if scenario_path is not None and not scenario_hash:
            scenario_hash = file_sha256(scenario_path)
        self._scenario_hash = scenario_hash
        self._mode = mode
        self._enter(scenario.start_id)

    @classmethod
    def resume(
        cls,
        scenario: Scenario,
        session_id: str,
        *,
        store: SessionStore | None = None,
        scorer: Scorer | None = None,
        rng: random.Random | None = None,
    ) -> Call:
        """Go on with an unfinished session from the turn its last saved reply led to."""
        call = cls(scenario, scorer=scorer, rng=rng, save=False)
        call.store = store or SessionStore()
        call.session = call.store.resume(session_id)
        call.outcomes = [
            TurnOutcome(
                record.turn_id, record.recruiter, record.reply, record.expected,
                record.reply_score(),
                Decision(record.decision.goto or END, record.decision.reason, None)
                if record.decision else Decision(END, "", None),
                1 + len(record.attempts), record.source, record.engine, None, record.timing,
            )
            for record in call.session.turns
        ]
        call._visits = Counter(call.session.visits())
        goto = call.session.next_turn_id() or scenario.start_id
        if goto != END and goto not in {t.id for t in scenario.turns}:
            goto = END
        call._go(goto)
        return call

    # -- state -----------------------------------------------------------------------------

    @property
    def session_id(self) -> str | None:
        """None until the first reply is saved (and always, with ``save=False``)."""
        return self.session.session_id if self.session else None

    @property
    def current_turn(self) -> Turn | None:
        return None if self._current is None else self.scenario.turn(self._current)

    @property
    def recruiter_line(self) -> str:
        """The phrasing picked for the current turn, or "" once the call has ended."""
        return self._line

    @property
    def finished(self) -> bool:
        return self._current is None

    @property
    def hung_up(self) -> bool:
        """True when the user ended the call before the scenario did."""
        return self._hung_up

    def hint(self) -> str | None:
        turn = self.current_turn
        return turn.hint if turn else None

    def model_answer(self) -> str | None:
        turn = self.current_turn
        return turn.model_answer if turn else None

    # -- actions ---------------------------------------------------------------------------

    def answer(self, reply: Reply | str) -> TurnOutcome:
        """Score ``reply`` to the current line, save it, and move on by the branch rules.

        A plain string is a typed reply.
        """
        turn = self.current_turn
        if turn is None:
            raise RuntimeError("the call has ended")
        outcome = self._score(turn, self._line, _as_reply(reply), attempt=1)
        self.outcomes.append(outcome)
        self._save_new_turn(outcome)
        self._go(outcome.decision.goto)
        return outcome

    def try_again(self, reply: Reply | str) -> TurnOutcome:
        """A new attempt at the last answered turn, not kept until :meth:`keep_attempt`."""
        if not self.outcomes:
            raise RuntimeError("no turn has been answered yet")
        last = self.outcomes[-1]
        turn = self.scenario.turn(last.turn_id)
        visits = self._visits.copy()
        visits[last.decision.goto] -= 1  # the move the kept answer made is undone
        return self._score(turn, last.recruiter, _as_reply(reply),
                           attempt=last.attempt + len(last.earlier) + 1, visits=visits)

    def keep_attempt(self, outcome: TurnOutcome) -> None:
        """Make an attempt from :meth:`try_again` the answer to its turn; re-decide the branch."""
        last = self.outcomes[-1]
        if outcome.turn_id != last.turn_id:
            raise ValueError("only the last answered turn can be redone")
        if outcome is last:
            return
        kept = replace(outcome, earlier=(*last.earlier, replace(last, earlier=())))
        self.outcomes[-1] = kept
        if last.decision.goto != END:
            self._visits[last.decision.goto] -= 1
        self._save_redo(outcome)
        self._hung_up = False
        self._go(kept.decision.goto)

    def hang_up(self) -> None:
        """End the call now; what was said is saved and scored as it stands."""
        if self._current is not None:
            self._hung_up = True
            self._current = None
            self._line = ""
            self._finish()

    def scorecard(self) -> Scorecard:
        turns = [
            ScoredTurn(o.turn_id, o.recruiter, o.reply, o.expected, o.score,
                       self.scenario.turn(o.turn_id).model_answer)
            for o in self.outcomes
        ]
        return build_scorecard(turns, self.scenario)

    # -- internals -------------------------------------------------------------------------

    def _score(
        self,
        turn: Turn,
        line: str,
        reply: Reply,
        *,
        attempt: int,
        visits: Counter[str] | None = None,
    ) -> TurnOutcome:
        score = self.scorer.score(reply.text, line, followup=turn.followup, timing=reply.timing)
        decision = choose_next(self.scenario, turn, score.met(), reply.text,
                               self._visits if visits is None else visits)
        return TurnOutcome(turn.id, line, reply.text, tuple(turn.expect), score, decision,
                           attempt, reply.source, reply.engine, reply.audio, reply.timing)

    def _enter(self, turn_id: str) -> None:
        turn = self.scenario.turn(turn_id)
        self._visits[turn_id] += 1
        self._current = turn_id
        self._line = self._rng.choice(turn.lines())

    def _go(self, goto: str) -> None:
        if goto == END:
            self._current = None
            self._line = ""
            self._finish()
        else:
            self._enter(goto)

    def _record(self, outcome: TurnOutcome, index: int) -> TurnRecord:
        return TurnRecord.from_reply_score(
            outcome.turn_id,
            outcome.recruiter,
            outcome.score,
            expected=outcome.expected,
            source=_mode(outcome.source),
            engine=outcome.engine,
            audio=self._keep_recording(outcome.audio, index, outcome.attempt),
            timing=outcome.timing,
            decision=TurnDecision(outcome.decision.goto, outcome.decision.reason),
            model_answer=self.scenario.turn(outcome.turn_id).model_answer,
        )

    def _keep_recording(self, audio: Path | None, index: int, attempt: int) -> str | None:
        """The reply's audio, copied beside the session so the user can play it back later."""
        if audio is None or self.session is None:
            return None
        folder = paths.recordings_dir()
        try:
            return str(audio.resolve().relative_to(folder.resolve()))
        except ValueError:
            pass
        target = folder / self.session.session_id / f"turn-{index + 1:02d}-{attempt}{audio.suffix}"
        try:
            paths.ensure_dir(target.parent)
            shutil.copyfile(audio, target)
        except OSError:
            return str(audio)
        return str(target.relative_to(folder))

    def _save_new_turn(self, outcome: TurnOutcome) -> None:
        if self.store is None:
            return
        if self.session is None:
            # Created with the first reply: a call hung up before anything was said
            # leaves no empty session behind.
            self.session = self.store.create(self.scenario.id, self.scenario.title,
                                             self._scenario_hash, self._mode)
        self.session.add_turn(self._record(outcome, len(self.session.turns)))
        self.store.save(self.session)

    def _save_redo(self, outcome: TurnOutcome) -> None:
        if self.store is None or self.session is None:
            return
        self.session.redo_last_turn(self._record(outcome, len(self.session.turns) - 1))
        self.store.save(self.session)

    def _finish(self) -> None:
        if self.store is None or self.session is None:
            return
        card = self.scorecard()
        data = card.to_json()
        self.store.finish(self.session, float(data["score"]), data)
