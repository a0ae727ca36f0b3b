"""Export a saved call: choose the format and the file; nothing is replaced without asking."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.sessions.model import Session
from trainer.tui.bindings import Scope, bindings
from trainer.tui.cue_card import Cue
from trainer.tui.exporting import (
    EXPORT_FORMATS,
    default_folder,
    default_name,
    export_document,
    hidden_part,
    target_problem,
    with_format,
    write_export,
)
from trainer.tui.presentation import BAD, MUTED
from trainer.tui.screens.confirm import ConfirmScreen


class ExportScreen(ModalScreen[Path | None]):
    """Dismissed with the file written, or ``None`` when the user cancelled."""

    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#export-path"

    def __init__(
        self, session: Session, scenario: Scenario | None, cues: Sequence[Cue] = ()
    ) -> None:
        super().__init__()
        self.session = session
        self.scenario = scenario
        self.cues = tuple(cues)
        self._warned: Path | None = None
        self.fmt = EXPORT_FORMATS[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="export") as dialog:
            dialog.border_title = "Export this call"
            dialog.border_subtitle = "Esc to cancel"
            yield Static("Format", classes="heading")
            with RadioSet(id="export-format"):
                for number, fmt in enumerate(EXPORT_FORMATS):
                    yield RadioButton(fmt.label, value=number == 0, name=fmt.key)
            yield Static("Save to", classes="heading")
            yield Input(str(default_folder() / default_name(self.session, self.fmt)),
                        id="export-path", select_on_focus=False)
            yield Static(Content.styled("Enter exports; an existing file is only replaced "
                                        "if you say so.", MUTED), id="export-note")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-go", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(self._show_file_name)

    def _show_file_name(self) -> None:
        """The end of the path (the file name) in view, once the box has its width."""
        box = self.query_one("#export-path", Input)
        box.cursor_position = 0
        box.cursor_position = len(box.value)

    @on(RadioSet.Changed, "#export-format")
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        self.fmt = EXPORT_FORMATS[event.index]
        box = self.query_one("#export-path", Input)
        box.value = with_format(box.value, self.fmt)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._problem("Type where to save the file.")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        problem = target_problem(path)
        if problem is not None:
            self._problem(problem[0].upper() + problem[1:] + ".")
            return
        hidden = hidden_part(path)
        if hidden is not None and self._warned != path:
            self._warned = path
            self._problem(f"That is inside the hidden folder {hidden}, which file browsers do "
                          "not show; press Enter again to save there anyway.")
            return
        if path.exists():
            self.app.push_screen(
                ConfirmScreen("Replace the file?", f"{path} already exists.",
                              yes="Replace", no="Keep it"),
                lambda yes: self._write(path) if yes else self._problem(
                    "Not replaced: change the name to keep both."),
            )
            return
        self._write(path)

    def _write(self, path: Path) -> None:
        try:
            text = export_document(self.session, self.fmt.key, self.scenario, self.cues)
            write_export(path, text)
        except OSError as exc:
            self._problem(f"Could not write {path}: {exc.strerror or exc}.")
            return
        except TrainerError as exc:
            self._problem(exc.message)
            return
        self.dismiss(path)

    def _problem(self, text: str) -> None:
        self.query_one("#export-note", Static).update(Content.styled(text, BAD))
