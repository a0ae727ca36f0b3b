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
    r"this|that)|i (?:won't|will not) be (?:rescheduling|rebooking|attending|joining|coming|"
    r"taking (?:up )?(?:the|your|this|that)|pursuing|moving forward)|"
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
    r"(?:very|so|far too|way too) slow to (?:respond|reply|get back)|"
    # backhanded compliments and sarcasm, the letter writer's way of badmouthing
    r"i'll give you that|(?:certainly|definitely|truly|quite) (?:was |were |is )?(?:memorable|"
    r"an experience|something else|quite something|unique|interesting)|quite something|"
    r"takes (?:real |a certain |some )?(?:talent|skill)|i'm sure (?:it|that|this|they) "
    r"(?:suits?|works?) (?:for )?some|"
    r"never (?:once )?felt (?:forgotten|overlooked|neglected|ignored|left out)|"
    r"(?:can )?only admire|"
    r"as much as i did|hand it to you|(?:lost|losing) (?:some |all |my )?confidence|"
    r"drawn[ -]out|(?:how|so) (?:dis)?organi[sz]ed things|"
    # a salary judged, not just not enough for me
    r"(?:salary|pay|offer|package|base|rate|compensation)\b[^.;]{0,40}\b(?:thin|light|stingy|"
    r"meagre|measly|miserly|a lowball|lowball)\b|below what the (?:role|job|position|work) "
    r"(?:asks|demands|requires|deserves|is worth)|(?:values|pays) (?:the work|people) (?:more )?"
    r"fairly|"
    # people or terms judged: indifferent interviewers, work for free, a rigged bonus
    r"(?:seemed|seems|looked|appeared|was|were) (?:\w+ )?(?:uninterested|disinterested|"
    r"disengaged|indifferent|bored|distracted|unprepared|checked out)|(?:unpaid|free) work|"
    r"(?:designed|set up|built|structured) (?:so|in such a way) that (?:no ?one|nobody))",
    re.IGNORECASE)
_SELF_BLAME = re.compile(r"\b(?:sorry|apologi[sz]e\w*|apologies)\b[^.]{0,20}\b(?:for|about) "
                         r"(?:taking|being|my|the (?:delay|late)|not|keeping)", re.IGNORECASE)
"""An apology for one's own delay ("sorry for taking so long to get back to you")."""

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
        own = [e for e in offensive.evidence if _SELF_BLAME.search(
            masked[sentence_of(masked, e.start - offset)[0]:e.end - offset])]
        if len(own) < len(offensive.evidence):
            return offensive
        return ItemResult("offensive", False, 0.0, THRESHOLD, offensive.evidence,
                          "apologises for the writer's own delay; nothing disparaging")
    found = _WRITTEN_OFFENCE.search(masked)
    if found is None:
        return offensive
    ev = Evidence(offset + found.start(), offset + found.end(),
                  text[offset + found.start():offset + found.end()])
    return ItemResult("offensive", True, 90.0, THRESHOLD, (ev,),
                      f'written criticism: "{ev.text}" (90 >= {THRESHOLD:.0f})')


# -- the reason, apart from thanks and compliments ----------------------------------------

_KIND_WORDS = re.compile(
    r"\b(?:thank\w*|grateful|gratitude|appreciat\w*|wish\w*|best|luck|success|hope|hoping|"
    r"enjoy\w*|impressed|admire\w*|welcoming|lovely|pleasure|kind|kindness|generous|wonderful|"
    r"thoughtful|moved|treat|delighted|glad|warm|friendly|helpful|respect)\b", re.IGNORECASE)
_DECIDING = re.compile(
    r"\b(?:declin\w*|withdraw\w*|cancel\w*|turn\w* (?:\w+ )?down|pass(?:ing)? on|not (?:be )?"
    r"accept\w*|won't|will not|unable|can't|cannot|no longer|instead|rather than|but|however|"
    r"although|though|whereas|while|because|since|as i|so i|due to|reason\w*|decid\w*|decision|"
    r"chose|chosen|choose|accepted|signed|taken|(?:stay|staying|remain|remaining) (?:where|with "
    r"my|in my|at my|on at|put))\b", re.IGNORECASE)
"""Words that decide, contrast or give the why: a sentence with one of them keeps its
words even when it also thanks ("Thanks to a counter-offer, I've decided to stay put")."""
_UNTIL_NOW = re.compile(r"\bso far\b(?! (?:from|away|out|to travel|to commute))", re.IGNORECASE)
_TELLING = re.compile(
    r"\b(?:let you know|inform you|tell you|confirm)(?= (?:that|i|i'm|i've|i'll|i have|i am|my|"
    r"we)\b)", re.IGNORECASE)
"""Announcing, not asking for time: "I wanted to let you know that I have signed with..."
(the reply detectors take "let you know" as a promise to call back, which cancels a
reason)."""


def reason_view(masked: str, sentences: list[tuple[int, int]]) -> str:
    """The letter with only what can carry its reason left, every offset kept.

    A letter wraps its reason in thanks, compliments and good wishes ("Everyone I met
    was welcoming", "thank you for your flexibility over the site visit") whose words
    the reason families read as more reasons, so one brief reason looks like four. A
    sentence of kind words with nothing that decides or contrasts ("but", "because",
    "instead") is blanked out; "so far" meaning until now is not a distance; and
    "I wanted to let you know that..." announces rather than asks for time.
    """
    out = list(masked)
    for start, end in sentences:
        sentence = masked[start:end]
        if _KIND_WORDS.search(sentence) and not _DECIDING.search(sentence):
            for k in range(start, end):
                if out[k] != "\n":
                    out[k] = " "
    view = "".join(out)
    view = _UNTIL_NOW.sub(lambda m: " " * len(m.group(0)), view)
    return _TELLING.sub(lambda m: "said" + " " * (len(m.group(0)) - 4), view)


_WRITTEN_REASON = re.compile(
    r"\b(?:(?:taken|take|taking|took) up (?:a|an|another|the) (?:[\w-]+ ){0,3}(?:role|position|"
    r"job|post|offer|place|contract|opportunity)|(?:continue|continuing|stay|staying|remain|"
    r"remaining|carry on|carrying on) (?:with |in |on |at )?(?:my|our) (?:current |present |"
    r"existing )?(?:[\w-]+ ){0,2}(?:research|studies|study|role|job|position|work|employer|"
    r"company|team|programme|program|post|degree|course|training|practice|business|firm|lab)|"
    r"(?:open|opening|start|starting|launch|launching|set up|setting up|found|founding) "
    r"(?:my|our|a) own|(?:have |has |had |'ve )(?:already )?joined (?:a|an|another) [\w-]+)",
    re.IGNORECASE)


def written_reason(view: str, offset: int, brief: ItemResult, over: ItemResult, text: str
                   ) -> ItemResult:
    """A reason the spoken families have no words for ("I have taken up a role with a
    trust", "I will continue my postdoctoral research"), found in the reason view."""
    if brief.met or over.met:
        return brief
    found = _WRITTEN_REASON.search(view)
    if found is None:
        return brief
    start, end = sentence_of(view, found.start())
    ev = Evidence(offset + found.start(), offset + found.end(),
                  text[offset + found.start():offset + found.end()])
    words = len(view[start:end].split())
    return ItemResult("brief_reason", True, 80.0, THRESHOLD, (ev,),
                      f'written reason: "{ev.text}"; 1 reason clause, {words} words')


# -- hedging in a letter ---------------------------------------------------------------------

_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e\w*|apologies|forgive me|feel (?:terrible|awful|"
                      r"bad|dreadful))\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:unless|if (?:the (?:salary|offer|role|pay|package|base|hours|"
                        r"location)|you (?:could|can|were able)|there (?:was|were|is) any way))\b",
                        re.IGNORECASE)
_ASKS_FOR_TIME = re.compile(
    r"\b(?:more time|(?:a )?(?:few|couple of) (?:more )?days|(?:final|firm|definite) (?:answer|"
    r"decision)|get back to you (?:by|on|before|next)|be in touch (?:by|on|before|next)|"
    r"(?:still )?(?:thinking|mulling) (?:it|things) over)\b", re.IGNORECASE)
APOLOGIES_THAT_BURY = 3
"""This many apologies in one letter bury the decision ("buried in repeated apologies")."""


def written_hedges(masked: str, offset: int, clear_no: ItemResult, hedged: ItemResult,
                   text: str) -> tuple[ItemResult, ItemResult]:
    """How a letter hedges, or does not.

    - A hedge in another sentence than the no ("I'll have to decline. ... I just don't
      think I could manage the commute") qualifies something else, not the decision:
      the no stands.
    - A plain request for more time, with no decision at all, is not hedging.
    - A condition on the no ("Unless the role can be remote, I won't be able to
      accept") makes it not a clear no, and hedged.
    - Three or more apologies bury the decision: hedged, though the no may stand.
    """
    vetoed = not clear_no.met and "vetoed, hedged" in clear_no.why
    if vetoed and hedged.met and clear_no.evidence:
        decision = sentence_of(masked, clear_no.evidence[0].start - offset)
        if all(sentence_of(masked, e.start - offset) != decision for e in hedged.evidence):
            clear_no = ItemResult("clear_no", True, 90.0, THRESHOLD, clear_no.evidence[:1],
                                  f'"{clear_no.evidence[0].text}": the hedge is in another '
                                  "sentence, about something else")
            hedged = ItemResult("hedged", False, 0.0, THRESHOLD, (),
                                "the hedge qualifies something else, not the decision")
    if (hedged.met and not clear_no.met and clear_no.why.startswith("the decision is hedged")
            and _ASKS_FOR_TIME.search(masked)):
        hedged = ItemResult("hedged", False, 0.0, THRESHOLD, (),
                            "asks for more time without deciding: not a hedged decision")
    if clear_no.met:
        decision = sentence_of(masked, clear_no.evidence[0].start - offset)
        found = _CONDITION.search(masked, decision[0], decision[1])
        if found is not None:
            ev = Evidence(offset + found.start(), offset + found.end(),
                          text[offset + found.start():offset + found.end()])
            clear_no = ItemResult("clear_no", False, 0.0, THRESHOLD, (ev,),
                                  f'the no is conditional ("{ev.text}"), so it is not clear')
            hedged = ItemResult("hedged", True, 90.0, THRESHOLD, (ev,),
                                f'a condition on the decision: "{ev.text}"')
    apologies = list(_APOLOGY.finditer(masked))
    if not hedged.met and len(apologies) >= APOLOGIES_THAT_BURY:
        spans = tuple(Evidence(offset + m.start(), offset + m.end(),
                               text[offset + m.start():offset + m.end()]) for m in apologies)
        hedged = ItemResult("hedged", True, 80.0, THRESHOLD, spans,
                            f"the decision is buried in {len(apologies)} apologies")
    return clear_no, hedged
