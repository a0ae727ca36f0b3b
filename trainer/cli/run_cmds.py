"""Starting a call: the full-screen trainer by default, or line mode with ``--plain``."""

from __future__ import annotations

import contextlib
import random
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from trainer.call.interrupt import interrupted_message
from trainer.cli.common import err, out, out_json
from trainer.cli.scenario_cmds import ScenariosOption
from trainer.errors import Interrupted, TrainerError, UsageError

if TYPE_CHECKING:
    from trainer.call.engine import Call


def _open_tui(scenarios: list[Path] | None, scenario: str | None, typed: bool, mute: bool) -> None:
    from trainer.tui.app import run_tui

    run_tui(scenario_dirs=scenarios or (), start_scenario=scenario, typed=typed, mute=mute)


class CallInterrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived during a call: handled like Ctrl-C, with its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP (a closed terminal) stop it like Ctrl-C."""
    def interrupt(signum: int, frame: object) -> None:
        raise CallInterrupted(signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupted(call: Call, sig: int) -> NoReturn:
    """Leave the session unfinished (so it can go on), say where it is, exit 128 + n."""
    session_id = call.session_id
    if call.store is not None and call.session is not None:
        call.store.release(call.session)
    raise Interrupted("\n" + interrupted_message(sig, call.scenario.id, session_id),
                      exit_code=128 + sig)


def run(
    scenario: Annotated[str, typer.Argument(help="A scenario id (see `trainer list`) or file.")],
    plain: Annotated[bool, typer.Option("--plain", help="Line mode: no full-screen UI.")] = False,
    typed: Annotated[
        bool, typer.Option("--typed", help="Type replies instead of speaking.")
    ] = False,
    mute: Annotated[
        bool, typer.Option("--mute", help="Do not speak the recruiter's lines.")
    ] = False,
    mic: Annotated[
        bool, typer.Option("--mic", help="Line mode: answer with the microphone.")
    ] = False,
    audio: Annotated[
        list[Path] | None,
        typer.Option("--audio", help="Line mode: a WAV/FLAC/AIFF reply per turn, in order.",
                     show_default=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Line mode: print the saved session as JSON.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Line mode: say which branch each reply took and why.")
    ] = False,
    engine: Annotated[
        str | None, typer.Option("--engine", help="Speech-to-text engine (see `trainer doctor`).")
    ] = None,
    brief: Annotated[
        bool, typer.Option("--brief", help="Line mode: skip the briefing, start the call.")
    ] = False,
    letter: Annotated[
        bool | None,
        typer.Option("--letter/--no-letter", help="Line mode: print the follow-up letter's "
                     "draft at the end, or skip the offer (default: ask at a terminal).",
                     show_default=False),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Pick the recruiter's phrasings reproducibly.")
    ] = None,
    resume: Annotated[
        str | None, typer.Option("--resume", help="Line mode: go on with an unfinished session.",
                                 metavar="SESSION", show_default=False)
    ] = None,
    scenarios: ScenariosOption = None,
) -> None:
    """Rehearse a call: full screen, or line by line with --plain."""
    if sum([typed, mic, bool(audio)]) > 1:
        raise UsageError("choose one of --typed, --mic or --audio")
    if not plain:
        if as_json or explain or audio or mic or resume or brief or letter is not None:
            raise UsageError("--json, --explain, --brief, --audio, --mic, --resume and "
                             "--letter/--no-letter go with --plain")
        _open_tui(scenarios, scenario, typed, mute)
        return
    from trainer.call.engine import Call
    from trainer.cli.line_mode import LineOptions, offer_letter, run_line_mode, session_json
    from trainer.scenario.catalog import load_catalog
    from trainer.sessions.model import Mode

    catalog = load_catalog(scenarios or ())
    entry = catalog.entry(scenario)
    found = catalog.get(scenario)
    mode: Mode = "audio" if audio else "mic" if mic else "typed"
    rng = random.Random(seed) if seed is not None else None
    if resume:
        from trainer.sessions.store import SessionStore

        store = SessionStore()
        store.check_writable()
        call = Call.resume(found, store.resolve(resume), store=store, rng=rng)
    else:
        call = Call(found, scenario_hash=entry.sha256, mode=mode, rng=rng)
    options = LineOptions(typed=not (mic or audio), mute=mute, mic=mic, audio=list(audio or []),
                          explain=explain, engine=engine, json_output=as_json,
                          briefing=not brief)
    try:
        with signals_interrupt():
            run_line_mode(call, options)
    except KeyboardInterrupt as exc:
        _interrupted(call, getattr(exc, "signum", signal.SIGINT))
    except TrainerError:
        if call.session_id:
            err(f"What was answered is saved as session {call.session_id}.")
        raise
    if as_json:
        out_json(session_json(call))
        if letter:
            offer_letter(call, letter, to_stderr=True)
    else:
        from trainer.sessions.render_text import render_scorecard

        out(render_scorecard(call.scorecard()))
        if call.session_id:
            out(f"\nSaved as session {call.session_id} (`trainer show {call.session_id}`).")
        offer_letter(call, letter)


def register(app: typer.Typer) -> None:
    app.command("run")(run)

    @app.callback(invoke_without_command=True)
    def root(
        ctx: typer.Context,
        scenarios: ScenariosOption = None,
        typed: Annotated[bool, typer.Option("--typed", help="Type replies.")] = False,
        mute: Annotated[bool, typer.Option("--mute", help="Do not speak.")] = False,
    ) -> None:
        """Rehearse, out loud, the call that turns down a job offer or an interview.

        With no command, opens the full-screen trainer.
        """
        if ctx.invoked_subcommand is None:
            _open_tui(scenarios, None, typed, mute)
