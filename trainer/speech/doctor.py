"""``trainer doctor``: what works for speech on this machine, and the fix for what does not.

Every check really exercises its part (plays silence, synthesises a phrase,
transcribes it) rather than only looking for files, because "installed but
broken" is the case users cannot diagnose themselves.
"""

from __future__ import annotations

import ctypes.util
import difflib
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from trainer import paths
from trainer.config import SpeechConfig, load_speech_config
from trainer.errors import TrainerError
from trainer.speech.audio import level_dbfs
from trainer.speech.audio_input import default_microphone, microphone_status
from trainer.speech.capture import APLAY_FIX, PcmSource, capture_problem, input_device_name
from trainer.speech.deadline import call_with_timeout
from trainer.speech.engine_base import install_command
from trainer.speech.stt import DEFAULT_ENGINE, load_engine
from trainer.speech.tts import ESPEAK_FIX, Speaker
from trainer.textmatch import normalise

PROBE_TEXT = "Thank you for the offer."
ENGINE_TIMEOUT = 120.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    warning: bool = False
    """It works, but not well enough to trust (an engine that mishears the probe)."""

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "warning": self.warning,
                "detail": self.detail, "fix": self.fix}


def run_checks() -> list[Check]:
    checks: list[Check] = []
    config_check, config = _config()
    checks.append(config_check)
    checks.append(_espeak())
    speaker = Speaker()
    probe_dir = Path(tempfile.mkdtemp(prefix="trainer-doctor-"))
    tts_check, probe = _tts(speaker, probe_dir / "probe.wav")
    checks.append(tts_check)
    checks.append(_output(speaker))
    checks.append(_microphone())
    checks.extend(_engines(config, probe))
    shutil.rmtree(probe_dir, ignore_errors=True)
    return checks


def _config() -> tuple[Check, SpeechConfig]:
    where = paths.config_file()
    try:
        config = load_speech_config()
    except TrainerError as exc:
        return Check("config", False, exc.message, f"edit or delete {where}"), SpeechConfig()
    state = "read" if where.is_file() else "not present, defaults used"
    return Check("config", True, f"{where} ({state})"), config


def _espeak() -> Check:
    binary = shutil.which("espeak-ng")
    library = ctypes.util.find_library("espeak-ng")
    if binary and library:
        return Check("espeak-ng", True, f"{binary}, library {library}")
    missing = " and ".join(
        part for part, found in (("the espeak-ng program", binary), ("libespeak-ng", library))
        if not found
    )
    return Check("espeak-ng", False, f"{missing} not found", ESPEAK_FIX)


def _tts(speaker: Speaker, probe: Path) -> tuple[Check, Path | None]:
    try:
        voices = speaker.voices()
        speaker.save(PROBE_TEXT, probe, voice="en-us", rate=165)
    except TrainerError as exc:
        return Check("pyttsx3", False, exc.message, ESPEAK_FIX), None
    return Check("pyttsx3", True, f"{len(voices)} voices; synthesis to WAV works"), probe


def _output(speaker: Speaker) -> Check:
    problem = speaker.output_problem()
    if problem:
        return Check(
            "audio output",
            False,
            f"{problem}; the recruiter's lines will be shown on screen only",
            "connect speakers or headphones (`aplay -l` lists sound cards)"
            + ("" if shutil.which("aplay") else f"; {APLAY_FIX}"),
        )
    return Check("audio output", True, "aplay plays on the default device")


def _microphone() -> Check:
    problem = capture_problem()
    if problem:
        return Check("microphone", False, problem, problem.split("Fix: ", 1)[-1])
    name = input_device_name()
    ok, detail = microphone_status()
    fix = None if ok else "plug in a microphone, unmute it, and close programs that use it"
    return Check("microphone", ok, f"{name}: {detail}", fix)


def _engines(config: SpeechConfig, probe: Path | None) -> list[Check]:
    checks = [_engine_check(name, probe, None) for name in (DEFAULT_ENGINE, "pocketsphinx")]
    for name in ("faster-whisper", "whisper-base", "moonshine"):
        if name == DEFAULT_ENGINE:
            continue
        if config.engine == name:
            checks.append(_engine_check(name, probe, None))
        else:
            checks.append(Check(name, True, f"bundled; choose it with --engine {name} or "
                                f'engine = "{name}" under [speech] in the config file'))
    for name in ("whisper-local", "vosk"):
        if config.engine == name:
            checks.append(_engine_check(name, probe, config.model_path))
        else:
            checks.append(Check(name, True, "optional; not configured"))
    online = "allowed by the config file" if config.allow_online else "off (opt in to use)"
    checks.append(Check("google", True, f"online engine, {online}"))
    return checks


def _engine_check(name: str, probe: Path | None, model_path: Path | None) -> Check:
    fix = f"reinstall the trainer's speech packages: {install_command('-e', '.')}"
    try:
        engine = call_with_timeout(
            lambda: load_engine(name, model_path=model_path),
            timeout=ENGINE_TIMEOUT,
            what=f"loading {name}",
        )
    except TrainerError as exc:
        return Check(name, False, exc.message, _fix_from(exc.message) or fix)
    if probe is None:
        return Check(name, True, "loaded (not tried: no speech to test it with)")
    transcribe: Callable[[], str] = lambda: engine.transcribe(probe).text  # noqa: E731
    try:
        heard = call_with_timeout(transcribe, timeout=ENGINE_TIMEOUT, what=f"{name} transcription")
    except TrainerError as exc:
        return Check(name, False, exc.message, fix)
    accuracy = word_accuracy(PROBE_TEXT, heard)
    detail = f"heard {heard!r} for {PROBE_TEXT!r} ({accuracy:.0%} of the words right)"
    if accuracy >= 1.0:
        return Check(name, True, detail)
    mishears = "the engine runs but mishears clear speech"
    if accuracy >= 0.5:
        return Check(name, True, detail, f"{mishears}: use it only if the default engine fails",
                     warning=True)
    return Check(name, False, detail, mishears)


def word_accuracy(said: str, heard: str) -> float:
    """The share of the words said that were heard, in order (1 - the word error rate's
    deletions and substitutions): "send you for the offer" for "Thank you for the offer"
    is 0.8, not a pass."""
    expected = normalise(said).split()
    if not expected:
        return 1.0
    matcher = difflib.SequenceMatcher(a=expected, b=normalise(heard).split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def _fix_from(message: str) -> str | None:
    return message.split("Fix: ", 1)[1] if "Fix: " in message else None


def live_level(
    seconds: float,
    show: Callable[[float], None],
    *,
    stop: Callable[[], bool] = lambda: False,
    source_factory: Callable[[], PcmSource] = default_microphone,
) -> float:
    """Read the microphone for ``seconds`` (or until ``stop()``), calling ``show`` with the
    level in dBFS about ten times a second; the loudest level heard."""
    source = source_factory()
    loudest = -120.0
    pending = b""
    step = source.rate // 10 * 2
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not stop():
            data = source.read(0.1)
            if data is None:
                continue
            pending += data
            while len(pending) >= step:
                block, pending = pending[:step], pending[step:]
                level = level_dbfs(np.frombuffer(block, dtype="<i2").astype(np.float32) / 32768.0)
                loudest = max(loudest, level)
                show(level)
    finally:
        source.close()
    return loudest
