"""A session written out for someone else: Markdown, a self-contained HTML page, plain text
(what ``trainer show`` prints), or its JSON."""

from __future__ import annotations

import json
from typing import Literal

from trainer.scenario.model import Scenario
from trainer.sessions.model import Session
from trainer.sessions.progress import Progress
from trainer.sessions.render_html import render_html
from trainer.sessions.render_markdown import render_markdown
from trainer.sessions.render_text import render_text
from trainer.sessions.report import build_report

Format = Literal["md", "html", "txt", "json"]
FORMATS: tuple[str, ...] = ("md", "html", "txt", "json")
SUFFIXES: dict[str, Format] = {
    ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt",
    ".json": "json",
}
"""The format a file name asks for by its suffix."""


def export_session(
    session: Session,
    fmt: Format,
    scenario: Scenario | None = None,
    scenario_hash: str | None = None,
    progress: Progress | None = None,
) -> str:
    """The session in ``fmt``; ``scenario`` (if still found) fills in labels and model answers;
    ``progress`` (the user's calls up to this one) adds a progress chart to the HTML page."""
    if fmt == "json":
        return json.dumps(session.to_json(), indent=2, ensure_ascii=False) + "\n"
    report = build_report(session, scenario, scenario_hash)
    if fmt == "md":
        return render_markdown(report)
    if fmt == "html":
        return render_html(report, progress)
    if fmt == "txt":
        return render_text(report) + "\n"
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
