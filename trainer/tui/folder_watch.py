"""Noticing, cheaply, that a scenario file was added, edited or removed.

The picker polls this every second or two while it is on screen. A directory
listing with a stat per file costs microseconds for a few dozen files, needs no
file-watching dependency and works on every platform, so the catalog (which
parses and validates every file) is re-read only when the listing changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from trainer import paths
from trainer.scenario.catalog import user_dirs
from trainer.scenario.loader import SCENARIO_SUFFIXES

Signature = frozenset[tuple[str, str, int, int]]
"""(folder, file name, mtime in ns, size) of every scenario file."""


def scenario_folders(scenario_dirs: Sequence[Path] = ()) -> list[Path]:
    """The folders :func:`~trainer.scenario.catalog.load_catalog` reads, in the same order."""
    return [paths.shipped_scenarios_dir(), *user_dirs(scenario_dirs)]


def folder_signature(folders: Iterable[Path]) -> Signature:
    """What changes whenever a scenario file in ``folders`` does; missing folders are empty."""
    found: set[tuple[str, str, int, int]] = set()
    for folder in folders:
        try:
            with os.scandir(folder) as listing:
                for item in listing:
                    name = item.name
                    if name.startswith(".") or not name.endswith(SCENARIO_SUFFIXES):
                        continue
                    try:
                        stat = item.stat()
                    except OSError:
                        continue  # removed while listing; the next poll sees it gone
                    found.add((str(folder), name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return frozenset(found)
