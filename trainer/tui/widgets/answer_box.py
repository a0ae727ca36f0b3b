"""Where a reply is made: the recruiter speaks, then the user speaks or types.

The box owns the blocking sound work (speaking the line, recording, transcribing),
each in a thread worker, and turns every failure of the speech layer into a
notification that says how to go on; a reply, however it was made, leaves the
box as one :class:`~trainer.tui.messages.ReplyReady` message.
"""

from __future__ import annotations

from typing import Literal

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from trainer.call.listening import Cancelled, Voice
from trainer.call.reply import Reply
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.speech.live import fit_tail
from trainer.textsafe import strip_controls
from trainer.tui.bindings import key_of
from trainer.tui.messages import InputLevel, ReplyReady, WordsSoFar
from trainer.tui.text import plain
from trainer.tui.widgets.level_meter import LevelMeter

Phase = Literal["idle", "speaking", "your_turn", "listening", "transcribing", "paused", "ended"]

VOICE_GROUP = "voice"
WARM_UP_GROUP = "warm-up"


CALL_OVER = f"The call has ended: press {key_of('call.scorecard')} for your scorecard"


def phase_text(
    phase: Phase, who: str, done_text: str = CALL_OVER, pause_seconds: float = 2.0
) -> Content:
    """What is happening, in words, with the key that helps right now."""
    first = who.split()[0]
    texts: dict[Phase, tuple[str, str, str]] = {
        "idle": ("…", "One moment", "$text-muted"),
        "speaking": ("◀", f"{first} is speaking", "$text-accent"),
        "your_turn": ("▶", "Your turn: type your reply, then press Enter", "$text-success"),
        "listening": ("●", f"Listening: speak; a {pause_seconds:g} s pause ends your reply",
                      "$text-error"),
        "transcribing": ("…", "Transcribing your reply", "$text-warning"),
        "paused": ("‖", f"Paused: press {key_of('call.pause')} to resume", "$text-warning"),
        "ended": ("■", done_text, "$text-muted"),
    }
    icon, text, style = texts[phase]
    return plain(f"{icon} {text}", f"bold {style}")


class AnswerBox(Widget):
    phase: reactive[Phase] = reactive("idle")
    typing: reactive[bool] = reactive(False)
    level: reactive[float] = reactive(0.0)

    def __init__(
        self,
        voice: Voice,
        scenario: Scenario,
        *,
        done_text: str = CALL_OVER,
        in_call: bool = True,
        id: str | None = None,
    ) -> None:
        """``in_call`` is False on the redo screen, where skipping and switching modes are not
        offered."""
        super().__init__(id=id)
        self.done_text = done_text
        self.in_call = in_call
        self.voice = voice
        self.scenario = scenario
        self.line = ""
        self.words = ""
        """The words heard so far in this reply, until its transcript replaces them."""
        self._listening = 0
        self.set_reactive(AnswerBox.typing, not voice.listens)

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-row"):
            yield Static(id="status")
            yield LevelMeter(id="meter").data_bind(level=AnswerBox.level)
        yield Static(id="live")
        yield Input(placeholder="Type your reply and press Enter", id="reply", disabled=True)

    # -- what the screens ask for ------------------------------------------------------------

    def ask(self, line: str) -> None:
        """A new line from the recruiter: speak it, then take the reply."""
        self.line = line
        self._speak()

    def hear_again(self) -> None:
        if not self.voice.speaks:
            self.notify("Sound is off, so the recruiter's line stays on screen: read it above.")
        self._speak()

    def pause(self) -> None:
        self._stop()
        self.phase = "paused"

    def resume(self) -> None:
        self._speak()

    def end(self) -> None:
        self._stop()
        self.phase = "ended"

    def set_typing(self, typing: bool) -> None:
        self.typing = typing
        if self.phase in ("your_turn", "listening"):
            self._stop()
            self._take_reply()

    @property
    def busy(self) -> bool:
        """Sound is playing or being recorded or transcribed."""
        return self.phase in ("speaking", "listening", "transcribing")

    # -- the flow ------------------------------------------------------------------------------

    def _stop(self) -> None:
        self.workers.cancel_group(self, VOICE_GROUP)
        self.voice.release()
        self.level = 0.0

    def _speak(self) -> None:
        self._stop()
        if self.voice.speaks:
            self.phase = "speaking"
            self._say(self.line)
        else:
            self._take_reply()

    def _take_reply(self) -> None:
        if self.typing or not self.voice.listens:
            self.phase = "your_turn"
        else:
            self.phase = "listening"
            self._listening += 1
            self._listen(self._listening)

    def watch_phase(self) -> None:
        self._sync()

    def watch_typing(self) -> None:
        self._sync()

    def _sync(self) -> None:
        """Status line, reply box and meter, to match the phase and the way of replying."""
        if not self.is_mounted:
            return
        phase = self.phase
        if phase not in ("listening", "transcribing"):
            self.words = ""  # the transcript has replaced them, or the reply was dropped
        self._show_status()
        self.screen.refresh_bindings()
        live = self._show_words()
        reply = self.query_one("#reply", Input)
        # A typist may answer while the recruiter is still talking, as on a real call.
        reply.disabled = not (phase == "your_turn" or (phase == "speaking" and self.typing))
        reply.display = phase != "ended" and not live
        if not reply.disabled:
            reply.focus()
        self.query_one("#meter", LevelMeter).display = phase == "listening"

    def _show_status(self) -> None:
        if self.is_mounted:
            who = self.scenario.recruiter.name
            self.query_one("#status", Static).update(
                phase_text(self.phase, who, self.done_text, self.voice.pause_seconds))

    def _show_words(self) -> bool:
        """The words heard so far, in place of the (idle) reply box; True when shown."""
        live = self.query_one("#live", Static)
        shown = bool(self.words) and self.phase in ("listening", "transcribing")
        live.display = shown
        if shown:
            width = live.content_size.width or max(1, self.size.width - 6)
            live.update(plain(fit_tail(self.words, width)))
        return shown

    def on_words_so_far(self, message: WordsSoFar) -> None:
        message.stop()
        if message.listening != self._listening or self.phase not in ("listening",
                                                                       "transcribing"):
            return  # from a reply that is over
        first = not self.words
        self.words = message.text
        if first:
            self._sync()  # the words take the reply box's place
        else:
            self._show_words()

    def on_resize(self) -> None:
        if self.is_mounted and self.words:
            self._show_words()

    def on_mount(self) -> None:
        if self.voice.listens and not self.typing:
            self._warm_up()

    @work(thread=True, exclusive=True, group=WARM_UP_GROUP, exit_on_error=False)
    def _warm_up(self) -> None:
        """Load the transcriber now, so the first reply does not wait for the model."""
        self.voice.engine()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = strip_controls(event.value).strip()  # a pasted escape code is not words
        if not text:
            self.notify("Type your reply first, then press Enter.", severity="warning")
            return
        event.input.value = ""
        self._stop()
        self.phase = "idle"
        self.post_message(ReplyReady(Reply(text)))

    def on_input_level(self, message: InputLevel) -> None:
        message.stop()
        self.level = message.level

    # -- the workers ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group=VOICE_GROUP, exit_on_error=False, name="say")
    def _say(self, line: str) -> None:
        self.voice.say(line, self.scenario, get_current_worker().cancelled_event,
                       spoken_reply=not self.typing)

    @work(thread=True, exclusive=True, group=VOICE_GROUP, exit_on_error=False, name="listen")
    def _listen(self, listening: int) -> Reply:
        return self.voice.hear(
            self.scenario,
            get_current_worker().cancelled_event,
            on_level=lambda level: self.post_message(InputLevel(level)),
            on_transcribing=lambda: self.app.call_from_thread(self._transcribing),
            on_words=lambda text: self.post_message(WordsSoFar(text, listening)),
        )

    def _transcribing(self) -> None:
        self.level = 0.0
        self.phase = "transcribing"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place sound work ends: success moves the call on, failure says what next."""
        worker = event.worker
        if worker.group == WARM_UP_GROUP and event.state == WorkerState.ERROR:
            self.notify(f"{_reason(worker.error)}. Type your replies for now "
                        f"({key_of('call.speak')} tries speaking again).",
                        title="Speech recognition is unavailable", severity="error", timeout=15)
            self.set_typing(True)
            return
        if worker.group != VOICE_GROUP or worker.is_cancelled:
            return
        if event.state == WorkerState.SUCCESS:
            if worker.name == "say":
                self._take_reply()
            elif isinstance(worker.result, Reply):
                self._heard(worker.result)
        elif event.state == WorkerState.ERROR and not isinstance(worker.error, Cancelled):
            self._failed(worker.name, worker.error)

    def _heard(self, reply: Reply) -> None:
        self.phase = "idle"
        self.post_message(ReplyReady(reply))

    def _failed(self, stage: str, error: BaseException | None) -> None:
        """Tell the user what went wrong and how to go on; fall back to typing meanwhile."""
        reason = _reason(error)
        if stage == "say":
            self.notify(f"{reason}. The line is on screen; answer it as usual "
                        f"({key_of('call.hear')} tries the voice again).",
                        title="Could not play the recruiter's voice", severity="warning",
                        timeout=10)
            self._take_reply()
            return
        ways = (f", or {key_of('call.skip')} to skip this turn ({key_of('call.type')} types "
                "for the rest of the call)" if self.in_call else "")
        self.notify(f"{reason}. Type your reply below, or {key_of('call.hear')} to hear the "
                    f"line and speak again{ways}.",
                    title="Could not hear your reply", severity="error", timeout=15)
        self.level = 0.0
        self.phase = "your_turn"


def _reason(error: BaseException | None) -> str:
    if isinstance(error, TrainerError):
        return error.message.rstrip(".")
    if error is None:
        return "Something went wrong"
    text = str(error).rstrip(".") or type(error).__name__
    return text[0].upper() + text[1:]
