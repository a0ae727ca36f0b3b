"""Turning a scenario file into a :class:`Scenario`, or into a list of all that is wrong with it."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from trainer.errors import TrainerError
from trainer.safeio import FileRefused, read_regular
from trainer.scenario.model import Scenario
from trainer.scenario.problems import Problem
from trainer.scenario.validation import check_semantics, position, shape_problems
from trainer.scenario.yamlsafe import MAX_BYTES, parse_yaml, read_text

SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckResult:
    path: Path
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.problems


def file_sha256(path: Path) -> str:
    """The hash a saved session records, to tell later which version of the file it used."""
    try:
        return hashlib.sha256(read_regular(path, limit=MAX_BYTES)).hexdigest()
    except FileRefused:
        return ""


def check_file(path: Path) -> CheckResult:
    """Read and validate ``path``; never raises for anything wrong with the file."""
    text, problems = read_text(path)
    if text is None:
        return CheckResult(path, None, problems)
    digest = file_sha256(path)
    scenario, found = _check_text(str(path), path.suffix, path.stem, text)
    return CheckResult(path, scenario, list(found), digest)


@functools.lru_cache(maxsize=64)
def _check_text(
    name: str, suffix: str, stem: str, text: str
) -> tuple[Scenario | None, tuple[Problem, ...]]:
    """The scenario in ``text``, or its problems: the same text always gives the same answer.

    Parsing is the slow part of reading a scenario (ruamel's pure-Python parser runs twice:
    the safety check of the events, then composing), and the catalog is read again each time
    the picker opens or a command starts, so each file's text is parsed once per process.
    The file is still read every time, so an edit is seen at once. ``Scenario`` and
    ``Problem`` are frozen, so one result can be shared.
    """
    document, problems = parse_yaml(Path(name), text)
    if document is None:
        return None, tuple(problems)
    data = document.data
    if not isinstance(data, Mapping):
        return None, (Problem(name, 1, 1, "(top level)",
                              "expected a mapping of fields (id:, title:, turns: ...), got "
                              f"{type(data).__name__}"),)
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(shape_problems(name, data, exc))
    problems.extend(check_semantics(name, data))
    if scenario is not None and suffix in SCENARIO_SUFFIXES and stem != scenario.id:
        line, column = position(data, ("id",))
        problems.append(Problem(name, line, column, "id",
                                f"id '{scenario.id}' differs from the file name '{stem}'; "
                                f"rename the file to {scenario.id}{suffix} or change the id"))
    problems.sort(key=lambda p: (p.line, p.column))
    return (scenario if not problems else None), tuple(problems)


def load_scenario(path: Path) -> Scenario:
    """The scenario in ``path``; raises :class:`TrainerError` listing every problem."""
    result = check_file(path)
    if result.scenario is None:
        listing = "\n".join(f"  {p}" for p in result.problems)
        count = len(result.problems)
        raise TrainerError(f"{path} has {count} problem{'s' if count != 1 else ''}:\n{listing}")
    return result.scenario


def scenario_files(directory: Path) -> list[Path]:
    """The scenario files directly inside ``directory``, sorted; hidden files skipped."""
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir()
        if p.suffix in SCENARIO_SUFFIXES and not p.name.startswith(".")
    )
