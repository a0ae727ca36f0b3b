"""Durable writes and inter-process locks for the session store.

A session file must survive a crash, Ctrl-C or SIGKILL at any instant, and two
trainers may run at once; so every write goes to a temporary file in the same
folder that is flushed, fsynced and renamed over the old one (readers only ever
see a whole old file or a whole new one), and shared state is guarded with
``flock`` locks, which the kernel drops when their process dies.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from trainer.errors import TrainerError

TMP_PREFIX = "."
"""Temporary files are hidden, so a listing never mistakes one for a session."""

LOCK_WAIT_SECONDS = 15.0


def fsync_dir(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (the new name is in the directory's data)."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> os.stat_result:
    """Replace ``path`` with ``data`` so that no reader or crash ever sees half of it.

    Returns the stat of the file written (a fresh inode), which callers use to
    recognise their own write later.
    """
    directory = path.parent
    tmp = directory / f"{TMP_PREFIX}{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            stat = os.fstat(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(directory)
    return stat


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Write ``data`` to ``path``, which must not exist yet (FileExistsError if it does).

    The content is written and fsynced under a temporary name first, then linked
    into place, which fails instead of replacing a file another process made.
    """
    directory = path.parent
    tmp = directory / f"{TMP_PREFIX}{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            stat = os.fstat(handle.fileno())
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(directory)
    return stat


class FileLock:
    """An exclusive ``flock`` on a lock file, shared by every trainer process.

    ``flock`` locks belong to an open file, so two stores in one process exclude
    each other just as two processes do, and a killed process never leaves a
    lock behind.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        """Words for messages: "the session index", "session X"."""
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait: float = LOCK_WAIT_SECONDS) -> None:
        """Take the lock, waiting up to ``wait`` seconds; TrainerError if it stays taken."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        delay = 0.005
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise TrainerError(self._busy_message()) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
                continue
            if self._same_file(fd):
                break
            # The previous holder removed the lock file after we opened it: try the new one.
            os.close(fd)
        self._fd = fd
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())

    def _same_file(self, fd: int) -> bool:
        try:
            on_disk = self.path.stat()
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)

    def _busy_message(self) -> str:
        pid = 0
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.path.read_text().strip() or "0")
        if pid == os.getpid():
            return f"{self.what} is already open in this trainer; finish or close it first"
        holder = f" (process {pid})" if pid else ""
        return f"{self.what} is in use by another trainer{holder}; finish or close it first"

    def __del__(self) -> None:
        # A lock whose owner was dropped without release() must not outlive it.
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def release(self, *, remove: bool = False) -> None:
        """Let go; ``remove`` also deletes the lock file (only for per-session locks)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(fd)

    @contextlib.contextmanager
    def hold(self, *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        """The lock for the ``with`` block, unless this object already holds it."""
        if self._fd is not None:
            yield
            return
        self.acquire(wait=wait)
        try:
            yield
        finally:
            self.release()
