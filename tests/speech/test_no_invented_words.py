"""No invented words: biasing with the call's vocabulary never puts a checklist phrase in the
user's mouth, silence and breath are heard as nothing, and the same audio gives the same text.

Real parts end to end: espeak-ng speaks the replies, the default engine (bundled model) hears
them with the scenario's vocabulary as its bias, and the real scorer judges what was heard.
The sentences are new ones, written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from trainer.paths import shipped_scenarios_dir
from trainer.scenario.loader import load_scenario
from trainer.scenario.model import Scenario
from trainer.scoring.scorer import Scorer
from trainer.speech.audio import AudioClip
from trainer.speech.stt import SttEngine, load_engine, scenario_vocabulary
from trainer.speech.tts import Speaker

pytestmark = pytest.mark.e2e

# (scenario, recruiter's line it answers, reply, the item it must not gain once heard)
WITHOUT = [
    ("offer-accepted-elsewhere", None,
     "Hello Priya. I have gone with another company, so I will not be joining Northwind.",
     "thanks"),
    ("salary-below-expectations", None,
     "Hi. The figure is lower than I hoped for, and I still need a few days to weigh it up.",
     "clear_no"),
    ("decline-interview-invitation", None,
     "I have taken a job somewhere else, so I am no longer looking for a new role.",
     "graceful_close"),
    ("offer-accepted-elsewhere", None,
     "My start date at the other firm is the first of next month.",
     "thanks"),
]


@pytest.fixture(scope="module")
def engine() -> SttEngine:
    return load_engine()


def _scenario(name: str) -> Scenario:
    return load_scenario(shipped_scenarios_dir() / f"{name}.yaml")


@pytest.mark.parametrize(("scenario_id", "context", "reply", "item"), WITHOUT)
def test_biasing_never_adds_a_checklist_item_the_reply_lacks(
    engine: SttEngine, speaker: Speaker, tmp_path: Path,
    scenario_id: str, context: str | None, reply: str, item: str,
) -> None:
    scenario = _scenario(scenario_id)
    scorer = Scorer(custom_items=scenario.items)
    assert scorer.score(reply, context).checks[item].met is False  # the text lacks it
    wav = speaker.save(reply, tmp_path / "reply.wav", voice="en-us", rate=165)
    heard = engine.transcribe(wav, vocabulary=scenario_vocabulary(scenario)).text
    assert heard, "the reply was not heard at all"
    assert scorer.score(heard, context).checks[item].met is False, heard


def test_silence_is_heard_as_nothing(engine: SttEngine, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    quiet_room = (rng.standard_normal(16000 * 4) * 10 ** (-60 / 20)).astype(np.float32)
    wav = AudioClip(quiet_room, 16000).save(tmp_path / "silence.wav")
    vocabulary = scenario_vocabulary(_scenario("offer-accepted-elsewhere"))
    assert engine.transcribe(wav, vocabulary=vocabulary).text == ""


def breaths(seconds: float = 4.0, rate: int = 16000) -> np.ndarray:
    """Three slow breaths: low, band-limited noise swelling and fading, with quiet between.

    Loud enough (peaks around -30 dBFS) to pass the silence gate, so the model itself has
    to decide that nothing was said.
    """
    rng = np.random.default_rng(11)
    noise = rng.standard_normal(int(seconds * rate)).astype(np.float32)
    kernel = np.hanning(64).astype(np.float32)
    airy = np.convolve(noise, kernel / kernel.sum(), mode="same")  # breath is mostly low hiss
    envelope = np.zeros_like(airy)
    for start in (0.3, 1.6, 2.9):
        i, n = int(start * rate), int(0.8 * rate)
        envelope[i : i + n] = np.hanning(n)
    signal = airy * envelope
    return (signal / np.abs(signal).max() * 10 ** (-30 / 20)).astype(np.float32)


def test_breathing_is_heard_as_nothing(engine: SttEngine, tmp_path: Path) -> None:
    wav = AudioClip(breaths(), 16000).save(tmp_path / "breaths.wav")
    vocabulary = scenario_vocabulary(_scenario("offer-accepted-elsewhere"))
    assert engine.transcribe(wav, vocabulary=vocabulary).text == ""


def test_decoding_the_same_reply_twice_gives_the_same_text(
    engine: SttEngine, speaker: Speaker, tmp_path: Path
) -> None:
    reply = "Thanks for your patience, Priya. I'm afraid it's a no from me, all the best."
    wav = speaker.save(reply, tmp_path / "reply.wav", voice="en-gb", rate=180)
    vocabulary = scenario_vocabulary(_scenario("offer-accepted-elsewhere"))
    first = engine.transcribe(wav, vocabulary=vocabulary)
    second = engine.transcribe(wav, vocabulary=vocabulary)
    assert first.text and first.text == second.text
    assert first.words == second.words


# Names of the call that sound like checklist words or like the reply's own words: the name
# repair (on by default) must not turn what was heard into a thanks, a no or a close.
TEMPTING = ["Xiaoming Li", "Thanx Adeyemi", "Noh Byrne", "Cheerio Partners", "Bai Goodby",
            "Anotha Kompani"]


@pytest.mark.parametrize(("scenario_id", "context", "reply", "item"), [
    *WITHOUT,
    ("offer-accepted-elsewhere", None, "Hello Xiaoming, I have gone with another company.",
     "thanks"),
])
def test_name_repair_never_adds_a_checklist_item_the_reply_lacks(
    engine: SttEngine, speaker: Speaker, tmp_path: Path,
    scenario_id: str, context: str | None, reply: str, item: str,
) -> None:
    scenario = _scenario(scenario_id)
    scorer = Scorer(custom_items=scenario.items)
    wav = speaker.save(reply, tmp_path / "reply.wav", voice="en-gb", rate=180)
    vocabulary = [*TEMPTING, *scenario_vocabulary(scenario)]
    heard = engine.transcribe(wav, vocabulary=vocabulary)
    assert heard.text, "the reply was not heard at all"
    for check, result in scorer.score(heard.text, context).checks.items():
        if result.met:
            assert scorer.score(reply, context).checks[check].met, (check, heard.text)
    assert scorer.score(heard.text, context).checks[item].met is False, heard.text
    assert all(r.name in heard.text and r.name not in ("Thanx", "Noh", "Cheerio", "Goodby")
               for r in heard.repairs), heard.repairs


def test_a_name_heard_by_sound_is_repaired_and_the_turn_says_so(
        engine: SttEngine, speaker: Speaker, tmp_path: Path) -> None:
    """Whisper base hears espeak's en-gb "Xiaoming" as "Myraming" even with the name in its
    prompt; the repair writes the name, and the saved turn shows it as possibly misheard."""
    import random

    from trainer.call.engine import Call
    from trainer.call.listening import Voice
    from trainer.sessions.store import SessionStore

    base = _scenario("offer-accepted-elsewhere")
    scenario = base.model_copy(update={"recruiter": base.recruiter.model_copy(
        update={"name": "Xiaoming Li"})})
    wav = speaker.save("Hello Xiaoming, I have gone with another company.",
                       tmp_path / "reply.wav", voice="en-gb", rate=180)
    reply = Voice(engine_name="whisper-base").hear_file(wav, scenario)
    assert "Xiaoming" in reply.text
    assert reply.timing is not None and reply.timing.repaired, reply.text
    heard_as, name, start, end = reply.timing.repaired[0]
    assert name == "Xiaoming" and heard_as != name
    call = Call(scenario, store=SessionStore(), rng=random.Random(1), mode="audio")
    call.answer(reply)
    call.hang_up()
    saved = SessionStore().load(call.session_id or "").turns[0]
    warning = next(m for m in saved.misheard if m.word == "Xiaoming")
    assert (warning.said, warning.start, warning.end) == (heard_as, start, end)
    assert f'heard as "{heard_as}"' in warning.line
