"""The index beside the session files, so listing thousands of sessions reads one file.

It is an append-only JSON Lines journal: each line records, for one session
file, the file's identity (inode, size, modification time) and either its
summary or the problem that stops it loading. The last line for a file wins.

The index is a cache, never the truth: a line whose identity no longer matches
the file on disk (an edit by hand, a crash between the rename and the append,
an older trainer) is ignored and the file read again; a lost or garbled index
is rebuilt from the files. Appends and compaction happen under the store's
lock, and compaction replaces the journal atomically, so concurrent readers
see either the old journal or the new one, and a torn last line is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG
from typing import Any

from trainer.sessions.fileops import atomic_write
from trainer.sessions.model import SessionSummary

INDEX_NAME = ".index.jsonl"
INDEX_VERSION = 2
MAX_LINE_CHARS = 1 << 20
"""Far more than any summary; a longer line is damage, skipped without parsing it."""
MAX_INDEX_BYTES = 256 << 20
"""Far more than any journal between compactions; a larger one is rebuilt."""
"""Lines of any other version are not trusted; the files they describe are read again."""


@dataclass(frozen=True)
class Stamp:
    """Enough of a file's stat to notice any change: every save makes a new inode."""

    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, stat: os.stat_result) -> Stamp:
        return cls(stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class IndexEntry:
    """One journal line. Lines are positional JSON arrays, not objects: a listing parses
    thousands of them, and arrays parse about twice as fast.

    ``[version, file, ino, size, mtime_ns, summary row or null, problem or null]``, the
    summary row being :data:`_ROW`'s fields in order.
    """

    file: str
    stamp: Stamp
    summary: SessionSummary | None
    problem: str | None = None

    def to_line(self) -> str:
        row = None if self.summary is None else _row(self.summary)
        record = [INDEX_VERSION, self.file, self.stamp.ino, self.stamp.size,
                  self.stamp.mtime_ns, row, None if row is not None else self.problem or ""]
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_line(cls, line: str) -> IndexEntry | None:
        """The entry on ``line``, or ``None`` for anything this version cannot trust."""
        if len(line) > MAX_LINE_CHARS:
            return None
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if type(record) is not list or len(record) != 7 or record[0] != INDEX_VERSION:
            return None
        _, file, ino, size, mtime_ns, row, problem = record
        if type(file) is not str or not all(type(v) is int for v in (ino, size, mtime_ns)):
            return None
        stamp = Stamp(ino, size, mtime_ns)
        if row is None:
            return cls(file, stamp, None, problem) if type(problem) is str else None
        summary = _summary(row)
        return None if summary is None else cls(file, stamp, summary)


_ROW = ("session_id", "scenario", "scenario_title", "started", "ended", "finished", "mode",
        "score", "turns", "duration", "items", "rescored", "status")


def _row(summary: SessionSummary) -> list[Any]:
    data = summary.to_json()
    return [data[key] for key in _ROW]


def _number(value: object) -> bool:
    return type(value) is float or type(value) is int


def _summary(row: object) -> SessionSummary | None:
    """The summary in a journal row, checked as carefully as a session file's fields but
    without naming what is wrong: a bad row only means the file is read again."""
    if type(row) is not list or len(row) != len(_ROW):
        return None
    (session_id, scenario, title, started, ended, finished, mode, score, turns, duration,
     items, rescored, status) = row
    if not (type(session_id) is str and type(scenario) is str and type(title) is str
            and type(mode) is str and type(finished) is bool and type(turns) is int
            and type(status) is str
            and type(rescored) is int and type(items) is dict
            and (score is None or (_number(score) and 0 <= score <= 100))
            and (duration is None or _number(duration))
            and all(_number(v) for v in items.values())):
        return None
    try:
        began = datetime.fromisoformat(started)
        stopped = None if ended is None else datetime.fromisoformat(ended)
    except (TypeError, ValueError):
        return None
    if began.tzinfo is None or (stopped is not None and stopped.tzinfo is None):
        return None
    return SessionSummary(
        session_id, scenario, title, began, stopped, finished, mode,
        None if score is None else float(score), turns,
        None if duration is None else float(duration),
        {name: float(value) for name, value in items.items()}, rescored, status,
    )


@dataclass
class IndexContents:
    entries: dict[str, IndexEntry]
    lines: int
    """Lines read, good or bad: compaction is due when far more than the entries."""
    bad_lines: int


class SessionIndex:
    """The journal, read incrementally: a long-lived process (the TUI) parses each line once."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / INDEX_NAME
        self._identity: tuple[int, int] | None = None
        self._offset = 0
        self._entries: dict[str, IndexEntry] = {}
        self._lines = 0
        self._bad = 0

    def read(self) -> IndexContents:
        """The entries, newest line per file; a line cut short at the end counts as bad.

        Only lines added since the last call are parsed, while the journal is the same
        file (compaction replaces it with a new one, which is then read whole). A stale
        entry is harmless: the store uses an entry only if it matches the file on disk.
        """
        try:
            # Non-blocking and checked: a FIFO or folder put in the index's place
            # must not hang or break the listing; it is set aside and rebuilt.
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            self._forget()
            return IndexContents({}, 0, 0)
        except OSError:
            self._forget()
            return IndexContents({}, 0, 1)
        try:
            stat = os.fstat(fd)
            if not S_ISREG(stat.st_mode) or stat.st_size > MAX_INDEX_BYTES:
                self._forget()
                return IndexContents({}, 0, 1)
            identity = (stat.st_dev, stat.st_ino)
            if identity != self._identity or stat.st_size < self._offset:
                self._forget()
                self._identity = identity
            os.lseek(fd, self._offset, os.SEEK_SET)
            data = _read_all(fd, MAX_INDEX_BYTES)
        except OSError:
            self._forget()
            return IndexContents({}, 0, 1)
        finally:
            os.close(fd)
        whole = data.rfind(b"\n") + 1
        self._offset += whole
        # Split on newlines only: a title may hold U+2028, which splitlines() breaks on.
        for line in data[:whole].decode("utf-8", errors="replace").split("\n"):
            if not line.strip():
                continue
            self._lines += 1
            entry = IndexEntry.from_line(line)
            if entry is None:
                self._bad += 1
            else:
                self._entries[entry.file] = entry
        torn = 1 if data[whole:].strip() else 0
        return IndexContents(dict(self._entries), self._lines, self._bad + torn)

    def _forget(self) -> None:
        self._identity = None
        self._offset = 0
        self._entries = {}
        self._lines = self._bad = 0

    def append(self, entries: Iterable[IndexEntry]) -> None:
        """Add lines; the caller holds the store lock. A single write keeps lines whole."""
        data = "".join(entry.to_line() for entry in entries).encode("utf-8")
        if not data:
            return
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW
        fd = os.open(self.path, flags, 0o600)
        try:
            if not S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{self.path} is not a regular file")
            os.write(fd, data)
        finally:
            os.close(fd)

    def rewrite(self, entries: Iterable[IndexEntry]) -> None:
        """Replace the journal with one line per live entry; the caller holds the store lock.

        Something other than a regular file in the journal's place (a folder, a FIFO)
        is renamed aside first, so the index can rebuild itself without deleting it.
        """
        data = "".join(entry.to_line() for entry in sorted(entries, key=lambda e: e.file))
        self._set_aside_if_odd()
        atomic_write(self.path, data.encode("utf-8"))

    def _set_aside_if_odd(self) -> None:
        try:
            mode = os.lstat(self.path).st_mode
        except FileNotFoundError:
            return
        if S_ISREG(mode):
            return
        aside = self.path.with_name(f"{INDEX_NAME}.damaged-{os.getpid()}-{time.time_ns()}")
        self.path.rename(aside)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _read_all(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
