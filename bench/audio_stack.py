"""Whole calls through a real sound server: crashes, WER and latency of spoken replies.

    python bench/audio_stack.py --calls 50            # idle machine
    python bench/audio_stack.py --calls 50 --load 2   # two more processes keep the cores busy
    python bench/audio_stack.py --quick               # CI: two calls

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
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "audio"))

from line_call import SCENARIO, LineCall  # noqa: E402
from virtual_stack import RATE, VirtualAudio  # noqa: E402

from trainer.config import load_speech_config  # noqa: E402
from trainer.scenario.catalog import load_catalog  # noqa: E402
from trainer.speech.audio import AudioClip, last_sound_at  # noqa: E402
from trainer.speech.audio_input import read_audio_file  # noqa: E402
from trainer.speech.stt import load_engine, scenario_vocabulary  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--load", type=int, default=0, help="busy processes running meanwhile")
    parser.add_argument("--quick", action="store_true", help="CI mode: two calls")
    args = parser.parse_args()
    calls = 2 if args.quick else args.calls
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
