"""The sound of a call: say the recruiter's line, hear the user's reply, time it.

The full-screen app and the line mode both go through :class:`Voice`, so a
spoken reply is heard the same way in both: the same pause that ends it, the
same telephone filter on the recruiter, the same time limits, one transcription
(made during the closing pause, from memory, never again from disk) and the same
response-delay measurement. Every method blocks; the app calls them from thread
workers, the line mode straight from its loop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.call.reply import Reply
from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.scoring.result import ReplyTiming

if TYPE_CHECKING:
    from trainer.speech.audio_input import BargeIn, MicListener, Recording
    from trainer.speech.capture import PcmSource
    from trainer.speech.stt import SttEngine, Transcript
    from trainer.speech.tts import Speaker, SpeechJob

POLL_SECONDS = 0.05
SPEAK_TIMEOUT = 120.0
"""No recruiter line takes two minutes to say; past this the player is stuck."""
QUIET_DBFS = -60.0
"""The bottom of the level meter; a quiet room sits near it."""


class Cancelled(Exception):
    """The user moved on (paused, hung up, asked to hear the line again) mid-way."""


class SpeechFailure(TrainerError):
    """The speech layer failed in a way the user can work around (retry, type, skip)."""


def meter_level(dbfs: float) -> float:
    """dBFS (-inf..0) to a meter position (0..1)."""
    return max(0.0, min(1.0, (dbfs - QUIET_DBFS) / -QUIET_DBFS))


def timing_of(recording: Recording, transcript: Transcript) -> ReplyTiming:
    """Response delay and length of a spoken reply, from the listener's own clock.

    The listener started when the recruiter's line ended, so the first sound it
    heard is the response delay; the engine's word times are the fallback.
    """
    started, ended = recording.speech_started_at, recording.speech_ended_at
    spoken = ended - started if started is not None and ended is not None else None
    return ReplyTiming(
        response_delay=started if started is not None else transcript.first_word_at,
        duration=spoken if spoken else transcript.audio_seconds,
        words=tuple(transcript.words),
        probabilities=tuple(transcript.probabilities),
        repaired=repaired(transcript),
    )


def repaired(transcript: Transcript) -> tuple[tuple[str, str, float | None, float | None], ...]:
    """The transcript's name repairs as the scorer's timing carries them."""
    return tuple((r.heard, r.name, r.start, r.end) for r in transcript.repairs)


@dataclass
class Voice:
    """What the call can do with sound here; a missing part means text on screen instead."""

    speaker: Speaker | None = None
    listener: MicListener | None = None
    notices: list[str] = field(default_factory=list)
    """Why a part is missing, shown before the call starts."""
    engine_name: str | None = None
    phone_line: bool = False
    live_words: bool = True
    """Show the words heard so far while the user speaks (``[speech] live_words``)."""
    barge_in: bool = True
    """Talking over the recruiter stops the line, and what was said starts the reply."""
    _held: PcmSource | None = field(default=None, repr=False)
    """The microphone that heard the user barge in, waiting for :meth:`hear`."""

    @property
    def speaks(self) -> bool:
        return self.speaker is not None

    @property
    def listens(self) -> bool:
        return self.listener is not None

    @property
    def pause_seconds(self) -> float:
        return self.listener.pause_seconds if self.listener is not None else 2.0

    def say(
        self,
        text: str,
        scenario: Scenario,
        stop: threading.Event | None = None,
        *,
        spoken_reply: bool = True,
    ) -> None:
        """Speak ``text`` in the recruiter's voice; return when done, raise if stopped.

        With a microphone (and ``barge_in``), the user talking over the line stops
        it at once; :meth:`hear` then goes on from what they had started saying.
        ``spoken_reply`` is False while the user types, so the microphone stays shut.
        """
        self.release()
        if self.speaker is None:
            return
        stop = stop or threading.Event()
        voice = scenario.recruiter.voice
        try:
            job = self.speaker.speak(text, voice=voice.id, rate=voice.rate,
                                     phone_line=self.phone_line)
        except TrainerError as exc:
            raise SpeechFailure(exc.message) from None
        watch = self._barge_in_watch() if spoken_reply else None
        try:
            self._play(job, stop, watch)
        finally:
            if watch is not None:
                watch.close()

    def _barge_in_watch(self) -> BargeIn | None:
        """A microphone open during the line, or None (no microphone, or it will not open:
        the line then simply plays; the reply's own listening reports the problem)."""
        if not self.barge_in or self.listener is None:
            return None
        from trainer.speech.audio_input import BargeIn

        watch = BargeIn(self.listener)
        try:
            watch.open()
        except TrainerError:
            return None
        return watch

    def _play(self, job: SpeechJob, stop: threading.Event, watch: BargeIn | None) -> None:
        started = time.monotonic()
        while not job.wait(0 if watch is not None else POLL_SECONDS):
            if watch is not None:
                try:
                    talking = watch.heard_speech(POLL_SECONDS)
                except TrainerError:
                    watch.close()
                    watch = None
                    talking = False
                if talking and watch is not None and not job.done:
                    job.cancel()
                    self._held = watch.take_over()
                    return
            if stop.is_set():
                job.cancel()
                raise Cancelled
            if time.monotonic() - started > SPEAK_TIMEOUT:
                job.cancel()
                raise SpeechFailure("the voice took too long to speak the line")
        if stop.is_set():
            raise Cancelled
        if job.error:
            raise SpeechFailure(job.error)

    @property
    def barged_in(self) -> bool:
        """The user started talking over the last line; :meth:`hear` continues from there."""
        return self._held is not None

    def release(self) -> None:
        """Close a microphone held from a barge-in that no reply used (the user typed)."""
        held, self._held = self._held, None
        if held is not None:
            held.close()

    def engine(self) -> SttEngine:
        """The transcriber; the speech layer loads each engine once per process."""
        from trainer.speech.stt import load_engine

        try:
            return load_engine(self.engine_name)
        except TrainerError as exc:
            raise SpeechFailure(exc.message) from None

    def hear(
        self,
        scenario: Scenario,
        stop: threading.Event | None = None,
        on_level: Callable[[float], object] | None = None,
        on_transcribing: Callable[[], object] | None = None,
        on_live: Callable[[], object] | None = None,
        on_words: Callable[[str], object] | None = None,
    ) -> Reply:
        """Record one reply until the user pauses, then transcribe it.

        ``on_level`` gets the meter position (0-1) of every block; ``on_live`` is
        called when the microphone is delivering, i.e. when the user can talk; ``on_words``
        gets the words heard so far while the user speaks, to show and never to score
        (the returned reply's final transcript replaces them). A device that
        fails raises :class:`SpeechFailure` saying how to go on; the microphone
        is opened afresh for the next reply, so one failure never ends speaking.
        """
        from trainer.speech.stt import scenario_vocabulary

        if self.listener is None:
            raise SpeechFailure("there is no microphone")
        stop = stop or threading.Event()
        engine = self.engine()
        vocabulary = tuple(scenario_vocabulary(scenario))

        def level(dbfs: float) -> None:
            if on_level is not None:
                on_level(meter_level(dbfs))

        held, self._held = self._held, None
        try:
            recording = self.listener.listen(
                stop=stop, on_level=level, engine=engine, vocabulary=vocabulary,
                on_live=on_live, source=held,
                on_words=on_words if self.live_words else None,
            )
            if stop.is_set():
                raise Cancelled
            if on_transcribing is not None:
                on_transcribing()
            transcript = recording.transcribe(engine, vocabulary)
        except TrainerError as exc:
            raise SpeechFailure(exc.message) from None
        if not transcript.text.strip():
            raise SpeechFailure(
                "nothing was heard in the recording. Speak a little closer to the microphone"
            )
        return Reply(transcript.text, source="mic", engine=transcript.engine,
                     audio=recording.path, timing=timing_of(recording, transcript))

    def hear_file(self, path: Path, scenario: Scenario) -> Reply:
        """A reply recorded beforehand: transcribed by the same engine, timed by its words."""
        from trainer.speech.stt import scenario_vocabulary

        transcript = self.engine().transcribe(path, vocabulary=scenario_vocabulary(scenario))
        timing = ReplyTiming(
            response_delay=transcript.first_word_at,
            duration=transcript.audio_seconds,
            words=tuple(transcript.words),
            probabilities=tuple(transcript.probabilities),
            repaired=repaired(transcript),
        )
        return Reply(transcript.text, source="audio", engine=transcript.engine, audio=path,
                     timing=timing)


def open_voice(*, mute: bool, typed: bool, engine: str | None = None) -> Voice:
    """The speaker (unless muted) and the microphone (unless typing), with notices for gaps.

    Slow (it probes the audio devices), so the app runs it in a worker at start-up.
    A microphone that opens but is silent is kept, with a notice: it is tried
    again for every reply. One that cannot open at all means typed replies.
    """
    from trainer.config import SpeechConfig, load_speech_config

    voice = Voice()
    try:
        config = load_speech_config()
    except TrainerError as exc:
        voice.notices.append(f"{exc.message} Using the default speech settings.")
        config = SpeechConfig()
    voice.engine_name = engine or config.engine
    voice.phone_line = config.phone_line
    voice.live_words = config.live_words
    if not mute:
        from trainer.speech.tts import open_speaker

        voice.speaker, notice = open_speaker()
        if notice:
            voice.notices.append(notice)
    if not typed:
        from trainer.speech.audio_input import (
            MicListener,
            SilentMicrophoneError,
            probe_microphone,
        )

        try:
            probe_microphone()
        except SilentMicrophoneError as exc:
            voice.notices.append(
                f"The microphone is silent ({exc.message}). It is tried again for every "
                "reply; type when it fails."
            )
        except TrainerError as exc:
            voice.notices.append(f"No microphone ({exc.message}); you will type your replies.")
            return voice
        voice.listener = MicListener(pause_seconds=config.pause_seconds)
    return voice
