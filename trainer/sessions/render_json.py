"""The scorecard as JSON, for scripts (``trainer rescore --dry-run --json``).

The same keys the scorecard JSON always had, plus how the call ended and the
help the user had; turn ids are kept here, since scripts and authors need them.
"""

from __future__ import annotations

from typing import Any

from trainer.scoring.metrics import HEALTHY_FILLER_RATIO, HEALTHY_WPM
from trainer.scoring.result import Evidence
from trainer.scoring.scorecard import Scorecard


def _spans(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [e.to_json() for e in evidence]


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    m = card.metrics
    return {
        "scenario": card.scenario_id, "title": card.title, "score": card.overall,
        "ending": card.ending,
        "items": [
            {"name": i.name, "label": i.label, "met": i.met, "turn": i.turn,
             "turn_id": i.turn_id, "evidence": _spans(i.evidence), "why": i.why, "tip": i.tip,
             "model_answer": i.model_answer}
            for i in card.items
        ],
        "pitfalls": [
            {"name": p.name, "label": p.label, "turn": p.turn, "turn_id": p.turn_id,
             "evidence": _spans(p.evidence), "why": p.why, "tip": p.tip}
            for p in card.pitfalls
        ],
        "metrics": {
            "words": m.words, "pace_wpm": m.pace_wpm, "pace_note": m.pace_note(),
            "healthy_wpm": list(HEALTHY_WPM), "timed_words": m.timed_words,
            "timed_seconds": round(m.timed_seconds, 2), "fillers": m.fillers,
            "filler_pct": m.filler_pct, "healthy_filler_pct": HEALTHY_FILLER_RATIO * 100,
            "filler_note": m.filler_note(), "hedges": m.hedges, "apologies": m.apologies,
            "mean_response_delay": m.mean_response_delay,
            "max_response_delay": m.max_response_delay,
        },
        "holding_the_no": {
            "status": card.holding.status, "pushes": card.holding.pushes,
            "first_no_turn": card.holding.first_no_turn,
            "wavered_turn": card.holding.wavered_turn, "note": card.holding.note,
        },
        "explaining": {
            "apologies": card.explaining.apologies,
            "reasons_given": card.explaining.reasons_given,
            "reason_words": card.explaining.reason_words,
            "verdict": card.explaining.verdict, "note": card.explaining.note,
        },
        "help": [{"turn": h.turn, "hint": h.hint, "model_answer": h.model_answer,
                  "redone": h.redone} for h in card.help],
        "turns": [
            {"turn": t.number, "turn_id": t.turn_id, "recruiter": t.recruiter, "reply": t.reply,
             "expected": list(t.expected), "met": list(t.met), "missed": list(t.missed),
             "pitfalls": list(t.pitfalls), "model_answer": t.model_answer,
             "transcript_notes": list(t.notes)}
            for t in card.turns
        ],
    }
