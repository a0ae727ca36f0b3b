"""How checklist results look on screen: labels, tick marks and highlighted evidence.

The call, the scorecard and the review screens all show the same results, so
they share these few functions (and theme variables, so light and dark both read
well) rather than each drawing its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content

from trainer.checklist import BUILTIN_CHECKLIST, Checklist, Kind
from trainer.scenario.model import Scenario
from trainer.scoring.result import ItemResult

GOOD = "$text-success"
BAD = "$text-error"
MUTED = "$text-muted"


def checklist_of(scenario: Scenario | None) -> Checklist:
    return scenario.checklist() if scenario is not None else BUILTIN_CHECKLIST


def item_kind(scenario: Scenario | None, name: str) -> Kind:
    return checklist_of(scenario).kind(name)


def item_label(scenario: Scenario | None, name: str) -> str:
    return checklist_of(scenario).label(name)


def item_description(scenario: Scenario | None, name: str) -> str:
    return checklist_of(scenario).description(name)


def item_tip(scenario: Scenario | None, name: str) -> str:
    return checklist_of(scenario).tip(name)


def passed(result: ItemResult, kind: Kind) -> bool | None:
    """Whether the reply did the right thing: met a "do" item, or avoided a pitfall."""
    if result.met is None:
        return None
    return result.met if kind == "do" else not result.met


def mark(ok: bool | None) -> Content:
    if ok is None:
        return Content.styled("·", MUTED)
    return Content.styled("✓", f"bold {GOOD}") if ok else Content.styled("✗", f"bold {BAD}")


def result_line(scenario: Scenario | None, result: ItemResult) -> Content:
    """``✓ Thanks: "thank you so much"`` or ``✗ A clear no``: one line per checked item."""
    kind = item_kind(scenario, result.name)
    ok = passed(result, kind)
    label = item_label(scenario, result.name)
    parts: list[Content | str] = [mark(ok), " ", label]
    quotes = [e.text for e in result.evidence]
    if quotes:
        said = ", ".join(f'"{text}"' for text in quotes)
        parts.append(Content.styled(f": {said}", GOOD if ok else BAD))
    elif ok is None:
        parts.append(Content.styled(" (not judged here)", MUTED))
    return Content.assemble(*parts)


def highlight_reply(
    reply: str, checks: Mapping[str, ItemResult], scenario: Scenario | None
) -> Content:
    """The reply with the words that met an item underlined, and pitfall words in red."""
    content = Content(reply)
    for result in checks.values():
        if not result.met:
            continue
        style = f"underline {GOOD}" if item_kind(scenario, result.name) == "do" else f"bold {BAD}"
        for evidence in result.evidence:
            start, end = max(0, evidence.start), min(len(reply), evidence.end)
            if start < end:
                content = content.stylize(style, start, end)
    return content


def shown_checks(
    checks: Mapping[str, ItemResult], expected: Iterable[str], scenario: Scenario | None
) -> list[ItemResult]:
    """The results worth showing for one reply: what the turn expected, then any pitfall hit."""
    wanted = list(expected)
    shown = [checks[name] for name in wanted if name in checks]
    shown += [
        result
        for name, result in checks.items()
        if name not in wanted and item_kind(scenario, name) == "avoid" and result.met
    ]
    return shown


def percent(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}%"
