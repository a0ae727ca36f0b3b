"""Speech metrics for one reply: pace, fillers, hedges, apologies, time to respond.

Fillers are judged in context: "like" is a filler in "it's like two trains"
but not in "I'd like to" or "I feel like"; "you know" is not one in "as you
know"; "kind of" is not one in "kind of you" or "that kind of role". Pace is
only given for a reply long enough to time meaningfully; the scorecard pools
short replies across the call instead.
"""

from __future__ import annotations

from trainer.scoring.families import Hit
from trainer.scoring.result import Cue, Evidence, LineKind, ReplyMetrics, ReplyTiming
from trainer.scoring.utterance import Utterance

HEALTHY_WPM = (100.0, 165.0)
"""Conversational pace, words per minute."""
HEALTHY_FILLER_RATIO = 0.04
"""Fillers above this share of words sound unsure."""
MIN_WORDS_FOR_PACE = 12
MIN_SECONDS_FOR_PACE = 4.0

_SIMPLE_FILLERS = frozenset({"basically", "literally"})
"""One-word fillers that are words; the pause sounds (um, uh, erm...) never reach the
canonical words, and come from :attr:`Utterance.vocal_fillers` (``VOCAL_FILLERS``)."""
_LIKE_NOT_FILLER_BEFORE = frozenset({
    "i", "you", "we", "they", "would", "i'd", "you'd", "we'd", "they'd", "don't", "didn't", "do",
    "does", "doesn't", "really", "also", "feel", "felt", "feels", "look", "looks", "looked",
    "sound", "sounds", "sounded", "seem", "seems", "seemed", "something", "anything",
    "nothing", "much", "more", "most", "people", "things", "someone", "somebody", "exactly",
    "just", "very", "not", "what", "he", "she", "it", "would've", "i'd've", "who", "that",
    "lot", "might", "may", "will", "i'll", "we'll", "to", "should", "could", "dislike",
})
_LIKE_NOT_FILLER_AFTER = frozenset({"to", "that", "this", "it", "them", "him", "her", "me"})
_YOU_KNOW_NOT_FILLER_BEFORE = frozenset({
    "as", "if", "do", "did", "don't", "didn't", "let", "would", "i'd", "will", "might", "may",
    "to", "you'll", "you'd", "what", "how", "because", "so", "all", "now", "probably",
    "already", "should", "could", "and",
})
_YOU_KNOW_NOT_FILLER_AFTER = frozenset({"what", "how", "why", "where", "when", "who", "whether",
                                         "if", "about", "it", "him", "her", "them", "me", "the",
                                         "that", "this", "each", "everyone", "anyone"})
_KIND_NOT_FILLER_BEFORE = frozenset({"a", "the", "what", "this", "that", "some", "any", "every",
                                     "which", "same", "these", "those", "other", "one", "my",
                                     "your", "our", "their", "right", "only", "different",
                                     "sort", "kind", "no"})
_I_MEAN_NOT_FILLER_AFTER = frozenset({"it", "that", "what", "to", "this", "every", "you"})

APOLOGY_WORDS = frozenset({"sorry", "apologise", "apologize", "apologies", "apologising",
                           "apologizing", "apology"})


def _is_filler(words: list[str], k: int) -> int:
    """How many words starting at ``k`` make a filler (0 when none)."""
    word = words[k]
    before = words[k - 1] if k > 0 else ""
    after = words[k + 1] if k + 1 < len(words) else ""
    if word in _SIMPLE_FILLERS:
        return 1
    if word == "like":
        if before in _LIKE_NOT_FILLER_BEFORE or after in _LIKE_NOT_FILLER_AFTER:
            return 0
        if before.endswith("'d"):
            return 0
        return 1
    if word == "you" and after == "know":
        after2 = words[k + 2] if k + 2 < len(words) else ""
        if before in _YOU_KNOW_NOT_FILLER_BEFORE or after2 in _YOU_KNOW_NOT_FILLER_AFTER:
            return 0
        return 2
    if word in ("kind", "sort") and after == "of":
        after2 = words[k + 2] if k + 2 < len(words) else ""
        if before in _KIND_NOT_FILLER_BEFORE or after2 in ("you", "him", "her", "them", "thing",
                                                           "things", "role", "job", "person"):
            return 0
        return 2
    if word == "i" and after == "mean":
        after2 = words[k + 2] if k + 2 < len(words) else ""
        if after2 in _I_MEAN_NOT_FILLER_AFTER or before == "what":
            return 0
        return 2
    return 0


def fillers(utt: Utterance) -> list[Evidence]:
    words = [w.text for w in utt.words]
    found: list[Evidence] = []
    k = 0
    while k < len(words):
        size = _is_filler(words, k)
        if size:
            first, last = utt.words[k], utt.words[k + size - 1]
            found.append(Evidence(first.start, last.end, utt.text[first.start:last.end]))
            k += size
        else:
            k += 1
    # an expansion ("kinda" -> "kind of") yields words sharing one span: report it once
    unique: dict[tuple[int, int], Evidence] = {}
    for ev in sorted((*found, *utt.vocal_fillers), key=lambda ev: ev.start):
        unique.setdefault((ev.start, ev.end), ev)
    return list(unique.values())


def apologies(utt: Utterance) -> list[Evidence]:
    out: list[Evidence] = []
    for w in utt.words:
        if w.text in APOLOGY_WORDS:
            out.append(Evidence(w.start, w.end, utt.text[w.start:w.end]))
    return out


def spoken_seconds(timing: ReplyTiming | None) -> float | None:
    """The length of the spoken reply: its duration, or the span of its timed words."""
    if timing is None:
        return None
    if timing.duration is not None and timing.duration > 0:
        return float(timing.duration)
    if timing.words:
        span = timing.words[-1][2] - timing.words[0][1]
        return float(span) if span > 0 else None
    return None


def pace(words: int, seconds: float | None) -> float | None:
    """Words per minute, or ``None`` when the reply is too short to time meaningfully."""
    if seconds is None or seconds < MIN_SECONDS_FOR_PACE or words < MIN_WORDS_FOR_PACE:
        return None
    return round(words * 60.0 / seconds, 1)


def _cues(hits: list[Hit] | tuple[Hit, ...], utt: Utterance) -> tuple[Cue, ...]:
    out: list[Cue] = []
    for hit in hits:
        ev = utt.evidence(hit.i, hit.j)
        if ev is not None:
            out.append(Cue(ev.start, ev.end, ev.text, hit.family.name))
    return tuple(out)


def reply_metrics(
    utt: Utterance,
    timing: ReplyTiming | None,
    hedge_cues: tuple[Hit, ...],
    reasons: int,
    reason_words: int,
    *,
    line_kind: LineKind = "unknown",
    caved: bool = False,
) -> ReplyMetrics:
    """The metrics of a :class:`~trainer.scoring.result.ReplyScore`."""
    words = utt.raw_words
    seconds = spoken_seconds(timing)
    return ReplyMetrics(
        words=words,
        seconds=seconds,
        wpm=pace(words, seconds),
        fillers=tuple(fillers(utt)),
        hedges=_cues(hedge_cues, utt),
        apologies=tuple(apologies(utt)),
        reasons=reasons,
        reason_words=reason_words,
        response_delay=None if timing is None else timing.response_delay,
        truncated=utt.truncated,
        line_kind=line_kind,
        caved=caved,
    )
