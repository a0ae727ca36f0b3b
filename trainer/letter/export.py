"""A letter written out: plain text, Markdown, or an ``.eml`` message a mail program opens.

Pure formatting, no files: ``trainer letter SESSION --format txt|eml|md`` and the
session exports (phase 2) write what these return. The ``.eml`` is a draft
(``X-Unsent: 1``), so a mail program opens it ready to edit and send rather than
as a received message; reading it back with
:func:`trainer.letter.letter.read_letter_file` gives the same letter.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from typing import Literal

from trainer.letter.letter import Letter
from trainer.scoring.result import ItemResult

Format = Literal["txt", "eml", "md"]
FORMATS: tuple[Format, ...] = ("txt", "eml", "md")


def to_text(letter: Letter) -> str:
    """The letter as the user would paste it: a ``Subject:`` line, then the letter."""
    return letter.text() + "\n"


def to_markdown(letter: Letter, checks: dict[str, ItemResult] | None = None,
                labels: dict[str, str] | None = None) -> str:
    """The letter in a Markdown document, with its checklist when ``checks`` is given.

    The letter's own lines are kept as written (a hard line break at each), and
    characters Markdown would read as markup are escaped, so the text shows as text.
    """
    out = [f"## Follow-up letter: {_escape(letter.subject) or '(no subject)'}", ""]
    for line in letter.letter_text().split("\n"):
        out.append(_escape(line) + ("  " if line.strip() else ""))
    if checks:
        out += ["", "| item | result | evidence |", "| --- | --- | --- |"]
        for name, result in checks.items():
            label = (labels or {}).get(name, name)
            state = {True: "yes", False: "no", None: "n/a"}[result.met]
            evidence = ", ".join(f'"{_escape(e.text)}"' for e in result.evidence)
            out.append(f"| {_escape(label)} | {state} | {evidence} |")
    return "\n".join(out).rstrip() + "\n"


def to_eml(letter: Letter, to: str | None = None, sender: str | None = None) -> bytes:
    """An unsent email draft: UTF-8 plain text, the subject encoded for any characters."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = " ".join(letter.subject.split())
    if to:
        message["To"] = to
    if sender:
        message["From"] = sender
    message["X-Unsent"] = "1"
    message.set_content(letter.letter_text() + "\n", charset="utf-8")
    return message.as_bytes()


def render(letter: Letter, fmt: Format) -> bytes:
    """The letter in ``fmt``, as the bytes to write to a file."""
    if fmt == "eml":
        return to_eml(letter)
    if fmt == "md":
        return to_markdown(letter).encode("utf-8")
    return to_text(letter).encode("utf-8")


_MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|"


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)
