"""The call without the full-screen UI: for scripts, screen readers and quick dry runs.

Recruiter lines are printed (and spoken unless muted); replies come one per line
from standard input, from audio files in turn order, or from the microphone. The
same :class:`~trainer.call.engine.Call` as the TUI scores, branches and saves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.call.engine import Call, TurnOutcome
from trainer.checklist import Checklist
from trainer.cli.common import err, out
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.scoring.result import ReplyTiming

SPEAK_TIMEOUT = 60.0


@dataclass
class Reply:
    text: str
    source: str = "typed"
    engine: str | None = None
    audio: Path | None = None
    timing: ReplyTiming | None = None


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


def _typed_replies() -> Iterator[Reply]:
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            sys.stdout.write("You: ")
            sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            return
        yield Reply(line.rstrip("\r\n"))


def _audio_replies(
    files: list[Path], scenario: Scenario, engine_name: str | None
) -> Iterator[Reply]:
    from trainer.speech.stt import load_engine, scenario_vocabulary

    engine = load_engine(engine_name)
    vocabulary = scenario_vocabulary(scenario)
    for path in files:
        transcript = engine.transcribe(path, vocabulary=vocabulary)
        yield Reply(
            transcript.text,
            source="audio",
            engine=transcript.engine,
            audio=path,
            timing=ReplyTiming(
                response_delay=transcript.first_word_at,
                duration=transcript.audio_seconds,
                words=tuple(transcript.words),
            ),
        )


def _mic_replies(scenario: Scenario, engine_name: str | None) -> Iterator[Reply]:
    from trainer.speech.audio_input import MicListener, microphone_status
    from trainer.speech.stt import load_engine, scenario_vocabulary

    ok, message = microphone_status()
    if not ok:
        err(f"notice: {message}; type your replies instead.")
        yield from _typed_replies()
        return
    engine = load_engine(engine_name)
    vocabulary = scenario_vocabulary(scenario)
    listener = MicListener()
    while True:
        out("(listening... speak your reply)")
        recording = listener.listen()
        transcript = engine.transcribe(recording.path, vocabulary=vocabulary)
        yield Reply(transcript.text, source="mic", engine=transcript.engine,
                    audio=recording.path,
                    timing=ReplyTiming(duration=transcript.audio_seconds,
                                       response_delay=transcript.first_word_at,
                                       words=tuple(transcript.words)))


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
    if explain:
        show(f"    -> next: {outcome.decision.goto} ({outcome.decision.reason})")


def run_line_mode(call: Call, options: LineOptions) -> None:
    """Play the whole call; end of input hangs up politely and still saves and scores."""
    scenario = call.scenario
    speaker = None
    if not options.mute:
        from trainer.speech.tts import open_speaker

        speaker, notice = open_speaker()
        if notice:
            err(f"notice: {notice}")
    if options.audio:
        replies = _audio_replies(options.audio, scenario, options.engine)
    elif options.mic:
        replies = _mic_replies(scenario, options.engine)
    else:
        replies = _typed_replies()
    show = err if options.json_output else out
    name = scenario.recruiter.name
    show(f"{scenario.title}\n")
    checklist = scenario.checklist()
    while not call.finished:
        turn = call.current_turn
        assert turn is not None
        if options.explain:
            show(f"[turn {turn.id}]")
        show(f"{name}: {call.recruiter_line}")
        if speaker is not None:
            job = speaker.speak(call.recruiter_line, voice=scenario.recruiter.voice.id,
                                rate=scenario.recruiter.voice.rate)
            job.wait(SPEAK_TIMEOUT)
        try:
            reply = next(replies)
        except StopIteration:
            show("(end of input: hanging up)")
            call.hang_up("input_ended")
            break
        except TrainerError as exc:
            err(f"error: {exc.message}")
            call.hang_up()
            break
        if reply.source != "typed" or not sys.stdin.isatty():
            show(f"You: {reply.text}")
        outcome = call.answer(reply.text, source=reply.source, timing=reply.timing,
                              audio=reply.audio, engine=reply.engine)
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
