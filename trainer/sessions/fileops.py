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
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from trainer.errors import TrainerError, UsageError
from trainer.safeio import kind_of
from trainer.textsafe import visible

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


_WRITE_TROUBLE = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def write_trouble(exc: OSError) -> str | None:
    """Plain words for a failed write the user can fix (space, permissions), else ``None``."""
    return _WRITE_TROUBLE.get(exc.errno or 0)


def check_writable(directory: Path) -> None:
    """TrainerError in plain words unless a file can be created in ``directory`` now.

    Run before a call starts, so a read-only or full data folder is said at once
    instead of after the user's first answer.
    """
    shown = visible(str(directory))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f"{TMP_PREFIX}write-check.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"\n" * 4096)  # a full disk refuses data even when it allows a name
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                probe.unlink()
    except OSError as exc:
        what = write_trouble(exc) or (exc.strerror or str(exc)).lower()
        raise TrainerError(
            f"cannot save sessions in {shown}: {what}. Free some space or fix the "
            "folder's permissions (TRAINER_HOME moves the data folder), then try again"
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_export(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write a report the user asked for to ``path``, safely whatever is there now.

    Nothing is replaced without ``force``. Only a regular file (or a symbolic
    link, which is replaced itself and never followed) can be replaced: a folder,
    a device such as ``/dev/null`` or a FIFO is refused, because writing over it
    would destroy it or hang. A replaced file keeps its permissions (and owner,
    where allowed). The new content appears whole, through a rename, or not at all.
    """
    shown = visible(str(path))
    try:
        before: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        before = None
    except OSError as exc:
        raise TrainerError(f"{shown}: cannot be checked: {exc.strerror or exc}") from None
    if before is not None:
        mode = before.st_mode
        if stat.S_ISDIR(mode):
            raise UsageError(f"{shown}: is a folder; give a file name")
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise TrainerError(f"{shown}: is {kind_of(mode)}; the trainer only writes "
                               "regular files, so it leaves this alone. Choose another name")
        if not force:
            what = "a symbolic link" if stat.S_ISLNK(mode) else "a file"
            raise TrainerError(f"{shown}: {what} of that name exists; add --force to "
                               "replace it, or choose another name")
    directory = path.parent
    tmp = directory / f"{TMP_PREFIX}{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    keep = stat.S_IMODE(before.st_mode) if before and stat.S_ISREG(before.st_mode) else None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            if keep is not None and before is not None:
                os.fchmod(handle.fileno(), keep)
                with contextlib.suppress(OSError):
                    os.fchown(handle.fileno(), before.st_uid, before.st_gid)
            else:
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before is None:
            os.link(tmp, path)  # fails, rather than replacing, if something appeared meanwhile
        else:
            _replace_if_unchanged(tmp, path, before)
    except FileExistsError:
        raise TrainerError(f"{shown}: appeared while the report was being written; add "
                           "--force to replace it") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    with contextlib.suppress(OSError):
        fsync_dir(directory)


def _replace_if_unchanged(tmp: Path, path: Path, before: os.stat_result) -> None:
    """Rename ``tmp`` over ``path`` if ``path`` is still what was checked (no swap to a FIFO)."""
    now_there = path.lstat()
    if (now_there.st_ino, now_there.st_dev, stat.S_IFMT(now_there.st_mode)) != (
        before.st_ino, before.st_dev, stat.S_IFMT(before.st_mode)
    ):
        raise FileExistsError(path)
    tmp.replace(path)


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
