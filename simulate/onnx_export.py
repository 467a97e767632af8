"""Export a network as an ONNX model that onnxruntime evaluates exactly.

`to_onnx(network, dtype="auto")` lays the DAG out layer by layer: layer d holds the neurons of
depth d (`analysis.node_depths`), and a state tensor (B, W_d) carries every earlier node a later
layer or an output still reads (the skip connections; column 0 is the constant 1, so biases are
ordinary weights). Each layer is one product of the state with its weights, chosen by size:

* **dense**: ``MatMul(state, W)`` with a (W_d, n_d) initializer, when W_d <= DENSE_RATIO * k
  (k the layer's largest fan-in) or the matrix has at most DENSE_SMALL entries;
* **sparse**: ``Gather`` of the n_d * k source columns, ``Reshape`` to (B, n_d, k), ``Mul`` by
  the padded (n_d, k) weights and ``ReduceSum`` over k (fan-in 1: ``Gather`` and ``Mul``).

then ``Relu`` (float64) or ``Max(z, 0)`` (int64: onnxruntime has no int64 Relu kernel), and the
new state is ``Concat`` of the still-needed columns and the layer. The outputs are gathered from
the last state.

Exactness is proved, not hoped for (`analysis.bound_analysis`, interval arithmetic over inputs
in {0, 1}): with integer weights, every product and every partial sum of every pre-activation
is an integer of absolute value at most the neuron's bound, in any summation order. float64 is
exact when every bound and weight is below 2^53, int64 when below 2^63; `dtype="auto"` takes
float64 when it is exact (onnxruntime's double kernels are the faster ones), else int64, else
refuses with `OnnxExportError` naming the bound and the first neuron that breaks it.

Opset 17, IR version 8 (onnxruntime >= 1.12 loads both). `onnx` is an optional dependency (the
`onnx` extra); it is imported when a model is built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from tmnet.simulate.analysis import bound_analysis, node_depths
from tmnet.simulate.errors import NetworkError
from tmnet.simulate.network import Network

OPSET = 17
IR_VERSION = 8
DENSE_RATIO = 4  # dense when the state is at most this many times the layer's fan-in
DENSE_SMALL = 4096  # ... or when the dense matrix is this small anyway
LIMITS = {"float64": 2**53 - 1, "int64": 2**63 - 1}
DTYPES = ("auto", "float64", "int64")


class OnnxExportError(NetworkError):
    """The network cannot be exported exactly (its proved bounds fit no ONNX number type)."""


@dataclass(frozen=True)
class OnnxLayout:
    """What `to_onnx` built: the number type, and per layer (neurons, state width, kind)."""

    dtype: str
    layers: tuple[tuple[int, int, str], ...]
    magnitude_bits: int

    @property
    def dense_layers(self) -> int:
        return sum(1 for _, _, kind in self.layers if kind == "dense")


def _first_over(network: Network, limit: int) -> tuple[int, object] | None:
    """The first neuron (node number) whose pre-activation bound or a weight exceeds `limit`."""
    report = bound_analysis(network)
    ws = network.exact_weights()
    ip = network.indptr.tolist()
    for j, mag in enumerate(report.neuron_magnitude):
        big = max((abs(w) for w in ws[ip[j] : ip[j + 1]]), default=0)
        worst = max(mag, big)
        if worst > limit:
            return network.first_neuron + j, worst
    return None


def choose_dtype(network: Network, dtype: str = "auto") -> str:
    """The exact number type for `network` ("float64" or "int64"), or `OnnxExportError`."""
    if dtype not in DTYPES:
        raise OnnxExportError(f"unknown dtype {dtype!r}", hint="auto, float64 or int64")
    if not network.integer_weights:
        ws = network.exact_weights()
        e = next(i for i, w in enumerate(ws) if isinstance(w, Fraction))
        j = int(np.searchsorted(network.indptr, e, side="right")) - 1
        raise OnnxExportError(
            f"neuron {network.node_name(network.first_neuron + j)} has the weight {ws[e]}, "
            "not an integer: ONNX's int64 and float64 are exact on integers only",
            hint="export networks with integer weights (both printers make them)",
        )
    report = bound_analysis(network)
    bound = max(report.magnitude, report.max_abs_weight, 1)
    candidates = ("float64", "int64") if dtype == "auto" else (dtype,)
    for dt in candidates:
        if bound <= LIMITS[dt]:
            return dt
    dt = candidates[-1]
    node, worst = _first_over(network, LIMITS[dt])  # type: ignore[misc]
    raise OnnxExportError(
        f"the proved bound on the pre-activations is {bound} ({int(bound).bit_length()} bits), "
        f"beyond {dt}'s exact range (below 2^{LIMITS[dt].bit_length()}); the first neuron "
        f"that breaks it is {network.node_name(node)} (bound {worst})",
        hint="export a smaller n, or simulate exactly with `tmnet simulate --mode batch`",
    )


def to_onnx(network: Network, dtype: str = "auto"):  # -> onnx.ModelProto
    """The ONNX model of `network` (see the module docstring); returns (model, OnnxLayout)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    dt = choose_dtype(network, dtype)
    np_dt = np.float64 if dt == "float64" else np.int64
    onnx_dt = TensorProto.DOUBLE if dt == "float64" else TensorProto.INT64
    n0 = network.first_neuron
    depth = node_depths(network)
    ip = network.indptr.astype(np.int64)
    src = network.sources.astype(np.int64)
    # every weight is an integer within the chosen type's exact range (choose_dtype proved it)
    weights = (
        network.weights.astype(np.int64)
        if isinstance(network.weights, np.ndarray)
        else np.array([int(x) for x in network.weights], dtype=np.int64)
    )
    out_nodes = [node for _, node in network.outputs]
    n_layers = int(depth.max()) if network.n_neurons else 0
    nodes: list = []
    inits: list = []
    counter = [0]

    def name(prefix: str) -> str:
        counter[0] += 1
        return f"{prefix}{counter[0]}"

    def const(arr: np.ndarray, prefix: str = "c") -> str:
        nm = name(prefix)
        inits.append(numpy_helper.from_array(arr, nm))
        return nm

    def op(kind: str, inputs: list[str], **attrs) -> str:
        out = name(kind.lower())
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    # layer 0: the sources [1, x1..xn] (column 0 is the constant 1: biases are weights)
    nodes.append(helper.make_node("Shape", ["x"], ["shape_x"]))
    batch = op("Slice", ["shape_x", const(np.array([0])), const(np.array([1]))])
    one_shape = op("Concat", [const(np.array([1])), batch], axis=0)
    ones = op(
        "ConstantOfShape",
        [one_shape],
        value=numpy_helper.from_array(np.array([1], dtype=np_dt)),
    )
    # feature-major tensors (nodes, B): a Gather of nodes copies whole contiguous rows
    tensors = [op("Concat", [ones, op("Transpose", ["x"], perm=[1, 0])], axis=0)]
    by_depth: list[list[int]] = [[] for _ in range(n_layers + 1)]
    for j in range(network.n_neurons):
        by_depth[int(depth[n0 + j])].append(n0 + j)
    # where every node lives: its layer and its column in that layer's tensor
    layer_of = depth.copy()
    column = np.arange(network.n_nodes, dtype=np.int64)
    for d in range(1, n_layers + 1):
        column[by_depth[d]] = np.arange(len(by_depth[d]))
    sizes = [n0] + [len(by_depth[d]) for d in range(1, n_layers + 1)]

    def gather_nodes(want: np.ndarray) -> tuple[str, np.ndarray]:
        """A tensor holding the distinct nodes `want` reads (one Gather per source layer,
        concatenated), and each node's column in it."""
        uniq = np.unique(want)
        read_layers = np.unique(layer_of[uniq])
        if len(read_layers) == 1:  # one source layer: index it directly
            return tensors[int(read_layers[0])], column[want]
        parts, base = [], 0
        where = {}
        for s in read_layers.tolist():
            mine = uniq[layer_of[uniq] == s]
            cols_s = column[mine]
            if len(cols_s) == sizes[s] and (cols_s == np.arange(sizes[s])).all():
                parts.append(tensors[s])
            else:
                parts.append(op("Gather", [tensors[s], const(cols_s, "cols")], axis=0))
            for k, v in enumerate(mine.tolist()):
                where[v] = base + k
            base += len(mine)
        t = parts[0] if len(parts) == 1 else op("Concat", parts, axis=0)
        return t, np.array([where[v] for v in want.tolist()], dtype=np.int64)

    zero = const(np.array(0, dtype=np_dt), "zero") if dt == "int64" else ""
    layers: list[tuple[int, int, str]] = []
    for d in range(1, n_layers + 1):
        js = np.asarray(by_depth[d], dtype=np.int64) - n0
        n_d = len(js)
        fan = ip[js + 1] - ip[js]
        k = max(int(fan.max()), 1)
        # the layer's edges: neuron c (in layer order), slot within its fan-in, weight
        c_of = np.repeat(np.arange(n_d), fan)
        starts = np.repeat(ip[js], fan)
        e = starts + (np.arange(len(c_of)) - np.repeat(np.cumsum(fan) - fan, fan))
        w = weights[e].astype(np_dt)
        read = src[e]
        layers_read = np.unique(layer_of[read]) if len(read) else np.zeros(1, dtype=np.int64)
        width = int(sum(sizes[s] for s in layers_read.tolist()))
        if width <= DENSE_RATIO * k or width * n_d <= DENSE_SMALL:
            # one MatMul over the concatenated source layers
            parts, offset = [], {}
            for s in layers_read.tolist():
                offset[s] = sum(sizes[t] for t in layers_read.tolist() if t < s)
                parts.append(tensors[s])
            xin = parts[0] if len(parts) == 1 else op("Concat", parts, axis=0)
            mat = np.zeros((n_d, width), dtype=np_dt)
            if len(read):
                rows = np.array([offset[s] for s in layer_of[read].tolist()]) + column[read]
                np.add.at(mat, (c_of, rows), w)
            z = op("MatMul", [const(mat, "w"), xin])
            kind = "dense"
        else:
            # the sparse product: gather the sources, multiply by the padded weights, sum
            g, col = gather_nodes(read)
            idx = np.zeros((n_d, k), dtype=np.int64)
            wts = np.zeros((n_d, k), dtype=np_dt)
            slot = e - starts
            idx[c_of, slot] = col
            wts[c_of, slot] = w
            gi = op("Gather", [g, const(idx.reshape(-1), "idx")], axis=0)
            if k == 1:
                z = op("Mul", [gi, const(wts.reshape(-1, 1), "w")])
            else:
                # (n_d, 1, k) @ (n_d, k, B): one small product per neuron, in one MatMul
                r = op("Reshape", [gi, const(np.array([n_d, k, -1], dtype=np.int64))])
                m = op("MatMul", [const(wts.reshape(n_d, 1, k), "w"), r])
                z = op("Reshape", [m, const(np.array([n_d, -1], dtype=np.int64))])
            kind = "sparse"
        tensors.append(op("Relu", [z]) if dt == "float64" else op("Max", [z, zero]))
        layers.append((n_d, width, kind))
    g, col = gather_nodes(np.asarray(out_nodes, dtype=np.int64))
    y = op("Transpose", [op("Gather", [g, const(col, "out")], axis=0)], perm=[1, 0])
    nodes.append(helper.make_node("Identity", [y], ["y"]))
    graph = helper.make_graph(
        nodes,
        network.name or "network",
        [helper.make_tensor_value_info("x", onnx_dt, ["batch", network.n_inputs])],
        [helper.make_tensor_value_info("y", onnx_dt, ["batch", len(out_nodes)])],
        initializer=inits,
    )
    graph.doc_string = f"tmnet network {network.name}: outputs " + ", ".join(
        nm for nm, _ in network.outputs
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        ir_version=IR_VERSION,
        producer_name="tmnet",
    )
    onnx.checker.check_model(model)
    layout = OnnxLayout(dt, tuple(layers), bound_analysis(network).magnitude_bits)
    return model, layout


def write_onnx(network: Network, path: str | os.PathLike[str], dtype: str = "auto") -> OnnxLayout:
    """Write the ONNX model of `network` to `path` (atomically); returns its layout."""
    from tmnet.simulate.atomicio import atomic_write

    model, layout = to_onnx(network, dtype)
    atomic_write(path, model.SerializeToString())
    return layout


def run_onnx(model_bytes: bytes, inputs: np.ndarray, dtype: str) -> np.ndarray:
    """Evaluate a model with onnxruntime on a (B, n) 0/1 array (one thread: reproducible)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(model_bytes, opts, providers=["CPUExecutionProvider"])
    x = np.ascontiguousarray(inputs, dtype=np.float64 if dtype == "float64" else np.int64)
    return sess.run(["y"], {"x": x})[0]
