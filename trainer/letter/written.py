"""Written mode: what a letter says that a phone call rarely does, for the letter scorer.

The reply detectors (:mod:`trainer.scoring`) were built for speech. A letter
declines in its own register ("I'm writing to decline", "I'm no longer able to
attend"), hedges in one ("I don't believe I'll be accepting", "unless the role
can be remote"), criticises in one (a backhanded "certainly memorable, I'll give
you that", a salary "a bit thin for the workload") and surrounds its reason with
thanks and compliments that are not reasons. These adjustments run on the
detectors' results, never inside them, so the spoken scorer is unchanged; each is
listed for the lead as a candidate to move into the detectors.

Every function takes the letter as scored (``masked``: same offsets as ``text``)
and returns item results whose evidence points into ``text``.
"""

from __future__ import annotations

import re

from trainer.scoring.result import Evidence, ItemResult
from trainer.scoring.scorer import THRESHOLD

_WRITTEN_HEDGE = re.compile(
    r"\b(?:(?:i )?(?:don't|do not) (?:believe|think|expect|imagine) (?:that )?i(?:'ll| will|'d| "
    r"would| can| could| am| 'm)?|i suspect|i (?:fear|expect|imagine|guess|reckon|doubt) "
    r"(?:that )?i(?:'ll| will|'d| would)|it(?:'s| is) (?:likely|unlikely|possible|looking "
    r"likely) (?:that )?i|i may (?:have to|need to|not)|i might (?:have to|need to|not)|"
    r"i(?:'m| am) inclined to|in all likelihood|more than likely)\b", re.IGNORECASE)
_DECISION_WORD = re.compile(
    r"\b(?:accept\w*|declin\w*|pass|withdraw\w*|say no|saying no|go ahead|going ahead|"
    r"proceed\w*|turn\w* (?:it |the \w+ )?down|attend\w*|join\w*|tak\w+ (?:it|the|up)|"
    r"continu\w*|mov\w+ forward|cancel\w*)\b", re.IGNORECASE)
_WRITTEN_NO = re.compile(
    r"\b(?:i(?:'m| am) no longer (?:able|available|in a position) to (?:attend|accept|proceed|"
    r"continue|join|take|make|go ahead)|i (?:won't|will not|can't|cannot|shan't) be able to "
    r"(?:attend|make|accept|join|take up|go ahead with|continue with|proceed with) (?:the|my|your|"
    r"this|that)|i (?:won't|will not) be (?:rescheduling|rebooking|attending|joining|coming)|"
    r"(?:please )?(?:cancel|withdraw) my (?:interview|application|candidacy)|"
    r"(?:writing|write|wish|wanted|want|would like|'d like|am emailing|'m emailing|need|have|"
    r"decided|chosen|choose|must) to (?:\w+ly )?(?:decline|withdraw|turn down|cancel|"
    r"rescind|pass on)|(?:am|'m) (?:\w+ly )?(?:declining|withdrawing|turning down|cancell?ing))"
    r"\b", re.IGNORECASE)
_WRITTEN_OFFENCE = re.compile(
    r"\b(?:beneath (?:my|me)|(?:never|didn't|did not|hasn't|has not|haven't) (?:once )?"
    r"(?:replied|responded|got back|gotten back|called back|returned my)|"
    r"(?:a )?(?:more|far more|much more) professional|unprofessional\w*|"
    r"(?:been|was|felt|is|were|has been) (?:\w+ )?frustrating|frustrating (?:process|wait|"
    r"experience|few|weeks|delays)|(?:disappointed|let down) (?:by|with|in) (?:the|your|how)|"
    r"(?:isn't|is not|wasn't|was not|not) (?:\w+ )?competitive|uncompetitive|"
    r"(?:frankly|insultingly|ridiculously|laughably|embarrassingly|disappointingly) "
    r"(?:low|poor|cheap|weak|small|slow|bad|disorganised|disorganized)|"
    r"poorly (?:organised|organized|run|managed|handled|communicated)|"
    r"badly (?:organised|organized|run|managed|handled)|waste of (?:my|our|everyone's) time|"
    r"(?:very|so|far too|way too) slow to (?:respond|reply|get back))", re.IGNORECASE)

def sentence_of(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, at) for c in ".!?\n") if i >= 0]
    return start, min(ends, default=len(text))


def written_decision(masked: str, offset: int, clear_no: ItemResult, hedged: ItemResult,
                      text: str) -> tuple[ItemResult, ItemResult]:
    """Written-mode additions to the reply detectors' reading of the decision.

    Letters say no in ways a phone call rarely does ("I'm no longer able to attend the
    interview") and hedge in a written register ("I don't believe I'll be accepting",
    "I suspect I'll have to pass"). A hedge found here in the sentence of the no unmakes
    the no, as the spoken detectors do. ``masked`` is what was scored, ``offset`` where
    it starts in ``text`` (the letter the evidence is read from).
    """
    for m in _WRITTEN_HEDGE.finditer(masked):
        lo, hi = sentence_of(masked, m.start())
        if not _DECISION_WORD.search(masked, m.end(), hi):
            continue
        ev = Evidence(offset + m.start(), offset + m.end(), text[offset + m.start():
                                                                 offset + m.end()])
        if not hedged.met:
            hedged = ItemResult("hedged", True, 100.0, THRESHOLD, (ev,),
                                f'written hedge: "{ev.text}" qualifies the decision')
        if clear_no.met and all(lo <= e.start - offset < hi for e in clear_no.evidence):
            clear_no = ItemResult("clear_no", False, 0.0, THRESHOLD, (ev,),
                                  f'the decision is hedged ("{ev.text}"), so it is not a clear '
                                  "no")
    if not clear_no.met and not hedged.met:
        found = next((m for m in _WRITTEN_NO.finditer(masked) if not re.search(
            r"(?:\bnot|\bnever|n't)\s+(?:\w+\s+){0,3}$", masked[max(0, m.start() - 30):m.start()],
            re.IGNORECASE)), None)
        if found is not None:
            ev = Evidence(offset + found.start(), offset + found.end(),
                          text[offset + found.start():offset + found.end()])
            clear_no = ItemResult("clear_no", True, 90.0, THRESHOLD, (ev,),
                                  f'written no: "{ev.text}" (90 >= {THRESHOLD:.0f})')
    return clear_no, hedged


def written_offence(masked: str, offset: int, offensive: ItemResult, text: str
                     ) -> ItemResult:
    """Written-mode criticism the spoken families miss: the measured complaints of a letter
    ("I expected a more professional interview", "the role is beneath my experience")."""
    if offensive.met:
        return offensive
    found = _WRITTEN_OFFENCE.search(masked)
    if found is None:
        return offensive
    ev = Evidence(offset + found.start(), offset + found.end(),
                  text[offset + found.start():offset + found.end()])
    return ItemResult("offensive", True, 90.0, THRESHOLD, (ev,),
                      f'written criticism: "{ev.text}" (90 >= {THRESHOLD:.0f})')
