"""A saved session, read-only: every turn with its highlighting, and the recorded replies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer.errors import TrainerError
from trainer.scenario.catalog import Catalog
from trainer.scenario.model import Scenario
from trainer.sessions.model import Session, TurnRecord
from trainer.sessions.report import NO_REPLY
from trainer.sessions.scored import transcript_notes
from trainer.sessions.store import SessionStore
from trainer.tui.bindings import Scope, bindings, key_of
from trainer.tui.misheard import ask_correction, play_file, recording_path, stretch_problem
from trainer.tui.presentation import MUTED, highlight_reply, percent
from trainer.tui.screens.sessions import when
from trainer.tui.text import plain
from trainer.tui.widgets.checks import checks_content, summary_marks
from trainer.tui.widgets.metrics import metrics_content


def turn_content(turn: TurnRecord, who: str, scenario: Scenario | None) -> Content:
    parts: list[Content | str] = [
        plain(f"{who}: ", "bold $text-accent"), plain(turn.recruiter), "\n\n",
        plain("You: ", "bold $text-primary"),
        highlight_reply(turn.reply, turn.checks, scenario) if turn.reply
        else plain(NO_REPLY, MUTED),
    ]
    for note in transcript_notes(turn):
        parts += ["\n", plain(f"(?) {note}", "italic $text-warning")]
    if turn.misheard:
        parts += ["\n", plain(f"Press {key_of('review.misheard')} to hear that part, "
                              f"{key_of('review.correct')} to correct what was heard.", MUTED)]
    parts += ["\n\n", checks_content(scenario, turn.checks, turn.expected)]
    metrics = metrics_content(turn.metrics)
    if metrics:
        parts += ["\n\n", plain("How it sounded\n", "bold"), metrics]
    if turn.model_answer:
        parts += ["\n\n", plain("Model answer\n", "bold"), plain(turn.model_answer)]
    for number, attempt in enumerate(turn.attempts, start=1):
        parts += [
            "\n\n", plain(f"Earlier attempt {number} (not kept)\n", "bold"),
            highlight_reply(attempt.reply, attempt.checks, scenario), "\n",
            summary_marks(scenario, attempt.checks, turn.expected),
        ]
    audio = recording_path(turn)
    if audio is not None:
        parts += ["\n\n", plain(
            f"Recording: {audio.name} (press {key_of('review.play')} to play it)", MUTED)]
    return Content.assemble(*parts)


TURN_LIST_WIDTH = 22
"""The turn list's inner width (review.tcss gives it 26 columns)."""


def _turn_title(turn: TurnRecord, width: int) -> Content:
    """"3. Are you turning the o…": the turn by number and the recruiter's line, no id."""
    title = f"{turn.index + 1}. {' '.join(turn.recruiter.split())}"
    return Content(title if len(title) <= width else title[: width - 1].rstrip() + "…")


class ReviewScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "review"
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")  # type: ignore[assignment]
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "#turns"

    def __init__(
        self, session_id: str, store: SessionStore, catalog: Callable[[], Catalog]
    ) -> None:
        super().__init__()
        self.session_id = session_id
        self.store = store
        self._catalog = catalog
        self.session: Session | None = None
        self.scenario: Scenario | None = None
        self._misheard_at = -1
        """The warning of the highlighted turn last played."""

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        with Horizontal(id="review-body"):
            yield OptionList(id="turns")
            with VerticalScroll(id="turn-detail"):
                yield Static(id="turn")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            self.session = self.store.load(self.session_id)
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot open the session", severity="error")
            self.dismiss()
            return
        session = self.session
        try:
            self.scenario = self._catalog().get(session.scenario)
        except TrainerError:
            self.scenario = None  # renamed or removed since: built-in labels still work
        score = percent(session.score) if session.finished else "unfinished"
        self.query_one("#review-title", Static).update(Content.assemble(
            plain(session.scenario_title or session.scenario, "bold"),
            plain(f" · {when(session.summary())} · {score}", MUTED),
        ))
        turns = self.query_one("#turns", OptionList)
        turns.add_options(
            Option(Content.assemble(
                _turn_title(turn, TURN_LIST_WIDTH), "\n",
                summary_marks(self.scenario, turn.checks, turn.expected, width=TURN_LIST_WIDTH),
            ))
            for turn in session.turns
        )
        if session.turns:
            turns.highlighted = 0
        else:
            self.query_one("#turn", Static).update("This session has no answered turns.")

    @property
    def who(self) -> str:
        if self.scenario is not None:
            return self.scenario.recruiter.name.split()[0]
        return "Recruiter"

    def _current(self) -> TurnRecord | None:
        index = self.query_one("#turns", OptionList).highlighted
        if self.session is None or index is None or index >= len(self.session.turns):
            return None
        return self.session.turns[index]

    @on(OptionList.OptionHighlighted, "#turns")
    def _show(self) -> None:
        self._misheard_at = -1
        turn = self._current()
        if turn is not None:
            self.query_one("#turn", Static).update(turn_content(turn, self.who, self.scenario))
            self.query_one("#turn-detail").scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#turns")
    def _selected(self) -> None:
        self.action_play()

    def action_play(self) -> None:
        turn = self._current()
        audio = recording_path(turn) if turn else None
        if audio is None:
            self.notify("This reply was typed, so there is no recording to play.")
        elif not audio.is_file():
            self.notify(f"The recording {audio} is missing (moved or deleted).",
                        severity="warning")
        else:
            self.notify(f"Playing {audio.name}…", timeout=3)
            self._play(audio)

    @work(thread=True, exclusive=True, group="playback", exit_on_error=False)
    def _play(self, audio: Path, start: float | None = None, end: float | None = None) -> None:
        play_file(audio, start, end)

    def action_play_misheard(self) -> None:
        """The highlighted turn's next stretch that may be misheard (each press, the next)."""
        turn = self._current()
        if turn is None or not turn.misheard:
            self.notify("Nothing in this reply looks misheard.")
            return
        problem = stretch_problem(turn)
        if problem is not None:
            self.notify(problem, severity="warning", markup=False)
            return
        self._misheard_at = (self._misheard_at + 1) % len(turn.misheard)
        warning = turn.misheard[self._misheard_at]
        self.notify(f"Playing around {warning.label}…", timeout=3, markup=False)
        audio = recording_path(turn)
        assert audio is not None
        self._play(audio, warning.start, warning.end)

    def action_correct(self) -> None:
        turn = self._current()
        if turn is None or self.session is None:
            self.notify("There is no answered turn to correct.")
            return
        ask_correction(self, self.store, self.session_id, self.scenario, turn.index + 1,
                       self._corrected)

    def _corrected(self, session: Session) -> None:
        self.session = session
        turns = self.query_one("#turns", OptionList)
        index = turns.highlighted
        if index is not None:
            turn = session.turns[index]
            turns.replace_option_prompt_at_index(index, Content.assemble(
                _turn_title(turn, TURN_LIST_WIDTH), "\n",
                summary_marks(self.scenario, turn.checks, turn.expected, width=TURN_LIST_WIDTH),
            ))
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = error.message if isinstance(error, TrainerError) else str(error)
            self.notify(f"{message}. The transcript above is what was heard.",
                        title="No playback", severity="warning", timeout=10)

    def action_back(self) -> None:
        self.dismiss()
