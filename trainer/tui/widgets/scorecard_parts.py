"""The scorecard's sections as styled text: checklist, pitfalls, speech, replies, cue card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content

from trainer.scenario.model import Scenario
from trainer.scoring.scorecard import CallMetrics, Scorecard
from trainer.tui.cue_card import Cue
from trainer.tui.presentation import BAD, GOOD, MUTED, item_label, item_tip, mark


def _quotes(evidence: Sequence[Any]) -> str:
    return ", ".join(f'"{e.text}"' for e in evidence[:3])


def checklist_content(card: Scorecard) -> Content:
    """Each expected item: where and how it was met, or the tip and a model answer."""
    lines: list[Content] = []
    if card.ended_early:
        how = "You hung up" if card.ending == "hung_up" else "The replies ran out"
        lines.append(Content.styled(
            f"{how} before the end of the call: the items it never reached count as missed.\n",
            f"bold {BAD}"))
    for item in card.items:
        where = f" (turn {item.turn})" if item.turn else ""
        head = Content.assemble(mark(item.met), " ", Content.styled(item.label, "bold"),
                                Content.styled(where, MUTED))
        lines.append(head)
        if item.met and item.evidence:
            lines.append(Content.styled(f"  {_quotes(item.evidence)}", GOOD))
        elif item.met is None or not item.turn:
            lines.append(Content.styled(f"  {item.why}", MUTED))
        if item.met is False:
            if item.tip:
                lines.append(Content(f"  Tip: {item.tip}"))
            if item.model_answer:
                lines.append(Content.styled(f'  Model answer: "{item.model_answer}"', MUTED))
    lines.append(Content.styled("\nPitfalls", "bold $text-primary"))
    if not card.pitfalls:
        lines.append(Content.assemble(mark(True), " None: no badmouthing, hedging or "
                                      "over-explaining."))
    tips: set[str] = set()
    for hit in card.pitfalls:
        lines.append(Content.assemble(mark(False), " ", Content.styled(hit.label, "bold"),
                                      Content.styled(f" (turn {hit.turn}) ", MUTED),
                                      Content.styled(_quotes(hit.evidence), BAD)))
        if hit.tip and hit.tip not in tips:
            tips.add(hit.tip)
            lines.append(Content(f"  Tip: {hit.tip}"))
    lines.append(Content.styled("\nHolding the no", "bold $text-primary"))
    lines.append(Content.assemble(mark(card.holding.status != "wavered"
                                       and card.holding.status != "never_clear"),
                                  f" {card.holding.note[0].upper()}{card.holding.note[1:]}."))
    lines.append(Content.assemble(mark(card.explaining.verdict == "brief"),
                                  f" Explaining: {card.explaining.verdict} "
                                  f"({card.explaining.note})."))
    if card.help:
        lines.append(Content.styled("\nHelp used", "bold $text-primary"))
        lines += [Content(f"  {use.text}") for use in card.help]
    return Content("\n").join(lines)


def speech_content(metrics: CallMetrics) -> Content:
    """Pace, fillers, hedges, apologies and time to respond, each with its healthy range."""
    pace = f"{metrics.pace_wpm:.0f} words a minute" if metrics.pace_wpm is not None else "–"
    rows: list[tuple[str, str, str]] = [
        ("Pace", pace, metrics.pace_note()),
        ("Filler words", f"{metrics.fillers} ({metrics.filler_pct:.1f}% of words)",
         metrics.filler_note()),
        ("Hedges", str(metrics.hedges), "none is best" if metrics.hedges else "none: good"),
        ("Apologies", str(metrics.apologies),
         "none: good" if not metrics.apologies else "one is plenty" if metrics.apologies == 1
         else "more than one buries the message"),
    ]
    if metrics.mean_response_delay is not None and metrics.max_response_delay is not None:
        rows.append(("Time to respond", f"{metrics.mean_response_delay:.1f} s on average",
                     f"longest {metrics.max_response_delay:.1f} s"))
    else:
        rows.append(("Time to respond", "–", "measured when you speak your replies"))
    rows.append(("Words", str(metrics.words), ""))
    return Content("\n").join(
        Content.assemble(Content.styled(f"{label:<16}", "bold"), value,
                         Content.styled(f"  {note}" if note else "", MUTED))
        for label, value, note in rows
    )


def comparison_content(card: Scorecard, previous: Scorecard | None,
                       previous_score: float | None) -> Content:
    """How this call compares with the last one of the same scenario: the score, and the
    items whose call-level outcome changed (so it always agrees with the checklist below)."""
    if previous is None or previous_score is None:
        return Content.styled("Your first scored try at this call.", MUTED)
    delta = card.overall - previous_score
    arrow, style = ("▲", GOOD) if delta > 0 else ("▼", BAD) if delta < 0 else ("=", MUTED)
    parts: list[Content | str] = [
        Content.styled(f"{arrow} {delta:+.0f}", f"bold {style}"),
        Content.styled(f" on your last try ({previous_score:.0f})", MUTED),
    ]
    better: list[str] = []
    worse: list[str] = []
    for item in card.items:
        before = previous.item(item.name)
        if before is None or before.met is None or item.met is None or before.met == item.met:
            continue
        (better if item.met else worse).append(item.label)
    now_fell = {hit.name: hit.label for hit in card.pitfalls}
    before_fell = {hit.name: hit.label for hit in previous.pitfalls}
    better += [label for name, label in before_fell.items() if name not in now_fell]
    worse += [label for name, label in now_fell.items() if name not in before_fell]
    if better:
        parts += ["\n", Content.styled("Better: ", GOOD), ", ".join(dict.fromkeys(better))]
    if worse:
        parts += ["\n", Content.styled("Slipped: ", BAD), ", ".join(dict.fromkeys(worse))]
    return Content.assemble(*parts)


def cue_content(cues: Sequence[Cue], scenario: Scenario) -> Content:
    """Your best sentence for each item, the words that count underlined; a tip where none."""
    lines: list[Content] = [Content.styled(
        "Your own best phrasings from every try at this call, to keep by the phone.", MUTED)]
    for cue in cues:
        lines.append(Content.styled(f"\n{item_label(scenario, cue.item)}", "bold"))
        if cue.sentence is None:
            lines.append(Content.styled(f"  Not said yet. {item_tip(scenario, cue.item)}",
                                        MUTED))
            continue
        start, end = cue.evidence
        lines.append(Content.assemble('  "', Content(cue.sentence).stylize(
            f"underline {GOOD}", start, end), '"'))
    return Content("\n").join(lines)
