"""The microphone listener, driven by fake devices: pauses, push-to-talk, failures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from speech_fakes import (
    RATE,
    FakeEngine,
    FakeMicrophone,
    busy_microphone,
    quiet,
    tone,
)

from trainer import paths
from trainer.errors import TrainerError
from trainer.speech.audio_input import (
    BLOCK,
    MicListener,
    NoSpeechError,
    microphone_status,
    read_audio_file,
)
from trainer.speech.tts import Speaker


def _listener(mic: FakeMicrophone, **options: float) -> MicListener:
    options.setdefault("pause_seconds", 1.0)
    return MicListener(source_factory=mic.open, **options)


def test_reply_ends_after_the_pause_and_is_kept_as_wav() -> None:
    mic = FakeMicrophone(
        __import__("numpy").concatenate([quiet(0.8), tone(1.0), quiet(0.5), tone(0.7), quiet(5)])
    )
    levels: list[float] = []
    recording = _listener(mic).listen(on_level=levels.append)
    # thinking time kept, the short mid-reply pause did not end it, the 1 s pause did
    assert recording.speech_started_at == pytest.approx(0.8, abs=0.07)
    assert recording.speech_ended_at == pytest.approx(3.0, abs=0.07)
    assert recording.seconds == pytest.approx(4.0, abs=0.15)
    assert recording.path.parent == paths.recordings_dir()
    saved = read_audio_file(recording.path)
    assert saved.rate == RATE
    assert saved.seconds == pytest.approx(recording.seconds, abs=0.01)
    assert min(levels) < -60 and max(levels) > -20


def test_generous_default_pause_does_not_cut_off_a_thinking_user() -> None:
    import numpy as np

    mic = FakeMicrophone(np.concatenate([tone(1.0), quiet(1.8), tone(1.0), quiet(3)]))
    recording = MicListener(source_factory=mic.open).listen()
    assert recording.speech_ended_at == pytest.approx(3.8, abs=0.07)


def test_silence_is_no_speech() -> None:
    mic = FakeMicrophone(quiet(5))
    with pytest.raises(NoSpeechError) as info:
        _listener(mic, wait_seconds=2.0).listen()
    assert "no speech was heard" in info.value.message
    assert "type the reply" in info.value.message
    assert not paths.recordings_dir().exists() or not list(paths.recordings_dir().iterdir())


def test_push_to_talk_ignores_pauses_until_released() -> None:
    import numpy as np

    samples = np.concatenate([tone(0.5), quiet(3.0), tone(0.5), quiet(30)])
    mic = FakeMicrophone(samples)
    stop = threading.Event()
    seen: list[float] = []

    def level(db: float) -> None:
        seen.append(db)
        if len(seen) * BLOCK / RATE >= 5.0:  # "key released" after 5 s
            stop.set()

    recording = _listener(mic).listen(push_to_talk=True, stop=stop, on_level=level)
    assert recording.seconds == pytest.approx(5.0, abs=0.1)
    assert recording.speech_ended_at == pytest.approx(4.0, abs=0.07)


def test_long_reply_is_capped() -> None:
    mic = FakeMicrophone(tone(10))
    recording = _listener(mic, max_seconds=3.0).listen()
    assert recording.truncated
    assert recording.seconds == pytest.approx(3.0, abs=0.1)


def test_busy_microphone_is_a_clear_error() -> None:
    with pytest.raises(TrainerError) as info:
        MicListener(source_factory=busy_microphone).listen()
    assert "in use by another program" in info.value.message


def test_device_that_fails_mid_reply() -> None:
    mic = FakeMicrophone(tone(5), fail_after=10)
    with pytest.raises(TrainerError) as info:
        _listener(mic).listen()
    assert "microphone stopped" in info.value.message
    assert mic.closed == 1


def test_device_that_stops_delivering_does_not_hang() -> None:
    mic = FakeMicrophone(tone(5), stall_after=5)
    with pytest.raises(TrainerError) as info:
        _listener(mic, stall_seconds=0.5).listen()
    assert "sent no sound for 0.5 s" in info.value.message
    assert "tried again for the next reply" in info.value.message
    assert mic.closed == 1


def test_early_transcript_is_ready_when_the_pause_ends() -> None:
    import numpy as np

    engine = FakeEngine()
    mic = FakeMicrophone(np.concatenate([tone(1.0), quiet(4)]))
    recording = _listener(mic, early_after=0.3).listen(engine=engine)
    assert recording.transcript is not None
    # it transcribed what had been said when the pause began, once
    assert len(engine.calls) == 1
    assert engine.calls[0] == pytest.approx(1.3, abs=0.1)
    assert recording.transcribe(engine) is recording.transcript
    assert len(engine.calls) == 1


def test_early_transcript_is_dropped_when_the_user_goes_on() -> None:
    import numpy as np

    engine = FakeEngine()
    samples = np.concatenate([tone(1.0), quiet(0.6), tone(1.0), quiet(3)])
    recording = _listener(mic := FakeMicrophone(samples), early_after=0.3).listen(engine=engine)
    assert mic.entered == 1
    assert recording.transcript is not None
    assert recording.transcript.audio_seconds == pytest.approx(2.9, abs=0.1)
    assert len(engine.calls) == 2


def test_calibration_raises_threshold_in_a_noisy_room() -> None:
    import numpy as np

    rng = np.random.default_rng(1)
    noise = (rng.standard_normal(RATE * 3) * 0.05).astype(np.float32)
    listener = _listener(FakeMicrophone(noise))
    listener.energy_threshold = 50
    threshold = listener.calibrate(1.0)
    assert threshold > 200


def test_missing_recorder_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name: None if name == "arecord" else real_which(name)
    )
    ok, message = microphone_status()
    assert not ok
    assert "arecord" in message and "alsa-utils" in message
    with pytest.raises(TrainerError) as info:
        MicListener().listen()
    assert "alsa-utils" in info.value.message


def test_microphone_status_with_devices() -> None:
    import numpy as np

    ok, message = microphone_status(FakeMicrophone(np.zeros(RATE, dtype=np.float32)).open)
    assert ok and "16000 Hz" in message
    ok, message = microphone_status(busy_microphone)
    assert not ok and "in use by another program" in message
    silent = FakeMicrophone(quiet(1), stall_after=0)
    ok, message = microphone_status(silent.open, seconds=0.2)
    assert not ok and "sent no sound" in message and silent.closed == 1


def test_recording_of_espeak_speech(speaker: Speaker, tmp_path: Path) -> None:
    """Real synthesised speech through the listener: onset and end found."""
    import numpy as np

    from trainer.speech.audio_input import ClipSource

    wav = speaker.save("Thank you for calling.", tmp_path / "r.wav", voice="en-us", rate=170)
    clip = read_audio_file(wav)
    padded = np.concatenate([np.zeros(clip.rate, dtype=np.float32), clip.samples])
    source = ClipSource(type(clip)(padded, clip.rate), tail_seconds=3.0)
    recording = MicListener(source_factory=lambda: source, pause_seconds=1.5).listen(
        save_to=tmp_path / "kept.wav"
    )
    assert recording.path == tmp_path / "kept.wav"
    assert recording.speech_started_at == pytest.approx(1.0, abs=0.1)
    # espeak-ng ends a line with a short silence of its own
    assert recording.speech_ended_at is not None
    assert 1.0 + clip.seconds - 0.6 < recording.speech_ended_at <= 1.0 + clip.seconds + 0.07
