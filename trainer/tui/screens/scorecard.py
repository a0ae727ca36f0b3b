"""After the call: the score, what was met and missed, how it sounded, what to say next time."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.scoring.scorecard import Scorecard
from trainer.sessions.model import Session, SessionSummary
from trainer.sessions.report import NO_REPLY
from trainer.sessions.scored import session_scorecard
from trainer.sessions.store import SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings, key_of
from trainer.tui.cue_card import Cue, cue_card
from trainer.tui.presentation import BAD, MUTED, highlight_reply
from trainer.tui.screens.export import ExportScreen
from trainer.tui.text import plain
from trainer.tui.widgets.scorecard_parts import (
    checklist_content,
    comparison_content,
    cue_content,
    speech_content,
)


class ScorecardScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "scorecard"
    BINDINGS: ClassVar[list[BindingType]] = bindings("scorecard")  # type: ignore[assignment]
    CSS_PATH = "scorecard.tcss"

    def __init__(
        self,
        scenario: Scenario,
        ref: str,
        session_id: str | None,
        card: Scorecard,
        store: SessionStore,
        *,
        saved: bool = False,
    ) -> None:
        """``saved``: opened from the past sessions (Esc goes back there, not to the picker)."""
        super().__init__()
        self.saved = saved
        self.scenario = scenario
        self.ref = ref
        self.session_id = session_id
        self.card = card
        self.store = store
        self.cues: list[Cue] = []
        self._misheard_at = -1
        """The call's possible mishearing last played (an index into all of them)."""
        self._correct_turn: int | None = None
        """The turn ``c`` corrects: the one whose mishearing was last played."""

    def compose(self) -> ComposeResult:
        card = self.card
        yield Static(Content.assemble(
            Content.styled("Scorecard", "bold"), Content.styled(f" · {self.scenario.title}", MUTED)
        ), id="scorecard-title")
        with Horizontal(id="overall"):
            yield Static(Content.assemble(
                Content.styled(f"{card.overall}%", "bold"), Content.styled(" overall", MUTED),
                Content.styled(" · ended early" if card.ended_early else "", f"bold {BAD}"),
            ), id="score")
            yield Static(id="comparison")
        with TabbedContent(id="sections"):
            with TabPane("Checklist", id="checklist-tab"), VerticalScroll():
                doubtful = [t.number for t in card.turns
                            if any(n.startswith("may have misheard") for n in t.notes)]
                if doubtful:
                    yield Static(plain(
                        f"The recogniser may have misheard a word that changes the score in "
                        f"turn {', '.join(map(str, doubtful))} (see Replies): "
                        f"{key_of('scorecard.misheard')} plays it, "
                        f"{key_of('scorecard.correct')} corrects it.", "italic $text-warning"),
                        id="misheard-summary")
                yield Static(checklist_content(card), id="checklist")
            with TabPane("Replies", id="replies-tab"), VerticalScroll(id="replies"):
                for turn in card.turns:
                    who = self.scenario.recruiter.name.split()[0]
                    yield Static(Content.assemble(
                        Content.styled(f"{turn.number}. {who}: ", "bold $text-accent"),
                        turn.recruiter), classes="line")
                    with Horizontal(classes="pair"):
                        yield Static(Content.assemble(
                            Content.styled("You said\n", "bold"),
                            highlight_reply(turn.reply, turn.checks, self.scenario)
                            if turn.reply else Content.styled(NO_REPLY, MUTED),
                        ), classes="said")
                        yield Static(Content.assemble(
                            Content.styled("Model answer\n", "bold"),
                            turn.model_answer or Content.styled("(none for this turn)", MUTED),
                        ), classes="model")
                    for note in turn.notes:
                        yield Static(plain(f"(?) {note}", "italic $text-warning"),
                                     classes="misheard")
            with TabPane("Speech", id="speech-tab"), VerticalScroll():
                yield Static(speech_content(card.metrics), id="speech")
            with TabPane("Cue card", id="cue-tab"), VerticalScroll():
                yield Static(id="cues")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            listing = self.store.list(self.scenario.id).sessions
            # Compared with the calls before this one (a past call opened from the list
            # is not compared with a later one).
            mine = [i for i, s in enumerate(listing) if s.session_id == self.session_id]
            earlier = listing[: mine[0]] if mine else listing
            sessions = {s.session_id: self.store.load(s.session_id) for s in listing[-50:]}
            last = _previous(earlier)
            previous = None if last is None else (
                sessions.get(last.session_id) or self.store.load(last.session_id))
        except TrainerError as exc:
            self.notify(exc.message, title="Could not read earlier sessions", severity="warning")
            sessions, previous = {}, None
        self.cues = cue_card(self.scenario, list(sessions.values()))
        try:
            self.query_one("#comparison", Static).update(comparison_content(
                self.card,
                None if previous is None else session_scorecard(previous, self.scenario),
                None if previous is None else previous.score))
            self.query_one("#cues", Static).update(cue_content(self.cues, self.scenario))
        except NoMatches:
            return  # the screen was closed while the earlier sessions were being read

    def action_play_misheard(self) -> None:
        """The call's next stretch that may be misheard, played; its turn is the one ``c``
        corrects."""
        from trainer.tui.misheard import recording_path, stretch_problem, warnings_of

        session = self._session()
        found = warnings_of(session) if session is not None else []
        if not found:
            self.notify("Nothing in this call looks misheard.")
            return
        self._misheard_at = (self._misheard_at + 1) % len(found)
        turn, warning = found[self._misheard_at]
        self._correct_turn = turn.index + 1
        problem = stretch_problem(turn)
        if problem is not None:
            self.notify(f"Turn {turn.index + 1}, {warning.label}: {problem}",
                        severity="warning", markup=False)
            return
        self.notify(f"Turn {turn.index + 1}: playing around {warning.label}…", timeout=4,
                    markup=False)
        audio = recording_path(turn)
        assert audio is not None
        self._play(audio, warning.start, warning.end)

    @work(thread=True, exclusive=True, group="playback", exit_on_error=False)
    def _play(self, audio: Path, start: float | None, end: float | None) -> None:
        from trainer.tui.misheard import play_file

        play_file(audio, start, end)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "playback":
            error = event.worker.error
            message = error.message if isinstance(error, TrainerError) else str(error)
            self.notify(f"{message}. The transcript is what was heard.", title="No playback",
                        severity="warning", timeout=10, markup=False)

    def action_correct(self) -> None:
        from trainer.tui.misheard import ask_correction, warnings_of

        session = self._session()
        if session is None or self.session_id is None:
            return
        number = self._correct_turn
        if number is None:
            found = warnings_of(session)
            if not found:
                self.notify(f"Nothing looks misheard. To correct any reply, open the transcript "
                            f"({key_of('scorecard.review')}) and press "
                            f"{key_of('review.correct')} on it.")
                return
            number = found[0][0].index + 1
        ask_correction(self, self.store, self.session_id, self.scenario, number,
                       self._corrected)

    def _corrected(self, session: Session) -> None:
        self.card = session_scorecard(session, self.scenario)
        self._misheard_at, self._correct_turn = -1, None
        self.refresh(recompose=True)

    def _session(self) -> Session | None:
        if self.session_id is None:
            self.notify("This call was not saved, so there is no recording or transcript.")
            return None
        try:
            return self.store.load(self.session_id)
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot read the session", severity="error",
                        markup=False)
            return None

    def action_try_again(self) -> None:
        self.post_message(messages.StartCall(self.ref))

    def action_review(self) -> None:
        if self.session_id is None:
            self.notify("This call was not saved, so there is no transcript to review.")
            return
        self.post_message(messages.OpenSession(self.session_id))

    def action_export(self) -> None:
        if self.session_id is None:
            self.notify("This call was not saved, so there is nothing to export.")
            return
        try:
            session = self.store.load(self.session_id)
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot export", severity="error", markup=False)
            return
        self.app.push_screen(ExportScreen(session, self.scenario, self.cues), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(str(path), title="Exported", timeout=10, markup=False)

    def action_write_letter(self) -> None:
        from trainer.config import load_config
        from trainer.scoring.result import ReplyScore
        from trainer.tui.screens.letter import LetterScreen

        try:
            name = load_config().user.name
        except TrainerError as exc:
            self.notify(exc.message, title="Settings not read", severity="warning", markup=False)
            name = ""
        turns = [(t.recruiter, t.reply, ReplyScore(t.reply, dict(t.checks)))
                 for t in self.card.turns]
        self.app.push_screen(LetterScreen(self.scenario, turns, self.session_id, self.store,
                                          name or None, ask_name=name is None))

    def action_back(self) -> None:
        if self.saved:
            self.dismiss()
        else:
            self.post_message(messages.ShowPicker())


def _previous(earlier: list[SessionSummary]) -> SessionSummary | None:
    scored = [s for s in earlier if s.finished and s.score is not None]
    return scored[-1] if scored else None

