"""Choosing the recruiter's next line from what the reply did or did not contain.

The scenario model uses this module (for its main path) and this module reads
the model's types only for type checking, so the two never import each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.scoring.heard import HeardReply, phrases

if TYPE_CHECKING:
    from trainer.scenario.model import Branch, Condition, Scenario, Turn

END = "end"
"""The pseudo turn id that ends the call."""

CONTAINS_THRESHOLD = 80.0


@dataclass(frozen=True)
class Decision:
    goto: str
    """The next turn id, or :data:`END`."""
    reason: str
    """Why, in words an author can check against the file."""
    branch_index: int | None
    """Which entry of the turn's ``next`` list was taken; ``None`` for the fall-through."""


def _explain(condition: Condition, results: Mapping[str, bool | None], reply: str) -> str | None:
    """Why ``condition`` holds, or ``None`` when it does not."""
    parts: list[str] = []
    for name in condition.met:
        if not results.get(name):
            return None
        parts.append(f"{name} met")
    for name in condition.missing:
        if results.get(name):
            return None
        parts.append(f"{name} missing")
    if condition.contains:
        # the same words, repairs and negation test as the checklist items
        heard = HeardReply(reply).best(phrases(condition.contains), CONTAINS_THRESHOLD)
        if heard is None or heard.negator is not None:
            return None
        match = heard.match
        parts.append(f'heard "{match.text}" (~"{match.phrase}", {match.score:.0f})')
    return ", ".join(parts) if parts else "always"


def choose_next(
    scenario: Scenario,
    turn: Turn,
    results: Mapping[str, bool | None],
    reply: str,
    visits: Mapping[str, int] | None = None,
) -> Decision:
    """The first branch of ``turn`` whose condition holds and whose target may still be played.

    A target already played ``scenario.max_visits`` times is skipped, so a turn
    that presses the user again cannot loop forever.
    """
    visits = visits or {}
    skipped: list[str] = []
    for index, branch in enumerate(turn.next):
        why = "otherwise" if branch.when is None else _explain(branch.when, results, reply)
        if why is None:
            continue
        if branch.goto != END and visits.get(branch.goto, 0) >= scenario.max_visits:
            skipped.append(branch.goto)
            continue
        note = f" (skipped {', '.join(skipped)}: played {scenario.max_visits}x)" if skipped else ""
        return Decision(branch.goto, f"branch {index + 1}: {why}{note}", index)
    target = scenario.fallthrough(turn.id)
    if target != END and visits.get(target, 0) >= scenario.max_visits:
        target = END
    return Decision(target, "no branch held: next turn in the file", None)


def ideal_path(scenario: Scenario) -> list[str]:
    """The turns a reply that meets exactly what each turn expects would take."""
    path: list[str] = []
    visits: dict[str, int] = {}
    current = scenario.start_id
    while current != END and len(path) < len(scenario.turns) * scenario.max_visits:
        turn = scenario.turn(current)
        path.append(current)
        visits[current] = visits.get(current, 0) + 1
        results = {name: (name in turn.expect) for name in scenario.item_names()}
        current = choose_next(scenario, turn, results, "", visits).goto
    return path


def targets(scenario: Scenario, turn: Turn) -> list[str]:
    """Every turn id (or END) the call can go to after ``turn``."""
    out = [branch.goto for branch in turn.next]
    if not any(_always(branch) for branch in turn.next):
        out.append(scenario.fallthrough(turn.id))
    return out


def _always(branch: Branch) -> bool:
    return branch.when is None or branch.when.is_empty()


def describe_condition(branch: Branch) -> str:
    when = branch.when
    if when is None or when.is_empty():
        return "otherwise"
    parts = [f"{name} met" for name in when.met]
    parts += [f"{name} missing" for name in when.missing]
    if when.contains:
        parts.append("says " + " / ".join(f'"{p}"' for p in when.contains))
    return " and ".join(parts)


@dataclass(frozen=True)
class Step:
    turn_id: str
    via: str
    """The condition that led here from the previous turn ('start' for the first)."""


def all_paths(scenario: Scenario, limit: int = 500) -> tuple[list[list[Step]], bool]:
    """Every path from the first turn to the end of the call, honouring ``max_visits``.

    Returns the paths and whether ``limit`` cut the list short.
    """
    paths: list[list[Step]] = []
    # Depth first with an explicit stack, not recursion: a straight call of a few
    # thousand turns is a valid scenario and must not hit Python's recursion limit.
    start = [Step(scenario.start_id, "start")]
    stack: list[tuple[list[Step], dict[str, int]]] = [(start, {scenario.start_id: 1})]
    while stack:
        if len(paths) >= limit:
            return paths, True
        path, visits = stack.pop()
        if path[-1].turn_id == END:
            paths.append(path)
            continue
        turn = scenario.turn(path[-1].turn_id)
        options = [(b.goto, describe_condition(b)) for b in turn.next]
        if not any(_always(b) for b in turn.next):
            options.append((scenario.fallthrough(turn.id), "no branch holds"))
        later: list[tuple[list[Step], dict[str, int]]] = []
        for goto, via in options:
            if goto == END:
                later.append(([*path, Step(END, via)], visits))
                continue
            if visits.get(goto, 0) >= scenario.max_visits:
                continue
            later.append(([*path, Step(goto, via)], {**visits, goto: visits.get(goto, 0) + 1}))
        stack.extend(reversed(later))
    return paths, False
