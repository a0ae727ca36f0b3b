"""The session as one self-contained HTML page, to send to a coach.

The page holds its own styles and nothing else: no scripts, fonts, images or
links, and a Content-Security-Policy that forbids loading anything, so it
opens the same on a machine with no network. Everything the user said is
HTML-escaped; evidence is wrapped in ``<mark>``.
"""

from __future__ import annotations

from html import escape

from trainer.sessions.progress import Progress
from trainer.sessions.render_progress import progress_html
from trainer.sessions.report import (
    NO_REPLY,
    CheckView,
    LetterReport,
    Report,
    TurnView,
    format_duration,
    format_score,
    format_when,
)

CSS = """
:root { color-scheme: light dark; --fg: #1d232a; --bg: #fdfdfc; --muted: #5d6875;
  --line: #d9dee3; --good: #1f7a3f; --bad: #b3261e; --do: #c9f2d4; --avoid: #ffd6d1;
  --card: #f3f5f7; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ec; --bg: #15191d; --muted: #9aa5b1; --line: #313a43;
    --good: #6fd38f; --bad: #ff8a80; --do: #1f5632; --avoid: #6b231e; --card: #1e242a; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.25rem 0 .75rem; border-bottom: 1px solid var(--line);
  padding-bottom: .3rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h3 small { color: var(--muted); font-weight: normal; }
.score { font-size: 2.4rem; font-weight: 700; margin: .5rem 0; }
.score small { font-size: 1rem; color: var(--muted); font-weight: normal; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: 0; color: var(--muted); }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.note { background: var(--card); border-left: 4px solid var(--muted); padding: .5rem .9rem;
  margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
.good { color: var(--good); }
.na { color: var(--muted); }
dl.overview { color: var(--fg); margin-bottom: 1rem; }
.bad { color: var(--bad); }
article.turn { background: var(--card); border-radius: 8px; padding: 1rem 1.1rem;
  margin: 0 0 1rem; page-break-inside: avoid; }
p { margin: .4rem 0; }
.recruiter { color: var(--muted); }
mark { border-radius: 3px; padding: 0 .1em; color: inherit; }
mark.do { background: var(--do); }
mark.avoid { background: var(--avoid); }
ul.checks { list-style: none; padding: 0; margin: .5rem 0; }
ul.checks li { margin: .1rem 0; }
.speech, .model, .attempts, .misheard { font-size: .92rem; }
.misheard { font-style: italic; }
.speech { color: var(--muted); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print { body { background: #fff; color: #000; } article.turn { border: 1px solid #ccc; } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def _mark(good: bool, pitfall: bool) -> str:
    if good:
        return "✓"
    return "!" if pitfall else "✗"


def _check(check: CheckView) -> str:
    quotes = ""
    if check.quotes:
        quotes = " - " + ", ".join(f"“{escape(q)}”" for q in check.quotes)
    css = "good" if check.good else "bad"
    return (
        f'<li class="{css}">{_mark(check.good, check.item.pitfall)} '
        f"<strong>{escape(check.item.label)}</strong>: {escape(check.verdict)}{quotes}</li>"
    )


def _reply(turn: TurnView) -> str:
    if not turn.reply:
        return f"<em>{NO_REPLY}</em>"
    parts: list[str] = []
    for segment in turn.segments:
        text = escape(segment.text)
        if segment.marked:
            kind = "avoid" if segment.pitfall else "do"
            title = escape(", ".join(turn.labels.get(n, n) for n in segment.items))
            parts.append(f'<mark class="{kind}" title="{title}">{text}</mark>')
        else:
            parts.append(text)
    return "".join(parts)


def _turn(turn: TurnView) -> list[str]:
    out = [
        f'<article class="turn" id="turn-{turn.number}">',
        f"<h3>Turn {turn.number}</h3>",
        f'<p class="recruiter"><strong>Recruiter:</strong> {escape(turn.recruiter)}</p>',
        f'<p class="reply"><strong>You:</strong> {_reply(turn)}</p>',
    ]
    out += [f'<p class="misheard">{escape(note[:1].upper() + note[1:])}</p>'
            for note in turn.notes]
    if turn.checks:
        out += ['<ul class="checks">', *(_check(c) for c in turn.checks), "</ul>"]
    if turn.speech:
        figures = " · ".join(f"{escape(k)} <strong>{escape(v)}</strong>" for k, v in turn.speech)
        out.append(f'<p class="speech">{figures}</p>')
    if turn.model_answer:
        out.append(f'<p class="model"><strong>Model answer:</strong> '
                   f"{escape(turn.model_answer)}</p>")
    if turn.earlier_attempts:
        out.append(f'<p class="attempts">{turn.earlier_attempts} earlier attempt(s) at this '
                   "turn are kept in the session file.</p>")
    out.append("</article>")
    return out


def letter_html(letter: LetterReport | None) -> list[str]:
    """The follow-up letter section: the letter as written, then its checklist with evidence."""
    if letter is None:
        return []
    versions = f", version {letter.versions}" if letter.versions > 1 else ""
    out = ['<section id="letter">', "<h2>Follow-up letter</h2>",
           f'<p class="speech">Saved {escape(format_when(letter.saved))}{versions} · letter '
           f"score <strong>{escape(format_score(letter.score))}/100</strong> · "
           f"{letter.words} words</p>",
           f'<article class="turn letter"><p style="white-space: pre-wrap">{escape(letter.text)}'
           "</p></article>", '<ul class="checks">']
    for check in letter.checks:
        quotes = f" - {escape(check.detail)}" if check.detail else ""
        css = {"good": "good", "bad": "bad"}.get(check.state, "na")
        out.append(f'<li class="{css}">{escape(check.mark)} '
                   f"<strong>{escape(check.label)}</strong>{quotes}</li>")
    out.append("</ul>")
    out += [f'<p class="note">Repaired from the call: {escape(r)}</p>' for r in letter.repairs]
    out.append("</section>")
    return out


def render_html(report: Report, progress: Progress | None = None) -> str:
    """The page; ``progress`` (the user's calls up to this one) adds a chart of the trend."""
    title = escape(f"{report.title}: practice call")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="score">{escape(format_score(report.score))}<small>/100</small></p>',
        '<dl class="facts">',
        f"<dt>Date</dt><dd>{escape(format_when(report.started))}</dd>",
        f"<dt>Length</dt><dd>{escape(format_duration(report.duration))}</dd>",
        f"<dt>Mode</dt><dd>{escape(report.mode)} ({escape(report.status)})</dd>",
        f"<dt>Scenario</dt><dd>{escape(report.scenario)}</dd>",
        f"<dt>Session</dt><dd>{escape(report.session_id)}</dd>",
        "</dl>",
        "</header>",
    ]
    out += [f'<p class="note">{escape(note)}</p>' for note in report.notes]
    if report.checklist or report.overview:
        out += ['<section id="scorecard">', "<h2>Scorecard</h2>"]
    if report.checklist:
        out += ["<table>", "<thead><tr><th></th><th>Item</th><th>Result</th></tr></thead>",
                "<tbody>"]
        for line in report.checklist:
            css = {"good": "good", "bad": "bad"}.get(line.state, "na")
            out.append(f'<tr class="{css}"><td>{escape(line.mark)}</td>'
                       f"<td>{escape(line.label)}</td><td>{escape(line.detail)}</td></tr>")
        out += ["</tbody>", "</table>"]
    if report.overview:
        out += ["<h3>The call</h3>", '<dl class="facts overview">']
        out += [f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>"
                for label, text in report.overview]
        out.append("</dl>")
    if report.tips:
        out += ["<h3>To work on</h3>", "<ul>"]
        out += [f"<li><strong>{escape(label)}:</strong> {escape(tip)}</li>"
                for label, tip in report.tips]
        out.append("</ul>")
    if report.checklist or report.overview:
        out.append("</section>")
    if progress is not None:
        out += progress_html(progress)
    out += letter_html(report.letter)
    out += ['<section id="transcript">', "<h2>Transcript</h2>"]
    for turn in report.turns:
        out += _turn(turn)
    out += [
        "</section>",
        "<footer>Made with the call-rehearsal trainer, which runs offline: "
        "nothing in this report left your computer until you sent it.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
