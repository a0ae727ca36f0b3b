"""One rehearsed call: the recruiter's lines, the user's replies, the branch rules, the saving.

The TUI and the line mode both drive a :class:`Call`, so a call scores, branches
and saves the same way whichever screen the user is looking at. Every answered
turn is written to the session store before :meth:`Call.answer` returns.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from trainer.scenario.branching import Decision, choose_next
from trainer.scenario.loader import file_sha256
from trainer.scenario.model import END, Scenario, Turn
from trainer.scoring import Scorer
from trainer.scoring.result import ReplyScore, ReplyTiming
from trainer.scoring.scorecard import Scorecard, ScoredTurn, build_scorecard
from trainer.sessions.model import Session
from trainer.sessions.store import SessionStore


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
        mode: str = "typed",
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
        if self.store is not None:
            self.session = self.store.create(scenario.id, scenario.title, scenario_hash, mode)
        self._enter(scenario.start_id)

    # -- state -----------------------------------------------------------------------------

    @property
    def session_id(self) -> str | None:
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

    def answer(
        self,
        reply: str,
        *,
        source: str = "typed",
        timing: ReplyTiming | None = None,
        audio: Path | None = None,
        engine: str | None = None,
    ) -> TurnOutcome:
        """Score ``reply`` to the current line, save it, and move on by the branch rules."""
        turn = self.current_turn
        if turn is None:
            raise RuntimeError("the call has ended")
        outcome = self._score(turn, self._line, reply, source, timing, audio, engine, attempt=1)
        self.outcomes.append(outcome)
        self._save_turn(len(self.outcomes) - 1)
        self._go(outcome.decision.goto)
        return outcome

    def try_again(
        self,
        reply: str,
        *,
        source: str = "typed",
        timing: ReplyTiming | None = None,
        audio: Path | None = None,
        engine: str | None = None,
    ) -> TurnOutcome:
        """A new attempt at the last answered turn, scored but not kept (see :meth:`keep_attempt`)."""
        if not self.outcomes:
            raise RuntimeError("no turn has been answered yet")
        last = self.outcomes[-1]
        turn = self.scenario.turn(last.turn_id)
        visits = self._visits.copy()
        visits[last.decision.goto] -= 1  # the move the kept answer made is undone
        return self._score(turn, last.recruiter, reply, source, timing, audio, engine,
                           attempt=last.attempt + len(last.earlier) + 1, visits=visits)

    def keep_attempt(self, outcome: TurnOutcome) -> None:
        """Make ``outcome`` (from :meth:`try_again`) the answer to its turn; re-decide the branch."""
        last = self.outcomes[-1]
        if outcome.turn_id != last.turn_id:
            raise ValueError("only the last answered turn can be redone")
        if outcome is last:
            return
        kept = replace(outcome, earlier=(*last.earlier, replace(last, earlier=())))
        self.outcomes[-1] = kept
        if last.decision.goto != END:
            self._visits[last.decision.goto] -= 1
        self._save_turn(len(self.outcomes) - 1)
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
        reply: str,
        source: str,
        timing: ReplyTiming | None,
        audio: Path | None,
        engine: str | None,
        *,
        attempt: int,
        visits: Counter[str] | None = None,
    ) -> TurnOutcome:
        score = self.scorer.score(reply, line, followup=turn.followup, timing=timing)
        decision = choose_next(self.scenario, turn, score.met(), reply,
                               self._visits if visits is None else visits)
        return TurnOutcome(turn.id, line, reply, tuple(turn.expect), score, decision, attempt,
                           source, engine, audio, timing)

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

    def _turn_json(self, index: int) -> dict[str, Any]:
        o = self.outcomes[index]
        return {
            "index": index,
            "turn_id": o.turn_id,
            "recruiter": o.recruiter,
            "reply": o.reply,
            "source": o.source,
            "engine": o.engine,
            "audio": str(o.audio) if o.audio else None,
            "timing": (o.timing or ReplyTiming()).to_json(),
            "expected": list(o.expected),
            "checks": o.score.checks_json(),
            "metrics": o.score.metrics,
            "decision": {"goto": o.decision.goto, "reason": o.decision.reason},
            "attempts": [
                {"reply": e.reply, "checks": e.score.checks_json(), "metrics": e.score.metrics,
                 "source": e.source, "audio": str(e.audio) if e.audio else None}
                for e in o.earlier
            ],
        }

    def _save_turn(self, index: int) -> None:
        if self.store is None or self.session is None:
            return
        self.session.set_turn(index, self._turn_json(index))
        self.store.save(self.session)

    def _finish(self) -> None:
        if self.store is None or self.session is None:
            return
        card = self.scorecard()
        data = card.to_json()
        self.store.finish(self.session, float(data["score"]), data)
