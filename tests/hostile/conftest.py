"""Hostile inputs for issue 12: scenario files with markup and escape sequences, session
files that are not what they claim, FIFOs and devices where files should be."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer import paths
from trainer.cli import main

BASE = "offer-accepted-elsewhere"
HOSTILE_ID = "hostile-call"
ESC_TITLE = "\x1b]0;pwned\x07"
"""What a terminal would obey: set the window title to "pwned"."""


def hostile_yaml() -> str:
    """A valid scenario whose every shown string tries markup or a terminal escape."""
    text = (paths.shipped_scenarios_dir() / f"{BASE}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {HOSTILE_ID}", text)
    text = re.sub(r"(?m)^title: .*$", lambda _: 'title: "Decline [/bold] politely \\e]2;x\\a"',
                  text)
    briefing = ('briefing: "Click [@click=app.quit]here[/] or [@click=app.screenshot('
                "'victim.txt','.')]there[/]. Thanks [name], I appreciated it. "
                '\\e]0;pwned\\a\\e[2J end."\n')
    text = re.sub(r"(?ms)^briefing: >-\n.*?(?=^tips:)", lambda _: briefing, text)
    text = text.replace("  - Close warmly and keep the door open.",
                        '  - "Close warmly [b]and[/b] keep the door open [/bold]."')
    text = text.replace("  name: Priya Shah\n", '  name: "Priya [@click=app.quit]Shah[/]"\n')
    say = '    say: "\\e]0;pwned\\aHi, it\'s Priya [b]from[/b] Northwind."\n'
    return re.sub(r"(?m)^    say: >-\n(?:      .*\n)+", lambda _: say, text, count=1)


@pytest.fixture
def hostile_scenario(trainer_home: Path) -> Path:
    folder = paths.ensure_dir(paths.user_scenarios_dir())
    path = folder / f"{HOSTILE_ID}.yaml"
    path.write_text(hostile_yaml(), encoding="utf-8")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*argv: str, stdin: bytes = b"") -> Result:
    """``trainer ARGV`` in this process (fast), with ``stdin`` as the bytes piped in."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    code = 0
    try:
        main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return Result(code, out.getvalue(), err.getvalue())


Cli = Callable[..., Result]


@pytest.fixture
def cli() -> Cli:
    """``cli("history")``: the command run in this process, its status, stdout and stderr."""
    return run_cli
