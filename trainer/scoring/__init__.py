"""Scoring replies against the checklist (no UI imports here).

:class:`Scorer` judges one reply; :func:`trainer.scoring.scorecard.build_scorecard`
turns a whole call's scored turns into a scorecard. The package itself exports only
what judging a reply needs, so the scenario's branch rules can read a reply through
:mod:`trainer.scoring.heard` without pulling in the scorecard (which reads the branches).
"""

from trainer.scoring.result import Evidence, ItemResult, ReplyScore, ReplyTiming
from trainer.scoring.scorer import Scorer

__all__ = [
    "Evidence",
    "ItemResult",
    "ReplyScore",
    "ReplyTiming",
    "Scorer",
]
