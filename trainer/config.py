"""The user's settings: ``config.toml`` in the trainer's folder, every setting in one model.

Example (``trainer doctor`` prints where the file lives)::

    [ui]
    theme = "light"             # or "dark"; F2 switches while the app runs

    [user]
    name = "Sam Rivera"         # signs the follow-up letter; optional ("" = asked, none given)

    [speech]
    engine = "whisper-base"     # or faster-whisper (tiny.en), moonshine, pocketsphinx, vosk, ...
    model_path = "~/models/small.en-ct2"
    pause_seconds = 2.0         # silence that ends a spoken reply
    phone_line = false          # recruiter through a telephone band-pass
    live_words = true           # show the words as they are heard (false: less CPU)
    allow_online = false        # online engines send your voice away: opt in here

The file is hand-written, so it is read defensively: only a regular file, up to
a size no settings file needs, and every problem (not UTF-8, not TOML, nested
too deeply, a bad value, a misspelt key) is one message naming the file, the
line or key and what would be accepted. A missing file means the defaults.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from trainer import paths
from trainer.errors import TrainerError

MAX_CONFIG_BYTES = 256 * 1024
"""Far more than any settings file; a bigger one is not ours (or is a mistake)."""
PAUSE_RANGE = (0.5, 10.0)

Theme = Literal["light", "dark"]


def _text_or_none(value: object) -> object:
    """A name or path in quotes, with surrounding spaces dropped."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise ValueError("empty")
    return value


def _path_or_none(value: object) -> object:
    value = _text_or_none(value)
    return Path(value).expanduser() if isinstance(value, str) else value


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class SpeechConfig(_Table):
    """The ``[speech]`` table."""

    engine: Annotated[str | None, BeforeValidator(_text_or_none)] = None
    model_path: Annotated[Path | None, BeforeValidator(_path_or_none)] = Field(
        default=None, validate_default=False)
    pause_seconds: float = Field(default=2.0, ge=PAUSE_RANGE[0], le=PAUSE_RANGE[1])
    """Long enough that a user who stops to think is not cut off mid-reply."""
    phone_line: bool = False
    live_words: bool = True
    """Decoding partial transcripts while the user speaks costs CPU; a slow laptop can turn
    them off and still gets the final transcript as fast."""
    allow_online: bool = False


class UiConfig(_Table):
    """The ``[ui]`` table."""

    theme: Theme | None = None
    """``None``: the app's own default."""


def _name(value: object) -> object:
    """A name as written, spaces around it dropped; empty means "asked, and left blank"."""
    if isinstance(value, str):
        value = " ".join(value.split())
        if len(value) > MAX_NAME_CHARS:
            raise ValueError("too long")
    return value


MAX_NAME_CHARS = 80


class UserConfig(_Table):
    """The ``[user]`` table."""

    name: Annotated[str | None, BeforeValidator(_name)] = None
    """Signs the follow-up letter. ``None``: never asked; ``""``: asked, and the user
    preferred not to give one (so the app does not ask again)."""


class Config(_Table):
    ui: UiConfig = Field(default_factory=UiConfig)
    user: UserConfig = Field(default_factory=UserConfig)
    speech: SpeechConfig = Field(default_factory=SpeechConfig)


_EXPECTED: dict[tuple[str, str], str] = {
    ("speech", "engine"): 'an engine name in quotes, e.g. "whisper-base"',
    ("speech", "model_path"): "a folder path in quotes",
    ("speech", "pause_seconds"): (f"a number of seconds from {PAUSE_RANGE[0]:g} "
                                  f"to {PAUSE_RANGE[1]:g}"),
    ("speech", "phone_line"): "true or false (no quotes)",
    ("speech", "live_words"): "true or false (no quotes)",
    ("speech", "allow_online"): "true or false (no quotes)",
    ("ui", "theme"): '"light" or "dark"',
    ("user", "name"): f"your name in quotes, at most {MAX_NAME_CHARS} characters",
}


def load_config(path: Path | None = None) -> Config:
    """Every setting from ``path`` (default: the user's config file).

    A missing file means the defaults; anything else wrong raises
    :class:`TrainerError` naming the file and the line or key.
    """
    path = path or paths.config_file()
    raw = _read(path)
    if raw is None:
        return Config()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TrainerError(f"{path}:{line}: not UTF-8 text (a byte at offset {exc.start} is "
                           "not); save the file as UTF-8.") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TrainerError(_toml_problem(path, str(exc))) from None
    except RecursionError:
        raise TrainerError(f"{path}: nested too deeply to be a settings file.") from None
    return _validate(document, path)


def save_theme(theme: Theme, path: Path | None = None) -> None:
    """Remember the user's theme in the settings file, keeping every other setting.

    A broken or unwritable file raises :class:`TrainerError` (the caller shows it as
    a notice); the file is never half-written.
    """
    path = path or paths.config_file()
    config = load_config(path)
    ui = config.ui.model_copy(update={"theme": theme})
    write_config(config.model_copy(update={"ui": ui}), path)


def write_config(config: Config, path: Path | None = None) -> None:
    """Write ``config`` as TOML, replacing the file atomically. Only the settings the
    file had, or that were changed, are written; everything else stays a default.
    Comments in a hand-written file are not kept."""
    from trainer.sessions.fileops import atomic_write

    path = path or paths.config_file()
    try:
        paths.ensure_dir(path.parent)
        atomic_write(path, dump_config(config).encode("utf-8"))
    except OSError as exc:
        raise TrainerError(f"{path}: cannot be written ({exc.strerror or exc}); check the "
                           "folder's permissions.") from None


def dump_config(config: Config) -> str:
    """``config`` as the TOML :func:`load_config` reads back to the same model."""
    lines: list[str] = []
    for name in Config.model_fields:
        table: _Table = getattr(config, name)
        values = table.model_dump(exclude_unset=True, exclude_none=True)
        if not values:
            continue
        if lines:
            lines.append("")
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def load_speech_config(path: Path | None = None) -> SpeechConfig:
    """The ``[speech]`` part of :func:`load_config`."""
    return load_config(path).speech


def _read(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` when there is none. Opened without blocking and
    checked to be a regular file first, so a FIFO or a device named config.toml is
    reported instead of hanging the trainer."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise TrainerError(f"{path}: is a folder, not a settings file.") from None
    except OSError as exc:
        raise TrainerError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise TrainerError(f"{path}: is {what}; the settings must be a plain text file.")
        if info.st_size > MAX_CONFIG_BYTES:
            raise TrainerError(f"{path}: is {info.st_size:,} bytes, more than a settings file "
                               f"can be ({MAX_CONFIG_BYTES:,}); is it the right file?")
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise TrainerError(f"{path}: cannot be read ({exc.strerror}).") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        raise TrainerError(f"{path}: more than a settings file can be "
                           f"({MAX_CONFIG_BYTES:,} bytes); is it the right file?")
    return data


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_problem(path: Path, message: str) -> str:
    found = _AT.search(message)
    if found is None:
        return f"{path}: not valid TOML ({message}). Fix or delete the file."
    what = message[: found.start()]
    return (f"{path}:{found.group(1)}:{found.group(2)}: not valid TOML ({what}). "
            "Fix or delete the file.")


def _validate(document: dict[str, Any], path: Path) -> Config:
    for table in ("speech", "ui", "user"):
        if table in document and not isinstance(document[table], dict):
            raise TrainerError(f"{path}: '{table}' must be a table, written [{table}].")
    try:
        return Config.model_validate(document)
    except ValidationError as exc:
        raise TrainerError(_problem(exc, document, path)) from None


def _problem(exc: ValidationError, document: dict[str, Any], path: Path) -> str:
    error = exc.errors(include_url=False)[0]
    loc = [str(part) for part in error["loc"]]
    if error["type"] == "extra_forbidden":
        table, unknown = (loc[0], loc[1]) if len(loc) > 1 else ("", loc[0])
        if not table:
            return (f"{path}: unknown table or key {unknown}; the tables are "
                    f"{', '.join(f'[{name}]' for name in Config.model_fields)}.")
        keys = ", ".join(_fields(table))
        return f"{path}: [{table}] has unknown key(s) {unknown}; the keys are {keys}."
    table, key = [*loc, "", ""][:2]
    value = document.get(table, {}).get(key) if isinstance(document.get(table), dict) else None
    expected = _EXPECTED.get((table, key), error["msg"].lower())
    return f"{path}: [{table}] {key} must be {expected}, not {value!r}."


_TABLES: dict[str, type[_Table]] = {"speech": SpeechConfig, "ui": UiConfig, "user": UserConfig}


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_USER_TABLE = re.compile(r"^\s*\[\s*user\s*\]\s*(?:#.*)?$", re.MULTILINE)
_NAME_KEY = re.compile(r"^\s*name\s*=.*$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def save_user_name(name: str, path: Path | None = None) -> Path:
    """Write ``[user] name`` into the config file, keeping everything else in it as written.

    The file is checked first (so a broken file is reported, not overwritten) and
    written atomically; the result is read back, so what is saved always loads.
    """
    from trainer.sessions.fileops import atomic_write

    path = path or paths.config_file()
    load_config(path)
    raw = _read(path)
    text = raw.decode("utf-8") if raw is not None else ""
    line = f"name = {_toml_string(' '.join(name.split()))}"
    table = _USER_TABLE.search(text)
    if table is None:
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "") + f"[user]\n{line}\n"
    else:
        following = _NEXT_TABLE.search(text, table.end())
        end = following.start() if following else len(text)
        key = _NAME_KEY.search(text, table.end(), end)
        if key is not None:
            text = text[: key.start()] + line + text[key.end():]
        else:
            text = text[: table.end()] + "\n" + line + text[table.end():]
    paths.ensure_dir(path.parent)
    atomic_write(path, text.encode("utf-8"))
    load_config(path)
    return path


def _fields(table: str) -> list[str]:
    model = _TABLES.get(table)
    return list(model.model_fields) if model is not None else []
