"""The scored transcript for the terminal (``trainer show``).

Evidence is underlined when the output is a colour terminal; piped output is
plain text, with each item's evidence quoted under the reply instead.
"""

from __future__ import annotations

import textwrap

from trainer.sessions.report import (
    CheckView,
    Report,
    format_duration,
    format_score,
    format_when,
)

_RESET = "\x1b[0m"
_GOOD = "\x1b[4;32m"
_BAD = "\x1b[4;31m"
WIDTH = 88


def _check_line(check: CheckView) -> str:
    mark = "✓" if check.good else ("!" if check.item.pitfall else "✗")
    line = f"    {mark} {check.item.label}: {check.verdict}"
    if check.quotes:
        line += " - " + ", ".join(f'"{q}"' for q in check.quotes)
    return line


def render_text(report: Report, *, color: bool = False) -> str:
    lines = [
        f"{report.title} ({report.scenario})",
        f"Session {report.session_id}",
        f"{format_when(report.started)} · {format_duration(report.duration)} · "
        f"{report.mode} · {report.status}",
        f"Score: {format_score(report.score)}/100",
    ]
    lines += [f"Note: {note}" for note in report.notes]
    if report.checklist:
        lines += ["", "Checklist"]
        width = max(len(line.label) for line in report.checklist)
        for line in report.checklist:
            lines.append(f"  {line.mark} {line.label:<{width}}  {line.detail}")
    if report.overview:
        lines += ["", "The call"]
        width = max(len(label) for label, _ in report.overview)
        lines += [f"  {label:<{width}}  {text}" for label, text in report.overview]
    for turn in report.turns:
        lines += ["", f"Turn {turn.number} · {turn.turn_id}"]
        lines += _wrapped("Recruiter: ", turn.recruiter)
        if color:
            reply = "".join(
                f"{_BAD if s.pitfall else _GOOD}{s.text}{_RESET}" if s.marked else s.text
                for s in turn.segments
            )
            lines.append(f"  You: {reply}")
        else:
            lines += _wrapped("You: ", turn.reply or "(nothing heard)")
        lines += [_check_line(check) for check in turn.checks]
        if turn.speech:
            lines += _wrapped("Speech: ", " · ".join(f"{k} {v}" for k, v in turn.speech))
        if turn.model_answer:
            lines += _wrapped("Model answer: ", turn.model_answer)
        if turn.earlier_attempts:
            lines.append(f"  ({turn.earlier_attempts} earlier attempt(s) kept in the file)")
    if report.tips:
        lines += ["", "To work on"]
        for label, tip in report.tips:
            lines += _wrapped(f"{label}: ", tip)
    return "\n".join(lines)


def _wrapped(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"  {label}", subsequent_indent="    "
    ) or [f"  {label}"]
