"""Scoring replies against the checklist (no UI imports here).

:class:`Scorer` judges one reply; :func:`build_scorecard` turns a whole call's
scored turns into a :class:`Scorecard`.
"""

from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming
from trainer.scoring.scorecard import Scorecard, ScoredTurn, build_scorecard
from trainer.scoring.scorer import Scorer

__all__ = [
    "Evidence",
    "ItemResult",
    "ReplyScore",
    "ReplyTiming",
    "Scorecard",
    "ScoredTurn",
    "Scorer",
    "build_scorecard",
]
