"""Running them down: disparaging the company, the people, the offer or the process.

Some words disparage on their own ("a waste of time", "toxic", "laughable",
sarcasm); others only when aimed at something of theirs ("terrible", "a
mess", "chaotic"), so those need a target in the same sentence and no "I" in
front ("I feel awful" is remorse, not badmouthing). Negated criticism ("the
team wasn't rude at all") does not count.
"""

from __future__ import annotations

from trainer.scoring.families import Hit, find, load, load_merged, macro_words
from trainer.scoring.utterance import Utterance

OFFENCE_FAMILIES = load_merged("offence")
SINCERE_FAMILIES = load("sincere")
"""Remarks that take the speaker's own part, ask out of interest or appreciate them
(``phrases/sincere.txt``): what the rules know of a reply that only looks like a dig."""

_TARGETS = frozenset([
    "lot", "questions", "test", "assessment", "agency", "letter", "reputation", "glassdoor",
    "everybody", "anyone", "interviewing", "pension", "bonus", "terms", "perks", "equipment",
    "systems", "policies", "policy", "training", "you", "your", "yours", "they", "their", "them",
    "company", "firm", "team", "people", "staff", "management", "manager", "managers", "director",
    "hr", "recruiter", "recruiters", "panel", "interview", "interviews", "interviewer",
    "interviewers", "process", "offer", "salary", "pay", "package", "benefits", "budget", "culture",
    "office", "site", "lab", "contract", "scheduling", "communication", "ceo", "boss", "place",
    "organisation", "organization", "everyone", "whole", "it", "that", "this", "experience",
    "hiring", "recruitment", "role", "job", "rota", "shifts", "conditions", "reviews", "whoever",
    "he", "she", "his", "her", "leadership", "department", "business", "onboarding", "scheduling",
    "schedule", "organising", "organizing", "setup", "feedback", "emails", "round", "rounds",
    "task", "tasks", "puzzles", "tests", "exercise", "exercises", "stages", "stage", "hoops",
    "hotel", "building", "premises", "venue", "decor", "fit-out", "reception", "receptionist",
    "shop", "store", "ward", "clinic", "kitchen", "warehouse", "facilities", "workplace",
    "atmosphere", "vibe", "mood", "morale", "crowd", "mob", "outfit", "canteen", "offices",
])
_COPULA = frozenset({"am", "was", "were", "be", "been", "being", "feel", "felt", "feeling",
                     "get", "got", "so", "really", "just", "a", "bit", "little", "quite", "very",
                     "would", "will", "is", "are", "pretty", "rather", "completely", "totally",
                     "absolutely", "honestly", "still", "now", "kind", "of", "sort"})
_FIRST_PERSON = frozenset({"i", "i'm", "i'd", "i've", "i'll", "me", "myself", "we", "we're",
                           "we'd", "we've"})


_CLAUSE_END = frozenset({",", ".", "?", "for", "to", "and", "honestly", "frankly", "really",
                         "though", "so", "but", "from", "at", "in", "anyway"})


def _about_speaker(utt: Utterance, hit: Hit) -> bool:
    """"I feel awful", "I'd be miserable": the speaker is the one described."""
    k = hit.i - 1
    while k >= 0 and utt.words[k].text in _COPULA:
        k -= 1
    if k >= 0 and utt.words[k].text in ("me", "myself") and utt.texts(k + 1, k + 2) in (
            ["was"], ["were"], ["is"], ["has"]):
        return False  # "the way they spoke to me was ...": "me" ends a clause, not the subject
    return k >= 0 and utt.words[k].text in _FIRST_PERSON


_NEGATION_SCOPE = frozenset({
    "or", "and", "nor", "very", "really", "too", "so", "that", "a", "bit", "particularly",
    "remotely", "even", "exactly", "at", "all", "in", "any", "way", "the", "least", "ever",
    "being", "be", "been", "overly", "especially", "rude", "toxic", "arrogant", "cheap",
    "unprofessional", "disorganised", "disorganized", "dismissive", "insulting", "messy",
}) | macro_words("harsh")
_WEAK_TARGETS = frozenset({"it", "that", "this", "everyone", "whole", "he", "she", "his", "her",
                           "everybody", "anyone", "lot"})


def _negated(utt: Utterance, hit: Hit) -> str | None:
    """"wasn't rude or chaotic at all": a negation whose scope reaches the word."""
    return utt.negator_before(hit.i, 6, _NEGATION_SCOPE, frozenset({"no"}))


def veto(utt: Utterance, hit: Hit) -> str | None:
    negator = _negated(utt, hit)
    if negator is not None and hit.family.tag != "strong":
        return f'negated: "{negator}"'
    if hit.family.tag != "needs_target":
        return None
    sentence = utt.sentence[hit.i]
    k = hit.i
    while k > 0 and utt.sentence[k - 1] == sentence and hit.i - k < TARGET_REACH:
        k -= 1
    end = hit.j
    while end < len(utt.words) and utt.sentence[end] == sentence and end - hit.j < TARGET_REACH:
        end += 1
    if _owned_subject(utt, hit) or utt.texts(hit.j, hit.j + 2) in (["for", "me"], ["for", "us"],
                                                                     ["for", "my"]):
        return "about the speaker's own situation, not them"
    after_near = utt.texts(hit.j, min(end, hit.j + 4))
    if _about_speaker(utt, hit) and not any(w in _TARGETS and w not in _WEAK_TARGETS
                                            for w in after_near):
        return "about the speaker, not them"
    words = _their_words(utt, k, end)
    if any(w in _TARGETS and w not in _WEAK_TARGETS for w in words):
        return None
    nxt = utt.texts(hit.j, hit.j + 1)
    if any(w in _WEAK_TARGETS for w in words) and (not nxt or nxt[0] in _CLAUSE_END):
        return None  # "that's pitiful", "it was awful, frankly": the "it" is theirs
    return "not aimed at the company, the people, the offer or the process"


TARGET_REACH = 10
"""How many words from a harsh word its target may be (an unpunctuated transcript is one
long "sentence", and "the offer" ten clauses back is not what the word is about)."""
_SUBJECT_GAP = frozenset({"would", "will", "be", "been", "is", "was", "were", "are", "has", "had",
                          "have", "a", "an", "total", "complete", "absolute", "real", "bit",
                          "little", "so", "really", "very", "pretty", "quite", "rather",
                          "just", "getting", "gets", "got", "become", "becomes", "felt", "feels",
                          "feel", "'s", "'ve", "being", "of", "kind", "sort", "such", "utter",
                          "bloody", "absolutely", "totally", "honestly", "frankly",
                          "lately", "recently", "always", "right", "now", "then", "seemed",
                          "seems", "looks", "looked", "sounds", "sounded", "would've", "could've",
                          "it'd", "it'll", "will've"})


def _owned_subject(utt: Utterance, hit: Hit) -> bool:
    """"my commute would be a nightmare", "my week's been chaotic": the thing run down is
    the speaker's own, found by stepping back over the copula to its noun."""
    k = hit.i - 1
    while k >= 0 and utt.words[k].text in _SUBJECT_GAP:
        k -= 1
    if k < 0 or utt.words[k].is_punct:
        return False
    near = utt.texts(k - 3, k + 1)
    return any(w in _OWNERS for w in near[-3:]) or bool(_JOURNEY & set(near))


_JOURNEY = frozenset({"drive", "commute", "journey", "trip", "travel", "traffic", "parking",
                      "route", "roads", "trek", "train", "trains", "bus", "buses", "tube",
                      "ferry", "motorway", "transport", "school run"})
"""A trip to their office being a nightmare is about the speaker's travel, not them."""


_OWNERS = frozenset({"my", "our", "own", "mine", "i", "i'm", "i've", "we", "we're", "my own"})


def _their_words(utt: Utterance, start: int, end: int) -> list[str]:
    """The words of ``[start, end)`` minus the speaker's own things: "my current office",
    "our nursery" are not targets, so "the drop-offs would be a nightmare" near them runs
    nothing of theirs down."""
    out: list[str] = []
    for k in range(start, end):
        word = utt.words[k].text
        if word in _TARGETS and any(w in _OWNERS for w in utt.texts(k - 2, k)):
            continue
        if word == "you" and (utt.texts(k + 1, k + 2) in (["know"], ["see"])
                              or utt.texts(k - 1, k) in (["thank"], ["mind"])):
            continue  # "you know", "thank you": not the recruiter as a target
        out.append(word)
    return out


def read_offence(utt: Utterance) -> tuple[list[Hit], list[tuple[Hit, str]]]:
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    for hit in find(utt, OFFENCE_FAMILIES):
        reason = veto(utt, hit)
        if reason is None:
            kept.append(hit)
        else:
            vetoed.append((hit, reason))
    if kept and all(h.family.name in ONLY_WITH_CRITICISM for h in kept):
        # "no offence to anyone, but I'm staying put", "where do I start: my dad's unwell":
        # the opener runs nothing down unless criticism follows it
        vetoed.extend((h, "an opener with nothing run down after it") for h in kept)
        kept = []
    return kept, vetoed


ONLY_WITH_CRITICISM = frozenset({"disclaimer", "where to start"})
"""Families that run them down only alongside other criticism in the same reply."""

SARCASM = frozenset({"sarcasm", "mock concern", "mock praise", "slow process jibe",
                     "dismissive", "sarcastic because", "sarcastic thanks", "where to start"})
"""Families that say the opposite of what they mean: thanks or good wishes near them are
part of the jibe, and they give no reason."""


def is_sarcastic(hits: list[Hit]) -> bool:
    return any(hit.family.name in SARCASM for hit in hits)
