"""The speech layer as the call screen uses it: say a line, hear a reply.

Every method here blocks, so screens call them from thread workers only. Tests
build a :class:`Voice` around a listener fed from WAV files (the speech layer's
``ClipSource``), so a recorded reply takes the same path as a live microphone:
the listener's pause detection and level meter, then the real transcriber.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.errors import TrainerError
from trainer.scenario.model import Scenario
from trainer.scoring.result import ReplyTiming

if TYPE_CHECKING:
    from trainer.speech.audio_input import MicListener
    from trainer.speech.stt import SttEngine
    from trainer.speech.tts import Speaker

POLL_SECONDS = 0.05
SPEAK_TIMEOUT = 120.0
QUIET_DBFS = -60.0
"""The bottom of the level meter; a quiet room sits near it."""


class Cancelled(Exception):
    """The user moved on (paused, hung up, asked to hear the line again) mid-way."""


class SpeechFailure(Exception):
    """The speech layer failed in a way the user can work around (retry, type, skip)."""


@dataclass(frozen=True)
class Heard:
    """A spoken reply, transcribed."""

    text: str
    engine: str
    audio: Path
    timing: ReplyTiming


def meter_level(dbfs: float) -> float:
    """dBFS (-inf..0) to a meter position (0..1)."""
    return max(0.0, min(1.0, (dbfs - QUIET_DBFS) / -QUIET_DBFS))


@dataclass
class Voice:
    """What the call can do with sound here; a missing part means text on screen instead."""

    speaker: Speaker | None = None
    listener: MicListener | None = None
    notices: list[str] = field(default_factory=list)
    """Why a part is missing, shown on the briefing screen."""
    engine_name: str | None = None
    phone_line: bool = False

    @property
    def speaks(self) -> bool:
        return self.speaker is not None

    @property
    def listens(self) -> bool:
        return self.listener is not None

    def say(self, text: str, scenario: Scenario, stop: threading.Event) -> None:
        """Speak ``text`` in the recruiter's voice; return when done, raise if stopped."""
        if self.speaker is None:
            return
        voice = scenario.recruiter.voice
        try:
            job = self.speaker.speak(text, voice=voice.id, rate=voice.rate,
                                     phone_line=self.phone_line)
        except TrainerError as exc:
            raise SpeechFailure(exc.message) from None
        waited = 0.0
        while not job.wait(POLL_SECONDS):
            waited += POLL_SECONDS
            if stop.is_set():
                job.cancel()
                raise Cancelled
            if waited > SPEAK_TIMEOUT:
                job.cancel()
                raise SpeechFailure("the voice took too long to speak the line")
        if stop.is_set():
            raise Cancelled
        if job.error:
            raise SpeechFailure(job.error)

    def engine(self) -> SttEngine:
        """The transcriber; the speech layer loads each engine once per process."""
        from trainer.speech.stt import load_engine

        return load_engine(self.engine_name)

    def hear(
        self,
        scenario: Scenario,
        stop: threading.Event,
        on_level: Callable[[float], object],
        on_transcribing: Callable[[], object],
    ) -> Heard:
        """Record one reply until the user pauses, then transcribe it."""
        from trainer.speech.stt import scenario_vocabulary

        if self.listener is None:
            raise SpeechFailure("there is no microphone")
        engine = self.engine()
        vocabulary = tuple(scenario_vocabulary(scenario))

        def level(dbfs: float) -> None:
            on_level(meter_level(dbfs))

        recording = self.listener.listen(
            stop=stop,
            on_level=level,
            engine=engine,
            vocabulary=vocabulary,
        )
        if stop.is_set():
            raise Cancelled
        on_transcribing()
        transcript = recording.transcribe(engine, vocabulary)
        started, ended = recording.speech_started_at, recording.speech_ended_at
        spoken = ended - started if started is not None and ended is not None else None
        timing = ReplyTiming(
            response_delay=started if started is not None else transcript.first_word_at,
            duration=spoken if spoken else transcript.audio_seconds,
            words=tuple(transcript.words),
        )
        return Heard(transcript.text, transcript.engine, recording.path, timing)


def transcribe_file(voice: Voice, path: Path, scenario: Scenario) -> Heard:
    """A reply recorded elsewhere (a phone's voice memo), transcribed like a spoken one.

    The one place the app hands a file to the speech layer (the same entry point as
    ``trainer run --audio``); raises :class:`TrainerError` for a missing, unreadable
    or unsupported file, or an engine that cannot start.
    """
    from trainer.speech.stt import scenario_vocabulary

    transcript = voice.engine().transcribe(path, vocabulary=tuple(scenario_vocabulary(scenario)))
    timing = ReplyTiming(
        response_delay=transcript.first_word_at,
        duration=transcript.audio_seconds,
        words=tuple(transcript.words),
    )
    return Heard(transcript.text, transcript.engine, path, timing)


def open_voice(*, mute: bool, typed: bool) -> Voice:
    """The speaker (unless muted) and the microphone (unless typing), with notices for gaps.

    Slow (it probes the audio devices), so the app runs it in a worker at start-up.
    """
    from trainer.config import SpeechConfig, load_speech_config

    voice = Voice()
    try:
        config = load_speech_config()
    except TrainerError as exc:
        voice.notices.append(f"{exc.message} Using the default speech settings.")
        config = SpeechConfig()
    voice.engine_name = config.engine
    voice.phone_line = config.phone_line
    if not mute:
        from trainer.speech.tts import open_speaker

        voice.speaker, notice = open_speaker()
        if notice:
            voice.notices.append(notice)
    if not typed:
        from trainer.speech.audio_input import MicListener, microphone_status

        ok, message = microphone_status()
        if ok:
            voice.listener = MicListener(pause_seconds=config.pause_seconds)
        else:
            voice.notices.append(f"No microphone ({message}); you will type your replies.")
    return voice
