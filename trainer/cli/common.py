"""Small pieces every command module shares.

Everything a command prints goes through :func:`out`, :func:`err` or
:func:`out_json`, which make text from files safe for the terminal: control
characters and escape sequences are spelled out (the trainer's own colours
stay), and a lone surrogate can never make printing fail.
"""

from __future__ import annotations

import sys
from typing import Any

from trainer.safeio import dumps_safe
from trainer.textsafe import for_terminal


def out(text: str = "") -> None:
    sys.stdout.write(for_terminal(text) + "\n")


def err(text: str) -> None:
    sys.stderr.write(for_terminal(text) + "\n")
    sys.stderr.flush()


def out_json(data: Any, *, indent: int | None = 2) -> None:
    sys.stdout.write(dumps_safe(data, indent=indent) + "\n")
