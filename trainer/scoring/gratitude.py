"""Thanks: gratitude aimed at the recruiter, the team or the company.

Found by family ("thank you", "I appreciate", "grateful", "pass my thanks on",
"kind of you") and refused when the words are there but the gratitude is not:
the refusal idiom ("no thanks", "thanks but no thanks"), the causal "thanks to
the new job", sarcasm ("thanks for nothing"), thanks only promised or reported
("I should thank you"), thanks turned on the speaker ("no need to thank me"),
negated gratitude ("I'm not grateful"), and gratitude for one's own luck
("I'm thankful I found the role").
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.scoring.families import Hit, find, load
from trainer.scoring.offence import SARCASM
from trainer.scoring.utterance import Utterance

THANKS_FAMILIES = load("thanks")

_PEOPLE = frozenset({
    "you", "everyone", "everybody", "all", "them", "him", "her", "each", "every",
    "whoever", "both", "yourself",
})
_PEOPLE_NOUNS = frozenset({
    "team", "panel", "recruiter", "recruiters", "hiring", "interviewers", "staff", "people",
    "manager", "managers", "director", "company", "firm", "department", "group", "board",
    "partners", "founders", "ceo", "team's", "recruitment", "hr",
})
_PROMISE = frozenset({
    "should", "must", "ought", "meant", "forgot", "will", "i'll", "going", "need", "supposed",
    "we'll", "you'll", "shall", "might", "reminded", "remember",
})
_OWN_LUCK = frozenset({"i", "i've", "i'm", "i'd", "we", "my", "it", "that's", "things", "it's",
                       "everything", "everything's"})
_NO = frozenset({"no", "nah", "nope"})
_THANKS_FOLLOWERS = frozenset({"for", "so", "very", "again", "to", "a", "kindly", "much"})


_PRAISE = frozenset({"generous", "helpful", "kind", "great", "lovely", "useful", "fair",
                     "brilliant", "amazing", "thoughtful", "good", "nice", "impressive"})
"""Praise that a closing "not" turns into a jibe ("cheers for that, very generous, not")."""

_NOTE_WORDS = frozenset({"email", "note", "card", "message", "letter", "gift", "text", "e-mail"})
_IDIOM_FILL = frozenset({"i'm", "good", "fine", "okay", "alright", "all", "right", "really",
                         "honestly", "but", "that's"})
_RATHER_NOT = (["rather", "not"], ["rather", "you", "didn't"], ["rather", "you", "wouldn't"],
               ["rather", "you", "did", "not"])
"""Endings of "I'd rather not, thanks": a no to what they offered, said as "no thanks" is."""
DECLINED_WITH_THANKS = "a no said with thanks"
"""Why a "thanks" after "I'll pass" is no gratitude; unlike a clipped "no thanks", it is still
said politely."""
_DECLINED_WITH_THANKS = (["pass"], ["pass", "on", "that"], ["pass", "on", "it"],
                         ["pass", "on", "this"], ["pass", "on", "that", "too"],
                         ["pass", "on", "it", "too"], ["pass", "on", "this", "one"],
                         ["pass", "on", "that", "one"], ["leave", "it"], ["leave", "it", "there"],
                         ["not", "for", "me"], ["i'm", "good"], ["i'm", "alright"],
                         ["i'm", "all", "right"], ["i'm", "okay"], ["i'm", "fine"],
                         ["not", "interested"], ["i", "won't"], ["i'm", "not"],
                         ["i", "wouldn't"], ["don't", "want", "it"], ["not", "really"],
                         ["give", "it", "a", "miss"], ["i'll", "give", "it", "a", "miss"])
"""Endings of "I'll pass, thanks", "not for me, ta", "I'm good, thanks": a no to what they
offered, said as "no thanks" is (a thanks for something, "thanks for thinking of me", is
still thanks)."""
_ARTICLE = frozenset({"a", "proper", "big", "huge", "an", "little"})


def _refusal_before(before: list[str]) -> str:
    """"no", "nah", "nope" just before thanks, with only "I'm good"-type words between."""
    for k in range(len(before) - 1, -1, -1):
        word = before[k]
        if word in _NO:
            return " ".join(before[k:])
        if word not in _IDIOM_FILL:
            return ""
    return ""


def _thank_you_veto(utt: Utterance, hit: Hit, before: list[str], after: list[str],
                    reciprocal: bool = False) -> str | None:
    """The ways a literal "thank you" / "thanks" is not gratitude."""
    head = utt.words[hit.core[0]].text
    nxt = after[0] if after else ""
    previous = before[-1] if before else ""
    if previous in _NO and nxt in ("needed", "necessary", "required"):
        return "declines thanks (no thanks needed)"
    if nxt not in _THANKS_FOLLOWERS and not reciprocal:
        refusal = _refusal_before(before)
        if refusal:
            return f'refusal idiom "{refusal} thanks"'
        rather = next((r for r in _RATHER_NOT if before[-len(r):] == r), None)
        if rather is not None:
            return f'refusal idiom "{" ".join(rather)}, thanks"'
        said = [w for w in before[-6:] if w != ","]
        passed = next((r for r in _DECLINED_WITH_THANKS if said[-len(r):] == r), None)
        if passed is not None and "for" not in after[:3]:
            return f'{DECLINED_WITH_THANKS} "{" ".join(passed)}, thanks"'
        if hit.i == 1 and utt.words[0].text == "know":
            return 'refusal idiom "no thanks", heard as "know"'
    if after[:3] == ["but", "no", "thanks"] or after[:4] == [",", "but", "no", "thanks"]:
        return 'refusal idiom "thanks but no thanks"'
    if (not before or before[-1] in (".", "?")) and after[:2] == [",", "no"] and (
            after[2:3] in ([], ["."], ["?"], [","])):
        return 'refusal idiom "thank you, no"'
    if head == "thanks" and nxt == "to" and len(after) > 1:
        target = after[1]
        if target not in _PEOPLE and not (target in ("the", "your") and len(after) > 2
                                          and after[2] in _PEOPLE_NOUNS):
            return f'causal "thanks to {target}..."'
    if nxt == "me":
        return "thanks turned on the speaker"
    if previous in _ARTICLE:
        # "I'll send you a proper thank-you some time": a thank-you to come, not said now
        sentence = utt.sentence[hit.i]
        k = hit.i - 1
        while k > 0 and hit.i - k < 10 and utt.sentence[k - 1] == sentence:
            k -= 1
        promise = next((w for w in utt.texts(k, hit.i) if w in _PROMISE), None)
        if promise is not None:
            return f'thanks only promised ("{promise} ... a thank-you")'
    if nxt in _NOTE_WORDS:
        return f'a thank-you {nxt}, not thanks said now'
    if head == "thanks" and nxt == "to" and any(
            w.endswith("ing") for w in utt.texts(hit.j + 2, hit.j + 5)):
        return "causal \"thanks to you ...ing\""
    rest = _sentence_after(utt, hit, 12)
    if "nothing" in after[:4] or "wasting" in after[:3] or "nowhere" in rest:
        return "sarcasm (thanks for nothing)"
    if previous == "gee" or after[:2] == ["for", "finally"]:
        return f'sarcasm ("{previous if previous == "gee" else "for finally"}")'
    bare = [w for w in rest if w != ","]
    if bare[-1:] == ["not"] and len(bare) > 1 and bare[-2] in _PRAISE:
        return 'sarcasm ("very generous, not")'

    if head == "thank" and nxt in ("god", "goodness", "heavens"):
        return "an exclamation, not thanks"
    if head == "thanks" and after[:3] in (["be", "to", "god"], ["be", "to", "goodness"]):
        return "an exclamation, not thanks"
    return None


def _sentence_after(utt: Utterance, hit: Hit, reach: int = 8) -> list[str]:
    """The words after a thank-you in its own sentence ("thanks for all the effort getting
    me nowhere"), a few at most."""
    out: list[str] = []
    for word in utt.texts(hit.j, hit.j + reach):
        if word in (".", "?"):
            break
        out.append(word)
    return out


def _own_luck(after: list[str]) -> bool:
    """"I'm thankful I found the role", "grateful to have landed it", "grateful for my new job"."""
    first = after[1] if after[0] == "that" and len(after) > 1 else after[0]
    if first in _OWN_LUCK:
        return True
    if first == "to" and len(after) > 1 and after[1] in ("have", "be", "finally", "get", "my",
                                                           "our"):
        return True
    return first == "for" and (after[1:2] == ["my"] or after[1:3] in (
        ["the", "new"], ["this", "new"]))


_JOINS = frozenset({"and", "but", "so"})
"""Words that start a new thought in an unpunctuated transcript ("cheers and good luck...")."""


def _retort(utt: Utterance, hit: Hit, sarcasm: Hit) -> bool:
    """"Thanks a bunch for that generous offer. Not.": a short sentence right after the
    thanks that takes back the sentence before it."""
    sentence = utt.sentence[sarcasm.i]
    if sentence != utt.sentence[hit.i] + 1:
        return False
    return sum(1 for w, n in zip(utt.words, utt.sentence, strict=True)
               if n == sentence and not w.is_punct) <= 3


def veto(utt: Utterance, hit: Hit, offence: Sequence[Hit], reciprocal: bool = False
         ) -> str | None:
    """Why ``hit`` is not gratitude to them, or ``None`` when it is.

    ``offence``: the reply's disparaging remarks; a thank-you that is part of one is no
    thanks (:func:`_part_of_jibe`).
    ``reciprocal``: the reply answers the recruiter's wrap-up, where "no" answers "anything
    else?", so "no, thank you" thanks them rather than refusing anything."""
    after = utt.texts(hit.j, hit.j + 4)
    before = [w for w in utt.texts(max(hit.i - 5, 0), hit.i) if w != ","]
    name = hit.family.name
    if name == "thank you":
        reason = _thank_you_veto(utt, hit, before, after, reciprocal)
        if reason is not None:
            return reason
    said = [w for w in utt.texts(max(hit.i - 3, 0), hit.i) if w != ","]
    if "." in said or "?" in said:
        said = said[len(said) - [w in (".", "?") for w in reversed(said)].index(True):]
    verb_thanks = name == "appreciation" or utt.words[hit.core[0]].text == "thank"
    if verb_thanks and any(w in _PROMISE for w in said):
        # only in the thank-you's own sentence: "Will do. Thanks, bye." thanks now
        promise = next(word for word in reversed(said) if word in _PROMISE)
        return f'thanks only promised or reported ("{promise} thank")'
    # "decided not to take it thank you": a "thank you" is negated only right after the
    # negation; the words of a decision before it do not reach it
    negator = utt.negator_before(hit.core[0], 1 if name == "thank you" else 4)
    if negator == "no" or (negator == "not" and utt.texts(hit.i - 2, hit.i - 1) == ["why"]):
        # "no, that's all, thank you": the no answers something else; "why not, thanks" agrees
        negator = None
    if negator is not None and after[:1] != ["enough"] and name != "kind of you":
        return f'negated: "{negator}"'
    if name == "appreciation" and after[:2] == ["it", "if"]:
        return 'a request ("I\'d appreciate it if..."), not thanks'
    if hit.family.tag == "grateful" and after and _own_luck(after):
        return "gratitude for the speaker's own luck, not aimed at them"
    if name in ("thank you", "kind of you") and any(
            _part_of_jibe(utt, hit, o, after) for o in offence):
        return "sarcasm"
    return None


def _part_of_jibe(utt: Utterance, hit: Hit, dig: Hit, after: list[str]) -> bool:
    """Whether the thank-you ``hit`` belongs to the disparaging remark ``dig``.

    It does after a sarcastic remark, in its clause or just before it ("Oh great, another
    lowball. Thanks SO much."; "That's generous of you... said no one ever"), with a retort
    after it ("... generous offer. Not."), when it thanks them for the thing run down
    ("thanks for the lowball") or for something mocked in the same or the next sentence
    ("Thanks for the six interviews, what a treat"), and as praise after a dig in its
    sentence ("... the lowball, really generous of you"). Sincere thanks said first, with
    the dig in a later clause ("Thanks, and good luck, you'll need it") is thanks, and the
    reply is offensive too (LABELS.md)."""
    sarcastic = dig.family.name in SARCASM
    thanked_for = after[:1] == ["for"]
    if sarcastic and (dig.i < hit.j + 3 or _retort(utt, hit, dig) or (
            utt.clause[dig.i] == utt.clause[hit.i]
            and not _JOINS.intersection(utt.texts(hit.j, dig.i)))):
        return True
    if thanked_for and hit.j <= dig.i <= hit.j + 3:
        return True
    if thanked_for and sarcastic and dig.i >= hit.j and (
            utt.sentence[dig.i] <= utt.sentence[hit.i] + 1):
        return True
    return (hit.family.name == "kind of you" and dig.j <= hit.i
            and utt.sentence[dig.i] == utt.sentence[hit.i])


def read_thanks(utt: Utterance, offence: Sequence[Hit], reciprocal: bool = False
                ) -> tuple[list[Hit], list[tuple[Hit, str]]]:
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    for hit in find(utt, THANKS_FAMILIES):
        reason = veto(utt, hit, offence, reciprocal)
        if reason is None:
            kept.append(hit)
        else:
            vetoed.append((hit, reason))
    return kept, vetoed
