"""Every test runs with its own TRAINER_HOME, so nothing touches the user's files."""

from __future__ import annotations

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
    import os

    folder = tmp_path_factory.mktemp("derived-models")
    before = os.environ.get("TRAINER_MODELS")
    os.environ["TRAINER_MODELS"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("TRAINER_MODELS", None)
    else:
        os.environ["TRAINER_MODELS"] = before
