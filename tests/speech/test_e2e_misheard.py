"""A reply spoken by espeak-ng with "can't" in it, heard by the real model: the engine's word
confidence and the misheard warning go through the call into the saved session and back."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.call.engine import Call
from trainer.call.listening import Voice
from trainer.scenario.catalog import load_catalog
from trainer.sessions.correct import misheard_in
from trainer.sessions.store import SessionStore
from trainer.speech.misheard import CONFUSION_CONFIDENCE

pytestmark = pytest.mark.e2e

REPLY = "Thank you so much, but I can't accept the offer."


def test_a_spoken_cant_keeps_its_confidence_and_warning_through_the_saved_session(
        tmp_path: Path) -> None:
    scenario = load_catalog().get("offer-accepted-elsewhere")
    wav = tmp_path / "reply.wav"
    # said by `trainer say` in its own process: espeak-ng's state after a line in another
    # voice changes how this process's later lines sound (and other tests hear them)
    subprocess.run([sys.executable, "-m", "trainer", "say", REPLY, "--voice", "en-us",
                    "--rate", "175", "--out", str(wav)], check=True, capture_output=True,
                   timeout=120)
    # tiny.en, not the default (Whisper base), which is sure of this "can't" (0.95)
    reply = Voice(engine_name="faster-whisper").hear_file(wav, scenario)
    assert reply.timing is not None and len(reply.timing.probabilities) == len(
        reply.timing.words) > 5
    negation = next(i for i, w in enumerate(reply.timing.words)
                    if w[0].lower() in ("can't", "can", "cannot"))
    sure = reply.timing.probabilities[negation]
    call = Call(scenario, store=SessionStore(), rng=random.Random(1), mode="audio")
    outcome = call.answer(reply)
    call.hang_up()

    saved = SessionStore().load(call.session_id or "").turns[0]
    assert saved.timing.words == reply.timing.words
    assert saved.timing.probabilities == pytest.approx(reply.timing.probabilities, abs=5e-4)
    assert list(outcome.misheard) == saved.misheard  # the warnings, as they were made
    assert saved.misheard == list(misheard_in(saved.reply, saved.recruiter, saved.timing,
                                              scenario, call.scorer, followup=None))
    # espeak's en-us "can't" is a word tiny.en is unsure of (about 0.7 here): the scorecard
    # says so, at the word's place in the recording, with the reading that would change it
    assert sure < CONFUSION_CONFIDENCE, f"{reply.text!r}: sure of the negation ({sure:.2f})"
    warning = next(w for w in saved.misheard if w.word.lower() in ("can't", "can", "cannot"))
    start, end = reply.timing.words[negation][1:]
    assert (warning.start, warning.end) == (start, end)
    assert warning.said in ("can", "can't") and "A clear no" in warning.why
