"""bench/misheard.py runs in CI in its quick mode and prints both of its figures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "misheard.py"


@pytest.mark.e2e
def test_quick_benchmark_prints_share_flagged_and_false_alarms() -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert re.search(r"meaning-word errors flagged: \d+/\d+ \(\d+ %\)", result.stdout)
    assert re.search(r"false alarms per 100 replies: \d+\.\d", result.stdout)
