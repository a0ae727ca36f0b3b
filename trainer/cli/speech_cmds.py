"""Speech commands: say, voices, transcribe, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from trainer.cli.common import err, out, out_json
from trainer.errors import TrainerError, UsageError

DEFAULT_VOICE = "en-us"
DEFAULT_RATE = 165


def say(
    text: Annotated[str, typer.Argument(help="What to say.", show_default=False)],
    voice: Annotated[
        str, typer.Option("--voice", "-v", help="Voice id (see `trainer voices`), e.g. en-gb+f3.")
    ] = DEFAULT_VOICE,
    rate: Annotated[int, typer.Option("--rate", "-r", help="Words per minute.")] = DEFAULT_RATE,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write a WAV file instead of playing.", show_default=False
        ),
    ] = None,
    phone_line: Annotated[
        bool | None,
        typer.Option(
            "--phone-line/--no-phone-line",
            help="Sound like a telephone (300-3400 Hz, 8 kHz). Default: the config file's.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Speak TEXT with the recruiter's text-to-speech, or write it to a WAV file."""
    from trainer.config import load_speech_config
    from trainer.speech.tts import Speaker

    phone = load_speech_config().phone_line if phone_line is None else phone_line
    if out_file is not None:
        if out_file.suffix.lower() != ".wav":
            raise UsageError(f"--out {out_file}: the file name must end in .wav")
        path = Speaker().save(text, out_file, voice=voice, rate=rate, phone_line=phone)
        out(f"wrote {path}")
        return
    speaker = Speaker()
    problem = speaker.output_problem()  # said for `say`, not as a call's notice
    if problem:
        raise TrainerError(f"cannot play the speech here: {problem}. Use --out FILE.wav to "
                           "write it to a file instead.")
    job = speaker.speak(text, voice=voice, rate=rate, phone_line=phone)
    try:
        while not job.wait(timeout=0.2):
            pass
    except KeyboardInterrupt:
        job.cancel()
        raise
    if job.error:
        raise TrainerError(job.error)


def voices(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    english: Annotated[bool, typer.Option("--english", help="Only English voices.")] = False,
) -> None:
    """List the installed text-to-speech voices."""
    from trainer.speech.tts import Speaker

    found = [v for v in Speaker().voices() if not english or v.id.startswith("en")]
    if as_json:
        out_json([
            {"id": v.id, "name": v.name, "identifier": v.identifier, "gender": v.gender}
            for v in found
        ])
        return
    if not found:
        out("No voices installed.")
        return
    width = max(len(v.id) for v in found)
    out(f"{'ID':<{width}}  {'GENDER':<6}  NAME")
    for v in sorted(found, key=lambda v: v.id):
        out(f"{v.id:<{width}}  {(v.gender or '-'):<6}  {v.name}")
    out("\nAdd a variant with '+', e.g. en-us+f3 or en-gb+Annie (case matters).")


def transcribe(
    files: Annotated[list[Path], typer.Argument(help="Audio files (WAV, FLAC, AIFF).")],
    engine: Annotated[
        str | None,
        typer.Option("--engine", "-e", help="whisper-base (default), faster-whisper "
                     "(tiny.en), moonshine, pocketsphinx, whisper-local, vosk, google.",
                     show_default=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per file per line.")
    ] = False,
    model_path: Annotated[
        Path | None,
        typer.Option("--model-path", help="Model folder for whisper-local or vosk.",
                     show_default=False),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", help="Bias towards this scenario's names and figures.",
                     show_default=False),
    ] = None,
    allow_online: Annotated[
        bool, typer.Option("--allow-online", help="Allow an online engine (sends your voice).")
    ] = False,
) -> None:
    """Print what the speech engine hears in each FILE (the engine loads once)."""
    from trainer.speech.stt import load_engine, scenario_vocabulary

    vocabulary: list[str] = []
    if scenario is not None:
        from trainer.scenario.catalog import load_catalog

        vocabulary = scenario_vocabulary(load_catalog().get(scenario))
    stt = load_engine(engine, model_path=model_path, allow_online=allow_online or None)
    failures = 0
    for path in files:
        try:
            result = stt.transcribe(path, vocabulary=vocabulary)
        except TrainerError as exc:
            failures += 1
            if as_json:
                out_json({"file": str(path), "error": exc.message}, indent=None)
            else:
                err(f"error: {exc.message}")
            continue
        if as_json:
            row: dict[str, Any] = {"file": str(path), **result.to_json()}
            out_json(row, indent=None)
        elif len(files) > 1:
            out(f"{path}: {result.text}")
        else:
            out(result.text)
    if failures:
        raise typer.Exit(1)


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    level_seconds: Annotated[
        float, typer.Option("--level-seconds", help="Show the microphone's live level this "
                            "long (Enter stops it; 0 skips it).")
    ] = 5.0,
) -> None:
    """Check the microphone, audio output, espeak-ng, pyttsx3 and each speech engine."""
    from trainer.speech.doctor import run_checks

    checks = run_checks()
    if as_json:
        out_json([check.to_json() for check in checks])
    else:
        width = max(len(check.name) for check in checks)
        for check in checks:
            mark = "FAIL" if not check.ok else "warn" if check.warning else "ok  "
            out(f"{mark} {check.name:<{width}}  {check.detail}")
            if check.fix and (not check.ok or check.warning):
                out(f"     {'':<{width}}  fix: {check.fix}")
        microphone = next((check for check in checks if check.name == "microphone"), None)
        if microphone is not None and microphone.ok and level_seconds > 0:
            _show_level(level_seconds)
    if not all(check.ok for check in checks):
        raise typer.Exit(1)


def _show_level(seconds: float) -> None:
    """The microphone's level, live on a terminal (until Enter), else its loudest moment."""
    import select
    import sys

    from trainer.speech.doctor import live_level

    live = sys.stdout.isatty()
    if live:
        out(f"Speak now to see the microphone's level ({seconds:g} s, Enter stops):")

    def pressed_enter() -> bool:
        if not (live and sys.stdin.isatty()):
            return False
        ready, _, _ = select.select([sys.stdin], [], [], 0)
        return bool(ready) and bool(sys.stdin.readline() or True)

    def show(dbfs: float) -> None:
        if live:
            filled = max(0, min(40, round((dbfs + 60) / 60 * 40)))
            sys.stdout.write(f"\r  level {'#' * filled:<40} {dbfs:6.1f} dBFS")
            sys.stdout.flush()

    try:
        loudest = live_level(seconds, show, stop=pressed_enter)
    except TrainerError as exc:
        err(f"error: the live level stopped: {exc.message}")
        return
    if live:
        out()
    hint = "speech reaches it" if loudest > -30 else "quiet: speak up, or check it is not muted"
    out(f"microphone level: loudest {loudest:.1f} dBFS over {seconds:g} s ({hint})")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("say")(say)
    app.command("voices")(voices)
    app.command("transcribe")(transcribe)
    app.command("doctor")(doctor)
