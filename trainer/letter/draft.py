"""Drafting the follow-up letter offline, from the scenario and from what the user said.

The inputs are neutral: the :class:`~trainer.scenario.model.Scenario` (who, which
company, which role, who helped) and the call as a sequence of ``(recruiter
line, reply, ReplyScore)`` values, so a saved session, a live call or a test
can all feed it. What the user said is used only through what the detectors
found in it, each span widened to its clause and cleaned into written English:

- their own thanks (the clause around the thanks evidence),
- their reason, **only if they gave one** (the ``brief_reason`` evidence, or the
  first clause of an over-detailed reason); a reason that ran the company down
  is left out; nothing is ever invented in its place,
- their close (the sentence around the ``graceful_close`` evidence).

Where the call missed thanks, a clear no or a warm close, the draft writes one
and says so in :attr:`Draft.repairs`, so the letter repairs the call. Every
clause taken from the call is re-scored on its own and dropped if it does not
still read as what it was taken for, so a misheard fragment never reaches the
letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from trainer.letter.letter import Letter, count_words
from trainer.scenario.model import Scenario
from trainer.scoring.result import Evidence, ReplyScore
from trainer.scoring.scorer import Scorer

MIN_WORDS = 60
MAX_WORDS = 150
"""The draft's length, salutation to sign-off: about what fits an email."""
MAX_CLAUSE_WORDS = 30
"""A clause from the call longer than this is not used (it would be a speech, not a line)."""
SIGN_OFF = "Best regards,"
WRAP_UP_LINE = "Is there anything else before I let you go?"


class CallTurn(NamedTuple):
    """One turn of the call as the draft needs it; any ``(str, str, ReplyScore)`` tuple works."""

    recruiter: str
    reply: str
    score: ReplyScore


@dataclass(frozen=True)
class Repair:
    """Something the call missed that the letter puts right, for the UI to show."""

    item: str
    """The checklist item the call missed (``thanks``, ``clear_no``, ``graceful_close``),
    or the pitfall the letter leaves out (``offensive``, ``over_detailed``)."""
    message: str


@dataclass(frozen=True)
class Draft:
    letter: Letter
    repairs: tuple[Repair, ...]
    from_call: dict[str, str]
    """The user's own words the letter uses, by part: ``thanks``, ``reason``, ``close``."""


# -- the scenario ---------------------------------------------------------------------------

_KIND = {
    "decline_offer": "offer",
    "decline_interview": "interview",
    "decline_second_interview": "interview",
    "cancel_interview": "interview",
    "salary_below_expectations": "interview",
}
_SUBJECT = {
    "decline_offer": "{Role} offer: declining with thanks",
    "decline_interview": "{Role} interview: declining with thanks",
    "decline_second_interview": "Withdrawing my application: {Role}",
    "cancel_interview": "Cancelling my interview: {Role}",
    "salary_below_expectations": "Withdrawing my application: {Role}",
}
_DECISION = {
    "decline_offer": "I won't be accepting the offer for {role}",
    "decline_interview": "I won't be going ahead with the interview for {role}",
    "decline_second_interview": "I'm withdrawing my application for {role}",
    "cancel_interview": "I need to cancel my interview for {role}",
    "salary_below_expectations": "I won't be going ahead with my application for {role}",
}
_THANKS = {
    "decline_offer": "Thank you for the offer, and for all your help throughout the process.",
    "decline_interview": "Thank you for inviting me to interview, and for thinking of me.",
    "decline_second_interview": "Thank you for inviting me back for a second interview, and "
                                "for the team's time.",
    "cancel_interview": "Thank you for arranging my interview, and for your help along the way.",
    "salary_below_expectations": "Thank you for your time, and for being so open with me "
                                 "about the role.",
}
_CLOSE = ("Thank you again for everything. I wish you and the team at {company} all the best, "
          "and I hope our paths cross again.")
_EXTRA = ("I really appreciated your time and your help throughout.",
          "I'd be glad to stay in touch, and I hope our paths cross again.")
"""Added, in turn, only while a draft is under :data:`MIN_WORDS`; they say nothing about
why."""

_HELPER = re.compile(
    r"\b(?:hiring manager|manager|director|team lead|line manager|interviewer|head of \w+|"
    r"coordinator|recruiter|lead|founder|partner)\W{1,3}([A-Z][a-z]+)\b")
_THANKS_WORD = re.compile(r"\b(?:thank|thanks|grateful|gratitude|appreciate)\b", re.IGNORECASE)
_OWN_THANKS = re.compile(
    r"(?:thank|thanks|many thanks|i (?:really |truly |do )?(?:appreciate|appreciated)|"
    r"i'm (?:so |very |really |truly )?grateful|i am (?:so |very |really |truly )?grateful)\b",
    re.IGNORECASE)
"""A thanks that can open a letter speaks for the writer ("That's kind of you" answers a
counter-offer; it does not thank anyone for the offer)."""
_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")


def kind_of(scenario: Scenario) -> str:
    """``offer`` or ``interview``: what the letter turns down."""
    return _KIND.get(scenario.situation, "offer")


def role_phrase(role: str) -> str:
    """"Data analyst" -> "the data analyst role", keeping acronyms ("UX designer")."""
    words = role.strip().split()
    if words and not (len(words[0]) > 1 and words[0][1].isupper()):
        words[0] = words[0][0].lower() + words[0][1:]
    text = " ".join(words)
    if words and words[-1].lower() in ("role", "position", "post", "job"):
        return f"the {text}"
    return f"the {text} role"


def helpers(scenario: Scenario) -> list[str]:
    """First names of the people who helped, besides the recruiter.

    Named in the briefing with what they do ("the hiring manager, Daniel") or in a
    thanks phrase of a custom item ("thank Daniel", "my thanks to Daniel").
    """
    recruiter = scenario.recruiter.name.split()[0]
    company = set(scenario.recruiter.company.split())
    names: list[str] = [m.group(1) for m in _HELPER.finditer(scenario.briefing)]
    items = [*scenario.items, *scenario.letter_items]
    for item in items:
        if item.kind != "do":
            continue
        for phrase in item.phrases:
            if _THANKS_WORD.search(phrase):
                names.extend(_CAPITAL.findall(phrase))
    out: list[str] = []
    for name in names:
        if name != recruiter and name not in company and name not in out and name not in (
                "The", "Thank", "Thanks", "Please", "Grateful", "My"):
            out.append(name)
    return out


# -- what the user said ---------------------------------------------------------------------

_FILLERS = re.compile(
    r"\b(?:um+|uh+|erm|er|ah+|hmm+|basically|honestly|to be honest|actually|like(?=,))\b,?\s*|"
    r"(?:^|(?<=,\s))(?:you know|i mean),?\s*", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:and|but|so|because|cause|'cause|since|as|well|yeah|yes|oh|okay|ok|just|though|also|"
    r"plus|anyway|no|right|of course|sure|not at all|hi|hello|hey|hiya)\b[\s,;:-]*)+",
    re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s,;:\-\u2013\u2014]+|\s+(?:and|but|so|or|because|bye|goodbye))+$",
                       re.IGNORECASE)
_BYE = re.compile(r"[\s,.!]*\b(?:bye|goodbye|bye bye|cheers|ta-ra)\b[\s,.!]*$", re.IGNORECASE)
_SENTENCE_STOP = ".!?;:\n"
_CLAUSE_STOP = re.compile(
    r",\s|\s(?:but|so)\s(?=(?:i|i'm|i've|i'd|i'll|we|it|it's|that|that's|there)\b)|"
    r"\s[-\u2013\u2014]\s", re.IGNORECASE)
_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|we|we're|we've)\b", re.IGNORECASE)
_OPENER = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|we|we're|we've|it|it's|it'd|that|that's|the|"
                     r"my|this|there|there's|they|they're|they've|our|their)\b", re.IGNORECASE)
_CALL_THANKS = re.compile(
    r"\b(?:thanks?(?: you)?|grateful|appreciate)\b[^.]{0,12}\bfor (?:the |your )?(?:call(?:ing)?|"
    r"ringing|taking my call|calling back|getting back|letting me know|asking|checking|"
    r"understanding|that|this|being upfront)\b|\bappreciate (?:you|it)\b|"
    r"\bthank (?:her|him|them)\b|\b(?:pass|give|send) (?:on )?my thanks\b", re.IGNORECASE)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_STOP) + 1
    rights = [text.find(c, end) for c in _SENTENCE_STOP]
    right = min((r for r in rights if r >= 0), default=len(text))
    return left, right


def _from_subject(text: str, left: int, lo: int, subjects: re.Pattern[str]) -> int:
    """Where the clause really starts. Unpunctuated speech ("hi andre um thank you...",
    "...going ahead with the interview I've accepted a job...") runs clauses together, so
    when the words before the evidence do not open with a subject, the clause starts at
    the last subject before the evidence, or at the evidence itself."""
    region = text[left:lo]
    opening = _LEADING.sub("", _FILLERS.sub("", region).strip())
    if not opening.strip() or subjects.match(opening):
        return left
    if _PERSON.match(text, lo):  # the evidence opens with its own subject
        return lo
    found = list(subjects.finditer(region))
    return left + found[-1].start() if found else lo


def _clause(text: str, spans: Sequence[Evidence], stops: Sequence[Evidence],
            subjects: re.Pattern[str], whole_sentence: bool = False) -> str:
    """The clause (or sentence) around ``spans``, cut before and after the ``stops`` (what
    other items found, such as the no itself) so only the part the spans belong to is kept,
    and starting at its subject (see :func:`_from_subject`)."""
    first = min(spans, key=lambda e: e.start)
    left, right = _sentence_bounds(text, first.start, first.end)
    inside = [e for e in spans if left <= e.start and e.end <= right]
    lo, hi = first.start, max(e.end for e in inside)
    for stop in stops:
        if stop.end <= lo and stop.end > left:
            left = stop.end
        if stop.start >= hi and stop.start < right:
            right = stop.start
    if not whole_sentence:
        before = list(_CLAUSE_STOP.finditer(text, left, lo))
        if before:
            left = before[-1].end()
        after = _CLAUSE_STOP.search(text, hi, right)
        if after is not None:
            right = after.start()
    return text[_from_subject(text, left, lo, subjects):right]


def clean(fragment: str) -> str:
    """A spoken fragment as a written sentence: no fillers, a capital, a full stop."""
    text = _FILLERS.sub("", fragment)
    text = re.sub(r"\s+", " ", text).strip()
    text = _BYE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text).strip()
        text = _TRAILING.sub("", text).strip()
    text = re.sub(r"\bi\b", "I", text)
    text = re.sub(r"\bi(?='(?:m|ve|ll|d)\b)", "I", text)
    text = text.replace(" ,", ",")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _evidence(score: ReplyScore, *names: str) -> list[Evidence]:
    return [e for n in names if n in score.checks and score.checks[n].met
            for e in score.checks[n].evidence]


def _overlaps(a: Sequence[Evidence], b: Sequence[Evidence]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


@dataclass(frozen=True)
class _Heard:
    """What the call gave the letter: the user's own clauses, and which items it met."""

    thanks: str | None
    thanked: bool
    decided: bool
    hedged: bool
    """The no wavered somewhere on the call: hedged or caved before it was clear, or after."""
    reason: str | None
    reason_note: Repair | None
    close: str | None
    closed: bool


def _listen(turns: Sequence[tuple[str, str, ReplyScore]], scorer: Scorer) -> _Heard:
    """Read the call in order: the first usable thanks and reason, the last close, and
    whether a clear no was given and held."""
    thanks: str | None = None
    thanked = decided = wavered = closed = False
    reason: str | None = None
    reason_note: Repair | None = None
    close: str | None = None
    for _recruiter, reply, score in turns:
        checks = score.checks
        met = {n for n, r in checks.items() if r.met}
        bad = _evidence(score, "offensive")
        if "thanks" in met:
            thanked = True
            if thanks is None:
                thanks = _pick_thanks(reply, score, scorer)
        if "clear_no" in met and "hedged" not in met:
            decided = True
        if "hedged" in met or score.metrics.caved:
            # a no that wavered anywhere (before it was clear, or after) was not said
            # clearly, so the letter must not claim it was
            wavered = True
        if reason is None and "brief_reason" in met:
            spans = checks["brief_reason"].evidence
            if spans and _overlaps(spans, bad):
                reason_note = Repair("offensive", "Your reason on the call ran the company "
                                     "down, so the letter leaves it out.")
            elif spans:
                reason = _reason(reply, spans, score, scorer)
        elif reason is None and "over_detailed" in met and checks["over_detailed"].evidence:
            first = checks["over_detailed"].evidence[:1]
            if not _overlaps(first, bad):
                reason = _reason(reply, first, score, scorer)
                if reason is not None:
                    reason_note = Repair("over_detailed", "Your reason ran on during the call; "
                                         "the letter keeps only the first part of it.")
        if "graceful_close" in met:
            closed = True
            picked = _pick_close(reply, score, scorer)
            if picked is not None:
                close = picked
    if reason is not None and reason_note is not None and reason_note.item == "offensive":
        reason_note = None
    return _Heard(thanks, thanked, decided, wavered, reason, reason_note, close, closed)


def _usable(sentence: str, scorer: Scorer, item: str, context: str | None = None) -> bool:
    """Re-scored alone, the cleaned clause still meets ``item``, and brings in nothing
    else: no badmouthing, no hedge, and no reason unless it is the reason."""
    if not sentence or count_words(sentence) > MAX_CLAUSE_WORDS:
        return False
    checks = scorer.score(sentence, context).checks
    if not checks[item].met or checks["offensive"].met or checks["hedged"].met:
        return False
    return item == "brief_reason" or not checks["brief_reason"].met


def _pick_thanks(reply: str, score: ReplyScore, scorer: Scorer) -> str | None:
    stops = _evidence(score, "clear_no", "brief_reason", "hedged", "offensive")
    best: str | None = None
    for span in score.checks["thanks"].evidence:
        sentence = clean(_clause(reply, [span], stops, _PERSON))
        if (_CALL_THANKS.search(sentence) or not _OWN_THANKS.match(sentence)
                or not _usable(sentence, scorer, "thanks")):
            continue
        if best is None or count_words(sentence) > count_words(best):
            best = sentence
    if best is not None and count_words(best) <= 3:
        return None  # a bare "Thank you." says less than the standard line
    return best


def _reason(reply: str, spans: Sequence[Evidence], score: ReplyScore, scorer: Scorer
            ) -> str | None:
    stops = _evidence(score, "clear_no", "thanks", "hedged", "offensive", "graceful_close")
    spans = [_after_stops(span, stops) for span in spans]
    sentence = clean(_clause(reply, spans, [s for s in stops if not _overlaps([s], spans)],
                             _OPENER))
    return sentence if _usable(sentence, scorer, "brief_reason") else None


def _after_stops(span: Evidence, stops: Sequence[Evidence]) -> Evidence:
    """``span`` without what another item found at its front: in unpunctuated speech a
    reason's clause can run on from the no ("i won't be going ahead i've accepted ...")."""
    start = span.start
    for stop in sorted(stops, key=lambda e: e.start):
        lead = span.text[max(0, start - span.start):max(0, stop.start - span.start)]
        if stop.start <= start < stop.end < span.end or (
                start < stop.start < stop.end < span.end and len(lead.split()) <= 1):
            start = stop.end
    if start == span.start:
        return span
    rest = span.text[start - span.start:]
    if not _PERSON.match(rest.strip()):  # "...ahead with the interview I've accepted..."
        subject = _PERSON.search(rest)
        if subject is not None:
            start += subject.start()
    return Evidence(start, span.end, span.text[start - span.start:])


def _pick_close(reply: str, score: ReplyScore, scorer: Scorer) -> str | None:
    spans = list(score.checks["graceful_close"].evidence)
    wishes = [e for e in spans if not _THANKS_WORD.search(e.text)] or spans
    # the sentence of the last good wish ends the call; all its warm words start it
    bounds = _sentence_bounds(reply, wishes[-1].start, wishes[-1].end)
    wishes = [e for e in spans if bounds[0] <= e.start and e.end <= bounds[1]]
    stops = _evidence(score, "clear_no", "brief_reason", "hedged", "offensive")
    sentence = clean(_clause(reply, wishes, stops, _PERSON, whole_sentence=True))
    return sentence if _usable(sentence, scorer, "graceful_close", WRAP_UP_LINE) else None


# -- the letter ------------------------------------------------------------------------------


def _assemble(paragraphs: Sequence[Sequence[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def draft_letter(scenario: Scenario, turns: Sequence[tuple[str, str, ReplyScore]],
                 user_name: str | None = None) -> Draft:
    """The follow-up letter for a call with ``scenario`` whose turns were ``turns``.

    ``turns`` are ``(recruiter line, reply, ReplyScore)`` in the order they were
    played; the scores must come from a scorer for this scenario (as the call
    scored them). ``user_name`` signs the letter; without one it ends at the
    sign-off, for the user to sign.
    """
    scorer = Scorer()
    heard = _listen(turns, scorer)
    situation = scenario.situation
    role = role_phrase(scenario.recruiter.role)
    title = scenario.recruiter.role.strip()
    recruiter = scenario.recruiter.name.split()[0]
    company = scenario.recruiter.company
    repairs: list[Repair] = []
    from_call: dict[str, str] = {}

    if heard.thanks is not None:
        thanks = heard.thanks
        from_call["thanks"] = thanks
    else:
        thanks = _THANKS[situation]
        if not heard.thanked:
            repairs.append(Repair("thanks", f"You didn't thank {recruiter} on the call; the "
                                  "letter opens with thanks."))
    decision = _DECISION[situation].format(role=role)
    if heard.decided and not heard.hedged:
        decision_sentence = f"As I said when we spoke, {decision}."
    else:
        decision_sentence = f"I'm writing to confirm that {decision}."
        if heard.decided:
            message = "Your no wavered on the call (you hedged before or after saying it)"
        elif heard.hedged:
            message = "Your no on the call was hedged, never clear"
        else:
            message = "You never gave a clear no on the call"
        repairs.append(Repair("clear_no", f"{message}, so the letter does not claim you said "
                              f"it clearly; it says it plainly now: \"{decision}.\""))
    opening = [thanks, decision_sentence]
    if heard.reason is not None:
        opening.append(heard.reason)
        from_call["reason"] = heard.reason
    if heard.reason_note is not None:
        repairs.append(heard.reason_note)

    people = helpers(scenario)
    middle: list[str] = []
    if people:
        names = " and ".join(people[:2])
        middle.append(f"Please pass my thanks on to {names} as well.")
    if heard.close is not None:
        close = [heard.close]
        from_call["close"] = heard.close
        if not _THANKS_WORD.search(heard.close):
            close.insert(0, "Thank you again for everything.")
    else:
        close = [_CLOSE.format(company=company)]
        if not heard.closed:
            repairs.append(Repair("graceful_close", "You ended the call without a warm close; "
                                  "the letter ends on one."))

    salutation = f"Dear {recruiter},"
    sign_off = SIGN_OFF + (f"\n{user_name.strip()}" if user_name and user_name.strip() else "")
    paragraphs: list[list[str]] = [opening, middle, close]

    def words() -> int:
        return count_words("\n".join([salutation, _assemble(paragraphs), sign_off]))

    if words() > MAX_WORDS and "reason" in from_call:
        opening.remove(from_call.pop("reason"))
    if words() > MAX_WORDS and "close" in from_call:
        from_call.pop("close")
        paragraphs[2] = [_CLOSE.format(company=company)]
    if words() > MAX_WORDS and "thanks" in from_call:
        opening[0] = _THANKS[situation]
        from_call.pop("thanks")
    for extra in _EXTRA:
        if words() < MIN_WORDS:
            middle.append(extra)
    if words() < MIN_WORDS and "close" in from_call:
        from_call.pop("close")  # "All the best." alone: the standard close says more
        paragraphs[2] = [_CLOSE.format(company=company)]
    subject = _SUBJECT[situation].format(Role=title[:1].upper() + title[1:])
    letter = Letter(subject, salutation, _assemble(paragraphs), sign_off)
    return Draft(letter, tuple(repairs), from_call)


def model_turns(scenario: Scenario) -> list[CallTurn]:
    """The call along the main path with every reply the turn's model answer, scored as a
    call scores it: what a perfect rehearsal hands the draft."""
    scorer = Scorer(scenario.items)
    out: list[CallTurn] = []
    for turn_id in scenario.main_path():
        turn = scenario.turn(turn_id)
        if turn.model_answer is None:
            continue
        score = scorer.score(turn.model_answer, turn.say, followup=turn.followup)
        out.append(CallTurn(turn.say, turn.model_answer, score))
    return out
