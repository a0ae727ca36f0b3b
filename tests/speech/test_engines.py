"""Choosing an engine: defaults, config, opt-in for online ones, missing extras."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from trainer import paths
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.speech.stt import Transcript, load_engine, scenario_vocabulary
from trainer.speech.vocabulary import whisper_prompt


def _config(text: str) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _message(*args: object, **kwargs: object) -> str:
    with pytest.raises(TrainerError) as info:
        load_engine(*args, **kwargs)  # type: ignore[arg-type]
    return info.value.message


def test_unknown_engine() -> None:
    message = _message("deepgram")
    assert "unknown speech engine 'deepgram'" in message and "faster-whisper" in message


def test_online_engine_needs_opt_in() -> None:
    message = _message("google")
    assert "over the internet" in message and "--allow-online" in message


def test_online_engine_opt_in_from_config() -> None:
    _config("[speech]\nallow_online = true\n")
    assert load_engine("google").name == "google"


@pytest.mark.skipif(importlib.util.find_spec("vosk") is not None, reason="vosk is installed")
def test_missing_vosk_gives_the_install_command() -> None:
    message = _message("vosk", model_path=Path("/nowhere"))
    assert f"{sys.executable} -m pip install 'vosk>=0.3.45'" in message


def test_whisper_local_needs_a_model_folder(tmp_path: Path) -> None:
    assert "--model-path" in _message("whisper-local")
    (tmp_path / "config.json").write_text("{}")
    message = _message("whisper-local", model_path=tmp_path)
    assert "not a CTranslate2 Whisper model folder" in message and "model.bin" in message


def test_config_chooses_the_engine_and_aliases_work() -> None:
    _config('[speech]\nengine = "sphinx"\n')
    engine = load_engine()
    assert engine.name == "pocketsphinx"
    assert load_engine("pocketsphinx") is engine  # loaded once per process


def test_transcript_json() -> None:
    transcript = Transcript("Thank you", "x", 1.23456, 0.1, (("Thank", 0.1, 0.3),), 0.1)
    data = transcript.to_json()
    assert data["audio_seconds"] == 1.235
    assert data["words"] == [{"word": "Thank", "start": 0.1, "end": 0.3}]


SCENARIO = {
    "id": "t1",
    "title": "Test",
    "situation": "salary_below_expectations",
    "difficulty": "easy",
    "briefing": "Marcus Bell from Cobalt Robotics offered $95,000 for the role; you need 110k.",
    "recruiter": {"name": "Marcus Bell", "company": "Cobalt Robotics", "role": "Firmware engineer"},
    "turns": [
        {
            "id": "opening",
            "say": "Hi, it's Marcus. We can go to $98,500 and add a 10% bonus. Does Tuesday work?",
            "model_answer": "Thank you, Marcus, but I'll have to decline.",
        }
    ],
}


def test_scenario_vocabulary_has_names_company_role_and_figures() -> None:
    vocabulary = scenario_vocabulary(Scenario.model_validate(SCENARIO))
    assert vocabulary[:4] == ["Marcus Bell", "Marcus", "Cobalt Robotics", "Firmware engineer"]
    for term in ("$95,000", "110k", "$98,500", "10%", "Tuesday"):
        assert term in vocabulary
    assert len(vocabulary) == len({term.lower() for term in vocabulary})
    prompt = whisper_prompt(vocabulary)
    # "Marcus" is spelled inside "Marcus Bell" already: the prompt does not repeat it
    assert prompt.startswith("Job offer, interview, recruiter, role, Marcus Bell, Cobalt Robotics")
    assert "$95,000" in prompt and "Tuesday" in prompt and ", Marcus," not in prompt
    assert prompt.endswith(".")
    assert whisper_prompt([]) == "Job offer, interview, recruiter, role."


def test_vocabulary_skips_sentence_openers_but_keeps_the_names_after_them() -> None:
    scenario = {
        **SCENARIO,
        "briefing": 'Fiona MacLeod calls. Her hint: "It is fine." Ask Renata Diaz for details.',
    }
    vocabulary = scenario_vocabulary(Scenario.model_validate(scenario))
    assert "MacLeod" in " ".join(vocabulary) and "Renata Diaz" in vocabulary
    assert "It" not in vocabulary and "Ask" not in " ".join(vocabulary)


def test_vocabulary_keeps_names_whole_with_accents_hyphens_and_apostrophes() -> None:
    from trainer.speech.vocabulary import text_terms

    line = ("Hello, it's Tadhg from Kilkenny Works. Say hi to Jae-min, Zoë, Dervla O'Shea "
            "and Bartłomiej in Tromsø.")
    terms = text_terms([line])
    for name in ("Tadhg", "Kilkenny Works", "Jae-min", "Zoë", "Dervla O'Shea", "Bartłomiej",
                 "Tromsø"):
        assert name in terms
    assert not {"Jae", "Zo", "Bart", "Troms", "Shea"} & set(terms)


def test_prompt_respects_its_length_limit() -> None:
    prompt = whisper_prompt([f"Name{i} Surname" for i in range(200)], limit=120)
    assert len(prompt) <= 121 and prompt.endswith(".")


def test_vocabulary_figures_end_on_a_digit_not_on_the_sentence_full_stop() -> None:
    from trainer.speech.vocabulary import text_terms

    assert text_terms(["It's below $72,000.", "Make it 80k, or 5%."]) == ["$72,000", "80k", "5%"]


def test_a_reply_starting_at_its_first_sample_gets_a_quiet_lead_in() -> None:
    import numpy as np

    from trainer.speech.audio import AudioClip, first_sound_at, level_dbfs
    from trainer.speech.engine_whisper import with_lead_in

    tone = (0.3 * np.sin(np.arange(16000) / 5.0)).astype(np.float32)
    added, padded = with_lead_in(AudioClip(tone, 16000), 0.5)
    assert added == 0.5 and padded.seconds == 1.5
    assert first_sound_at(padded) == pytest.approx(0.5, abs=0.03)
    assert level_dbfs(padded.samples[:8000]) < -55  # a quiet room, not speech
    assert np.array_equal(with_lead_in(AudioClip(tone, 16000), 0.5)[1].samples, padded.samples)
    # audio that already starts with enough quiet is left as it is
    later = AudioClip(np.concatenate([np.zeros(12000, np.float32), tone]), 16000)
    assert with_lead_in(later, 0.5) == (0.0, later)


def test_speech_after_whisper_s_last_segment_is_found_and_quiet_is_not(
    speaker: Any, tmp_path: Path
) -> None:
    """The tail Whisper skipped is decoded again only when the voice detector hears speech
    there: a second sentence after a pause is found, a pause with nothing after it is not."""
    from trainer.speech.audio import AudioClip
    from trainer.speech.audio_input import read_audio_file
    from trainer.speech.engine_whisper import _unheard_speech_from

    first = read_audio_file(speaker.save("I won't be accepting the offer.", tmp_path / "a.wav",
                                         voice="en-us", rate=160))
    second = read_audio_file(speaker.save("Thank you for being so clear.", tmp_path / "b.wav",
                                          voice="en-us", rate=160))
    assert first.rate == second.rate
    gap = np.zeros(int(1.5 * first.rate), np.float32)
    both = AudioClip(np.concatenate([first.samples, gap, second.samples]), first.rate)
    heard_first = [{"start": 0.0, "end": first.seconds, "text": "I won't be accepting"}]
    rest = _unheard_speech_from(heard_first, both)
    assert rest is not None and abs(rest - first.seconds) < 0.01
    heard_all = [*heard_first, {"start": first.seconds + 1.5, "end": both.seconds, "text": "x"}]
    assert _unheard_speech_from(heard_all, both) is None
    alone = AudioClip(np.concatenate([first.samples, gap, gap]), first.rate)
    assert _unheard_speech_from(heard_first, alone) is None
    assert _unheard_speech_from([], both) is None
