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
from trainer.scoring.families import Hit, families, find, negated_before
from trainer.scoring.utterance import Utterance

_DECLINE_VERB = (
    r"decline|declined|declining|withdraw|withdrawing|pull out|pulling out|pull my application|"
    r"pull myself out|step (?:back|out|away|aside)|stepping (?:back|out|away|aside)|back out|"
    r"backing out|bow out|bowing out|drop out|dropping out|opt out|opting out|"
    r"turn {w}(?: {w})? down|turning {w}(?: {w})? down|turn down|turning down|cancel|"
    r"cancelling|canceling|say no|saying no|walk away|walking away|"
    r"go (?:in )?(?:a )?different (?:direction|way|route)|"
    r"going (?:in )?(?:a )?different (?:direction|way|route)|"
    r"pass(?! (?:that|it|this(?! time| one)|them|him|her|my|our|the message|along|by|through|out|"
    r"away|over|"
    r"the (?:exam|test|ball|time|phone|details)|on (?:my|our|the message|that message|them|"
    r"your|it to|this to|that to)(?![^ ])|me|you|'s|is|was)(?![^ ]))|"
    r"passing on(?! my| our)|knock(?:ing)? (?:it|this|that|the offer|them|you) back|"
    r"pull(?:ing)? (?:my|the) (?:application|candidacy|name)"
)
_DECLINED = (
    r"declined|withdrew|withdrawn|pulled out|pulled (?:my|the) (?:application|candidacy|name)|"
    r"turned {w}(?: {w})? down|turned down|cancelled|"
    r"canceled|stepped back|stepped away|stepped out|backed out|bowed out|dropped out"
)
_ACCEPT_VERB = (
    r"accept(?:ing)?(?! (?:less|anything|below|under|a lower|another|an offer|a role|"
    r"a position|a job))|"
    r"(?:take|taking) (?:up )?(?:it|this|that|yours|the (?:offer|job|role|position|post|"
    r"opportunity)|"
    r"your (?:offer|role|job|position)|you up|them up|this one|that one)|"
    r"join(?:ing)?(?! (?:in|up)(?![^ ])| forces| the (?:dots|queue|call|meeting))|"
    r"sign(?:ing)?(?= it| the|"
    r" anything| on)|"
    r"proceed(?:ing)?|continu(?:e|ing)|move forward|moving forward|go forward|going forward|"
    r"go ahead|going ahead|progress(?:ing)?|pursu(?:e|ing)|"
    r"(?:come|coming)(?= [,.?]|$| in| back| to| the| tomorrow| on| any| for)|attend(?:ing)?|"
    r"sit(?:ting)? through|go(?:ing)? through with|be there|go(?:ing)? (?:any )?further|"
    r"interview(?:ing)?(?= with| for| [,.?]|$)|"
    r"start(?:ing)?(?! (?:until|till|before|after|later|yet|on time|earlier|sooner|straight away|"
    r"immediately|right away|for|by))"
)

NO_FAMILIES = families([
    ("declining verb", rf"{{subj}} {{aux}}(?P<v>{_DECLINE_VERB})", 100, "verb"),
    ("declining verb", rf"{{modal}} {{aux}}(?P<v>{_DECLINE_VERB})", 100, "verb"),
    ("declined already", rf"{{subj}} (?:have |had )?(?:already |just |actually |recently |"
     rf"officially )*(?P<v>{_DECLINED})", 90, "verb"),
    ("won't accept", rf"(?P<n>{{neg}}) (?:(?:be|able|to|going|really|actually|in|a|position|"
     r"ever|planning|want|wish|intending|intend|looking|gonna|still|now|then|afraid|"
     r"unfortunately|i'm|definitely|sadly|so) ){0,5}"
     rf"(?P<v>{_ACCEPT_VERB})", 100, "neg"),
    ("won't do it", r"(?:won't|not|never) (?:be )?doing (?:it|this|that|another|the (?:interview|"
     r"second|next|final))|(?:won't|will not) do (?:it|this|that|another)", 85, "neg"),
    ("not going to work", r"(?:it's|it is|that's|that is|this is|it) (?:just )?(?:not going to|"
     r"won't|isn't going to) work(?: out| for me)?(?= [,.?]|$| i'm| sorry| unfortunately| so)",
     80, "idiom"),
    ("not a yes", r"(?:not|won't|isn't|never) (?:going to )?be a yes|(?:it's|that's|it is) not "
     r"a yes|not something i(?:'m| am|'ll| will| can|'d)? (?:going to |want to |able to )?"
     r"(?:pursue|accept|take|go ahead with|continue with|do)|(?:don't|do not) want (?:the|this|"
     r"that|your) (?:job|role|offer|position|interview)|(?:take|taking) (?:myself|my name) out|"
     r"out of the running|(?:please )?(?:withdraw|remove|pull) (?:me|my application|my name|"
     r"my candidacy|myself)(?: from)?|let (?:this|it|the offer|this one|the role) (?:one )?go",
     95),
    ("not a yes", r"take me (?:off|out of) (?:the|your) (?:list|shortlist|system|books|process|"
     r"running|records|database|mailing list)", 95, "idiom"),
    ("decided against", r"decided (?:not to|against) (?:{w} )?(?:accept|accepting|take|taking|"
     r"go|going|proceed|proceeding|continue|continuing|move|moving|pursue|pursuing|join|joining|"
     r"it|this|that|the offer|the role|the position|the job|interview|interviewing|attend)",
     100),
    ("it's a no", r"(?:it's|that's|it is|that is|it'll|it will|it has|has) (?:going to |got to |"
     r"have to |to )?(?:be )?a (?:no|firm no|definite no|hard no|polite no|no from me)|"
     r"a (?:firm |definite |hard |polite )?no from (?:me|my side|my end)|"
     r"(?:my |the )?(?:answer (?:is|has to be|will have to be|would be|'s)|answer's) "
     r"(?:going to be |got to be |still |afraid )?(?:still )?(?:a )?(?:firm |definite )?no|"
     r"i'm (?:saying|going to say) no|no from me|(?:the |my |our )?(?:verdict|decision|response|"
    r"reply) (?:is|'s|will be|has to be|would be) (?:still |afraid |sadly |unfortunately )?"
    r"(?:a )?(?:firm |definite )?no(?= [,.?]|$| i| sorry| thanks| thank| unfortunately)|(?:it's|"
    r"that's) a pass|a pass from me", 100),
    ("decision stands", r"(?:my )?(?:decision|mind|minds) (?:is|remains|stays|stands) "
     r"(?:still )?(?:made|"
     r"final|firm|set|the same|unchanged|made up)|(?:decision's|mind's|minds|decisions) (?:made|"
     r"final|set)|(?:my )?decision stands|"
     r"made (?:up )?my (?:mind|decision|choice)|my (?:mind|choice)'s made|(?:haven't|not|won't|"
     r"isn't going to|hasn't|didn't) "
     r"change(?:d)? (?:my mind|my decision)|(?:stick|sticking|stand|standing) (?:with|by) my "
     r"decision|that hasn't changed|still (?:a )?no|still (?:declining|withdrawing)|"
     r"(?:nothing|no amount of {w}|no {w}) (?:will|would|could|is going to|can) change "
     r"(?:my mind|that|it|my decision)|"
     r"doesn't change (?:my|the) (?:decision|answer|mind)", 85, "stands"),
    ("no thanks", r"(?:no|nah|nope) (?:, )?(?:thanks|thank you)(?! (?:for|so|very|again|to))",
     90, "idiom"),
    ("thanks but no thanks", r"thanks (?:, )?but no thanks", 95, "idiom"),
    ("not interested", r"not (?:really |actually |that |particularly |honestly |at all )?"
     r"interested(?! in (?:moving|relocating|leaving|commuting|working in|travelling))", 85,
     "idiom"),
    ("no way", r"no chance|no way|not a chance|absolutely not|definitely not|certainly not|"
     r"count me out|i'm out|sit this one out|not for me|give (?:it|this) a miss|i'm done|"
     r"not this time|"
     r"(?:nah|no) (?:, )?i'm (?:good|alright|fine|okay)", 85, "idiom"),
    ("but no", r"(?:i'm )?afraid not|sadly not|unfortunately not|(?:but|,|so) no(?= [,.?]|$| i| "
     r"thanks| thank| sorry| unfortunately| i'm| it's| my)", 85, "idiom"),
    ("elliptical no", r"(?:^|(?<=[,.?] )|(?<=but )|(?<=so )|(?<=and )|(?<=afraid )|"
     r"(?<=sorry ))(?:(?:i|we) (?:really |just |"
     r"honestly |still |simply )?(?:won't|will not|can't|cannot|shan't|couldn't)|(?:i'm|we're) "
     r"(?:really |just |honestly |still |afraid )?not)"
     r"(?: (?:really|honestly|sorry|unfortunately|i'm afraid|afraid|though))?(?= [,.?]|$)",
     80, "bare"),
    ("bare no", r"^(?:(?:oh|um|uh|er|erm|well|yeah|yes|so|hmm|look|honestly|sorry|ah|right|"
     r"okay|hi|hey|hello|[,.]) )*(?:no|nope|nah|naw)(?= [,.?]|$| sorry| thanks| thank| but| "
     r"unfortunately| i| i'm| i'll| i've| i'd| it's| we| not (?!yet))"
     r"(?! (?:[,.] )?(?:i haven't|i have not|i don't mind|i don't think|i think that|"
     r"not yet|that's (?:it|all|everything|fine)|nothing|problem|worries|need))", 80, "bare"),
])

ACCEPT_FAMILIES = families([
    ("accepting", r"(?:{subj} {aux}|happy to |love to |like to |delighted to |glad to |"
     r"pleased to |excited to |going to |want to |yes (?:, )?(?:i'll )?)(?P<v>accept|accepting)"
     r"(?= (?:it|the offer|your offer|this|that|the role|the position|the job)|"
     r" [,.?]|$| and| thank| thanks| gladly)", 100),
    ("taking it", r"(?:{subj} {aux}|happy to |yes (?:, )?)(?P<v>take|taking) (?:it|the offer|"
     r"the job|the role|the position|your offer|you up on)(?= |$)", 95),
    ("joining", r"(?:excited|happy|delighted|thrilled|glad|pleased|can't wait|looking forward) "
     r"to (?:join|joining|start|starting|be joining|come on board|work with)", 90),
    ("yes please", r"(?:yes|yeah|absolutely|definitely|sure) (?:, )?(?:i'd love to|"
     r"i'll take it|i accept|let's do it|count me in|sign me up|i'm in)", 90),
    ("next steps", r"(?:what are|what's) the next steps|when (?:can|do|would you like me to|"
     r"should) (?:i )?start|send (?:over )?the contract|i'll sign|happy to sign", 85),
    ("coming in", r"(?:{subj} {aux}|okay |fine |sure |happy to )(?P<v>come|be there|attend|"
     r"do (?:it|the interview|the second|the next|this interview))(?= (?:in|to|for|on|then|after|"
     r"the)|[ ]?[,.?]|$)", 75),
])

_ELSEWHERE = families([
    ("elsewhere", r"(?:found|got|accepted|taken|landed|chosen|signed|joining|started) (?:(?:a|an|"
     r"another|the other|my new|a new) )?(?:{w} )?(?:role|job|position|post|offer|place|contract)|"
     r"(?:the other|another|a new|my new) (?:role|job|position|company|firm|offer|team|place)|"
     r"elsewhere|somewhere else"),
])
"""Where the speaker is going instead: "excited to start" after it is about the new job."""

CAVE_FAMILIES = families([
    ("taking it back", r"(?:forget|scrap|ignore|disregard|strike) (?:what i (?:just )?said|that|"
     r"everything i said|my last|all that)|i take (?:it|that) back|on second thought|"
     r"in that case (?:, )?(?:yes|i'll|i'd|i could|maybe)", 100),
    ("after all", r"after all(?= [,.?]|$)", 90),
    ("change of mind", r"change(?:d)? my mind|changing my mind|reconsider(?:ing)?|"
     r"rethink(?:ing)?", 90),
    ("offer still open", r"(?:is|was) (?:the|your|that) offer still (?:open|available|"
     r"on the table|there|valid)|(?:could|can) i (?:still )?(?:take|accept|have|get) (?:the|"
     r"your|that) (?:offer|job|role|position)|is it too late to", 100),
    ("go on then", r"go on then|(?:okay|oh) fine|fine (?:, )?(?:i'll|then)|"
     r"you've (?:convinced|persuaded) me|talked me (?:into|round)|you win|count me in|"
     r"sign me up|let's do it", 100),
    ("how much", r"how much (?:{w} )?(?:more|flexibility|extra|higher|room|are we talking|"
     r"could you|can you|would)|what (?:kind|sort) of (?:number|figure|flexibility|money|"
     r"increase)|what are we talking|what (?:kind|sort) of (?:{w} )?(?:title|role|package|"
     r"salary|money|hours|terms|deal|offer|bonus)|are we talking(?= about| [,.?]|$)", 90),
    ("open to it", r"(?:i'd|i would|i could|i might|i'm|i am) (?:be )?(?:(?:definitely|maybe|"
     r"possibly|probably|certainly) )?(?:open to|tempted|willing to (?:consider|look|listen|"
     r"talk)|happy to (?:consider|reconsider|discuss|talk about|look at|hear))", 80, "change"),
    ("agrees to reconsider", r"(?:i'd|i would|i could|i'll|i will) (?:probably |maybe |definitely |"
     r"certainly )?(?:listen|hear you out|think about it|consider it|look at it)|"
     r"let me (?:have a )?think(?: about it| it over| on it)?(?= [,.?]|$)", 80, "change"),
    ("sounds good", r"(?:yes|yeah) (?:, )?please|that (?:would|could) (?:actually |really )?"
     r"(?:be )?(?:perfect|great|ideal|brilliant|lovely|work)|sounds (?:perfect|great|good|"
     r"interesting|tempting)|(?:that's|that is|it's|it is|that does sound) (?:very |really |"
     r"quite |pretty |so |a bit )?tempting|(?:can|could) you (?:email|send|forward|put) (?:me )?"
     r"(?:that|it|this|the details|something|over)(?= [,.?]|$| over| in| through| across)|"
     r"i'd (?:love|like) that|(?:i'm|i am|i'd be|i would be) (?:very |"
     r"really |definitely )?interested", 80, "change"),
    ("could do that", r"(?:i|i'd|i could|i can|i'll|i will|i might) (?:maybe |probably |"
     r"possibly |definitely |actually )?(?:could )?(?:do|manage) (?:that|it|this)"
     r"(?= [,.?]|$| after| then| if| i)", 80, "change"),
])

_THIRD_PERSON = frozenset({
    "you", "they", "he", "she", "it", "which", "who", "company", "they're", "you're", "he's",
    "she's", "it's", "people", "nobody", "anyone", "someone",
})
_RELATIVE = frozenset({"that", "which", "what", "whether", "if", "sure", "unless", "think",
                       "wonder", "wondering", "before", "until", "whatever", "once"})
_POLITE_IF = ("if that's", "if you don't mind", "if that is", "if it's okay", "if it's all right",
              "if i'm honest", "if i'm being honest", "if you like", "if anything",
              "if you must know", "if i may", "if possible", "if it helps")
_JOINS = frozenset({"but", "and", "so", "though", "although", "however"})
CONDITION_REACH = 8
"""How many words an "if" may be from the decision it makes conditional."""
_QUESTION_OPENERS = frozenset({"should", "can", "could", "do", "would", "shall", "may", "is", "am",
                               "what", "how", "will"})


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
    others = find(utt, _ELSEWHERE) if not alternative else []
    for hit in find(utt, ACCEPT_FAMILIES):
        if alternative:
            break  # saying yes to another role keeps the no to this one
        if _accept_counts(utt, hit) and not any(
                o.i < hit.i and utt.sentence[o.i] == utt.sentence[hit.i] for o in others):
            return Reversal(hit, "accept")
    for hit in find(utt, CAVE_FAMILIES):
        if hit.family.tag == "change" and (kind is not LineKind.CHANGE or alternative
                                           or any(n.i >= hit.j for n in no_hits)):
            continue
        if hit.family.name == "change of mind" and any(
                n.i >= hit.j and utt.sentence[n.i] == utt.sentence[hit.i] for n in no_hits):
            continue  # "I've changed my mind and I won't be starting": the change is the no
        if negated_before(utt, hit.core[0], 6) is None and not _in_others_mouth(utt, hit):
            return Reversal(hit, "cave")
    return None


def _accept_counts(utt: Utterance, hit: Hit) -> bool:
    """"I won't accept", "below what I can accept", "not sure I can accept" accept nothing."""
    verb = hit.core[0]
    if negated_before(utt, verb, 4) is not None:
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
        negator = negated_before(utt, verb, 3)
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
        if not tail.startswith(_POLITE_IF):
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
