"""Every test runs with its own TRAINER_HOME, so nothing touches the user's files, and with
no terminal size inherited from the run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def trainer_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("trainer-home")
    monkeypatch.setenv("TRAINER_HOME", str(home))
    yield home


@pytest.fixture(scope="session", autouse=True)
def derived_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One folder for the models the trainer derives once (Whisper base joined from its parts,
    Moonshine converted) for the whole run, subprocesses included: set before any fixture,
    module-scoped engines too, so nothing is ever derived into the user's data folder."""
    folder = tmp_path_factory.mktemp("derived-models")
    before = os.environ.get("TRAINER_MODELS")
    os.environ["TRAINER_MODELS"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("TRAINER_MODELS", None)
    else:
        os.environ["TRAINER_MODELS"] = before


@pytest.fixture(autouse=True)
def no_inherited_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that needs a width sets COLUMNS itself.

    readline, imported under pytest, puts COLUMNS=80 and LINES=24 into the C environment:
    unseen by os.environ yet inherited by subprocesses, and by pytest-xdist's workers as
    os.environ, where `trainer history` into a pipe would then be cut to 80 columns. Both
    are removed, so a test sees the same environment alone, in a worker, or in a terminal.
    """
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
        os.unsetenv(name)
