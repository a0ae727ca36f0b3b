"""`trainer say | voices | transcribe | doctor`, end to end in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.speech.audio_input import read_audio_file


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )


def test_say_writes_a_wav(tmp_path: Path, trainer_home: Path) -> None:
    out = tmp_path / "line.wav"
    result = run("say", "Thanks for calling.", "--voice", "en-gb", "--rate", "180",
                 "--out", str(out), "--phone-line", home=trainer_home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    assert read_audio_file(out).rate == 8000


def test_say_errors(tmp_path: Path, trainer_home: Path) -> None:
    result = run("say", "Hi", "--voice", "xx-nope", "--out", str(tmp_path / "a.wav"),
                 home=trainer_home)
    assert result.returncode == 1
    assert result.stderr.startswith("error: unknown voice 'xx-nope'")
    result = run("say", "Hi", "--out", str(tmp_path / "a.mp3"), home=trainer_home)
    assert result.returncode == 2 and "must end in .wav" in result.stderr


def test_voices(trainer_home: Path) -> None:
    result = run("voices", "--json", home=trainer_home)
    assert result.returncode == 0
    ids = {voice["id"] for voice in json.loads(result.stdout)}
    assert {"en-us", "en-gb"} <= ids
    text = run("voices", "--english", home=trainer_home).stdout
    assert "en-us" in text and "+f3" in text


@pytest.mark.e2e
def test_transcribe_json_lines_in_order(tmp_path: Path, trainer_home: Path) -> None:
    first, second = tmp_path / "one.wav", tmp_path / "two.wav"
    for path, text in ((first, "Thank you for the offer."), (second, "I wish you all the best.")):
        assert run("say", text, "--out", str(path), home=trainer_home).returncode == 0
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    result = run("transcribe", str(first), str(bad), str(second), "--json", home=trainer_home)
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["file"] for row in rows] == [str(first), str(bad), str(second)]
    assert "offer" in rows[0]["text"].lower() and "best" in rows[2]["text"].lower()
    assert "not audio" in rows[1]["error"]
    for row in (rows[0], rows[2]):
        assert row["engine"] == "whisper-base"  # the default
        assert row["audio_seconds"] > 0.5 and row["seconds"] > 0
        assert row["words"] and {"word", "start", "end"} <= set(row["words"][0])
    assert "Traceback" not in result.stderr


def test_transcribe_usage_errors(tmp_path: Path, trainer_home: Path) -> None:
    result = run("transcribe", str(tmp_path / "x.wav"), "--engine", "nope", home=trainer_home)
    assert result.returncode == 1 and "unknown speech engine 'nope'" in result.stderr
    result = run("transcribe", str(tmp_path / "x.wav"), "--engine", "google", home=trainer_home)
    assert result.returncode == 1 and "--allow-online" in result.stderr
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    result = run("transcribe", str(empty), "--engine", "pocketsphinx", home=trainer_home)
    assert result.returncode == 1 and "empty (0 bytes)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.e2e
def test_doctor_reports_and_fixes(trainer_home: Path) -> None:
    result = run("doctor", "--json", home=trainer_home)
    checks = {check["name"]: check for check in json.loads(result.stdout)}
    assert {"espeak-ng", "pyttsx3", "audio output", "microphone", "whisper-base",
            "faster-whisper", "moonshine", "pocketsphinx"} <= set(checks)
    assert checks["whisper-base"]["ok"], checks["whisper-base"]
    assert checks["pyttsx3"]["ok"]
    assert result.returncode == (0 if all(c["ok"] for c in checks.values()) else 1)
    for check in checks.values():
        assert check["ok"] or check["fix"]
