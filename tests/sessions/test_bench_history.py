"""bench/sessions.py builds its long history with the session model as it is now.

The bench is a script nobody runs in CI, so a change to the session model once left it
failing on its first line of set-up; this keeps its set-up in step with the model.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from trainer.sessions import SessionStore

BENCH = Path(__file__).resolve().parents[2] / "bench" / "sessions.py"


def _bench() -> ModuleType:
    if "bench_sessions" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_sessions", BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_sessions"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_sessions"]


def test_the_bench_history_is_sessions_the_store_lists_as_it_would_its_own(
    tmp_path: Path,
) -> None:
    root = tmp_path / "sessions"
    _bench().populate(root, 21, 3)
    listed = SessionStore(root).list()
    assert not listed.problems
    assert len(listed.sessions) == 21
    loaded = [SessionStore(root).load(s.session_id) for s in listed.sessions]
    assert all(len(s.turns) == 3 for s in loaded)
    # one in twenty is left unfinished, like a call hung up before its end
    assert sorted(s.finished for s in loaded) == [False] * 2 + [True] * 19
    assert all(s.score is not None for s in loaded if s.finished)
