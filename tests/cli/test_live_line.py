"""Line mode's live words: rewritten in place on a terminal, never wrapped, never left behind,
and nothing at all when standard error is not a terminal."""

from __future__ import annotations

import io
import os
import re

import pytest

from trainer.cli.line_mode import LiveLine


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True

    def screen(self) -> list[str]:
        """What a terminal shows: carriage return and erase-line applied, line by line."""
        lines = [""]
        for piece in re.split(r"(\r\x1b\[K|\n)", self.getvalue()):
            if piece == "\n":
                lines.append("")
            elif piece == "\r\x1b[K":
                lines[-1] = ""
            else:
                lines[-1] += piece
        return lines


def test_partials_replace_each_other_and_the_transcript_replaces_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(terminal, "fileno", lambda: 2)
    monkeypatch.setattr(os, "get_terminal_size",
                        lambda fd: os.terminal_size((40, 24)) if fd == 2 else None)
    live = LiveLine(terminal)
    live.show("thank you")
    assert terminal.screen() == ["(hearing) thank you"]
    live.show("thank you for the offer but I have decided to accept another one")
    shown = terminal.screen()
    assert len(shown) == 1 and len(shown[0]) < 40  # one line that never wraps
    assert shown[0].startswith("(hearing) …") and shown[0].endswith("another one")
    live.clear()
    terminal.write("You: Thank you for the offer.\n")
    assert terminal.screen() == ["You: Thank you for the offer.", ""]
    live.clear()  # nothing shown: nothing written
    assert terminal.getvalue().endswith("offer.\n")


def test_words_are_text_never_escape_codes() -> None:
    terminal = Terminal()
    live = LiveLine(terminal)  # no fileno: 80 columns
    live.show("no\x1b]0;pwned\x07 thanks")
    assert "\x1b]" not in terminal.getvalue() and "\x07" not in terminal.getvalue()
    assert "thanks" in terminal.screen()[0]


def test_nothing_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert LiveLine.on_stderr() is None
    monkeypatch.setattr("sys.stderr", Terminal())
    assert LiveLine.on_stderr() is not None
