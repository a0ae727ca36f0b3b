"""The speaker and the microphone on their own, through a real sound server."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from virtual_stack import RATE, VirtualAudio, sound_seconds

from trainer.call.listening import Voice, open_voice
from trainer.scenario.model import Scenario
from trainer.speech.audio import last_sound_at
from trainer.speech.audio_input import MicListener, probe_microphone, read_audio_file
from trainer.speech.capture import input_device_name
from trainer.speech.tts import Speaker

pytestmark = pytest.mark.e2e


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def test_the_recruiter_is_heard_on_the_speaker_for_the_length_of_the_line(
    audio_stack: VirtualAudio, scenario: Scenario, tmp_path: Path
) -> None:
    text = "Thanks for taking my call. Do you have a minute to talk about the offer?"
    speaker = Speaker()
    voice = scenario.recruiter.voice
    line = read_audio_file(speaker.save(text, tmp_path / "line.wav", voice=voice.id,
                                        rate=voice.rate))
    line_seconds = last_sound_at(line) or line.seconds
    monitor = audio_stack.monitor(tmp_path / "monitor.raw")
    time.sleep(0.3)
    started = time.monotonic()
    Voice(speaker=speaker).say(text, scenario)
    took = time.monotonic() - started
    time.sleep(0.3)
    loud = sound_seconds(monitor.stop())
    # espeak's words have gaps between them, so less than the line is loud; never more
    assert 0.5 * line_seconds < loud < line_seconds + 0.3, (loud, line_seconds)
    assert took >= 0.9 * line_seconds, "say() returned before the line had been played"


def test_a_pause_in_the_middle_of_a_reply_does_not_end_it(audio_stack: VirtualAudio) -> None:
    assert audio_stack.feeder is not None
    listener = MicListener(pause_seconds=2.0)
    feeder = audio_stack.feeder
    live = threading.Event()

    def reply() -> None:
        live.wait(10)
        time.sleep(0.5)
        feeder.say(np.concatenate([tone(1.0), np.zeros(int(1.5 * RATE), np.float32), tone(1.0)]))

    threading.Thread(target=reply, daemon=True).start()
    recording = listener.listen(on_live=live.set)
    assert recording.speech_started_at is not None and recording.speech_ended_at is not None
    spoken = recording.speech_ended_at - recording.speech_started_at
    assert spoken == pytest.approx(3.5, abs=0.25), "the 1.5 s pause ended the reply"
    assert recording.seconds == pytest.approx(recording.speech_ended_at + 2.0, abs=0.3)


def test_the_microphone_is_named_and_probed(audio_stack: VirtualAudio) -> None:
    assert "source 'mic'" in input_device_name()
    assert "works" in probe_microphone()


def test_open_voice_keeps_a_silent_microphone_to_try_again(audio_stack: VirtualAudio) -> None:
    assert audio_stack.feeder is not None
    audio_stack.feeder.mute()
    voice = open_voice(mute=True, typed=False)
    assert voice.listens
    assert any("tried again for every reply" in notice for notice in voice.notices)


def test_with_the_server_gone_replies_are_typed_from_the_start(
    audio_stack: VirtualAudio,
) -> None:
    audio_stack.kill_server()
    voice = open_voice(mute=False, typed=False)
    assert not voice.listens and not voice.speaks
    assert any("type your replies" in notice for notice in voice.notices)


def test_doctor_names_the_microphone_and_shows_its_level(audio_stack: VirtualAudio) -> None:
    import subprocess
    import sys

    from line_call import C_NOISE

    feeder = audio_stack.feeder
    assert feeder is not None
    feeder.say(tone(240.0))  # someone talking all along; the level comes after the checks
    result = subprocess.run([sys.executable, "-m", "trainer", "doctor", "--level-seconds", "3"],
                            capture_output=True, text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    assert "source 'mic'" in output, output
    assert "microphone works" in output
    loudest = [line for line in output.splitlines() if line.startswith("microphone level")]
    assert loudest and "speech reaches it" in loudest[0], output
    assert [line for line in output.splitlines() if C_NOISE.search(line)] == []


def test_talking_over_the_recruiter_stops_the_line_and_starts_the_reply(
    audio_stack: VirtualAudio, scenario: Scenario, spoken_answers: dict[str, np.ndarray],
    tmp_path: Path,
) -> None:
    feeder = audio_stack.feeder
    assert feeder is not None
    text = ("I wanted to go over the whole package with you once more, the salary, the bonus, "
            "the start date and the team you would be joining, before you make up your mind.")
    speaker = Speaker()
    recruiter = scenario.recruiter.voice
    line = read_audio_file(speaker.save(text, tmp_path / "line.wav", voice=recruiter.id,
                                        rate=recruiter.rate))
    turn = scenario.turns[0]
    voice = Voice(speaker=speaker, listener=MicListener(pause_seconds=1.5))
    threading.Timer(2.5, feeder.say, args=(spoken_answers[turn.id],)).start()
    monitor = audio_stack.monitor(tmp_path / "speaker.raw")
    started = time.monotonic()
    voice.say(text, scenario)
    stopped_after = time.monotonic() - started
    played = sound_seconds(monitor.stop())
    assert voice.barged_in
    assert stopped_after < 4.5 < line.seconds, (stopped_after, line.seconds)
    assert played < 4.5
    reply = voice.hear(scenario)
    assert reply.source == "mic"
    first_words = (turn.model_answer or "").lower().replace(",", "").split()[:2]
    heard = reply.text.lower().replace(",", "")
    assert all(word in heard for word in first_words), (reply.text, first_words)
