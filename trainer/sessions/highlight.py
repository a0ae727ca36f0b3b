"""Cutting a reply into plain and highlighted stretches from the scorer's evidence.

Every report (terminal, Markdown, HTML, the review screen) marks the words that
met an item or showed a pitfall; the spans may overlap and, in a hand-edited
file, may no longer match the reply, so they are checked and merged here once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from trainer.scoring.result import Evidence, ItemResult


@dataclass(frozen=True)
class Segment:
    text: str
    items: tuple[str, ...] = ()
    """The items whose evidence covers this stretch; empty for plain text."""
    pitfall: bool = False
    """True when one of ``items`` is a pitfall that showed up."""

    @property
    def marked(self) -> bool:
        return bool(self.items)


def locate(reply: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where ``evidence`` sits in ``reply``: its offsets if they still fit, else its text."""
    fits = 0 <= evidence.start < evidence.end <= len(reply)
    if fits and (not evidence.text or reply[evidence.start : evidence.end] == evidence.text):
        return evidence.start, evidence.end
    if evidence.text:
        found = reply.find(evidence.text)
        if found >= 0:
            return found, found + len(evidence.text)
    return None


def segments(
    reply: str,
    checks: Mapping[str, ItemResult],
    is_pitfall: Callable[[str], bool],
) -> list[Segment]:
    """``reply`` cut at every edge of the evidence of items that were met (or pitfalls hit)."""
    spans: list[tuple[int, int, str]] = []
    for name, result in checks.items():
        if not result.met:
            continue
        for evidence in result.evidence:
            where = locate(reply, evidence)
            if where is not None:
                spans.append((where[0], where[1], name))
    if not spans:
        return [Segment(reply)] if reply else []
    edges = sorted({0, len(reply), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    merged: list[Segment] = []
    for start, end in itertools.pairwise(edges):
        names = tuple(dict.fromkeys(n for s, e, n in spans if s <= start and end <= e))
        piece = Segment(reply[start:end], names, any(is_pitfall(n) for n in names))
        if merged and (merged[-1].items, merged[-1].pitfall) == (names, piece.pitfall):
            merged[-1] = Segment(merged[-1].text + piece.text, names, piece.pitfall)
        else:
            merged.append(piece)
    out: list[Segment] = []
    for piece in merged:
        _add(out, piece)
    return out


def _add(out: list[Segment], piece: Segment) -> None:
    """Add a stretch with any whitespace at its ends moved out of the mark
    (Markdown cannot emphasise ``** text**``), joining plain text to plain text."""
    if piece.marked:
        body = piece.text.strip()
        if not body:
            _add(out, Segment(piece.text))
            return
        lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
        trail = piece.text[len(piece.text.rstrip()) :]
        if lead:
            _add(out, Segment(lead))
        out.append(Segment(body, piece.items, piece.pitfall))
        if trail:
            _add(out, Segment(trail))
        return
    if out and not out[-1].marked:
        out[-1] = Segment(out[-1].text + piece.text)
    else:
        out.append(piece)
