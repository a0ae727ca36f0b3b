"""Text from files and from the keyboard, made safe to show.

Scenario files travel between people and session files get hand-edited, so any
string in them may hold terminal escape sequences (which can retitle the
window, move the cursor or hide text), other control characters, bidirectional
overrides that reorder what is shown, or invisible characters. Everything the
trainer prints, renders as Markdown or shows in the full-screen app passes
through one of these functions first; none of them ever raises.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
"""Characters that reorder the text around them (the "Trojan Source" trick)."""

_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u2028\u2029\u2060\u2061\u2062\u2063"
                       "\u2064\ufeff")
"""Characters that take no room, so two different names look the same. (The
zero-width joiner, U+200D, is left alone: emoji are built with it.)"""

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
    + "".join(sorted(_BIDI_CONTROLS | _INVISIBLE))
    + "]"
)
"""Controls except tab and newline, lone surrogates, bidi overrides and invisibles."""

_SGR = re.compile(r"\x1b\[[0-9;]{0,32}m")
"""A colour/underline sequence: the only escape the trainer itself writes."""

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"            # CSI: cursor moves, colours, erasing
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)?"       # OSC: window title, hyperlinks, clipboard
    r"|[PX^_][^\x1b]*(?:\x1b\\)?"            # DCS, SOS, PM, APC strings
    r"|[ -/]*[0-~])?"                        # two-character escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"                # the 8-bit CSI
)


def _spelled(char: str) -> str:
    """``char`` written out as a Python-style escape, e.g. ``\\x1b`` or ``\\u202e``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a byte that was not UTF-8: the usual replacement mark
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control character, bidi override and lone surrogate spelled out.

    Tabs and line breaks stay; an escape sequence shows as ``\\x1b[31m`` and so
    does nothing. Ordinary text, accents and right-to-left scripts are unchanged.
    """
    if text.isprintable():
        return text
    return _UNSAFE.sub(lambda m: _spelled(m.group()), text)


def for_terminal(text: str) -> str:
    """Like :func:`visible`, but colour sequences (``ESC [ 1;32 m``) are kept.

    Used on whole lines the trainer prints, which may hold its own colours; a
    colour sequence from a file can at worst colour text, never move or retitle.
    """
    if text.isprintable():
        return text
    kept = _SGR.split(text)
    codes = _SGR.findall(text)
    parts = [visible(kept[0])]
    for code, rest in zip(codes, kept[1:], strict=True):
        parts += [code, visible(rest)]
    return "".join(parts)


def strip_controls(text: str) -> str:
    """``text`` with escape sequences and control characters removed (tabs become spaces).

    For what the user typed: a reply is words, and a stray escape sequence in it
    (a pasted colour code, an arrow key in a dumb terminal) is noise, not text.
    """
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text).replace("\t", " ")
    return _UNSAFE.sub(lambda m: "\ufffd" if 0xD800 <= ord(m.group()) <= 0xDFFF else "", text)


def shown_name(value: str, *, limit: int = 80) -> str:
    """A name the user gave (an id, a file name), quoted for a message.

    Anything that does not print as itself (zero-width spaces, bidi overrides,
    controls, odd spaces) is spelled out, so two names that look alike on screen
    are told apart and the message cannot be rearranged.
    """
    short = value if len(value) <= limit else value[: limit - 1] + "…"
    spelled = "".join(ch if ch.isprintable() else _spelled(ch) for ch in short)
    return f"'{spelled}'"


def has_controls(text: str) -> bool:
    """Whether ``text`` holds anything :func:`visible` would spell out."""
    return not text.isprintable() and _UNSAFE.search(text) is not None


def first_control(text: str) -> tuple[int, str] | None:
    """The offset of the first unsafe character and its spelling, for an error message."""
    match = _UNSAFE.search(text)
    return None if match is None else (match.start(), _spelled(match.group()))
