"""Misheard-warning benchmark: how many meaning-word errors the scorecard flags, at what cost.

The clean-text replies of shared/eval/replies-dev.jsonl (as bench/speech.py picks them) are
said by espeak-ng, heard by the default engine with the call's names as its vocabulary, and
given the misheard warnings a spoken reply gets in a call (trainer/speech/misheard.py).

Printed:
- meaning-word errors flagged: a negation, decline / accept / thank, below / above, a name or
  a figure that the transcript missed, changed or invented (bench/speech.py's meaning words),
  counted as flagged when a warning names it (as heard, or as what may have been said);
- the same for the replies whose checklist decisions on the audio differ from those on the
  text (the errors that changed the score);
- false alarms per 100 replies: warnings whose reading (the word that may have been said, in
  its place) brings the transcript no nearer to what was said.

Run: .venv/bin/python bench/misheard.py [--quick] [--set dev|unseen|scenarios] [--limit N]
[--voices en-us@165,en-gb@180]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from trainer.speech.misheard import Misheard, misheard_words
from trainer.speech.stt import Transcript, load_engine
from trainer.speech.tts import Speaker

HERE = Path(__file__).resolve().parent
TUNED = 120
"""The thresholds of trainer/speech/misheard.py were chosen on the first 120 clean dev replies."""


def _speech_bench() -> ModuleType:
    """bench/speech.py, for its replies, voices and meaning words (one definition of each)."""
    spec = importlib.util.spec_from_file_location("bench_speech", HERE / "speech.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_speech"] = module
    spec.loader.exec_module(module)
    # the dev set lives beside the repository (a worktree is one folder further down)
    for parent in HERE.parents:
        candidate = parent / "shared" / "eval" / "replies-dev.jsonl"
        if candidate.is_file():
            module.__dict__["EVAL"] = candidate
            break
    return module


def _error_words(speech: ModuleType, said: str, heard: str, names: tuple[str, ...],
                 ) -> Counter[str]:
    """The meaning words (normalised) missed, changed or invented in ``heard``."""
    tokens = frozenset(speech.normalise_for_wer(" ".join(names)).split()) - {
        "the", "a", "an", "of", "and", "at", "for", "in", "to"}
    reference = speech.meaning_words(speech.normalise_for_wer(said), tokens)
    hypothesis = speech.meaning_words(speech.normalise_for_wer(heard), tokens)
    return (reference - hypothesis) + (hypothesis - reference)  # type: ignore[no-any-return]


def _names(speech: ModuleType, warning: Misheard) -> set[str]:
    """The normalised words a warning is about: as heard, and what may have been said."""
    return set(speech.normalise_for_wer(f"{warning.word} {warning.said}").split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="CI mode: a few replies, one voice")
    parser.add_argument("--limit", type=int, default=60, help="clean dev replies to say")
    parser.add_argument("--set", choices=("dev", "unseen", "scenarios"), default="dev",
                        help="dev: the first clean dev replies (the thresholds were tuned on the "
                        "first 120); unseen: the clean dev replies after those; scenarios: the "
                        "model answers of every shipped scenario")
    parser.add_argument("--voices", default="en-us@165,en-gb@180",
                        help="espeak-ng voices as voice@rate, comma-separated")
    args = parser.parse_args()
    speech = _speech_bench()
    if args.set == "scenarios":
        replies = speech.scenario_replies()
    else:
        replies = speech.dev_replies()[TUNED if args.set == "unseen" else 0:]
    replies = replies[: 4 if args.quick else args.limit]
    if not replies:
        replies = [speech.Reply(text, speech.call_names(text)) for text in speech.BUILTIN]
        print(f"no dev set at {speech.EVAL}: the built-in replies only")
    voices = [(v.split("@")[0], int(v.split("@")[1])) for v in args.voices.split(",")]
    voices = voices[:1] if args.quick else voices
    engine = load_engine()
    speaker = Speaker()
    folder = Path(tempfile.mkdtemp(prefix="bench-misheard-"))
    heard: list[tuple[Any, str, Transcript]] = []
    for voice, rate in voices:
        for i, reply in enumerate(replies):
            wav = speaker.save(reply.text, folder / f"{voice}-{rate}-{i}.wav", voice=voice,
                               rate=rate)
            heard.append((reply, f"{voice}@{rate}",
                          engine.transcribe(wav, vocabulary=reply.names)))
    print(f"{len(replies)} {args.set} replies x {len(voices)} espeak-ng voices = "
          f"{len(heard)} replies")
    report(speech, heard, examples=0 if args.quick else 12)


def report(speech: ModuleType, heard: Sequence[tuple[Any, str, Transcript]], *,
           examples: int = 0) -> tuple[float, float]:
    """Print the figures for transcripts already made; (share flagged, false alarms per 100)."""
    errors = flagged = changed_errors = changed_flagged = warnings = false_alarms = 0
    changed_replies = changed_warned = changed_right = 0
    seconds: list[float] = []
    shown: list[str] = []
    for reply, voice, transcript in heard:

        def decide(text: str, reply: Any = reply) -> dict[str, bool | None]:
            return speech.decisions(reply, text)  # type: ignore[no-any-return]

        started = time.perf_counter()
        found = misheard_words(transcript.text, decide, words=transcript.words,
                               probabilities=transcript.probabilities, names=reply.names)
        seconds.append(time.perf_counter() - started)
        wrong = _error_words(speech, reply.text, transcript.text, reply.names)
        named = set().union(*(_names(speech, w) for w in found)) if found else set()
        hits = sum(n for word, n in wrong.items() if word in named)
        changed = decide(reply.text) != decide(transcript.text)
        errors += sum(wrong.values())
        flagged += hits
        if changed:
            changed_replies += 1
            changed_warned += bool(found)
            changed_errors += sum(wrong.values())
            changed_flagged += hits
        warnings += len(found)
        # a warning is right when its reading brings the transcript nearer to what was said
        norm = speech.normalise_for_wer
        now = speech.word_errors(norm(reply.text), norm(transcript.text))[0]
        alarms = [w for w in found
                  if speech.word_errors(norm(reply.text), norm(w.reading(transcript.text)))[0]
                  >= now]
        false_alarms += len(alarms)
        changed_right += changed and len(alarms) < len(found)
        if (wrong or found) and len(shown) < examples:
            shown.append(f"  {voice}: said {reply.text!r}\n    heard {transcript.text!r}\n"
                         f"    errors {dict(wrong)}; warnings {[w.line for w in found]}")
    total = len(heard)
    if shown:
        print("examples:")
        print("\n".join(shown))
    share = 100 * flagged / max(1, errors)
    per_100 = 100 * false_alarms / max(1, total)
    print(f"meaning-word errors flagged: {flagged}/{errors} ({share:.0f} %)")
    print(f"  in replies whose checklist decisions changed: {changed_flagged}/{changed_errors} "
          f"errors ({100 * changed_flagged / max(1, changed_errors):.0f} %); "
          f"{changed_warned}/{changed_replies} such replies have a warning, "
          f"{changed_right} one that is right")
    print(f"false alarms per 100 replies: {per_100:.1f} "
          f"({false_alarms} of {warnings} warnings; a false alarm's reading is no nearer to "
          "what was said)")
    print(f"warning time per reply: {1000 * sum(seconds) / max(1, len(seconds)):.1f} ms mean")
    return share, per_100


if __name__ == "__main__":
    main()
