"""The speech benchmark runs in CI in its quick mode and prints its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "speech.py"


@pytest.mark.e2e
def test_quick_benchmark_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "model load" in result.stdout and "WER" in result.stdout
    assert "transcript ready" in result.stdout and "peak RSS" in result.stdout
