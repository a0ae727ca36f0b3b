"""The domain never imports the UI: scenarios, scoring, speech, sessions and calls stay plain."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import trainer

DOMAIN = ("scenario", "scoring", "speech", "sessions", "call")
ROOT = Path(trainer.__file__).parent


def domain_modules() -> list[str]:
    names = ["trainer.paths", "trainer.errors", "trainer.checklist", "trainer.textmatch",
             "trainer.config"]
    for package in DOMAIN:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT.parent).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def test_domain_modules_do_not_import_textual_the_tui_or_the_cli() -> None:
    modules = domain_modules()
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')\n"
        "             or m.split('.')[:2] in (['trainer', 'tui'], ['trainer', 'cli']))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"domain imported: {result.stdout.strip()}"


def test_no_source_file_in_domain_mentions_textual_imports() -> None:
    offenders = [
        str(path) for package in DOMAIN for path in (ROOT / package).rglob("*.py")
        if any(line.lstrip().startswith(("import textual", "from textual"))
               for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert offenders == []
