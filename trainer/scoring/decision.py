"""The decision: a clear no, or an acceptance, or caving to a counter-offer.

A clear no is found by phrase family (a declining verb with "I" or a modal in
front, a negated acceptance, an explicit "it's a no", an idiom, a bare "no")
and then checked against what would make it unclear: a negation of the
declining verb ("I won't be declining"), a hedge, a condition ("if the salary
stays there I'll decline"), a question, the wrong kind of recruiter line for a
bare "no" ("No, not yet"), or a reversal elsewhere in the reply ("scrap that,
I'll take it").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trainer.scoring.context import LineKind
from trainer.scoring.families import POLITE_IF, Hit, find, load
from trainer.scoring.utterance import Utterance

NO_FAMILIES = load("refusals")

ACCEPT_FAMILIES = load("acceptance")

_ELSEWHERE = load("elsewhere")
"""Where the speaker is going instead: "excited to start" after it is about the new job."""

CAVE_FAMILIES = load("caving")

_THIRD_PERSON = frozenset({
    "you", "they", "he", "she", "it", "which", "who", "company", "they're", "you're", "he's",
    "she's", "it's", "people", "nobody", "anyone", "someone",
})
_RELATIVE = frozenset({"that", "which", "what", "whether", "if", "sure", "unless", "think",
                       "wonder", "wondering", "before", "until", "whatever", "once", "than"})
"""Words that make an "accept" near them part of a clause about it, not a yes ("below what I
can accept", "lower than I'd accept", "not sure I can accept")."""
_JOINS = frozenset({"but", "and", "so", "though", "although", "however"})
CONDITION_REACH = 8
"""How many words an "if" may be from the decision it makes conditional."""
_QUESTION_OPENERS = frozenset({"should", "can", "could", "do", "would", "shall", "may", "is", "am",
                               "what", "how", "will"})


_REOPENS = frozenset({"taking it back", "offer still open", "change of mind"})
"""Caving families that reopen the decision even in answer to a goodbye or an offer to
keep in touch; the others ("go on then", "sounds good") only answer a counter-offer."""


@dataclass(frozen=True)
class Reversal:
    """The reply accepts their offer or reopens the decision."""

    hit: Hit
    kind: Literal["accept", "cave"]


@dataclass(frozen=True)
class DecisionReading:
    kept: tuple[Hit, ...]
    """Clear-no hits that survived every check."""
    vetoed: tuple[tuple[Hit, str], ...]
    """Clear-no hits that did not, with the reason."""
    reversal: Reversal | None


def find_reversal(utt: Utterance, kind: LineKind, no_hits: list[Hit],
                  alternative: bool = False) -> Reversal | None:
    """An acceptance of their offer, or a caving phrase, in ``utt``.

    A warm word about a counter-offer followed by a no ("that sounds great, but
    I'll pass") is a courtesy, not caving; so is warming to an ``alternative``
    (another role or office): the offer declined stays declined.
    """
    accepts = find(utt, ACCEPT_FAMILIES)
    others = find(utt, _ELSEWHERE) if accepts and not alternative else []
    for hit in accepts:
        if alternative:
            break  # saying yes to another role keeps the no to this one
        if _accept_counts(utt, hit) and not any(
                o.i < hit.i and utt.sentence[o.i] == utt.sentence[hit.i] for o in others):
            return Reversal(hit, "accept")
    for hit in find(utt, CAVE_FAMILIES):
        if kind in (LineKind.FUTURE, LineKind.WRAPUP) and hit.family.name not in _REOPENS:
            continue  # "go on then, keep me in mind" agrees to be contacted, nothing more
        if hit.family.tag == "change" and (kind is not LineKind.CHANGE or alternative
                                           or any(n.i >= hit.j for n in no_hits)):
            continue
        if hit.family.name == "change of mind" and any(
                n.i >= hit.j and utt.sentence[n.i] == utt.sentence[hit.i] for n in no_hits):
            continue  # "I've changed my mind and I won't be starting": the change is the no
        if utt.negator_before(hit.core[0], 6) is None and not _in_others_mouth(utt, hit):
            return Reversal(hit, "cave")
    return None


def _accept_counts(utt: Utterance, hit: Hit) -> bool:
    """"I won't accept", "below what I can accept", "not sure I can accept" accept nothing."""
    verb = hit.core[0]
    if utt.negator_before(verb, 4) is not None:
        return False
    before = utt.texts(hit.i - 2, hit.i)
    return not any(word in _RELATIVE for word in before)


def _in_others_mouth(utt: Utterance, hit: Hit) -> bool:
    """"you asked if I'd reconsider": someone else's words, not the speaker's move."""
    before = utt.texts(hit.i - 3, hit.i)
    return "you" in before or "asked" in before or "whether" in before


def read_decision(
    utt: Utterance, kind: LineKind, asks_to_go_ahead: bool, hedged: Hit | None, motive: bool,
    alternative: bool = False,
) -> DecisionReading:
    """Every clear-no candidate in ``utt``, sorted into those that count and those vetoed.

    ``motive`` says the reply goes on to give a reason or a complaint, which
    turns a bare "No." to "have you had a chance to look?" into a refusal;
    ``alternative`` says the line offers another role rather than a better offer.
    """
    candidates = find(utt, NO_FAMILIES)
    reversal = find_reversal(utt, kind, candidates, alternative)
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    for hit in candidates:
        reason = _veto(utt, hit, kind, asks_to_go_ahead, motive)
        if reason is None and hedged is not None:
            reason = f'hedged: "{utt.text[utt.words[hedged.i].start:utt.words[hedged.j - 1].end]}"'
        if reason is None and reversal is not None:
            r = reversal.hit
            said = utt.text[utt.words[r.i].start:utt.words[r.j - 1].end]
            what = "accepts" if reversal.kind == "accept" else "reopens the decision"
            reason = f'reversed: the reply {what} ("{said}")'
        if reason is None:
            kept.append(hit)
        else:
            vetoed.append((hit, reason))
    return DecisionReading(tuple(kept), tuple(vetoed), reversal)


def _veto(utt: Utterance, hit: Hit, kind: LineKind, asks_to_go_ahead: bool, motive: bool
          ) -> str | None:
    tag = hit.family.tag
    verb = hit.core[0]
    if tag == "verb":
        negator = utt.negator_before(verb, 3)
        if negator is not None and negator != "no":  # "no, I'm withdrawing" answers first
            return f'negated: "{negator}" before "{utt.words[verb].text}"'
    if tag == "neg" and hit.i > 0:
        before = utt.words[hit.i - 1].text
        if before in _THIRD_PERSON:
            return f'not the speaker\'s decision: "{before} {utt.words[hit.i].text}..."'
    if tag in ("idiom", "bare") and kind in (LineKind.INFO, LineKind.FUTURE, LineKind.WRAPUP):
        what = {LineKind.INFO: "declines to answer a question",
                LineKind.FUTURE: "refuses future contact, not the offer",
                LineKind.WRAPUP: "answers 'anything else?'"}[kind]
        return f"a bare refusal here {what}"
    if tag == "bare" and not asks_to_go_ahead and not motive:
        return "a bare 'no' to this line means 'not yet' or answers something else"
    if tag == "stands" and kind in (LineKind.OPENING, LineKind.STATUS, LineKind.TERMS):
        return "says a decision is made, not what it is"
    condition = _condition(utt, hit)
    if condition:
        return f'conditional: "{condition}"'
    if _is_question(utt, hit):
        return "asked as a question, not stated"
    return None


def _condition(utt: Utterance, hit: Hit) -> str | None:
    """An "if" or "unless" governing the decision: in its clause, or opening the clause just
    before or after it in the same sentence ("If the salary can't move, I'll decline")."""
    clause, sentence = utt.clause[hit.i], utt.sentence[hit.i]
    for k in range(len(utt.words)):
        word = utt.words[k].text
        if word not in ("if", "unless") or utt.sentence[k] != sentence:
            continue
        near = utt.clause[k] == clause or (abs(utt.clause[k] - clause) == 1 and (
            k == 0 or utt.words[k - 1].is_punct))
        distance = hit.i - k if k < hit.i else k - hit.j
        between = utt.texts(k, hit.i) if k < hit.i else utt.texts(hit.j, k)
        if (not near or distance > CONDITION_REACH or _JOINS & set(between)
                or utt.texts(k - 1, k) in (["even"], ["as"], ["what"])):
            continue  # "even if you offered more" makes the no firmer, not conditional
        tail = " ".join(utt.texts(k, k + 6))
        if not tail.startswith(POLITE_IF):
            return " ".join(utt.texts(k, k + 4))
    return None


def _is_question(utt: Utterance, hit: Hit) -> bool:
    sentence = utt.sentence[hit.i]
    k = hit.i
    while k > 0 and utt.sentence[k - 1] == sentence:
        k -= 1
    end = hit.j
    while end < len(utt.words) and utt.sentence[end] == sentence:
        end += 1
    last = utt.words[end - 1].text if end - 1 < len(utt.words) else ""
    if last != "?":
        return False
    first = utt.words[k].text
    return first in _QUESTION_OPENERS
