"""The cue card: the user's own best phrasing of each checklist item, to keep by the phone.

Built from every saved attempt at a scenario (replies redone and not kept
included), so a good sentence said once is not lost to a weaker retake. A
phrasing from a reply that also fell into a pitfall is never offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from trainer.scenario.model import Scenario
from trainer.scoring.result import Evidence, ItemResult
from trainer.sessions.model import Session
from trainer.tui.presentation import item_kind

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Cue:
    item: str
    sentence: str | None
    """The user's sentence that met the item best, or ``None`` when none has yet."""
    evidence: tuple[int, int] = (0, 0)
    """The words in ``sentence`` that met it."""
    score: float = 0.0


def sentence_around(reply: str, evidence: Evidence) -> tuple[str, tuple[int, int]]:
    """The sentence(s) of ``reply`` holding ``evidence``, and the evidence's span within."""
    begin, end = 0, len(reply)
    for gap in _SENTENCE_END.finditer(reply):
        if gap.end() <= evidence.start:
            begin = gap.end()
        elif gap.start() >= evidence.end:
            end = gap.start()
            break
    return reply[begin:end], (evidence.start - begin, evidence.end - begin)


def _replies(sessions: Iterable[Session]) -> Iterable[tuple[str, dict[str, ItemResult]]]:
    for session in sessions:
        for turn in session.turns:
            yield turn.reply, turn.checks
            for attempt in turn.attempts:
                yield attempt.reply, attempt.checks


def cue_card(scenario: Scenario, sessions: Iterable[Session]) -> list[Cue]:
    """One cue per item this scenario's turns expect, in checklist order."""
    expected = {name for turn in scenario.turns for name in turn.expect}
    wanted = [n for n in scenario.item_names() if n in expected and item_kind(scenario, n) == "do"]
    best: dict[str, Cue] = {}
    for reply, checks in _replies(sessions):
        if any(r.met and item_kind(scenario, name) == "avoid" for name, r in checks.items()):
            continue
        for name in wanted:
            result = checks.get(name)
            if result is None or not result.met or not result.evidence:
                continue
            if name in best and best[name].score >= result.score:
                continue
            sentence, span = sentence_around(reply, result.evidence[0])
            best[name] = Cue(name, sentence, span, result.score)
    return [best.get(name, Cue(name, None)) for name in wanted]
