"""Live words: a rough transcript of the reply while it is being said, for the screen only.

The transcript that is scored waits for the pause that ends a reply: it needs
the whole reply, beam search and word times. Without anything in between, a
user talks into silence for several seconds and cannot tell whether the
microphone hears them. So while audio arrives, the last few seconds are
decoded quickly (greedy, no word times) on a thread of their own, and the
words go to a callback that shows them.

These partials are never scored or saved; the final transcript replaces them.
They also never compete with it for the two cores a laptop may have: no partial
starts while the final (or early) transcription runs, and that waits for a
partial in flight to finish (one partial of at most :attr:`Cadence.window` seconds
of audio takes a fraction of a second).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import speech_recognition as sr

from trainer.speech.deadline import start_daemon

WIDTH = 2
"""Bytes per sample of the microphone's PCM (as :mod:`trainer.speech.capture`)."""
LEAD_SECONDS = 0.3
"""Audio kept before the first loud block: soft first consonants start before it."""
TRUNCATED = "… "
"""Marks a partial whose window starts after the reply did: earlier words are not in it."""


@runtime_checkable
class PartialEngine(Protocol):
    """An engine that can transcribe quickly and roughly what is being said (not every one can)."""

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        """The words heard in ``audio``, fast and rough; ``""`` for silence."""
        ...


@dataclass(frozen=True)
class Cadence:
    """When partials are made: often enough to look live, rarely enough to leave the CPU free."""

    first_after: float = 0.5
    """Seconds of speech before the first partial: less is mostly a first syllable."""
    every: float = 0.7
    """Seconds between the starts of two partials (wall clock). A partial of up to 8 s takes
    about 0.2-0.4 s with tiny.en on two cores, so this keeps a partial on screen at least
    every second while leaving half the time to the rest of the app."""
    window: float = 8.0
    """Seconds of audio a partial decodes at most: the latest words, at a bounded cost."""
    max_quiet: float = 0.15
    """No partial starts after this much quiet (a gap between words is shorter): at 0.3 s
    the listener starts the early transcript, which hears everything and is shown in
    turn, and a partial still running then would hold it up."""

    def due(
        self,
        *,
        speech_seconds: float,
        since_last: float | None,
        new_speech: bool,
        busy: bool,
        held: bool,
        quiet: float = 0.0,
    ) -> bool:
        """Whether to start a partial now.

        ``speech_seconds`` since the reply started (audio time); ``since_last`` partial
        started (wall clock, None before the first); ``new_speech``: something loud
        arrived since the last partial began (no partial of the same words twice);
        ``busy``: a partial is running; ``held``: the final transcription is; ``quiet``:
        seconds since the last loud block.
        """
        if busy or held or not new_speech or speech_seconds < self.first_after:
            return False
        if quiet >= self.max_quiet:
            return False
        return since_last is None or since_last >= self.every


class LiveWords:
    """Drafts of one reply, started from the listening loop, delivered to ``on_words``.

    :meth:`offer` is called by the listener after every block of audio; it is cheap
    and never blocks (the partial runs on a daemon thread). ``on_words`` is called on
    that thread, never after :meth:`close` has returned.
    """

    def __init__(
        self,
        engine: PartialEngine,
        on_words: Callable[[str], object],
        *,
        rate: int,
        vocabulary: Sequence[str] = (),
        cadence: Cadence | None = None,
        clock: Callable[[], float] = time.monotonic,
        start: Callable[[Callable[[], None]], Future[None]] | None = None,
    ) -> None:
        """``clock`` and ``start`` (runs a job in the background) are for tests."""
        self.engine = engine
        self.on_words = on_words
        self.rate = rate
        self.vocabulary = tuple(vocabulary)
        self.cadence = cadence or Cadence()
        self._clock = clock
        self._start = start or (lambda job: start_daemon(job, name="live words"))
        self._running: Future[None] | None = None
        self._last_start: float | None = None
        self._covered = -1.0
        self._lock = threading.Lock()
        self._closed = False
        self.started = 0
        """Drafts started, for tests and the benchmark."""

    @property
    def busy(self) -> bool:
        """A partial is being made; the final transcription waits for it."""
        return self._running is not None and not self._running.done()

    def offer(
        self,
        frames: Sequence[bytes],
        *,
        elapsed: float,
        started_at: float | None,
        ended_at: float | None,
        held: bool = False,
    ) -> bool:
        """Start a partial of the latest audio if one is due; True if it started.

        ``frames`` is the whole recording so far; ``elapsed``, ``started_at`` and
        ``ended_at`` (the last loud block) are in seconds of audio; ``held`` means the
        final transcription is running, so no partial may start.
        """
        if self._closed or started_at is None or ended_at is None:
            return False
        now = self._clock()
        due = self.cadence.due(
            speech_seconds=elapsed - started_at,
            since_last=None if self._last_start is None else now - self._last_start,
            new_speech=ended_at > self._covered,
            busy=self.busy,
            held=held,
            quiet=elapsed - ended_at,
        )
        if not due:
            return False
        begin = max(0.0, started_at - LEAD_SECONDS)
        window_start = max(begin, elapsed - self.cadence.window)
        audio = sr.AudioData(_tail(frames, (elapsed - window_start) * self.rate * WIDTH),
                             self.rate, WIDTH)
        prefix = TRUNCATED if window_start > begin else ""
        self._last_start = now
        self._covered = ended_at
        self.started += 1
        self._running = self._start(lambda: self._partial(audio, prefix))
        return True

    def _partial(self, audio: sr.AudioData, prefix: str) -> None:
        try:
            text = self.engine.transcribe_partial(audio, vocabulary=self.vocabulary).strip()
        except Exception:  # noqa: BLE001 - a failed partial only means no live words this time
            return
        if text:
            self.show(prefix + text)

    def show(self, text: str) -> None:
        """Hand ``text`` to ``on_words`` unless closed (any thread): the listener also shows
        the early transcript made during the closing pause, the best words there are."""
        with self._lock:
            if not self._closed:
                self.on_words(text)

    def close(self, timeout: float = 10.0) -> None:
        """No more partials; wait for one in flight so the final transcription has the CPU.

        After this returns ``on_words`` is never called again, so a late partial can
        never replace the final transcript on screen.
        """
        with self._lock:
            self._closed = True
        self.wait_idle(timeout)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Return once no partial is being made (a stuck one is left behind after ``timeout``)."""
        if self._running is not None:
            wait([self._running], timeout=timeout)


def fit_tail(text: str, width: int) -> str:
    """The end of ``text`` in ``width`` characters: the latest words are the ones to see.

    Cut at a word where it can be, after an ellipsis that says words went before.
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    cut = text[len(text) - (width - 1):]
    space = cut.find(" ")
    if 0 <= space < len(cut) - 1:
        cut = cut[space + 1:]
    return "…" + cut


def _tail(frames: Sequence[bytes], wanted: float) -> bytes:
    """The last ``wanted`` bytes of ``frames`` (whole frames, whole samples)."""
    taken: list[bytes] = []
    size = 0
    for frame in reversed(frames):
        if size >= wanted:
            break
        taken.append(frame)
        size += len(frame)
    data = b"".join(reversed(taken))
    return data[len(data) % WIDTH :]
