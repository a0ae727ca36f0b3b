"""Ask for an audio file to use as the reply; a clear message for a missing or unsupported one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from trainer.tui.bindings import Scope, bindings
from trainer.tui.presentation import BAD, MUTED

AUDIO_SUFFIXES = (".wav", ".flac", ".aiff", ".aif")


def file_problem(path: Path) -> str | None:
    """What is wrong with ``path`` as a reply, in words; ``None`` when it can be tried."""
    if not path.exists():
        return f"There is no file {path}. Check the name and the folder."
    if path.is_dir():
        return f"{path} is a folder; give the audio file in it."
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        return (f"{path.name} is not WAV, FLAC or AIFF. Convert it first, e.g. "
                f"ffmpeg -i '{path.name}' reply.wav")
    return None


class AudioFileScreen(ModalScreen[Path | None]):
    """Dismissed with a file worth transcribing, or ``None``."""

    SCOPE: ClassVar[Scope] = "modal"
    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")  # type: ignore[assignment]
    CSS_PATH = "modal.tcss"
    AUTO_FOCUS = "#audio-path"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Reply from an audio file"
            dialog.border_subtitle = "Enter to use it · Esc to cancel"
            yield Static("A reply you recorded, e.g. on your phone (WAV, FLAC or AIFF). It is "
                         "transcribed and scored like a spoken reply.")
            yield Input(placeholder="~/Recordings/reply.wav", id="audio-path")
            yield Static(Content.styled("The path can start with ~ for your home folder.",
                                        MUTED), id="audio-note")

    @on(Input.Submitted, "#audio-path")
    def _chosen(self, event: Input.Submitted) -> None:
        raw = event.value.strip().strip("'\"")
        if not raw:
            self._problem("Type the path of the audio file.")
            return
        path = Path(raw).expanduser()
        problem = file_problem(path)
        if problem is not None:
            self._problem(problem)
            return
        self.dismiss(path)

    def _problem(self, text: str) -> None:
        self.query_one("#audio-note", Static).update(Content.styled(text, BAD))
