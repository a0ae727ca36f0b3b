"""Whole calls through a real sound server: crashes, WER and latency of spoken replies.

    python bench/audio_stack.py --calls 50            # idle machine
    python bench/audio_stack.py --calls 50 --load 2   # two more processes keep the cores busy
    python bench/audio_stack.py --quick               # CI: one call
    python bench/audio_stack.py --live --calls 4      # live words: cadence and final latency

Each call is ``trainer run SCENARIO --plain --mic --mute`` in its own process, as
a user starts it, with a private PulseAudio (null-sink speaker, pipe-source
microphone; see tests/audio/virtual_stack.py). The model answers, spoken by
espeak-ng, are written into the microphone at the pace of speech. Printed:

- crashes: calls whose process died by a signal or a fatal error (must be 0);
- notices: replies the trainer could not hear and asked to be typed instead;
- C-library lines that reached the terminal (must be 0);
- WER of the replies through the stack, next to the WER of the same WAVs
  transcribed straight from the files by the same engine;
- latency from the end of speech to the transcript on screen, p50 and p95. It
  includes the pause that ends a reply (``pause_seconds``, 2 s by default), so
  the figure after it is what transcription and the audio path add.

With ``--live`` the replies are heard in this process, by the listener the app
and line mode use (``arecord`` from the same private server), each round of the
scenario's answers once with live words and once without, alternating, so both
share the machine's load. Printed: how often the words on screen change while
the user speaks (p50 and p95 of the interval between two updates, and the delay
from the start of speech to the first), how long one partial takes to decode,
and the end of speech to the final transcript with live words on and off (the
cost they add, if any).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "audio"))

from line_call import SCENARIO, LineCall  # noqa: E402
from virtual_stack import RATE, VirtualAudio  # noqa: E402

from trainer.config import load_speech_config  # noqa: E402
from trainer.scenario.catalog import load_catalog  # noqa: E402
from trainer.speech.audio import AudioClip, first_sound_at, last_sound_at  # noqa: E402
from trainer.speech.audio_input import MicListener, read_audio_file  # noqa: E402
from trainer.speech.live import PartialEngine  # noqa: E402
from trainer.speech.stt import SttEngine, Transcript, load_engine, scenario_vocabulary  # noqa: E402
from trainer.speech.tts import Speaker  # noqa: E402

THINK = 0.6


def _speech_bench() -> ModuleType:
    """bench/speech.py, for its WER (normaliser and word alignment)."""
    spec = importlib.util.spec_from_file_location("bench_speech", ROOT / "bench" / "speech.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_speech"] = module
    spec.loader.exec_module(module)
    return module


def _resampled(clip: AudioClip) -> AudioClip:
    count = round(len(clip.samples) * RATE / clip.rate)
    positions = np.arange(count) * clip.rate / RATE
    samples = np.interp(positions, np.arange(len(clip.samples)), clip.samples)
    return AudioClip(samples.astype(np.float32), RATE)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Tally:
    def __init__(self) -> None:
        self.calls = 0
        self.crashes: list[str] = []
        self.failed: list[str] = []
        self.notices: list[str] = []
        self.noise: list[str] = []
        self.errors = 0
        self.words = 0
        self.file_errors = 0
        self.file_words = 0
        """The same turns' WAVs transcribed from files: the same words, so comparable."""
        self.latencies: list[float] = []
        self.replies = 0


def one_call(
    stack: VirtualAudio, number: int, answers: dict[str, AudioClip], texts: dict[str, str],
    from_files: dict[str, tuple[int, int]], wer: ModuleType, tally: Tally,
) -> None:
    assert stack.feeder is not None
    call = LineCall(SCENARIO, "--mute", timeout=600, seed=number)
    end_of_speech: float | None = None
    try:
        while (line := call.next_line()) is not None:
            if line.startswith("(listening"):
                assert call.turn is not None
                clip = answers[call.turn]
                time.sleep(THINK)
                stack.feeder.say(clip.samples)
                stack.feeder.wait_said()
                trailing = clip.seconds - (last_sound_at(clip) or clip.seconds)
                end_of_speech = time.monotonic() - trailing
            elif line.startswith("You:") and end_of_speech is not None and call.turn:
                tally.latencies.append(call.arrived[-1] - end_of_speech)
                end_of_speech = None
                tally.replies += 1
                errors, words = wer.word_errors(wer.normalise_for_wer(texts[call.turn]),
                                                wer.normalise_for_wer(line[4:].strip()))
                tally.errors += errors
                tally.words += words
                tally.file_errors += from_files[call.turn][0]
                tally.file_words += from_files[call.turn][1]
            elif line.startswith("notice:"):
                tally.notices.append(line)
                call.end_input()
        code = call.process.wait(timeout=60)
    except AssertionError as exc:
        tally.failed.append(f"call {number}: {exc}")
        call.kill()
        return
    finally:
        tally.calls += 1
    crash = call.crashed()
    if crash:
        tally.crashes.append(f"call {number}: {crash}")
    elif code != 0:
        tally.failed.append(f"call {number}: exit status {code}: {call.lines[-3:]}")
    tally.noise.extend(call.noise())


class TimedPartials:
    """The engine, with the wall-clock time each partial transcript was started and done."""

    def __init__(self, engine: SttEngine) -> None:
        assert isinstance(engine, PartialEngine), f"{engine.name} makes no partial transcripts"
        self.name = engine.name
        self._engine = engine
        self._partial: PartialEngine = engine
        self.partials: list[tuple[float, float]] = []

    def transcribe(self, audio: Path | object, *, vocabulary: Sequence[str] = ()) -> Transcript:
        return self._engine.transcribe(audio, vocabulary=vocabulary)  # type: ignore[arg-type]

    def transcribe_partial(self, audio: object, *, vocabulary: Sequence[str] = ()) -> str:
        started = time.monotonic()
        text = self._partial.transcribe_partial(audio, vocabulary=vocabulary)  # type: ignore[arg-type]
        if text:  # an empty one shows nothing
            self.partials.append((started, time.monotonic()))
        return text


class LiveTally:
    def __init__(self) -> None:
        self.intervals: list[float] = []
        self.first: list[float] = []
        self.decode: list[float] = []
        self.final: dict[bool, list[float]] = {True: [], False: []}
        self.speech = 0.0
        self.empty: list[str] = []


def one_live_reply(stack: VirtualAudio, engine: TimedPartials, clip: AudioClip,
                   vocabulary: Sequence[str], live: bool, tally: LiveTally) -> None:
    """One reply into the microphone; the listener and the final transcription as in a call."""
    assert stack.feeder is not None
    pause = load_speech_config().pause_seconds
    listener = MicListener(pause_seconds=pause)
    delivering = threading.Event()
    result: dict[str, object] = {}
    shown: list[float] = []
    engine.partials.clear()

    def hear() -> None:
        try:
            recording = listener.listen(
                engine=engine, vocabulary=tuple(vocabulary), on_live=delivering.set,
                on_words=(lambda text: shown.append(time.monotonic())) if live else None,
            )
            result["text"] = recording.transcribe(engine, tuple(vocabulary)).text
        except Exception as exc:  # noqa: BLE001 - reported with the figures
            result["error"] = exc
        result["at"] = time.monotonic()

    worker = threading.Thread(target=hear, name="live bench listener")
    worker.start()
    delivering.wait(30.0)
    time.sleep(THINK)
    said = time.monotonic()
    stack.feeder.say(clip.samples)
    stack.feeder.wait_said()
    end_of_speech = time.monotonic() - (clip.seconds - (last_sound_at(clip) or clip.seconds))
    worker.join(120.0)
    if "error" in result or not result.get("text"):
        tally.empty.append(str(result.get("error", "no words")))
        return
    tally.final[live].append(float(result["at"]) - end_of_speech)  # type: ignore[arg-type]
    if not live:
        return
    speech_start = said + (first_sound_at(clip) or 0.0)
    tally.speech += clip.seconds
    tally.decode += [end - start for start, end in engine.partials]
    # what the user saw change while speaking (partials, and the early transcript in a pause)
    while_speaking = [at for at in shown if speech_start <= at <= end_of_speech]
    if while_speaking:
        tally.first.append(while_speaking[0] - speech_start)
        tally.intervals += [later - earlier for earlier, later in pairwise(while_speaking)]


def live_words(rounds: int, answers: dict[str, AudioClip], vocabulary: Sequence[str],
               engine: SttEngine) -> None:
    timed = TimedPartials(engine)
    stack = VirtualAudio().start()
    stack.apply()
    tally = LiveTally()
    clips = list(answers.values())
    started = time.monotonic()
    try:
        for number in range(rounds):
            for index, clip in enumerate(clips):
                one_live_reply(stack, timed, clip, vocabulary, (index + number) % 2 == 0, tally)
            print(f"round {number + 1}/{rounds} done", file=sys.stderr, flush=True)
    finally:
        stack.stop()
        live_report(tally, time.monotonic() - started, engine.name)


def live_report(tally: LiveTally, seconds: float, engine: str) -> None:
    pause = load_speech_config().pause_seconds
    on, off = tally.final[True], tally.final[False]
    print(f"live words: {len(on)} replies with live words, {len(off)} without, "
          f"{tally.speech:.0f} s of speech with them, {engine}, {seconds:.0f} s")
    print(f"replies not heard: {len(tally.empty)}")
    for problem in tally.empty[:5]:
        print(f"  {problem[:200]}")
    if tally.decode:
        decode50, decode95 = _percentile(tally.decode, 0.5), _percentile(tally.decode, 0.95)
        print(f"partials: {len(tally.decode)}, each decoded in p50 {decode50:.2f} s, "
              f"p95 {decode95:.2f} s")
    if tally.intervals:
        gap50, gap95 = _percentile(tally.intervals, 0.5), _percentile(tally.intervals, 0.95)
        print(f"interval between partials while speaking: p50 {gap50:.2f} s, p95 {gap95:.2f} s, "
              f"max {max(tally.intervals):.2f} s")
    if tally.first:
        print(f"first partial after speech start: p50 {_percentile(tally.first, 0.5):.2f} s, "
              f"p95 {_percentile(tally.first, 0.95):.2f} s")
    for live, values in ((True, on), (False, off)):
        if values:
            p50, p95 = _percentile(values, 0.5), _percentile(values, 0.95)
            print(f"end of speech -> final transcript, live words {'on' if live else 'off'}: "
                  f"p50 {p50:.2f} s, p95 {p95:.2f} s (+{p50 - pause:.2f} s / "
                  f"+{p95 - pause:.2f} s after the {pause:g} s pause)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50,
                        help="calls (with --live: rounds of the scenario's answers)")
    parser.add_argument("--load", type=int, default=0, help="busy processes running meanwhile")
    parser.add_argument("--quick", action="store_true",
                        help="CI mode: one call (with --live: one round)")
    parser.add_argument("--live", action="store_true",
                        help="live words: partial cadence and final-transcript latency")
    args = parser.parse_args()
    calls = 1 if args.quick else args.calls
    # stopped with `kill`, the server and the busy processes are still cleaned up
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="bench-audio-"))
    os.environ["TRAINER_HOME"] = str(folder / "home")  # the calls' sessions are not the user's

    entry = next(e for e in load_catalog().valid() if e.id == SCENARIO)
    assert entry.scenario is not None
    scenario = entry.scenario
    speaker = Speaker()
    engine = load_engine()
    wer = _speech_bench()
    answers: dict[str, AudioClip] = {}
    texts: dict[str, str] = {}
    from_files: dict[str, tuple[int, int]] = {}
    vocabulary = scenario_vocabulary(scenario)
    for turn in scenario.turns:
        if not turn.model_answer:
            continue
        wav = speaker.save(turn.model_answer, folder / f"{turn.id}.wav", voice="en-us", rate=160)
        clip = _resampled(read_audio_file(wav))
        clip.save(wav)
        answers[turn.id], texts[turn.id] = clip, turn.model_answer
        heard = engine.transcribe(wav, vocabulary=vocabulary).text
        from_files[turn.id] = wer.word_errors(wer.normalise_for_wer(turn.model_answer),
                                              wer.normalise_for_wer(heard))

    load = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(args.load)]
    if args.live:
        try:
            live_words(calls, answers, vocabulary, engine)
        finally:
            for process in load:
                process.kill()
                process.wait()
        return
    stack = VirtualAudio().start()
    stack.apply()
    tally = Tally()
    started = time.monotonic()
    try:
        for number in range(1, calls + 1):
            one_call(stack, number, answers, texts, from_files, wer, tally)
            print(f"call {number}/{calls}: {tally.replies} replies heard so far, "
                  f"{len(tally.crashes)} crashes", file=sys.stderr, flush=True)
    finally:
        stack.stop()
        for process in load:
            process.kill()
            process.wait()
        # also when stopped early (SIGTERM): the figures of the calls made so far
        report(tally, calls, args.load, time.monotonic() - started, engine.name)
    if tally.crashes or tally.failed:
        sys.exit(1)


def report(tally: Tally, calls: int, load: int, seconds: float, engine: str) -> None:
    pause = load_speech_config().pause_seconds
    print(f"audio stack: {tally.calls} of {calls} calls of {SCENARIO} made, {load} busy "
          f"processes, {seconds:.0f} s")
    print(f"crashes: {len(tally.crashes)}")
    for crash in tally.crashes:
        print(f"  {crash}")
    print(f"calls that failed otherwise: {len(tally.failed)}")
    for failure in tally.failed:
        print(f"  {failure[:300]}")
    print(f"replies heard: {tally.replies}; notices (asked to type instead): "
          f"{len(tally.notices)}")
    for notice in tally.notices[:5]:
        print(f"  {notice}")
    print(f"C-library lines on the terminal: {len(tally.noise)}")
    stack_wer = tally.errors / tally.words if tally.words else float("nan")
    file_wer = tally.file_errors / tally.file_words if tally.file_words else float("nan")
    print(f"WER through the stack: {stack_wer:.1%} ({tally.errors}/{tally.words} words); "
          f"same WAVs from files: {file_wer:.1%} "
          f"({tally.file_errors}/{tally.file_words} words, {engine})")
    if tally.latencies:
        p50, p95 = _percentile(tally.latencies, 0.5), _percentile(tally.latencies, 0.95)
        print(f"end of speech -> transcript: p50 {p50:.2f} s, p95 {p95:.2f} s "
              f"(including the {pause:g} s pause that ends a reply: "
              f"+{p50 - pause:.2f} s / +{p95 - pause:.2f} s after it)", flush=True)


if __name__ == "__main__":
    main()
