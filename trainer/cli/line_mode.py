"""The call without the full-screen UI: for scripts, screen readers and quick dry runs.

Recruiter lines are printed (and spoken unless muted); replies come one per line
from standard input, from audio files in turn order, or from the microphone. The
same :class:`~trainer.call.engine.Call` as the TUI scores, branches and saves.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.call.engine import Call, TurnOutcome
from trainer.call.listening import Cancelled, SpeechFailure, Voice, open_voice
from trainer.call.reply import Reply
from trainer.checklist import Checklist
from trainer.cli.briefing import briefing_text
from trainer.cli.common import err, out
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.speech.live import fit_tail
from trainer.textsafe import strip_controls, visible


@dataclass
class LineOptions:
    typed: bool = True
    mute: bool = False
    mic: bool = False
    audio: list[Path] = field(default_factory=list)
    explain: bool = False
    engine: str | None = None
    json_output: bool = False
    """Keep stdout for the JSON document: the conversation goes to stderr."""
    briefing: bool = True
    """Print the briefing before the first line (``--brief``: the title only)."""


def typed_text(raw: bytes | str) -> tuple[str, bool]:
    """A typed line as reply text, and whether any of it was not UTF-8.

    Bytes that are not UTF-8 (a Latin-1 terminal, a pasted binary) become U+FFFD
    instead of ending the call, and escape sequences or other control characters
    (a pasted colour code, an arrow key in a plain terminal) are dropped: a reply
    is words, and it must be safe to save, score and show.
    """
    if isinstance(raw, str):  # a text stream: undo the surrogates Python uses for bad bytes
        raw = raw.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", errors="replace")
    mangled = "\ufffd" in text and "\ufffd".encode() not in raw
    return strip_controls(text.rstrip("\r\n")), mangled


def _typed_reply() -> Reply | None:
    """One line from standard input, or None at its end."""
    if sys.stdin.isatty():
        sys.stdout.write("You: ")
        sys.stdout.flush()
    line = getattr(sys.stdin, "buffer", sys.stdin).readline()
    if not line:
        return None
    text, mangled = typed_text(line)
    if mangled:
        err("notice: part of that reply was not UTF-8 text; those bytes are kept as \ufffd.")
    return Reply(text)


class LiveLine:
    """The words heard so far, rewritten in place on one line of a terminal.

    Only ever on a terminal: a script reading a pipe or a file gets no extra
    lines. The line never wraps (a wrapped line could not be rewritten in place),
    so it keeps the latest words that fit, and it is wiped before anything else
    is printed, so no partial is left on the screen.
    """

    PREFIX = "(hearing) "
    CLEAR = "\r\x1b[K"
    """Back to the start of the line, and erase it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.shown = False
        self._lock = threading.Lock()

    @classmethod
    def on_stderr(cls) -> LiveLine | None:
        """One for standard error when it is a terminal, else None."""
        return cls(sys.stderr) if sys.stderr.isatty() else None

    def _width(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):
            return 80

    def show(self, text: str) -> None:
        room = self._width() - len(self.PREFIX) - 1  # the last column can wrap the line
        words = fit_tail(visible(text), max(0, room))
        with self._lock:
            self.stream.write(f"{self.CLEAR}{self.PREFIX}{words}")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        with self._lock:
            if self.shown:
                self.stream.write(self.CLEAR)
                self.stream.flush()
                self.shown = False


class ReplySource:
    """Where the next reply comes from: the microphone, the next audio file, or a typed line."""

    def __init__(
        self, voice: Voice, options: LineOptions, scenario: Scenario, show: Callable[[str], None]
    ) -> None:
        self.voice = voice
        self.show = show
        self.scenario = scenario
        self.files = list(options.audio)
        self.from_files = bool(self.files)
        self.live = LiveLine.on_stderr()

    def next(self) -> Reply | None:
        if self.from_files:
            return self.voice.hear_file(self.files.pop(0), self.scenario) if self.files else None
        if self.voice.listens:
            try:
                return self._hear()
            except SpeechFailure as exc:
                err(f"notice: {_sentence(exc.message)} Type this reply instead; the microphone "
                    "is tried again for the next one.")
        return _typed_reply()

    def _hear(self) -> Reply:
        """A spoken reply; on a terminal, the words so far on one line until it is heard."""
        live = self.live
        try:
            return self.voice.hear(self.scenario, on_live=self._listening,
                                   on_words=live.show if live is not None else None)
        finally:
            if live is not None:
                live.clear()  # the transcript (or a notice) is printed where it was

    def _listening(self) -> None:
        """Said the moment the microphone delivers sound, flushed so a script reading us sees it."""
        self.show("(listening... speak your reply)")
        sys.stdout.flush()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _mark(met: bool | None) -> str:
    return {True: "[x]", False: "[ ]", None: "[-]"}[met]


def _report_turn(outcome: TurnOutcome, checklist: Checklist, explain: bool,
                 show: Callable[[str], None]) -> None:
    parts = []
    for name in outcome.expected:
        result = outcome.score.checks[name]
        parts.append(f"{_mark(result.met)} {checklist.label(name)}")
    for name, result in outcome.score.checks.items():
        if checklist.is_pitfall(name) and result.met:
            words = ", ".join(f'"{e.text}"' for e in result.evidence)
            parts.append(f"(!) {checklist.label(name)}{': ' + words if words else ''}")
    if parts:
        show("    " + "   ".join(parts))
    for warning in outcome.misheard:
        show(f"    (?) {warning.line}")
    if explain:
        show(f"    -> next: {outcome.decision.goto} ({outcome.decision.reason})")


def run_line_mode(call: Call, options: LineOptions) -> None:
    """Play the whole call; end of input hangs up politely and still saves and scores."""
    scenario = call.scenario
    voice = open_voice(mute=options.mute, typed=not options.mic, engine=options.engine)
    for notice in voice.notices:
        err(f"notice: {notice}")
    show = err if options.json_output else out
    replies = ReplySource(voice, options, scenario, show)
    name = scenario.recruiter.name
    show(briefing_text(scenario, full=options.briefing))
    checklist = scenario.checklist()
    while not call.finished:
        turn = call.current_turn
        assert turn is not None
        if options.explain:
            show(f"[turn {turn.id}]")
        show(f"{name}: {call.recruiter_line}")
        try:
            voice.say(call.recruiter_line, scenario)
        except (SpeechFailure, Cancelled) as exc:
            err(f"notice: the recruiter's voice failed ({exc}); the line is shown above.")
        try:
            reply = replies.next()
        except TrainerError:
            call.hang_up()  # what was answered is kept and scored; the error is said once, above
            raise
        if reply is None:
            show("(end of input: hanging up)")
            call.hang_up("input_ended")
            break
        if reply.source != "typed" or not sys.stdin.isatty():
            show(f"You: {reply.text}")
        outcome = call.answer(reply)
        _report_turn(outcome, checklist, options.explain, show)
    show("")


def offer_letter(call: Call, choice: bool | None, to_stderr: bool = False) -> None:
    """The end-of-call offer of the follow-up letter: ``--letter`` (``choice`` true) prints
    the draft, ``--no-letter`` skips it, and otherwise a user at a terminal is asked; with
    input from a pipe nobody is there to answer, so nothing is asked or printed."""
    show = err if to_stderr else out
    if choice is False or call.store is None or call.session_id is None:
        return
    command = f"trainer letter {call.session_id} --out follow-up.eml"
    if choice is None:
        if not sys.stdin.isatty():
            return  # a script: nobody to answer, and its output stays as it was
        sys.stdout.write("Draft the follow-up letter now? [Y/n] ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("", "y", "yes"):
            return
    from trainer.cli.letter_cmds import user_name
    from trainer.letter.saved import current_letter

    current = current_letter(call.store.load(call.session_id), call.scenario, user_name())
    if current is None:  # pragma: no cover - a live call always has its scenario
        return
    show("")
    show("Follow-up letter (a draft from what you said)")
    show("")
    show(current.text)
    for repair in current.repairs:
        show(f"  Repaired: {repair.message}")
    show("")
    show(f"`{command}` writes it as an email draft; `trainer check --letter FILE` scores "
         "your own edit.")


def session_json(call: Call) -> dict[str, Any]:
    """The saved session; a call hung up before any reply saved nothing and scores 0."""
    if call.store is None or call.session_id is None:
        return {"session_id": None, "scenario": call.scenario.id, "path": [], "turns": [],
                "score": 0.0, "finished": True}
    session = call.store.load(call.session_id)
    # the document, plus what scripts read from it before version 2 derived it
    return {**session.to_json(), "path": session.path, "finished": session.finished,
            "score": session.score, "status": session.status}
