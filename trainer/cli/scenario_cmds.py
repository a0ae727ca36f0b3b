"""Commands about scenario files: list, validate, schema, paths, new."""

from __future__ import annotations

import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trainer import paths
from trainer.cli.common import err, out, out_json
from trainer.cli.table import Column, fit_table, natural_width, terminal_width
from trainer.errors import TrainerError, UsageError

if TYPE_CHECKING:  # the scenario package (pydantic models, YAML) loads only for the
    # commands that read scenarios: `trainer check --jsonl` starts without it
    from trainer.scenario.catalog import Catalog
    from trainer.scenario.problems import Problem


def _is_id(text: str) -> bool:
    """Whether ``text`` is a valid scenario id, by the model's own rule."""
    from pydantic import TypeAdapter, ValidationError

    from trainer.scenario.model import Identifier

    try:
        TypeAdapter(Identifier).validate_python(text)
    except ValidationError:
        return False
    return True

ScenariosOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--scenarios",
        help="Folder of your own scenarios (instead of the one in the user data dir).",
        show_default=False,
    ),
]


def list_scenarios(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    scenarios: ScenariosOption = None,
) -> None:
    """Show the available scenarios: id, title, situation, difficulty and number of turns."""
    from trainer.scenario.catalog import load_catalog
    from trainer.scenario.model import SITUATION_LABELS

    catalog = load_catalog(scenarios or ())
    rows: list[dict[str, Any]] = []
    for entry in catalog.entries:
        if entry.scenario is None:
            first = str(entry.problems[0]).splitlines()[0] if entry.problems else "invalid"
            err(f"warning: skipped {entry.path}: {first} (run `trainer validate {entry.path}`)")
            continue
        s = entry.scenario
        rows.append({
            "id": s.id, "title": s.title, "situation": s.situation,
            "difficulty": s.difficulty, "turns": len(s.turns),
        })
    if as_json:
        out_json(rows)
        return
    if not rows:
        out("No scenarios found.")
        return
    width = terminal_width()
    columns = [Column("ID", shrink=1, min_width=16), Column("DIFFICULTY"),
               Column("TURNS", right=True), Column("TITLE", shrink=2, min_width=16),
               Column("SITUATION", shrink=3, min_width=12)]
    cells = [[r["id"], r["difficulty"], str(r["turns"]), r["title"],
              SITUATION_LABELS.get(r["situation"], r["situation"])] for r in rows]
    if width is not None and natural_width(columns, cells) > width:
        # the title says the situation too: where room is short, the title gets it
        columns, cells = columns[:-1], [row[:-1] for row in cells]
    for line in fit_table(columns, cells, width):
        out(line)


def _is_id_ref(target: Path) -> bool:
    """A bare name that is no file here and has no scenario suffix: an id, as `run` takes."""
    from trainer.scenario.loader import SCENARIO_SUFFIXES

    return (not target.exists() and len(target.parts) == 1
            and target.suffix not in SCENARIO_SUFFIXES)


def _expand(targets: list[Path], extra_dirs: list[Path] | None = None
            ) -> tuple[list[Path], list[Problem]]:
    from trainer.scenario.catalog import load_catalog
    from trainer.scenario.loader import scenario_files
    from trainer.scenario.problems import Problem

    files: list[Path] = []
    problems: list[Problem] = []
    catalog: Catalog | None = None
    for target in targets:
        if _is_id_ref(target):
            try:
                catalog = catalog or load_catalog(extra_dirs or ())
                files.append(catalog.entry(str(target)).path)
            except TrainerError as exc:
                problems.append(Problem(str(target), 1, 1, "(id)", exc.message))
        elif target.is_dir():
            found = scenario_files(target)
            if not found:
                problems.append(Problem(str(target), 1, 1, "(file)",
                                        "directory has no .yaml or .yml scenario files"))
            files.extend(found)
        else:
            files.append(target)
    return files, problems


def validate(
    targets: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario ids, files or folders (default: shipped and your own).",
                       show_default=False, metavar="[ID|FILE|FOLDER]..."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print problems only.")] = False,
    scenarios: ScenariosOption = None,
) -> None:
    """Check scenario files; exit 0 when all are valid, 1 when any is not."""
    from trainer.scenario.loader import check_file

    if not targets:
        targets = [paths.shipped_scenarios_dir(), *(scenarios or [paths.user_scenarios_dir()])]
        targets = [t for t in targets if t.is_dir()]
    files, problems = _expand(targets, scenarios)
    bad_files = {p.file for p in problems}
    for path in files:
        result = check_file(path)
        if result.problems:
            bad_files.add(str(path))
            problems.extend(result.problems)
        elif not quiet:
            out(f"ok: {path}")
    for problem in problems:
        out(str(problem))
    total = len(files)
    summary = (f"{total} file{'s' if total != 1 else ''} checked, "
               f"{len(problems)} problem{'s' if len(problems) != 1 else ''} "
               f"in {len(bad_files)} file{'s' if len(bad_files) != 1 else ''}")
    err(summary)
    if problems:
        raise typer.Exit(1)


def schema() -> None:
    """Print the JSON Schema of scenario files (for editors that check YAML)."""
    from trainer.scenario.schema import scenario_schema

    out_json(scenario_schema())


def show_paths(
    scenario: Annotated[str, typer.Argument(help="A scenario id or file.")],
    scenarios: ScenariosOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List every path through the call, with the condition that leads to each turn."""
    from trainer.scenario.branching import all_paths
    from trainer.scenario.catalog import load_catalog
    from trainer.scenario.model import END

    found = load_catalog(scenarios or ()).get(scenario)
    walks, truncated = all_paths(found)
    if as_json:
        out_json([[{"turn": s.turn_id, "via": s.via} for s in walk] for walk in walks])
        return
    main = found.main_path()
    for number, walk in enumerate(walks, 1):
        ids = [s.turn_id for s in walk if s.turn_id != END]
        tag = "  (main path)" if ids == main else ""
        out(f"Path {number}: {' -> '.join(ids)} -> {END}{tag}")
        for step in walk[1:]:
            out(f"    -> {step.turn_id:<20} when {step.via}")
    out(f"{len(walks)} path{'s' if len(walks) != 1 else ''}"
        + (" (list cut short)" if truncated else ""))


def _ask(question: str, default: str, choices: tuple[str, ...] = ()) -> str:
    """One question at the terminal; Enter keeps the default."""
    while True:
        answer = typer.prompt(question, default=default, show_default=True).strip()
        if not choices or answer in choices:
            return answer or default
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        err(f"Please answer one of: {', '.join(choices)} (or its number).")


def _ask_id(suggestion: str) -> str:
    """The id, asked until it follows the rules (short ids are easier to type)."""
    from trainer.scenario.scaffold import short_id

    while True:
        answer = _ask("Id (used in file names and commands)", suggestion)
        if _is_id(answer):
            return answer
        err(f"An id is made of lower-case letters, digits, '-' or '_', e.g. {short_id(answer)}.")


def new(
    from_id: Annotated[
        str | None, typer.Option("--from", help="Copy this scenario (id or file) to adapt it.")
    ] = None,
    new_id: Annotated[str | None, typer.Option("--id", help="The new scenario's id.")] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="easy, medium or hard.",
                                 show_default=False)
    ] = None,
    scenarios: ScenariosOption = None,
) -> None:
    """Write a new, commented, valid scenario file into your scenario folder."""
    from trainer.scenario.catalog import load_catalog
    from trainer.scenario.model import DIFFICULTIES, SITUATION_LABELS
    from trainer.scenario.scaffold import (
        Answers,
        copy_text,
        short_id,
        slug,
        template,
        unique_path,
        write_new,
    )
    from trainer.scenario.yamlsafe import read_text

    directory = (scenarios or [paths.user_scenarios_dir()])[0]
    interactive = sys.stdin.isatty()
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise UsageError(f"--difficulty {difficulty}: use one of {', '.join(DIFFICULTIES)}")
    if new_id is not None and not _is_id(new_id):
        raise UsageError(f"--id {new_id}: an id is made of lower-case letters, digits, '-' "
                         f"or '_' (at most 64), e.g. {short_id(new_id)}")
    if from_id:
        catalog = load_catalog(scenarios or ())
        entry = catalog.entry(from_id)
        catalog.get(from_id)  # only a valid scenario is copied: its problems are listed if not
        source_text, problems = read_text(entry.path)
        if source_text is None:
            raise TrainerError(str(problems[0]))
        base = slug(new_id or f"{entry.id}-copy")
        final_id, target = unique_path(directory, base)
        text = copy_text(source_text, final_id)
    else:
        answers = Answers(id=new_id or "my-scenario", title="My practice call",
                          situation="decline_offer", name="Alex", company="Brightwave",
                          role="Product Analyst")
        if interactive:
            out("A few questions (Enter keeps the suggestion):")
            for n, (key, label) in enumerate(SITUATION_LABELS.items(), 1):
                out(f"  {n}. {key:<26} {label}")
            situation = _ask("Situation", answers.situation, tuple(SITUATION_LABELS))
            name = _ask("Recruiter's first name", answers.name)
            company = _ask("Company", answers.company)
            role = _ask("Role", answers.role)
            title = _ask("Title", f"{SITUATION_LABELS[situation]}: {role} at {company}")
            chosen = new_id or _ask_id(short_id(title))
            level = difficulty or _ask("Difficulty (easy, medium, hard)", "easy", DIFFICULTIES)
            answers = Answers(chosen, title, situation, name, company, role, level)
        elif difficulty:
            answers = replace(answers, difficulty=difficulty)
        final_id, target = unique_path(directory, slug(answers.id))
        # the header's commands must work from anywhere: the id is found in the user's own
        # folder; a file written elsewhere is named by its full path
        ref = final_id if not scenarios else shlex.quote(str(target.resolve()))
        text = template(replace(answers, id=final_id, ref=ref))
    if new_id and final_id != slug(new_id):
        err(f"notice: {slug(new_id)} already exists; wrote {final_id} instead")
    write_new(text, target)
    out(str(target))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
    app.command("list")(list_scenarios)
    app.command("validate")(validate)
    app.command("schema")(schema)
    app.command("paths")(show_paths)


