"""The built-in checklist: the five things a good call does and the three pitfalls.

Scenario validation, the scorer and the UI all name items from this table, so an
item is spelt, described and tipped the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["do", "avoid"]


@dataclass(frozen=True)
class ItemInfo:
    name: str
    label: str
    kind: Kind
    description: str
    tip: str


BUILTIN_ITEMS: tuple[ItemInfo, ...] = (
    ItemInfo(
        "thanks",
        "Thanks",
        "do",
        "Thank the recruiter, the team or the company (and name people who helped).",
        "Open with thanks: \"Thank you so much for the offer, and for your help through the "
        "process.\" Naming someone who helped is a nice touch.",
    ),
    ItemInfo(
        "clear_no",
        "A clear no",
        "do",
        "Say no in no uncertain terms: you will not accept, or will not go on.",
        "Say it plainly, early: \"Unfortunately, I won't be accepting the offer.\" Avoid "
        "'probably', 'I think' or 'I'm not sure'.",
    ),
    ItemInfo(
        "brief_reason",
        "A brief reason",
        "do",
        "Give one short, diplomatic reason; not a laundry list.",
        "One short reason is enough: \"I've accepted an offer that fits my goals more "
        "closely.\" or \"The role doesn't quite meet my objectives.\"",
    ),
    ItemInfo(
        "courteous_followup",
        "Courteous follow-up",
        "do",
        "Answer follow-up questions politely, with the detail you choose, without wavering.",
        "Answer politely and hold the decision: \"I'd rather keep that private, but thank you "
        "for asking. My decision is final.\"",
    ),
    ItemInfo(
        "graceful_close",
        "A graceful close",
        "do",
        "Close warmly: thank them again, wish them well, keep the door open.",
        "Close warmly: \"Thanks again for everything. I wish you and the team all the best, "
        "and I hope our paths cross again.\"",
    ),
    ItemInfo(
        "offensive",
        "Badmouthing",
        "avoid",
        "Running down the company, the people, the offer or the process, however mildly.",
        "Keep every reason neutral: say what fits you better elsewhere, never what was "
        "wrong with them (no 'cheap', 'toxic' or 'a waste of time').",
    ),
    ItemInfo(
        "hedged",
        "Hedging",
        "avoid",
        "Qualifying the decision (probably, maybe, I think, leaning towards) or burying it "
        "in apologies.",
        "State the decision without qualifiers or a string of apologies; one 'I'm afraid' "
        "is plenty.",
    ),
    ItemInfo(
        "over_detailed",
        "Over-explaining",
        "avoid",
        "A reason that runs on: three or more reasons, or a long story.",
        "Keep the reason to one or two short clauses; you owe them a reason, not a "
        "justification.",
    ),
)

ITEMS_BY_NAME: dict[str, ItemInfo] = {item.name: item for item in BUILTIN_ITEMS}
BUILTIN_NAMES: tuple[str, ...] = tuple(item.name for item in BUILTIN_ITEMS)
CHECKLIST_NAMES: tuple[str, ...] = tuple(i.name for i in BUILTIN_ITEMS if i.kind == "do")
PITFALL_NAMES: tuple[str, ...] = tuple(i.name for i in BUILTIN_ITEMS if i.kind == "avoid")
