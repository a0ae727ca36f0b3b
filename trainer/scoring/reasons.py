"""Reasons: why the speaker is declining, and whether the why runs on.

A reason is a clause that names a motive from one of the families below
(another offer, staying put, fit and goals, place and commute, money,
personal life and timing), or, after a question asking why, a criticism of
theirs. Clauses are cut at punctuation and at the joining words a speaker
strings reasons together with ("and", "plus", "also", "because"); a "so ..."
conclusion or a "which ..." aside belongs to the clause before it. One or two
reason clauses is brief; three or more, or two plus a "long story" cue, is
over-detailed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.scoring.families import POLITE_IF, Family, Hit, family, find, load
from trainer.scoring.utterance import PUNCT, Utterance, is_negator

REASON_FAMILIES = load("reasons")

LONG_STORY = load("long_story")

REASON_FRAME = load("reason_frame")
"""Words that present what follows as the reason ("it's more that ...", "the real problem
is ..."), so a complaint after them is why, not just an outburst."""

DELAY = load("delay")
"""Asking to wait: the motive that follows is for waiting, not for declining."""

_SPLIT_WORDS = frozenset({"and", "but", "plus", "also", "because", "since", "then", "so",
                          "although", "though", "whereas"})
_MERGE_WORDS = frozenset({"so", "which", "that", "unlike", "compared", "especially",
                          "particularly", "including", "than", "who", "where"})
_COPE = frozenset({"do", "manage", "handle", "face", "afford", "justify", "cope", "stand",
                   "make", "hack", "swing", "stomach"})
_CANNOT = frozenset({"can't", "cannot", "couldn't", "wouldn't", "won't"})
""""I can't do the commute", "couldn't justify the drop in pay": a motive, not ruled out."""
_SOFT_NEG_FILLERS = frozenset({"really", "just", "only", "about", "because", "of", "down", "to",
                               "do", "with", "the", "my", "your", "a", "so", "much", "even",
                               "all", "that", "it's", "it", "is", "was", "amount", "any"})

OVER_DETAILED_UNITS = 3
LONG_REASON_WORDS = 45


@dataclass(frozen=True)
class ReasonUnit:
    start: int
    end: int
    """Word span ``[start, end)`` of the clause."""
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class ReasonReading:
    units: tuple[ReasonUnit, ...]
    long_story: Hit | None
    words: int
    """Words spent on the reason (in the reason clauses)."""
    vetoed: tuple[tuple[Hit, str], ...]

    @property
    def count(self) -> int:
        return len(self.units)

    @property
    def over_detailed(self) -> bool:
        if self.count >= OVER_DETAILED_UNITS:
            return True
        if self.count >= 2 and self.long_story is not None:
            return True
        return self.count >= 1 and self.words >= LONG_REASON_WORDS


AT_WRAPUP = frozenset({"another offer", "where I'm going", "staying put", "not my direction"})
"""Motives that are the reason wherever they are said ("I've signed with Cartwright"). At the
end of the call the others (money, hours, travel, place) are mostly something else: advice
("maybe tell candidates the salary sooner"), a parting jibe ("you'll need it with that
budget"), small talk ("a long week at my current job"); they count there only when the
sentence frames them as why."""
_WHY_WORDS = frozenset({"because", "reason", "reasons", "why", "declining", "decline",
                        "declined", "turned", "turning", "withdrawing", "withdrew", "no",
                        "came", "just", "really", "mainly", "mostly", "purely"})


_DECLINED_WORDS = frozenset({"declining", "decline", "declined", "turned", "turning",
                            "withdrawing", "withdrew", "withdrawn"})


def said_as_why(utt: Utterance, hit: Hit, strict: bool = False) -> bool:
    """Whether the motive's sentence says it is why ("I'm declining because...", "it was
    just the hours, really", "sorry it's a no: the commute"); ``strict``: only beside the
    words of the no itself ("I only turned it down because of the travel"), where a motive
    is usually about something else (what they want next time)."""
    sentence = utt.sentence[hit.i]
    words = _DECLINED_WORDS if strict else _WHY_WORDS
    return any(w.text in words for w, n in zip(utt.words, utt.sentence, strict=True)
               if n == sentence) or (not strict and bool(find(utt, REASON_FRAME)))


def clause_spans(utt: Utterance) -> list[tuple[int, int]]:
    """Word spans of the clauses a speaker strings reasons together with."""
    spans: list[tuple[int, int]] = []
    start = 0
    words = utt.words
    for k, word in enumerate(words):
        if word.is_punct:
            if k > start:
                spans.append((start, k))
            start = k + 1
        elif (word.text in _ORDINALS and k > start
              and words[k - 1].text not in _DETERMINERS):
            spans.append((start, k))  # "first the salary second the location third ..."
            start = k
        elif word.text in _SPLIT_WORDS and k > start:
            if word.text == "also" and words[k - 1].text == "and":
                continue
            spans.append((start, k))
            start = k
        elif (word.text == "too" and k > start and words[k - 1].text not in _TOO_GLUE
              and any(w.text == "too" for w in (*words[start:k - 1], *words[k + 2:k + 4]))):
            spans.append((start, k))  # "too far too junior too little": a list said tersely
            start = k
    if start < len(words):
        spans.append((start, len(words)))
    return spans


_ORDINALS = frozenset({"second", "secondly", "third", "thirdly", "fourth", "fourthly", "lastly"})
"""Words that number the items of a spoken list of reasons."""
_DETERMINERS = frozenset({"the", "a", "an", "my", "our", "your", "their", "his", "her", "its",
                          "every", "each", "this", "that", "one", "per", "split"})


_ASIDE_CLAUSES = (["to", "be", "honest"], ["to", "be", "fair"], ["if", "i'm", "honest"],
                  ["if", "i'm", "being", "honest"], ["in", "all", "honesty"], ["you", "know"],
                  ["i", "mean"], ["mate"], ["to", "be", "frank"], ["truth", "be", "told"])
"""Clauses that only colour the one around them ("..., to be honest."): no reason of their
own, and no break between a reason and what says more about it."""
_TOO_GLUE = frozenset({"way", "much", "a", "bit", "little", "just", "and", "or", "it's", "is",
                       "was", "be", "are", "were", "me"})
"""Words before a "too" that belong with it ("way too", "it's too"), not a new list item."""


_NO_THEN_WHY = frozenset({"it's", "its", "it", "it'd", "that's", "i'm", "i've", "i'd", "i",
                          "they", "they're", "there's", "we", "we're", "we've"})
"""Subjects that start a clause of their own after a "no": what follows is not negated by it."""


def _negated(utt: Utterance, hit: Hit) -> bool:
    """"it isn't about the money": a motive named only to rule it out."""
    if is_negator(utt.words[hit.i].text):
        return False  # "no, not really, it just wasn't the right time": the no answers else
    negator = utt.negator_before(hit.i, 5, _SOFT_NEG_FILLERS | _COPE)
    if negator in ("neither", "nor") and "about" not in utt.texts(hit.i - 6, hit.i):
        return False  # "neither the salary nor the location works for me": both are why
    if negator in _CANNOT and _COPE & set(utt.texts(hit.i - 4, hit.i)):
        return False  # "I can't do the commute": what they cannot face is why they decline
    if negator in _CANNOT and utt.texts(hit.i, hit.i + 1) == ["take"]:
        return False  # "I can't take a cut": the motive names what they cannot take
    if negator == "no":
        # "I'm going to say no the salary just isn't enough": the no said, run on into why
        at = max(k for k in range(max(hit.i - 5, 0), hit.i) if utt.words[k].text == "no")
        if utt.texts(at - 1, at) in (["say"], ["saying"], ["said"]):
            return False
        if _NO_THEN_WHY & set(utt.texts(at + 1, hit.i)):
            return False  # "yeah no it's just the commute": the no answers, then the why
    return negator is not None


def read_reasons(
    utt: Utterance,
    excluded: list[tuple[int, int]],
    extra: list[Hit],
    found: list[Hit] | None = None,
    blocked: Sequence[tuple[int, int]] = (),
    declined: Sequence[tuple[int, int]] = (),
    offered: frozenset[str] = frozenset(),
) -> ReasonReading:
    """The reason clauses of ``utt``.

    ``excluded`` are word spans that cannot hold a reason (a thank-you for
    the offer, a close); ``extra`` are criticisms that count as reasons here;
    ``found`` are the reason-family hits if already looked for; ``blocked``
    are spans that say something else (the decision itself, a hedge, an
    apology), so they are never counted as a further detail of the reason;
    ``declined`` are the spans of the decision itself, whose object ("pass on the
    trial shift") is what is declined, not why; ``offered`` are the words of what the
    recruiter just offered, which the reply may echo ("A signing bonus. How thrilling.",
    "part time, hmm, maybe") without giving them as its motive.
    """
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    if found is None:
        found = find(utt, REASON_FAMILIES)
    for hit in [*found, *extra]:
        if any(s <= hit.i < e for s, e in excluded):
            vetoed.append((hit, "part of a thank-you or a goodbye"))
        elif _declined_object(utt, hit, declined):
            vetoed.append((hit, "what is declined, not why"))
        elif offered and _echoes(utt, hit, offered):
            vetoed.append((hit, "echoes what they offered, not why"))
        elif _their_alternative(utt, hit):
            vetoed.append((hit, "the alternative they offered, not a reason"))
        elif _keeps_private(utt, hit):
            vetoed.append((hit, "declines to say, gives no reason"))
        elif _consulted(utt, hit):
            vetoed.append((hit, "someone to talk it over with, not a reason"))
        elif _conceded(utt, hit):
            vetoed.append((hit, "conceded as fine before the real reason"))
        elif _wished_for(utt, hit):
            vetoed.append((hit, "what would change the decision, not a reason"))
        elif _negated(utt, hit):
            vetoed.append((hit, "named only to rule it out"))
        elif _in_question(utt, hit):
            vetoed.append((hit, "asked, not given as a reason"))
        elif _in_condition(utt, hit):
            vetoed.append((hit, "a condition for changing the decision, not a reason"))
        else:
            kept.append(hit)
    spans = clause_spans(utt)
    criticism = [h for h in kept if h in extra]
    units = _units(utt, spans, kept, set(), criticism)
    if units:
        details = _detail_spans(utt, spans, units, [*excluded, *blocked])
        if details:
            units = _units(utt, spans, kept, details, criticism)
    # words are counted over whole clauses (the length limit was set that way); the units
    # themselves, and so the evidence, start at the reason, not at the no said before it
    words = sum(sum(1 for w in utt.words[u.start:u.end] if not w.is_punct) for u in units)
    units = [_after_decision(utt, u, blocked) for u in units]
    story = find(utt, LONG_STORY) if units else []
    return ReasonReading(tuple(units), story[0] if story else None, words, tuple(vetoed))


_REASON_SUBJECTS = frozenset({"i", "i've", "i'm", "i'd", "i'll", "we", "we've", "we're", "we'd",
                       "we'll", "my", "our", "it's", "they", "they've", "they're", "there's",
                       "the", "it", "it'd"})
"""Words a reason's own clause starts on, when it follows the no without a pause."""


def _after_decision(utt: Utterance, unit: ReasonUnit,
                    blocked: Sequence[tuple[int, int]]) -> ReasonUnit:
    """``unit`` without the no (or hedge) said before its reason in one breath.

    Unpunctuated speech runs "I won't be going ahead with the interview I've accepted
    a job at another bank" into one clause; the reason is "I've accepted a job at another
    bank", starting at its own subject (or at its first word when it has none)."""
    if not unit.hits:
        return unit
    first = min(h.i for h in unit.hits)
    ends = [j for i, j in blocked if unit.start <= i and j <= first]
    if not ends:
        return unit
    gap = max(ends)
    start = first
    for k in range(first, max(gap, first - 4) - 1, -1):
        if utt.words[k].text in _REASON_SUBJECTS:
            start = k
            break
    return ReasonUnit(max(start, unit.start), unit.end, unit.hits)


def _units(utt: Utterance, spans: list[tuple[int, int]], kept: list[Hit],
           details: set[tuple[int, int]], extra: Sequence[Hit] = ()) -> list[ReasonUnit]:
    """Reason clauses in order, each with the "so ..." / "which ..." clauses that hang on it.
    A clause in ``details`` is a further reason no family names (an item in a list)."""
    units: list[ReasonUnit] = []
    last_was_unit = False
    for start, end in spans:
        inside = tuple(h for h in kept if start <= h.i < end)
        first_word = utt.words[start].text if start < len(utt.words) else ""
        if last_was_unit and (first_word in _MERGE_WORDS or _continues(utt, units[-1], start,
                                                                         end, inside)):
            last = units[-1]
            units[-1] = ReasonUnit(last.start, end, last.hits + inside)
            continue
        if inside or (start, end) in details:
            units.append(ReasonUnit(start, end, inside))
            last_was_unit = True
        elif _content(utt, start, end) > 0 and utt.texts(start, end) not in _ASIDE_CLAUSES:
            last_was_unit = False
        # else a filler clause ("..., honestly. It'd be two hours"): what follows may still
        # say more about the reason before it
    return _split_run_on(utt, units, extra)


_NEW_SUBJECT = frozenset({"the", "nobody", "no", "your", "their", "they", "he", "she", "you",
                          "everyone", "none", "there", "it", "it's", "they're", "there's"})


_NEW_NOUN_PHRASE = frozenset({"the", "there's", "theres"})
"""Words that open a further motive in a bare list."""


def _split_run_on(utt: Utterance, units: list[ReasonUnit],
                  criticism: Sequence[Hit]) -> list[ReasonUnit]:
    """Complaints run together without a pause ("the interviewer was late the office was
    filthy the pay was rubbish") are one clause per complaint: a criticism that ends where
    a new subject starts, with another reason after it, closes its own clause."""
    ends = {h.j for h in criticism}
    # motives listed bare ("it's the pay the hours and the drive", "they pay better the
    # office is close"): a motive that ends where a new noun phrase starts, with another
    # motive after it, is an item of its own (not "the hours the hours", said twice, nor
    # "the commute it's two hours", which says more about it)
    listed = {h.j for u in units if len(u.hits) > 1 for h in u.hits
              if h.j < len(utt.words) and utt.words[h.j].text in _NEW_NOUN_PHRASE
              and any(h.j < g.i <= h.j + 2 for g in u.hits)
              and utt.texts(h.j + 1, h.j + 1 + h.j - h.i) != utt.texts(h.i, h.j)}
    ends |= listed
    if not ends:
        return units
    out: list[ReasonUnit] = []
    for unit in units:
        start = unit.start
        for k in range(unit.start + 1, unit.end - 1):
            if (k in ends and k > start and utt.words[k].text in _NEW_SUBJECT | _NEW_NOUN_PHRASE
                    and any(h.i >= k for h in unit.hits)):
                out.append(ReasonUnit(start, k, tuple(h for h in unit.hits
                                                      if start <= h.i < k)))
                start = k
        out.append(ReasonUnit(start, unit.end, tuple(h for h in unit.hits if h.i >= start)))
    return out


def _continues(utt: Utterance, last: ReasonUnit, start: int, end: int,
               inside: tuple[Hit, ...]) -> bool:
    """Whether clause ``[start, end)`` says more about the reason just given rather than
    adding one: "dismissive and rude" (a bare "and"-word), or a new sentence about the same
    kind of reason ("it's mainly the commute. It'd be two hours each way")."""
    words = [w.text for w in utt.words[start:end] if not w.is_punct]
    if words and words[0] in ("and", "or") and len(words) <= 2:
        return True
    if (not inside and utt.sentence[start] != utt.sentence[last.start] and words
            and words[0] in _SAYS_MORE and not _NOT_A_REASON & set(words)):
        return True  # "Mostly the drive. It'd be ninety minutes each way": the same reason
    if (inside and utt.sentence[start] != utt.sentence[last.start] and words
            and words[0] not in _LIST_JOINS):
        kinds = {h.family.tag for h in last.hits if h.family.tag}
        return any(h.family.tag in kinds for h in inside)
    return False


_SAYS_MORE = frozenset({"it", "it's", "it'd", "it'll", "that", "that's", "that'd"})
"""Words a new sentence starts on when it says more about the reason just given."""
_LIST_JOINS = frozenset({"and", "also", "plus", "then", "on", "as", "oh", "not", "besides"})
_NOT_A_REASON = frozenset({
    "thank", "thanks", "appreciate", "appreciated", "sorry", "apologies", "hope", "hoping", "wish",
    "wishing", "enjoyed", "enjoy", "pleasure", "lovely", "excited", "forward", "luck", "best",
    "grateful", "kind", "understand", "glad", "pleased", "nice", "shame", "pity", "decision",
    "decline", "declining", "withdraw", "withdrawing", "pass", "accept", "accepting", "offer",
    "instead", "anyway", "guess", "know", "mean", "hi", "hey", "hello", "hiya", "g'day", "morning",
    "afternoon", "evening", "namaste", "dear", "decent", "generous", "thoughtful", "sweet",
    "called", "named", "smashing", "brilliant", "great", "fab", "fabulous", "fantastic",
    "wonderful", "amazing", "helpful", "star", "legend", "gem", "diamond", "cracking", "superb",
    "excellent", "awesome", "ace", "champion",
})
_SUBJECTS = frozenset({"i", "i'm", "i've", "i'll", "i'd", "we", "we're", "we've", "my"})
_ASIDE = frozenset({"think", "called", "named", "spelling", "spelt", "spelled", "forget",
                    "forgot", "remember"})
"""Words of an aside about the reason ("I think it's called ...", "I always forget the
name"), not a further reason."""
DETAIL_CONTENT = 2
"""Content words a clause needs to count as a further reason in a list."""


def _detail_spans(utt: Utterance, spans: list[tuple[int, int]], units: list[ReasonUnit],
                  blocked: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Clauses that carry on a reason as further items of a list ("better pay, a shorter
    commute, and a team I'd actually learn from"; "... and it's fully funded and it's near
    my partner") though no family names them.

    Only clauses in a sentence that gives a reason, or in a sentence chained to one with
    "and", "also", "plus"; never a thank-you, the decision, a hedge, a question or a
    pleasantry. Before the first reason, only a comma-list item without "I" counts
    ("Bigger team, better pay"): "Hi Kerry, ..." and "I loved the team, but ..." do not.
    """
    covered = {k for u in units for k in range(u.start, u.end)}
    sentences = {utt.sentence[u.start] for u in units}
    for sent in range(max(sentences) + 1, (utt.sentence[-1] if len(utt) else 0) + 1):
        if sent - 1 not in sentences:
            break
        first = next((w.text for w, n in zip(utt.words, utt.sentence, strict=True)
                      if n == sent and not w.is_punct), "")
        if first not in _LIST_JOINS:
            break
        sentences.add(sent)
    first_unit = min(u.start for u in units)
    out: set[tuple[int, int]] = set()
    for idx, (start, end) in enumerate(spans):
        if (utt.sentence[start] not in sentences or any(k in covered for k in range(start, end))
                or any(s < end and start < e for s, e in blocked)):
            continue
        texts = utt.texts(start, end)
        after = utt.texts(end, end + 1)
        if after == ["?"] or _NOT_A_REASON & set(texts) or _ASIDE & set(texts):
            continue
        if _is_name(utt, start, end):
            continue  # "I'm going to a competitor, Harlow Digital": who, not another reason
        terse = len(texts) == 2 and texts[0] == "too"  # "too far, too junior, too little"
        terse = terse or _list_item(utt, start, end)
        if _content(utt, start, end) < DETAIL_CONTENT and not terse:
            continue
        if start < first_unit and (_FINE & set(texts) or "of" in texts[-2:-1]):
            continue  # "that's decent of them, but ...": a compliment before the reason
        if start < first_unit and not terse:
            nxt = spans[idx + 1][0] if idx + 1 < len(spans) else end
            listed = after == [","] and utt.sentence[nxt] == utt.sentence[start] and (
                nxt in covered or len(texts) <= 5)
            if not listed or _SUBJECTS & set(texts) or len(texts) > 5:
                continue
        out.add((start, end))
    return out


_LIST_HEADS = frozenset({"the", "same", "that", "those", "your", "their", "its", "no", "zero"})
"""Words a bare noun phrase in a spoken list of complaints starts with ("the salary, the
hours, the attitude"; "same managers, same rota"; "no parking, no canteen")."""


def _list_item(utt: Utterance, start: int, end: int) -> bool:
    """A short noun phrase that is one item of a comma list: one reason however few words
    it has, as "the pay, the hours and the attitude" gives three."""
    texts = utt.texts(start, end)
    if texts[:1] == ["and"]:
        texts = texts[1:]
    if not texts or len(texts) > 5 or texts[0] not in _LIST_HEADS:
        return False
    return utt.texts(start - 1, start) == [","] or utt.texts(end, end + 1) == [","]


def _echoes(utt: Utterance, hit: Hit, offered: frozenset[str]) -> bool:
    """Whether every meaning word of the motive repeats the recruiter's offer, in a
    sentence that does not say it is why ("the bonus won't change it" vs "it's still the
    hours, really")."""
    words = [part for w in utt.texts(hit.i, hit.j) if is_content(w) for part in w.split("-")]
    if not words or not all(w in offered for w in words) or said_as_why(utt, hit):
        return False
    clause = utt.clause[hit.i]
    said = [w.text for w, c in zip(utt.words, utt.clause, strict=True) if c == clause]
    if _EFFECT & set(said):
        return True  # "a bonus won't change it": what the offer does, not why
    # "relocating isn't possible for me", "nights aren't for me", "it's not flexible", "I
    # need fully remote": the speaker's own verdict on it, said right by it, is the reason
    near = [*utt.texts(max(hit.i - 2, 0), hit.i), *utt.texts(hit.j, hit.j + 2)]
    return not (any(is_negator(w) for w in near) or _VERDICT & set(near))


_EFFECT = frozenset({"change", "changes", "difference", "help", "helps", "matter", "sway",
                     "tempt", "fix"})
_VERDICT = frozenset({"too", "need", "needs", "hard", "impossible", "for"})


def _is_name(utt: Utterance, start: int, end: int) -> bool:
    """"I'm going to a competitor, Harlow Digital": a name in apposition (every word written
    with a capital, mid-sentence) says which, not a further reason."""
    words = [w for w in utt.words[start:end] if not w.is_punct]
    if not words or start == 0 or not utt.words[start - 1].is_punct:
        return False
    if utt.words[start - 1].text != ",":
        return False
    return all(utt.text[w.start:w.end][:1].isupper() and w.text not in _SUBJECTS
               for w in words)


_OBJECT_OPENERS = frozenset({"on", "the", "your", "this", "that", "a", "an", "up", "out", "my",
                             "it", "from"})
_LINKS = frozenset({"because", "since", "as", "due", "given", "for", "cos", "owing", "but", "and",
                    "so", "with", "i", "i've", "i'm", "i'd", "i'll", "we", "we've", "we're",
                    "they", "they've", "they're", "it's", "there's", "which", "that's", "was",
                    "were", "is", "are", "been", "felt", "seemed", "looked"})


_PRIVATE = ("rather not", "prefer not", "between me and", "between us", "not something i",
            "not really something i", "not anything i", "don't want to get into",
            "don't want to go into", "keep that to", "keep it to", "that's private",
            "it's private", "a private matter")
"""What a clause says when it declines to answer ("that's between me and my family", "not
really something I want to get into"): the words in it are no reason."""


def _keeps_private(utt: Utterance, hit: Hit) -> bool:
    clause = utt.clause[hit.i]
    start = hit.i
    while start > 0 and utt.clause[start - 1] == clause:
        start -= 1
    # only a refusal said before (or around) the motive: "I'm going to a competitor, I'd
    # rather not say which" names where they go
    said = " ".join(utt.texts(start, hit.j))
    return any(cue in said for cue in _PRIVATE)


_CONSULT = frozenset({"discuss", "discussing", "talk", "talking", "speak", "speaking", "check",
                      "checking", "consult", "consulting", "chat", "chatting"})
"""Verbs (and their particles) of talking a decision over: "talk it through with my wife"."""


def _consulted(utt: Utterance, hit: Hit) -> bool:
    """"let me discuss with family", "talk it through with my wife": the family is who the
    speaker will decide with, not why they decline."""
    before = utt.texts(max(hit.i - 3, 0), hit.i)
    if "with" not in before:
        return False
    at = hit.i - len(before) + before.index("with")
    return bool(_CONSULT & set(utt.texts(max(at - 4, 0), at)))


def _declined_object(utt: Utterance, hit: Hit, declined: Sequence[tuple[int, int]]) -> bool:
    """"I'll have to pass on the trial shift": the motive word is the thing declined."""
    if _LINKS & set(utt.texts(hit.i + 1, hit.j)):
        return False  # "declining the offer I accepted another one": a clause of its own
    if utt.texts(hit.j, hit.j + 1)[:1] and utt.texts(hit.j, hit.j + 1)[0] in _PREDICATE_STARTS:
        return False  # "decline the pay just isn't enough": the motive is the subject of a clause
    for _, end in declined:
        if utt.texts(end - 1, end) in (["down"], ["back"]) and end > 1:
            continue  # "turning the offer down my partner...": the object came before "down"
        between = utt.texts(end, hit.i)
        if (end <= hit.i and hit.i - end <= 4 and utt.clause[end - 1] == utt.clause[hit.i]
                and (not between or between[0] in _OBJECT_OPENERS)
                and not _LINKS & set(between) and not _new_phrase(between)):
            return True
    return False


_PREDICATE_STARTS = frozenset({
    "is", "isn't", "was", "wasn't", "just", "doesn't", "didn't", "won't", "wouldn't", "seems",
    "seemed", "feels", "felt", "looks", "looked", "really", "simply", "still", "isnt", "wasnt",
    "doesnt", "would", "will", "are", "aren't", "were", "weren't",
})
"""Words that start what is said about a noun: after the motive, it heads a clause of its own
(run on after the no without a pause), so it is not the thing declined."""

_PHRASE_STARTS = frozenset({"the", "my", "our", "a", "an", "i", "i've", "i'm", "i'd", "we",
                            "we've", "we're", "they", "they've", "it's", "there's"})
_OBJECT_GLUE = frozenset({"on", "from", "of", "to", "for", "with", "in", "at", "the", "a", "an",
                          "this", "that", "your", "their", "its", "my", "our"})


def _new_phrase(between: list[str]) -> bool:
    """"turning the offer down my partner ...", "withdraw from the process the commute ...":
    after the declined thing is complete, a fresh noun phrase or subject starts the reason."""
    for k in range(1, len(between)):
        if (between[k] in _PHRASE_STARTS and between[k - 1] not in _OBJECT_GLUE):
            return True
    return False


_ALTERNATIVE_SLOT = frozenset({"any", "in", "about", "consider", "considering", "either"})


def _their_alternative(utt: Utterance, hit: Hit) -> bool:
    """"not interested in any other team": the other role is what they offered and the
    speaker refuses; it is not where the speaker is going."""
    return (hit.family.tag == "other" and utt.words[hit.i].text in ("another", "other",
                                                                     "a", "different")
            and bool(_ALTERNATIVE_SLOT & set(utt.texts(hit.i - 2, hit.i))))


_FINE = frozenset({"alright", "fine", "good", "great", "okay", "decent", "generous", "fair",
                   "nice", "lovely", "competitive", "attractive", "amazing", "brilliant"})


def _conceded(utt: Utterance, hit: Hit) -> bool:
    """"The pay's fine, but ...": a motive granted as good, then set aside."""
    clause = utt.clause[hit.i]
    k = hit.j
    good = False
    while k < len(utt.words) and utt.clause[k] == clause:
        word = utt.words[k].text
        good = good or word in _FINE or (word == "right" and utt.words[k - 1].text == "all")
        k += 1
    if k < len(utt.words) and utt.words[k].is_punct:
        k += 1
    return good and utt.texts(k, k + 1) == ["but"]


_WOULD = frozenset({"would", "could", "might", "may"})
_WOULD_DO = frozenset({"help", "work", "change", "tempt", "sway", "make", "swing", "tip",
                       "persuade", "convince"})


def _wished_for(utt: Utterance, hit: Hit) -> bool:
    """"maybe a bonus would help": the motive is a condition for saying yes, not a reason
    for saying no."""
    clause = utt.clause[hit.i]
    k = hit.j
    while k < len(utt.words) - 1 and utt.clause[k] == clause and k - hit.j < 4:
        if utt.words[k].text in _WOULD and utt.words[k + 1].text in _WOULD_DO | {"really",
                                                                              "definitely"}:
            return True
        k += 1
    return False


ANSWER_CONTENT = 3
"""Content words a clause needs to be taken as the answer to "why?"; one word fewer after a
focusing word ("mainly the team", "mostly the hours")."""
_FOCUS = frozenset({"mainly", "mostly", "largely", "partly", "primarily", "chiefly", "purely",
                    "basically", "simply"})
ANSWER = family("answers why", r"(?!)", 70.0, "answer")
BECAUSE = family("because", r"(?!)", 75.0, "because")
_LINK_WORDS = ("because", "since", "due", "reason", "cos")
_FUNCTION_WORDS = frozenset([
    "a", "an", "the", "it", "it's", "its", "is", "was", "were", "be", "been", "being", "am", "are",
    "i", "i'm", "i'd", "i've", "i'll", "me", "my", "mine", "you", "your", "yours", "we", "our",
    "they", "their", "them", "he", "she", "his", "her", "this", "that", "these", "those", "there",
    "here", "so", "and", "but", "or", "if", "then", "just", "really", "very", "quite", "honestly",
    "well", "oh", "um", "uh", "er", "yeah", "yes", "no", "not", "don't", "doesn't", "didn't",
    "isn't", "wasn't", "won't", "can't", "do", "does", "did", "have", "has", "had", "to", "of",
    "for", "in", "on", "at", "by", "with", "from", "about", "as", "now", "still", "also", "even",
    "only", "sure", "okay", "right", "course", "of", "thanks", "thank", "sorry", "please", "would",
    "could", "should", "will", "can", "may", "might", "must", "one", "some", "any", "all", "what",
    "which", "who", "why", "how", "when", "where",
])
_DECLINES_TO_ANSWER = ("rather not", "prefer not", "private", "not go into", "not get into",
                       "doesn't matter", "not important", "nothing to do with", "keep the details",
                       "keep that", "rather keep", "prefer to keep", "not say", "can't say",
                       "want to get into", "want to go into", "get into it", "go into it",
                       "go into detail", "talk about it", "under wraps")


def fallback(utt: Utterance, asks_why: bool, decided: bool) -> ReasonReading | None:
    """A reason no family names: a real answer to "why?", or a "because ..." after a no.

    Motives are open-ended; when the recruiter asked why, a substantive answer
    is the reason whatever its words, and after a no, "because ..." says why.
    A reply that declines to answer gives no reason, however long.
    """
    spans = clause_spans(utt)
    if decided:
        for start, end in spans:
            if utt.words[start].text in _LINK_WORDS and _content(utt, start, end) >= 2:
                return _single(BECAUSE, start, end)
    if asks_why and not any(cue in utt.joined for cue in _DECLINES_TO_ANSWER):
        for start, end in spans:
            if _in_question(utt, Hit(ANSWER, start, end, 0.0, (start, end))):
                continue  # "anyway, how's your week been?" asks back, it answers nothing
            focused = bool(_FOCUS & set(utt.texts(start, start + 2)))
            if _content(utt, start, end) >= ANSWER_CONTENT - focused:
                return _single(ANSWER, start, end)
    return None


def _content(utt: Utterance, start: int, end: int) -> int:
    return sum(1 for w in utt.texts(start, end) if is_content(w))


def is_content(word: str) -> bool:
    """Whether a canonical word carries meaning of its own (not "the", "of", "I", ...)."""
    return word not in _FUNCTION_WORDS and word != "'s" and word not in PUNCT


def _single(fam: Family, start: int, end: int) -> ReasonReading:
    hit = Hit(fam, start, end, fam.weight, (start, end))
    return ReasonReading((ReasonUnit(start, end, (hit,)),), None, end - start, ())


def _in_question(utt: Utterance, hit: Hit) -> bool:
    clause = utt.clause[hit.i]
    k = hit.j
    while k < len(utt.words) and utt.clause[k] == clause:
        if utt.words[k].text == "?":
            return True
        k += 1
    return False


_EMBEDDING = frozenset({"know", "sure", "wonder", "wondering", "unsure", "certain", "see",
                        "ask", "asking", "check", "tell"})
"""Words after which "if" asks a question ("I don't know if it's the right time") rather
than setting a condition."""


_CAUSAL = frozenset({"because", "cos", "cause", "since"})


def _in_condition(utt: Utterance, hit: Hit) -> bool:
    """"if the salary were higher": a motive inside a condition is what would change the
    decision. A polite "if that's okay" or an embedded "I don't know if ..." is none."""
    clause = utt.clause[hit.i]
    k = hit.i - 1
    while k >= 0 and utt.clause[k] == clause and hit.i - k <= 8:
        if utt.words[k].text in _CAUSAL:
            return False  # "I don't know if I can take it because the shifts ...": the why
        if utt.words[k].text in ("if", "unless"):
            tail = " ".join(utt.texts(k, k + 6))
            return not (tail.startswith(POLITE_IF) or (utt.texts(k - 1, k)[0:1] and
                        utt.texts(k - 1, k)[0] in _EMBEDDING))
        k -= 1
    return False
