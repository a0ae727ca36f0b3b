"""What kind of recruiter line a reply answers, which changes what the reply can mean.

A bare "No." is a clear no to "Will you be accepting our offer?", an answer of
"not yet" to "Have you had a chance to look at it?", a refusal of future
contact to "Would you be open to other roles later?" and merely the end of a
call after "Anything else?". Courteous follow-up is judged only after a line
that responds to a no already given: asking why, where or who, trying to change
the decision, offering something else, or offering to keep the CV on file.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from trainer.scoring.utterance import Utterance


class LineKind(StrEnum):
    OPENING = "opening"
    """Asks for the decision or invites: "Will you be accepting?", "We'd like to invite you"."""
    STATUS = "status"
    """Asks whether there is a decision yet: "Have you had a chance to look at the offer?"."""
    TERMS = "terms"
    """First statement of salary or terms: "The budget is 62,000. Does that work?"."""
    CHANGE = "change"
    """Tries to change the decision: counter-offer, concession, another role now."""
    INFO = "info"
    """Asks why, where or who after a no."""
    FUTURE = "future"
    """Offers future contact: other roles later, CV on file."""
    WRAPUP = "wrapup"
    """Ends the call: "Anything else?", good wishes, goodbye."""
    UNKNOWN = "unknown"
    """No line given."""

    @property
    def is_followup(self) -> bool:
        return self in (LineKind.CHANGE, LineKind.INFO, LineKind.FUTURE)


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^ ])(?:" + "|".join(alternatives) + r")(?![^ ])")


_FUTURE = _rx(
    r"(?:other|future|further|more) (?:roles|positions|openings|opportunities|vacancies|jobs)"
    r"(?: [^ ]+){0,5} (?:later|future|down the line|again|going forward|someday|one day)",
    r"(?:in|for) (?:the )?future",
    r"down the (?:line|road)",
    r"keep (?:your|you|the) (?:cv|resume|details|profile|information|info|application)",
    r"(?:cv|resume|details|profile) on file",
    r"keep you (?:in mind|posted|on file|on our radar|in the loop|on (?:our|the|my) (?:books|"
    r"list|database|system|records))", r"(?:contact|contacting|call|calling|ring|email) you "
    r"(?:about|if|when|in|again)", r"(?:about|for) (?:future|upcoming|other) (?:roles|vacancies|"
    r"openings|positions|opportunities|jobs)", r"future (?:roles|vacancies|openings|positions|"
    r"opportunities|jobs)", r"(?:reach|reached|reaching) out (?:in|again|if|when|about|later)",
    r"in (?:a few|six|three|\d+|twelve|a couple of) (?:months|weeks)",
    r"(?:call|calling|ring|ringing|contact|contacting|email|emailing) you (?:[^ ]+ )?(?:next|"
    r"later) (?:year|spring|summer|autumn|fall|winter|month|quarter|on)",
    r"(?:stay|keep) in touch",
    r"reach(?:ing)? out (?:again|if|when|in)",
    r"(?:give you a call|get in touch|contact you) (?:if|when) (?:something|anything|a role)",
    r"if (?:something|anything) (?:else |bigger |more senior |suitable )?(?:comes up|opens up)",
    r"(?:if|when|in case|should) (?:[^ ]+ ){1,4}(?:comes up|opens up|crops up|come up|open up|"
    r"becomes available|becomes free)",
    r"(?:hang|hold) on to your (?:details|cv|resume|application|information)",
    r"talent (?:pool|pipeline|network)",
)
_CHANGE = _rx(
    r"change your mind", r"reconsider", r"re consider", r"keep you (?:in|on|with)",
    r"(?:anything|nothing) (?:we|i) (?:could|can|might) do",
    r"(?:we|i) (?:could|might) (?:look at|add|match|try|stretch|sweeten|revisit)",
    r"(?:would|could|will|might) (?:that|it|this|a|an|more|the|some|two|any) "
    r"(?:[^ ]+ ){0,6}(?:change|help|tip|tempt|make a difference|get us there|sway)",
    r"change (?:your thinking|your decision|the picture)",
    r"push (?:to|it|the|that|up)", r"go up (?:to|another|by)", r"(?:come|move) up",
    r"flexib(?:le|ility)", r"counter", r"match (?:it|that|their|the)", r"increase", r"raise",
    r"bump", r"relocation (?:package|support|allowance|assistance|budget|bonus)",
    r"(?:we|i) (?:could|can|might) (?:also )?offer you (?:a|an|some) (?:[^ ]+ )?(?:relocation|"
    r"bonus|extra|additional)", r"signing bonus", r"sign on bonus", r"part time", r"part-time",
    r"four day",
    r"hybrid", r"remote (?:days|working|work|option)", r"work(?:ing)? from home",
    r"different (?:role|position|team|location|office)", r"another (?:role|position|location)",
    r"(?:also|another|other|different|alternative|alternatively|similar) (?:[^ ]+ ){0,4}"
    r"(?:opening|openings|role|roles|position|positions|vacancy|vacancies|team|office)",
    r"other (?:role|position|location|office)", r"instead",
    r"(?:would|could|might|to) make (?:this|it|things) work",
    r"what would (?:you need|it take|make)",
    r"what (?:salary|number|figure) would", r"is there (?:a|any) (?:number|figure|chance)",
    r"any chance", r"what if (?:we|i)", r"how about", r"would you (?:still )?consider",
    r"still (?:be )?(?:interested|open) (?:in|if)", r"over the line", r"make (?:this|it) a yes",
    r"is that a no", r"are you (?:saying|turning|declining|withdrawing|sure)",
    r"so there's still a chance",
    r"i'm hearing a maybe", r"sounds like you might",
)
_INFO = _rx(
    r"why", r"what (?:was|were|changed|made|tipped|happened|'s behind|is behind|drove|swung)",
    r"what's behind", r"deciding factor", r"tipped the balance", r"the main reason",
    r"which (?:company|firm|offer|one|organisation|organization|employer|team)",
    r"who (?:is|are|the|with|it's|you're)", r"who's the",
    r"where (?:are you|you're|you are|will you be|did you) (?:[^ ]+ )?(?:going|headed|heading|"
    r"moving|off to|end up)",
    r"headed instead", r"going with", r"what range", r"range you had", r"had in mind",
    r"(?:what you're|what you are|are you) (?:currently )?(?:on|earning|making)",
    r"currently (?:on|earning|making)", r"purely (?:the|about)",
    r"is it (?:purely|just|only|mainly|mostly|the|about|something)", r"(?:mind|mind me) asking",
    r"can i ask what", r"may i ask", r"how come",
    r"what (?:sort of |kind of )?(?:figure|number|salary|range|package|base) (?:were|are|would|"
    r"did|do|had)", r"(?:were|are) you (?:hoping|looking|expecting|after)",
    r"could you tell me", r"can you tell me (?:why|what|more)",
    r"something about the", r"something (?:we|i) did", r"was it (?:something|anything)",
    r"did (?:we|i) do", r"what did (?:we|i)",
)
_WRAPUP = _rx(
    r"anything else", r"something else", r"else (?:i|we) can", r"before (?:i let you go|we hang up|"
    r"you go)", r"take care", r"good luck", r"all the best", r"goodbye", r"bye",
    r"let (?:the team|them|the hiring manager|the panel|her|him|everyone|the client) know",
    r"pass (?:that|it|this) on", r"anything (?:you'd|you would) like me to pass on",
    r"update your file", r"close (?:it|the role|things) out", r"close out",
    r"take your details off", r"sorry it didn't work out", r"sorry to lose you",
    r"thanks for (?:the call|letting me know|calling|being upfront|being honest)",
    r"(?:was|is) there anything else", r"anything on your end", r"that's all from me",
    r"best of luck", r"wish you", r"the new role",
)
_TERMS = _rx(
    r"salary", r"budget", r"band", r"pays", r"package", r"base", r"allocated", r"pitched",
    r"ceiling", r"capped", r"fixed at", r"non-negotiable", r"grade", r"per (?:year|annum|hour)",
    r"(?:we're|we are) (?:looking at|offering|able to offer)", r"the offer would be",
    r"the role pays", r"compensation", r"\d+,\d{3}", r"\d+ ?k", r"thousand",
    r"\d+(?:[.,]\d+)? (?:pounds|quid|dollars|euros|an hour|a year|per)", r"(?:an|per) hour",
)
_DECISION_QUESTION = _rx(
    r"(?:will|would|are|do) you (?:be )?(?:accepting|accept|joining|join|taking|take|signing|"
    r"sign|coming|come|like to (?:come|interview|go|continue|proceed|move|join|accept)|"
    r"want to (?:go|continue|proceed|move|interview)|still (?:want|keen|interested|like|"
    r"available|free|okay|good|happy))",
    r"(?:we'd|we would) (?:love|like) to (?:invite|have|bring|get|set|book|move|offer)",
    r"invite you", r"(?:ready|happy) to (?:accept|sign|go|join)", r"still keen",
    r"count you in", r"(?:we'll|we will|we'd|will we|shall we) (?:see|expect) you",
    r"(?:does|will|would) (?:that|it|this|the (?:time|date|slot)) (?:still )?(?:suit|work)",
    r"still (?:interested|available|free|okay|good|on)", r"would you like to (?:continue|go|"
    r"proceed|come|interview|move|book|set)", r"(?:go ahead|continue|proceed|move forward)",
    r"(?:can|could) (?:we|i) (?:confirm|book|lock|set|schedule|arrange|get)",
    r"(?:are|would) you (?:be )?(?:free|available|interested)",
    r"(?:would|could) you (?:work|live) with", r"can you work with", r"is that (?:okay|workable|"
    r"acceptable|something you'd consider)", r"(?:does|would|will) that work",
    r"are you (?:joining|in|on board)", r"an answer",
)
_STATUS = _rx(
    r"(?:have|had) you (?:had )?(?:a )?(?:chance|time|a think|decided|reached|made|come to|"
    r"thought|looked|been able)", r"did you (?:get|have) a chance", r"is now a good time",
    r"where (?:are you|you're) at", r"where did you land", r"any (?:news|thoughts|update)",
    r"how are you feeling", r"wondering if", r"hoping to hear", r"hear back", r"what you've "
    r"decided", r"checking in", r"following up", r"follow up", r"look(?:ed)? over",
)


_INTRO_RAW = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|morning|afternoon|evening)\b"
    r"|\b(?:it's|it is|this is|my name is)\s+[A-Z][a-z]+"
    r"|\b(?!(?:us|you|me|them|him|her|we|they|i)\s)[A-Z][a-z]+\s+(?:here|calling|speaking)\b"
    r"(?!\s+(?:to|if))"
    r"|\b(?:here|calling|ringing|phoning) (?:from|on behalf of)\b"
    r"|\b(?:I'm|I am|just) (?:calling|ringing|phoning|getting in touch)\b",
    re.IGNORECASE,
)
"""How a call opens: a greeting or the recruiter saying who they are. A line like that
starts the conversation, so it cannot be responding to a no (unless it says so)."""
_INTRO_NAME = re.compile(r"\b(?:it's|it is|this is|my name is)\s+[A-Z][a-z]+")

_PRIOR_NO = _rx(
    r"sorry to (?:hear|lose|see)", r"(?:that's|what) a (?:shame|pity)", r"shame", r"pity",
    r"understood", r"i (?:completely |totally |fully )?understand", r"i see", r"fair enough",
    r"no worries", r"oh no", r"really \?", r"oh really", r"i hear you", r"got it", r"noted",
    r"disappointing", r"disappointed", r"i appreciate you (?:being|letting|telling|saying)",
    r"thanks for (?:being|letting|telling|saying)", r"thank you for (?:being|letting|telling)",
    r"you (?:said|mentioned|told me|turned|declined|withdrew|decided (?:not|against)|"
    r"(?:don't|won't) (?:want|be))", r"you've (?:turned|declined|withdrawn|gone|decided (?:not|"
    r"against|to (?:withdraw|decline|pass|go with)))",
    r"you're (?:withdrawing|declining|turning|pulling|not|going with)",
    r"(?:respect|understand|accept|appreciate) your decision",
    r"(?:decided|decide|decision) (?:not|against|to (?:withdraw|decline|pass|go))",
    r"before you go", r"just so i can (?:feed|pass|let)", r"out of interest",
    r"^(?:okay|ok|right|alright|all right|ah|hmm|oh|sure|well|mm)(?: [,.])",
)
"""The line reacts to a no or a hesitation just heard ("That's a shame.", "Understood.")."""

_WRAPUP_ASK = _rx(
    r"anything else(?! (?:that |which )?(?:comes?|opens?|crops?|suitable|like|in|at|we have|"
    r"you'd be|that might))", r"else (?:i|we) can (?:do|help)",
    r"before (?:i let you go|we hang up|we wrap up)",
    r"anything (?:you'd|you would) like me to pass on",
    r"anything (?:more |further )?(?:(?:you'd|you would|you want|you'd like) )?(?:like )?to (?:add|"
    r"say|mention|share)", r"any (?:last |other |final )?questions", r"anything on your end",
    r"(?:is|was) there anything (?:more|further)", r"goodbye", r"bye",
)
_INFO_ASK = _rx(
    r"why", r"how come", r"where", r"who", r"whom", r"which",
    r"what(?:'s| has| had)? (?:made|prompted|changed|happened|tipped|swung|drove|led|brought)",
    r"what (?:was|were|is|are|would have|could have|did|does|do|has|had) (?:it|the|that|they|"
    r"behind|you|your|wrong|missing|lacking|made|been)",
    r"what the other", r"what (?:it|they|the other (?:company|firm|offer|one))",
    r"(?:was|is|were|are) (?:[^ ]+ ){1,4}(?:the |a |an )?(?:issue|problem|reason|"
    r"sticking point|dealbreaker|deal breaker|concern|factor|stumbling block)",
    r"(?:anything|something|what) (?:we|i) (?:could|can|should|might) (?:improve|do better|"
    r"have done|change|learn|work on)",
    r"(?:was|is) (?:it|that) (?:the|about|because|down to|something|anything|just|mainly|mostly|"
    r"purely|only|our|your|a)",
    r"(?:if|whether) (?:it was|it's|it is|there was|there's) (?:the|something|anything|about|"
    r"because|a)",
    r"(?:was|is) there (?:a|any|anything|something) (?:particular |specific )?(?:problem|issue|"
    r"reason|concern|wrong|about|in particular)",
    r"(?:could|should|might) (?:we|i) have done", r"done differently", r"(?:do|did) differently",
    r"(?:can|could|may) i ask (?:what|if|whether|about)", r"reasons?",
    r"(?:mind|mind me) (?:asking|telling|if i ask|sharing)", r"feed ?back",
)
"""A question for information about the decision just given: why, where, who, what
changed, what could have been better."""


def _sentences(text: str) -> list[str]:
    """The line's sentences, each keeping its end mark ("... ?")."""
    out: list[str] = []
    current: list[str] = []
    for word in text.split(" "):
        current.append(word)
        if word in (".", "?"):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


@lru_cache(maxsize=2048)
def classify(line: str | None) -> LineKind:
    """The kind of recruiter line.

    Two facts decide most of it. A line that opens the call (a greeting, the
    recruiter naming themselves) cannot answer a no, so it is an opening, a
    status check or the first statement of terms, whatever else it contains.
    Any other line comes mid-call, after the user has spoken: it is a wrap-up,
    or else a follow-up to what they said, judged by its question (the last
    one asked), because a line can both thank ("Thanks for letting me know")
    and ask why.
    """
    if line is None or not line.strip():
        return LineKind.UNKNOWN
    text = Utterance(line).joined
    sentences = _sentences(text)
    questions = [s for s in sentences if s.endswith("?")]
    ask = questions[-1] if questions else (sentences[-1] if sentences else text)
    prior_no = bool(_PRIOR_NO.search(text))
    opens = bool(_INTRO_RAW.search(line)) and not prior_no
    if not prior_no and not _CHANGE.search(text) and any(
            _TERMS.search(s) for s in sentences if not s.endswith("?")):
        return LineKind.TERMS if not _STATUS.search(text) else LineKind.STATUS
    if not opens:
        if _FUTURE.search(ask):
            return LineKind.FUTURE
        if _WRAPUP_ASK.search(ask) or (not questions and _WRAPUP.search(text)
                                       and not _CHANGE.search(text)):
            return LineKind.WRAPUP
        if not questions and _FUTURE.search(text):
            return LineKind.FUTURE
        if _INFO.search(ask) or _INFO_ASK.search(ask):
            return LineKind.INFO
        if _CHANGE.search(text) or (prior_no and questions):
            return LineKind.CHANGE
    if _TERMS.search(text) and not _STATUS.search(text):
        return LineKind.TERMS
    if _DECISION_QUESTION.search(text):
        return LineKind.OPENING
    if _STATUS.search(text):
        return LineKind.STATUS
    if opens or not questions:
        return LineKind.WRAPUP if not opens and _WRAPUP.search(text) else LineKind.OPENING
    return LineKind.CHANGE


_ALTERNATIVE = _rx(
    r"(?:also|another|other|different|separate|alternative|similar|same) (?:[^ ]+ ){0,4}"
    r"(?:opening|role|position|vacancy|team|office|location|site|post|job|department|branch|"
    r"scheme|programme|program)",
    r"(?:role|position|opening|vacancy|post|job|scheme) (?:[^ ]+ ){0,3}(?:in|at) our",
    r"(?:in|at) our (?:[^ ]+ ){0,2}(?:office|site|branch|team|studio|hub)",
    r"(?:for|in|at|to) the (?:[^ ]+ ){1,2}(?:office|site|branch|studio|hub)",
    r"(?:graduate|trainee|apprentice|contract|temp|temporary|junior|senior|lead) (?:[^ ]+ )?"
    r"(?:scheme|role|position|opening|post)",
)


@lru_cache(maxsize=2048)
def offers_alternative(line: str | None) -> bool:
    """Whether the line offers something other than the role declined (another role, team
    or office), rather than sweetening the same offer. Warming to an alternative does not
    reopen the decision; warming to a sweetened offer does."""
    if line is None or classify(line) is not LineKind.CHANGE:
        return False
    return names_alternative(line)


@lru_cache(maxsize=2048)
def names_alternative(line: str | None) -> bool:
    """Whether the line names another role, team or office, whatever else it does ("could we
    keep you in mind for the Singapore office?"): turning that down is a decision too."""
    if line is None:
        return False
    text = Utterance(line).joined
    return bool(_ALTERNATIVE.search(text)) and not re.search(
        r"(?<![^ ])version of (?:the|this|that) (?:role|job|position)", text)


_WHY = _rx(
    r"why", r"how come", r"what (?:was|were|changed|made|tipped|happened|'s behind|is behind|drove|"
    r"swung)", r"what's behind", r"deciding factor", r"tipped the balance", r"the main reason",
    r"reason", r"is it (?:purely|just|only|mainly|mostly|the|about|something)",
)


@lru_cache(maxsize=2048)
def asks_why(line: str | None) -> bool:
    """Whether the line asks for the reason (so any real answer to it is one)."""
    return bool(line) and classify(line) is LineKind.INFO and bool(
        _WHY.search(Utterance(line or "").joined))


_WHERE = _rx(
    r"where (?:you're|you are|you'll be|are you|will you|did you|you ended|you've|you'd|to)",
    r"which (?:company|firm|one|organisation|organization|employer)",
    r"who (?:you're|are you|did you|you've) (?:going|gone|joining|joined|signed)",
)


@lru_cache(maxsize=2048)
def asks_where(line: str | None) -> bool:
    """Whether the line asks where the speaker is going instead: naming it is the reason
    (LABELS.md: saying what one is doing instead is a reason)."""
    return bool(line) and classify(line) is LineKind.INFO and bool(
        _WHERE.search(Utterance(line or "").joined))


@lru_cache(maxsize=2048)
def asks_to_go_ahead(line: str | None) -> bool:
    """Whether a bare "no" to this line declines (rather than answering "not yet")."""
    if line is None:
        return True
    text = Utterance(line).joined
    return bool(_DECISION_QUESTION.search(text)) or classify(line) is LineKind.CHANGE
