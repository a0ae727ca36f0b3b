"""Manners: answering a follow-up courteously, and ending the call warmly.

A courteous follow-up answers (or politely declines to answer) without
rudeness, badmouthing, hedging or caving; a reply of a few words with no
courtesy in it is curt. A graceful close wishes them well, hopes to meet again,
thanks again or says a warm goodbye; "ok bye" does not, and neither does
"please keep me in mind" on its own (that answers a question, it closes
nothing).
"""

from __future__ import annotations

from trainer.scoring.families import Hit, families, find
from trainer.scoring.utterance import Utterance

CURT_WORDS = 5
"""A follow-up answer shorter than this, with no courtesy in it, is curt."""
BLUNT_WORDS = 12
"""A follow-up answer shorter than this that is only a blunt refusal ("No. Not interested.")
with no courtesy in it is curt too."""

CLOSE_FAMILIES = families([
    ("good wishes", r"all the (?:very )?best|best of luck|(?:good|the best of) luck(?! with that)|"
     r"every success|(?:i )?wish (?:the|your) (?:{w} )?(?:{w} )?(?:every|all the|the very|"
     r"continued|lots of|great|much)|(?:i )?wish (?:you|the team|your team|everyone|you all|"
     r"you both|them|all "
     r"of you|him|her)|wishing (?:you|the team|everyone|you all|your team|him|her|them)|"
     r"take care|look after yourself|all the best|best wishes|warm wishes|kind regards|"
     r"warmest regards", 100),
    ("have a good day", r"have a (?:great|good|lovely|nice|wonderful|brilliant|fantastic|super) "
     r"(?:day|one|weekend|week|evening|afternoon|morning|rest|time|holiday)|"
     r"(?:enjoy|have) (?:the|a|your) rest of (?:the|your) (?:day|week|afternoon)|"
     r"(?:a )?(?:lovely|great|nice|good) rest of (?:the|your) (?:day|week)|"
     r"enjoy (?:your|the) (?:day|weekend|week|evening|afternoon|holiday|rest)", 100),
    ("see you again", r"(?:hope|hoping|i'm sure|sure) (?:that )?(?:our|we|to|we'll) (?:{w} )?"
     r"(?:paths?|cross|stay|keep|meet|work|bump|see|speak|talk|catch|get to|run into)|"
     r"cross paths|paths cross|(?:stay|keep) in touch|speak (?:to you )?soon|"
     r"talk (?:to you )?soon|until next time|see you around|(?:maybe|perhaps|hopefully) "
     r"(?:our paths|we)(?:'ll| will| can| might| could)? (?:cross|meet|work together|speak|talk|"
     r"catch up|see each other)|paths (?:will|might|may) cross|"
     r"hope to (?:{w} ){0,2}(?:with|alongside) you (?:{w} )?(?:one day|someday|some day|"
     r"again|in future|in the future|down the line|sometime)", 100),
    ("hope it goes well", r"(?:hope|hoping) (?:that )?(?:you|the (?:search|hiring|recruitment|"
     r"rest|process|role|intake|launch|team|interviews|new)|it|everything|things|all) "
     r"(?:{w} ){0,4}(?:goes|go|went|well|find|finds|fill|fills|someone|great|brilliant|luck|"
     r"success|good one|happy)|hope you (?:have|find|fill|get|all|enjoy)|"
     r"hope (?:your|the) (?:{w} ){1,2}(?:goes|go|turns out|turn out) (?:{w} )?(?:well|"
     r"brilliantly|great|smoothly|wonderfully|fantastically)", 100),
    ("you too", r"(?:you|and you|same to you) too(?= [,.?]|$| and| take| have| bye)|"
     r"same to you", 90),
    ("thanks again", r"(?:thank you|thanks|thank) (?:(?:so|very) much )?again|"
     r"(?:thank you|thanks) (?:(?:so|very) much )?for (?:everything|all (?:your|of your) "
     r"(?:help|time|support|patience))", 90, "thanks"),
    ("pleasure meeting", r"(?:it was|it's been|it has been|was) (?:a )?(?:real )?(?:pleasure|"
     r"lovely|great|nice|good|privilege|joy) (?:meeting|to meet|speaking|talking|working|"
     r"getting to know|to speak|to talk|chatting)|(?:really )?enjoyed (?:meeting|speaking|"
     r"talking)|(?:it was|it's been|it has been|was) (?:really |so |very |lovely and |great "
     r")?(?:nice|lovely|great|good|a pleasure) (?:to )?(?:meet|meeting|to see|seeing|to chat with) "
     r"(?:you|everyone|everybody|you all|all of you|the team)", 85),
    ("warm goodbye", r"bye for now|bye bye|goodbye (?:and|for now)|cheerio", 80),
])

RUDE_FAMILIES = families([
    ("rude", r"not (?:really |exactly )?(?:your|any of your) (?:business|concern)|none of your|"
     r"why do you (?:care|want to know|need to know|ask)|does it matter|doesn't matter|"
     r"why (?:does|would|should|do) (?:that|it|this|you) (?:matter|care)|"
     r"(?:doesn't|does not) concern you|i do mind|drop it|leave it (?:there|at that)|"
     r"(?:don't|do not) (?:really )?see why i (?:have|need|should)|i don't have to (?:explain|"
     r"tell|justify)|(?:it's|it is) done|move on|stop (?:asking|pushing|calling)|"
     r"(?:i )?(?:already|just) told you|give it a rest|(?:don't|do not) bother(?= [,.?]|$)|"
     r"no comment|whatever|"
     r"(?:i'd|i would) rather not discuss it(?= [.?]|$)|not going to (?:tell|explain)|"
     r"why (?:would|should) i (?:tell|say|share|explain)|what's it to you|i'm not telling|"
     r"(?:not|n't) (?:really )?(?:something|anything) i (?:want|wish|care|need) to (?:discuss|"
     r"talk about|go into|get into|share)|mind your own|back off|get off my back|leave me alone|"
     r"enough (?:already|questions)|(?:can|could) we (?:just )?(?:leave it|drop it|move on)|"
    r"(?:i've|i have) (?:already )?said my piece|said all i'm going to|(?:don't|do not|never|"
    r"stop) (?:ever )?(?:call|calling|contact|"
    r"contacting|ring|ringing|phone|phoning|email|emailing|bother|bothering|chase|chasing) "
    r"(?:me|us)|lose my (?:number|details)|(?:delete|remove|bin) my (?:number|details|cv)",
     100),
])

POLITE_FAMILIES = families([
    ("courtesy", r"thank you|thanks|thank|appreciate|appreciated|please|sorry|of course|sure|"
     r"absolutely|"
     r"happy to|glad to|if that's (?:okay|alright|all right|fine|ok)|hope you understand|"
     r"i'd (?:rather|prefer) not|i'd prefer to|prefer not|keep (?:that|the details|it) private|"
     r"not at all|no problem|certainly|definitely|fair (?:enough|question)|i understand|"
     r"good question|kind|gracious|lovely|great|to be honest|i would|i'd be|i'm afraid",
     100),
])


SOFTENERS = families([
    ("softener", r"if (?:that's|that is|it's|it is) (?:okay|ok|alright|all right|fine)|"
     r"if you don't mind|(?:i )?hope (?:that's|that is|you) (?:okay|ok|alright|all right|fine|"
     r"understandable|understand)|hope you understand|(?:i'm )?sorry|i'm afraid", 100),
])


def soften(utt: Utterance, rude: list[Hit]) -> list[Hit]:
    """Rude-sounding words said gently ("I'll leave it at that, if that's okay") decline to
    answer politely; only the ones with no softener in their sentence stay rude."""
    if not rude:
        return rude
    soft = {utt.sentence[h.i] for h in find(utt, SOFTENERS)}
    return [h for h in rude if utt.sentence[h.i] not in soft]


def read_close(utt: Utterance) -> list[Hit]:
    """Closing phrases, less those that turn on a "but" ("thank you for everything, but I'd
    rather we didn't"): what follows the "but" is the answer, not a warm ending."""
    return [h for h in find(utt, CLOSE_FAMILIES) if not _turns(utt, h)]


def _turns(utt: Utterance, hit: Hit) -> bool:
    k = hit.j
    while k < len(utt.words) and k - hit.j < 6 and utt.words[k].text not in (".", "?"):
        if utt.words[k].text == "but":
            return True
        k += 1
    return False


def read_rude(utt: Utterance) -> list[Hit]:
    return find(utt, RUDE_FAMILIES)


def read_polite(utt: Utterance) -> list[Hit]:
    return find(utt, POLITE_FAMILIES)
