"""What the scorecard and the review screen share about a transcript: hearing the stretch the
recogniser may have misheard, and correcting a turn (scored again and saved)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from trainer import paths
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.sessions.correct import correct_turn
from trainer.sessions.model import Session, TurnRecord
from trainer.sessions.scored import transcript_notes
from trainer.sessions.store import SessionStore
from trainer.speech.misheard import Misheard
from trainer.tui.screens.correct import CorrectScreen


def recording_path(turn: TurnRecord) -> Path | None:
    """Where the turn's recording is: stored absolute, or relative to the recordings folder."""
    if not turn.audio:
        return None
    path = Path(turn.audio).expanduser()
    return path if path.is_absolute() else paths.recordings_dir() / path


def play_file(audio: Path, start: float | None = None, end: float | None = None) -> None:
    """Play ``audio`` (from ``start`` to ``end`` when given) through the player the recruiter
    speaks through; blocks, so call it from a thread worker. TrainerError when it cannot."""
    from trainer.speech.audio_input import save_stretch
    from trainer.speech.tts import AplayPlayer

    player = AplayPlayer()
    problem = player.problem()
    if problem:
        raise TrainerError(f"cannot play the recording here: {problem}")
    with tempfile.TemporaryDirectory(prefix="trainer-stretch-") as folder:
        if start is not None or end is not None:
            audio = save_stretch(audio, start, end, Path(folder) / "stretch.wav")
        playback = player.play(audio)
        playback.wait(None)
    if playback.error:
        raise TrainerError(f"playback failed: {playback.error}")


def warnings_of(session: Session) -> list[tuple[TurnRecord, Misheard]]:
    """Every possible mishearing in the call, in turn order."""
    return [(turn, warning) for turn in session.turns for warning in turn.misheard]


def stretch_problem(turn: TurnRecord) -> str | None:
    """Why the stretch of ``turn`` cannot be played, in words; ``None`` when it can be tried."""
    audio = recording_path(turn)
    if audio is None:
        return "This reply has no recording to play (it was typed, or not kept)."
    if not audio.is_file():
        return f"The recording {audio} is missing (moved or deleted)."
    return None


def ask_correction(screen: Screen[None], store: SessionStore, session_id: str,
                   scenario: Scenario | None, number: int,
                   done: Callable[[Session], None]) -> None:
    """Open the correction dialog for turn ``number`` (1-based); when the user changes the
    text, the turn is scored again, the session saved, and ``done`` given the session."""
    try:
        session = store.load(session_id)
    except TrainerError as exc:
        screen.notify(exc.message, title="Cannot correct", severity="error", markup=False)
        return
    if not 1 <= number <= len(session.turns):
        screen.notify("There is no answered turn to correct.")
        return
    record = session.turns[number - 1]

    def corrected(text: str | None) -> None:
        if text is None:
            return
        try:
            with store.edit(session_id) as fresh:
                correct_turn(fresh, number, text, scenario)
        except TrainerError as exc:
            screen.notify(exc.message, title="Not corrected", severity="error", markup=False)
            return
        screen.notify(f"Turn {number} corrected and scored again; what was heard is kept.",
                      title="Corrected", markup=False)
        done(fresh)

    screen.app.push_screen(CorrectScreen(number, record.reply, transcript_notes(record)),
                           corrected)
