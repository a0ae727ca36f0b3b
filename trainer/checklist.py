"""The built-in checklist: the five things a good call does and the three pitfalls.

Scenario validation, the scorer and the UI all name items from this table, so an
item is spelt, described and tipped the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

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


def readable(name: str) -> str:
    """``start_date`` -> ``Start date``: the label of an item whose author gave none."""
    return name.replace("_", " ").replace("-", " ").strip().capitalize() or name


class CustomItemLike(Protocol):
    """What a scenario's own item tells the checklist (``trainer.scenario.model.CustomItem``)."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def description(self) -> str: ...
    @property
    def tip(self) -> str | None: ...
    @property
    def phrases(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Checklist:
    """Every item a call is scored on, in order: the built-ins, then the scenario's own.

    The one place an item's label, kind, description and tip come from, so the
    app, line mode, ``check``, ``show`` and the exports always agree.
    """

    items: Mapping[str, ItemInfo]

    @classmethod
    def of(cls, custom: Iterable[CustomItemLike] = (),
           base: Mapping[str, ItemInfo] = ITEMS_BY_NAME) -> Checklist:
        """``base`` is the built-in list: a call's, or a follow-up letter's."""
        items = dict(base)
        for item in custom:
            if item.name in items:
                continue  # validation reports the clash; the built-in wins
            tip = item.tip
            if not tip:
                tip = (f'Try something like: "{item.phrases[0]}"'
                       if item.kind == "do" and item.phrases else item.description)
            items[item.name] = ItemInfo(item.name, item.label or readable(item.name),
                                        item.kind, item.description, tip)
        return cls(items)

    def __contains__(self, name: object) -> bool:
        return name in self.items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def info(self, name: str) -> ItemInfo:
        """The item; one this checklist does not know (an old session's) gets a readable label."""
        found = self.items.get(name)
        return found if found is not None else ItemInfo(name, readable(name), "do", "", "")

    def label(self, name: str) -> str:
        return self.info(name).label

    def kind(self, name: str) -> Kind:
        return self.info(name).kind

    def tip(self, name: str) -> str:
        return self.info(name).tip

    def description(self, name: str) -> str:
        return self.info(name).description

    def is_pitfall(self, name: str) -> bool:
        return self.kind(name) == "avoid"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.items)

    @property
    def do_names(self) -> tuple[str, ...]:
        return tuple(n for n, i in self.items.items() if i.kind == "do")

    @property
    def avoid_names(self) -> tuple[str, ...]:
        return tuple(n for n, i in self.items.items() if i.kind == "avoid")

    def rank(self, name: str) -> tuple[int, str]:
        """Sort key: checklist order, items it does not know last."""
        order = list(self.items)
        return (order.index(name) if name in self.items else len(order), name)


BUILTIN_CHECKLIST = Checklist.of()
