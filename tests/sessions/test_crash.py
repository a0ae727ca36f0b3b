"""Real processes: a trainer killed with SIGKILL mid-call, and trainers writing at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from trainer.errors import TrainerError
from trainer.sessions import SessionStore
from trainer.sessions import store as store_module

# A stand-in for the call engine: records turns through the store as fast as it can,
# reporting each save once it has returned. TRAINER_STALL=N makes the save of turn N
# stop just before its rename, to be killed there.
WRITER = r'''
import os, pathlib, sys, time
from trainer.sessions import SessionStore, TurnRecord

stall = int(os.environ.get("TRAINER_STALL", "-1"))
real_replace = pathlib.Path.replace
turn_now = [0]

def replace(self, target):
    if turn_now[0] == stall:
        print("stalled", flush=True)
        time.sleep(60)
    return real_replace(self, target)

pathlib.Path.replace = replace
store = SessionStore()
session = store.create("offer-accepted-elsewhere", "Offer", "", "mic")
print(session.session_id, flush=True)
for i in range(100000):
    turn_now[0] = i
    session.add_turn(TurnRecord(turn_id=f"t{i}", recruiter=f"line {i}",
                                reply=f"reply {i} " + "words " * 300, source="mic"))
    store.save(session)
    print(f"saved {i}", flush=True)
'''

# Several trainers at once: each records SESSIONS calls of TURNS turns and prints their ids.
BUSY = r'''
import sys
from trainer.sessions import SessionStore, TurnRecord
store = SessionStore()
name, sessions, turns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for s in range(sessions):
    session = store.create(f"scenario-{name}", name, "", "typed")
    for i in range(turns):
        session.add_turn(TurnRecord(turn_id=f"t{i}", recruiter="line", reply=f"{name} {s} {i}"))
        store.save(session)
        store.list()
    store.finish(session, float(10 * s))
    print(session.session_id, flush=True)
'''

LISTER = r'''
import sys
from trainer.sessions import SessionStore
store = SessionStore()
for _ in range(int(sys.argv[1])):
    result = store.list()
    if result.problems:
        print("PROBLEM", result.problems, flush=True)
        sys.exit(1)
'''

RESUMER = r'''
import sys
from trainer.errors import TrainerError
from trainer.sessions import SessionStore
try:
    session = SessionStore().resume(sys.argv[1])
except TrainerError as exc:
    print("refused:", exc.message)
    sys.exit(3)
print("resumed", len(session.turns))
'''


def _script(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    return path


StartWriter = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[StartWriter]:
    procs: list[subprocess.Popen[str]] = []

    def start(stall: int = -1) -> subprocess.Popen[str]:
        env = {**os.environ, "TRAINER_STALL": str(stall)}
        proc = subprocess.Popen(
            [sys.executable, str(_script(tmp_path, "writer", WRITER))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


def _read_until(stream: IO[str] | None, wanted: str) -> list[str]:
    assert stream is not None
    lines: list[str] = []
    for line in stream:
        lines.append(line.strip())
        if line.strip() == wanted:
            return lines
    raise AssertionError(f"the writer stopped before printing {wanted!r}: {lines[-3:]}")


def test_sigkill_mid_call_keeps_every_finished_turn(writer: StartWriter) -> None:
    proc = writer()
    lines = _read_until(proc.stdout, "saved 25")
    session_id = lines[0]
    os.kill(proc.pid, signal.SIGKILL)  # while it is somewhere in saving later turns
    rest, _ = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    reported = [line for line in lines + rest.splitlines() if line.startswith("saved ")]
    last_reported = int(reported[-1].split()[1])

    store = SessionStore()
    session = store.load(session_id)
    assert len(session.turns) >= last_reported + 1
    for i, turn in enumerate(session.turns):
        assert (turn.index, turn.turn_id, turn.reply.split()[:2]) == (i, f"t{i}", ["reply", str(i)])
    [summary] = store.list().sessions
    assert summary.session_id == session_id and not summary.finished
    assert summary.turns == len(session.turns)
    # The dead trainer's lock went with it: the call can be resumed.
    resumed = store.resume(session_id)
    assert resumed.next_turn_id() == f"t{len(session.turns) - 1}"
    store.release(resumed)


def test_sigkill_between_writing_and_renaming_loses_only_that_turn(
    writer: StartWriter,
) -> None:
    proc = writer(stall=3)
    lines = _read_until(proc.stdout, "stalled")
    session_id = lines[0]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    store = SessionStore()
    left = [p.name for p in store.root.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1  # the turn in progress, complete but never renamed into place
    session = store.load(session_id)
    assert [t.turn_id for t in session.turns] == ["t0", "t1", "t2"]
    result = store.list()
    assert [s.turns for s in result.sessions] == [3] and result.problems == []
    assert not result.sessions[0].finished


def test_concurrent_trainers_never_corrupt_sessions_or_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = _script(tmp_path, "busy", BUSY)
    lister = _script(tmp_path, "lister", LISTER)
    procs = [
        subprocess.Popen([sys.executable, str(busy), name, "3", "6"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for name in ("a", "b", "c", "d")
    ]
    procs.append(subprocess.Popen([sys.executable, str(lister), "40"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True))
    outputs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, errors) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, (out, errors)
    ids = [line for out, _ in outputs[:4] for line in out.split()]
    assert len(ids) == len(set(ids)) == 12

    reads: list[str] = []
    real = store_module._read

    def counting(path: Path) -> object:
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(store_module, "_read", counting)
    store = SessionStore()
    result = store.list()
    assert result.problems == []
    assert sorted(s.session_id for s in result.sessions) == sorted(ids)
    assert reads == []  # the index ended in step with every file
    for summary in result.sessions:
        session = store.load(summary.session_id)
        name = session.scenario_title
        number = int(session.score or 0) // 10
        assert [t.reply for t in session.turns] == [f"{name} {number} {i}" for i in range(6)]
        assert session.finished and summary.turns == 6


def test_only_one_trainer_resumes_a_call(tmp_path: Path, store: SessionStore) -> None:
    session = store.create("offer-accepted-elsewhere", "Offer", "", "typed")
    store.release(session)
    mine = store.resume(session.session_id)
    resumer = [sys.executable, str(_script(tmp_path, "resumer", RESUMER)), session.session_id]
    refused = subprocess.run(resumer, capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 3, refused.stderr
    assert f"session {session.session_id} is in use by another trainer (process {os.getpid()})" \
        in refused.stdout
    with pytest.raises(TrainerError, match="already open in this trainer"):
        SessionStore().resume(session.session_id)
    store.release(mine)
    taken = subprocess.run(resumer, capture_output=True, text=True, timeout=60, check=False)
    assert (taken.returncode, taken.stdout.strip()) == (0, "resumed 0"), taken.stderr
    json.loads(store.file_for(session.session_id).read_text())  # still whole
