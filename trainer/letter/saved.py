"""The follow-up letter of a saved call: drafting it from the session, keeping its versions.

The one place the CLI (``trainer letter``, line mode), the app's letter screen and
the session renderers get a session's letter from: the latest saved version when
there is one, else a draft made from the call as it was scored and saved. Saving a
version goes through the session store's atomic edit, so the letter is kept the
same way as the turns: the whole document rewritten atomically, earlier versions
never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.letter.draft import CallTurn, Draft, Repair, draft_letter
from trainer.letter.items import letter_checklist
from trainer.letter.letter import Letter, parse_letter
from trainer.letter.score import LetterScore, LetterScorer, scorer_for
from trainer.scenario.model import Scenario
from trainer.sessions.model import LetterOrigin, LetterRepair, LetterVersion, Session
from trainer.sessions.scored import scored_turns
from trainer.sessions.store import SessionStore


def call_turns(session: Session, scenario: Scenario | None) -> list[CallTurn]:
    """The call as the draft reads it: each reply with its score as saved."""
    return [CallTurn(t.recruiter, t.reply, t.score) for t in scored_turns(session, scenario)]


def draft_for(session: Session, scenario: Scenario, user_name: str | None = None) -> Draft:
    """The trainer's draft of the follow-up for this call."""
    return draft_letter(scenario, call_turns(session, scenario), user_name)


def letter_scorer(scenario: Scenario | None) -> LetterScorer:
    """The scenario's letter scorer (its letter items, role, company), or the built-in one."""
    return scorer_for(scenario) if scenario is not None else LetterScorer()


@dataclass(frozen=True)
class CurrentLetter:
    """The letter to show or write for a session, and where it came from."""

    text: str
    """As the user left it (or the draft's :meth:`Letter.text`)."""
    letter: Letter
    repairs: tuple[Repair, ...]
    saved: LetterVersion | None
    """The saved version shown; ``None`` for a fresh draft not saved yet."""
    versions: int


def current_letter(session: Session, scenario: Scenario | None,
                   user_name: str | None = None) -> CurrentLetter | None:
    """The latest saved version, else a draft from the call (``None`` without a scenario to
    draft from: the recruiter, company and role come from it)."""
    saved = session.letter.latest if session.letter is not None else None
    if saved is not None:
        assert session.letter is not None
        repairs = tuple(Repair(r.item, r.message) for r in session.letter.repairs)
        return CurrentLetter(saved.text, parse_letter(saved.text), repairs, saved,
                             len(session.letter.versions))
    if scenario is None:
        return None
    draft = draft_for(session, scenario, user_name)
    return CurrentLetter(draft.letter.text(), draft.letter, draft.repairs, None, 0)


def new_version(text: str, score: LetterScore, origin: LetterOrigin = "edited") -> LetterVersion:
    """A version to keep: the text as written and its score summary with the evidence."""
    return LetterVersion(text=text, origin=origin, score=score.overall,
                         words=score.metrics.words, checks=dict(score.checks))


def save_letter(store: SessionStore, session_id: str, text: str, scenario: Scenario | None,
                origin: LetterOrigin = "edited", repairs: tuple[Repair, ...] | None = None,
                ) -> tuple[LetterVersion, LetterScore]:
    """Score ``text`` and keep it as the session's newest letter version, atomically (the
    session is read again under its lock, so nothing saved meanwhile is lost)."""
    score = letter_scorer(scenario).score(parse_letter(text))
    version = new_version(text, score, origin)
    kept = None if repairs is None else [LetterRepair(item=r.item, message=r.message)
                                         for r in repairs]
    with store.edit(session_id) as session:
        session.add_letter_version(version, kept)
    return version, score


def labels(scenario: Scenario | None) -> dict[str, str]:
    """Item name -> label for the letter checklist (the scenario's own letter items too)."""
    checklist = letter_checklist(scenario.letter_items if scenario is not None else ())
    return {name: checklist.label(name) for name in checklist.names}
