"""Writing the follow-up letter after the call: the draft (or a blank page) to edit, scored.

The letter is an editable text area; beside it, what the draft repaired from the
call, each check of the letter's checklist with its evidence (scored when asked,
and after a pause in typing), the tips for what it misses, the scenario's letter
tips and its model letter. Saving keeps a new version with the session (earlier
ones stay); exporting writes an email draft a mail program opens ready to send.
Everything shown that came from a file or the user is Content, never markup.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, TextArea

from trainer import paths
from trainer.errors import TrainerError
from trainer.letter.draft import Repair, draft_letter
from trainer.letter.export import to_eml
from trainer.letter.items import letter_checklist, letter_tip
from trainer.letter.letter import parse_letter
from trainer.letter.saved import call_turns, letter_scorer, save_letter
from trainer.letter.score import LetterScore
from trainer.scenario.model import Scenario
from trainer.scoring.result import ReplyScore
from trainer.sessions.fileops import write_new
from trainer.sessions.model import LetterOrigin
from trainer.sessions.store import SessionStore
from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, GOOD, MUTED

SCORE_PAUSE = 1.2
"""Seconds of no typing after which the letter is scored again."""


class LetterScreen(Screen[None]):
    SCOPE: ClassVar[Scope] = "letter"
    BINDINGS: ClassVar[list[BindingType]] = bindings("letter")  # type: ignore[assignment]
    CSS_PATH = "letter.tcss"

    def __init__(self, scenario: Scenario, turns: Sequence[tuple[str, str, ReplyScore]],
                 session_id: str | None, store: SessionStore, user_name: str | None = None,
                 ask_name: bool = False) -> None:
        super().__init__()
        self.scenario = scenario
        self.turns = list(turns)
        self.session_id = session_id
        self.store = store
        self.user_name = user_name
        self.ask_name = ask_name
        self.draft_text = ""
        self.repairs: tuple[Repair, ...] = ()
        self.origin: LetterOrigin = "draft"
        self.score: LetterScore | None = None
        self.saved_versions = 0
        self._edited_at: float | None = None
        self._loading = True

    # -- building ------------------------------------------------------------------------

    def _starting_text(self) -> str:
        """The latest saved version, else the draft made from the call's replies (as saved,
        when the call was: the saved scores also know where the user caved)."""
        session = None
        if self.session_id is not None:
            try:
                session = self.store.load(self.session_id)
            except TrainerError as exc:
                self.notify(exc.message, title="Could not read the saved call",
                            severity="warning", markup=False)
        if session is not None:
            self.turns = list(call_turns(session, self.scenario))
        draft = draft_letter(self.scenario, self.turns, self.user_name)
        self.repairs = draft.repairs
        self.draft_text = draft.letter.text()
        if session is None or session.letter is None or session.letter.latest is None:
            return self.draft_text
        self.repairs = tuple(Repair(r.item, r.message) for r in session.letter.repairs)
        self.saved_versions = len(session.letter.versions)
        self.origin = "edited"
        return session.letter.latest.text

    def compose(self) -> ComposeResult:
        text = self._starting_text()
        yield Static(Content.assemble(
            Content.styled("Follow-up letter", "bold"),
            Content.styled(f" · {self.scenario.title}", MUTED)), id="letter-title")
        if self.ask_name:
            yield Input(placeholder="Your name, to sign your letters (optional; Enter to keep "
                        "it, or leave empty)", id="user-name", max_length=80)
        with Horizontal(id="letter-body"):
            area = TextArea(text, id="letter-text", soft_wrap=True, show_line_numbers=False)
            area.border_title = self._title()
            yield area
            with VerticalScroll(id="letter-side"):
                yield Static(id="letter-score")
                yield Static(id="letter-repairs")
                yield Static(id="letter-tips")
                yield Static(id="model-letter")
        yield Footer(compact=True)

    def _title(self) -> str:
        saved = self.saved_versions
        return "Your letter" + (f" · {saved} version{'s' if saved != 1 else ''} saved"
                                if saved else "")

    def on_mount(self) -> None:
        self._show_repairs()
        self._show_model()
        self.action_score()
        self._loading = False
        self.set_interval(SCORE_PAUSE / 4, self._score_after_pause)
        self.query_one("#letter-text", TextArea).focus()

    # -- what is shown beside the letter ------------------------------------------------

    def _show_repairs(self) -> None:
        widget = self.query_one("#letter-repairs", Static)
        if not self.repairs:
            widget.display = False
            return
        widget.display = True
        parts = [Content.styled("What the draft repaired from the call\n", "bold")]
        for repair in self.repairs:
            parts.append(Content.assemble("• ", repair.message, "\n"))
        widget.update(Content.assemble(*parts))

    def _show_model(self) -> None:
        widget = self.query_one("#model-letter", Static)
        model = self.scenario.model_letter
        if not model:
            widget.display = False
            return
        widget.update(Content.assemble(Content.styled("Model letter\n", "bold"), model.strip()))

    def _show_score(self, score: LetterScore) -> None:
        checklist = letter_checklist(self.scenario.letter_items)
        parts: list[Content | str] = [
            Content.styled(f"Letter score {score.overall}/100", "bold"),
            Content.styled(f" · {score.metrics.words} words", MUTED), "\n"]
        for name, result in score.checks.items():
            pitfall = score.kinds.get(name) == "avoid"
            good = bool(result.met) != pitfall
            optional = name == "brief_reason" and not result.met
            mark, style = ("–", MUTED) if result.met is None or optional else (
                ("✓", GOOD) if good else (("!" if pitfall else "✗"), BAD))
            parts += [Content.styled(f"{mark} ", f"bold {style}"),
                      Content.styled(checklist.label(name), "bold")]
            if optional:
                parts.append(Content.styled(" (optional)", MUTED))
            if result.evidence and result.met:
                parts.append(Content.assemble(
                    " ", Content.styled(", ".join(f"“{e.text}”" for e in result.evidence),
                                        "italic")))
            parts += ["\n", Content.styled(f"  {result.why}\n", MUTED)]
        self.query_one("#letter-score", Static).update(Content.assemble(*parts))
        tips: list[Content | str] = []
        for name, result in score.checks.items():
            missed = (result.met is True) == (score.kinds.get(name) == "avoid")
            if missed and not (name == "brief_reason" and not result.met):
                tip = letter_tip(name, self.scenario.letter_items)
                if tip:
                    tips.append(Content.assemble(
                        Content.styled(f"{checklist.label(name)}: ", "bold"), tip, "\n"))
        tips += [Content.assemble("• ", tip, "\n") for tip in self.scenario.letter_tips]
        widget = self.query_one("#letter-tips", Static)
        widget.display = bool(tips)
        if tips:
            widget.update(Content.assemble(Content.styled("Tips\n", "bold"), *tips))

    # -- editing ------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            return
        if self.origin == "draft" and event.text_area.text != self.draft_text:
            self.origin = "edited"
        self._edited_at = time.monotonic()

    def _score_after_pause(self) -> None:
        """Score again once typing has paused for :data:`SCORE_PAUSE` seconds."""
        if self._edited_at is not None and time.monotonic() - self._edited_at >= SCORE_PAUSE:
            self.action_score()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "user-name":
            return
        from trainer.config import save_user_name

        name = " ".join(event.value.split())
        try:
            where = save_user_name(name)
        except (TrainerError, OSError) as exc:
            message = exc.message if isinstance(exc, TrainerError) else str(exc)
            self.notify(message, title="Could not save your name", severity="error",
                        markup=False)
            return
        event.input.display = False
        self.user_name = name or None
        if name:
            area = self.query_one("#letter-text", TextArea)
            letter = parse_letter(area.text)
            if letter.sign_off.strip().endswith(","):
                signed = area.text.rstrip() + "\n" + name
                area.text = signed
                if self.origin == "draft":
                    self.draft_text = signed
        self.notify(f"Saved in {where}; change it there any time.", title="Your name",
                    markup=False)
        self.query_one("#letter-text", TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one("#letter-text", TextArea).text

    # -- actions ------------------------------------------------------------------------

    def action_score(self) -> None:
        self._edited_at = None
        self.score = letter_scorer(self.scenario).score(parse_letter(self.text))
        self._show_score(self.score)

    def action_blank(self) -> None:
        self.origin = "blank"
        area = self.query_one("#letter-text", TextArea)
        area.text = ""
        area.focus()
        self.action_score()

    def action_redraft(self) -> None:
        self.origin = "draft"
        self.query_one("#letter-text", TextArea).text = self.draft_text
        self.action_score()

    def action_save(self) -> None:
        if self.session_id is None:
            self.notify("This call was not saved, so the letter cannot be kept with it; "
                        "export it instead.", severity="warning")
            return
        if not self.text.strip():
            self.notify("The letter is empty; write it first.", severity="warning")
            return
        try:
            version, score = save_letter(
                self.store, self.session_id, self.text, self.scenario, self.origin,
                self.repairs if self.saved_versions == 0 else None)
        except (TrainerError, OSError) as exc:
            message = exc.message if isinstance(exc, TrainerError) else str(exc)
            self.notify(f"{message}. Your text is still here; try again.",
                        title="Could not save the letter", severity="error", markup=False)
            return
        self.saved_versions += 1
        self.query_one("#letter-text", TextArea).border_title = self._title()
        self.score = score
        self._show_score(score)
        self.notify(f"Version {self.saved_versions} kept with the session "
                    f"(letter score {version.score}/100).", title="Letter saved")

    def action_export(self) -> None:
        if not self.text.strip():
            self.notify("The letter is empty; write it first.", severity="warning")
            return
        data = to_eml(parse_letter(self.text))
        folder = paths.home() / "exports"
        stem = f"{self.session_id or self.scenario.id}-letter"
        try:
            paths.ensure_dir(folder)
            target = _unused(folder, stem, ".eml")
            write_new(target, data)
        except OSError as exc:
            self.notify(f"Could not write to {folder}: {exc.strerror or exc}. Check the "
                        "folder's permissions and free space.", title="Export failed",
                        severity="error", markup=False)
            return
        self.notify(f"Saved to {target}; open it in your mail program to send it.",
                    title="Exported", timeout=10, markup=False)

    def action_back(self) -> None:
        self.dismiss()


def _unused(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.eml``, or ``stem-2.eml`` and on: an export never replaces an earlier one."""
    target = folder / f"{stem}{suffix}"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    return target
