"""Starting a call: the full-screen trainer by default, or line mode with ``--plain``."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Annotated

import typer

from trainer.cli.common import out, out_json
from trainer.cli.scenario_cmds import ScenariosOption
from trainer.errors import UsageError
from trainer.scenario.catalog import load_catalog


def _open_tui(scenarios: list[Path] | None, scenario: str | None, typed: bool, mute: bool) -> None:
    from trainer.tui.app import run_tui

    run_tui(scenario_dirs=scenarios or (), start_scenario=scenario, typed=typed, mute=mute)


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
    letter: Annotated[
        bool | None,
        typer.Option("--letter/--no-letter", help="Line mode: print the follow-up letter's "
                     "draft at the end, or skip the offer (default: ask at a terminal).",
                     show_default=False),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Pick the recruiter's phrasings reproducibly.")
    ] = None,
    scenarios: ScenariosOption = None,
) -> None:
    """Rehearse a call: full screen, or line by line with --plain."""
    if sum([typed, mic, bool(audio)]) > 1:
        raise UsageError("choose one of --typed, --mic or --audio")
    if not plain:
        if as_json or explain or audio or mic or letter is not None:
            raise UsageError("--json, --explain, --audio, --mic and --letter/--no-letter go "
                             "with --plain")
        _open_tui(scenarios, scenario, typed, mute)
        return
    from trainer.call.engine import Call
    from trainer.cli.line_mode import LineOptions, offer_letter, run_line_mode, session_json
    from trainer.sessions.model import Mode

    catalog = load_catalog(scenarios or ())
    entry = catalog.entry(scenario)
    found = catalog.get(scenario)
    mode: Mode = "audio" if audio else "mic" if mic else "typed"
    call = Call(found, scenario_hash=entry.sha256, mode=mode,
                rng=random.Random(seed) if seed is not None else None)
    options = LineOptions(typed=not (mic or audio), mute=mute, mic=mic, audio=list(audio or []),
                          explain=explain, engine=engine, json_output=as_json)
    try:
        run_line_mode(call, options)
    except KeyboardInterrupt:
        call.hang_up()
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
