"""``trainer check`` scores a reply (or JSON lines); ``trainer score`` rescores a saved call.

Both are thin: the scoring is :mod:`trainer.scoring`. Without ``--json`` the
output is meant to be read: every item with its score against the threshold,
the words that were the evidence, and why it was decided, so nothing about a
score is hidden.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from trainer.checklist import ITEMS_BY_NAME
from trainer.cli.common import out, out_json
from trainer.cli.scenario_cmds import ScenariosOption
from trainer.errors import TrainerError, UsageError
from trainer.scenario.model import Scenario
from trainer.scoring import ScoredTurn, Scorer, build_scorecard
from trainer.scoring.context import classify
from trainer.scoring.jsonl import score_stream
from trainer.scoring.result import ItemResult, ReplyScore

_MARK_DO = {True: "✓", False: "✗", None: "–"}
_LINE_KINDS = {
    "opening": "opening line", "status": "asks for news", "terms": "states the terms",
    "change": "follow-up: tries to change the decision",
    "info": "follow-up: asks why, where or who",
    "future": "follow-up: offers future contact", "wrapup": "wrap-up", "unknown": "",
}
_MARK_AVOID = {True: "✗", False: "✓", None: "–"}


def _load_scenario(id_or_path: str, dirs: list[Path] | None) -> Scenario:
    from trainer.scenario.catalog import load_catalog

    return load_catalog(dirs or ()).get(id_or_path)


def _clean(text: str) -> str:
    """Bytes that are not UTF-8 reach ``argv`` as lone surrogates; make them U+FFFD so
    printing the text back can never fail."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", errors="replace")


def _read_reply(reply: str) -> str:
    """``-`` reads the reply from standard input, for long or awkward text."""
    if reply == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    return _clean(reply)


def _stdin_lines() -> Iterator[str]:
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace")


def _kind(name: str, scorer: Scorer) -> str:
    for item in scorer.custom_items:
        if item.name == name:
            return item.kind
    info = ITEMS_BY_NAME.get(name)
    return info.kind if info is not None else "do"


def _label(name: str) -> str:
    info = ITEMS_BY_NAME.get(name)
    return info.label if info is not None else name


def _evidence_text(result: ItemResult) -> str:
    return ", ".join(f'"{e.text}"' for e in result.evidence)


def _item_line(result: ItemResult, kind: str, width: int) -> list[str]:
    marks = _MARK_AVOID if kind == "avoid" else _MARK_DO
    mark = marks[result.met]
    label = _label(result.name)
    if result.met is None:
        return [f"  {mark} {label:<{width}}       n/a  {result.why}"]
    sign = ">=" if result.score >= result.threshold else "< "
    head = f"  {mark} {label:<{width}} {result.score:5.1f} {sign} {result.threshold:<3.0f}"
    lines = [head + (f"  {_evidence_text(result)}" if result.evidence else "")]
    lines.append(f"      {result.why}")
    return lines


def _render_reply(score: ReplyScore, context: str | None, scorer: Scorer) -> list[str]:
    lines = [f"Reply: {score.reply}"]
    if context:
        lines.append(f"Line:  {context}  [{_LINE_KINDS[classify(context).value]}]")
    names = list(score.checks)
    width = max(len(_label(n)) for n in names)
    do = [n for n in names if _kind(n, scorer) == "do"]
    avoid = [n for n in names if _kind(n, scorer) == "avoid"]
    lines.append("")
    lines.append("Checklist (✓ met, ✗ missed, – not applicable)")
    for name in do:
        lines.extend(_item_line(score.checks[name], "do", width))
    lines.append("")
    lines.append("Pitfalls (✓ avoided, ✗ fell into)")
    for name in avoid:
        lines.extend(_item_line(score.checks[name], "avoid", width))
    m = score.metrics
    lines.append("")
    fillers = ", ".join(f'"{f["text"]}"' for f in m.get("filler_words", []))
    hedges = ", ".join(f'"{h["text"]}"' for h in m.get("hedge_words", []))
    lines.append(f"Speech: {m.get('words', 0)} words; fillers {m.get('fillers', 0)} "
                 f"({100 * float(m.get('filler_ratio', 0.0)):.1f}%, healthy under 4%)"
                 + (f": {fillers}" if fillers else ""))
    lines.append(f"        hedges {m.get('hedges', 0)}" + (f": {hedges}" if hedges else "")
                 + f"; apologies {m.get('apologies', 0)}")
    if m.get("truncated"):
        lines.append("Note: the reply is very long; only its start was scored.")
    return lines


def _render_item(result: ItemResult, kind: str, description: str) -> list[str]:
    state = {True: "met", False: "not met", None: "not applicable"}[result.met]
    if kind == "avoid" and result.met is not None:
        state += " (a pitfall: met means the reply fell into it)"
    lines = [f"Item:      {result.name} ({kind}): {description}",
             f"Score:     {result.score:.1f} (threshold {result.threshold:.0f}): {state}"]
    if result.evidence:
        for ev in result.evidence:
            lines.append(f'Evidence:  [{ev.start}:{ev.end}] "{ev.text}"')
    else:
        lines.append("Evidence:  none")
    lines.append(f"Why:       {result.why}")
    return lines


def _description(name: str, scorer: Scorer) -> str:
    for item in scorer.custom_items:
        if item.name == name:
            return item.description
    info = ITEMS_BY_NAME.get(name)
    return info.description if info is not None else ""


def check(
    reply: Annotated[
        str | None,
        typer.Argument(help="The reply to score ('-' reads it from standard input).",
                       show_default=False),
    ] = None,
    context: Annotated[
        str | None,
        typer.Option("--context", "-c", help="The recruiter line the reply answers.",
                     show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    jsonl: Annotated[
        bool,
        typer.Option("--jsonl", help='Score JSON lines {"id", "reply", "context"} from standard '
                     "input, one result line each, in order."),
    ] = False,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="A scenario id or file: its custom items are scored too.",
                     show_default=False),
    ] = None,
    item: Annotated[
        str | None,
        typer.Option("--item", help="Show one item in detail (score, threshold, evidence, why).",
                     show_default=False),
    ] = None,
    followup: Annotated[
        bool | None,
        typer.Option("--followup/--no-followup",
                     help="Judge (or not) as an answer to a follow-up question, instead of "
                     "guessing it from --context.", show_default=False),
    ] = None,
    scenarios: ScenariosOption = None,
) -> None:
    """Score a reply against the checklist and show why each item was or was not met."""
    if jsonl and reply is not None:
        raise UsageError("give either a REPLY or --jsonl (which reads standard input), not both")
    if jsonl and (item or context or followup is not None):
        raise UsageError("--item, --context and --followup go with a single REPLY; with --jsonl "
                         'each line carries its own "context" (and optional "followup")')
    if not jsonl and reply is None:
        raise UsageError('give a REPLY to score (e.g. trainer check "Thank you, but I won\'t be '
                         'accepting"), or --jsonl to read JSON lines from standard input')
    custom = _load_scenario(scenario, scenarios).items if scenario else []
    scorer = Scorer(custom)
    if jsonl:
        write = sys.stdout.write
        for line in score_stream(scorer, _stdin_lines()):
            write(line + "\n")
        sys.stdout.flush()
        return
    assert reply is not None
    text = _read_reply(reply)
    context = _clean(context) if context is not None else None
    if item is not None:
        if item not in scorer.item_names:
            known = ", ".join(scorer.item_names)
            hint = "" if scenario else " (custom items need --scenario)"
            raise UsageError(f"--item {item}: no such item{hint}; known items: {known}")
        result = scorer.score(text, context, followup=followup).checks[item]
        if as_json:
            out_json({"name": item, "kind": _kind(item, scorer), **result.to_json()})
            return
        for line in _render_item(result, _kind(item, scorer), _description(item, scorer)):
            out(line)
        return
    score = scorer.score(text, context, followup=followup)
    if as_json:
        out_json({"reply": text, "context": context, "checks": score.checks_json(),
                  "metrics": score.metrics})
        return
    for line in _render_reply(score, context, scorer):
        out(line)


def _load_transcript(path: Path) -> list[dict[str, str]]:
    """The ``turns`` of a saved session, validated with the place of every problem."""
    from trainer.safeio import read_json_file
    from trainer.sessions.store import MAX_SESSION_BYTES

    data: Any = read_json_file(path, limit=MAX_SESSION_BYTES, what="transcript file")
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
        raise TrainerError(f'{path}: expected a saved session, a JSON object with a "turns" list')
    turns: list[dict[str, str]] = []
    for index, turn in enumerate(data["turns"]):
        where = f"{path}: turns[{index}]"
        if not isinstance(turn, dict):
            raise TrainerError(f"{where}: expected an object with turn_id, recruiter and reply")
        for key in ("turn_id", "recruiter", "reply"):
            if not isinstance(turn.get(key), str):
                problem = "is missing" if key not in turn else "must be text"
                raise TrainerError(f'{where}: "{key}" {problem}')
        turns.append({"turn_id": turn["turn_id"], "recruiter": turn["recruiter"],
                      "reply": turn["reply"]})
    return turns


def score(
    scenario: Annotated[str, typer.Argument(help="The scenario id or file the call was made with.",
                                            show_default=False)],
    transcript: Annotated[Path, typer.Argument(help="A saved session (JSON) to rescore.",
                                               show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
    scenarios: ScenariosOption = None,
) -> None:
    """Rescore a saved call with the current scorer and print its scorecard."""
    scene = _load_scenario(scenario, scenarios)
    turns = _load_transcript(transcript)
    scorer = Scorer(scene.items)
    known = {t.id: t for t in scene.turns}
    scored: list[ScoredTurn] = []
    unknown: list[str] = []
    for turn in turns:
        spec = known.get(turn["turn_id"])
        if spec is None:
            unknown.append(turn["turn_id"])
        result = scorer.score(turn["reply"], turn["recruiter"],
                              followup=spec.followup if spec else None)
        scored.append(ScoredTurn(turn["turn_id"], turn["recruiter"], turn["reply"],
                                 tuple(spec.expect) if spec else (), result,
                                 spec.model_answer if spec else None))
    if unknown:
        from trainer.cli.common import err

        err(f"warning: {scene.id} has no turn {', '.join(sorted(set(unknown)))}; "
            "those replies are scored without expectations")
    card = build_scorecard(scored, scene)
    if as_json:
        out_json(card.to_json())
        return
    sys.stdout.write(card.render_text())


def register(app: typer.Typer) -> None:
    """Add ``check`` and ``score`` to ``app``."""
    app.command("check")(check)
    app.command("score")(score)
