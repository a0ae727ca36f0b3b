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

from trainer.scoring.families import Hit, families, find, negated_before
from trainer.scoring.utterance import Utterance

THANKS_FAMILIES = families([
    ("thank you", r"(?P<v>thank) you(?: (?:so|very) much| kindly| again)?|(?P<t>thanks)(?: (?:so|"
     r"very) much| a lot| a million| again| a bunch)?|many thanks|thanking you|"
     r"cheers(?= [,.?]|$| for| then| mate| again| though)|ta(?= very much| muchly| so much)",
     100),
    ("appreciation", r"(?:{subj} )?(?:(?:really|truly|genuinely|do|did|so|very much|greatly|"
     r"honestly|"
     r"sincerely|deeply|just|also|hugely|massively|totally|definitely|all|both|still) )*"
     r"(?P<v>appreciate)(?= (?:it|that|this|you|your|the|everything|all|everyone|everybody|how|"
     r"being|having|him|her|them|every|so|very|a|hearing|yours|what|getting|each|[a-z]+ing)(?= |$)|"
     r"[ ]?[,.?]|$)",
     95),
    ("appreciation", r"(?:much|greatly|really|very much|so|truly|hugely|always) (?P<v>appreciated)|"
     r"(?:it's|it is|that's|that is|it was|that was) (?:really |very |much |greatly |truly )?"
     r"(?P<w>appreciated)", 95),
    ("grateful", r"(?:{subj} )?(?:(?:am|was|been|really|so|very|truly|most|deeply|genuinely|"
     r"incredibly|extremely|hugely|super|just|also|still|sincerely) )*"
     r"(?P<v>grateful|thankful|appreciative)", 95, "grateful"),
    ("passing thanks on", r"(?:pass|passing|send|sending|give|giving|extend|extending|say|saying|"
     r"convey|share|offer) (?:on )?(?:my|our|a|a big|a huge|huge|big|my sincere|my warm|"
     r"my warmest|my heartfelt|along my)? ?(?:thanks|thank you|gratitude|appreciation)", 100,
     "passed"),
    ("passing thanks on", r"(?:please|do|could you|can you|would you|and) (?:also |kindly |"
     r"do )?(?P<v>thank) (?:her|him|them|everyone|everybody|all|the|your|each)(?= )", 100,
     "passed"),
    ("my thanks", r"(?:my|our|a|big|huge|sincere|heartfelt|warm|special|massive) (?:(?:big|huge|"
     r"sincere|heartfelt|warm|warmest|special|massive|genuine) )?(?:thanks|thank you|gratitude)"
     r"(?= to| for| [,.?]|$| again| and)", 100, "passed"),
    ("appreciation", r"(?:{subj} )?(?:(?:really|truly|genuinely|do|so|greatly|also) )*"
     r"(?P<v>value|valued) (?:the|your|you|all|everything|our|how|it|that)|much obliged|"
     r"(?:that|it) means (?:a lot|so much|a great deal)", 85),
    ("kind of you", r"(?:that's|that is|it's|it is|how|so|very|really|too|you're|you are|"
     r"you've been) (?:very |really |so |incredibly |truly |extremely |too )?(?:kind|good|"
     r"generous|thoughtful|nice|lovely|gracious|decent|sweet|helpful) (?:of you|to (?:offer|"
     r"ask|call|think|me|let))|that's (?:very |really |so )?kind(?= [,.?]|$| and| thank| but)|"
     r"(?:that's|it's|that is|it is|what) (?:a |such a )?(?:very |really |so )?(?:kind|generous|"
     r"thoughtful|lovely) (?:thought|offer|gesture)",
     85, "kind"),
])

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
_OWN_LUCK = frozenset({"i", "i've", "i'm", "i'd", "we", "my", "it", "that's", "things"})
_NO = frozenset({"no", "nah", "nope"})
_THANKS_FOLLOWERS = frozenset({"for", "so", "very", "again", "to", "a", "kindly", "much"})


_IDIOM_FILL = frozenset({"i'm", "good", "fine", "okay", "alright", "all", "right", "really",
                         "honestly", "but"})


def _refusal_before(before: list[str]) -> str:
    """"no", "nah", "nope" just before thanks, with only "I'm good"-type words between."""
    for k in range(len(before) - 1, -1, -1):
        word = before[k]
        if word in _NO:
            return " ".join(before[k:])
        if word not in _IDIOM_FILL:
            return ""
    return ""


def _thank_you_veto(utt: Utterance, hit: Hit, before: list[str], after: list[str]) -> str | None:
    """The ways a literal "thank you" / "thanks" is not gratitude."""
    head = utt.words[hit.core[0]].text
    nxt = after[0] if after else ""
    previous = before[-1] if before else ""
    if previous in _NO and nxt in ("needed", "necessary", "required"):
        return "declines thanks (no thanks needed)"
    if nxt not in _THANKS_FOLLOWERS:
        refusal = _refusal_before(before)
        if refusal:
            return f'refusal idiom "{refusal} thanks"'
    if after[:3] == ["but", "no", "thanks"] or after[:4] == [",", "but", "no", "thanks"]:
        return 'refusal idiom "thanks but no thanks"'
    if head == "thanks" and nxt == "to" and len(after) > 1:
        target = after[1]
        if target not in _PEOPLE and not (target in ("the", "your") and len(after) > 2
                                          and after[2] in _PEOPLE_NOUNS):
            return f'causal "thanks to {target}..."'
    if nxt == "me":
        return "thanks turned on the speaker"
    if "nothing" in after[:4] or "wasting" in after[:3]:
        return "sarcasm (thanks for nothing)"
    if head == "thank" and nxt in ("god", "goodness", "heavens"):
        return "an exclamation, not thanks"
    return None


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


def veto(utt: Utterance, hit: Hit, sarcastic: bool) -> str | None:
    """Why ``hit`` is not gratitude to them, or ``None`` when it is."""
    after = utt.texts(hit.j, hit.j + 4)
    before = [w for w in utt.texts(max(hit.i - 3, 0), hit.i) if w != ","]
    name = hit.family.name
    if name == "thank you":
        reason = _thank_you_veto(utt, hit, before, after)
        if reason is not None:
            return reason
    said = [w for w in utt.texts(max(hit.i - 3, 0), hit.i) if w != ","]
    if "." in said or "?" in said:
        said = said[len(said) - [w in (".", "?") for w in reversed(said)].index(True):]
    if name in ("thank you", "appreciation") and any(w in _PROMISE for w in said):
        # only in the thank-you's own sentence: "Will do. Thanks, bye." thanks now
        promise = next(word for word in reversed(said) if word in _PROMISE)
        return f'thanks only promised or reported ("{promise} thank")'
    # "decided not to take it thank you": a "thank you" is negated only right after the
    # negation; the words of a decision before it do not reach it
    negator = negated_before(utt, hit.core[0], 1 if name == "thank you" else 4)
    if negator == "no" or (negator == "not" and utt.texts(hit.i - 2, hit.i - 1) == ["why"]):
        # "no, that's all, thank you": the no answers something else; "why not, thanks" agrees
        negator = None
    if negator is not None and after[:1] != ["enough"] and name != "kind of you":
        return f'negated: "{negator}"'
    if hit.family.tag == "grateful" and after and _own_luck(after):
        return "gratitude for the speaker's own luck, not aimed at them"
    if sarcastic and name in ("thank you", "kind of you"):
        return "sarcasm"
    return None


def read_thanks(utt: Utterance, sarcastic: bool) -> tuple[list[Hit], list[tuple[Hit, str]]]:
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    for hit in find(utt, THANKS_FAMILIES):
        reason = veto(utt, hit, sarcastic)
        if reason is None:
            kept.append(hit)
        else:
            vetoed.append((hit, reason))
    return kept, vetoed
