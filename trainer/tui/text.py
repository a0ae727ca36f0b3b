"""Text from scenario and session files, made into Textual content that is never markup.

A plain ``str`` given to ``Static``, ``DataTable`` or ``notify`` is parsed as
Textual markup, so ``[@click=app.quit]`` in a briefing would be a live action
and ``[/bold]`` a crash. Every string that came from a file reaches a widget
through :func:`plain`, which also spells out control characters, so an escape
sequence can never reach the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from trainer.textsafe import visible


def plain(text: str, style: str = "") -> Content:
    """``text`` exactly as written, optionally styled; markup and escapes do nothing."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


def cell(text: str) -> Text:
    """A table cell: ``DataTable`` parses a plain ``str`` cell as markup."""
    return Text(visible(text))
