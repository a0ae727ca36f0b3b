"""Messages screens and widgets send each other, one small dataclass each.

Screens post these; they bubble to :class:`~trainer.tui.app.TrainerApp`, which
owns navigation, so no screen needs to know which screen comes next.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from trainer.call.reply import Reply
from trainer.scenario.catalog import Catalog
from trainer.scenario.model import Scenario
from trainer.scoring.scorecard import Scorecard


@dataclass
class OpenBriefing(Message):
    """Show the briefing of a scenario (an id, or a file path)."""

    scenario: str


@dataclass
class StartCall(Message):
    """Start (or restart) a call of a scenario (an id, or a file path)."""

    scenario: str


@dataclass
class CallEnded(Message):
    """A call is over and saved; show its scorecard."""

    scenario: Scenario
    ref: str
    """How the scenario was named when the call started (an id or a file), to try again."""
    session_id: str | None
    card: Scorecard


@dataclass
class CatalogLoaded(Message):
    """The scenario files were read (again); the picker shows these, so the app opens them."""

    catalog: Catalog


@dataclass
class ShowPicker(Message):
    """Go back to the scenario picker, closing everything above it."""


@dataclass
class OpenSessions(Message):
    """List saved sessions, optionally of one scenario only."""

    scenario: str | None = None


@dataclass
class OpenSession(Message):
    """Open one saved session read-only."""

    session_id: str


@dataclass
class OpenProgress(Message):
    """Show the progress over every finished call."""


@dataclass
class OpenSavedCall(Message):
    """Open a saved call at its scorecard (transcript and export one key away)."""

    session_id: str


@dataclass
class InputLevel(Message):
    """The microphone's loudness, 0-1, for the live meter."""

    level: float


@dataclass
class WordsSoFar(Message):
    """The words heard so far while the user speaks: shown, never scored."""

    text: str
    listening: int
    """Which listening they belong to, so a late one from an earlier reply is dropped."""


@dataclass
class ReplyReady(Message):
    """The user's reply to the line on screen, typed or spoken and transcribed."""

    reply: Reply
