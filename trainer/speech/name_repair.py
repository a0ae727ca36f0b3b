"""The call's names written as the call spells them where the recogniser wrote them by sound.

Whisper is told the call's names in its prompt, and still writes an unfamiliar one the way
it hears it: "Caoimhe" as "Kiva", "Ngozi" as "and gozi". So after recognition, a word or a
short run of words that *sounds* like one of the call's names is written as that name.

Sounds, not spellings, are compared: both sides are turned into phonemes by espeak-ng (the
app's text-to-speech, so it is always there) and lined up with a weighted edit distance in
which near sounds (f/θ, iː/ɪ, m/n) cost less than others. Strict on purpose:

- only a run the recogniser marked as unfamiliar is tried: a word that is not an ordinary
  English word (not a whole word of Whisper's vocabulary, lower-case) or one it capitalised
  as a name inside a sentence;
- a run never holds a meaning word (negations, thanks, accept, decline, below, figures ...)
  and a name that is one, or is said like one ("Thanx"), is never written, so a repair
  changes no checklist decision except through the name itself
  (tests/speech/test_no_invented_words.py);
- two names that fit about as well leave the words alone;
- a lower-case word that is the name's word in another form ("the distillery" for the
  company "... Distillers") is what was said, and is kept.

A name written right with the rest of its sound heard as a word beside it ("Inês Erconflex"
for one "Inês") is written once.

Every repair is returned with what was heard, so the scorecard can say so
(:mod:`trainer.speech.misheard`) and the user can put it back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

ESPEAK = "espeak-ng"
CLOSE_ENOUGH = 0.34
"""Largest distance (weighted edits over the longer side's phonemes) that is a name; ..."""
CLOSE_FOR_A_NAME = 0.38
"""... and for a single word the recogniser itself wrote as a name (capitalised inside a
sentence, yet not one of the call's), which says the speaker said some name there."""
AMBIGUOUS = 0.06
"""Two names whose distances differ by less than this both fit: neither is written."""
SHORTEST = 4
"""Phonemes a name needs to be matched to words not written as a name: one sound off in a
short one is a different word ("quay" is not "Keyes")."""
MAX_RUN = 3
"""Words of the transcript one name may have been heard as ("Hyun-woo" as "I am Wu")."""
ENDINGS = ("", "s", "'s", "es", "ies", "y", "ery", "ry", "er", "ers", "ing", "ed", "ic", "ics")
STEM = 4
"""A lower-case heard word and a name that are one stem of at least :data:`STEM` letters
with two of these English endings are one word in two forms: never repaired."""

PROTECTED = frozenset([
    "not", "no", "never", "nope", "nah", "nothing", "none", "nor", "n't", "cannot", "neither",
    "yes", "yeah", "yep", "thank", "thanks", "thankful", "cheers", "grateful", "appreciate",
    "appreciated", "sorry", "apologies", "accept", "accepted", "accepting", "decline",
    "declined", "declining", "withdraw", "withdrawing", "withdrew", "below", "above", "under",
    "over", "less", "more", "best", "regards", "bye", "goodbye", "farewell", "care", "luck",
    "wish", "wishes", "offer", "role", "job", "salary", "interview",
])
"""Words a repair never takes away or writes: the words checklist decisions turn on."""

SAID_LIKE = ("thanks", "thank", "cheers", "no", "not", "never", "nope", "accept", "decline",
             "withdraw", "sorry", "bye", "goodbye", "farewell")
"""Checklist words a name must not sound like to be written: the scorer reads "Thanx" as
thanks."""
HOMOPHONE = 0.15
"""A name this close to one of :data:`SAID_LIKE` is said like it ("Thanx" 0.0, "Neva" and
never 0.1; "Declan" and decline, 0.2, are two words)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = ".!?"
_STRESS = str.maketrans("", "", "ˈˌ")
_VOWELS = "aeiouæɑɒɔəɐɛɜɪʊʌɚᵻy"
_NEAR = [
    "i iː ɪ ᵻ", "u uː ʊ", "ə ɐ ʌ ɜː ɚ ɜ", "e ɛ eɪ eə", "a æ ɑː ɑ aɪ", "ɔː ɒ ɔ oʊ əʊ ɔɪ",
    "p b", "t d ɾ", "k ɡ", "f v θ ð", "s z ʃ ʒ", "tʃ dʒ ʃ ʒ", "m n ŋ", "l ɹ r w", "h",
]
_NEAR_SETS = [frozenset(group.split()) for group in _NEAR]


@dataclass(frozen=True)
class Repair:
    """A run of heard words written as one of the call's names."""

    heard: str
    """As the recogniser wrote it."""
    name: str
    """As written in its place."""
    start: float | None
    end: float | None
    """Seconds into the audio, where the engine timed the words."""


@dataclass(frozen=True)
class _Target:
    name: str
    phonemes: tuple[str, ...]


def repair_names(
    text: str,
    words: Sequence[tuple[str, float, float]],
    probabilities: Sequence[float],
    vocabulary: Iterable[str],
    ordinary: Callable[[str], bool],
) -> tuple[str, tuple[tuple[str, float, float], ...], tuple[float, ...], tuple[Repair, ...]]:
    """(text, words, probabilities, repairs) with the call's names written where heard.

    ``words`` are the engine's timed words of ``text`` (may be empty), ``vocabulary`` the
    call's terms as the engine was given them, ``ordinary`` whether a lower-case word is an
    ordinary English word. Deterministic; one espeak-ng run for the words not seen before.
    """
    targets = _targets(vocabulary, ordinary)
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    if not targets or not spans or not espeak_available():
        return text, tuple(words), tuple(probabilities), ()
    known = frozenset(_fold(part) for term in vocabulary for part in term.split())
    flagged = [_unfamiliar(text, at, word, ordinary) and _fold(word) not in known
               for at, _, word in spans]
    if not any(flagged):
        return text, tuple(words), tuple(probabilities), ()
    sounds = phonemes([word for _, _, word in spans])
    candidates = [
        (d, first, last, name)
        for first in range(len(spans))
        for d, last, name in _runs(text, spans, sounds, flagged, targets, known, first)
    ]
    found: list[tuple[int, int, str]] = []  # (first span, last span + 1, name)
    for _, first, last, name in sorted(candidates):  # the best fit first, then the next...
        if all(last <= taken or first >= until for taken, until, _ in found):
            found.append((first, last, name))
    found.sort()
    if not found:
        return text, tuple(words), tuple(probabilities), ()
    return _apply(text, spans, [_with_the_name_beside(text, spans, *run) for run in found],
                  words, probabilities)


def _with_the_name_beside(
    text: str, spans: Sequence[tuple[int, int, str]], first: int, last: int, name: str,
) -> tuple[int, int, str]:
    """The run, with the word before or after it when that word is the name itself: the
    recogniser wrote the name and heard the rest of its sound as another word ("Hi, Inês
    Erconflex" for one "Inês"), which is one name, not the name twice."""
    if first and _fold(spans[first - 1][2]) == _fold(name) and _joined(
            text, spans[first - 1][1], spans[first][0]):
        return first - 1, last, name
    if last < len(spans) and _fold(spans[last][2]) == _fold(name) and _joined(
            text, spans[last - 1][1], spans[last][0]):
        return first, last + 1, name
    return first, last, name


def _runs(
    text: str, spans: Sequence[tuple[int, int, str]], sounds: Sequence[tuple[str, ...]],
    flagged: Sequence[bool], targets: Sequence[_Target], known: frozenset[str], first: int,
) -> list[tuple[float, int, str]]:
    """(distance, end of the run, name) of the best-fitting run starting at ``first`` (none
    or one), where one name fits clearly better than any other."""
    choices: list[tuple[float, int, str]] = []
    for last in range(first + 1, min(first + MAX_RUN, len(spans)) + 1):
        run = spans[first:last]
        if last - 1 > first and not _joined(text, spans[last - 2][1], spans[last - 1][0]):
            break  # a run never crosses punctuation
        if any(_fold(word) in PROTECTED or "n't" in _fold(word) or _fold(word) in known
               for *_, word in run):
            break  # never a meaning word; never a name heard right ("Mr Pemberton")
        if not any(flagged[first:last]):
            continue
        heard = tuple(p for s in sounds[first:last] for p in s)
        # a lone word Whisper wrote as a name is surely a name; a run of common words less so
        name_like = last - first == 1 and _capitalised_inside(text, spans[first][0])
        limit = CLOSE_FOR_A_NAME if name_like else CLOSE_ENOUGH
        carried = _carried_over(sounds[first - 1] if first else (), heard)
        for target in targets:
            if not name_like and len(target.phonemes) < SHORTEST:
                continue
            if any(_another_form(word, target.name) for *_, word in run):
                continue  # "the distillery" is not "Distillers" misheard
            d = distance(heard, target.phonemes)
            if carried:
                d = min(d, distance(carried, target.phonemes))
            if d <= limit:
                choices.append((d, last, target.name))
    if not choices:
        return []
    choices.sort()
    d, last, name = choices[0]
    if any(other != name and od - d < AMBIGUOUS for od, _, other in choices[1:]):
        return []
    if _fold(text[spans[first][0]:spans[last - 1][1]]) == _fold(name):
        return []
    return [(d, last, name)]


def _another_form(heard: str, name: str) -> bool:
    """``heard``, written in lower case, is ``name``'s word with another English ending: the
    recogniser wrote a word it knows ("the distillery" where the call's company is "...
    Distillers" or "... Distilling"), which is what was said; a misheard name is spelt
    otherwise ("Kiva" for Caoimhe), and a name with a capital is left to the sounds."""
    if not heard[:1].islower():
        return False
    return bool(_stems(_plain(heard)) & _stems(_plain(name)))


def _stems(word: str) -> set[str]:
    return {word[: len(word) - len(end)] for end in ENDINGS
            if word.endswith(end) and len(word) - len(end) >= STEM}


def _carried_over(before: Sequence[str], heard: tuple[str, ...]) -> tuple[str, ...]:
    """``heard`` without its first sound when that sound ends the word before too: the
    recogniser heard "Morning Aoife" as "Morning, Nitha", the n carried over; () if not."""
    if not before or len(heard) < 3 or _is_vowel(heard[0]):
        return ()
    last = before[-1]
    if last == heard[0] or _substitution(last, heard[0]) <= 0.4:
        return heard[1:]
    return ()


def _apply(
    text: str, spans: Sequence[tuple[int, int, str]], found: Sequence[tuple[int, int, str]],
    words: Sequence[tuple[str, float, float]], probabilities: Sequence[float],
) -> tuple[str, tuple[tuple[str, float, float], ...], tuple[float, ...], tuple[Repair, ...]]:
    """The text with each found run replaced, and the timed words to match (a timed word
    that is part of a run goes with it: "M-Bali" is one word of two spans)."""
    word_of = _word_index(spans, words)
    timed = len(word_of) == len(spans)
    out: list[str] = []
    cursor = 0
    repairs: list[Repair] = []
    runs: dict[int, tuple[int, str]] = {}  # first timed word -> (last timed word, name)
    for first, last, name in found:
        at, until = spans[first][0], spans[last - 1][1]
        out += [text[cursor:at], name]
        cursor = until
        start = end = None
        if timed:
            a, b = word_of[first], word_of[last - 1]
            start, end = words[a][1], words[b][2]
            runs[a] = (b, name)
        repairs.append(Repair(text[at:until], name, start, end))
    out.append(text[cursor:])
    if not timed:
        return "".join(out), tuple(words), tuple(probabilities), tuple(repairs)
    new_words: list[tuple[str, float, float]] = []
    new_probabilities: list[float] = []
    j = 0
    while j < len(words):
        last, name = runs.get(j, (j, ""))
        if name:
            new_words.append((name, words[j][1], words[last][2]))
        else:
            new_words.append(words[j])
        if j < len(probabilities):
            new_probabilities.append(min(probabilities[j:last + 1]))
        j = last + 1
    return "".join(out), tuple(new_words), tuple(new_probabilities), tuple(repairs)


def _word_index(spans: Sequence[tuple[int, int, str]],
                words: Sequence[tuple[str, float, float]]) -> dict[int, int]:
    """Which timed word each span of the text is part of ("M-Bali" is one word, one span)."""
    index: dict[int, int] = {}
    k = 0
    for j, (word, _, _) in enumerate(words):
        for _ in _WORD.findall(word):
            if k < len(spans):
                index[k] = j
                k += 1
    return index


def _joined(text: str, end: int, start: int) -> bool:
    return not any(mark in text[end:start] for mark in ".,!?;:\"()")


def _unfamiliar(text: str, at: int, word: str, ordinary: Callable[[str], bool]) -> bool:
    """The recogniser wrote ``word`` as something other than an ordinary word: a word
    outside its everyday vocabulary, or one it capitalised as a name inside a sentence."""
    if _capitalised_inside(text, at):
        return True
    return not all(ordinary(part) for part in re.split(r"['’-]", word.lower()) if part)


def _capitalised_inside(text: str, at: int) -> bool:
    """The word at ``at`` starts with a capital though no sentence starts there ("I" aside)."""
    if not text[at:at + 1].isupper() or re.match(r"I\b", text[at:]):
        return False
    before = text[:at].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_END


def _targets(vocabulary: Iterable[str], ordinary: Callable[[str], bool]) -> list[_Target]:
    """The call's names worth repairing to: words that are not ordinary words, and runs of
    them ("Hyun-woo", "Van der Berg"), never a figure or a meaning word."""
    names: list[str] = []
    for term in vocabulary:
        if not term[:1].isupper():
            continue
        for part in term.split():
            word = part.strip(".,;:!?\"()")
            if not _WORD.fullmatch(word) or len(word) < 3:
                continue
            if _fold(word) in PROTECTED or ordinary(word.lower()):
                continue
            if word not in names:
                names.append(word)
    if not names:
        return []
    sounds = phonemes(names)
    meaning = phonemes(SAID_LIKE)
    return [
        _Target(name, sound) for name, sound in zip(names, sounds, strict=True)
        if sound and all(distance(sound, word) > HOMOPHONE for word in meaning)
    ]  # a name said like a checklist word ("Thanx") could be read as it: never written


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _plain(word: str) -> str:
    """``word`` lower-cased without its accents ("Gdańsk" -> "gdansk")."""
    return "".join(c for c in unicodedata.normalize("NFKD", _fold(word))
                   if not unicodedata.combining(c))


# --- phonemes ------------------------------------------------------------------------------

_cache: dict[str, tuple[str, ...]] = {}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def espeak_available() -> bool:
    return shutil.which(ESPEAK) is not None


def phonemes(words: Sequence[str]) -> list[tuple[str, ...]]:
    """espeak-ng's phonemes of each word (one ``espeak-ng`` run for the words not cached)."""
    with _lock:
        missing = list(dict.fromkeys(w for w in words if w not in _cache))
        if missing:
            for word, sound in zip(missing, _espeak(missing), strict=True):
                _cache[word] = sound
        return [_cache[w] for w in words]


def _espeak(words: Sequence[str]) -> list[tuple[str, ...]]:
    """One line of phonemes per word; words espeak gives no line for get none."""
    try:
        result = subprocess.run(
            [ESPEAK, "-q", "--ipa", "--sep=_", "-v", "en-us"],
            input="\n".join(words) + "\n", capture_output=True, text=True, timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return [() for _ in words]
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != len(words):
        return [() for _ in words]
    return [_split(line) for line in lines]


def _split(line: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[_\s]+", line.translate(_STRESS)) if p)


def _is_vowel(phoneme: str) -> bool:
    return phoneme[:1] in _VOWELS


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a.rstrip("ː") == b.rstrip("ː"):
        return 0.1
    if any(a in group and b in group for group in _NEAR_SETS):
        return 0.4
    if _is_vowel(a) and _is_vowel(b):
        return 0.6
    return 1.0


def _gap(phoneme: str) -> float:
    """A weak vowel or an h comes and goes with the speaker: dropping one costs less."""
    return 0.5 if phoneme in ("ə", "ɐ", "ɪ", "ᵻ", "h", "ɚ") else 1.0


def distance(heard: Sequence[str], name: Sequence[str]) -> float:
    """Weighted edit distance between two phoneme strings, over the longer one's length."""
    if not heard or not name:
        return 1.0
    previous = [0.0]
    for b in name:
        previous.append(previous[-1] + _gap(b))
    for a in heard:
        row = [previous[0] + _gap(a)]
        for j, b in enumerate(name, 1):
            row.append(min(previous[j] + _gap(a), row[j - 1] + _gap(b),
                           previous[j - 1] + _substitution(a, b)))
        previous = row
    return previous[-1] / max(len(heard), len(name))
