"""Errors the user is meant to read.

Anything raised as a :class:`TrainerError` is shown as one clear message with an
exit status, never as a traceback; everything else is a bug.
"""

from __future__ import annotations


class TrainerError(Exception):
    """A problem the user can fix: the message says what, where and how."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(TrainerError):
    """The command line itself is wrong (exit status 2, like click's own usage errors)."""

    exit_code = 2


class Interrupted(TrainerError):
    """A signal ended the command; the message says what was saved (exit 128 + n)."""


class AppCrashed(Exception):
    """The full-screen app stopped on an unhandled error, which it has already shown.

    A bug, not a user's mistake: the command exits with status 70, never 0.
    """

    def __init__(self, return_code: int) -> None:
        super().__init__(f"the full-screen trainer stopped with an error (code {return_code})")
        self.return_code = return_code
