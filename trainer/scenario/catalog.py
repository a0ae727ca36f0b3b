"""Where scenarios come from: the shipped ones, then the user's own, which override by id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from trainer import paths
from trainer.errors import TrainerError
from trainer.scenario.loader import SCENARIO_SUFFIXES, check_file, load_scenario, scenario_files
from trainer.scenario.model import Scenario
from trainer.scenario.problems import Problem, did_you_mean
from trainer.textsafe import shown_name, visible

Source = Literal["shipped", "user"]


@dataclass
class CatalogEntry:
    id: str
    path: Path
    source: Source
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""
    overrides: Path | None = None
    """The shipped file this user file replaces, if any."""

    @property
    def ok(self) -> bool:
        return self.scenario is not None


@dataclass
class Catalog:
    entries: list[CatalogEntry]

    def by_id(self) -> dict[str, CatalogEntry]:
        return {entry.id: entry for entry in self.entries}

    def valid(self) -> list[CatalogEntry]:
        return [entry for entry in self.entries if entry.ok]

    def entry(self, id_or_path: str) -> CatalogEntry:
        """The entry for an id, or for a file path (which need not be in any folder)."""
        candidate = Path(id_or_path).expanduser()
        if candidate.suffix in SCENARIO_SUFFIXES or candidate.is_file():
            if not candidate.exists():
                raise TrainerError(f"{visible(id_or_path)}: no such scenario file")
            # Anything else there (a folder, a FIFO, a device) is refused by the reader.
            return _entry_for(candidate.resolve(), "user")
        entries = self.by_id()
        if id_or_path not in entries:
            known = sorted(entries)
            raise TrainerError(
                f"no scenario with id {shown_name(id_or_path)}"
                f"{did_you_mean(id_or_path, known)}; `trainer list` shows them all"
            )
        return entries[id_or_path]

    def get(self, id_or_path: str) -> Scenario:
        entry = self.entry(id_or_path)
        if entry.scenario is None:
            load_scenario(entry.path)  # raises with every problem listed
            raise TrainerError(f"{entry.path}: invalid scenario")
        return entry.scenario


def _entry_for(path: Path, source: Source) -> CatalogEntry:
    result = check_file(path)
    scenario_id = result.scenario.id if result.scenario else path.stem
    return CatalogEntry(scenario_id, path, source, result.scenario, result.problems, result.sha256)


def user_dirs(extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """``--scenarios DIR`` stands in for the user's scenario folder when given."""
    return list(extra_dirs) if extra_dirs else [paths.user_scenarios_dir()]


def load_catalog(extra_dirs: Sequence[Path] = ()) -> Catalog:
    found: dict[str, CatalogEntry] = {}
    for path in scenario_files(paths.shipped_scenarios_dir()):
        entry = _entry_for(path, "shipped")
        found[entry.id] = entry
    for directory in user_dirs(extra_dirs):
        if extra_dirs and not directory.is_dir():
            raise TrainerError(f"--scenarios {directory}: no such directory")
        for path in scenario_files(directory):
            entry = _entry_for(path, "user")
            previous = found.get(entry.id)
            if previous is not None and previous.source == "shipped":
                entry.overrides = previous.path
            found[entry.id] = entry
    entries = sorted(found.values(), key=lambda e: (e.scenario is None, e.id))
    return Catalog(entries)
