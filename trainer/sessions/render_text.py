"""The terminal's renderings: the scored transcript (``trainer show``) and the scorecard
(line mode, ``rescore --dry-run``).

Evidence is underlined when the output is a colour terminal; piped output is
plain text, with each item's evidence quoted under the reply instead.
"""

from __future__ import annotations

import re
import textwrap

from trainer.scoring.result import Evidence
from trainer.scoring.scorecard import Scorecard
from trainer.sessions.report import (
    NO_REPLY,
    CheckView,
    LetterReport,
    Report,
    format_duration,
    format_score,
    format_when,
)

_RESET = "\x1b[0m"
_GOOD = "\x1b[4;32m"
_BAD = "\x1b[4;31m"
WIDTH = 88
_COLOURED = "\0coloured\0"
"""Marks a line whose escape codes are ours (its text was made printable piece by piece)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters (escape codes, bidi overrides) shown, not obeyed:
    what a reply or a scenario holds must never drive the user's terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


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
        lines += ["", f"Turn {turn.number}"]
        lines += _wrapped("Recruiter: ", turn.recruiter)
        if color:
            reply = "".join(
                f"{_BAD if s.pitfall else _GOOD}{printable(s.text)}{_RESET}" if s.marked
                else printable(s.text)
                for s in turn.segments
            )
            lines.append(_COLOURED + f"  You: {reply}")
        else:
            lines += _wrapped("You: ", turn.reply or NO_REPLY)
        for note in turn.notes:
            lines += _wrapped("(?) ", note)
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
    lines += letter_lines(report.letter)
    return "\n".join(line.removeprefix(_COLOURED) if line.startswith(_COLOURED)
                     else printable(line) for line in lines)


def letter_lines(letter: LetterReport | None) -> list[str]:
    """The follow-up letter section of ``show``: the letter as written, then its checklist."""
    if letter is None:
        return []
    versions = f", version {letter.versions}" if letter.versions > 1 else ""
    lines = ["", f"Follow-up letter (saved {format_when(letter.saved)}{versions}; "
                 f"letter score {format_score(letter.score)}/100, {letter.words} words)", ""]
    lines += [f"  {line}" if line.strip() else "" for line in letter.text.split("\n")]
    lines += ["", "  Letter checklist"]
    for check in letter.checks:
        lines.append(f"    {check.mark} {check.label}" + (f" - {check.detail}" if check.detail
                                                              else ""))
    for repair in letter.repairs:
        lines += _wrapped("Repaired from the call: ", repair)
    return lines


def _wrapped(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=f"  {label}", subsequent_indent="    "
    ) or [f"  {label}"]


def _quote(evidence: tuple[Evidence, ...], limit: int = 3) -> str:
    return ", ".join(f'"{e.text}"' for e in evidence[:limit])


def render_scorecard(card: Scorecard) -> str:
    """The scorecard as line mode prints it after a call (and ``rescore --dry-run``)."""
    lines: list[str] = []
    title = card.title or "Practice call"
    lines.append(f"Scorecard: {title}" + (f" ({card.scenario_id})" if card.scenario_id else ""))
    lines.append(f"Overall: {card.overall}/100")
    if card.ended_early:
        how = "hung up" if card.ending == "hung_up" else "input ended"
        lines.append(f"Ended early ({how}) after {len(card.turns)} "
                     f"repl{'y' if len(card.turns) == 1 else 'ies'}: the items it never "
                     "reached count as missed")
    lines.append("")
    lines.append("Checklist")
    width = max((len(i.label) for i in card.items), default=10)
    for item in card.items:
        mark = "–" if item.met is None else ("✓" if item.met else "✗")
        where = f"turn {item.turn}" if item.turn else ""
        if item.met:
            lines.append(f"  {mark} {item.label:<{width}}  {where}: {_quote(item.evidence)}")
        elif item.met is None or not where:
            lines.append(f"  {mark} {item.label:<{width}}  {item.why}")
        else:
            lines.append(f"  {mark} {item.label:<{width}}  missed in {where}: {item.why}")
        if item.met is False:
            if item.tip:
                lines.append(f"      Tip: {item.tip}")
            if item.model_answer:
                lines.append(f'      Model answer: "{item.model_answer}"')
    lines.append("")
    lines.append("Pitfalls")
    if not card.pitfalls:
        lines.append("  none: no badmouthing, no hedging, no over-explaining")
    seen_tips: set[str] = set()
    for hit in card.pitfalls:
        lines.append(f"  ✗ {hit.label} in turn {hit.turn}: {_quote(hit.evidence)}")
        if hit.tip and hit.tip not in seen_tips:
            lines.append(f"      Tip: {hit.tip}")
            seen_tips.add(hit.tip)
    lines.append("")
    lines.append(f"Holding the no: {card.holding.note}")
    lines.append(f"Explaining: {card.explaining.verdict} ({card.explaining.note})")
    if card.help:
        lines.append("Help used: " + "; ".join(use.text for use in card.help))
    lines.append("")
    m = card.metrics
    lines.append("Speech (healthy ranges in brackets)")
    pace = f"{m.pace_wpm:.0f} wpm" if m.pace_wpm is not None else "-"
    lines.append(f"  Pace             {pace:<10} {m.pace_note()}")
    lines.append(f"  Fillers          {m.filler_pct:.1f}% ({m.fillers})"
                 f"{'':<3} {m.filler_note()}")
    lines.append(f"  Hedges           {m.hedges}")
    lines.append(f"  Apologies        {m.apologies}")
    if m.mean_response_delay is not None and m.max_response_delay is not None:
        lines.append(f"  Time to respond  {m.mean_response_delay:.1f} s average, "
                     f"{m.max_response_delay:.1f} s longest")
    lines.append(f"  Words            {m.words}")
    lines.append("")
    lines.append("Turns")
    labels = card.checklist.label
    for turn in card.turns:
        lines.append(f"  {turn.number}. Recruiter: {turn.recruiter}")
        lines.append(f"     You:       {turn.reply}")
        lines += [f"     (?) {note}" for note in turn.notes]
        summary = []
        if turn.met:
            summary.append("met " + ", ".join(map(labels, turn.met)))
        if turn.missed:
            summary.append("missed " + ", ".join(map(labels, turn.missed)))
        if turn.pitfalls:
            summary.append("pitfalls " + ", ".join(map(labels, turn.pitfalls)))
        if summary:
            lines.append(f"     {'; '.join(summary)}")
        if turn.model_answer:
            lines.append(f"     Model answer: {turn.model_answer}")
    return printable("\n".join(lines)) + "\n"
