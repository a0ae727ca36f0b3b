"""Scoring replies against the checklist (no UI imports here).

:class:`Scorer` judges one reply; :func:`trainer.scoring.scorecard.build_scorecard`
turns a whole call's scored turns into a scorecard. The package exports only what
judging a reply needs, and :class:`Scorer` only when it is first asked for: the
detectors compile their phrase families on import, and the scenario's branch rules
(loaded by every command) read a reply through :mod:`trainer.scoring.heard` without
needing them, nor the scorecard (which reads the branches).
"""

from typing import TYPE_CHECKING

from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming

if TYPE_CHECKING:
    from trainer.scoring.scorer import Scorer

__all__ = [
    "Evidence",
    "ItemResult",
    "ReplyScore",
    "ReplyTiming",
    "Scorer",
]


def __getattr__(name: str) -> object:
    if name == "Scorer":
        from trainer.scoring.scorer import Scorer

        return Scorer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
