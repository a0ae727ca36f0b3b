"""Hedges: words that qualify the decision itself.

"Probably", "maybe", "I think" and friends only hedge when they qualify the
decision ("I think I'll probably decline"); the same words in a reason ("I
think the commute is too long") or a close ("maybe our paths will cross")
do not. So a *near* cue counts only within a few words of a decision word in
the same clause, or as a clause of its own in a reply that decides something
("..., maybe?"), while a *standalone* cue ("I'm not sure", "I don't know",
"leaning towards", "torn") counts wherever it is. A string of apologies with
any cue buries the decision too.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.scoring.families import Hit, find, load
from trainer.scoring.utterance import Utterance

NEAR_WINDOW = 6
"""How many words a near cue may be from the decision word it qualifies."""

HEDGE_CUES = load("hedges")

DECISION_WORDS = load("decision_words")

_APOLOGY = load("apologies")
_REFERRAL = load("referral")


@dataclass(frozen=True)
class HedgeReading:
    cues: tuple[Hit, ...]
    """Cues that qualify the decision (these make the reply hedged)."""
    loose: tuple[Hit, ...]
    """Every cue found, decision-related or not (speech metrics count these)."""
    apologies: tuple[Hit, ...]

    @property
    def hedged(self) -> bool:
        return bool(self.cues)


APOLOGIES_THAT_BURY = 3
"""This many apologies around a decision bury it ("Sorry, sorry, I'm so sorry, ... I can't")."""


def read_hedges(utt: Utterance, wrapup: bool = False, future: bool = False) -> HedgeReading:
    """The hedges of ``utt``; ``wrapup`` says it answers "anything else?", where a "no" is
    no decision ("No, that's everything, I think"); ``future`` says it answers "can we keep
    you in mind?", where wavering over future contact is no hedge on the decision unless
    the sentence goes back to the decision itself ("maybe I was too hasty, is the offer
    still open?")."""
    found = find(utt, HEDGE_CUES)
    apologies = find(utt, _APOLOGY)
    # decision words matter only to a cue or to a string of apologies
    needed = bool(found) or len(apologies) >= APOLOGIES_THAT_BURY
    anchors = find(utt, DECISION_WORDS) if needed else []
    if wrapup:
        anchors = [a for a in anchors if utt.texts(a.i, a.j) not in (["no"], ["yes"])]
    referrals = _referral_sentences(utt) if found else frozenset()
    cues: list[Hit] = []
    for hit in found:
        if hit.family.tag == "near" and (_someone_else(utt, hit) or _polite_request(utt, hit)):
            continue
        if utt.sentence[hit.i] in referrals and not _own_decision_follows(utt, hit):
            continue  # "my flatmate might be interested, I'm not sure": their choice
        if hit.family.tag == "standalone" and _about_something_else(utt, hit):
            continue  # "I don't know when I'll be back": unsure of a fact, not the decision
        if _apart_from_decision(utt, hit, anchors):
            continue  # "Congrats to me, I guess. I'm going to say no.": about the congrats
        if hit.family.tag == "standalone" and _in_reason(utt, hit, anchors, found):
            continue  # "I'm declining because ... I'm not sure I could keep it up": the why
        if hit.family.tag == "standalone" or (
                (anchors or _own_sentence(utt, hit)) and _alone_in_clause(utt, hit)):
            cues.append(hit)
            continue
        if any(_qualifies(utt, hit, anchor) for anchor in anchors):
            cues.append(hit)
    if len(apologies) >= APOLOGIES_THAT_BURY and not cues and (found or anchors):
        cues.extend(found or apologies)
    if future and cues:
        revisits = {utt.sentence[h.i] for h in find(utt, _REVISIT)}
        cues = [c for c in cues if utt.sentence[c.i] in revisits]
    return HedgeReading(tuple(cues), tuple(found), tuple(apologies))


_REVISIT = load("revisit")

_CUE_WORDS = frozenset({"i", "i'm", "guess", "suppose", "think", "maybe", "perhaps", "not",
                        "sure", "don't", "know", "probably", "so", "yeah", "well", "honestly",
                        "just", "really", "sort", "kind", "of", "oh"})


def _apart_from_decision(utt: Utterance, cue: Hit, anchors: list[Hit]) -> bool:
    """A cue in a sentence of its own that says something else ("Fine, I suppose.", "Get a
    different manager, maybe.", "I'm not sure what day it is"), while the decision is
    stated in another sentence: it qualifies that something else, not the decision. A
    sentence of nothing but the cue ("Probably. I don't know.") still qualifies it."""
    sentence = utt.sentence[cue.i]
    if not anchors or any(utt.sentence[a.i] == sentence for a in anchors):
        return False
    said = [w.text for w, n in zip(utt.words, utt.sentence, strict=True)
            if n == sentence and not w.is_punct]
    return any(w not in _CUE_WORDS for w in said)


_WH_FACT = frozenset({"where", "when", "which", "who", "whom", "whose", "why"})
_HOW_MUCH = frozenset({"long", "much", "many", "soon", "far"})
_WH_GAP = frozenset({"yet", "really", "exactly", "quite", "even", "though", "anyway", "of"})


def _about_something_else(utt: Utterance, cue: Hit) -> bool:
    """"not sure where I'll end up", "don't know how long I'll be away": a question of
    fact (where, when, which, how long) is what the speaker is unsure of, not the
    decision; "not sure if I can", "don't know what to do" still waver over it."""
    if cue.family.name not in ("not sure", "don't know"):
        return False
    k = cue.j
    while k < len(utt.words) and utt.words[k].text in _WH_GAP:
        k += 1
    nxt = utt.texts(k, k + 2)
    if _fronted_question(utt, cue):
        return True  # "the start date, which week that is I'm not sure"
    if not nxt:
        return False
    if nxt[0] == "what" and ((len(nxt) > 1 and nxt[1] in _DETERMINERS)
                             or "next" in utt.texts(k + 1, k + 5)):
        return True  # "not sure what the notice period is", "what I'll do next": a fact
    if nxt[0] == "how" and utt.texts(k + 1, k + 3) in (["to", w] for w in _SAYING):
        return True  # "I'm not sure how to put this, but I'm declining": the wording
    if nxt[0] in ("it's", "this", "that's", "that") and "news" in utt.texts(k + 1, k + 4):
        return True  # "not sure it's good news for you, but ...": how it will land
    return nxt[0] in _WH_FACT or (nxt[0] == "how" and nxt[1:] != [] and nxt[1] in _HOW_MUCH)


_SAYING = frozenset({"say", "put", "tell", "phrase", "word", "explain", "start", "begin"})
"""After "not sure how to", the words for saying it: unsure of the wording, not the no."""


_DETERMINERS = frozenset({"the", "my", "your", "their", "his", "her", "its", "our", "a", "an",
                          "this", "that", "these", "those"})
"""After "not sure what", a noun phrase is the thing unsure of ("what the notice period is");
"not sure what to do" still wavers over the decision."""


def _fronted_question(utt: Utterance, cue: Hit) -> bool:
    """"..., which week that'd be I'm not sure": the clause opens with the question of fact
    the speaker is unsure of, and the cue ends it."""
    clause = utt.clause[cue.i]
    k = cue.i
    while k > 0 and utt.clause[k - 1] == clause and cue.i - k < 6:
        k -= 1
    return (k < cue.i and utt.words[k].text in _WH_FACT
            and (cue.j >= len(utt.words) or utt.words[cue.j].is_punct))


_CAUSAL = frozenset({"because", "cos", "cause", "since", "as"})


def _in_reason(utt: Utterance, cue: Hit, anchors: list[Hit], found: list[Hit]) -> bool:
    """"I'm turning it down because the travel is heavy and I'm not sure I could keep it
    up": after a decision and the "because" that gives its why, the doubt is part of the
    reason, not a qualifier of the decision said before it (unless that was hedged too)."""
    sentence = utt.sentence[cue.i]
    if any(h.j <= cue.i and utt.sentence[h.i] == sentence for h in found):
        return False
    k = cue.i - 1
    while k >= 0 and utt.sentence[k] == sentence:
        if any(a.i <= k < a.j for a in anchors):
            return False
        word = utt.words[k].text
        if word in _CAUSAL and (word != "as" or (k > 0 and utt.words[k - 1].is_punct)):
            return any(a.j <= k and utt.sentence[a.i] == sentence for a in anchors)
        k -= 1
    return False


def _referral_sentences(utt: Utterance) -> frozenset[int]:
    """Sentences that pass the role on to someone else: they name the person and what
    they might do ("my cousin might be interested", "I'll ask him")."""
    hits = find(utt, _REFERRAL)
    people = {utt.sentence[h.i] for h in hits if h.family.name == "someone else"}
    passing = {utt.sentence[h.i] for h in hits if h.family.name == "passing it on"}
    return frozenset(people & passing)


_SPEAKER = frozenset({"i", "i'm", "i'll", "i'd", "i've", "we", "we're", "we'll", "we'd"})


def _own_decision_follows(utt: Utterance, cue: Hit) -> bool:
    """"I'm not sure I'm interested, maybe my friend is": the cue's own clause goes on about
    the speaker, so it still qualifies their decision."""
    after = utt.words[cue.j:cue.j + 2]
    return any(w.text in _SPEAKER for w in after[:next(
        (k for k, w in enumerate(after) if w.is_punct), len(after))])


def _qualifies(utt: Utterance, cue: Hit, anchor: Hit) -> bool:
    """Whether ``cue`` sits close enough to decision word ``anchor`` to qualify it.

    A cue that carries its own decision word ("could reconsider", "think it
    over") needs another one nearby: on its own it is an answer, not a hedge.
    """
    if utt.clause[anchor.i] != utt.clause[cue.i]:
        return False
    if anchor.i < cue.j and cue.i < anchor.j:
        return cue.family.name not in _SELF_ANCHORED
    gap = anchor.i - cue.j if anchor.i >= cue.j else cue.i - anchor.j
    return gap <= NEAR_WINDOW


_SELF_ANCHORED = frozenset({"think it over"})
_OTHERS = frozenset({"you", "you'll", "you'd", "you've", "you're", "they", "they'll", "they'd",
                     "they're", "he", "she", "he'll", "she'll", "he's", "she's", "your", "their"})
_ASKING = frozenset({"could", "can", "may", "might", "would"})


_PEOPLE = frozenset({"someone", "somebody", "anyone", "anybody", "people", "friend", "friends",
                     "colleague", "colleagues", "others", "one", "person",
                     "contacts", "sister", "brother", "partner", "who"})
_SKIP = frozenset({"um", "uh", "er", "erm", "well", "just", "really", "also", "still", "even",
                   "actually", "definitely", "honestly", "very", "so"})
_ADVICE = frozenset({"you", "you'll", "your", "they", "they'll", "don't", "try", "next", "hire",
                     "read", "consider", "look", "tell", "ask", "give"})


def _someone_else(utt: Utterance, cue: Hit) -> bool:
    """"you can probably guess", "I know someone who might be interested", "maybe don't make
    people...": the cue qualifies what someone else does, knows or should do, not the
    speaker's own decision."""
    before = utt.texts(cue.i - 2, cue.i)
    if utt.words[cue.i].text in _SPEAKER:
        return False  # "got your voicemail, I don't think I'm...": the cue names its subject
    if "thank" not in utt.texts(cue.i - 3, cue.i) and any(w in _OTHERS for w in before):
        return True
    k = cue.i - 1
    while k >= 0 and utt.words[k].text in _SKIP:
        k -= 1
    if k >= 0 and utt.words[k].text in _PEOPLE:
        return True  # "my friend might be interested"
    if k >= 0 and utt.words[k].text in ("who", "that") and (
            utt.words[k].text == "who" or (utt.texts(k - 1, k)[0:1] and
            utt.texts(k - 1, k)[0] in _PEOPLE)):
        return True
    after = utt.texts(cue.j, cue.j + 1)
    return cue.family.name in ("maybe", "probably") and bool(after) and after[0] in _ADVICE


def _polite_request(utt: Utterance, cue: Hit) -> bool:
    """"Could I possibly have a few days?": a softener inside a request is manners; asking
    for time is not hedging."""
    before = utt.texts(cue.i - 2, cue.i)
    return len(before) == 2 and before[0] in _ASKING and before[1] in ("i", "we", "you", "it")
_FILL = frozenset({"um", "uh", "er", "erm", "hmm", "well", "yeah", "oh", "so", "i", "mean", "just",
                   "and", "but", "or", "really", "honestly", "actually", "sorry", "then", "yes",
                   "no", "okay", "like"})


def _own_sentence(utt: Utterance, cue: Hit) -> bool:
    """"... tempting. Maybe. How much ...?": a cue that is a whole sentence answers the
    question put, so it qualifies the decision even with no decision word near it."""
    sentence = utt.sentence[cue.i]
    return all(word.text in _FILL or cue.i <= k < cue.j or word.is_punct
               for k, word in enumerate(utt.words) if utt.sentence[k] == sentence)


def _alone_in_clause(utt: Utterance, cue: Hit) -> bool:
    """"..., maybe?" or "..., I think.": a cue standing as its own clause qualifies the
    whole reply, whatever it sits next to."""
    if cue.family.name in _SELF_ANCHORED:
        return False
    clause = utt.clause[cue.i]
    k = cue.i - 1
    while k >= 0 and utt.clause[k] == clause and not utt.words[k].is_punct:
        if utt.words[k].text not in _FILL:
            return False
        k -= 1
    if k >= 0 and not utt.words[k].is_punct:
        return False
    # at the very start of the reply, the cue stands alone only if punctuation follows it
    end = cue.j
    while end < len(utt.words) and not utt.words[end].is_punct:
        if utt.words[end].text not in _FILL:
            return False
        end += 1
    return end < len(utt.words) or k >= 0
