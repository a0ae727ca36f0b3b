"""The bundled engine choices load from their packages, checked, and hear a spoken reply."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer.errors import TrainerError
from trainer.speech.models import MOONSHINE_BASE_EN, MOONSHINE_INT8, package_dir, verify
from trainer.speech.stt import load_engine
from trainer.speech.tts import Speaker

FOLDERS = {"whisper-base": "whisper-base", "moonshine": "moonshine-base-en"}
REPLY = "Thank you for calling, but I have decided to decline the offer."


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["whisper-base", "moonshine"])
def test_a_bundled_engine_hears_a_reply_and_its_files_are_pinned(
    name: str, shared_models: Path, speaker: Speaker, tmp_path: Path
) -> None:
    wav = speaker.save(REPLY, tmp_path / "reply.wav", voice="en-us", rate=165)
    engine = load_engine(name)
    heard = engine.transcribe(wav, vocabulary=("Northwind",)).text.lower()
    assert engine.name == name
    for word in ("thank", "decline", "offer"):
        assert word in heard, heard
    assert (shared_models / FOLDERS[name]).is_dir()  # derived once, beside the user's data


def test_the_converted_moonshine_files_are_pinned_like_the_shipped_ones() -> None:
    assert all(len(sha) == 64 for sha in MOONSHINE_INT8.files.values())
    assert MOONSHINE_INT8.files["tokenizer.bin"] == MOONSHINE_BASE_EN.files["tokenizer.bin"]


def test_a_changed_shipped_moonshine_file_is_refused(tmp_path: Path) -> None:
    shipped = package_dir("moonshine_cpp", MOONSHINE_BASE_EN) / "models" / "base-en"
    copy = Path(shutil.copytree(shipped, tmp_path / "base-en"))
    verify(MOONSHINE_BASE_EN, copy)
    data = bytearray((copy / "tokenizer.bin").read_bytes())
    data[100] ^= 0xFF
    (copy / "tokenizer.bin").write_bytes(bytes(data))
    refused = r"tokenizer\.bin is not the file.*moonshine-cpp==0\.1\.4"
    with pytest.raises(TrainerError, match=refused):
        verify(MOONSHINE_BASE_EN, copy)
