"""Rebuild ``trainer/scoring/screens.json``: the screens of every phrase family the scorer
loads, so that a process need not read them off the patterns again.

Run after editing a phrase file (``--check`` fails, and with it the tests, until then):

    .venv/bin/python scripts/build_screens.py [--check]

Without the table the scorer gives the same verdicts; it only starts slower, reading
each family's screen off its pattern (:mod:`trainer.scoring.needles`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import trainer.scoring.scorer  # loads every phrase file a detector scans for
from trainer.scoring.families import loaded_families, shipped_sources
from trainer.scoring.needles import SHIPPED, table

TARGET = Path(trainer.scoring.scorer.__file__).resolve().parent / SHIPPED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the shipped table is up to date (exit 1 if not)")
    args = parser.parse_args(argv)
    text = json.dumps(table(shipped_sources(loaded_families())), separators=(",", ":")) + "\n"
    if args.check:
        if TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text:
            return 0
        print(f"{TARGET} is stale: run python scripts/build_screens.py", file=sys.stderr)
        return 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {text.count(':[')} screens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
