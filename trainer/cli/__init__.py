"""The ``trainer`` command: a thin layer over the domain packages.

Each command group lives in its own module and registers itself on :data:`app`.
Errors the user can fix (:class:`~trainer.errors.TrainerError`) are printed as one
line on stderr with an exit status; no traceback ever reaches the user.
"""

from __future__ import annotations

import os
import sys

import typer

from trainer.cli import (
    check_cmds,
    letter_cmds,
    run_cmds,
    scenario_cmds,
    session_cmds,
    speech_cmds,
)
from trainer.cli.common import err
from trainer.errors import TrainerError

app = typer.Typer(
    name="trainer",
    help="Rehearse, out loud, the call that turns down a job offer or an interview.\n\n"
    "With no command, opens the full-screen trainer.",
    add_completion=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for module in (scenario_cmds, check_cmds, speech_cmds, session_cmds, letter_cmds, run_cmds):
    module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point for the console script and ``python -m trainer``."""
    try:
        # Standalone mode: click prints usage errors itself (exit 2) and exits.
        typer.main.get_command(app).main(args=argv, prog_name="trainer", standalone_mode=True)
    except TrainerError as exc:
        err(f"error: {exc.message}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("Interrupted.")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("TRAINER_DEBUG"):
            raise
        err(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the trainer. Run again with TRAINER_DEBUG=1 for the details."
        )
        sys.exit(70)
