"""Every path the trainer reads or writes, in one place.

``TRAINER_HOME`` replaces the platform's user data dir for everything the trainer
stores, so tests and scripts can isolate themselves from the user's real files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "call-rehearsal-trainer"
_PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    """The root of everything the trainer stores for this user."""
    override = os.environ.get("TRAINER_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_scenarios_dir() -> Path:
    return home() / "scenarios"


def sessions_dir() -> Path:
    return home() / "sessions"


def recordings_dir() -> Path:
    return home() / "recordings"


def config_file() -> Path:
    return home() / "config.toml"


def shipped_scenarios_dir() -> Path:
    """Scenarios that come with the trainer.

    An installed wheel carries them inside the package; an editable install or a
    source checkout reads them from the repository's ``scenarios/`` folder.
    """
    packaged = _PACKAGE_DIR / "_shipped_scenarios"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "scenarios"


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
