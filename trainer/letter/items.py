"""The follow-up letter's checklist: the reply items it shares and the four of its own.

The shared items (thanks, a clear no, a brief reason, the pitfalls) keep their
labels and advice from :mod:`trainer.checklist`; only what a letter adds is
described here, so an item is spelt and tipped the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.checklist import ITEMS_BY_NAME, Checklist, ItemInfo
from trainer.scenario.model import CustomItem

LETTER_OWN_ITEMS: tuple[ItemInfo, ...] = (
    ItemInfo(
        "warm_close",
        "A warm close",
        "do",
        "Ends warmly before the sign-off: thanks again, good wishes, or hoping to stay in touch.",
        "End with warmth, not just \"Regards\": \"Thank you again for everything; I wish you "
        "and the team all the best, and I hope our paths cross again.\"",
    ),
    ItemInfo(
        "subject_clear",
        "A clear subject line",
        "do",
        "The subject says what the email is about: the decision on the offer, interview or "
        "application, ideally naming the role.",
        "Name the role and the decision: \"Data analyst offer: declining with thanks\".",
    ),
    ItemInfo(
        "decision_early",
        "The decision up front",
        "do",
        "The clear no comes within the first two sentences of the body.",
        "Say it in the first or second sentence: \"Thank you for the offer. I'm writing to "
        "confirm that I won't be accepting it.\"",
    ),
    ItemInfo(
        "too_long",
        "Too long",
        "avoid",
        "The letter (salutation to sign-off) runs over 200 words.",
        "Keep it under 200 words: thanks, the decision, at most one reason, a warm close.",
    ),
)

LETTER_DO: tuple[str, ...] = (
    "thanks", "clear_no", "brief_reason", "warm_close", "subject_clear", "decision_early",
)
"""The letter's checklist, in the order it is shown."""
LETTER_OPTIONAL: frozenset[str] = frozenset({"brief_reason"})
"""Met is credited, missing is not held against the letter (as on the phone, a reason is
kind but not owed)."""
LETTER_PITFALLS: tuple[str, ...] = ("offensive", "hedged", "over_detailed", "too_long")
LETTER_NAMES: tuple[str, ...] = (*LETTER_DO, *LETTER_PITFALLS)
LETTER_OWN_NAMES: tuple[str, ...] = tuple(i.name for i in LETTER_OWN_ITEMS)

LETTER_ITEMS_BY_NAME: dict[str, ItemInfo] = {
    **{name: ITEMS_BY_NAME[name] for name in LETTER_NAMES if name in ITEMS_BY_NAME},
    **{item.name: item for item in LETTER_OWN_ITEMS},
}

MAX_WORDS = 200
"""Over this many words (salutation to sign-off) the letter is ``too_long``."""


def letter_checklist(letter_items: Sequence[CustomItem] = ()) -> Checklist:
    """The letter's items and a scenario's own letter items: labels and tips from one place."""
    return Checklist.of(letter_items, base=LETTER_ITEMS_BY_NAME)


def letter_tip(name: str, letter_items: Sequence[CustomItem] = ()) -> str | None:
    """The advice for a letter item the letter missed (or a pitfall it fell into): a
    scenario's own letter item's tip first, else the built-in one."""
    checklist = letter_checklist(letter_items)
    return checklist.tip(name) if name in checklist else None
