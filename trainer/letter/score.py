"""Scoring a follow-up letter: the reply detectors in written mode, plus the letter's own items.

The shared items (thanks, a clear no, a brief reason, badmouthing, hedging,
over-explaining) and a scenario's custom letter items are judged by the same
:class:`~trainer.scoring.Scorer` as a spoken reply, on the letter from
salutation to sign-off. Written mode differs from a call in three places, all
handled here rather than in the detectors:

- ``warm_close`` is the reply detector's graceful close judged on the last two
  sentences before the sign-off only, read as the end of a call (so thanking
  again there counts); warmth at the start, or a bare "Regards", is not a close.
- ``decision_early`` asks the same clear-no detector about the first two
  sentences of the body (the salutation line is not a sentence).
- ``subject_clear`` and ``too_long`` look at the subject line and the word count.

Every result keeps its evidence as offsets into :meth:`Letter.text`, the whole
letter with its ``Subject:`` line, so a UI marks the words in the text it shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from trainer.letter.items import LETTER_DO, LETTER_OPTIONAL, LETTER_PITFALLS, MAX_WORDS
from trainer.letter.letter import Letter, count_words
from trainer.letter.written import (
    reason_view,
    sentence_of,
    written_decision,
    written_hedges,
    written_offence,
    written_reason,
)
from trainer.scenario.model import CustomItem, Scenario
from trainer.scoring.result import Evidence, ItemResult
from trainer.scoring.scorecard import CUSTOM_PITFALL_PENALTY, PITFALL_PENALTY
from trainer.scoring.scorer import THRESHOLD, Scorer

WRAP_UP_LINE = "Is there anything else before I let you go?"
"""The recruiter line a letter's last sentences are read as answering: its end."""
TOO_LONG_PENALTY = 10
SUBJECT_PREFIX = "Subject: "

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n|\n(?=\s*[-*\u2022])")

_DECISION = re.compile(
    r"\b(?:declin\w*|withdraw\w*|cancel\w*|turn(?:ing|ed)? (?:it )?down|pass(?:ing)? on|"
    r"not (?:be )?(?:accepting|proceeding|going ahead|moving forward|continuing|taking|pursuing|"
    r"attending|joining)|won'?t be \w+ing|unable to (?:accept|attend|proceed|continue|take|join)|"
    r"can(?:not|'t|\u2019t) (?:accept|attend|proceed|continue|take|join)|regretfully|with regret|"
    r"regrets|(?:my |final )?decision|my (?:answer|response|reply)|response to|"
    r"stepping (?:back|away|aside|out|down)|bow(?:ing)? out|"
    r"no longer (?:\w+ing|available|interested|a candidate)|respectfully declin\w*)",
    re.IGNORECASE,
)
_WEAK_DECISION = re.compile(
    r"(?:my |final )?decision|my (?:answer|response|reply)|response to|regretfully|with regret|"
    r"regrets", re.IGNORECASE)
"""Decision words that need a topic beside them ("Decision" alone is vague; "Declining
with thanks" is not)."""
_TOPIC = re.compile(
    r"\b(?:offers?|interviews?|applications?|applying|candidacy|role|position|job|post|"
    r"process|opportunity|vacancy|contract|place|second round|next round|final round)\b",
    re.IGNORECASE,
)
_MISLEADING = re.compile(
    r"(?<!not )(?<!n't )(?<!n\u2019t )(?<!unable to )(?<!to )\b(?:accept(?:ing|ed|ance)?|"
    r"acceptance)\b|\bexcited\b|\blooking forward\b|\bthrilled\b|\bdelighted\b|\byes\b|"
    r"\bstart date\b|\breschedul\w*|\bavailability\b|\bnext steps\b|\bquestions?\b|\bquery\b|"
    r"\?|\bsee you\b|\bconfirm(?:ing|ed)? (?:my )?(?:attendance|interview time|start)",
    re.IGNORECASE,
)
_WRAPPED = re.compile(r"(?<=[^\n])\n(?=[^\n\s\-*\u2022])")
"""A single line break inside a paragraph (not before a blank line or a bullet)."""
_SIGN_OFF_THANKS = re.compile(r"\b(?:thank|thanks|grateful|gratitude|appreciat\w*)\b",
                              re.IGNORECASE)
_DOOR_OPEN = re.compile(
    r"\b(?:(?:work|working) (?:together|with (?:you|the team|you all|everyone)(?: again)?)"
    r"(?: again)? (?:in (?:the )?future|one day|someday|down the (?:line|road)|again)|"
    r"(?:keep|stay|staying|keeping|remain) (?:in touch|connected|in contact)|"
    r"(?:paths|our paths) (?:will |might |may )?cross|cross paths|"
    r"look forward to (?:staying|keeping|hearing from you in (?:the )?future|crossing)|"
    r"reconnect|"
    r"(?:hope|hoping|glad|happy|love|like) to (?:hear from you|stay|keep|work)\w*)",
    re.IGNORECASE)
"""Keeping the door open, which a letter counts as a warm close (written mode only)."""
_PLEASANTRY = re.compile(r"\b(?:enjoy\w*|pleasure|nice|lovely|great|good) (?:to )?(?:meet|"
                         r"meeting|speak|speaking|talk|talking|chat|chatting|getting to know)",
                         re.IGNORECASE)
"""Having enjoyed meeting them is a compliment, not a close (it neither thanks again,
wishes well nor keeps the door open)."""
_THANKS_WORD = re.compile(r"\b(?:thank|thanks|grateful|appreciate|appreciated)\b", re.IGNORECASE)
_WARM_THANKS = re.compile(r"\b(?:again|so much|very much|for|everything|a lot|ever so)\b",
                          re.IGNORECASE)
_NEGATED_ACCEPT = re.compile(
    r"\b(?:not|n't|n\u2019t|unable to|cannot|can't|won't|declin\w*)\b[^.]{0,25}"
    r"\baccept", re.IGNORECASE)


@dataclass(frozen=True)
class LetterMetrics:
    """The figures a letter's checks were judged on."""

    words: int = 0
    max_words: int = MAX_WORDS
    body_sentences: int = 0
    hedges: int = 0
    apologies: int = 0
    reasons: int = 0

    def to_json(self) -> dict[str, int]:
        return {"words": self.words, "max_words": self.max_words,
                "body_sentences": self.body_sentences, "hedges": self.hedges,
                "apologies": self.apologies, "reasons": self.reasons}


@dataclass(frozen=True)
class LetterScore:
    """A reply's score shape (``reply`` is :meth:`Letter.text`, ``checks`` in checklist
    order, then the pitfalls) with the letter and its 0-100 overall mark."""

    reply: str
    checks: dict[str, ItemResult]
    metrics: LetterMetrics = field(default_factory=LetterMetrics)
    letter: Letter | None = None
    overall: int = 0
    kinds: dict[str, str] = field(default_factory=dict)
    """``do`` or ``avoid`` for every check, so a renderer needs no other table."""

    def met(self) -> dict[str, bool | None]:
        return {name: result.met for name, result in self.checks.items()}

    def checks_json(self) -> dict[str, Any]:
        return {name: result.to_json() for name, result in self.checks.items()}

    def to_json(self) -> dict[str, Any]:
        return {"letter": self.letter.to_json() if self.letter else None,
                "text": self.reply, "overall": self.overall,
                "checks": self.checks_json(), "kinds": self.kinds,
                "metrics": self.metrics.to_json()}


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: cut after ``.!?`` and at blank lines or bullets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        if text[pos:match.start()].strip():
            spans.append(_strip(text, pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append(_strip(text, pos, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _shift(result: ItemResult, offset: int, name: str | None = None, text: str | None = None
           ) -> ItemResult:
    """Evidence moved ``offset`` characters on, its words read again from ``text`` (the
    letter before :meth:`LetterScorer.mask` hid the names in it)."""
    evidence = tuple(Evidence(e.start + offset, e.end + offset,
                              e.text if text is None else text[e.start + offset:e.end + offset])
                     for e in result.evidence)
    return replace(result, name=name or result.name, evidence=evidence)


class LetterScorer:
    """Scores letters against the letter checklist and a scenario's letter items.

    ``role`` (the job the letter is about) lets a subject line that names the role
    but not the word "offer" or "interview" still say what it is about.
    """

    def __init__(self, letter_items: Sequence[CustomItem] = (), role: str | None = None,
                 company: str | None = None) -> None:
        # the learned second opinion was trained on spoken replies, not letters
        self._scorer = Scorer(letter_items, second_opinion=False)
        self._plain = Scorer(second_opinion=False)
        self.letter_items: tuple[CustomItem, ...] = tuple(letter_items)
        words = [w for w in re.findall(r"[^\W\d_]{4,}", role or "") if w.lower() not in (
            "junior", "senior", "lead", "head", "principal", "assistant", "associate")]
        self._role = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b",
                                re.IGNORECASE) if words else None
        names = sorted({n.strip() for n in (company, role) if n and n.strip()}, key=len,
                       reverse=True)
        self._names = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE
                                 ) if names else None

    def mask(self, text: str) -> str:
        """The letter as the detectors should read it, with every offset kept.

        A line break inside a paragraph is a space: a letter wrapped at 72 columns
        ("I won't be\naccepting it") is one sentence, not two (the reply detectors read a
        line break as the end of a spoken sentence). And the company and the role's
        title are hidden behind one neutral word of the same length: "Tidewater
        Financial" or a "Senior account executive" role must not read as a reason about
        money or seniority."""
        text = _WRAPPED.sub(" ", text)
        if self._names is None:
            return text
        return self._names.sub(lambda m: "q" * len(m.group(0)), text)

    def score(self, letter: Letter) -> LetterScore:
        text = letter.text()
        head = len(letter.header)
        written = letter.letter_text()
        body_at = head + (written.find(letter.body) if letter.body else len(written))
        checks, metrics = self._shared_items(letter, text, head)
        clear_no = checks["clear_no"]
        decision = [*clear_no.evidence, *(checks["hedged"].evidence if checks["hedged"].met
                                          else ())][:1]
        offence = checks["offensive"].evidence if checks["offensive"].met else ()
        checks["warm_close"] = self._warm_close(letter.body, body_at, text, decision, offence)
        checks["subject_clear"] = self._subject(letter.subject)
        checks["decision_early"] = self._decision_early(letter.body, body_at, clear_no, text)
        words = count_words(written)
        checks["too_long"] = ItemResult(
            "too_long", words > MAX_WORDS, 100.0 if words > MAX_WORDS else 0.0,
            float(MAX_WORDS), (),
            f"{words} words from salutation to sign-off "
            + (f"(over {MAX_WORDS}: trim it)" if words > MAX_WORDS else f"(at most {MAX_WORDS})"))
        metrics = replace(metrics, words=words, body_sentences=len(sentences(letter.body)))
        kinds = dict.fromkeys(LETTER_DO, "do")
        kinds.update({item.name: item.kind for item in self.letter_items if item.kind == "do"})
        kinds.update(dict.fromkeys(LETTER_PITFALLS, "avoid"))
        kinds.update({item.name: item.kind for item in self.letter_items if item.kind == "avoid"})
        ordered = {name: checks[name] for name in kinds}
        return LetterScore(text, ordered, metrics, letter, overall_mark(ordered, kinds), kinds)

    def _shared_items(self, letter: Letter, text: str, head: int
                      ) -> tuple[dict[str, ItemResult], LetterMetrics]:
        """The items a letter shares with a reply, and the letter items, read in written
        mode (:mod:`trainer.letter.written`); evidence as offsets into ``text``."""
        written = letter.letter_text()
        masked = self.mask(written)
        reply = self._plain.score(masked)
        checks = {name: _shift(result, head, text=text) for name, result in reply.checks.items()
                  if name not in ("courteous_followup", "graceful_close")}
        if self.letter_items:  # the author's phrases may name the role: no mask for them
            own_items = self._scorer.score(written).checks
            checks.update({i.name: _shift(own_items[i.name], head) for i in self.letter_items})
        sign_off_at = head + len(written) - len(letter.sign_off) if letter.sign_off else len(text)
        checks["thanks"] = self._thanks(checks["thanks"], sign_off_at, letter.sign_off)
        spoken_offence = checks["offensive"].met
        checks["offensive"] = written_offence(masked, head, checks["offensive"], text)
        view = reason_view(masked, sentences(masked))
        reasons = self._plain.score(view)
        for name in ("brief_reason", "over_detailed"):
            checks[name] = _shift(reasons.checks[name], head, text=text)
        checks["brief_reason"] = written_reason(view, head, checks["brief_reason"],
                                                checks["over_detailed"], text)
        checks["clear_no"], checks["hedged"] = written_decision(
            masked, head, checks["clear_no"], checks["hedged"], text)
        checks["clear_no"], checks["hedged"] = written_hedges(
            masked, head, checks["clear_no"], checks["hedged"], text)
        if (checks["offensive"].met and not spoken_offence and checks["clear_no"].met
                and not checks["brief_reason"].met and not checks["over_detailed"].met):
            # as the spoken detectors read a complaint that backs a no: it is the why
            ev = checks["offensive"].evidence
            checks["brief_reason"] = ItemResult(
                "brief_reason", True, 80.0, THRESHOLD, ev,
                f'a complaint given as the reason: "{ev[0].text}"; 1 reason clause')
        metrics = LetterMetrics(hedges=len(reply.metrics.hedges),
                                apologies=len(reply.metrics.apologies),
                                reasons=reasons.metrics.reasons)
        return checks, metrics

    # -- the letter's own items ----------------------------------------------------------

    def _warm_close(self, body: str, body_at: int, text: str,
                    decision: Sequence[Evidence], offence: Sequence[Evidence]) -> ItemResult:
        spans = sentences(body)
        if not spans:
            return ItemResult("warm_close", False, 0.0, THRESHOLD, (), "the letter has no body")
        start = spans[-2][0] if len(spans) > 1 else spans[-1][0]
        tail = body[start:]
        result = self._plain.score(_WRAPPED.sub(" ", tail), WRAP_UP_LINE).checks["graceful_close"]
        result = _shift(result, body_at + start, "warm_close", text)
        hits = list(result.evidence) if result.met else []
        # written mode: keeping the door open is a close ("I hope to work with you in future")
        hits.extend(Evidence(body_at + start + m.start(), body_at + start + m.end(), m.group(0))
                    for m in _DOOR_OPEN.finditer(tail))
        # warmth that opens the letter is not a close: only what follows the decision (or,
        # without one, the first sentence) counts, and a thank-you must say more than
        # "Thank you."
        opening = spans[0][1] if len(spans) > 1 else 0
        after = decision[0].start if decision else body_at + opening
        jibes = {sentence_of(text, e.start) for e in offence}
        kept = tuple(sorted((e for e in hits if e.start >= after and not _PLEASANTRY.search(e.text)
                             and sentence_of(text, e.start) not in jibes and (
            not _THANKS_WORD.search(e.text) or _warm_thanks(text, e))), key=lambda e: e.start))
        if kept:
            why = result.why if result.met and set(result.evidence) & set(kept) else (
                f'keeps the door open: "{kept[0].text}"')
            return ItemResult("warm_close", True, max(result.score, 80.0), THRESHOLD, kept,
                              why + "; at the end, before the sign-off")
        if hits:
            return ItemResult("warm_close", False, 0.4 * max(result.score, 80.0), THRESHOLD,
                              tuple(hits), "the only warm words are at the start or a bare "
                              "\"Thank you.\"; thank them again or wish them well after the "
                              "decision")
        return replace(result, why="no warm ending in the last two sentences before the "
                       "sign-off (thank them again, wish them well, hope to stay in touch); a "
                       "sign-off such as \"Regards\" is not one")

    @staticmethod
    def _thanks(result: ItemResult, sign_off_at: int, sign_off: str) -> ItemResult:
        """A sign-off thanks only when it says so ("Many thanks,"); "Cheers," is a goodbye."""
        if not result.met or _SIGN_OFF_THANKS.search(sign_off):
            return result
        kept = tuple(e for e in result.evidence if e.start < sign_off_at)
        if kept:
            return replace(result, evidence=kept)
        return ItemResult("thanks", False, result.score * 0.4, result.threshold, result.evidence,
                          f'only the sign-off "{sign_off.splitlines()[0]}", which is a goodbye, '
                          "not thanks")

    def _subject(self, subject: str) -> ItemResult:
        at = len(SUBJECT_PREFIX)
        if not subject.strip():
            return ItemResult("subject_clear", False, 0.0, THRESHOLD, (),
                              "no subject line; name the role and the decision")
        decision = _DECISION.search(subject)
        topic = _TOPIC.search(subject) or (self._role.search(subject) if self._role else None)
        misleading = [m for m in _MISLEADING.finditer(subject)
                      if not (m.group(0).lower().startswith("accept")
                              and _NEGATED_ACCEPT.search(subject))]
        found = sorted((m for m in (decision, topic) if m is not None), key=lambda m: m.start())
        evidence = tuple(Evidence(at + m.start(), at + m.end(), m.group(0)) for m in found)
        if misleading:
            m = misleading[0]
            return ItemResult("subject_clear", False, 30.0, THRESHOLD,
                              (Evidence(at + m.start(), at + m.end(), m.group(0)),),
                              f'"{m.group(0)}" suggests acceptance, a question or a new date, '
                              "not a no")
        strong = decision is not None and not _WEAK_DECISION.fullmatch(decision.group(0))
        if decision is not None and (topic is not None or strong):
            about = f' and what it is about ("{topic.group(0)}")' if topic is not None else ""
            return ItemResult("subject_clear", True, 100.0 if topic else 80.0, THRESHOLD,
                              evidence, f'names the decision ("{decision.group(0)}"){about}')
        if decision is not None:
            return ItemResult("subject_clear", False, 50.0, THRESHOLD, evidence,
                              f'"{decision.group(0)}" but not what it is about; name the offer, '
                              "the interview or the role")
        if topic is not None:
            return ItemResult("subject_clear", False, 40.0, THRESHOLD, evidence,
                              f'names "{topic.group(0)}" but not the decision; say you are '
                              "declining or withdrawing")
        return ItemResult("subject_clear", False, 0.0, THRESHOLD, (),
                          "vague: says neither the decision nor what it is about")

    def _decision_early(self, body: str, body_at: int, clear_no: ItemResult, text: str
                        ) -> ItemResult:
        spans = sentences(body)
        if not clear_no.met or not spans:
            return ItemResult("decision_early", False, 0.0, THRESHOLD, (),
                              "no clear no in the letter, so none up front")
        end = spans[min(1, len(spans) - 1)][1]
        first = self._plain.score(self.mask(body[:end])).checks
        early, _ = written_decision(self.mask(body[:end]), 0, first["clear_no"],
                                     first["hedged"], body[:end])
        if early.met:
            result = _shift(early, body_at, "decision_early", text)
            return replace(result, why=result.why + "; within the first two sentences")
        return ItemResult("decision_early", False, 0.0, THRESHOLD, clear_no.evidence,
                          "the clear no comes after the first two sentences; move it up")


def _warm_thanks(text: str, evidence: Evidence) -> bool:
    """A thank-you with something to it ("Thank you again", "Thanks for everything"),
    not a bare "Thank you." tacked on after the no."""
    start = max(text.rfind(c, 0, evidence.start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, evidence.end) for c in ".!?\n") if i >= 0]
    sentence = text[start:min(ends, default=len(text))]
    return count_words(sentence) >= 4 or bool(_WARM_THANKS.search(sentence))


def overall_mark(checks: dict[str, ItemResult], kinds: dict[str, str]) -> int:
    """0-100: the share of the checklist met (a brief reason only credited, never owed),
    less the call scorecard's penalty for each pitfall, and 10 for a letter too long."""
    judged = [n for n, k in kinds.items() if k == "do"
              and not (n in LETTER_OPTIONAL and not checks[n].met)]
    base = 100.0 * sum(1 for n in judged if checks[n].met) / len(judged) if judged else 100.0
    penalty = 0
    for name, kind in kinds.items():
        if kind == "avoid" and checks[name].met:
            penalty += TOO_LONG_PENALTY if name == "too_long" else PITFALL_PENALTY.get(
                name, CUSTOM_PITFALL_PENALTY)
    return round(max(0.0, min(100.0, base - penalty)))


def score_letter(letter: Letter, letter_items: Sequence[CustomItem] = (),
                 role: str | None = None, company: str | None = None) -> LetterScore:
    """One-off scoring; build a :class:`LetterScorer` to score many letters."""
    return LetterScorer(letter_items, role, company).score(letter)


def scorer_for(scenario: Scenario) -> LetterScorer:
    """The letter scorer for a scenario: its letter items, its role and company."""
    return LetterScorer(scenario.letter_items, scenario.recruiter.role,
                        scenario.recruiter.company)
