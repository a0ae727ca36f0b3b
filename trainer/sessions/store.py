"""The folder of saved practice calls: create, save turn by turn, load, list, progress.

One JSON file per session, ``<session_id>.json``, written atomically after every
turn, so a crash loses at most the turn in progress. A trainer holds a lock on
each session it is recording (released by the kernel if it dies), so a second
trainer can neither resume nor rescore a call that is still going on; the
index beside the files makes listing cheap and is rebuilt whenever it is lost
or out of step. Nothing here deletes or overwrites a session the user did not
ask to change; a damaged file is reported with its name and skipped.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from trainer import paths
from trainer.errors import TrainerError, UsageError
from trainer.safeio import FileRefused, JsonRefused, load_json, read_regular_stat
from trainer.scoring.result import Ending
from trainer.sessions.fileops import (
    FileLock,
    atomic_write,
    check_writable,
    fsync_dir,
    write_new,
    write_trouble,
)
from trainer.sessions.index import IndexEntry, SessionIndex, Stamp
from trainer.sessions.jsonfields import SessionFormatError
from trainer.sessions.model import (
    MODES,
    SCHEMA_VERSION,
    Mode,
    Session,
    SessionSummary,
    new_session_id,
    now,
)
from trainer.textsafe import shown_name, visible

SUFFIX = ".json"
MAX_SESSION_BYTES = 64 * 1024 * 1024
LOCKS_DIR = ".locks"
STORE_LOCK = ".store.lock"
BRIEF_WAIT = 2.0
"""How long a one-off write waits for a session another trainer may be saving."""

_VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class SessionProblem:
    """A session file that could not be read, and why."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class ListResult:
    sessions: list[SessionSummary] = field(default_factory=list)
    """Oldest first."""
    problems: list[SessionProblem] = field(default_factory=list)


class SeriesPoint(NamedTuple):
    started: datetime
    score: float
    items: dict[str, float]
    """Item name -> share of replies that met it, 0-1 (for pitfalls: how often it showed up)."""


class SessionStore:
    """Sessions under ``root`` (default: the user's sessions folder)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else paths.sessions_dir()
        self._index = SessionIndex(self.root)
        self._store_lock = FileLock(self.root / STORE_LOCK, "the session index")
        self._held: dict[str, FileLock] = {}

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def file_for(self, session_id: str) -> Path:
        if not _VALID_ID.match(session_id):
            raise TrainerError(
                f"{shown_name(session_id)} is not a session id (they look like "
                "20250601T142233Z-scenario-3fa9c1); `trainer history` lists them"
            )
        return self.root / f"{session_id}{SUFFIX}"

    def create(
        self, scenario_id: str, scenario_title: str, scenario_hash: str, mode: Mode
    ) -> Session:
        """A new session, already on disk (so a call killed before its first turn is listed).

        This store holds the session's lock until :meth:`finish` or :meth:`release`.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not scenario_id:
            raise ValueError("scenario_id is empty")
        paths.ensure_dir(self.root)
        for _ in range(20):
            started = now()
            session = Session(
                session_id=new_session_id(scenario_id, started),
                scenario=scenario_id,
                scenario_title=scenario_title,
                scenario_hash=scenario_hash,
                mode=mode,
                started=started,
            )
            lock = self._session_lock(session.session_id)
            try:
                lock.acquire(wait=0)
            except TrainerError:
                continue
            try:
                with _saving(session, "start"):
                    stat = write_new(self.file_for(session.session_id), _encode(session))
            except FileExistsError:
                lock.release()
                continue
            except BaseException:
                lock.release(remove=True)
                raise
            self._held[session.session_id] = lock
            self._note(session, stat)
            return session
        raise TrainerError(f"could not find a free session name in {self.root}")  # pragma: no cover

    def check_writable(self) -> None:
        """TrainerError in plain words unless sessions can be saved here (before a call)."""
        check_writable(self.root)

    def save(self, session: Session) -> None:
        """Write the whole session atomically; call it after every turn."""
        paths.ensure_dir(self.root)
        with _saving(session, "save"), self._writing(session.session_id):
            self._keep_original(session)
            stat = atomic_write(self.file_for(session.session_id), _encode_within_limit(session))
            self._note(session, stat)

    def original_of(self, session_id: str) -> Path:
        """Where a version-1 file is kept when the session is first rewritten as version 2
        (not a ``.json`` name, so listings never mistake it for a session)."""
        return self.root / f"{session_id}{SUFFIX}.v1"

    def _keep_original(self, session: Session) -> None:
        """Before the first rewrite of a version-1 file, copy it aside: nothing made by an
        older trainer is lost, and going back to one stays possible."""
        if session.read_version >= SCHEMA_VERSION:
            return
        backup = self.original_of(session.session_id)
        if not backup.exists():
            shutil.copy2(self.file_for(session.session_id), backup)
        session.read_version = SCHEMA_VERSION

    def finish(self, session: Session, score: float | None, ending: Ending = "finished") -> None:
        """Mark the call as over with its final score and how it ended, save it, let go of it."""
        session.finish(score, ending)
        self.save(session)
        self.release(session)

    def release(self, session: Session | str) -> None:
        """Stop holding a session (an abandoned call stays listed as unfinished)."""
        session_id = session if isinstance(session, str) else session.session_id
        lock = self._held.pop(session_id, None)
        if lock is not None:
            lock.release(remove=True)

    def close(self) -> None:
        for session_id in list(self._held):
            self.release(session_id)

    def resume(self, session_id: str) -> Session:
        """An unfinished session, held by this store so the call can go on and be saved."""
        if session_id in self._held:
            return self.load(session_id)
        lock = self._session_lock(session_id)
        lock.acquire(wait=0)
        try:
            session = self.load(session_id)
        except BaseException:
            lock.release(remove=True)
            raise
        if session.finished:
            lock.release(remove=True)
            raise TrainerError(f"session {session_id} is finished; there is nothing to resume")
        self._held[session_id] = lock
        return session

    @contextlib.contextmanager
    def edit(self, session_id: str) -> Iterator[Session]:
        """The session, read under its lock, saved if the block changed it and ended well."""
        with self._writing(session_id):
            session = self.load(session_id)
            before = _encode(session)
            yield session
            after = _encode(session)
            if after != before:
                _check_size(session, after)
                with _saving(session, "save"):
                    self._keep_original(session)
                    stat = atomic_write(self.file_for(session_id), after)
                self._note(session, stat)

    def recordings_of(self, session_id: str) -> builtins.list[Path]:
        """The session's recordings the trainer keeps (under the recordings folder); an
        audio file the user gave from elsewhere is theirs and not listed."""
        folder = paths.recordings_dir().resolve()
        found: set[Path] = set()
        own = folder / session_id
        if own.is_dir():
            found.update(p for p in own.rglob("*") if p.is_file())
        with contextlib.suppress(TrainerError):
            for turn in self.load(session_id).turns:
                for audio in (turn.audio, *(a.audio for a in turn.attempts)):
                    if audio:
                        path = (folder / Path(audio).expanduser()).resolve()
                        if path.is_relative_to(folder) and path.is_file():
                            found.add(path)
        return sorted(found)

    def delete(self, session_id: str) -> builtins.list[Path]:
        """Remove a session for good: its file, its version-1 backup and the recordings the
        trainer kept of it (files the user gave, outside the recordings folder, stay).

        Refused (TrainerError) while a trainer is recording the call. Returns what was
        removed; the index forgets the session at once.
        """
        path = self.file_for(session_id)
        if not path.exists():
            raise TrainerError(
                f"no session '{session_id}' in {self.root}; `trainer history` lists them"
            )
        removed: builtins.list[Path] = []
        lock = self._session_lock(session_id)
        lock.acquire(wait=0)
        try:
            for recording in self.recordings_of(session_id):
                with contextlib.suppress(FileNotFoundError):
                    recording.unlink()
                    removed.append(recording)
            folder = paths.recordings_dir() / session_id
            if folder.is_dir() and not folder.is_symlink():
                removed += sorted(p for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder)
            for target in (self.original_of(session_id), path):
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                    removed.append(target)
            fsync_dir(self.root)
        finally:
            lock.release(remove=True)
        self._refresh()
        return removed

    def _session_lock(self, session_id: str) -> FileLock:
        return FileLock(self.root / LOCKS_DIR / f"{session_id}.lock", f"session {session_id}")

    @contextlib.contextmanager
    def _writing(self, session_id: str) -> Iterator[None]:
        if session_id in self._held:
            yield
            return
        with self._session_lock(session_id).hold(wait=BRIEF_WAIT):
            yield

    def _note(self, session: Session, stat: os.stat_result) -> None:
        """Record a write in the index; a failure here only costs a re-read later."""
        name = self.file_for(session.session_id).name
        entry = IndexEntry(name, Stamp.of(stat), session.summary())
        with contextlib.suppress(OSError, TrainerError), self._store_lock.hold():
            self._index.append([entry])

    # ------------------------------------------------------------------ reading

    def load(self, session_id: str) -> Session:
        """The session; TrainerError naming the file and the problem if it cannot be read."""
        path = self.file_for(session_id)
        if not path.exists():
            raise TrainerError(
                f"no session {shown_name(session_id)} in {self.root}; `trainer history` lists them"
            )
        session, problem, _ = _read(path)
        if session is None:
            raise TrainerError(f"{path}: {problem}")
        return session

    def list(self, scenario: str | None = None) -> ListResult:
        """Every readable session (oldest first) and a problem for each unreadable file."""
        entries = self._refresh()
        result = ListResult()
        for entry in entries:
            if entry.summary is None:
                result.problems.append(SessionProblem(self.root / entry.file, entry.problem or ""))
            elif scenario is None or entry.summary.scenario == scenario:
                result.sessions.append(entry.summary)
        result.sessions.sort(key=lambda s: (s.started.timestamp(), s.session_id))
        result.problems.sort(key=lambda p: p.path.name)
        return result

    def best_scores(self) -> dict[str, float]:
        """The best score reached on each scenario."""
        best: dict[str, float] = {}
        for summary in self.list().sessions:
            if summary.score is not None:
                best[summary.scenario] = max(summary.score, best.get(summary.scenario, 0.0))
        return best

    def series(self, scenario_id: str) -> builtins.list[SeriesPoint]:
        """Scored sessions of one scenario, oldest first: what a progress chart plots."""
        return [
            SeriesPoint(s.started, s.score, dict(s.items))
            for s in self.list(scenario_id).sessions
            if s.score is not None
        ]

    def score_history(self) -> dict[str, builtins.list[float]]:
        """Every scenario's scores, oldest first, from one listing: sparklines for a picker."""
        history: dict[str, builtins.list[float]] = {}
        for summary in self.list().sessions:
            if summary.score is not None:
                history.setdefault(summary.scenario, []).append(summary.score)
        return history

    def resolve(self, ref: str) -> str:
        """The session id meant by ``ref``: a full id, a unique prefix, a file name, or ``last``."""
        ref = ref.strip()
        if ref == "last":
            sessions = self.list().sessions
            if not sessions:
                raise TrainerError(f"there are no sessions yet in {self.root}")
            return sessions[-1].session_id
        if ref.endswith(SUFFIX):
            ref = Path(ref).name[: -len(SUFFIX)]
        if not ref:
            raise UsageError("give a session id, a unique start of one, or 'last'")
        names = self._session_names()
        if ref in names:
            return ref
        matches = sorted(name for name in names if name.startswith(ref))
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise TrainerError(
                f"no session matches {shown_name(ref)}; `trainer history` lists them"
            )
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise UsageError(
            f"{shown_name(ref)} matches {len(matches)} sessions ({shown}); give more of the id"
        )

    def _session_names(self) -> set[str]:
        return set(self._scan())

    def _scan(self) -> dict[str, os.stat_result]:
        """Session ids on disk with their stat; temporary and hidden files are not sessions."""
        found: dict[str, os.stat_result] = {}
        try:
            with os.scandir(self.root) as listing:
                for item in listing:
                    name = item.name
                    if name.startswith(".") or not name.endswith(SUFFIX):
                        continue
                    try:
                        if item.is_file():
                            found[name[: -len(SUFFIX)]] = item.stat()
                    except OSError:
                        continue
        except FileNotFoundError:
            pass
        return found

    def _refresh(self) -> builtins.list[IndexEntry]:
        """Index entries for the files on disk, reading only files the index does not match."""
        contents = self._index.read()
        on_disk = self._scan()
        live, updates = self._match(contents.entries, on_disk)
        dead = len(contents.entries.keys() - live.keys())
        compact = bool(contents.bad_lines or dead or contents.lines > 2 * len(live) + 64)
        if not (updates or compact):
            return list(live.values())
        try:
            with self._store_lock.hold():
                if compact:
                    # Again under the lock, so no line appended meanwhile is lost.
                    live, _ = self._match(self._index.read().entries, self._scan())
                    self._index.rewrite(live.values())
                else:
                    # A file saved again since it was read is left to its writer's own line.
                    self._index.append(u for u in updates if self._unchanged(u))
        except (OSError, TrainerError):
            pass  # a read-only or busy folder still lists; the index catches up next time
        return list(live.values())

    def _unchanged(self, entry: IndexEntry) -> bool:
        try:
            return Stamp.of((self.root / entry.file).stat()) == entry.stamp
        except OSError:
            return False

    def _match(
        self, entries: dict[str, IndexEntry], on_disk: dict[str, os.stat_result]
    ) -> tuple[dict[str, IndexEntry], builtins.list[IndexEntry]]:
        live: dict[str, IndexEntry] = {}
        updates: builtins.list[IndexEntry] = []
        for session_id, stat in on_disk.items():
            name = f"{session_id}{SUFFIX}"
            entry = entries.get(name)
            if entry is None or entry.stamp != Stamp.of(stat):
                entry = _entry_from_file(self.root / name)
                updates.append(entry)
            live[name] = entry
        return live, updates


# ---------------------------------------------------------------------- files


def load_file(path: Path) -> Session:
    """A session file anywhere (``trainer rescore --dry-run FILE``); TrainerError naming the
    file and the problem if it cannot be read."""
    if not path.is_file():
        raise TrainerError(f"{path}: no such file")
    session, problem, _ = _read(path)
    if session is None:
        raise TrainerError(f"{path}: {problem}")
    return session


@contextlib.contextmanager
def _saving(session: Session, verb: str) -> Iterator[None]:
    """A failed write said in plain words; the copy on disk is whole (writes are atomic)."""
    try:
        yield
    except OSError as exc:
        what = write_trouble(exc)
        if what is None or isinstance(exc, FileExistsError):
            raise
        kept = (f"; session {session.session_id} is kept on disk as it was saved before"
                if verb == "save" else "")
        raise TrainerError(
            f"could not {verb} the session in {visible(str(exc.filename or session.session_id))}"
            f": {what}{kept}. Free some space or fix the folder's permissions"
        ) from None


def _encode(session: Session) -> bytes:
    return json.dumps(session.to_json(), ensure_ascii=False, indent=1).encode("utf-8")


def _encode_within_limit(session: Session) -> bytes:
    return _check_size(session, _encode(session))


def _check_size(session: Session, data: bytes) -> bytes:
    """``data``, refused if :meth:`SessionStore.load` could not read it back."""
    if len(data) > MAX_SESSION_BYTES:
        raise TrainerError(
            f"session {session.session_id} would be {len(data):,} bytes, more than a session "
            f"file may be ({MAX_SESSION_BYTES:,}); it was not saved, and the copy on disk "
            "is unchanged"
        )
    return data


def _entry_from_file(path: Path) -> IndexEntry:
    session, problem, stamp = _read(path)
    summary = None if session is None else session.summary()
    return IndexEntry(path.name, stamp, summary, problem)


def _read(path: Path) -> tuple[Session | None, str | None, Stamp]:
    """The session in ``path``, or why there is none, with the identity of what was read."""
    try:
        raw, info = read_regular_stat(path, limit=MAX_SESSION_BYTES, what="session file")
    except FileRefused as exc:
        return None, exc.reason, Stamp(0, -1, 0)
    return (*_parse(path, raw), Stamp.of(info))


def _parse(path: Path, raw: bytes) -> tuple[Session | None, str | None]:
    if not raw.strip():
        return None, "the file is empty; it holds no session"
    try:
        data = load_json(raw, source=str(path))
    except JsonRefused as exc:
        hint = " (cut short, or a slip in a hand edit?)" if "valid JSON" in exc.reason else ""
        return None, exc.reason + hint
    try:
        session = Session.from_json(data)
    except SessionFormatError as exc:
        return None, f"{exc.where or '(top level)'}: {exc.problem}"
    expected = path.name[: -len(SUFFIX)]
    if session.session_id != expected:
        return None, (
            f'session_id "{session.session_id}" differs from the file name; rename the file '
            f"to {session.session_id}{SUFFIX} or set the id to {expected}"
        )
    return session, None
