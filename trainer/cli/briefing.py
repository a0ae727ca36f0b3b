"""The briefing as line mode prints it: what the full-screen briefing shows, as plain text.

A screen-reader user in ``--plain`` mode must know, before the first line, who
is calling, what happened (the names in it, which the checklist may ask for),
what the call is scored on (the scenario's own items by their labels) and the
tips. Plain lines with simple marks, wrapped to the terminal, nothing that a
reader would announce as noise; text from the file is shown as text.
"""

from __future__ import annotations

import shutil
import textwrap

from trainer.scenario.model import SITUATION_LABELS, Scenario
from trainer.sessions.render_text import printable

MIN_WIDTH = 60
MAX_WIDTH = 100


def call_items(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The items this call's turns expect, and every pitfall, in checklist order."""
    checklist = scenario.checklist()
    expected = {name for turn in scenario.turns for name in turn.expect}
    do = [n for n in checklist.do_names if n in expected]
    return do, list(checklist.avoid_names)


def briefing_text(scenario: Scenario, *, full: bool = True, width: int | None = None) -> str:
    """The title, and unless ``full`` is false the whole briefing, ready to print."""
    if not full:
        return printable(scenario.title) + "\n"
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns
    width = max(MIN_WIDTH, min(MAX_WIDTH, width))
    checklist = scenario.checklist()
    builtin = set(checklist.names) - {item.name for item in scenario.items}
    recruiter = scenario.recruiter

    def para(text: str, indent: str = "  ", hang: str = "  ") -> list[str]:
        return textwrap.wrap(printable(text), width, initial_indent=indent,
                             subsequent_indent=hang, break_on_hyphens=False) or [indent]

    def item(name: str, mark: str) -> list[str]:
        own = "" if name in builtin else " (this call's own)"
        text = f"{checklist.label(name)}{own}: {checklist.description(name)}"
        return para(text, f"  {mark} ", " " * (len(mark) + 3))

    do, avoid = call_items(scenario)
    lines = [printable(scenario.title),
             f"{SITUATION_LABELS[scenario.situation]} · {scenario.difficulty}", "",
             "Who is calling"]
    role = recruiter.role if recruiter.role[1:2].isupper() else (
        recruiter.role[:1].lower() + recruiter.role[1:])  # "Data analyst", but "iOS developer"
    lines += para(f"{recruiter.name}, {recruiter.company}, about the {role} role.")
    lines += ["", "What happened", *para(scenario.briefing), "",
              "Your checklist for this call"]
    for name in do:
        lines += item(name, "[ ]")
    lines += ["", "Avoid"]
    for name in avoid:
        lines += item(name, "(!)")
    if scenario.tips:
        lines += ["", "Tips"]
        for tip in scenario.tips:
            lines += para(tip, "  - ", "    ")
    lines += ["", "The call starts now. (--brief skips this briefing.)", ""]
    return "\n".join(lines)
