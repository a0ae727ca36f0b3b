"""Live words: when partial transcripts are made, what audio they see, and that they never
compete with the final transcript or reach the screen after it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

import numpy as np
import pytest
import speech_recognition as sr
from speech_fakes import RATE, FakeEngine, FakeMicrophone, quiet, tone

from trainer.speech.audio_input import BLOCK, MicListener
from trainer.speech.engine_base import Transcript, as_clip
from trainer.speech.live import TRUNCATED, Cadence, LiveWords, fit_tail

FRAME = b"\x01\x00" * BLOCK  # one block of (quiet) audio
FRAME_SECONDS = BLOCK / RATE


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Jobs:
    """Runs the partials only when told: a partial 'in flight' is one not run yet."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[], None], Future[None]]] = []

    def start(self, job: Callable[[], None]) -> Future[None]:
        future: Future[None] = Future()
        self.pending.append((job, future))
        return future

    def finish(self) -> None:
        for job, future in self.pending:
            job()
            future.set_result(None)
        self.pending.clear()


class WordsEngine:
    """Hears a word per second of audio it is given (one at least)."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        seconds = len(audio.get_raw_data()) / 2 / audio.sample_rate
        self.seen.append(seconds)
        return " ".join(["word"] * max(1, round(seconds)))


def make(clock: Clock, jobs: Jobs, shown: list[str], engine: WordsEngine | None = None
         ) -> tuple[LiveWords, WordsEngine]:
    engine = engine or WordsEngine()
    live = LiveWords(engine, shown.append, rate=RATE, clock=clock, start=jobs.start)
    return live, engine


class Speech:
    """A reply arriving block by block, in step with the fake clock."""

    def __init__(self, live: LiveWords, clock: Clock, jobs: Jobs, *, started_at: float = 0.0,
                 run_at_once: bool = True) -> None:
        self.live, self.clock, self.jobs = live, clock, jobs
        self.frames: list[bytes] = []
        self.started_at = started_at
        self.run_at_once = run_at_once
        self.started_when: list[float] = []

    @property
    def elapsed(self) -> float:
        return len(self.frames) * FRAME_SECONDS

    def blocks(self, seconds: float, *, loud: bool = True, held: bool = False) -> None:
        for _ in range(round(seconds / FRAME_SECONDS)):
            self.frames.append(FRAME)
            self.clock.now += FRAME_SECONDS
            ended = self.elapsed if loud else self.last_loud
            if loud:
                self.last_loud = self.elapsed
            if self.live.offer(self.frames, elapsed=self.elapsed, started_at=self.started_at,
                               ended_at=ended, held=held):
                self.started_when.append(self.elapsed)
            if self.run_at_once:
                self.jobs.finish()

    last_loud = 0.0


def test_cadence_rules() -> None:
    cadence = Cadence(first_after=0.5, every=0.7)
    ready = {"speech_seconds": 1.0, "since_last": 0.8, "new_speech": True, "busy": False,
             "held": False}
    assert cadence.due(**ready)  # type: ignore[arg-type]
    assert cadence.due(**{**ready, "since_last": None})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "speech_seconds": 0.4})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "since_last": 0.6})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "new_speech": False})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "busy": True})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "held": True})  # type: ignore[arg-type]
    assert cadence.due(**{**ready, "quiet": 0.1})  # type: ignore[arg-type]
    assert not cadence.due(**{**ready, "quiet": 0.2})  # type: ignore[arg-type]


def test_first_partial_after_half_a_second_of_speech_then_every_0_7_s() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, engine = make(clock, jobs, shown)
    speech = Speech(live, clock, jobs, started_at=0.0)
    speech.blocks(5.0)
    first, *rest = speech.started_when
    assert 0.5 <= first < 0.5 + 2 * FRAME_SECONDS
    gaps = np.diff(speech.started_when)
    assert len(rest) >= 5
    assert all(0.7 <= gap < 0.7 + 2 * FRAME_SECONDS for gap in gaps), gaps
    assert len(shown) == len(engine.seen) == live.started


def test_a_slow_partial_is_never_doubled_up() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, _ = make(clock, jobs, shown)
    speech = Speech(live, clock, jobs, run_at_once=False)
    speech.blocks(3.0)
    assert live.started == 1 and live.busy  # the first is still running: no second one
    jobs.finish()
    assert not live.busy
    speech.blocks(FRAME_SECONDS)  # overdue: it starts on the next block
    assert live.started == 2


def test_nothing_while_the_final_transcription_runs() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, _ = make(clock, jobs, shown)
    speech = Speech(live, clock, jobs)
    speech.blocks(3.0, held=True)
    assert live.started == 0 and shown == []


def test_no_partial_before_speech_nor_of_the_same_words_twice() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, _ = make(clock, jobs, shown)
    assert not live.offer([FRAME] * 50, elapsed=50 * FRAME_SECONDS, started_at=None,
                          ended_at=None)
    speech = Speech(live, clock, jobs)
    speech.blocks(1.0)
    made = live.started
    speech.blocks(3.0, loud=False)  # the user pauses: none (the early transcript's turn)
    assert live.started == made
    speech.blocks(0.1)  # and goes on
    assert live.started == made + 1


def test_the_window_is_the_last_8_seconds_and_says_so() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, engine = make(clock, jobs, shown)
    speech = Speech(live, clock, jobs, started_at=2.0)
    speech.blocks(2.0, loud=False)  # thinking time before the reply
    speech.started_when.clear()
    speech.blocks(12.0)
    assert max(engine.seen) == pytest.approx(8.0, abs=FRAME_SECONDS)
    # early on, the window starts just before the speech, not at the thinking time
    assert engine.seen[0] == pytest.approx(0.5 + 0.3, abs=2 * FRAME_SECONDS)
    assert not shown[0].startswith(TRUNCATED)
    assert shown[-1].startswith(TRUNCATED) and shown[-1].count("word") == 8


def test_nothing_is_delivered_after_close_and_close_waits_for_the_partial() -> None:
    clock, jobs, shown = Clock(), Jobs(), []
    live, _ = make(clock, jobs, shown)
    speech = Speech(live, clock, jobs, run_at_once=False)
    speech.blocks(1.0)
    assert live.busy
    finisher = threading.Timer(0.2, jobs.finish)
    finisher.start()
    live.close(timeout=5.0)  # returns once the partial in flight is done ...
    assert not live.busy
    assert shown == []  # ... whose words came too late to be shown
    speech.blocks(2.0)
    assert live.started == 1


def test_a_failing_partial_only_means_no_words() -> None:
    class Broken(WordsEngine):
        def transcribe_partial(self, audio: sr.AudioData, *,
                               vocabulary: Sequence[str] = ()) -> str:
            raise RuntimeError("decoder fell over")

    clock, jobs, shown = Clock(), Jobs(), []
    live, _ = make(clock, jobs, shown, Broken())
    Speech(live, clock, jobs).blocks(3.0)
    assert live.started >= 2 and shown == []


class PartialFakeEngine(FakeEngine):
    """The listener's fake engine, able to make partials: it logs what runs when."""

    def __init__(self, partial_delay: float = 0.05) -> None:
        super().__init__(delay=0.05)
        self.partial_delay = partial_delay
        self.partials: list[float] = []
        self.running = 0
        self.overlapped = False
        self.log: list[str] = []
        self._lock = threading.Lock()

    def _enter(self, what: str) -> None:
        with self._lock:
            self.log.append(what)
            self.running += 1
            self.overlapped |= self.running > 1

    def _leave(self) -> None:
        with self._lock:
            self.running -= 1

    def transcribe(self, audio: Path | sr.AudioData, *,
                   vocabulary: Sequence[str] = ()) -> Transcript:
        self._enter("final")
        try:
            return super().transcribe(audio, vocabulary=vocabulary)
        finally:
            self._leave()

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        self._enter("partial")
        try:
            threading.Event().wait(self.partial_delay)
            seconds = as_clip(audio).seconds
            self.partials.append(seconds)
            return f"so far {seconds:.1f}"
        finally:
            self._leave()


class PacedMicrophone(FakeMicrophone):
    """Delivers at the pace of speech, so the wall-clock cadence applies."""

    def read(self, timeout: float) -> bytes | None:
        threading.Event().wait(self.CHUNK / RATE)
        return super().read(timeout)


def test_the_listener_shows_words_while_the_user_speaks_and_none_after() -> None:
    engine = PartialFakeEngine()
    # 2.75 s: the last partial while speaking starts ~0.15 s before the end; the next one
    # would be due after the early transcript (at 0.3 s of quiet) had heard it all
    mic = PacedMicrophone(np.concatenate([quiet(0.5), tone(2.75), quiet(2.0)]))
    shown: list[str] = []
    listener = MicListener(source_factory=mic.open, pause_seconds=1.0, early_after=0.3)
    recording = listener.listen(engine=engine, on_words=shown.append)
    assert len(shown) >= 3, shown  # 2.75 s of speech: partials at least every second
    assert not engine.overlapped  # never two transcriptions at once
    assert recording.transcript is not None and recording.transcript.text.startswith("heard")
    # partials while speaking; in the closing pause, the early transcript once it is ready
    *partials, last = shown
    assert all(text.startswith("so far") for text in partials)
    assert last == recording.transcript.text
    # once the early transcript has all that was said, no partial is made in the pause
    assert "partial" not in engine.log[engine.log.index("final"):], engine.log


def test_engines_without_partials_and_listeners_without_a_screen_make_none() -> None:
    engine = FakeEngine()
    mic = FakeMicrophone(np.concatenate([tone(2.0), quiet(2.0)]))
    listener = MicListener(source_factory=mic.open, pause_seconds=1.0)
    listener.listen(engine=engine, on_words=lambda text: pytest.fail(text))
    partial = PartialFakeEngine()
    MicListener(source_factory=FakeMicrophone(np.concatenate([tone(2.0), quiet(2.0)])).open,
                pause_seconds=1.0).listen(engine=partial)
    assert partial.partials == []


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("thank you for the offer", 40, "thank you for the offer"),
    ("thank you for the offer", 12, "…the offer"),
    ("thank you for the offer", 9, "…offer"),
    ("… thank  you\nfor", 40, "… thank you for"),
    ("unbreakable", 5, "…able"),
    ("words", 0, ""),
])
def test_fit_tail_keeps_the_latest_words(text: str, width: int, expected: str) -> None:
    fitted = fit_tail(text, width)
    assert fitted == expected
    assert len(fitted) <= width


def test_the_early_transcript_hears_the_same_audio_with_or_without_live_words() -> None:
    """A partial still running when the pause begins delays the early transcript, never
    changes what it hears: the same recording gives the same transcript either way."""
    heard: list[list[float]] = []
    for live in (False, True):
        engine = PartialFakeEngine(partial_delay=0.5)  # slow: still running at 0.3 s quiet
        mic = PacedMicrophone(np.concatenate([quiet(0.5), tone(2.0), quiet(2.0)]))
        listener = MicListener(source_factory=mic.open, pause_seconds=1.0, early_after=0.3)
        recording = listener.listen(engine=engine, on_words=[].append if live else None)
        assert recording.transcript is not None and not engine.overlapped
        heard.append(engine.calls)
    assert heard[0] == heard[1] and len(heard[0]) == 1


@pytest.mark.parametrize("live_words", [True, False])
def test_the_live_words_setting_turns_partials_off_for_the_whole_call(
    live_words: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``[speech] live_words = false`` (a slow laptop): no partial is decoded at all, and the
    reply is still heard and transcribed."""
    from trainer.call.listening import Voice
    from trainer.scenario.catalog import load_catalog

    scenario = next(e.scenario for e in load_catalog().valid() if e.scenario is not None)
    engine = PartialFakeEngine()
    monkeypatch.setattr(Voice, "engine", lambda self: engine)
    mic = PacedMicrophone(np.concatenate([quiet(0.3), tone(2.0), quiet(1.5)]))
    voice = Voice(listener=MicListener(source_factory=mic.open, pause_seconds=1.0),
                  live_words=live_words)
    shown: list[str] = []
    reply = voice.hear(scenario, on_words=shown.append)
    assert reply.text.startswith("heard") and reply.source == "mic"
    if live_words:
        assert shown and engine.partials
    else:
        assert shown == [] and engine.partials == []
