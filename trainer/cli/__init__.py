"""The ``trainer`` command: a thin layer over the domain packages.

Each command group lives in its own module and registers itself on :data:`app`.
Errors the user can fix (:class:`~trainer.errors.TrainerError`) are printed as one
line on stderr with an exit status; no traceback ever reaches the user.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from typing import NoReturn

import typer

# Typer 0.29 carries its own copy of click, whose exceptions it does not re-export.
from typer._click.exceptions import ClickException

from trainer import paths
from trainer.cli import (
    check_cmds,
    letter_cmds,
    run_cmds,
    scenario_cmds,
    session_cmds,
    speech_cmds,
)
from trainer.cli.common import err
from trainer.errors import AppCrashed, Interrupted, TrainerError
from trainer.textsafe import for_terminal, visible

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


EXIT_OK = 0
EXIT_USER = 1
"""A problem the user can fix: a bad file, a missing session, a full disk."""
EXIT_USAGE = 2
EXIT_BUG = 70
"""EX_SOFTWARE: a bug in the trainer."""

def disk_message(exc: OSError) -> str | None:
    """Plain words for an OSError the user can fix (space, permissions), else ``None``."""
    from trainer.sessions.fileops import write_trouble  # the sessions package loads pydantic

    what = write_trouble(exc)
    if what is None:
        return None
    where = f" ({visible(str(exc.filename))})" if exc.filename else ""
    return (f"{what}{where}. Free some space or fix the permissions (the data folder is "
            f"{paths.home()}; TRAINER_HOME moves it), then try again.")


def main(argv: list[str] | None = None) -> None:
    """Entry point for the console script and ``python -m trainer``.

    Exit statuses: 0 done, 1 a problem the user can fix (told on stderr), 2 a
    command line that is wrong, 70 a bug, 128 + n when signal n ended it.
    """
    try:
        # Not standalone: click's own messages (usage errors, exit 2) are printed here,
        # made safe, since they repeat what was typed (an id with an escape sequence).
        code = typer.main.get_command(app).main(
            args=argv, prog_name="trainer", standalone_mode=False
        )
    except ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)
        sys.stderr.write(for_terminal(shown.getvalue()))
        sys.exit(exc.exit_code)
    except typer.Abort:  # end of input at a prompt
        err("\nInterrupted.")
        sys.exit(128 + signal.SIGINT)
    except TrainerError as exc:
        err(exc.message if isinstance(exc, Interrupted) else f"error: {exc.message}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("Interrupted.")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_OK)
    except AppCrashed as exc:
        err(f"error: {exc}. This is a bug in the trainer; the details are above.")
        sys.exit(EXIT_BUG)
    except Exception as exc:
        message = disk_message(exc) if isinstance(exc, OSError) else None
        if message is not None:
            err(f"error: {message}")
            sys.exit(EXIT_USER)
        if os.environ.get("TRAINER_DEBUG"):
            raise
        _bug(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _bug(exc: Exception) -> NoReturn:
    err(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in the trainer. Run again with TRAINER_DEBUG=1 for the details."
    )
    sys.exit(EXIT_BUG)
