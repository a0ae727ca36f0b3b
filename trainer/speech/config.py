"""The ``[speech]`` table of the user's config file.

Example (``trainer doctor`` prints where the file lives)::

    [speech]
    engine = "faster-whisper"   # or pocketsphinx, whisper-local, vosk, google
    model_path = "~/models/small.en-ct2"
    pause_seconds = 2.0         # silence that ends a spoken reply
    phone_line = false          # recruiter through a telephone band-pass
    allow_online = false        # online engines send your voice away: opt in here

The file is hand-written, so every bad value is reported with the file, the key
and what would be accepted, and unknown keys are reported too (a misspelt key
silently ignored would leave the user wondering why nothing changed).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer import paths
from trainer.errors import TrainerError

PAUSE_RANGE = (0.5, 10.0)


@dataclass(frozen=True)
class SpeechConfig:
    engine: str | None = None
    model_path: Path | None = None
    pause_seconds: float = 2.0
    """Long enough that a user who stops to think is not cut off mid-reply."""
    phone_line: bool = False
    allow_online: bool = False


_KEYS = ("engine", "model_path", "pause_seconds", "phone_line", "allow_online")


def load_speech_config(path: Path | None = None) -> SpeechConfig:
    """The ``[speech]`` settings from ``path`` (default: the user's config file).

    A missing file or a missing table means the defaults; anything malformed
    raises :class:`TrainerError` naming the file and key.
    """
    path = path or paths.config_file()
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        return SpeechConfig()
    except tomllib.TOMLDecodeError as exc:
        raise TrainerError(f"{path}: not valid TOML ({exc}). Fix or delete the file.") from None
    except OSError as exc:
        raise TrainerError(f"{path}: cannot be read ({exc.strerror}).") from None
    table = document.get("speech", {})
    if not isinstance(table, dict):
        raise TrainerError(f"{path}: 'speech' must be a table, written [speech].")
    return _parse(table, path)


def _parse(table: dict[str, Any], path: Path) -> SpeechConfig:
    def bad(key: str, expected: str) -> TrainerError:
        return TrainerError(
            f"{path}: [speech] {key} must be {expected}, not {table[key]!r}."
        )

    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise TrainerError(
            f"{path}: [speech] has unknown key(s) {', '.join(unknown)}; "
            f"the keys are {', '.join(_KEYS)}."
        )
    engine = table.get("engine")
    if engine is not None and (not isinstance(engine, str) or not engine.strip()):
        raise bad("engine", "an engine name in quotes, e.g. \"faster-whisper\"")
    model_path = table.get("model_path")
    if model_path is not None and (not isinstance(model_path, str) or not model_path.strip()):
        raise bad("model_path", "a folder path in quotes")
    pause = table.get("pause_seconds", SpeechConfig.pause_seconds)
    low, high = PAUSE_RANGE
    if isinstance(pause, bool) or not isinstance(pause, int | float) or not low <= pause <= high:
        raise bad("pause_seconds", f"a number of seconds from {low:g} to {high:g}")
    flags: dict[str, bool] = {}
    for key in ("phone_line", "allow_online"):
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise bad(key, "true or false (no quotes)")
        flags[key] = value
    return SpeechConfig(
        engine=engine.strip() if isinstance(engine, str) else None,
        model_path=Path(model_path).expanduser() if isinstance(model_path, str) else None,
        pause_seconds=float(pause),
        phone_line=flags["phone_line"],
        allow_online=flags["allow_online"],
    )
