"""Speech metrics: fillers judged in context, hedges, apologies, and pace only when it means
something."""

from __future__ import annotations

import pytest

from trainer.scoring import ReplyTiming, Scorer
from trainer.scoring.metrics import fillers, pace
from trainer.scoring.utterance import Utterance


def _fillers(text: str) -> list[str]:
    return [ev.text for ev in fillers(Utterance(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("um so uh it was the commute", ["um", "uh"]),
    ("the commute is like two trains", ["like"]),
    ("I'd like to withdraw", []),
    ("I would like to say thanks", []),
    ("I feel like it's not right", []),
    ("something like that", []),
    ("I like the team a lot", []),
    ("it's, you know, a long way", ["you know"]),
    ("as you know, I've been looking", []),
    ("you know what I mean", []),
    ("it's kind of far", ["kind of"]),
    ("that's very kind of you", []),
    ("it's the kind of role I want", []),
    ("I mean, basically it's the pay", ["I mean", "basically"]),
    ("I mean it sincerely", []),
    ("it's kinda far", ["kinda"]),
])
def test_fillers_are_judged_in_context(text: str, expected: list[str]) -> None:
    assert _fillers(text) == expected


def test_filler_offsets_point_at_the_words() -> None:
    text = "Well, um, it's like far."
    for ev in fillers(Utterance(text)):
        assert text[ev.start:ev.end] == ev.text


def test_short_replies_have_no_pace() -> None:
    assert pace(4, 2.0) is None
    assert pace(30, 2.0) is None  # too little time to judge
    assert pace(30, 12.0) == 150.0


def test_reply_metrics_with_timing() -> None:
    reply = ("Thank you so much for the offer, but I'm sorry, I won't be accepting it, because "
             "I have accepted a role that is much closer to home.")
    timing = ReplyTiming(response_delay=1.25, duration=10.0)
    m = Scorer().score(reply, timing=timing).metrics
    assert m.words == 27
    assert m.wpm == pytest.approx(162.0)
    assert m.response_delay == 1.25
    assert len(m.apologies) == 1 and m.apologies[0].text == "sorry"
    assert m.fillers == () and m.filler_ratio == 0.0


def test_pace_from_word_timings_when_duration_is_missing() -> None:
    words = tuple((f"w{k}", k * 0.4, k * 0.4 + 0.3) for k in range(20))
    m = Scorer().score(" ".join(w for w, _, _ in words), timing=ReplyTiming(words=words)).metrics
    assert m.seconds == pytest.approx(7.9)
    assert m.wpm == pytest.approx(round(20 * 60 / 7.9, 1))


def test_untimed_reply_has_no_pace_or_delay() -> None:
    m = Scorer().score("No thanks.").metrics
    assert m.wpm is None and m.seconds is None and m.response_delay is None


def test_hedge_metrics_list_every_cue_with_offsets() -> None:
    reply = "I'm not sure, maybe I'll probably decline."
    m = Scorer().score(reply).metrics
    texts = [h.text for h in m.hedges]
    assert "not sure" in texts and "maybe" in texts and "probably" in texts
    for h in m.hedges:
        assert reply[h.start:h.end] == h.text and h.cue
