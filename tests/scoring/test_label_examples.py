"""Every example in the label definitions (shared/eval/LABELS.md), and the issue's hard cases.

Each case is (recruiter line or None, reply, item, expected met). Lines are
given where the definition depends on what the reply answers.
"""

from __future__ import annotations

import pytest

from trainer.scoring import Scorer

OPENING = "Hi, it's Priya from Lumen Health. Have you had a chance to think about our offer?"
INVITE = "Hello, this is Marcus. We'd like to invite you to interview next week."
WHY = "Can I ask what made you decide?"
COUNTER = "Is there anything we could do to change your mind? We have some flexibility on salary."
ALT_ROLE = "Would you consider interviewing for a different role with us instead?"
FUTURE = "Would you be open to other roles with us later?"
TERMS = "The salary for this role would be 48,000. Is that something you'd consider?"
WRAPUP = "Okay, I'll let the team know. Anything else?"

CASES: list[tuple[str | None, str, str, bool | None]] = [
    # thanks: yes
    (None, "Thank you for the offer.", "thanks", True),
    (None, "I really appreciate the time you all put in.", "thanks", True),
    (None, "I'm grateful for", "thanks", True),
    (None, "It was a pleasure meeting everyone, thank you.", "thanks", True),
    (None, "Do pass my thanks on to the panel.", "thanks", True),
    (None, "Thank you for the offer, but I'll pass.", "thanks", True),
    # thanks: no
    (INVITE, "no thanks", "thanks", False),
    (INVITE, "No, thank you.", "thanks", False),
    (INVITE, "Thanks but no thanks.", "thanks", False),
    (None, "Thanks to the new job I can cycle to work.", "thanks", False),
    (None, "I'm thankful I found the role.", "thanks", False),
    (WRAPUP, "Thanks for nothing.", "thanks", False),
    (None, "I should thank you.", "thanks", False),
    # clear_no: yes
    (OPENING, "I won't be accepting the offer.", "clear_no", True),
    (OPENING, "I have to decline.", "clear_no", True),
    (OPENING, "I've decided to go in a different direction.", "clear_no", True),
    (OPENING, "I'm withdrawing my application.", "clear_no", True),
    (INVITE, "I'll have to pass on the second interview.", "clear_no", True),
    (INVITE, "Thanks but no thanks.", "clear_no", True),
    (INVITE, "Count me out.", "clear_no", True),
    (ALT_ROLE, "Thank you, but I'll pass on that role too.", "clear_no", True),
    # clear_no: no
    (OPENING, "I'm not sure I can accept.", "clear_no", False),
    (OPENING, "I'm leaning towards no.", "clear_no", False),
    (OPENING, "Probably not.", "clear_no", False),
    (OPENING, "I might have to decline.", "clear_no", False),
    (OPENING, "Could I have until Friday to think it over?", "clear_no", False),
    (OPENING, "I'd love to accept!", "clear_no", False),
    (OPENING, "I accepted another offer.", "clear_no", False),
    (OPENING, "I've signed with another firm.", "clear_no", False),
    (FUTURE, "No, please don't contact me again.", "clear_no", False),
    # brief_reason
    (OPENING, "I've accepted a role that fits my career goals more closely.", "brief_reason",
     True),
    (OPENING, "The commute would be too long for my family.", "brief_reason", True),
    (OPENING, "I accepted another offer.", "brief_reason", True),
    (OPENING, "I'm declining: the pay is lower, the commute is ninety minutes, the hours are "
     "longer and my partner has just started a new job.", "brief_reason", False),
    (OPENING, "I'm declining: the pay is lower, the commute is ninety minutes, the hours are "
     "longer and my partner has just started a new job.", "over_detailed", True),
    (OPENING, "I won't be accepting the offer.", "brief_reason", False),
    # courteous_followup
    ("Can I ask which company you went with?", "That's not really your business.",
     "courteous_followup", False),
    (COUNTER, "Well, maybe if the salary were higher I could reconsider.",
     "courteous_followup", False),
    (WHY, "Of course. The role is more sales-focused than I'm looking for.",
     "courteous_followup", True),
    (WHY, "I'd rather keep that private, if that's alright, but thank you for asking.",
     "courteous_followup", True),
    (OPENING, "Thank you, but I won't be accepting.", "courteous_followup", None),
    (TERMS, "That's below what I can accept, so I'll withdraw.", "courteous_followup", None),
    (WRAPUP, "No, that's all. Thanks again.", "courteous_followup", None),
    # graceful_close
    (WRAPUP, "Thanks again for everything, I wish you and the team all the best.",
     "graceful_close", True),
    (WRAPUP, "ok bye", "graceful_close", False),
    (WRAPUP, "yeah that's it", "graceful_close", False),
    (FUTURE, "Please do keep me in mind.", "graceful_close", False),
    (FUTURE, "Please do keep me in mind. All the best!", "graceful_close", True),
    # offensive
    (WHY, "The salary was frankly cheap.", "offensive", True),
    (WHY, "Your office felt toxic.", "offensive", True),
    (WHY, "The interviews were a waste of time.", "offensive", True),
    (WHY, "The scheduling felt a little chaotic.", "offensive", True),
    (WRAPUP, "Thanks for nothing, I guess.", "offensive", True),
    (WHY, "Just leave it there.", "offensive", False),
    (WHY, "Just leave it there.", "courteous_followup", False),
    # hedged
    (OPENING, "I'm so so sorry, I think maybe I might not be able to, I don't know.", "hedged",
     True),
    (OPENING, "I'm afraid I won't be accepting the offer.", "hedged", False),
    (OPENING, "Sorry, could I have a few more days to decide?", "hedged", False),
    (OPENING, "I'm not sure I can accept.", "hedged", True),
]

COMBINED = ("Thank you, but I won't be accepting; I've taken another role. "
            "All the best to you and the team!")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


@pytest.mark.parametrize(("line", "reply", "item", "expected"), CASES,
                         ids=[f"{c[2]}-{c[1][:40]}" for c in CASES])
def test_label_definition_example(scorer: Scorer, line: str | None, reply: str, item: str,
                                  expected: bool | None) -> None:
    result = scorer.score(reply, line).checks[item]
    assert result.met is expected, result.why


def test_the_combined_example_meets_four_items(scorer: Scorer) -> None:
    met = scorer.score(COMBINED, OPENING).met()
    assert met == {
        "thanks": True, "clear_no": True, "brief_reason": True, "courteous_followup": None,
        "graceful_close": True, "offensive": False, "hedged": False, "over_detailed": False,
    }


@pytest.mark.parametrize(("reply", "item", "heard"), [
    ("think you so much for the offer", "thanks", "think you"),
    ("but think you for asking", "thanks", "think you"),
    ("thank ewe again for everything", "thanks", "thank ewe"),
    ("i really a pre she ate your help", "thanks", "a pre she ate"),
    ("i've decided to the climb the offer", "clear_no", "the climb"),
    ("regret ably i'm going to have to the climb", "clear_no", "the climb"),
])
def test_misheard_words_still_count(scorer: Scorer, reply: str, item: str, heard: str) -> None:
    result = scorer.score(reply, OPENING).checks[item]
    assert result.met is True, result.why
    assert heard in result.why
    assert any(heard in e.text for e in result.evidence)


def test_i_think_you_is_not_thanks(scorer: Scorer) -> None:
    result = scorer.score("i think you should know i'm not going to accept it", OPENING)
    assert result.checks["thanks"].met is False
    assert result.checks["clear_no"].met is True
    assert result.checks["hedged"].met is False


def test_why_names_the_vetoing_hedge(scorer: Scorer) -> None:
    result = scorer.score("I'm not sure I can accept.", OPENING).checks["clear_no"]
    assert result.met is False
    assert "hedged" in result.why and "not sure" in result.why


def test_why_names_the_negation(scorer: Scorer) -> None:
    result = scorer.score("I won't be declining. I'm happy to accept!", OPENING).checks["clear_no"]
    assert result.met is False
    assert "won't" in result.why or "accepts" in result.why


def test_caving_after_a_counter_offer_is_not_courteous(scorer: Scorer) -> None:
    result = scorer.score("Oh, in that case, forget what I said. I'll take it.", COUNTER)
    assert result.checks["courteous_followup"].met is False
    assert "caves" in result.checks["courteous_followup"].why
    assert result.checks["clear_no"].met is False
