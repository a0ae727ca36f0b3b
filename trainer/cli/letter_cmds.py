"""The follow-up letter on the command line: ``trainer check --letter FILE`` scores a letter
written anywhere; ``trainer letter SESSION`` writes a saved call's letter.

Thin: reading the file is :func:`trainer.letter.letter.read_letter_file` and the
scoring :mod:`trainer.letter.score`. The output, like a reply's, shows every item
with its score, its evidence and why, so nothing about the mark is hidden.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trainer.cli.common import err, out, out_json
from trainer.errors import TrainerError

if TYPE_CHECKING:
    from trainer.letter.score import LetterScore
    from trainer.scenario.model import Scenario

_MARKS = {"do": {True: "✓", False: "✗", None: "–"}, "avoid": {True: "✗", False: "✓", None: "–"}}


def _label(name: str, scenario: Scenario | None) -> str:
    from trainer.letter.items import letter_checklist

    return letter_checklist(scenario.letter_items if scenario else ()).label(name)


def render_letter_score(score: LetterScore, scenario: Scenario | None = None) -> list[str]:
    """The letter, then the checklist and the pitfalls with evidence and why, then the mark."""
    from trainer.letter.items import letter_tip

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
    from trainer.letter.letter import read_letter_file
    from trainer.letter.score import LetterScorer, scorer_for

    letter = read_letter_file(path)
    scorer = scorer_for(scenario) if scenario is not None else LetterScorer()
    score = scorer.score(letter)
    if as_json:
        out_json({"file": str(path), **score.to_json()})
        return
    for line in render_letter_score(score, scenario):
        out(line)


class LetterFormat(StrEnum):
    txt = "txt"
    eml = "eml"
    md = "md"


def user_name() -> str | None:
    """The name that signs a letter, from ``[user] name`` in config.toml (optional)."""
    from trainer.config import load_config

    return load_config().user.name or None


def letter(
    session: Annotated[str, typer.Argument(help="A session id, a unique start of one, or "
                                           "'last'.", show_default=False, metavar="SESSION")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the screen.",
                                  show_default=False, dir_okay=False, metavar="FILE")
    ] = None,
    fmt: Annotated[
        LetterFormat | None,
        typer.Option("--format", help="txt, eml (an email draft a mail program opens ready "
                     "to send) or md; default: from --out's extension, else txt.",
                     case_sensitive=False, show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out FILE if it exists.")
                     ] = False,
) -> None:
    """Write the follow-up letter of a saved call: the latest saved version, or a draft
    from the call if none was saved yet."""
    from trainer.cli.session_cmds import _load, _scenario_entry, write_out_file
    from trainer.letter.export import render, to_markdown
    from trainer.letter.saved import current_letter, labels, letter_scorer
    from trainer.sessions.store import SessionStore

    found = _load(SessionStore(), session)
    entry = _scenario_entry(found.scenario)
    scenario = entry.scenario if entry is not None else None
    current = current_letter(found, scenario, user_name())
    if current is None:
        raise TrainerError(f"session {found.session_id} has no saved letter, and its scenario "
                           f"'{found.scenario}' is no longer found to draft one from "
                           "(`trainer list` shows the scenarios)")
    chosen = fmt.value if fmt is not None else (
        out_file.suffix.lower().lstrip(".") if out_file is not None
        and out_file.suffix.lower() in (".txt", ".eml", ".md") else "txt")
    if chosen == "md":
        score = letter_scorer(scenario).score(current.letter)
        data = to_markdown(current.letter, score.checks, labels(scenario)).encode("utf-8")
    else:
        data = render(current.letter, "eml" if chosen == "eml" else "txt")
    if current.saved is None:
        for repair in current.repairs:
            err(f"note: {repair.message}")
    if out_file is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    target = write_out_file(out_file, data, f"letter.{chosen}", force)
    what = "saved letter" if current.saved is not None else "draft from the call"
    out(f"Wrote {target} ({chosen}, the {what}).")


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)
