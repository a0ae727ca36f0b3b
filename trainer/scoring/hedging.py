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

from trainer.scoring.families import Hit, families, find
from trainer.scoring.utterance import Utterance

NEAR_WINDOW = 6
"""How many words a near cue may be from the decision word it qualifies."""

_DECISION_VERBS = (
    r"decline|declining|accept|accepting|take|taking|withdraw|withdrawing|cancel|cancelling|"
    r"say no|say yes|saying no|step|pull|pass|turn|stay|reconsider|change|consider|continue|"
    r"proceed|join|come|"
    r"listen|interview|sign|go|do|make|leave|give|skip|knock|miss|gonna"
)

HEDGE_CUES = families([
    ("probably", r"probably", 100, "near"),
    ("maybe", r"maybe(?! (?:in the future|one day|another time|down the line|next time|someday|"
     r"some day|we'll|our paths|later|at some point|again|we can|you'll|you could|see you))|"
     r"perhaps|possibly", 100, "near"),
    ("might", rf"(?:might|may) (?:well |just |actually |possibly |maybe |probably |still |even )?"
     rf"(?:have to |need to |not |be able to |want to |end up |be )?(?:{_DECISION_VERBS}|"
     r"able|open|interested|tempted)|(?:it|that|this) (?:might|may|could)(?= actually| well| "
     r"[,.?]|$)", 100, "near"),
    ("could maybe", r"could (?:maybe|possibly|probably|perhaps|still|reconsider|consider|"
     r"think about|change|make a difference|be persuaded|be tempted|be open|do that|do it)",
     90, "near"),
    ("I think", r"i think(?= (?:i|i'll|i'm|i'd|i've|we|we'll|probably|maybe|perhaps|no|not|"
     r"that i|so)(?: |$))|i think(?= [,.?]|$)|i think(?= it's (?:best|better|wiser|right|time|"
     r"fair|probably)| it(?:'d| would) be (?:best|better|wiser|fairer))|i (?:just |really |"
     r"honestly |genuinely )?"
     r"don't (?:really )?think (?:i|i'll|i'm|i'd|we)(?= )",
     100, "near"),
    ("I guess", r"i guess|i suppose|i reckon|i feel like i (?:should|might|have to|need to|"
     r"could)", 90, "near"),
    ("should", r"(?:i|we) (?:probably |maybe |really )?should (?:probably |maybe |just )?"
     r"(?:decline|say no|withdraw|pass|turn|cancel|step|pull|take|accept|go|stay)", 90, "near"),
    ("leaning", r"leaning (?:towards|toward|to)|inclined to|tempted to|tending (?:towards|to)",
     100, "standalone"),
    ("not sure", r"not (?:(?:really|totally|completely|entirely|fully|quite|a hundred percent|"
     r"100 percent|one hundred percent|that|so|too|very|all that|absolutely|100) )?"
     r"(?:sure|certain|convinced|positive)|unsure|uncertain|undecided|"
     r"(?:haven't|hasn't|have not|not|never) (?:really |fully |quite |completely |totally |"
     r"entirely |yet |properly )?(?:decided|made up my mind|made a decision|made my decision)|"
     r"can't (?:quite )?decide|not a hundred percent|not 100", 100, "standalone"),
    ("don't know", r"(?:i|i'm|honestly) (?:just |really |honestly |genuinely |still )?"
     r"(?:don't|do not) (?:really |honestly |even |quite )?know(?! (?:if (?:you|that's|this is)|"
     r"how (?:to thank|much i)|anyone|about (?:you|your)|the (?:exact|details)|"
     r"what (?:time|day|date)|when (?:exactly|the)|who|them|him|her|yet (?:when|which)))",
     100, "standalone"),
    ("torn", r"torn|on the fence|in two minds|of two minds|second thoughts|too hasty|too quick|"
     r"jumped the gun|still thinking|still deciding|mixed feelings|probably not|maybe not|"
     r"weighing (?:it|things|up|my options|it all)|mulling (?:it )?over|sitting on the fence|"
     r"possibly not|perhaps not|maybe yes|maybe no", 100, "standalone"),
    ("think it over", r"(?:let me|i'll|i need to|i'd (?:have|need) to|i have to|got to|"
     r"i want to|i'd like to|could i|can i) (?:have a )?think (?:about it|it over|on it)|"
     r"think about it (?:again|some more|more)", 80, "near"),
])

DECISION_WORDS = families([
    ("decision word", rf"(?:{_DECISION_VERBS}|no|yes|decided|decide|decision|the right call|"
     r"able|my mind|think about it|think it over|interested|keen|up for it)"),
])

_APOLOGY = families([("apology", r"sorry|apologise|apologize|apologies|forgive me|"
                      r"(?:feel|felt) (?:so |really |just )?(?:terrible|awful|bad)")])


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


def read_hedges(utt: Utterance) -> HedgeReading:
    found = find(utt, HEDGE_CUES)
    apologies = find(utt, _APOLOGY)
    anchors = find(utt, DECISION_WORDS)
    cues: list[Hit] = []
    for hit in found:
        if hit.family.tag == "near" and (_someone_else(utt, hit) or _polite_request(utt, hit)):
            continue
        if hit.family.tag == "standalone" or (
                (anchors or _own_sentence(utt, hit)) and _alone_in_clause(utt, hit)):
            cues.append(hit)
            continue
        if any(_qualifies(utt, hit, anchor) for anchor in anchors):
            cues.append(hit)
    if len(apologies) >= 3 and found and not cues:
        cues.extend(found)
    return HedgeReading(tuple(cues), tuple(found), tuple(apologies))


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


def _someone_else(utt: Utterance, cue: Hit) -> bool:
    """"you can probably guess", "they'd maybe understand": the cue qualifies what someone
    else does or knows, not the speaker's decision."""
    before = utt.texts(cue.i - 2, cue.i)
    return any(word in _OTHERS for word in before)


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
