"""Reading files and JSON that someone else may have made hostile.

Only regular files are opened: a FIFO would block the reader forever, a device
such as ``/dev/zero`` never ends, and a folder is not a file. The size is
checked before anything is read, the read itself stops at the cap and at a
time limit, and JSON is parsed with limits on nesting and on the length of
numbers, so one bad file costs one clear message that names it, never a hang,
a crash or all the memory.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.errors import TrainerError
from trainer.textsafe import has_controls, visible

READ_SECONDS = 10.0
"""How long one file may take to read before the trainer gives up on it."""
CHUNK = 1 << 20
MAX_JSON_DEPTH = 64
"""Deeper than any file the trainer writes; a session is about six levels deep."""


class FileRefused(TrainerError):
    """A file that is not read, and why; ``reason`` is the message without the path."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{visible(str(path))}: {reason}")
        self.path = Path(path)
        self.reason = reason


class JsonRefused(TrainerError):
    """JSON that is not parsed, and why; ``reason`` is the message without the source."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{visible(source)}: {reason}")
        self.source = source
        self.reason = reason


_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def kind_of(mode: int) -> str:
    """Words for what is at a path, for messages."""
    return next((words for test, words in _KINDS if test(mode)), "not a file")


def _size_words(size: int) -> str:
    return f"{size:,} bytes"


def read_regular(
    path: Path, *, limit: int, what: str = "file", seconds: float = READ_SECONDS
) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Symbolic links are followed to what they name, which must itself be a regular
    file. Raises :class:`FileRefused` naming the file for anything else.
    """
    return read_regular_stat(path, limit=limit, what=what, seconds=seconds)[0]


def read_regular_stat(
    path: Path, *, limit: int, what: str = "file", seconds: float = READ_SECONDS
) -> tuple[bytes, os.stat_result]:
    """:func:`read_regular`, with the stat of the file that was read (for caches)."""
    try:
        before = path.stat()
    except FileNotFoundError:
        raise FileRefused(path, "no such file") from None
    except OSError as exc:
        raise FileRefused(path, f"cannot be read: {exc.strerror or exc}") from None
    _check_regular(path, before, limit, what)
    try:
        # Non-blocking, so a FIFO swapped in after the check cannot hang the open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise FileRefused(path, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        _check_regular(path, info, limit, what)
        deadline = time.monotonic() + seconds
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise FileRefused(path, f"grew past {_size_words(limit)} while being read; "
                                  f"a {what} is never that large")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FileRefused(path, f"took more than {seconds:g} s to read; "
                                  "is it on a slow or stalled disk?")
        return b"".join(chunks), info
    except BlockingIOError:
        raise FileRefused(path, "is not ready to be read (not a regular file?)") from None
    except OSError as exc:
        raise FileRefused(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _check_regular(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(path, f"is {kind_of(info.st_mode)}, not a {what}; "
                          "only regular files are read")
    if info.st_size > limit:
        raise FileRefused(path, f"is {_size_words(info.st_size)}; a {what} may be at most "
                          f"{_size_words(limit)}")


def is_regular(path: Path) -> bool:
    """Whether ``path`` (after following links) is a regular file; never raises."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


# ---------------------------------------------------------------------------- JSON


class _Refused(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _constant(name: str) -> Any:
    raise _Refused(f"has {name}, which is not JSON (write null or a number)")


def _check_shape(data: Any, max_depth: int) -> None:
    """Depth and finite numbers, without recursion (a listing reads many files: kept tight)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > max_depth:
            raise _Refused(f"is nested more than {max_depth} levels deep")
        for value in node.values() if type(node) is dict else node:
            kind = type(value)
            if kind is dict or kind is list:
                push((value, depth + 1))
            elif kind is float and not math.isfinite(value):
                raise _Refused("has a number too large to represent")


def _clean_strings(data: Any, clean: Callable[[str], str]) -> Any:
    """Every string in ``data`` (keys too) passed through ``clean``, in place."""
    if type(data) is str:
        return clean(data)
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            fixed = {clean(k) if type(k) is str else k: clean(v) if type(v) is str else v
                     for k, v in node.items()}
            node.clear()
            node.update(fixed)
            stack.extend(v for v in node.values() if type(v) in (dict, list))
        elif type(node) is list:
            for i, v in enumerate(node):
                if type(v) is str:
                    node[i] = clean(v)
                elif type(v) in (dict, list):
                    stack.append(v)
    return data


_MAYBE_UNSAFE_ESCAPE = re.compile(
    r"\\u(?:00[0-1]|007f|00[89]|00ad|061c|180e|20[0-6]|d[89a-f]|feff)", re.IGNORECASE
)
"""A ``\\u`` escape that may stand for a control, invisible or bidi character."""


def _needs_cleaning(text: str) -> bool:
    """Whether any string in the JSON ``text`` may hold a character to spell out.

    Raw controls below 0x20 cannot be inside JSON strings, so ASCII text without
    DEL or ``\\u`` escapes (the usual session file) is answered without a search.
    """
    if text.isascii() and "\x7f" not in text and "\\u" not in text:
        return False
    return has_controls(text) or _MAYBE_UNSAFE_ESCAPE.search(text) is not None


def load_json(
    raw: bytes | str,
    *,
    source: str,
    max_depth: int = MAX_JSON_DEPTH,
    clean_strings: bool = True,
) -> Any:
    """Plain Python data from JSON text, within bounds; :class:`JsonRefused` otherwise.

    Refused: text that is not UTF-8, nesting deeper than ``max_depth``, integers
    longer than Python converts (4,300 digits), numbers too large for a float, and
    ``NaN``/``Infinity`` (not JSON).
    With ``clean_strings`` every string comes back safe to show: control
    characters are spelled out and lone surrogates (``"\\ud800"``, which no
    terminal or file can hold) become U+FFFD.
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonRefused(source, f"is not UTF-8 text (bad byte at offset {exc.start})"
                              ) from None
    else:
        text = raw
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_constant)
        if type(data) in (dict, list):
            _check_shape(data, max_depth)
        elif type(data) is float and not math.isfinite(data):
            raise _Refused("has a number too large to represent")
        if clean_strings and _needs_cleaning(text):
            data = _clean_strings(data, visible)
        return data
    except _Refused as exc:
        raise JsonRefused(source, exc.reason) from None
    except json.JSONDecodeError as exc:
        raise JsonRefused(source, f"is not valid JSON: {exc.msg} at line {exc.lineno}, "
                          f"column {exc.colno}") from None
    except RecursionError:
        raise JsonRefused(source, f"is nested more than {max_depth} levels deep") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python's own cap, 4,300 digits
            raise JsonRefused(source, "has a number thousands of digits long (at most "
                              f"{sys.get_int_max_str_digits():,} are read)") from None
        raise JsonRefused(source, f"is not valid JSON: {exc}") from None


def read_json_file(path: Path, *, limit: int, what: str = "file", clean_strings: bool = True
                   ) -> Any:
    """:func:`read_regular` then :func:`load_json`; every error names ``path``."""
    return load_json(read_regular(path, limit=limit, what=what), source=str(path),
                     clean_strings=clean_strings)


def dumps_safe(data: Any, *, indent: int | None = None) -> str:
    """JSON for output that is always valid and always encodable.

    ``NaN`` and infinities become ``null`` (bare ``NaN`` is not JSON), and a lone
    surrogate is written as its ``\\ud800`` escape instead of failing to print.
    """
    try:
        text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(data), ensure_ascii=False, indent=indent, allow_nan=False)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(_finite(data), indent=indent, allow_nan=False)
    return text


def _finite(data: Any) -> Any:
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(v) for v in data]
    return data
