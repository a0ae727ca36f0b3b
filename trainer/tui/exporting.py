"""What the app's export writes: a saved call in the format the user chose, to the file they chose.

The document comes from the one session export function (the CLI's ``trainer
export``) or, for plain text, from the renderer behind ``trainer show``; the
file write is :func:`write_export` alone, so a safer writer can replace it in
one place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer.scenario.model import Scenario
from trainer.sessions.export import export_session
from trainer.sessions.fileops import atomic_write
from trainer.sessions.model import Session
from trainer.sessions.render_text import render_text
from trainer.sessions.report import build_report
from trainer.tui.cue_card import Cue
from trainer.tui.presentation import item_label


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    suffix: str


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("md", "Markdown", ".md"),
    ExportFormat("html", "HTML page", ".html"),
    ExportFormat("txt", "Plain text", ".txt"),
    ExportFormat("json", "JSON", ".json"),
)
SUFFIXES = {fmt.suffix for fmt in EXPORT_FORMATS}


def format_named(key: str) -> ExportFormat:
    return next(fmt for fmt in EXPORT_FORMATS if fmt.key == key)


def export_document(
    session: Session, fmt: str, scenario: Scenario | None, cues: Sequence[Cue] = ()
) -> str:
    """The call in ``fmt``; text and Markdown end with the cue card (best phrasings so far)."""
    if fmt == "txt":
        text = render_text(build_report(session, scenario), color=False)
    elif fmt in ("md", "html", "json"):
        text = export_session(session, fmt, scenario)  # type: ignore[arg-type]
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    if cues and fmt in ("txt", "md"):
        heading = "## Cue card (your best phrasings)" if fmt == "md" else \
            "Cue card (your best phrasings)"
        lines = [f"- {item_label(scenario, cue.item)}: " + (f'"{cue.sentence}"' if cue.sentence
                                                           else "not said yet")
                 for cue in cues]
        text = text.rstrip("\n") + "\n\n" + heading + "\n\n" + "\n".join(lines) + "\n"
    return text


def default_folder() -> Path:
    """Where an export goes unless the user says otherwise: the folder the trainer was
    started in, if it is a visible one the user can write to, else their home folder."""
    try:
        here = Path.cwd()
    except OSError:
        return Path.home()
    hidden = any(part.startswith(".") for part in here.parts)
    return here if not hidden and os.access(here, os.W_OK) else Path.home()


def default_name(session: Session, fmt: ExportFormat) -> str:
    day = session.started.astimezone().strftime("%Y-%m-%d-%H%M")
    return f"{session.scenario}-{day}{fmt.suffix}"


def with_format(path: str, fmt: ExportFormat) -> str:
    """The path with the chosen format's suffix in place of another format's (a name the
    user typed with their own suffix is kept)."""
    current = Path(path)
    if current.suffix in SUFFIXES or not current.suffix:
        return str(current.with_suffix(fmt.suffix)) if current.name else path
    return path


def target_problem(path: Path) -> str | None:
    """Why ``path`` cannot take an export, in words; ``None`` when it can."""
    if not path.name or path.is_dir():
        return f"{path} is a folder; add a file name, e.g. report.md"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist; create it or pick another"
    if not os.access(path.parent, os.W_OK):
        return f"cannot write in {path.parent}; pick a folder you own"
    return None


def hidden_part(path: Path) -> str | None:
    """A hidden folder on the way to ``path`` (exports should be easy to find again)."""
    return next((part for part in path.parent.parts if part.startswith(".") and part != "."),
                None)


def write_export(path: Path, text: str) -> None:
    """The one file write of the app's export (atomic: a crash leaves the old file or none)."""
    atomic_write(path, text.encode("utf-8"))

