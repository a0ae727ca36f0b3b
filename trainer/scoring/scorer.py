"""The scorer: one reply in, every checklist item and pitfall out, each with its evidence.

The detectors share one reading of the reply (canonical words, hedges, the
decision, reasons, criticism), because the items depend on each other: a hedge
unmakes a clear no, a reversal unmakes a reason, badmouthing unmakes a
courteous follow-up. Each :class:`~trainer.scoring.result.ItemResult` says why
it was decided: the family that matched with its score against the threshold,
or the cue that vetoed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from trainer.checklist import BUILTIN_NAMES
from trainer.errors import TrainerError
from trainer.scoring import context as ctx
from trainer.scoring.courtesy import (
    BLUNT_WORDS,
    CURT_WORDS,
    read_close,
    read_polite,
    read_rude,
    soften,
)
from trainer.scoring.custom import CompiledItem, compile_item, score_item
from trainer.scoring.decision import DecisionReading, read_decision
from trainer.scoring.families import Hit, find
from trainer.scoring.gratitude import DECLINED_WITH_THANKS, read_thanks
from trainer.scoring.heard import HeardReply
from trainer.scoring.hedging import HedgeReading, read_hedges
from trainer.scoring.learned import LearnedModel, default_model, second_opinion
from trainer.scoring.metrics import reply_metrics
from trainer.scoring.offence import SARCASM, SINCERE_FAMILIES, is_sarcastic, read_offence
from trainer.scoring.reasons import (
    AT_WRAPUP,
    DELAY,
    REASON_FAMILIES,
    REASON_FRAME,
    ReasonReading,
    fallback,
    is_content,
    read_reasons,
    said_as_why,
)
from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming
from trainer.scoring.utterance import Utterance

if TYPE_CHECKING:  # the scenario's model imports the branch rules, which read replies here
    from trainer.scenario.model import CustomItem

THRESHOLD = 60.0
"""Score a built-in item needs; family weights and repair similarities set the scores."""
VETO_FACTOR = 0.4
"""A vetoed match keeps this share of its score, so it shows as a near miss."""

# -- The rules between detectors, in one place ------------------------------------------
# * A hedge on the decision unmakes a clear no (decision.read_decision, given the cue).
# * Accepting or caving unmakes a clear no, a reason and a courteous follow-up.
# * Sarcasm (offence.SARCASM) unmakes thanks and good wishes in its sentence, and is
#   no reason, except a jibe at the delay; NOT_A_REASON lists the families that give none.
# * A hedge about whether someone else might apply (hedging, phrases/referral.txt) does not
#   qualify the speaker's decision.
# * Criticism is a reason only when it answers why or the terms, or backs a no.
# * Badmouthing, rudeness, caving or a hedge unmake a courteous follow-up (a hedge does
#   not when the line answers a hesitation, not a no: ctx.follows_hesitation); a reply of a
#   few words is curt unless it is polite or names the reason asked for.
# * Asking for time: the motive given is for waiting, not for declining.
# * The learned second opinion may overrule the rules only as learned.OVERRULES allows; an
#   offence it adds unmakes a courteous follow-up, a reason it finds running on is no brief
#   reason (learned._consistent).
NOT_A_REASON = (SARCASM - {"slow process jibe"}) | {"accusation", "pestering", "disclaimer"}
"""Offence families that run them down without saying why the speaker declines (a jibe at
the delay names what put the speaker off, so backing a no it is their reason)."""


@dataclass(frozen=True)
class Reading:
    """Everything the detectors found in one reply, before it becomes item results."""

    utt: Utterance
    kind: ctx.LineKind
    followup: bool | None
    thanks: list[Hit]
    thanks_vetoed: list[tuple[Hit, str]]
    offence: list[Hit]
    offence_vetoed: list[tuple[Hit, str]]
    hedges: HedgeReading
    decision: DecisionReading
    reasons: ReasonReading
    close: list[Hit]
    rude: list[Hit]
    """Curt or evasive phrases (looked for only when a follow-up is judged)."""
    polite: list[Hit]
    asks_why: bool
    """Whether the recruiter line asks for the reason (or where the speaker is going)."""
    alternative: bool
    """Whether the recruiter line names another role or office (declining it has reasons)."""
    hesitation: bool = False
    """Whether the recruiter line answers a hesitation, not a no (a hedge then blurs
    no decision)."""
    waits: bool = False
    """Whether the reply asks for time and decides nothing ("can I let you know Friday?")."""
    sincere: tuple[Hit, ...] = ()
    """Remarks that take the speaker's own part, ask out of interest or appreciate them."""


def _quote(utt: Utterance, hit: Hit) -> str:
    ev = utt.evidence(hit.i, hit.j)
    return f'"{ev.text}"' if ev else '""'


def _evidence(utt: Utterance, hits: Sequence[Hit]) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for hit in sorted(hits, key=lambda h: h.i):
        ev = utt.evidence(hit.i, hit.j)
        if ev is None:
            continue
        if out and ev.start <= out[-1].end:
            last = out[-1]
            if ev.end > last.end:
                start = last.start
                out[-1] = Evidence(start, ev.end, utt.text[start:ev.end])
            continue
        out.append(ev)
    return tuple(out)


REASON_SPARE_WORDS = 2
_SOFTENERS = frozenset({"afraid", "unfortunately", "sadly", "regrettably", "sorry", "honestly",
                        "actually", "really", "though", "however", "anyway"})
"""Content words a reply needs outside its no, thanks, hedges and goodbye before the learned
model may find a reason in it."""

LAST_WORDS = 3
"""How many words may follow a close tagged "last" (a name, "though", "really"): thanks for
their help closes the call only as its last words, not as the opening of a no."""

PHRASE_REACH = 6
"""How many words a one- or two-word match is widened by, each way, to its whole phrase."""
_PHRASE_EDGE = frozenset({"and", "but", "so", "because", "though", "although", "also", "plus",
                          "then", "or", "um", "uh", "er", "erm", "honestly", "well", "yeah"})
"""Words a phrase never starts or ends on: they join it to the next one."""


def _phrase(utt: Utterance, hit: Hit) -> Hit:
    """``hit`` widened to the whole phrase it stands in ("the salary was frankly cheap", not
    "cheap"; "the base is lower than I need", not "base"), so evidence reads as said."""
    if hit.j - hit.i > 2:
        return hit
    words, clause = utt.words, utt.clause
    i, j = hit.i, hit.j
    while (i > 0 and hit.i - i < PHRASE_REACH and clause[i - 1] == clause[hit.i]
           and words[i - 1].text not in _PHRASE_EDGE):
        i -= 1
    while (j < len(words) and j - hit.j < PHRASE_REACH and clause[j] == clause[hit.i]
           and words[j].text not in _PHRASE_EDGE):
        j += 1
    return Hit(hit.family, i, j, hit.score, hit.core)


def _matched(name: str, utt: Utterance, hits: Sequence[Hit], extra: str = "",
             whole: bool = False) -> ItemResult:
    """A met item; ``whole`` widens short matches to their phrase for the evidence."""
    best = max(hits, key=lambda h: h.score)
    heard = utt.heard_notes(best.i, best.j)
    why = (f'{best.family.name}: {_quote(utt, best)} ({best.score:.0f} >= {THRESHOLD:.0f})'
           + (f"; {heard}" if heard else "") + (f"; {extra}" if extra else ""))
    shown = [_phrase(utt, h) for h in hits] if whole else hits
    return ItemResult(name, True, best.score, THRESHOLD, _evidence(utt, shown), why)


def _missed(name: str, utt: Utterance, vetoed: Sequence[tuple[Hit, str]], nothing: str
            ) -> ItemResult:
    if not vetoed:
        return ItemResult(name, False, 0.0, THRESHOLD, (), nothing)
    hit, reason = max(vetoed, key=lambda pair: pair[0].score)
    why = f"{hit.family.name}: {_quote(utt, hit)} vetoed, {reason}"
    return ItemResult(name, False, hit.score * VETO_FACTOR, THRESHOLD,
                      _evidence(utt, [hit]), why)


class Scorer:
    """Scores replies against the built-in checklist and a scenario's custom items.

    Phrase families are compiled once per process at import; constructing a
    scorer only compiles the custom items' phrase lists, so it is cheap.
    """

    def __init__(self, custom_items: Sequence[CustomItem] = (), *,
                 second_opinion: bool = True) -> None:
        self._model: LearnedModel | None = default_model() if second_opinion else None
        """The learned second opinion (trainer.scoring.learned); off for text that is not a
        spoken reply (a letter), which the model never saw."""
        self._custom: tuple[CompiledItem, ...] = tuple(compile_item(i) for i in custom_items)
        names = [c.item.name for c in self._custom]
        clash = sorted(set(names) & set(BUILTIN_NAMES))
        if clash:
            raise TrainerError(f"custom item {clash[0]!r} has a built-in item's name; rename it")
        self.item_names: tuple[str, ...] = (*BUILTIN_NAMES, *names)

    @property
    def custom_items(self) -> tuple[CustomItem, ...]:
        return tuple(c.item for c in self._custom)

    def read(self, reply: str, context: str | None = None, followup: bool | None = None
             ) -> Reading:
        utt = Utterance(reply)
        kind = ctx.classify(context)
        if followup is True and not kind.is_followup:
            kind = ctx.LineKind.CHANGE
        applicable = followup if followup is not None else (
            kind.is_followup if kind is not ctx.LineKind.UNKNOWN else None)
        asks = kind in (ctx.LineKind.OPENING, ctx.LineKind.CHANGE, ctx.LineKind.UNKNOWN) or (
            kind is ctx.LineKind.TERMS and ctx.asks_to_go_ahead(context))
        offence, offence_vetoed = read_offence(utt)
        # at the end of the call "no" answers "anything else?": "no, all good, cheers" and
        # "no, thank *you*" thank them, they refuse nothing
        reciprocal = kind is ctx.LineKind.WRAPUP
        thanks, thanks_vetoed = read_thanks(utt, offence, reciprocal)
        why = ctx.asks_why(context) or ctx.asks_where(context)
        hedges = read_hedges(utt, kind is ctx.LineKind.WRAPUP, kind is ctx.LineKind.FUTURE)
        delay = find(utt, DELAY)
        # a decision buried in apologies is hedged, but its words may still be a clear no
        qualifier = next((c for c in hedges.cues if c.family.name != "apology"), None)
        if hedges.cues and all(c.family.name == "not decided yet" for c in hedges.cues) and delay:
            # "I haven't decided yet, could I have until Friday?" asks for time, plainly (not
            # hedged, and still no decision: the qualifier above stays)
            hedges = HedgeReading((), hedges.loose, hedges.apologies)
        motives = find(utt, REASON_FAMILIES)
        if kind is ctx.LineKind.WRAPUP:
            motives = [m for m in motives if m.family.name in AT_WRAPUP or said_as_why(utt, m)]
        motive = bool(offence) or bool(motives)
        decision = read_decision(utt, kind, asks, qualifier, motive,
                                 ctx.offers_alternative(context))
        close = read_close(utt)
        excluded = [_with_object(utt, h) for h in (*thanks, *close)]
        sarcastic = is_sarcastic(offence)
        criticism = [h for h in offence if h.family.name not in NOT_A_REASON]
        # a good wish in a sarcastic sentence ("good luck finding anyone who...") is a jibe
        jibes = {utt.sentence[h.i] for h in offence if h.family.name in SARCASM}
        close = [h for h in close if utt.sentence[h.i] not in jibes
                 and not any(o.i >= h.j for o in offence)  # a parting shot is no warm end
                 and not any(t.i <= h.i < t.j for t, _ in thanks_vetoed)]
        if kind is ctx.LineKind.CHANGE and not decision.kept:
            # answering a counter-offer, a complaint is why only when given as the reason
            # ("it's more that the whole setup felt amateurish"), not as an outburst
            frames = find(utt, REASON_FRAME)
            criticism = [h for h in criticism if any(
                f.j <= h.i and utt.sentence[f.i] == utt.sentence[h.i] for f in frames)]
        elif kind not in (ctx.LineKind.INFO, ctx.LineKind.TERMS) and not decision.kept and not (
                hedges.hedged and decision.vetoed):  # a hedged no backed by a complaint
            criticism = []  # a complaint is a reason only when it answers why or the terms,
            # or backs a no
        if delay and not (decision.kept or decision.vetoed):
            motives, criticism = [], []  # "not yet, it's been a busy week with the kids"
        blocked = [(h.i, h.j) for h in (*decision.kept, *(v[0] for v in decision.vetoed),
                                         *hedges.loose, *hedges.apologies)]
        if decision.reversal is not None:
            blocked.append((decision.reversal.hit.i, decision.reversal.hit.j))
        # "not for me" said as the no is the no, not also its reason
        idioms = [(h.i, h.j) for h in decision.kept if h.family.tag == "idiom"]
        motives = [m for m in motives if not any(i <= m.i and m.j <= j for i, j in idioms)]
        reasons = read_reasons(utt, excluded, criticism, motives, blocked,
                               [(h.i, h.j) for h in decision.kept if h.family.tag == "verb"],
                               ctx.offered_words(context))
        if not reasons.units and decision.reversal is None and kind is not ctx.LineKind.FUTURE:
            rude = read_rude(utt)
            answers = why and not hedges.hedged and not rude and not sarcastic
            extra = fallback(utt, answers, bool(decision.kept))
            if extra is not None:
                reasons = extra
        judged = bool(applicable)
        polite: list[Hit] = []
        if judged:
            # a clipped "no thanks" is no courtesy; "no, thank you" still is
            refusals = [(h.i, h.j) for h, why in thanks_vetoed if utt.words[h.i].text == "thanks"
                        and not why.startswith(DECLINED_WITH_THANKS)]
            polite = [h for h in read_polite(utt)
                      if not any(i <= h.i < j for i, j in refusals)]
        return Reading(utt, kind, applicable, thanks, thanks_vetoed, offence, offence_vetoed,
                       hedges, decision, reasons, close,
                       soften(utt, read_rude(utt)) if judged else [], polite, why,
                       ctx.names_alternative(context), ctx.follows_hesitation(context),
                       bool(delay) and not decision.kept, tuple(find(utt, SINCERE_FAMILIES)))

    def score(
        self,
        reply: str,
        context: str | None = None,
        *,
        followup: bool | None = None,
        timing: ReplyTiming | None = None,
    ) -> ReplyScore:
        """Every built-in item in checklist order, then the custom items, with evidence.

        ``followup`` (from the scenario turn) overrides guessing from ``context``
        whether the reply answers a follow-up question; with neither,
        ``courteous_followup`` is not applicable (``met`` is ``None``). The
        metrics are: words, seconds, wpm (``None`` when too short to time),
        fillers / filler_words / filler_ratio, hedges / hedge_words, apologies /
        apology_words, reasons and reason_words, response_delay, truncated,
        line_kind (what the recruiter line was taken to be) and caved.
        """
        if not isinstance(reply, str):
            raise TrainerError(f"a reply must be text, not {type(reply).__name__}")
        r = self.read(reply, context, followup)
        checks: dict[str, ItemResult] = {
            "thanks": self._thanks(r),
            "clear_no": self._clear_no(r),
            "brief_reason": self._brief_reason(r),
            "courteous_followup": self._followup(r),
            "graceful_close": self._close(r),
            "offensive": self._offensive(r),
            "hedged": self._hedged(r),
            "over_detailed": self._over_detailed(r),
        }
        if self._model is not None:
            checks = second_opinion(checks, r.utt, r.kind.value, self._model,
                                    self.defaults(r, checks), self.accounted(r))
        if self._custom:
            heard = HeardReply(r.utt)
            for compiled in self._custom:
                checks[compiled.item.name] = score_item(compiled, heard)
        metrics = reply_metrics(r.utt, timing, r.hedges.loose, r.reasons.count, r.reasons.words,
                                line_kind=r.kind.value, caved=r.decision.reversal is not None)
        return ReplyScore(reply, checks, metrics)

    def score_item(self, name: str, reply: str, context: str | None = None) -> ItemResult:
        if name not in self.item_names:
            known = ", ".join(self.item_names)
            raise TrainerError(f"unknown item {name!r}; known items: {known}", exit_code=2)
        return self.score(reply, context).checks[name]

    @staticmethod
    def defaults(r: Reading, checks: dict[str, ItemResult]) -> frozenset[str]:
        """The items met by default, with no phrase to show for them (a follow-up answered
        in enough words with nothing rude): the only ones the learned model may unmake."""
        follow = checks["courteous_followup"]
        return frozenset({"courteous_followup"}) if follow.met and not r.polite else frozenset()

    @staticmethod
    def spare_words(r: Reading) -> int:
        """The content words of a reply outside its no, thanks, hedges and goodbye: what
        may carry a reason or a dig the rules did not name."""
        utt = r.utt
        decided = [(h.i, h.j) for h in (*r.decision.kept, *(v[0] for v in r.decision.vetoed))]
        # a no runs to the end of its clause ("won't be accepting the offer"); thanks and
        # good wishes take their object ("thank you for calling")
        spans = [(i, next((k for k in range(j, len(utt)) if utt.clause[k] != utt.clause[i]),
                          len(utt))) for i, j in decided]
        spans += [_with_object(utt, h) for h in (*r.thanks, *r.close)]
        spans += [(h.i, h.j) for h in (*r.hedges.cues, *r.hedges.apologies)]
        covered = {k for i, j in spans for k in range(i, j)}
        return sum(1 for k, w in enumerate(utt.words) if k not in covered
                   and is_content(w.text) and w.text not in _SOFTENERS)

    @staticmethod
    def accounted(r: Reading) -> frozenset[str]:
        """The items the learned model may not add, because the rules have read every word
        that could carry them: a reply that is a no, thanks and a goodbye and little else
        gives no reason, however much it looks like replies that do; hedges the rules found
        to be about something else (future contact, a referral) do not hedge the decision;
        asking for time is no clear no; a remark the rules read as sincere (one's own part,
        plain curiosity, appreciation) is no dig they missed."""
        spare = Scorer.spare_words(r)
        out = {"brief_reason"} if spare < REASON_SPARE_WORDS else set()
        if r.hedges.loose and not r.hedges.cues:
            out.add("hedged")  # the rules read its hedges and found them about something else
        if r.waits:
            out.add("clear_no")  # asking for time decides nothing
        if r.sincere and not r.offence:
            out.add("offensive")  # "that's on me", "just curious": no dig the rules missed
        return frozenset(out)

    # -- the items ---------------------------------------------------------------------

    def _thanks(self, r: Reading) -> ItemResult:
        if r.thanks:
            return _matched("thanks", r.utt, r.thanks)
        return _missed("thanks", r.utt, r.thanks_vetoed,
                       "no gratitude phrase (thank you, I appreciate, grateful...)")

    def _clear_no(self, r: Reading) -> ItemResult:
        d = r.decision
        if d.kept:
            return _matched("clear_no", r.utt, d.kept)
        if not d.vetoed and r.hedges.cues:
            cue = r.hedges.cues[0]
            return ItemResult("clear_no", False, 0.0, THRESHOLD, _evidence(r.utt, [cue]),
                              f"the decision is hedged ({cue.family.name}: {_quote(r.utt, cue)}),"
                              " so it is not a clear no")
        if not d.vetoed and r.reasons.count and d.reversal is None:
            return ItemResult("clear_no", False, 0.0, THRESHOLD, (),
                              "gives a reason but never says no (\"I've accepted another "
                              "offer\" alone is a reason)")
        if not d.vetoed and d.reversal is not None:
            ev = _evidence(r.utt, [d.reversal.hit])
            what = "accepts" if d.reversal.kind == "accept" else "reopens the decision"
            return ItemResult("clear_no", False, 0.0, THRESHOLD, ev,
                              f"the reply {what}: {_quote(r.utt, d.reversal.hit)}")
        return _missed("clear_no", r.utt, d.vetoed,
                       "no declining phrase (I won't be accepting, I have to decline...)")

    def _brief_reason(self, r: Reading) -> ItemResult:
        reasons = r.reasons
        if not reasons.units:
            return _missed("brief_reason", r.utt, list(reasons.vetoed),
                           "no reason given for the decision")
        hits = [h for u in reasons.units for h in u.hits]
        if r.kind is ctx.LineKind.FUTURE and not r.alternative and not any(
                said_as_why(r.utt, h, strict=True) for h in hits):
            # "Yes, anything part-time would be great": what they want next, not why they
            # declined; "I only turned this down because of the travel" is why
            return _missed("brief_reason", r.utt, [(hits[0], "answers an offer of future "
                                                   "contact, not why they decline")], "")
        if r.decision.reversal is not None:
            return _missed("brief_reason", r.utt, [(hits[0], "a reason for accepting or "
                                                   "reconsidering, not for declining")], "")
        if reasons.over_detailed:
            best = max(hits, key=lambda h: h.score)
            return ItemResult("brief_reason", False, best.score * VETO_FACTOR, THRESHOLD,
                              self._unit_evidence(r),
                              f"a reason, but it runs on: {self._detail(r)}")
        result = _matched("brief_reason", r.utt, hits,
                          f"{reasons.count} reason clause{'s' if reasons.count > 1 else ''}, "
                          f"{reasons.words} words")
        # the evidence of a reason is its whole clause, not the word that named it
        return replace(result, evidence=self._unit_evidence(r))

    def _followup(self, r: Reading) -> ItemResult:
        name = "courteous_followup"
        if not r.followup:
            return ItemResult(name, None, 0.0, THRESHOLD, (),
                              "not a reply to a follow-up question")
        utt = r.utt
        if r.offence:
            return _missed(name, utt, [(r.offence[0], "badmouthing is not courteous")], "")
        if r.rude:
            return _missed(name, utt, [(r.rude[0], "curt or evasive in a rude way")], "")
        if r.decision.reversal is not None:
            return _missed(name, utt, [(r.decision.reversal.hit,
                                        "caves: reverses or reopens the decision")], "")
        if r.hedges.cues and not r.hesitation:
            return _missed(name, utt, [(r.hedges.cues[0], "wavers: blurs the decision")], "")
        if utt.raw_words == 0:
            return ItemResult(name, False, 0.0, THRESHOLD, (), "no answer")
        whole = utt.evidence(0, len(utt))
        if utt.raw_words < CURT_WORDS and not r.polite and not (r.asks_why and r.reasons.units):
            return ItemResult(name, False, 20.0, THRESHOLD, (whole,) if whole else (),
                              f"curt: {utt.raw_words} word{'s' if utt.raw_words != 1 else ''} "
                              "and no courtesy")
        blunt = [h for h, _ in (*((k, "") for k in r.decision.kept), *r.decision.vetoed)
                 if h.family.tag in ("bare", "idiom")]
        if (blunt and utt.raw_words < BLUNT_WORDS and not r.polite and not r.thanks
                and not (r.asks_why and r.reasons.units)):  # a reason excuses it only if asked
            return ItemResult(name, False, 20.0, THRESHOLD, _evidence(utt, blunt[:1]),
                              f"curt: a blunt {_quote(utt, blunt[0])} in {utt.raw_words} words, "
                              "no courtesy and no reason asked for")
        if r.polite:
            return _matched(name, utt, r.polite, "answers without wavering")
        if r.asks_why and not r.reasons.units and not r.decision.kept:
            return ItemResult(name, False, 30.0, THRESHOLD, (whole,) if whole else (),
                              "does not answer what was asked (no reason, no polite refusal "
                              "to give one)")
        return ItemResult(name, True, 80.0, THRESHOLD, (whole,) if whole else (),
                          f"answers in {utt.raw_words} words without rudeness or wavering")

    def _close(self, r: Reading) -> ItemResult:
        # thanks-again phrases close only at the end ("Thanks again for calling, but..." opens)
        last_sentence = r.utt.sentence[-1] if len(r.utt) else 0
        hits = [h for h in r.close if (h.family.tag != "thanks"
                or r.utt.sentence[h.i] >= last_sentence - 1)
                and (h.family.tag != "end" or r.utt.sentence[h.i] == last_sentence)
                and (h.family.tag != "last" or self._words_after(r.utt, h.j) <= LAST_WORDS)]
        if r.kind is ctx.LineKind.WRAPUP and r.thanks:
            # thanking them at the end of the call is thanking them again; a lone
            # "thanks" tacked on to "that's it" is not yet a warm ending
            hits.extend(h for h in r.thanks if r.utt.sentence[h.i] >= last_sentence - 1
                        and (h.j - h.i > 1 or r.utt.texts(h.j, h.j + 1) == ["for"]))
        if hits:
            return _matched("graceful_close", r.utt, hits)
        return ItemResult("graceful_close", False, 0.0, THRESHOLD, (),
                          "no warm ending (all the best, take care, thanks again...)")

    def _offensive(self, r: Reading) -> ItemResult:
        if r.offence:
            return _matched("offensive", r.utt, r.offence, whole=True)
        return _missed("offensive", r.utt, r.offence_vetoed, "nothing disparaging")

    def _hedged(self, r: Reading) -> ItemResult:
        cues = r.hedges.cues
        if cues:
            return _matched("hedged", r.utt, cues, "qualifies the decision", whole=True)
        loose = r.hedges.loose
        reversal = r.decision.reversal
        if loose and reversal is not None and reversal.kind == "cave":
            # "that's tempting, maybe... what sort of figure?": the waver is about the decision
            return _matched("hedged", r.utt, loose[:1], "wavers over a counter-offer")
        if loose:
            return ItemResult("hedged", False, 0.0, THRESHOLD, (),
                              f"{_quote(r.utt, loose[0])} does not qualify the decision")
        return ItemResult("hedged", False, 0.0, THRESHOLD, (), "no hedge on the decision")

    def _over_detailed(self, r: Reading) -> ItemResult:
        reasons = r.reasons
        if reasons.over_detailed:
            return ItemResult("over_detailed", True, 100.0, THRESHOLD,
                              self._unit_evidence(r), self._detail(r))
        score = min(55.0, 25.0 * reasons.count)
        return ItemResult("over_detailed", False, score, THRESHOLD, (),
                          f"{reasons.count} reason clause{'s' if reasons.count != 1 else ''}, "
                          f"{reasons.words} words: brief enough")

    @staticmethod
    def _words_after(utt: Utterance, j: int) -> int:
        return sum(1 for w in utt.words[j:] if not w.is_punct)

    @staticmethod
    def _unit_evidence(r: Reading) -> tuple[Evidence, ...]:
        out: list[Evidence] = []
        for unit in r.reasons.units:
            start, end = unit.start, unit.end
            while start < end and r.utt.words[start].text in _PHRASE_EDGE:
                start += 1  # "and the commute": the reason starts at "the"
            ev = r.utt.evidence(start, end)
            if ev is not None:
                out.append(ev)
        return tuple(out)

    @staticmethod
    def _detail(r: Reading) -> str:
        reasons = r.reasons
        parts = [f"{reasons.count} reason clauses", f"{reasons.words} words"]
        if reasons.long_story is not None:
            parts.append(f"cue {_quote(r.utt, reasons.long_story)}")
        return ", ".join(parts)


_OBJECT_STOP = frozenset({
    "but", "and", "so", "i", "i'm", "i've", "i'll", "i'd", "unfortunately", "however", "though",
    "regrettably", "sadly", "we", "it's", "that's", "because", "although", "um", "uh", "er",
    "honestly", "actually", "anyway",
})


def _with_object(utt: Utterance, hit: Hit) -> tuple[int, int]:
    """A thank-you or a good wish with what it is for ("thank you for being upfront about
    the salary"), so the words of its object are not read as a reason."""
    end = hit.j
    while (end < len(utt.words) and end - hit.j < 10 and not utt.words[end].is_punct
           and utt.words[end].text not in _OBJECT_STOP):
        end += 1
    nxt = utt.texts(end, end + 3)
    if nxt[:2] == ["and", "for"] or nxt == [",", "and", "for"]:
        # "thank you for the offer, and for the lovely tour": still what the thanks is for
        return hit.i, _with_object(utt, Hit(hit.family, end, end + len(nxt[:2]) + (
            nxt[0] == ","), hit.score, hit.core))[1]
    if nxt[:2] in (["and", "your"], ["and", "all"], ["and", "the"]) and utt.texts(
            end - 1, end) in (["you"], ["yourself"]):
        # "God bless you and your family", "all the best to you and the team": who is wished
        # well, not why they decline
        return hit.i, _with_object(utt, Hit(hit.family, end, end + 1, hit.score, hit.core))[1]
    return hit.i, end
