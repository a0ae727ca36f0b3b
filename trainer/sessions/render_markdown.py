"""The session as a Markdown report, to paste into a message or a notes app for a coach.

What the user said is escaped, so a reply with ``*`` or ``<`` in it reads as
typed; evidence is in bold, and each item's quote is listed under the reply.
"""

from __future__ import annotations

import re

from trainer.sessions.render_text import printable
from trainer.sessions.report import (
    NO_REPLY,
    CheckView,
    LetterReport,
    Report,
    format_duration,
    format_score,
    format_when,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
_SPACE = re.compile(r"\s+")
_MARKS = {"✓": "✅", "✗": "❌", "!": "⚠️", "-": "➖"}


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line (line breaks become spaces)."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def _check(check: CheckView) -> str:
    mark = "✅" if check.good else ("⚠️" if check.item.pitfall else "❌")
    line = f"- {mark} **{escape(check.item.label)}**: {check.verdict}"
    if check.quotes:
        line += " - " + ", ".join(f"“{escape(q)}”" for q in check.quotes)
    return line


def letter_markdown(letter: LetterReport | None) -> list[str]:
    """The follow-up letter section: the letter as written (line breaks kept), its checklist."""
    if letter is None:
        return []
    versions = f", version {letter.versions}" if letter.versions > 1 else ""
    out = ["", "## Follow-up letter", "",
           f"*Saved {format_when(letter.saved)}{versions} · letter score "
           f"{format_score(letter.score)}/100 · {letter.words} words*", ""]
    out += [f"> {escape(line)}  " if line.strip() else ">" for line in letter.text.split("\n")]
    out += ["", "| | Item | Evidence |", "|---|---|---|"]
    out += [f"| {_MARKS[c.mark]} | {escape(c.label)} | {escape(c.detail)} |"
            for c in letter.checks]
    if letter.repairs:
        out += ["", "*Repaired from the call:*", ""]
        out += [f"- {escape(repair)}" for repair in letter.repairs]
    return out


def render_markdown(report: Report) -> str:
    out = [
        f"# {escape(report.title)}: practice call",
        "",
        f"- **Score:** {format_score(report.score)}/100",
        f"- **Date:** {format_when(report.started)}",
        f"- **Length:** {format_duration(report.duration)}",
        f"- **Mode:** {report.mode} ({report.status})",
        f"- **Scenario:** `{report.scenario}`",
        f"- **Session:** `{report.session_id}`",
    ]
    for note in report.notes:
        out += ["", f"> {escape(note)}"]
    if report.checklist:
        out += ["", "## Scorecard", "", "| | Item | Result |", "|---|---|---|"]
        out += [f"| {_MARKS[line.mark]} | {escape(line.label)} | {escape(line.detail)} |"
                for line in report.checklist]
    if report.overview:
        out += ["", "### The call", ""]
        out += [f"- **{escape(label)}:** {escape(text)}" for label, text in report.overview]
    if report.tips:
        out += ["", "### To work on", ""]
        out += [f"- **{escape(label)}:** {escape(tip)}" for label, tip in report.tips]
    out += letter_markdown(report.letter)
    out += ["", "## Transcript"]
    for turn in report.turns:
        out += ["", f"### Turn {turn.number}", ""]
        out.append(f"> **Recruiter:** {escape(turn.recruiter)}")
        reply = "".join(
            f"**{escape(s.text)}**" if s.marked else escape(s.text) for s in turn.segments
        )
        out += ["", f"**You:** {reply or f'*{NO_REPLY}*'}", ""]
        out += [f"- *{escape(note[:1].upper() + note[1:])}*" for note in turn.notes]
        if turn.notes:
            out.append("")
        out += [_check(check) for check in turn.checks]
        if turn.speech:
            figures = " · ".join(f"{escape(k)} {escape(v)}" for k, v in turn.speech)
            out += ["", f"*Speech:* {figures}"]
        if turn.model_answer:
            out += ["", f"*Model answer:* {escape(turn.model_answer)}"]
        if turn.earlier_attempts:
            out += ["", f"*{turn.earlier_attempts} earlier attempt(s) at this turn are kept in "
                        "the session file.*"]
    return printable("\n".join(out)) + "\n"
