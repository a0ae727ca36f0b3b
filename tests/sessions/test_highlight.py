"""Cutting replies at the evidence: overlaps, stale offsets, whitespace."""

from __future__ import annotations

from trainer.scoring.result import Evidence, ItemResult
from trainer.sessions.highlight import Segment, segments

REPLY = "Thank you so much, but I think I will probably decline."


def _ev(text: str, reply: str = REPLY, shift: int = 0) -> Evidence:
    start = reply.index(text) + shift
    return Evidence(start, start + len(text), text)


def _check(name: str, *evidence: Evidence, met: bool | None = True) -> ItemResult:
    return ItemResult(name, met, 90.0, 80.0, evidence)


def _pitfall(name: str) -> bool:
    return name == "hedged"


def test_plain_reply_is_one_segment() -> None:
    assert segments(REPLY, {}, _pitfall) == [Segment(REPLY)]
    assert segments("", {}, _pitfall) == []


def test_marks_met_items_and_pitfalls_and_rebuilds_the_reply() -> None:
    checks = {
        "thanks": _check("thanks", _ev("Thank you so much")),
        "hedged": _check("hedged", _ev("I think"), _ev("probably")),
        "clear_no": _check("clear_no", _ev("decline"), met=False),  # missed: not marked
    }
    parts = segments(REPLY, checks, _pitfall)
    assert "".join(p.text for p in parts) == REPLY
    marked = [(p.text, p.items, p.pitfall) for p in parts if p.marked]
    assert marked == [
        ("Thank you so much", ("thanks",), False),
        ("I think", ("hedged",), True),
        ("probably", ("hedged",), True),
    ]


def test_overlapping_evidence_is_split_not_duplicated() -> None:
    checks = {
        "thanks": _check("thanks", _ev("Thank you so much")),
        "custom": _check("custom", _ev("so much, but")),
    }
    parts = segments(REPLY, checks, _pitfall)
    assert "".join(p.text for p in parts) == REPLY
    assert [(p.text, p.items) for p in parts if p.marked] == [
        ("Thank you", ("thanks",)),
        ("so much", ("thanks", "custom")),
        (", but", ("custom",)),
    ]
    # No mark starts or ends with a space.
    assert all(p.text == p.text.strip() for p in parts if p.marked)


def test_offsets_that_no_longer_fit_fall_back_to_the_quoted_text() -> None:
    edited = "Well. " + REPLY  # the reply was edited by hand after scoring
    checks = {"thanks": _check("thanks", _ev("Thank you so much")),
              "gone": _check("gone", Evidence(0, 5, "vanished words"))}
    parts = segments(edited, checks, _pitfall)
    assert [p.text for p in parts if p.marked] == ["Thank you so much"]
    assert "".join(p.text for p in parts) == edited


def test_out_of_range_offsets_are_ignored() -> None:
    checks = {"thanks": _check("thanks", Evidence(500, 510, ""), Evidence(-3, 2, ""))}
    assert segments(REPLY, checks, _pitfall) == [Segment(REPLY)]
