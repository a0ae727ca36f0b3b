"""``trainer check --letter FILE``: score a follow-up letter written anywhere.

Thin: reading the file is :func:`trainer.letter.letter.read_letter_file` and the
scoring :mod:`trainer.letter.score`. The output, like a reply's, shows every item
with its score, its evidence and why, so nothing about the mark is hidden.
"""

from __future__ import annotations

from pathlib import Path

from trainer.cli.common import out, out_json
from trainer.letter.items import letter_checklist, letter_tip
from trainer.letter.letter import read_letter_file
from trainer.letter.score import LetterScore, LetterScorer, scorer_for
from trainer.scenario.model import Scenario

_MARKS = {"do": {True: "✓", False: "✗", None: "–"}, "avoid": {True: "✗", False: "✓", None: "–"}}


def _label(name: str, scenario: Scenario | None) -> str:
    return letter_checklist(scenario.letter_items if scenario else ()).label(name)


def render_letter_score(score: LetterScore, scenario: Scenario | None = None) -> list[str]:
    """The letter, then the checklist and the pitfalls with evidence and why, then the mark."""
    letter = score.letter
    lines = [f"Subject: {letter.subject if letter and letter.subject else '(none)'}",
             f"Words:   {score.metrics.words} (at most {score.metrics.max_words})",
             ""]
    width = max(len(_label(n, scenario)) for n in score.checks)
    for title, kind in (("Checklist (✓ met, ✗ missed)", "do"),
                        ("Pitfalls (✓ avoided, ✗ fell into)", "avoid")):
        lines.append(title)
        for name, result in score.checks.items():
            if score.kinds.get(name, "do") != kind:
                continue
            mark = _MARKS[kind][result.met]
            optional = " (optional)" if name == "brief_reason" and not result.met else ""
            evidence = ", ".join(f'"{e.text}"' for e in result.evidence)
            head = f"  {mark} {_label(name, scenario) + optional:<{width + 11}}"
            lines.append((head + f"  {evidence}") if evidence else head.rstrip())
            lines.append(f"      {result.why}")
        lines.append("")
    tips = [(name, letter_tip(name, scenario.letter_items if scenario else ()))
            for name, result in score.checks.items()
            if (result.met is True) == (score.kinds.get(name) == "avoid")
            and not (name == "brief_reason" and not result.met)]
    tips = [(name, tip) for name, tip in tips if tip]
    general = list(scenario.letter_tips) if scenario else []
    if tips or general:
        lines.append("Tips")
        lines.extend(f"  - {_label(name, scenario)}: {tip}" for name, tip in tips)
        lines.extend(f"  - {tip}" for tip in general)
        lines.append("")
    lines.append(f"Letter score: {score.overall}/100")
    return lines


def check_letter(path: Path, as_json: bool, scenario: Scenario | None) -> None:
    """Score the letter in ``path`` (against ``scenario``'s letter items and role, if given)."""
    letter = read_letter_file(path)
    scorer = scorer_for(scenario) if scenario is not None else LetterScorer()
    score = scorer.score(letter)
    if as_json:
        out_json({"file": str(path), **score.to_json()})
        return
    for line in render_letter_score(score, scenario):
        out(line)
