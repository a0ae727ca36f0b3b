"""A scenario's own checklist items, scored by fuzzy phrase windows over what was heard.

An author gives example phrases and a threshold; the reply's best-matching word
window (rapidfuzz, one word shorter or longer than the phrase allowed) is the
score. The reply is read exactly as the built-in items read it (the sound-alike
repairs included, see :mod:`trainer.scoring.heard`), and a negation just before
the window ("I'm not going to reconsider") vetoes a phrase that has no negation
of its own, so the author sees why a near-match did not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.scoring.heard import HeardReply, Phrase, phrases
from trainer.scoring.result import Evidence, ItemResult

if TYPE_CHECKING:  # the scenario's model imports the branch rules, which read replies here
    from trainer.scenario.model import CustomItem

FLOOR = 50.0
"""Windows scoring below this are not reported even as near misses."""


@dataclass(frozen=True)
class CompiledItem:
    item: CustomItem
    phrases: tuple[Phrase, ...]


def compile_item(item: CustomItem) -> CompiledItem:
    return CompiledItem(item, phrases(item.phrases))


def score_item(compiled: CompiledItem, reply: HeardReply) -> ItemResult:
    item = compiled.item
    heard = reply.best(compiled.phrases, FLOOR)
    if heard is None:
        return ItemResult(item.name, False, 0.0, item.threshold, (),
                          f"no window close to any of the {len(compiled.phrases)} phrases")
    best = heard.match
    evidence = (Evidence(best.start, best.end, best.text),)
    described = f'"{best.text}" ~ "{best.phrase}" ({best.score:.0f}'
    if best.score < item.threshold:
        return ItemResult(item.name, False, best.score, item.threshold, evidence,
                          f"closest: {described} < {item.threshold:.0f})")
    if heard.negator is not None:
        return ItemResult(item.name, False, best.score * 0.4, item.threshold, evidence,
                          f'{described} >= {item.threshold:.0f}) vetoed: negated by '
                          f'"{heard.negator}"')
    return ItemResult(item.name, True, best.score, item.threshold, evidence,
                      f"{described} >= {item.threshold:.0f})")
