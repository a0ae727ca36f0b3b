"""The call itself: the recruiter's lines, the replies, and the checklist ticking as you go."""

from __future__ import annotations

import random
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from trainer.call.engine import Call, TurnOutcome
from trainer.call.listening import Voice
from trainer.call.reply import Reply
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.sessions.store import SessionStore
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings, key_of
from trainer.tui.presentation import MUTED
from trainer.tui.screens.audio_file import AudioFileScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.redo import RedoScreen
from trainer.tui.screens.rewind import RewindScreen
from trainer.tui.text import plain
from trainer.tui.widgets.answer_box import AnswerBox
from trainer.tui.widgets.checks import ChecksView, expected_content
from trainer.tui.widgets.transcript import Exchange, Transcript


def exchange_of(outcome: TurnOutcome) -> Exchange:
    note = f"(attempt {outcome.attempt} kept)" if outcome.earlier else ""
    return Exchange(outcome.recruiter, outcome.reply, outcome.score.checks, outcome.expected,
                    note)


class CallScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "call"
    BINDINGS: ClassVar[list[BindingType]] = bindings("call")  # type: ignore[assignment]
    CSS_PATH = "call.tcss"

    def __init__(
        self,
        scenario: Scenario,
        ref: str,
        path: Path | None,
        voice: Voice,
        store: SessionStore,
        rng: random.Random,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.ref = ref
        self.voice = voice
        self.call = Call(scenario, scenario_path=path, store=store, rng=rng,
                         mode="mic" if voice.listens else "typed")
        self._paused_to_ask = False

    def compose(self) -> ComposeResult:
        recruiter = self.scenario.recruiter
        yield Static(Content.assemble(
            plain(f"On the phone with {recruiter.name}", "bold"),
            plain(f" · {recruiter.company}", MUTED),
        ), id="call-title")
        with Horizontal(id="call-body"):
            yield Transcript(recruiter.name.split()[0], self.scenario, id="transcript")
            with VerticalScroll(id="panel"):
                yield Static("Now your reply should", classes="heading")
                yield Static(id="expected")
                yield Static(id="peek")
                yield Static("Your last reply", classes="heading", id="last-heading")
                yield ChecksView(id="last")
        yield AnswerBox(self.voice, self.scenario, id="answer")
        # Every call key fits at 80 columns only without the palette hint (F1 names ctrl+p).
        yield Footer(compact=True, show_command_palette=False)

    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    def on_mount(self) -> None:
        self.query_one("#last-heading").display = False
        self._present()

    def _present(self) -> None:
        """Show and speak the current line, or close the call when it is over."""
        self.query_one("#peek", Static).update("")
        if self.call.finished:
            self.query_one("#expected", Static).update(
                plain("Nothing: the call is over.", MUTED))
            self.box.end()
            self.refresh_bindings()
            return
        turn = self.call.current_turn
        assert turn is not None
        self.query_one("#expected", Static).update(expected_content(self.scenario, turn.expect))
        pending = Exchange(self.call.recruiter_line)
        if self.transcript.last is not None and self.transcript.last.reply is None:
            self.transcript.replace_last(pending)
        else:
            self.transcript.add(pending)
        self.box.ask(self.call.recruiter_line)
        self.refresh_bindings()

    def on_reply_ready(self, message: messages.ReplyReady) -> None:
        message.stop()
        try:
            outcome = self.call.answer(message.reply)
        except TrainerError as exc:
            self.notify(f"{exc.message}. Your reply was not saved; try again.",
                        title="Could not save the turn", severity="error", timeout=15)
            self.box.hear_again()
            return
        self.transcript.replace_last(exchange_of(outcome))
        self._show_checks(outcome)
        self._present()

    def _show_checks(self, outcome: TurnOutcome) -> None:
        self.query_one("#last-heading").display = True
        self.query_one("#last", ChecksView).show(self.scenario, outcome.score.checks,
                                                 outcome.expected)
        self.call_after_refresh(self._note_overflow)

    def _note_overflow(self) -> None:
        """When the feedback does not fit, the panel's heading says which key scrolls it."""
        panel = self.query_one("#panel", VerticalScroll)
        heading = self.query_one("#last-heading", Static)
        if panel.max_scroll_y > 0:  # the panel is 29 columns wide at 80: a short heading
            heading.update(Content.assemble(
                "Last reply", Content.styled(f" ({key_of('call.panel_down')} for more)", MUTED)))
        else:
            heading.update("Your last reply")

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        ended = self.call.finished
        phase = self.box.phase
        if action == "scorecard":
            return ended
        if action == "hang_up":
            return not ended
        if action == "redo":
            return bool(self.call.outcomes) and phase != "transcribing"
        if action in ("hear_again", "hint", "model_answer", "skip", "reply_from_file"):
            return not ended
        if action == "pause":
            return not ended and phase != "paused"
        if action == "resume":
            return phase == "paused"
        if action == "typing":
            return self.voice.listens and not ended and self.box.typing != parameters[0]
        return True

    def action_scroll_panel(self, how: str) -> None:
        """The feedback panel scrolls from the keyboard while the reply box has focus."""
        panel = self.query_one("#panel", VerticalScroll)
        if how == "page_down":
            panel.scroll_page_down()
        else:
            panel.scroll_page_up()

    def action_reply_from_file(self) -> None:
        self._paused_to_ask = self.box.busy
        if self._paused_to_ask:
            self.box.pause()
        self.app.push_screen(AudioFileScreen(), self._file_chosen)

    def _file_chosen(self, path: Path | None) -> None:
        if path is None:
            if self._paused_to_ask:
                self.box.resume()
            return
        self.notify(f"Transcribing {path.name}…", timeout=4, markup=False)
        self._transcribe_file(path)

    @work(thread=True, exclusive=True, group="reply-file", exit_on_error=False)
    def _transcribe_file(self, path: Path) -> None:
        try:
            reply = self.voice.hear_file(path, self.scenario)
        except TrainerError as exc:
            self.app.call_from_thread(self._file_failed, exc.message)
            return
        if not reply.text.strip():
            self.app.call_from_thread(
                self._file_failed, f"{path}: no words were heard in it. Is it the right file?")
            return
        self.app.call_from_thread(self.post_message, messages.ReplyReady(reply))

    def _file_failed(self, message: str) -> None:
        self.notify(f"{message} Your turn is still open.", title="Could not use that file",
                    severity="error", timeout=15, markup=False)
        if self._paused_to_ask:
            self.box.resume()

    def action_hear_again(self) -> None:
        self.box.hear_again()

    def action_typing(self, typing: bool) -> None:
        self.box.set_typing(typing)
        self.notify("Type your replies now." if typing else "Speak your replies now.")

    def action_hint(self) -> None:
        self._peek("Hint",
                   self.call.show_hint() or "No hint for this turn: go with your checklist.")

    def action_model_answer(self) -> None:
        self._peek("Model answer",
                   self.call.show_model_answer() or "This turn has no model answer.")

    def _peek(self, title: str, text: str) -> None:
        self.query_one("#peek", Static).update(
            Content.assemble(plain(f"{title}: ", "bold $text-warning"), plain(text)))

    def action_pause(self) -> None:
        self.box.pause()

    def action_resume(self) -> None:
        self.box.resume()

    def action_skip(self) -> None:
        self.post_message(messages.ReplyReady(Reply("")))

    def action_redo(self) -> None:
        if not self.call.outcomes:
            self.notify("Answer a turn first; then you can redo it.", severity="warning")
            return
        self.box.pause()
        if len(self.call.outcomes) == 1:
            self._chose_turn(0)
            return
        who = self.scenario.recruiter.name.split()[0]
        self.app.push_screen(RewindScreen(self.call.outcomes, who), self._chose_turn)

    def _chose_turn(self, index: int | None) -> None:
        """The last turn: redo and compare. An earlier one: the call goes back there."""
        if index is None:
            self.box.resume()
            return
        if index == len(self.call.outcomes) - 1:
            self.app.push_screen(RedoScreen(self.call, self.voice), self._redone)
            return
        self.call.rewind(index)
        self.transcript.reset([exchange_of(outcome) for outcome in self.call.outcomes])
        self.query_one("#last-heading").display = False
        self.query_one("#last", ChecksView).show(self.scenario, {}, ())
        self.notify(f"Back at turn {index + 1}: the call goes on from here. Your later "
                    "replies are kept as earlier attempts.", title="Redo from here")
        self._present()

    def _redone(self, kept: TurnOutcome | None) -> None:
        """Back from a redo: a kept attempt may have changed where the call goes next."""
        if kept is not None:
            self.transcript.reset([exchange_of(outcome) for outcome in self.call.outcomes])
            self._show_checks(kept)
        self._present()

    def action_hang_up(self) -> None:
        if self.call.finished:
            self.action_scorecard()
            return
        self._paused_to_ask = self.box.busy
        if self._paused_to_ask:
            self.box.pause()
        self.app.push_screen(
            ConfirmScreen("Hang up now?",
                          "What you have said so far is saved and scored.",
                          yes="Hang up", no="Keep talking"),
            self._hang_up,
        )

    def _hang_up(self, yes: bool | None) -> None:
        if not yes:
            if self._paused_to_ask:
                self.box.resume()
            return
        self.box.end()
        self.call.hang_up()
        if not self.call.outcomes:
            self.notify("The call ended before your first reply, so there is nothing to score.")
            self.post_message(messages.ShowPicker())
            return
        self.action_scorecard()

    def action_scorecard(self) -> None:
        self.post_message(messages.CallEnded(self.scenario, self.ref, self.call.session_id,
                                             self.call.scorecard()))
