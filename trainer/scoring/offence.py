"""Running them down: disparaging the company, the people, the offer or the process.

Some words disparage on their own ("a waste of time", "toxic", "laughable",
sarcasm); others only when aimed at something of theirs ("terrible", "a
mess", "chaotic"), so those need a target in the same sentence and no "I" in
front ("I feel awful" is remorse, not badmouthing). Negated criticism ("the
team wasn't rude at all") does not count.
"""

from __future__ import annotations

from trainer.scoring.families import NEGATORS, Hit, families, find
from trainer.scoring.utterance import Utterance

_HARSH = "|".join([
    "chaotic", "chaos", "messy", "terrible", "awful", "horrible", "dreadful", "appalling",
    "atrocious", "disgrace", "disgraceful", "shocking", "ridiculous", "absurd", "stupid", "dumb",
    "miserable", "depressing", "outdated", "old-fashioned", "hostile", "disappointing",
    "underwhelming", "underwhelmed", "unimpressed", "letdown", "frustrating", "grim", "bleak",
    "pitiful", "unfriendly", "rigid", "bureaucratic", "stuffy", "boring", "dull", "cramped",
    "dingy", "shabby", "soulless", "exhausted", "stressed", "unresponsive", "unreasonable",
    "inflexible", "petty", "mediocre", "awkward", "uncomfortable", "weird", "fake", "two-faced",
    "cocky", "pushy", "aggressive", "intimidating", "unprepared", "unorganised", "unorganized",
    "lazy", "tedious", "painful", "torturous", "farcical", "embarrassing", "dishonest",
    "untrustworthy", "unethical", "overworked", "underpaid", "incompetence", "chaotically",
    "shambolically", "cutthroat", "cut-throat", "cliquey", "toxicity", "sexist", "racist",
    "rubbish", "crap", "crappy", "garbage", "trash", "naff", "lousy", "abysmal", "woeful", "dire",
    "nightmare", "slow", "painfully", "glacial", "sluggish", "unreliable", "amateur", "careless",
    "clumsy", "rushed", "confusing", "confused", "vague", "evasive", "cold", "stingy",
    "pointless", "meaningless", "tiresome", "gruelling", "excessive", "endless", "unacceptable",
    "disgusting", "outrageous", "grilled", "grilling", "interrogated", "horror", "offhand",
    "curt", "sneering", "belittling", "demeaning",
])
"""Words that run something down when aimed at something of theirs."""

OFFENCE_FAMILIES = families([
    ("waste of time", r"(?:a |total |complete |an absolute |such a |real |bit of a )*waste of "
     r"(?:my |our |everyone's |everybody's |your |their )?(?:time|effort|energy|a morning|"
     r"an afternoon|a day)|wast(?:ed|ing) (?:my|our|everyone's) (?:time|afternoon|morning|day|"
     r"evening|week|energy)", 100),
    ("insult", r"insult|insulting|insultingly|insulted|an insult", 100),
    ("a joke", r"(?:a|an|the|total|complete|absolute) (?:{w} )?joke|laughable|laughably|"
     r"a laugh(?= [,.?]|$)|joke of", 100),
    ("cheap", r"cheap|stingy|tight-fisted|lowball|lowballed|low ball|peanuts|pittance|"
     r"embarrassingly|derisory|measly|paltry|miserly|(?:salary|pay|offer|figure|number|rate) "
     r"(?:that|so) low|(?:salary|pay|offer|money|rate|package|budget|wage|wages) (?:was|is|'s|were|"
     r"are|seemed|felt|looked) (?:pretty |a bit |quite |rather |really |very |so |way too |too )?"
     r"(?:tight|meagre|meager|mean)(?= [,.?]|$| for| to| honestly| and| so)", 95),
    ("shabby", r"grotty|scruffy|tatty|grubby|filthy|shoddy|dilapidated|run-down|run down|"
     r"rundown|grim-looking|falling apart|seen better days", 90),
    ("disorganised", r"disorganised|disorganized|shambles|shambolic|a circus|clowns|amateurish|"
     r"unprofessional|sloppy|badly (?:run|managed|organised|organized)|poorly (?:run|managed|"
     r"organised|organized|handled)|dragged on|dragging on|took (?:forever|ages)|heard nothing|"
     r"never (?:heard|got) back|ghosted|(?:doesn't|don't|didn't|never|can't) (?:even )?(?:read|"
     r"reply to|respond to|answer|return) (?:emails|my emails|calls|messages|my calls)", 100),
    ("toxic", r"toxic|sweatshop|interrogation|(?:jump|jumping) through (?:{w} ){0,3}"
     r"hoops|crooks|crook|scam|scammers|liars|exploitative|a cult|soulless", 100),
    ("rude", r"rude|arrogant|dismissive|condescending|patronising|patronizing|incompetent|"
     r"clueless|useless|pathetic|arrogance|disrespectful|obnoxious|smug|creepy|shady|dodgy|"
     r"greedy|idiots|idiot", 100),
    ("below market", r"below (?:the )?market|under (?:the )?market|below industry (?:standard|"
     r"rate)|(?:hasn't|haven't|didn't) (?:even )?(?:looked at|bothered|checked)|"
     r"couldn't even|can't even (?:agree|organise|organize|get)|didn't even (?:bother|read|look)|"
     r"on (?:his|her|their) phone|(?:sort|get) (?:out )?your (?:act|management|process|house|"
     r"people) (?:out|together)?|sort out your|how you treat|unlike (?:some|other|certain) "
     r"(?:places|companies|people|firms|employers)|unlike you|actually (?:respect|value|pay|"
     r"care about) (?:their|its) (?:staff|people|employees|candidates)|(?:who|that|they|which) "
     r"(?:actually )?(?:pays?|treats?|respects?|values?) (?:people |staff |their staff |"
     r"candidates )?(?:properly|fairly|decently)|(?:don't|wouldn't|never|not) (?:{w} ){0,3}"
     r"want to work (?:there|for you|with you|for your|at your|somewhere like)", 90),
    ("sarcasm", r"(?:^|(?<=[.?,] ))(?:wow |oh |gosh |well )?(?:, )?how (?:very |incredibly |"
     r"terribly )?(?:generous|kind|thoughtful|considerate|magnanimous|big of you)(?= [.?]|$)|"
     r"(?:wow|gosh|oh wow|oh my|whoa) (?:, )?(?:{w} ){0,2}whole|"
     r"thanks (?:a lot |so much |very much )?for (?:nothing|wasting)|said no (?:one|body)(?: , )?"
     r"(?: ever)?|"
     r"good luck with that|yeah right|now you (?:find|have|offer|tell|suddenly|can|could|want|"
     r"decide|care|remember|call|ring)|(?:oh )?so now (?:you|there's|it's)|"
     r"(?:generous|amazing|wonderful|fantastic|brilliant|great|lovely) (?:{w} ){0,2}[.,?] really "
     r"[.,?]|(?:not|can't say i'm|i'm not) (?:grateful|thankful)|can't say i (?:appreciate|"
     r"appreciated|enjoyed|liked)|(?:don't|didn't) appreciate (?:how|the way|being|that|it)|"
     r"no offence|no offense|with all due respect|what a surprise|big surprise|"
     r"(?:you'll|you will|you're going to|you're gonna) need (?:it|all the luck)|"
     r"(?:good|best of|the best of) luck (?:finding|getting|hiring|with finding) (?:anyone|"
     r"anybody|someone|somebody|people) (?:(?:who|that)(?:'ll| will| would|'d)? (?:put up|"
     r"sit through|tolerate|stand|stick|survive|cope with|accept|take)|(?:daft|mad|desperate|"
     r"stupid|foolish) enough|willing to (?:put up|accept|take|work for))|"
     r"(?:put|putting) up with (?:that|your|this|the|those|them)|"
     r"(?:^|(?<=[.?,] ))where (?:do|would|shall) i (?:even )?(?:start|begin)",
     95, "strong"),
    ("pestering", r"(?:{w} )(?:calls|emails|messages|texts|voicemails) in (?:{w} )?(?:{w} )?"
     r"(?:days?|hours?|mornings?|afternoons?|evenings?|weeks?)(?![^ ])", 90, "strong"),
    ("relief", r"(?:glad|relieved|happy|pleased|thankful) (?:{w} ){0,2}(?:to be|i'm|that i'm|"
     r"to get) (?:out of (?:it|there|that|this|the process|your process)|done with (?:it|that|"
     r"this|you|them|the lot)|shot of)|(?:relieved|glad|thankful|pleased|happy) (?:that )?"
     r"(?:i )?(?:won't|don't|never|no longer) (?:have to |need to |ever )?(?:deal|work|speak|"
     r"talk|put up) (?:with|to|for) (?:you|your|them|their|that lot)", 95, "strong"),
    ("relief", r"(?:after|given|considering) (?:the way|how) (?:{w} ){1,6}(?:went|handled|run|"
     r"treated (?:me|us|people|candidates))(?: ,)? (?:{w} ){0,4}(?:relieved|glad|not surprised)",
     90, "strong"),
    ("accusation", r"you(?:'ll|'d| will| would| just| always)? (?:just |only |probably |"
     r"definitely |always |clearly )?(?:badmouth|bad-mouth|bad mouth|slag|trash-talk|trash talk|"
     r"poach|pester|hassle|spam|harass|lie|twist|guilt-trip|guilt trip)|you lot|your lot", 95,
     "strong"),
    ("implied contrast", r"(?:who|that|which) (?:actually|genuinely|really) (?:{w} )?(?:turns?|"
     r"turned|shows?|showed|knows?|knew|listens?|listened|replies|replied|responds?|responded|"
     r"cares?|cared|pays?|paid|respects?|respected|values?|valued|reads?|returns?|returned|"
     r"calls?|called|bothers?|bothered|communicates?|communicated|treats?|treated)|"
     r"(?:knows?|knew) what (?:it's|they're|he's|she's|they are|it is) doing|"
     r"stuck in (?:the )?(?:past|dark ages|stone age|\d+|nineties|eighties|last century)", 90,
     "strong"),
    ("mistreated", r"(?:waited|waiting|took|taking|take|takes|taken) (?:{w} ){0,2}(?:weeks|"
     r"months|forever|ages|a month|a week|so long|that long|days) (?:to|for) (?:get back|reply|"
     r"respond|hear|decide|call|come back|send|answer|get|any)|impossible to (?:reach|contact|"
     r"get hold of|deal with|work with|pin down|"
     r"get through to)|(?:learn|teach|need|could use|have) (?:some )?manners|no manners|"
     r"bad manners|took (?:{w} )?(?:weeks|months|forever|ages) to (?:get back|reply|respond|send|"
     r"hear|decide|make|call)|kept me waiting|left me hanging|messed me (?:around|about)|"
     r"mucked me (?:around|about)|barely (?:looked|listened|spoke|acknowledged|engaged|paid|"
     r"glanced|bothered|said)|(?:bad|terrible|awful|poor|dodgy) (?:reviews|reputation|things)|"
     r"reputation for|"
     r"(?:replying|responding|answering|getting back|calling back|communicating|communication|"
     r"organisation|organization) (?:{w} ){0,7}(?:would have|would've) helped|strung me along|"
     r"stringing me along|jerked me around|"
     r"(?:lied|lying) to me|misled me|no respect|lack of respect|disrespected|"
     r"(?:your|their|the) (?:{w} )?(?:interviewers?|team|manager|managers|recruiters?|hr|panel|"
     r"company|people|staff|director|boss|ceo) (?:clearly |obviously |really |just |never "
     r")?(?:didn't|don't|doesn't|never|couldn't|can't|wouldn't) (?:even )?(?:prepare|listen|care|"
     r"bother|follow up|respond|reply|communicate|know what|turn up|show up|read|get back)",
     95, "strong"),
    ("harsh word", rf"(?:{_HARSH})|(?:a |total |complete |absolute |such a |hot )mess|"
     r"(?:the )?worst(?! case)|(?:pretty|really|so|very|quite|rather|fairly|seriously) "
     r"(?:bad|poor|weak|low-rent)|poor (?:communication|management|organisation|organization|"
     r"leadership|pay|treatment|culture)|disappointed (?:in|by|with)|frustrated (?:by|with)|"
     r"not impressed|all over the place|behind the times|a bit much|an afterthought|"
     r"a (?:dump|farce|circus|slog|drag)|burnt out|burned out", 90, "needs_target"),
])

_TARGETS = frozenset([
    "lot", "questions", "test", "assessment", "agency", "letter", "reputation", "glassdoor",
    "everybody", "anyone", "interviewing", "pension", "bonus", "terms", "perks", "equipment",
    "systems", "policies", "policy", "training", "you", "your", "yours", "they", "their", "them",
    "company", "firm", "team", "people", "staff", "management", "manager", "managers", "director",
    "hr", "recruiter", "recruiters", "panel", "interview", "interviews", "interviewer",
    "interviewers", "process", "offer", "salary", "pay", "package", "benefits", "budget", "culture",
    "office", "site", "lab", "contract", "scheduling", "communication", "ceo", "boss", "place",
    "organisation", "organization", "everyone", "whole", "it", "that", "this", "experience",
    "hiring", "recruitment", "role", "job", "rota", "shifts", "conditions", "reviews", "whoever",
    "he", "she", "his", "her", "leadership", "department", "business", "onboarding", "scheduling",
    "schedule", "organising", "organizing", "setup", "feedback", "emails", "round", "rounds",
    "task", "tasks", "puzzles", "tests", "exercise", "exercises", "stages", "stage", "hoops",
])
_COPULA = frozenset({"am", "was", "were", "be", "been", "being", "feel", "felt", "feeling",
                     "get", "got", "so", "really", "just", "a", "bit", "little", "quite", "very",
                     "would", "will", "is", "are", "pretty", "rather", "completely", "totally",
                     "absolutely", "honestly", "still", "now", "kind", "of", "sort"})
_FIRST_PERSON = frozenset({"i", "i'm", "i'd", "i've", "i'll", "me", "myself", "we", "we're",
                           "we'd", "we've"})


_CLAUSE_END = frozenset({",", ".", "?", "for", "to", "and", "honestly", "frankly", "really",
                         "though", "so", "but", "from", "at", "in", "anyway"})


def _about_speaker(utt: Utterance, hit: Hit) -> bool:
    """"I feel awful", "I'd be miserable": the speaker is the one described."""
    k = hit.i - 1
    while k >= 0 and utt.words[k].text in _COPULA:
        k -= 1
    if k >= 0 and utt.words[k].text in ("me", "myself") and utt.texts(k + 1, k + 2) in (
            ["was"], ["were"], ["is"], ["has"]):
        return False  # "the way they spoke to me was ...": "me" ends a clause, not the subject
    return k >= 0 and utt.words[k].text in _FIRST_PERSON


_NEGATION_SCOPE = frozenset({
    "or", "and", "nor", "very", "really", "too", "so", "that", "a", "bit", "particularly",
    "remotely", "even", "exactly", "at", "all", "in", "any", "way", "the", "least", "ever",
    "being", "be", "been", "overly", "especially", "rude", "toxic", "arrogant", "cheap",
    "unprofessional", "disorganised", "disorganized", "dismissive", "insulting", "messy",
}) | frozenset(_HARSH.split("|"))
_WEAK_TARGETS = frozenset({"it", "that", "this", "everyone", "whole", "he", "she", "his", "her",
                           "everybody", "anyone", "lot"})


def _negated(utt: Utterance, hit: Hit) -> str | None:
    """"wasn't rude or chaotic at all": a negation whose scope reaches the word."""
    k = hit.i - 1
    steps = 0
    while k >= 0 and steps < 6 and not utt.words[k].is_punct:
        text = utt.words[k].text
        if text in NEGATORS and text != "no":
            return text
        if text not in _NEGATION_SCOPE:
            return None
        k -= 1
        steps += 1
    return None


def veto(utt: Utterance, hit: Hit) -> str | None:
    negator = _negated(utt, hit)
    if negator is not None and hit.family.tag != "strong":
        return f'negated: "{negator}"'
    if hit.family.tag != "needs_target":
        return None
    sentence = utt.sentence[hit.i]
    k = hit.i
    while k > 0 and utt.sentence[k - 1] == sentence and hit.i - k < TARGET_REACH:
        k -= 1
    end = hit.j
    while end < len(utt.words) and utt.sentence[end] == sentence and end - hit.j < TARGET_REACH:
        end += 1
    if _owned_subject(utt, hit):
        return "about the speaker's own situation, not them"
    after_near = utt.texts(hit.j, min(end, hit.j + 4))
    if _about_speaker(utt, hit) and not any(w in _TARGETS and w not in _WEAK_TARGETS
                                            for w in after_near):
        return "about the speaker, not them"
    words = _their_words(utt, k, end)
    if any(w in _TARGETS and w not in _WEAK_TARGETS for w in words):
        return None
    nxt = utt.texts(hit.j, hit.j + 1)
    if any(w in _WEAK_TARGETS for w in words) and (not nxt or nxt[0] in _CLAUSE_END):
        return None  # "that's pitiful", "it was awful, frankly": the "it" is theirs
    return "not aimed at the company, the people, the offer or the process"


TARGET_REACH = 10
"""How many words from a harsh word its target may be (an unpunctuated transcript is one
long "sentence", and "the offer" ten clauses back is not what the word is about)."""
_SUBJECT_GAP = frozenset({"would", "will", "be", "been", "is", "was", "were", "are", "has", "had",
                          "have", "a", "an", "total", "complete", "absolute", "real", "bit",
                          "little", "so", "really", "very", "pretty", "quite", "rather",
                          "just", "getting", "gets", "got", "become", "becomes", "felt", "feels",
                          "feel", "'s", "'ve", "being", "of", "kind", "sort", "such", "utter",
                          "bloody", "absolutely", "totally", "honestly", "frankly",
                          "lately", "recently", "always", "right", "now", "then", "seemed",
                          "seems", "looks", "looked", "sounds", "sounded", "would've", "could've",
                          "it'd", "it'll", "will've"})


def _owned_subject(utt: Utterance, hit: Hit) -> bool:
    """"my commute would be a nightmare", "my week's been chaotic": the thing run down is
    the speaker's own, found by stepping back over the copula to its noun."""
    k = hit.i - 1
    while k >= 0 and utt.words[k].text in _SUBJECT_GAP:
        k -= 1
    if k < 0 or utt.words[k].is_punct:
        return False
    near = utt.texts(k - 3, k + 1)
    return any(w in _OWNERS for w in near[-3:]) or bool(_JOURNEY & set(near))


_JOURNEY = frozenset({"drive", "commute", "journey", "trip", "travel", "traffic", "parking",
                      "route", "roads", "trek"})
"""A trip to their office being a nightmare is about the speaker's travel, not them."""


_OWNERS = frozenset({"my", "our", "own", "mine", "i", "i'm", "i've", "we", "we're", "my own"})


def _their_words(utt: Utterance, start: int, end: int) -> list[str]:
    """The words of ``[start, end)`` minus the speaker's own things: "my current office",
    "our nursery" are not targets, so "the drop-offs would be a nightmare" near them runs
    nothing of theirs down."""
    out: list[str] = []
    for k in range(start, end):
        word = utt.words[k].text
        if word in _TARGETS and any(w in _OWNERS for w in utt.texts(k - 2, k)):
            continue
        if word == "you" and (utt.texts(k + 1, k + 2) in (["know"], ["see"])
                              or utt.texts(k - 1, k) in (["thank"], ["mind"])):
            continue  # "you know", "thank you": not the recruiter as a target
        out.append(word)
    return out


def read_offence(utt: Utterance) -> tuple[list[Hit], list[tuple[Hit, str]]]:
    kept: list[Hit] = []
    vetoed: list[tuple[Hit, str]] = []
    for hit in find(utt, OFFENCE_FAMILIES):
        reason = veto(utt, hit)
        if reason is None:
            kept.append(hit)
        else:
            vetoed.append((hit, reason))
    return kept, vetoed


def is_sarcastic(hits: list[Hit]) -> bool:
    return any(hit.family.name == "sarcasm" for hit in hits)
