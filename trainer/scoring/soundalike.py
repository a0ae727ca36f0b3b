"""Undoing what a speech recogniser does to the words the checklist hinges on.

A recogniser writes what it heard: "think you" for thank you, "the climb" for
decline, "regret ably", "a pre she ate", "except the offer". Three layers put
those back before any phrase family is tried, and each repaired word keeps a
similarity below 100 so the evidence shows it was a guess:

* contextual homophones: real words that only mean something else in a given
  neighbourhood ("think you for", "love to except the offer");
* sound-alike spans: two to four heard words whose coarse phonetic key equals
  that of a key word ("the climb" and "decline" both key to ``tkln``);
* typos: one unknown word close in spelling (rapidfuzz) to a key word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

CONTRACTIONS: dict[str, str] = {
    "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't", "wont": "won't",
    "isnt": "isn't", "doesnt": "doesn't", "didnt": "didn't", "wouldnt": "wouldn't",
    "couldnt": "couldn't", "shouldnt": "shouldn't", "thats": "that's", "theres": "there's",
    "youre": "you're", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
    "havent": "haven't", "hasnt": "hasn't", "weve": "we've", "youve": "you've",
    "theyre": "they're", "whats": "what's", "cannot": "can't", "ain't": "isn't",
    "i'ma": "i'm", "itll": "it'll", "youll": "you'll", "shes": "she's", "hes": "he's",
    "id've": "i'd", "y'all": "you", "wil": "will", "pas": "pass", "ill've": "i'll",
    # Scottish and Irish negatives
    "cannae": "can't", "canna": "can't", "dinnae": "don't", "dinna": "don't", "willnae": "won't",
    "wouldnae": "wouldn't", "didnae": "didn't", "isnae": "isn't", "wasnae": "wasn't",
    "couldnae": "couldn't", "shouldnae": "shouldn't", "havenae": "haven't", "doesnae": "doesn't",
    "nae": "not", "tae": "to", "wi'": "with", "wi": "with",
    # Caribbean English
    "cyaan": "can't", "cyan": "can't", "yuh": "you", "tek": "take", "dat": "that",
}
"""Apostrophes a recogniser or a hurried typist leaves out."""

EXPANSIONS: dict[str, tuple[str, ...]] = {
    "gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to"),
    "kinda": ("kind", "of"), "sorta": ("sort", "of"), "dunno": ("don't", "know"),
    "cos": ("because",), "coz": ("because",), "cuz": ("because",), "'cause": ("because",),
    "bc": ("because",), "thx": ("thanks",), "thanx": ("thanks",), "thnx": ("thanks",),
    "tks": ("thanks",), "thankyou": ("thank", "you"), "pls": ("please",),
    "plz": ("please",), "ur": ("your",), "u": ("you",), "tho": ("though",),
    "ok": ("okay",), "k": ("okay",), "alright": ("all", "right"), "gd": ("good",),
    "nope": ("nope",), "yep": ("yes",), "yup": ("yes",), "ya": ("you",),
    "hafta": ("have", "to"), "haveta": ("have", "to"), "hasta": ("has", "to"),
    "needa": ("need", "to"), "oughta": ("ought", "to"), "lemme": ("let", "me"),
    "gimme": ("give", "me"), "amn't": ("am", "not"), "imma": ("i'm", "going", "to"),
    "i'mma": ("i'm", "going", "to"), "gonnae": ("going", "to"), "haffi": ("have", "to"),
    "affi": ("have", "to"),
}
"""Spoken short forms, spelt out so phrase families need one spelling only."""

NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
})


def is_number(word: str | None) -> bool:
    """Whether ``word`` is a figure ("95", "2.5") or a number said in words ("ninety")."""
    if not word:
        return False
    return word[:1].isdigit() or word in NUMBER_WORDS


MERGES: dict[tuple[str, str], str] = {
    ("will", "not"): "won't", ("do", "not"): "don't", ("can", "not"): "can't",
    ("is", "not"): "isn't", ("does", "not"): "doesn't", ("did", "not"): "didn't",
    ("would", "not"): "wouldn't", ("could", "not"): "couldn't", ("should", "not"): "shouldn't",
    ("are", "not"): "aren't", ("was", "not"): "wasn't", ("have", "not"): "haven't",
    ("has", "not"): "hasn't", ("i", "am"): "i'm", ("i", "will"): "i'll", ("i", "would"): "i'd",
    ("it", "is"): "it's", ("that", "is"): "that's", ("we", "will"): "we'll",
    ("you", "are"): "you're", ("they", "are"): "they're",
}
"""Two written words that the phrase families only know in their contracted form."""

KEEP_APOSTROPHE_S = frozenset({
    "it's", "that's", "what's", "there's", "he's", "she's", "let's", "who's", "here's",
    "where's", "how's", "one's", "everyone's", "everybody's", "someone's", "nobody's",
    "decision's", "mind's", "answer's",
})
"""Words whose "'s" the phrase families spell out ("it's a no", "my decision's made")."""

_THANK_LIKE = frozenset({"thank", "tank", "sank", "fank", "thang", "thenk", "tenk", "thunk"})
_YOU_LIKE = frozenset({"you", "ewe", "yew", "u", "ya", "yah", "yu", "yous", "youu", "yoo", "chu"})
_THANKS_LIKE = frozenset({"thanks", "tanks", "fanks", "thenks", "thanx", "thnks", "thks"})

_THANK_FOLLOWERS = frozenset({
    "for", "so", "very", "again", "but", "and", "everyone", "all", "kindly", "though",
    "anyway", "both", "guys", "too", "thank", "much", "really", "truly", ",", ".", "?",
})
_THINK_YOU_BLOCKERS = frozenset({
    "should", "are", "you're", "were", "can", "could", "would", "will", "you'll", "might",
    "may", "need", "know", "have", "you've", "did", "do", "must", "got", "still", "already",
    "probably", "maybe", "mean", "understand", "realise", "realize", "want", "guys", "is",
    "deserve", "ought", "had", "i",
})
_THINK_YOU_OPENERS = frozenset({
    "", ",", ".", "?", "and", "but", "oh", "okay", "well", "so", "um", "uh", "yeah", "yes",
    "again", "no", "problem", "right", "great", "lovely", "hi", "hey", "hello", "ah", "er",
})

_ACCEPT_BEFORE = frozenset({
    "to", "i", "i'll", "will", "not", "won't", "can't", "don't", "i'd", "would", "gladly",
    "happily", "going", "be", "definitely", "must", "shall", "could", "happy", "should",
})
_ACCEPT_AFTER_BLOCK = frozenset({"for", "that", "when", "where", "if", "maybe", "perhaps"})

KEY_WORDS: tuple[str, ...] = (
    "accept", "afraid", "interested", "decline", "declined", "declining", "declines",
    "appreciate", "appreciated",
    "appreciative", "appreciation", "grateful", "gratitude", "thankful", "thanks", "regrettably",
    "unfortunately", "withdraw", "withdrawing", "withdrawn", "withdrawal", "accepting",
    "accepted", "opportunity", "opportunities", "reconsider", "reconsidering", "interview",
    "interviews", "interviewing", "application", "applications", "relocation", "relocating",
    "commute", "commuting", "definitely", "everything", "understanding", "apologies",
    "apologise", "apologize", "probably", "possibly", "perhaps", "basically", "literally",
    "disappointing", "unprofessional", "disorganised", "disorganized", "ridiculous",
    "insulting", "laughable", "interrogation", "chaotic", "salary", "wishing", "process",
    "position", "decision", "decided", "direction", "elsewhere", "another", "promotion",
    "currently", "family", "thinking", "incredibly", "generous", "patience", "honestly",
    "actually", "respectfully", "unfortunate", "sincerely", "genuinely", "especially",
    "whatever", "business", "absolutely", "certainly", "pleasure", "compensation",
)
"""Words worth repairing when misspelt or misheard; plurals listed so they stay put."""

REAL_NEIGHBOURS: tuple[str, ...] = (
    "withdrew", "withdraws", "withdrawals", "interviewer", "interviewers", "interviewed",
    "interviewee", "possible", "possibility", "honest", "honesty", "decisions", "directions",
    "positions", "processes", "processed", "families", "salaries", "pleasures", "businesses",
    "apology", "apologised", "apologized", "certain", "absolute", "definite", "actual",
    "current", "genuine", "sincere", "generosity", "patient", "declination", "acceptance",
    "acceptable", "accepts", "accent", "access", "except", "afford", "interesting",
    "interest", "interests", "appreciates", "appreciating", "gratefully", "thankfully",
    "relocated", "commuted", "commuter", "commutes", "promotions", "promoted", "anothers",
)
"""Real words one letter or a suffix away from a key word: never "repaired" into it
("withdrew" is not a typo of withdraw, "honesty" is not honestly)."""

_KEY_SET = frozenset(KEY_WORDS) | frozenset(REAL_NEIGHBOURS)
_PHONETIC_TARGETS: tuple[str, ...] = (
    "decline", "declined", "declining", "appreciate", "appreciated", "regrettably",
    "unfortunately", "withdraw", "withdrawing", "opportunity", "opportunities", "reconsider",
    "definitely", "apologise", "interview",
)

_DIGRAPHS = (
    ("tch", "S"), ("sch", "sk"), ("ph", "f"), ("gh", ""), ("ck", "k"), ("th", "t"),
    ("sh", "S"), ("ch", "S"), ("wh", "w"), ("qu", "kw"), ("dg", "j"),
)
_VOICED = str.maketrans({"d": "t", "b": "p", "g": "k", "v": "f", "z": "s", "q": "k", "m": "n",
                         "c": "k", "x": "k", "j": "S"})
_NON_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=16384)
def phonetic_key(text: str) -> str:
    """A deliberately coarse sound key: voicing, vowels and m/n differences are dropped.

    Coarse is the point: a recogniser's split or substitution ("the climb",
    "a pre she ate") keeps the consonant skeleton of what was said.
    """
    s = _NON_LETTER.sub("", text.lower())
    if not s:
        return ""
    s = re.sub(r"mb$", "m", s)
    s = re.sub(r"[tsc]i(?=[aeiou])", "S", s)
    s = re.sub(r"c(?=[eiy])", "s", s)
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    if not s:
        return ""
    first = "a" if s[0] in "aeiouy" else s[0]
    rest = [ch for ch in s[1:] if ch not in "aeiouywh"]
    key = (first + "".join(rest)).translate(_VOICED)
    out: list[str] = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


_PHONETIC_INDEX: dict[str, str] = {}
for _word in _PHONETIC_TARGETS:
    _PHONETIC_INDEX.setdefault(phonetic_key(_word), _word)


FIRST_LETTERS = frozenset(
    ch for ch in "abcdefghijklmnopqrstuvwxyz"
    if phonetic_key(ch + "x")[:1] in {key[:1] for key in _PHONETIC_INDEX}
)
"""Letters a span must start with for its key to start like a target's (a cheap prefilter)."""
LAST_SOUNDS = frozenset(key[-1] for key in _PHONETIC_INDEX)
"""The sound a span must end on to end like a target."""
_NEVER_LAST = frozenset({
    "the", "a", "an", "to", "i", "and", "of", "you", "it", "is", "in", "for", "on", "that",
    "my", "me", "so", "but", "be", "we", "at", "or", "as", "do", "if", "no", "um", "uh",
})


def may_merge(words: Sequence[str]) -> bool:
    """Cheap test that a span could possibly sound like a key word."""
    return (words[0][:1] in FIRST_LETTERS and words[-1] not in _NEVER_LAST
            and phonetic_key(words[-1])[-1:] in LAST_SOUNDS)


@lru_cache(maxsize=8192)
def _swaps(word: str) -> set[str]:
    return {word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(1, len(word) - 1)
            if word[k] != word[k + 1]}


_TRANSPOSED: dict[str, str] = {}
for _key in KEY_WORDS:
    for _swapped in _swaps(_key):
        if _swapped not in _KEY_SET:
            _TRANSPOSED.setdefault(_swapped, _key)

_G_DROPPED: dict[str, str] = {
    word[:-1]: word for word in (
        "accepting", "declining", "withdrawing", "taking", "going", "passing", "turning",
        "leaving", "staying", "moving", "thinking", "nothing", "something", "doing", "looking",
        "saying", "coming", "joining", "proceeding", "interviewing", "relocating", "commuting",
        "wishing", "hoping", "planning", "pulling", "stepping", "backing", "dropping", "opting",
        "wasting", "messing", "mucking", "waiting", "getting", "working", "travelling",
        "traveling", "driving", "starting", "signing", "considering", "reconsidering",
    )
}
"""Spoken "-in'" endings ("I won't be acceptin' it"), written out ("accepting")."""


@lru_cache(maxsize=16384)
def repair_typo(word: str) -> tuple[str, float] | None:
    """The key word ``word`` was probably meant to be, with its similarity, or ``None``.

    Dropped and doubled letters are caught by spelling similarity, swapped neighbours
    ("declien") by a table of every key word's transpositions, and a letter heard as
    another with the same sound ("dekline") by the sound key.
    """
    if word.endswith("in"):
        dropped = _G_DROPPED.get(word)
        if dropped is not None:
            return dropped, 95.0
    if len(word) < 5 or word in _KEY_SET or not word.isalpha():
        return None
    swapped = _TRANSPOSED.get(word)
    if swapped is not None:
        return swapped, 88.0
    best = process.extractOne(word, KEY_WORDS, scorer=fuzz.ratio, score_cutoff=86)
    if best is None:
        return _sounds_like_key(word)
    target, score, _ = best
    if target[0] != word[0] or target.startswith(word) or word.startswith(target):
        return None
    return target, float(score)


def _sounds_like_key(word: str) -> tuple[str, float] | None:
    """One written word that sounds like a key word it is spelt close to ("dekline")."""
    if len(word) < 6:
        return None
    target = _PHONETIC_INDEX.get(phonetic_key(word))
    if target is None or target[0] != word[0]:
        return None
    score = fuzz.ratio(word, target)
    return (target, 85.0) if score >= 75 else None


_RUN_LEFT = frozenset({
    "i", "im", "ill", "ive", "id", "wont", "cant", "dont", "not", "no", "have", "has", "to",
    "will", "be", "going", "gonna", "gotta", "must", "afraid", "sorry", "thank", "thanks",
    "turn", "turning", "say", "pass", "passing", "take", "taking", "am", "would", "wouldnt",
    "couldnt", "decided", "unfortunately", "but",
})
_RUN_RIGHT = frozenset({
    "i", "im", "ill", "wont", "cant", "dont", "not", "no", "have", "to", "will", "be", "going",
    "decline", "declining", "accept", "accepting", "take", "taking", "turn", "turning", "down",
    "pass", "passing", "on", "interested", "withdraw", "withdrawing", "the", "offer", "it",
    "job", "role", "position", "say", "thanks", "you", "afraid", "sorry", "able", "decided",
    "thank", "but",
})
"""Words a recogniser runs together in a refusal ("iwont", "cantaccept", "turndown"): a
written word is split only when every part is one of these."""
_RUN_REAL = frozenset({"into", "onto", "notable", "downturn", "ontake", "cannot", "tothe",
                       "noon", "tonnes"})


@lru_cache(maxsize=8192)
def split_run_on(word: str) -> tuple[str, ...] | None:
    """The words of a run-together ``word`` ("iwontbe" is "i wont be"), or ``None``."""
    if len(word) < 4 or word in _RUN_LEFT or word in _RUN_RIGHT or word in _RUN_REAL:
        return None
    for k in range(1, len(word)):
        left, right = word[:k], word[k:]
        if left not in _RUN_LEFT:
            continue
        if right in _RUN_RIGHT:
            return left, right
        rest = split_run_on(right) if len(right) >= 4 else None
        if rest is not None and len(rest) < 3:
            return (left, *rest)
    return None


_NO_AS_NOT_BEFORE = frozenset({"i'll", "i'm", "i'd", "we'll", "we're", "it'll", "it's", "that's",
                               "i", "we", "am"})
_NO_AS_NOT_AFTER = frozenset({
    "be", "taking", "take", "accepting", "accept", "going", "go", "coming", "come", "doing",
    "do", "joining", "join", "moving", "bother", "bothering", "want", "need", "able", "gonna",
    "gonnae", "wanna",
})


_ILL_AS_I_LL_AFTER = frozenset({
    "pass", "be", "have", "take", "go", "do", "stay", "let", "get", "call", "think", "keep",
    "just", "need", "probably", "definitely", "look", "send", "give", "leave", "decline",
    "stick", "bow", "sit", "say", "try", "see", "talk", "speak", "never", "not", "always",
    "still", "wait", "email", "ring", "come", "miss", "accept", "withdraw", "tell", "pull",
})


def ill_means_i_will(before: str, after: str) -> bool:
    """"ill pass": an apostrophe-less "I'll" (never "fell ill", "an ill wind")."""
    return after in _ILL_AS_I_LL_AFTER and before not in ("fell", "feel", "feeling", "an", "was",
                                                          "is", "be", "been", "so", "very")


_REPEATABLE = frozenset({"that", "had", "is", "very", "really", "so", "no", "bye", "ha", "many",
                         "far", "long", "way", "sorry"})
"""Words said twice on purpose ("that that", "very very", "bye bye", "sorry sorry")."""


def is_stutter(word: str, nxt: str) -> bool:
    """A false start the recogniser wrote down: the same word twice ("i i i", "to to") or a
    cut-off start of the next word ("de decline", "ac accept")."""
    if word == nxt:
        return word not in _REPEATABLE and word.isalpha()
    return (len(word) <= 3 and len(nxt) >= 5 and nxt.startswith(word) and word not in _COMMON
            and word.isalpha())


def no_means_not(before: str, after: str) -> bool:
    """"I'll no be taking it" (Scots): "no" before a verb is "not"."""
    return before in _NO_AS_NOT_BEFORE and (after in _NO_AS_NOT_AFTER
                                            or _G_DROPPED.get(after, "") in _NO_AS_NOT_AFTER)


_COMMON = frozenset({
    "a", "an", "the", "to", "of", "and", "or", "but", "so", "i", "you", "he", "she", "it", "we",
    "they", "me", "him", "her", "us", "them", "my", "your", "our", "their", "his", "its", "with",
    "what", "who", "where", "when", "which", "why", "how", "that", "this", "these", "those",
    "are", "is", "was", "were", "be", "been", "have", "has", "had", "do", "did", "does", "for",
    "at", "on", "in", "by", "from", "other", "another", "all", "any", "some", "there", "here",
    "until", "till", "if", "than", "then", "now", "up", "down", "out", "over", "off", "as",
})
_VERB_SLOT = frozenset({
    "to", "i", "i'm", "i'll", "i'd", "i've", "we", "we're", "we'll", "we'd",
    "we've", "really", "do", "does", "must", "will", "would", "have", "has", "had", "just",
    "also", "truly", "sincerely", "genuinely", "definitely", "politely", "respectfully", "kindly",
    "am", "been", "still", "and", "but", "so", "now", "hereby", "formally", "officially",
    "reluctantly", "sadly", "unfortunately", "regrettably", "could", "should", "can",
    "might", "may", "please", "greatly", "deeply", "honestly", "actually", "all", "um", "uh",
    "er", "erm", "hmm", "well", "yeah", "oh", "like", "gotta", "gonna",
})
_NOUN_SLOT = frozenset({
    "the", "this", "that", "an", "a", "your", "my", "our", "their", "second", "first", "final",
    "another", "any", "next", "great", "amazing", "wonderful", "fantastic", "good", "lovely",
})
_SENTENCE_SLOT = frozenset({"", ",", ".", "?", "but", "and", "so", "i", "i'm", "i'll", "will",
                            "would", "it's", "that's", "is", "was", "very", "really", "yes",
                            "no", "um", "uh", "er", "well", "oh"})


def merge_fits(target: str, before: str) -> bool:
    """Whether the word before a sound-alike span leaves room for ``target`` there.

    A recogniser splits a word where the speaker said it, so "to the climb" is
    "to decline"; but "can I ask what the other company pays" has no verb slot
    where "what the other" stands, and must stay as said.
    """
    if target.startswith(("opportunit", "interview")):
        return before in _NOUN_SLOT
    if target in ("regrettably", "unfortunately", "definitely"):
        return before in _SENTENCE_SLOT
    if before == "be":  # "I'll be with drawing": only the -ing form follows "be"
        return target.endswith("ing")
    return before in _VERB_SLOT


def phonetic_merge(words: Sequence[str], before: str = "") -> str | None:
    """The key word that several heard words together sound like, if any.

    ``before`` is the canonical word just before the span ("" at the start)."""
    target = _sounds_like(tuple(words))
    return target if target is not None and merge_fits(target, before) else None


@lru_cache(maxsize=16384)
def _sounds_like(words: tuple[str, ...]) -> str | None:
    """:func:`phonetic_merge` before the word in front is looked at: the same spans ("the
    climb", "to the") come back reply after reply, and their sound keys cost more than
    the look-up."""
    joined = "".join(words)
    if (len(words) < 2 or not 6 <= len(joined) <= 16 or not may_merge(words)
            or any(w in _KEY_SET for w in words) or all(w in _COMMON for w in words)
            or (len(words[0]) > 4 and words[0].endswith(("ed", "ing")))):
        return None  # "what the other", "waited three": real words, said as such
    key = phonetic_key(joined)
    target = _PHONETIC_INDEX.get(key)
    if target is None or phonetic_key("".join(words[1:])) == key:
        return None  # the first word adds nothing: let the shorter span claim it
    return target


_GRATEFUL_SPLITS = frozenset({("grate", "full"), ("grate", "ful"), ("grape", "full"),
                              ("grate", "fool")})


def is_grateful(first: str, second: str) -> bool:
    """"grate full": a split "grateful" (never "great full", which is two real words)."""
    return (first, second) in _GRATEFUL_SPLITS


def is_thank_you(first: str, second: str) -> bool:
    """"thank ewe", "tank you": a misheard thank-you (never "think you"; see below)."""
    return first in _THANK_LIKE and second in _YOU_LIKE and (first, second) != ("thank", "you")


def is_misheard_thanks(word: str, after: str = "") -> bool:
    """"tanks", "thanx"; and "thinks" when what follows only fits thanks ("thinks very much
    for the offer")."""
    if word == "thinks":
        return after in ("very", "so", "a", "for", "again", "heaps", "loads")
    return word in _THANKS_LIKE and word != "thanks"


def think_you_means_thank_you(before: str, after: str) -> bool:
    """Whether "think you" was a misheard "thank you", judged from its neighbours.

    "think you so much" and "but think you for asking" are thanks; "I think
    you should know" is not.
    """
    if after in _THINK_YOU_BLOCKERS or before == "i" or before == "don't":
        return False
    return after in _THANK_FOLLOWERS or after == "" or before in _THINK_YOU_OPENERS


ACCEPTED_OBJECTS = frozenset({"another", "a", "an", "the", "their", "other", "one"})
"""Words after "except it" / "accept it" that show the recogniser split "accepted"
("i except it another offer")."""


EXCEPT_FOR_ACCEPT: dict[str, str] = {
    "except": "accept", "excepting": "accepting", "excepted": "accepted",
    "exept": "accept", "exepting": "accepting", "exepted": "accepted",
}
"""How "accept" comes out of a recogniser (or a hurried typist) that hears "ex-"."""
_ACCEPTED_BEFORE = frozenset({"already", "i've", "have", "has", "just", "we've", "had",
                              "i'd", "recently", "now"})
"""Words before a past "accepted" ("I've already excepted a job")."""


def except_means_accept(before: str, after: str, past: bool = False) -> bool:
    """"I'd love to except the offer", "I've already excepted a job": "except" heard for
    "accept"."""
    return ((before in _ACCEPT_BEFORE or (past and before in _ACCEPTED_BEFORE))
            and after not in _ACCEPT_AFTER_BLOCK)


ROLL_FOR_ROLE = {"roll": "role", "rolls": "roles"}
_ROLE_BEFORE = frozenset({
    "a", "the", "this", "that", "your", "my", "our", "their", "another", "other", "similar",
    "same", "new", "different", "senior", "junior", "lead", "permanent", "temporary",
    "contract", "remote", "hybrid", "any", "which", "what", "those", "these", "two", "some",
    "management", "sales", "support", "admin", "office", "team", "manager", "analyst", "nursing",
    "teaching", "engineering", "dream", "right", "perfect", "open", "future", "of", "for",
})
_ROLL_AFTER = frozenset({"of", "call", "over", "out", "up", "back", "around", "down"})
""""A roll of tape", "roll call", "roll it out": the real word."""


def roll_means_role(two_before: str, before: str, after: str) -> bool:
    """"We have a similar roll in Bristol": a recogniser's "roll" for role, which a call about
    a job means far more often than bread; but "we're on a roll" is the idiom."""
    return (before in _ROLE_BEFORE and after not in _ROLL_AFTER
            and not (before == "a" and two_before == "on"))
