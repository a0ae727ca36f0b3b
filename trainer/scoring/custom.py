"""A scenario's own checklist items, scored by fuzzy phrase windows.

An author gives example phrases and a threshold; the reply's best-matching word
window (rapidfuzz, one word shorter or longer than the phrase allowed) is the
score. A negation just before the window ("I won't let me think about it" is
rare, "I'm not going to reconsider" is common) vetoes a phrase that has no
negation of its own, so the author sees why a near-match did not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.scenario.model import CustomItem
from trainer.scoring.families import NEGATORS
from trainer.scoring.result import Evidence, ItemResult
from trainer.textmatch import Match, Token, find_phrase, tokenize

FLOOR = 50.0
"""Windows scoring below this are not reported even as near misses."""


@dataclass(frozen=True)
class CompiledItem:
    item: CustomItem
    phrases: tuple[str, ...]
    negated_phrases: frozenset[str]
    """Phrases that carry their own negation (a negation before them is expected)."""


def compile_item(item: CustomItem) -> CompiledItem:
    phrases = tuple(p for p in item.phrases if tokenize(p))
    negated = frozenset(
        p for p in phrases if any(t.text in NEGATORS or t.text.endswith("n't") for t in tokenize(p))
    )
    return CompiledItem(item, phrases, negated)


def _negation_before(tokens: list[Token], start: int) -> str | None:
    index = next((k for k, t in enumerate(tokens) if t.start >= start), len(tokens))
    for k in range(index - 1, max(index - 3, 0) - 1, -1):
        text = tokens[k].text
        if text in NEGATORS or text.endswith("n't"):
            return text
    return None


def score_item(compiled: CompiledItem, reply: str, tokens: list[Token]) -> ItemResult:
    item = compiled.item
    best: Match | None = None
    for phrase in compiled.phrases:
        match = find_phrase(reply, phrase, FLOOR, tokens)
        if match is not None and (best is None or match.score > best.score):
            best = match
    if best is None:
        return ItemResult(item.name, False, 0.0, item.threshold, (),
                          f"no window close to any of the {len(compiled.phrases)} phrases")
    evidence = (Evidence(best.start, best.end, best.text),)
    described = f'"{best.text}" ~ "{best.phrase}" ({best.score:.0f}'
    if best.score < item.threshold:
        return ItemResult(item.name, False, best.score, item.threshold, evidence,
                          f"closest: {described} < {item.threshold:.0f})")
    if best.phrase not in compiled.negated_phrases:
        negator = _negation_before(tokens, best.start)
        if negator is not None:
            return ItemResult(item.name, False, best.score * 0.4, item.threshold, evidence,
                              f'{described} >= {item.threshold:.0f}) vetoed: negated by '
                              f'"{negator}"')
    return ItemResult(item.name, True, best.score, item.threshold, evidence,
                      f"{described} >= {item.threshold:.0f})")

