"""The recruiter's voice: real espeak-ng synthesis; playback via fakes and aplay's null device."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from speech_fakes import FakePlayback, FakePlayer

from trainer.errors import TrainerError
from trainer.speech.audio_input import read_audio_file
from trainer.speech.tts import AplayPlayer, Speaker, SpeechJob, VoiceInfo, open_speaker

LINE = "Hi, it's Priya from Northwind Analytics. Have you had a chance to think about our offer?"


def test_voices_are_listed(speaker: Speaker) -> None:
    voices = speaker.voices()
    ids = {v.id for v in voices}
    assert {"en-us", "en-gb"} <= ids
    assert all(isinstance(v, VoiceInfo) and v.identifier for v in voices)


@pytest.mark.parametrize(
    ("asked", "identifier"),
    [
        ("en-us", "gmw/en-us"),
        ("EN-GB", "gmw/en"),
        ("gmw/en-us", "gmw/en-us"),
        ("English (America)", "gmw/en-us"),
        ("en-gb+f3", "gmw/en+f3"),
    ],
)
def test_voice_ids_resolve(speaker: Speaker, asked: str, identifier: str) -> None:
    assert speaker.resolve_voice(asked) == identifier


def test_unknown_voice_is_reported_not_ignored(speaker: Speaker, tmp_path: Path) -> None:
    with pytest.raises(TrainerError) as info:
        speaker.save("Hello", tmp_path / "x.wav", voice="en-xx", rate=160)
    assert "unknown voice 'en-xx'" in info.value.message
    assert "en-us" in info.value.message
    assert not (tmp_path / "x.wav").exists()


def test_unknown_variant_is_reported(speaker: Speaker, tmp_path: Path) -> None:
    with pytest.raises(TrainerError) as info:
        speaker.save("Hello", tmp_path / "x.wav", voice="en-us+nosuchvariant", rate=160)
    assert "did not accept the voice" in info.value.message


def test_bad_rate_and_empty_text(speaker: Speaker, tmp_path: Path) -> None:
    with pytest.raises(TrainerError, match="out of range"):
        speaker.save("Hello", tmp_path / "x.wav", voice="en-us", rate=20)
    with pytest.raises(TrainerError, match="nothing to say"):
        speaker.speak("  ", voice="en-us", rate=160)


def test_save_writes_a_complete_wav_and_prints_nothing(
    speaker: Speaker, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    slow = read_audio_file(speaker.save(LINE, tmp_path / "slow.wav", voice="en-us", rate=120))
    fast = read_audio_file(speaker.save(LINE, tmp_path / "fast.wav", voice="en-us", rate=240))
    assert slow.rate == 22050
    assert slow.seconds > 1.6 * fast.seconds > 2.0
    assert float(np.max(np.abs(slow.samples))) > 0.1
    captured = capfd.readouterr()
    assert captured.out == ""  # pyttsx3's "Audio saved to ..." would break --json output


def test_phone_line_save_is_8khz(speaker: Speaker, tmp_path: Path) -> None:
    clip = read_audio_file(
        speaker.save(LINE, tmp_path / "phone.wav", voice="en-gb", rate=170, phone_line=True)
    )
    assert clip.rate == 8000
    assert clip.seconds > 2.0


def test_speak_runs_in_background_and_reports_done(tmp_path: Path) -> None:
    player = FakePlayer()
    speaker = Speaker(player=player)
    finished: list[SpeechJob] = []
    job = speaker.speak(LINE, voice="en-us", rate=170, on_done=finished.append)
    assert player.started.wait(10)
    assert not job.done  # still "playing": the caller was not blocked
    player.playbacks[0].finish.set()
    assert job.wait(5)
    assert job.done and job.error is None and finished == [job]
    assert player.played[0][:4] == b"RIFF"


def test_speak_can_be_interrupted() -> None:
    player = FakePlayer()
    speaker = Speaker(player=player)
    done = threading.Event()
    job = speaker.speak(LINE, voice="en-us", rate=170, on_done=lambda _job: done.set())
    assert player.started.wait(10)
    job.cancel()
    assert done.wait(5)
    assert job.cancelled and job.error is None
    assert player.playbacks[0].stopped


def test_a_new_line_cuts_off_the_previous_one() -> None:
    player = FakePlayer()
    speaker = Speaker(player=player)
    first = speaker.speak("First line.", voice="en-us", rate=170)
    assert player.started.wait(10)
    second = speaker.speak("Second line.", voice="en-us", rate=170)
    assert first.wait(5) and first.cancelled
    second.cancel()
    assert second.wait(5)


def test_playback_failure_lands_in_the_job() -> None:
    speaker = Speaker(player=FakePlayer(error="aplay: audio open error: Device or resource busy"))
    job = speaker.speak("Hello there.", voice="en-us", rate=170)
    assert job.wait(10)
    assert job.error is not None and "busy" in job.error


@pytest.mark.skipif(shutil.which("aplay") is None, reason="needs aplay (alsa-utils)")
def test_real_aplay_on_the_null_device() -> None:
    speaker = Speaker(player=AplayPlayer(device="null"))
    assert speaker.output_problem() is None
    job = speaker.speak("Thank you for calling.", voice="en-us", rate=200, phone_line=True)
    assert job.wait(20)
    assert job.error is None


@pytest.mark.skipif(shutil.which("aplay") is None, reason="needs aplay (alsa-utils)")
def test_aplay_on_a_missing_device_is_reported() -> None:
    problem = AplayPlayer(device="hw:99,0").problem()
    assert problem is not None and problem.startswith("no audio output device")


def test_open_speaker_without_output_gives_one_notice() -> None:
    speaker, notice = open_speaker(player=FakePlayer(problem="no audio output device"))
    assert speaker is None
    assert notice is not None and "on screen" in notice and "\n" not in notice


def test_open_speaker_without_tts_engine_gives_one_notice() -> None:
    class Broken:
        def voices(self) -> list[VoiceInfo]:
            raise TrainerError("text-to-speech is unavailable (libespeak-ng.so.1: cannot open)")

        def synthesize(self, text: str, path: Path, *, voice: str, rate: int) -> None:
            raise AssertionError("never called")

    speaker, notice = open_speaker(synthesizer=Broken(), player=FakePlayer())
    assert speaker is None
    assert notice is not None and "libespeak-ng" in notice and "on screen" in notice


def test_open_speaker_with_everything_working() -> None:
    speaker, notice = open_speaker(player=FakePlayer())
    assert speaker is not None and notice is None


class _BrokenPlayer(FakePlayer):
    def play(self, path: Path) -> FakePlayback:
        raise RuntimeError("driver exploded")


def test_an_unexpected_failure_still_finishes_the_job() -> None:
    speaker = Speaker(player=_BrokenPlayer())
    job = speaker.speak(LINE, voice="en-us", rate=170)
    assert job.wait(20), "a crashed player must not leave the call stuck at 'speaking'"
    assert job.error == "speaking failed: RuntimeError: driver exploded"
