"""A time limit for calls into native libraries that may never return (synthesis, models).

A stuck native library must not freeze the trainer, so such calls run on a
daemon thread and the caller stops waiting after a deadline. (The thread cannot
be killed; being a daemon, it does not keep the process alive.) Never use this
for sound devices: an abandoned call would go on using state the caller reuses.
The microphone runs in a child process instead (``capture.py``), where every
wait is bounded by ``select`` and a stuck device is simply killed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from trainer.errors import TrainerError

T = TypeVar("T")


def start_daemon(fn: Callable[[], T], *, name: str) -> Future[T]:
    """Run ``fn`` on a new daemon thread; its result or exception lands in the future."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller, not swallowed
            future.set_exception(exc)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


def call_with_timeout(fn: Callable[[], T], *, timeout: float, what: str) -> T:
    """``fn()``, or a :class:`TrainerError` naming ``what`` if it takes over ``timeout`` s."""
    future = start_daemon(fn, name=f"deadline: {what}")
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        raise TrainerError(
            f"{what} did not finish within {timeout:g} s and was abandoned. "
            "Try again; if it keeps happening, run `trainer doctor`."
        ) from None
