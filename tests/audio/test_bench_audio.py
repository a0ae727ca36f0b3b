"""bench/audio_stack.py in its quick modes: one whole call, and one round of live words,
through the real stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from virtual_stack import missing_tools, on_ci

BENCH = Path(__file__).resolve().parents[2] / "bench" / "audio_stack.py"

pytestmark = pytest.mark.e2e


def test_quick_audio_benchmark_prints_its_figures() -> None:
    if missing_tools() and not on_ci():
        pytest.skip(f"no private sound server here: missing {', '.join(missing_tools())}")
    result = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "crashes: 0" in result.stdout
    assert "C-library lines on the terminal: 0" in result.stdout
    assert "WER through the stack" in result.stdout and "same WAVs from files" in result.stdout
    assert "end of speech -> transcript: p50" in result.stdout


def test_quick_live_words_benchmark_prints_its_figures() -> None:
    if missing_tools() and not on_ci():
        pytest.skip(f"no private sound server here: missing {', '.join(missing_tools())}")
    result = subprocess.run([sys.executable, str(BENCH), "--live", "--quick"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "replies not heard: 0" in result.stdout, result.stdout
    for figure in ("interval between partials while speaking: p50",
                   "first partial after speech start: p50",
                   "end of speech -> final transcript, live words on: p50",
                   "end of speech -> final transcript, live words off: p50"):
        assert figure in result.stdout, result.stdout
