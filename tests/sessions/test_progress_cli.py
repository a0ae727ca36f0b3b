"""``trainer progress [--json]`` and the progress section of the HTML export."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from trainer.sessions import Session

RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def three_calls(record: RecordFn) -> list[Session]:
    """Two poor calls, then a good one (days apart, oldest first)."""
    return [record(met=False, days_ago=3, score=40.0), record(met=False, days_ago=2, score=45.0),
            record(met=True, days_ago=1, score=90.0)]


def test_progress_plots_each_item_one_mark_per_call(
    cli: Cli, three_calls: list[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = cli("progress")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Progress over 3 finished calls")
    assert all(len(line) <= 80 for line in lines)
    rows = {line.split("  ")[0].strip(): line for line in lines}
    assert "✗✗✓" in rows["Thanks"] and "1 of 3" in rows["Thanks"]
    assert "!!✓" in rows["Hedging"]  # the pitfall showed up twice, then not
    assert "✓✓✓" in rows["Badmouthing"]
    assert re.search(r"Fillers +\S+ +% of words", out)
    assert "Keep working on: A brief reason" in out
    # labels, never item ids
    assert "brief_reason" not in out and "hedged" not in out


def test_progress_json_has_typed_series(cli: Cli, three_calls: list[Session]) -> None:
    code, out, _ = cli("progress", "--json")
    data = json.loads(out)
    assert code == 0
    assert [c["score"] for c in data["calls"]] == [40.0, 45.0, 90.0]
    assert [c["session_id"] for c in data["calls"]] == [s.session_id for s in three_calls]
    thanks = next(i for i in data["items"] if i["name"] == "thanks")
    assert thanks["outcomes"] == [False, False, True]
    assert thanks["label"] == "Thanks" and thanks["pitfall"] is False
    assert "brief_reason" in data["kept_missing"]


def test_progress_with_no_calls(cli: Cli) -> None:
    code, out, _ = cli("progress")
    assert code == 0 and out.startswith("No finished calls yet")
    code, out, _ = cli("progress", "--scenario", "nope")
    assert out == "No finished calls of 'nope' yet; `trainer history` lists your calls.\n"


def test_progress_fits_a_wide_terminal_and_truncates_in_a_narrow_one(
    cli: Cli, record: RecordFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(70, 0, -1):
        record(met=day % 2 == 0, days_ago=day)
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("progress")[1]
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "(the last" in out.splitlines()[0]
    monkeypatch.setenv("COLUMNS", "160")
    wide = cli("progress")[1]
    assert max(len(line) for line in wide.splitlines()) > 80
    assert all(len(line) <= 160 for line in wide.splitlines())


def test_html_export_has_an_inline_svg_progress_chart(
    cli: Cli, three_calls: list[Session], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    assert cli("export", three_calls[1].session_id, "--out", str(target))[0] == 0
    page = target.read_text()
    section = page[page.index('<section id="progress">'):]
    section = section[: section.index("</section>")]
    svg = section[section.index("<svg"): section.index("</svg>") + 6]
    root = ElementTree.fromstring(svg)  # well-formed, no external references
    assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    # only the calls up to this one: two calls, so two squares per item
    rects = root.findall("{http://www.w3.org/2000/svg}rect")
    items = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Thanks" in items and "Hedging" in items
    labels = [t for t in items if t and not t.isdigit() and "(" not in t]  # not chart titles
    assert len(rects) == 2 * len(labels)
    assert {"Score (0-100)", "Fillers (% of words)"} <= items  # the first call had fillers
    assert "Your 2 finished calls up to this one" in section


def test_markdown_export_has_no_progress_section(cli: Cli, three_calls: list[Session]) -> None:
    assert "<svg" not in cli("export", "last", "--format", "md")[1]
