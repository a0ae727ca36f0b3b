"""``trainer check`` scores a reply (or JSON lines); ``trainer score`` is kept as a thin
alias of ``trainer rescore --dry-run``.

Both are thin: the scoring is :mod:`trainer.scoring`. Without ``--json`` the
output is meant to be read: every item with its score against the threshold,
the words that were the evidence, and why it was decided, so nothing about a
score is hidden.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trainer.checklist import Checklist
from trainer.cli.common import out, out_json
from trainer.cli.scenario_cmds import ScenariosOption
from trainer.errors import UsageError

if TYPE_CHECKING:  # the detectors compile their phrases on import, and the scenario models
    # load pydantic: `check` imports them when it runs, and only what it needs
    from trainer.scenario.model import Scenario
    from trainer.scoring import Scorer
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


def _checklist(scorer: Scorer) -> Checklist:
    return Checklist.of(scorer.custom_items)


def _evidence_text(result: ItemResult) -> str:
    return ", ".join(f'"{e.text}"' for e in result.evidence)


def _item_line(result: ItemResult, checklist: Checklist, width: int) -> list[str]:
    marks = _MARK_AVOID if checklist.kind(result.name) == "avoid" else _MARK_DO
    mark = marks[result.met]
    label = checklist.label(result.name)
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
        from trainer.scoring.context import classify

        lines.append(f"Line:  {context}  [{_LINE_KINDS[classify(context).value]}]")
    names = list(score.checks)
    checklist = _checklist(scorer)
    width = max(len(checklist.label(n)) for n in names)
    do = [n for n in names if checklist.kind(n) == "do"]
    avoid = [n for n in names if checklist.kind(n) == "avoid"]
    lines.append("")
    lines.append("Checklist (✓ met, ✗ missed, – not applicable)")
    for name in do:
        lines.extend(_item_line(score.checks[name], checklist, width))
    lines.append("")
    lines.append("Pitfalls (✓ avoided, ✗ fell into)")
    for name in avoid:
        lines.extend(_item_line(score.checks[name], checklist, width))
    m = score.metrics
    lines.append("")
    fillers = ", ".join(f'"{f.text}"' for f in m.fillers)
    hedges = ", ".join(f'"{h.text}"' for h in m.hedges)
    lines.append(f"Speech: {m.words} words; fillers {len(m.fillers)} "
                 f"({100 * m.filler_ratio:.1f}%, healthy under 4%)"
                 + (f": {fillers}" if fillers else ""))
    lines.append(f"        hedges {len(m.hedges)}" + (f": {hedges}" if hedges else "")
                 + f"; apologies {len(m.apologies)}")
    if m.truncated:
        lines.append("Note: the reply is very long; only its start was scored.")
    return lines


def _render_item(result: ItemResult, checklist: Checklist) -> list[str]:
    info = checklist.info(result.name)
    state = {True: "met", False: "not met", None: "not applicable"}[result.met]
    if info.kind == "avoid" and result.met is not None:
        state += " (a pitfall: met means the reply fell into it)"
    lines = [f"Item:      {info.label} ({result.name}, {info.kind}): {info.description}",
             f"Score:     {result.score:.1f} (threshold {result.threshold:.0f}): {state}"]
    if result.evidence:
        for ev in result.evidence:
            lines.append(f'Evidence:  [{ev.start}:{ev.end}] "{ev.text}"')
    else:
        lines.append("Evidence:  none")
    lines.append(f"Why:       {result.why}")
    return lines


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
    letter: Annotated[
        Path | None,
        typer.Option("--letter", help="Score a follow-up letter (a text or .eml file) instead "
                     "of a reply.", show_default=False),
    ] = None,
) -> None:
    """Score a reply (or a follow-up letter) against the checklist and show why each item
    was or was not met."""
    if letter is not None:
        from trainer.cli.letter_cmds import check_letter

        if reply is not None or jsonl or item or context or followup is not None:
            raise UsageError("--letter scores a letter file on its own; give no REPLY, "
                             "--jsonl, --item, --context or --followup with it")
        check_letter(letter, as_json, _load_scenario(scenario, scenarios) if scenario else None)
        return
    if jsonl and reply is not None:
        raise UsageError("give either a REPLY or --jsonl (which reads standard input), not both")
    if jsonl and (item or context or followup is not None):
        raise UsageError("--item, --context and --followup go with a single REPLY; with --jsonl "
                         'each line carries its own "context" (and optional "followup")')
    if not jsonl and reply is None:
        raise UsageError('give a REPLY to score (e.g. trainer check "Thank you, but I won\'t be '
                         'accepting"), or --jsonl to read JSON lines from standard input')
    from trainer.scoring import Scorer
    from trainer.scoring.jsonl import score_stream

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
            out_json({"name": item, "label": _checklist(scorer).label(item),
                      "kind": _checklist(scorer).kind(item), **result.to_json()})
            return
        for line in _render_item(result, _checklist(scorer)):
            out(line)
        return
    score = scorer.score(text, context, followup=followup)
    if as_json:
        out_json({"reply": text, "context": context, "checks": score.checks_json(),
                  "metrics": score.metrics.to_json()})
        return
    for line in _render_reply(score, context, scorer):
        out(line)


def score(
    scenario: Annotated[str, typer.Argument(help="The scenario id or file the call was made with.",
                                            show_default=False)],
    transcript: Annotated[Path, typer.Argument(help="A saved session (JSON) to rescore.",
                                               show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
    scenarios: ScenariosOption = None,
) -> None:
    """Same as `trainer rescore --dry-run FILE --scenario SCENARIO` (kept for scripts)."""
    from trainer.cli.session_cmds import dry_run

    dry_run(str(transcript), _load_scenario(scenario, scenarios), as_json)


def register(app: typer.Typer) -> None:
    """Add ``check`` and ``score`` to ``app``."""
    app.command("check")(check)
    app.command("score", hidden=True)(score)
