"""Commands that read saved calls: history, show, rescore, export.

SESSION is a full session id, a unique start of one, or ``last``. Scenario
files are only read (for labels, model answers and the scorer) by the commands
that need them, so ``trainer history`` stays quick however many files there are;
the session modules themselves are imported by the commands, so that ``trainer
--help`` and the other commands start without them.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trainer.cli.common import err, out, out_json
from trainer.cli.table import Column, fit_table, natural_width, terminal_width
from trainer.errors import TrainerError, UsageError
from trainer.textsafe import visible

if TYPE_CHECKING:
    from trainer.scenario.catalog import CatalogEntry
    from trainer.scenario.model import Scenario
    from trainer.sessions.model import Session
    from trainer.sessions.store import SessionStore

SessionArg = Annotated[
    str,
    typer.Argument(help="A session id, a unique start of one, or 'last'.", show_default=False,
                   metavar="SESSION"),
]


ScenarioFilter = Annotated[
    str | None, typer.Option("--scenario", help="Only calls of this scenario id.",
                             show_default=False, metavar="ID")
]


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    txt = "txt"
    json = "json"


def export_format(fmt: ExportFormat | None, out_file: Path | None) -> ExportFormat:
    """``--format`` if given, else what the ``--out`` file's suffix asks for, else Markdown."""
    from trainer.sessions.export import SUFFIXES

    if fmt is not None:
        return fmt
    if out_file is None or not out_file.suffix:
        return ExportFormat.md
    found = SUFFIXES.get(out_file.suffix.lower())
    if found is None:
        known = ", ".join(dict.fromkeys(SUFFIXES))
        raise UsageError(
            f"--out {out_file}: the trainer does not write '{out_file.suffix}' files; "
            f"name the file with one of {known}, or give --format md, html, txt or json"
        )
    return ExportFormat(found)


def history(
    scenario: ScenarioFilter = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List saved sessions: date, scenario, score, length, finished or not."""
    from trainer.sessions.report import format_duration, format_score, format_when
    from trainer.sessions.store import SessionStore

    store = SessionStore()
    result = store.list(scenario)
    for problem in result.problems:
        err(f"warning: skipped {problem.path}: {problem.message}")
    if as_json:
        out_json([summary.to_json() for summary in result.sessions])
        return
    if not result.sessions:
        if scenario:
            from trainer.scenario.problems import did_you_mean

            known = {s.scenario for s in store.list().sessions}
            out(f"No sessions of '{scenario}'{did_you_mean(scenario, known)}.")
        else:
            out("No sessions yet: rehearse a call with `trainer` and it is saved here.")
        return
    width = terminal_width()
    columns = [Column("DATE", least=16), Column("SCENARIO", shrink=1, min_width=12),
               Column("SCORE", right=True), Column("LENGTH", right=True, least=7),
               Column("STATUS", least=10), Column("SESSION")]
    ids = [s.session_id for s in result.sessions]
    cells = [[format_when(s.started), s.scenario, format_score(s.score),
              format_duration(s.duration), s.status, s.session_id] for s in result.sessions]
    if width is not None and natural_width(columns, cells) > width:
        # a unique start of the id works wherever the id does (`show`, `export`, `delete`)
        short = short_refs(ids, {s.session_id for s in store.list().sessions})
        for row in cells:
            row[-1] = short[row[-1]]
    for line in fit_table(columns, cells, width):
        out(line)


def short_refs(ids: list[str], every: set[str], least: int = 16) -> dict[str, str]:
    """Each id cut to its shortest start (``least`` characters at the least: the time
    stamp) that no other session shares."""
    out: dict[str, str] = {}
    for session_id in ids:
        size = least
        while size < len(session_id) and any(
            other != session_id and other.startswith(session_id[:size]) for other in every
        ):
            size += 1
        out[session_id] = session_id[:size]
    return out


def _scenario_entry(scenario_id: str) -> CatalogEntry | None:
    """The current file of a scenario, if it is still around and valid; never raises."""
    from trainer.scenario.catalog import load_catalog

    try:
        entry = load_catalog().by_id().get(scenario_id)
    except TrainerError:
        return None
    return entry if entry is not None and entry.scenario is not None else None


def _hashes(entry: CatalogEntry) -> set[str]:
    from trainer.scenario.loader import file_sha256

    return {h for h in (entry.sha256, file_sha256(entry.path)) if h}


def _load(store: SessionStore, ref: str) -> Session:
    return store.load(store.resolve(ref))


def show(session: SessionArg) -> None:
    """Print a saved call as a scored transcript."""
    from trainer.sessions.render_text import render_text
    from trainer.sessions.report import build_report
    from trainer.sessions.store import SessionStore

    store = SessionStore()
    found = _load(store, session)
    entry = _scenario_entry(found.scenario)
    scenario_hash = None
    if entry is not None:
        hashes = _hashes(entry)
        scenario_hash = found.scenario_hash if found.scenario_hash in hashes else entry.sha256
    report = build_report(found, entry.scenario if entry else None, scenario_hash)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out(render_text(report, color=color))


def export(
    session: SessionArg,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="md, html (one self-contained page), txt or json; "
                     "by default the --out file's suffix says, else md.",
                     case_sensitive=False, show_default=False)
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the screen.",
                                  show_default=False, dir_okay=False, metavar="FILE")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --out file if it exists.")
    ] = False,
) -> None:
    """Write a saved call out as a report for a coach (Markdown, HTML, text) or as JSON."""
    from trainer.sessions.export import export_session
    from trainer.sessions.store import SessionStore

    fmt = export_format(fmt, out_file)
    store = SessionStore()
    found = _load(store, session)
    entry = _scenario_entry(found.scenario)
    scenario_hash = None
    if entry is not None:
        hashes = _hashes(entry)
        scenario_hash = found.scenario_hash if found.scenario_hash in hashes else entry.sha256
    trend = None
    if fmt is ExportFormat.html:
        from trainer.sessions.progress import progress as progress_of

        trend = progress_of(store, until=found.started)
    text = export_session(found, fmt.value, entry.scenario if entry else None, scenario_hash,
                          trend)
    if fmt.value != "json":  # a report has no control characters of its own: any came from a file
        text = visible(text)
    if out_file is None:
        sys.stdout.write(text)
        return
    target = write_out_file(out_file, text.encode("utf-8"), f"report.{fmt.value}", force)
    out(f"Wrote {target} ({fmt.value}).")


def write_out_file(out_file: Path, data: bytes, example: str, force: bool = False) -> Path:
    """Write ``--out FILE`` (an export, a letter): never into a folder or a missing folder;
    :func:`~trainer.sessions.fileops.write_export` refuses devices and FIFOs, never follows
    a link, keeps a replaced file's mode and replaces nothing without ``force``."""
    from trainer.sessions.fileops import write_export

    target = out_file.expanduser()
    if target.is_dir():
        raise UsageError(f"--out {visible(str(out_file))}: is a folder; give a file name, "
                         f"e.g. {example}")
    if not target.parent.is_dir():
        raise TrainerError(f"--out {visible(str(out_file))}: the folder "
                           f"{visible(str(target.parent))} does not exist")
    try:
        write_export(target, data, force=force)
    except OSError as exc:
        raise TrainerError(f"--out {visible(str(out_file))}: cannot write: "
                           f"{exc.strerror or exc}") from None
    return target


def delete(
    session: SessionArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete a saved call for good, with the recordings the trainer kept of it."""
    from trainer.sessions.report import format_score, format_when
    from trainer.sessions.store import SessionStore

    store = SessionStore()
    session_id = store.resolve(session)
    try:
        found = store.load(session_id)
        what = (f"{found.scenario_title or found.scenario}, {format_when(found.started)}, "
                f"score {format_score(found.score)}, {len(found.turns)} "
                f"repl{'y' if len(found.turns) == 1 else 'ies'}")
    except TrainerError:
        what = "a file that cannot be read"
    if not yes and not confirm(f"Delete session {session_id} ({what}) and its recordings? "
                               "This cannot be undone. [y/N] "):
        out("Nothing deleted.")
        raise typer.Exit(1)
    removed = store.delete(session_id)
    recordings = sum(1 for path in removed if path.parent != store.root)
    kept = f" and {recordings} recording{'s' if recordings != 1 else ''}" if recordings else ""
    out(f"Deleted {session_id}{kept}.")


def confirm(question: str) -> bool:
    """Ask on the terminal; no answer (end of input) is a no."""
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        sys.stderr.write("\n")
    return answer.strip().lower() in ("y", "yes")


def progress(
    scenario: ScenarioFilter = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """How your calls change over time: the checklist items you keep missing, pace, fillers."""
    import shutil

    from trainer.sessions.progress import progress as progress_of
    from trainer.sessions.render_progress import progress_text
    from trainer.sessions.store import SessionStore

    result = progress_of(SessionStore(), scenario=scenario)
    for problem in result.skipped:
        err(f"warning: skipped {problem}")
    if as_json:
        out_json(result.to_json())
        return
    if not result.calls and scenario:
        out(f"No finished calls of '{scenario}' yet; `trainer history` lists your calls.")
        return
    out(progress_text(result, shutil.get_terminal_size().columns))


def dry_run(ref: str, scenario: Scenario | None = None, as_json: bool = False) -> None:
    """Print what the current scorer makes of a saved call, changing nothing.

    ``ref`` is a session (as for ``show``) or a session file anywhere; ``scenario``
    overrides the one the call was made with.
    """
    from trainer.sessions.render_json import scorecard_json
    from trainer.sessions.render_text import render_scorecard
    from trainer.sessions.rescore import rescore as rescore_session
    from trainer.sessions.scored import unknown_turns
    from trainer.sessions.store import SUFFIX, SessionStore, load_file

    path = Path(ref).expanduser()
    if path.suffix == SUFFIX or os.sep in ref:
        found = load_file(path)
    else:
        found = _load(SessionStore(), ref)
    hashes: set[str] = set()
    if scenario is None:
        entry = _scenario_entry(found.scenario)
        if entry is None or entry.scenario is None:
            raise TrainerError(f"scenario '{found.scenario}' is no longer found or no longer "
                               "valid (`trainer list` shows the scenarios)")
        scenario, hashes = entry.scenario, _hashes(entry)
    unknown = unknown_turns(found, scenario)
    if unknown:
        err(f"warning: {scenario.id} has no turn {', '.join(unknown)}; "
            "those replies are scored without expectations")
    card = rescore_session(found, scenario, hashes, dry_run=True).scorecard
    if as_json:
        out_json(scorecard_json(card))
        return
    sys.stdout.write(render_scorecard(card))


def rescore(
    session: Annotated[
        str | None, typer.Argument(help="A session id, a unique start of one, or 'last' "
                                   "(with --dry-run, also a session file).",
                                   show_default=False, metavar="SESSION")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Rescore every saved session.")] = False,
    dry: Annotated[bool, typer.Option("--dry-run", help="Print the new scorecard of one "
                                      "session and change nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --dry-run: the scorecard as "
                                          "JSON.")] = False,
) -> None:
    """Score saved calls again with the current scorer; the old score is kept in the file."""
    from trainer.sessions.report import format_score
    from trainer.sessions.store import SessionStore

    if every == (session is not None):
        raise UsageError("give one SESSION or --all")
    if dry:
        if session is None:
            raise UsageError("--dry-run takes one SESSION, not --all")
        dry_run(session, None, as_json)
        return
    if as_json:
        raise UsageError("--json goes with --dry-run")
    from trainer.sessions.rescore import rescore as rescore_session

    store = SessionStore()
    if every:
        listing = store.list()
        ids = [s.session_id for s in listing.sessions]
        for problem in listing.problems:
            err(f"error: cannot rescore {problem.path}: {problem.message}")
        failures = len(listing.problems)
    else:
        ids = [store.resolve(session or "")]
        failures = 0
    entries: dict[str, CatalogEntry | None] = {}
    for session_id in ids:
        try:
            with store.edit(session_id) as found:
                if found.scenario not in entries:
                    entries[found.scenario] = _scenario_entry(found.scenario)
                entry = entries[found.scenario]
                if entry is None or entry.scenario is None:
                    raise TrainerError(
                        f"scenario '{found.scenario}' is no longer found or no longer valid "
                        "(`trainer list` shows the scenarios); the session is unchanged"
                    )
                outcome = rescore_session(found, entry.scenario, _hashes(entry))
        except TrainerError as exc:
            if not every:
                raise
            err(f"error: {session_id}: {exc.message}")
            failures += 1
            continue
        note = " (the scenario file has changed since this call)" if outcome.scenario_changed \
            else ""
        if outcome.changed:
            out(f"{session_id}: {format_score(outcome.before)} -> "
                f"{format_score(outcome.after)}{note}; the earlier result is kept in the file")
        else:
            out(f"{session_id}: unchanged ({format_score(outcome.after)}){note}")
    if every and not ids and not failures:
        out("No sessions to rescore.")
    if failures:
        raise TrainerError(
            f"{failures} session{'s' if failures != 1 else ''} could not be rescored (see above)"
        )


def correct(
    session: SessionArg,
    turn: Annotated[int, typer.Argument(help="The turn's number, as `trainer show` numbers "
                                        "them (1 is the first reply).", show_default=False,
                                        metavar="TURN")],
    text: Annotated[str, typer.Argument(help="What you said in that turn, word for word.",
                                        show_default=False, metavar="TEXT")],
) -> None:
    """Correct what the recogniser heard in one turn: the reply is scored again and saved,
    with what was heard kept beside it."""
    from trainer.sessions.correct import correct_turn
    from trainer.sessions.report import format_score
    from trainer.sessions.store import SessionStore

    store = SessionStore()
    session_id = store.resolve(session)
    with store.edit(session_id) as found:
        entry = _scenario_entry(found.scenario)
        if entry is None or entry.scenario is None:
            err(f"warning: scenario '{found.scenario}' is no longer found; the reply is scored "
                "with the built-in checklist only and the call's score is left as it was")
        before = found.score
        record = correct_turn(found, turn, text, entry.scenario if entry else None)
        after = found.score
    heard = visible(record.heard or "")
    out(f"Turn {turn} corrected: “{visible(record.reply)}” (heard: “{heard}”)")
    if found.finished:
        out(f"Score: {format_score(before)} -> {format_score(after)}")
    out(f"`trainer show {session_id}` shows the turn scored again.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("history")(history)
    app.command("show")(show)
    app.command("rescore")(rescore)
    app.command("correct")(correct)
    app.command("export")(export)
    app.command("delete")(delete)
    app.command("progress")(progress)
