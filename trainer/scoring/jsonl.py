"""The JSON-lines contract of ``trainer check --jsonl``, which other tools depend on exactly.

Input, one object a line: ``{"id": ..., "reply": "...", "context": "..." | null}``
(``context`` may be left out; an optional ``"followup": true|false`` overrides
guessing it from the context). Output, one line per input line, in order:
``{"id": ..., "checks": {name: {"met", "score", "evidence"}}}`` with every item
name present, or ``{"id": ..., "error": "..."}`` for a line that cannot be
scored. Blank lines are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from trainer.errors import TrainerError
from trainer.safeio import JsonRefused, dumps_safe, load_json
from trainer.scoring.result import ItemResult
from trainer.scoring.scorer import Scorer


def contract_check(result: ItemResult) -> dict[str, Any]:
    """One item in the contract's shape: exactly ``met``, ``score`` and ``evidence``."""
    return {
        "met": result.met,
        "score": round(result.score, 1),
        "evidence": [e.to_json() for e in result.evidence],
    }


def score_line(scorer: Scorer, line: str, lineno: int) -> dict[str, Any]:
    try:
        # Bounded: one line nested 200,000 deep, with a 5,000-digit number or with NaN
        # gets its own error line, and the lines after it are still scored.
        data = load_json(line, source=f"line {lineno}", clean_strings=False)
    except JsonRefused as exc:
        return {"id": None, "error": f"line {lineno}: {exc.reason.removeprefix('is ')}"}
    if not isinstance(data, dict):
        return {"id": None, "error": f"line {lineno}: expected a JSON object with \"id\" and "
                                     f"\"reply\", got {type(data).__name__}"}
    ident = data.get("id")
    reply = data.get("reply")
    context = data.get("context")
    followup = data.get("followup")
    if not isinstance(reply, str):
        what = "missing" if reply is None else f"a {type(reply).__name__}, not text"
        return {"id": ident, "error": f"line {lineno}: \"reply\" is {what}"}
    if context is not None and not isinstance(context, str):
        return {"id": ident, "error": f"line {lineno}: \"context\" must be text or null"}
    if followup is not None and not isinstance(followup, bool):
        return {"id": ident, "error": f"line {lineno}: \"followup\" must be true, false or null"}
    try:
        result = scorer.score(reply, context, followup=followup)
    except TrainerError as exc:
        return {"id": ident, "error": f"line {lineno}: {exc.message}"}
    return {"id": ident, "checks": {name: contract_check(r) for name, r in result.checks.items()}}


def score_stream(scorer: Scorer, lines: Iterable[str]) -> Iterator[str]:
    """Output lines (without newlines) for the input lines, in order."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            result = score_line(scorer, line, lineno)
        except (RecursionError, ValueError) as exc:  # never let one line stop the stream
            result = {"id": None, "error": f"line {lineno}: cannot be scored ({exc})"}
        yield dumps_safe(result)
