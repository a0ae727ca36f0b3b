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
from trainer.scoring.result import Ending, ReplyScore, ReplyTiming
from trainer.scoring.scorecard import Scorecard, build_scorecard
from trainer.sessions.correct import misheard_in
from trainer.sessions.model import (
    MODES,
    Attempt,
    Help,
    Mode,
    Session,
    TurnDecision,
    TurnRecord,
    new_session_id,
)
from trainer.sessions.scored import session_scorecard
from trainer.sessions.store import SessionStore
from trainer.speech.misheard import Misheard


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
    help: tuple[Help, ...] = ()
    """What the user looked at before this reply (a hint, the model answer)."""
    misheard: tuple[Misheard, ...] = ()
    """Words of a spoken reply the recogniser may have misheard where the score turns."""

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
        self._ending: Ending | None = None
        self._help: dict[Help, None] = {}
        self._redone: TurnOutcome | None = None
        self.store = (store or SessionStore()) if save else None
        if self.store is not None:
            self.store.check_writable()  # a full or read-only disk is said before the call
        self.session: Session | None = None
        if scenario_path is not None and not scenario_hash:
            scenario_hash = file_sha256(scenario_path)
        self._scenario_hash = scenario_hash
        self._mode = mode
        self._anchor: int | None = None
        """After a rewind: the turn the call went back to, whose record keeps (as earlier
        attempts) every discarded reply the replay has not reached again."""
        self._anchor_base: list[Attempt] = []
        self._pending: list[TurnRecord] = []
        """Discarded replies to turns after the anchor, waiting for the replay to reach
        their turn again (they become earlier attempts there)."""
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
        return self.session.session_id if self.session and self.store else None

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
        """True when the call ended before the scenario did (hung up, or input ran out)."""
        return self._ending in ("hung_up", "input_ended")

    @property
    def ending(self) -> Ending | None:
        """How the call ended; ``None`` while it goes on."""
        return self._ending

    def hint(self) -> str | None:
        turn = self.current_turn
        return turn.hint if turn else None

    def model_answer(self) -> str | None:
        turn = self.current_turn
        return turn.model_answer if turn else None

    def show_hint(self) -> str | None:
        """The hint, noted as seen: the scorecard says the reply had help."""
        hint = self.hint()
        if hint is not None:
            self._help["hint"] = None
        return hint

    def show_model_answer(self) -> str | None:
        """The model answer, noted as seen: the scorecard says the reply had help."""
        answer = self.model_answer()
        if answer is not None:
            self._help["model_answer"] = None
        return answer

    # -- actions ---------------------------------------------------------------------------

    def answer(self, reply: Reply | str) -> TurnOutcome:
        """Score ``reply`` to the current line, save it, and move on by the branch rules.

        A plain string is a typed reply.
        """
        turn = self.current_turn
        if turn is None:
            raise RuntimeError("the call has ended")
        outcome = self._score(turn, self._line, _as_reply(reply), attempt=1)
        redone, self._redone = self._redone, None
        if redone is not None and redone.turn_id == outcome.turn_id:
            earlier = (*redone.earlier, replace(redone, earlier=()))
            outcome = replace(outcome, earlier=earlier, attempt=len(earlier) + 1)
        self._save_new_turn(outcome)  # first: a reply that could not be saved can be retried
        self.outcomes.append(outcome)
        self._help = {}
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
        self._ending = None
        self._go(kept.decision.goto)

    def rewind(self, to_turn_index: int) -> None:
        """Go back to the answered turn ``to_turn_index`` (0-based) and replay the call from
        there: the recruiter says that turn's line again and the branch rules run anew.

        Nothing the user said is lost: the reply to that turn becomes an earlier attempt
        of the new answer, and the replies after it become earlier attempts of their turn
        when the replay reaches it again (until then, and if it never does, they are kept
        with the turn the call went back to). Works on a call that has ended too.
        """
        if not 0 <= to_turn_index < len(self.outcomes):
            raise ValueError(f"turn {to_turn_index + 1} has not been answered "
                             f"(answered: {len(self.outcomes)})")
        gone = self.outcomes[to_turn_index:]
        self.outcomes = self.outcomes[:to_turn_index]
        if self.session is not None:
            stale = self.session.turns[to_turn_index:]
            self.session.turns = self.session.turns[:to_turn_index]
            if self._anchor is not None and self._anchor >= to_turn_index:
                self._pending = [*stale[1:], *self._pending]
            else:
                self._pending = [*stale[1:]]
            self._anchor_base = [*stale[0].attempts, stale[0].as_attempt()] if stale else []
            self._anchor = to_turn_index
            self.session.ended = None
            self.session.outcome = None
        self._redone = gone[0]
        self._visits = Counter(outcome.turn_id for outcome in self.outcomes)
        self._ending = None
        self._help = {}
        self._visits[gone[0].turn_id] += 1
        self._current = gone[0].turn_id
        self._line = gone[0].recruiter

    def hang_up(self, ending: Ending = "hung_up") -> None:
        """End the call now; what was said is saved and scored as it stands, and the
        scorecard says the call ended early (``input_ended`` when the replies ran out)."""
        if self._current is not None:
            self._ending = ending
            self._current = None
            self._line = ""
            self._finish()

    def scorecard(self) -> Scorecard:
        ending = self._ending or "finished"
        if self.session is None:
            return build_scorecard([], self.scenario, ending=ending)
        return session_scorecard(self.session, self.scenario, ending=ending)

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
        misheard = () if reply.source == "typed" else misheard_in(
            reply.text, line, reply.timing, self.scenario, self.scorer, followup=turn.followup)
        return TurnOutcome(turn.id, line, reply.text, tuple(turn.expect), score, decision,
                           attempt, reply.source, reply.engine, reply.audio, reply.timing,
                           help=tuple(self._help), misheard=misheard)

    def _enter(self, turn_id: str) -> None:
        turn = self.scenario.turn(turn_id)
        self._visits[turn_id] += 1
        self._current = turn_id
        self._line = self._rng.choice(turn.lines())

    def _go(self, goto: str) -> None:
        if goto == END:
            self._ending = "finished"
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
            help=outcome.help,
            misheard=outcome.misheard,
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
        while target.exists():  # a replay after a rewind: never overwrite an earlier reply
            attempt += 1
            target = target.with_name(f"turn-{index + 1:02d}-{attempt}{audio.suffix}")
        try:
            paths.ensure_dir(target.parent)
            shutil.copyfile(audio, target)
        except OSError:
            return str(audio)
        return str(target.relative_to(folder))

    def _save_new_turn(self, outcome: TurnOutcome) -> None:
        if self.session is None:
            # Created with the first reply: a call hung up before anything was said
            # leaves no empty session behind. Without a store it lives in memory only.
            if self.store is None:
                self.session = Session(
                    session_id=new_session_id(self.scenario.id), scenario=self.scenario.id,
                    scenario_title=self.scenario.title, scenario_hash=self._scenario_hash,
                    mode=self._mode)
            else:
                self.session = self.store.create(self.scenario.id, self.scenario.title,
                                                 self._scenario_hash, self._mode)
        record = self.session.add_turn(self._record(outcome, len(self.session.turns)))
        if self._anchor is not None:
            if record.index == self._anchor:
                record.attempts = list(self._anchor_base)
            else:
                match = next((p for p in self._pending if p.turn_id == record.turn_id), None)
                if match is not None:
                    self._pending.remove(match)
                    record.attempts = [*match.attempts, match.as_attempt()]
            if self._anchor < len(self.session.turns):
                self.session.turns[self._anchor].attempts = [
                    *self._anchor_base, *(p.as_attempt() for p in self._pending)]
        if self.store is not None:
            try:
                self.store.save(self.session)
            except BaseException:
                self.session.turns.pop()  # not saved: the same reply may be tried again
                raise

    def _save_redo(self, outcome: TurnOutcome) -> None:
        if self.session is None:
            return
        self.session.redo_last_turn(self._record(outcome, len(self.session.turns) - 1))
        if self.store is not None:
            self.store.save(self.session)

    def _finish(self) -> None:
        if self.session is None:
            return
        ending = self._ending or "finished"
        score = float(session_scorecard(self.session, self.scenario, ending=ending).overall)
        if self.store is None:
            self.session.finish(score, ending)
        else:
            self.store.finish(self.session, score, ending)
