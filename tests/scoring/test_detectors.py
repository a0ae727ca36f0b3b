"""Each detector's hard cases, in words of our own (none taken from the development set).

Every case gives the recruiter line, the reply and the items whose outcome it
pins; the rest of the checklist is not asserted here.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OFFER = "Hi, it's Dana from Brightpath. I'm calling about the offer we sent last week."
STATUS = "Hi, it's Kiri from Aster Health. Have you had a chance to review the offer?"
INVITE = "Hello, it's Omar. We'd like to invite you to interview for the junior solicitor post."
TERMS = "The base we can do is 67,000. Would you still like to go ahead?"
WHY = "Oh, that's a pity. Do you mind if I ask what made you decide?"
WHICH = "Can I ask where you'll be going instead?"
COUNTER = "We could stretch to another five thousand. Would that make a difference?"
ALT = "We also have a senior analyst opening in our Leeds office. Would that interest you?"
FUTURE = "Would it be okay if we kept your details on file for future roles?"
WRAPUP = "Right, I'll update our records. Anything else I can do for you?"

T, F, N = True, False, None

CASES: list[tuple[str | None, str, dict[str, bool | None]]] = [
    # thanks
    (OFFER, "Many thanks for thinking of me, but I'm going to turn it down.",
     {"thanks": T, "clear_no": T}),
    (OFFER, "Cheers for the offer, but no thanks.", {"thanks": T, "clear_no": T}),
    (OFFER, "Cheers, but no thanks.", {"thanks": F, "clear_no": T}),
    (OFFER, "No thank you so much for calling, it's lovely to hear from you.", {"thanks": T}),
    (OFFER, "That's really kind of you. I'm afraid I'm going to decline.",
     {"thanks": T, "clear_no": T}),
    (OFFER, "Thanks to a lucky break I've already landed a job, so I'll pass.",
     {"thanks": F, "clear_no": T, "brief_reason": T}),
    (OFFER, "Thanks to you and the whole team for your time. I'll be declining.",
     {"thanks": T, "clear_no": T}),
    (OFFER, "I meant to thank you last week. Anyway, it's a no.", {"thanks": F, "clear_no": T}),
    (OFFER, "I can't thank you enough for your patience, but I won't be taking it.",
     {"thanks": T, "clear_no": T}),
    (OFFER, "I'm not grateful for being messed around, and I'm not accepting.",
     {"thanks": F, "offensive": T, "clear_no": T}),
    (OFFER, "I'm grateful to have found a role closer to home, so I'm declining.",
     {"thanks": F, "clear_no": T, "brief_reason": T}),
    (WRAPUP, "No need to thank me. Bye.", {"thanks": F, "graceful_close": F}),
    (WRAPUP, "Oh, thanks a lot for wasting my afternoon.", {"thanks": F, "offensive": T}),
    # clear no
    (OFFER, "I'm going to respectfully decline the offer.", {"clear_no": T, "hedged": F}),
    (OFFER, "I won't be taking the job, I'm afraid.", {"clear_no": T, "hedged": F}),
    (OFFER, "After a lot of thought I've decided against it.", {"clear_no": T}),
    (OFFER, "It's going to be a no from me.", {"clear_no": T}),
    (OFFER, "I'm taking myself out of the running.", {"clear_no": T}),
    (OFFER, "I think I'll probably turn it down.", {"clear_no": F, "hedged": T}),
    (OFFER, "I'd probably say no, to be honest.", {"clear_no": F, "hedged": T}),
    (OFFER, "If the salary can't move, I'll have to decline.", {"clear_no": F}),
    (OFFER, "Should I decline? What do you think?", {"clear_no": F}),
    (OFFER, "I would never turn down an offer like this! Yes please.", {"clear_no": F}),
    (OFFER, "They won't accept a counter-offer, so I'm joining you.", {"clear_no": F}),
    (OFFER, "I've taken a job at another bank.", {"clear_no": F, "brief_reason": T}),
    (STATUS, "No, not yet, sorry. It's been a hectic week.", {"clear_no": F, "hedged": F}),
    (STATUS, "No. The offer is frankly insulting.", {"clear_no": T, "offensive": T}),
    (INVITE, "nah i'm good thanks", {"clear_no": T, "thanks": F}),
    (INVITE, "I'm going to have to say no to the interview, sorry.", {"clear_no": T}),
    (TERMS, "No, I'm afraid that won't work, so I'll step back from the process.",
     {"clear_no": T, "hedged": F}),
    (COUNTER, "Thank you, but no. My decision is final.",
     {"clear_no": T, "courteous_followup": T, "thanks": T}),
    (COUNTER, "Nothing would change my mind, but thank you for trying.",
     {"clear_no": T, "courteous_followup": T}),
    (ALT, "That's kind, but I'll pass on that one as well.",
     {"clear_no": T, "courteous_followup": T}),
    (FUTURE, "No thanks.", {"clear_no": F}),
    (OFFER, "I'll be passing on this one.", {"clear_no": T}),
    (OFFER, "I'm pulling my application.", {"clear_no": T}),
    (OFFER, "You can take me off the shortlist.", {"clear_no": T}),
    (OFFER, "It's a pass from me.", {"clear_no": T}),
    (OFFER, "I won't be going any further with the process.", {"clear_no": T}),
    (OFFER, "I'm declining, even if you offered more.", {"clear_no": T}),
    (OFFER, "i'm going to decline the offer but if you have anything else in future do let me "
     "know", {"clear_no": T}),
    (OFFER, "I'll decline unless you can match it.", {"clear_no": F}),
    (WRAPUP, "No, that's all.", {"clear_no": F, "graceful_close": F}),
    # reasons
    (OFFER, "I'm declining; I want to move into research.", {"brief_reason": T}),
    (OFFER, "I'm declining because I've decided to go back to university.",
     {"brief_reason": T, "over_detailed": F}),
    (OFFER, "I'm declining. It isn't about the money at all.", {"brief_reason": F}),
    (OFFER, "I'm declining. It's not about the money, it's the commute.", {"brief_reason": T}),
    (OFFER, "I'd love to accept, I've wanted to work in a team like yours for years.",
     {"brief_reason": F, "clear_no": F}),
    (WHY, "Honestly the other place just felt like a better fit for me.",
     {"brief_reason": T, "courteous_followup": T}),
    (WHY, "My partner and I are expecting a baby, so it's not the right time.",
     {"brief_reason": T, "courteous_followup": T}),
    (WHY, "I'd rather not go into it, if that's okay.",
     {"brief_reason": F, "courteous_followup": T}),
    (WHICH, "It's Redline Studio; they offered me a lead role.",
     {"brief_reason": T, "courteous_followup": T}),
    (WHICH, "Somewhere else.", {"brief_reason": F, "courteous_followup": F}),
    (OFFER, "I'm declining. The pay is lower, the commute's an hour, there's no remote option, "
     "and my current boss just promoted me.", {"brief_reason": F, "over_detailed": T}),
    (WHY, "it's a long story really my partner's job moved and then my mum got ill and we "
     "had to sell the flat", {"over_detailed": T, "courteous_followup": T}),
    (WHY, "Mainly the salary, and a bit the location.",
     {"brief_reason": T, "over_detailed": F}),
    (FUTURE, "No, your management is a shambles.", {"brief_reason": F, "offensive": T}),
    # courteous follow-up
    (WHY, "Why does that matter to you?", {"courteous_followup": F}),
    (WHY, "It just does.", {"courteous_followup": F}),
    (WHICH, "None of your business, mate.", {"courteous_followup": F}),
    (COUNTER, "Hmm, five thousand? Maybe, let me think about it.",
     {"courteous_followup": F, "hedged": T}),
    (COUNTER, "Go on then, you've convinced me.", {"courteous_followup": F, "clear_no": F}),
    (COUNTER, "That sounds great, but I'll still pass. Thanks for trying.",
     {"courteous_followup": T, "clear_no": T}),
    (FUTURE, "Yes, I'd be glad to hear from you. Thanks!", {"courteous_followup": T}),
    (FUTURE, "Nope.", {"courteous_followup": F}),
    (OFFER, "Thanks, but I won't be accepting.", {"courteous_followup": N}),
    (WRAPUP, "Nope.", {"courteous_followup": N}),
    # graceful close
    (WRAPUP, "Thanks again, and best of luck filling the role.", {"graceful_close": T}),
    (WRAPUP, "Only that it was lovely meeting you. Take care!", {"graceful_close": T}),
    (WRAPUP, "Have a good weekend!", {"graceful_close": T}),
    (WRAPUP, "I hope our paths cross again.", {"graceful_close": T}),
    (WRAPUP, "whatever, bye", {"graceful_close": F}),
    (WRAPUP, "No. Bye.", {"graceful_close": F}),
    (WRAPUP, "Good luck with that.", {"graceful_close": F, "offensive": T}),
    (OFFER, "I wish I could say yes, but I have to decline.",
     {"graceful_close": F, "clear_no": T}),
    (FUTURE, "I hope you understand.", {"graceful_close": F}),
    # offensive
    (WHY, "Your recruiter was incredibly rude to me.", {"offensive": T, "courteous_followup": F}),
    (WHY, "The whole process was a shambles from start to finish.", {"offensive": T}),
    (WHY, "Let's just say I've had better interviews. Yours felt like an interrogation.",
     {"offensive": T}),
    (OFFER, "I'm so sorry, I feel terrible, but I have to decline.",
     {"offensive": F, "clear_no": T}),
    (WHY, "I'd be miserable with that commute.", {"offensive": F}),
    (OFFER, "Sorry, I know it's terrible timing, but I have to decline.", {"offensive": F}),
    (STATUS, "Not yet, it's been a terrible week. Can I call you back tomorrow?",
     {"offensive": F, "brief_reason": F, "clear_no": F}),
    (TERMS, "That's pitiful for this level of work.", {"offensive": T}),
    (WHY, "Your team was lovely; it wasn't rude or chaotic at all, it's just the distance.",
     {"offensive": F}),
    (OFFER, "It's below what I can accept, so I'll withdraw.", {"offensive": F, "clear_no": T}),
    # hedged
    (OFFER, "Um, I guess I'll decline? I don't know.", {"hedged": T, "clear_no": F}),
    (OFFER, "I'm kind of leaning towards not taking it.", {"hedged": T}),
    (OFFER, "I'm in two minds, to be honest.", {"hedged": T}),
    (OFFER, "I won't be accepting. Maybe we'll cross paths in the future though.",
     {"hedged": F, "clear_no": T, "graceful_close": T}),
    (OFFER, "I won't be accepting; the other role is probably a better fit.",
     {"hedged": F, "clear_no": T}),
    (OFFER, "I'm sorry, I'm so sorry, I'm really sorry, I think I might not take it, sorry.",
     {"hedged": T, "clear_no": F}),
]


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


@pytest.mark.parametrize(("line", "reply", "expected"), CASES, ids=[c[1][:50] for c in CASES])
def test_detector_case(scorer: Scorer, line: str | None, reply: str,
                       expected: dict[str, bool | None]) -> None:
    checks = scorer.score(reply, line).checks
    got = {name: checks[name].met for name in expected}
    assert got == expected, {n: checks[n].why for n in expected if got[n] != expected[n]}
