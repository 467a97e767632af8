"""The float foil: the network evaluated in numpy float64, written once.

Floats are not exact (Theorem 6.1 needs exact values; docs/network-format.md): weights beyond
float range become +-inf, fractions round, and sums beyond 2^53 lose bits. The foil exists to
show where that goes wrong, next to the exact modes (`simulate.modes.SIM_MODES`). Both the
one-input ``simulate(..., mode="float")`` and ``simulate_batch(..., mode="float")`` run
`float_foil`; it is the batch plan of `simulate.batch` in float64, with the weights converted by
`simulate.numbers.to_float`.

Optimisation (labelled, tested bit for bit against the plan): for a few rows of a deep, narrow
network numpy's fixed cost per level dominates (the lookup networks of Theorem 4.1: ~7 neurons
per level), so `float_foil` then runs `_scalar_rows`, the same float64 operations in the same
order with Python floats over the CSR lists. The plan's operations are: each product
val(src_e) * w_e, a level's products summed per neuron by `np.add.reduceat` (the first product
plus numpy's pairwise sum of the rest, `_pairwise`), and relu as `np.maximum(s, 0)` (NaN kept,
-0.0 made 0.0). `_use_scalar` picks the path by the measured rule in its docstring.
"""

from __future__ import annotations

import numpy as np

from tmnet.simulate.analysis import node_depths
from tmnet.simulate.batch import run_plan
from tmnet.simulate.network import Network
from tmnet.simulate.numbers import to_float

# Rule of `_use_scalar`, measured on one row of `benchmarks.simulate_speed.layered_network`
# (300 levels, fan-in 3 + bias, best of 30 calls each): the Python loop is 3.0x faster than the
# plan at 16 edges per level, 1.6x at 32, 1.05x at 48, 0.81x at 64 and 0.74x at 96.
SCALAR_EDGES_PER_LEVEL = 50
_PW_BLOCK = 128  # numpy's PW_BLOCKSIZE (numpy/_core/src/umath/loops_utils.h.src)


def _float_weights(network: Network) -> np.ndarray:
    def compute() -> np.ndarray:
        if isinstance(network.weights, np.ndarray):
            return network.weights.astype(np.float64)
        return np.array([to_float(w) for w in network.weights], dtype=np.float64)

    return network.memo("float_weights", compute)  # type: ignore[return-value]


def _every_node(network: Network) -> Network:
    """The same network with every node as an output (so the plan keeps every value)."""

    def compute() -> Network:
        outputs = tuple((f"v{i}", i) for i in range(network.n_nodes))
        return Network(
            network.n_inputs,
            network.input_names,
            network.indptr,
            network.sources,
            network.weights,
            outputs,
            name=network.name,
        )

    return network.memo("every_node", compute)  # type: ignore[return-value]


def _use_scalar(network: Network, rows: int) -> bool:
    """Whether `_scalar_rows` is faster than the numpy plan for `rows` rows: the Python loop
    costs ~rows * edges, the plan ~levels (fixed cost per numpy call) + edges, so the loop wins
    while rows * (mean edges per level) < SCALAR_EDGES_PER_LEVEL."""
    if rows == 0 or network.n_neurons == 0:
        return rows > 0

    def levels() -> int:
        return int(node_depths(network).max())

    n_levels = network.memo("float_levels", levels)
    return rows * network.n_edges < SCALAR_EDGES_PER_LEVEL * max(1, n_levels)  # type: ignore[operator]


def _pairwise(p: list[float], lo: int, n: int) -> float:
    """numpy's pairwise sum of p[lo:lo+n] (`pairwise_sum` in loops_utils.h.src), the order in
    which `np.add.reduceat` adds a segment after its first element."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += p[i]
        return res
    if n <= _PW_BLOCK:
        r0, r1, r2, r3, r4, r5, r6, r7 = p[lo : lo + 8]
        end = lo + n - n % 8
        i = lo + 8
        while i < end:
            r0 += p[i]
            r1 += p[i + 1]
            r2 += p[i + 2]
            r3 += p[i + 3]
            r4 += p[i + 4]
            r5 += p[i + 5]
            r6 += p[i + 6]
            r7 += p[i + 7]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for j in range(end, lo + n):
            res += p[j]
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return _pairwise(p, lo, n2) + _pairwise(p, lo + n2, n - n2)


def _scalar_lists(network: Network) -> tuple[list[int], list[int], list[float]]:
    def compute() -> tuple[list[int], list[int], list[float]]:
        w = _float_weights(network).tolist()
        return network.indptr.tolist(), network.sources.tolist(), w

    return network.memo("float_scalar_lists", compute)  # type: ignore[return-value]


def _scalar_row(network: Network, bits: list[int]) -> list[float]:
    """Every node's float64 value on one input, neuron by neuron in CSR order: the plan's
    operations (module docstring) with Python floats."""
    ip, src, ws = _scalar_lists(network)
    vals = [1.0] + [float(b) for b in bits]
    append = vals.append
    a = 0
    for b in ip[1:]:
        k = b - a
        if k == 0:  # no edges: the plan's zero slot
            append(0.0)
            continue
        s = vals[src[a]] * ws[a]
        if k > 1:
            if k <= 8:  # n - 1 < 8: numpy adds the rest one by one from 0.0
                rest = 0.0
                for e in range(a + 1, b):
                    rest += vals[src[e]] * ws[e]
            else:
                p = [vals[j] * w for j, w in zip(src[a + 1 : b], ws[a + 1 : b], strict=True)]
                rest = _pairwise(p, 0, k - 1)
            s = s + rest
        append(s if s > 0.0 or s != s else 0.0)  # np.maximum(s, 0): NaN stays, -0.0 -> 0.0
        a = b
    return vals


def _scalar_rows(network: Network, inputs: np.ndarray, every_node: bool) -> np.ndarray:
    """`float_foil` row by row with `_scalar_row` (the labelled fast path)."""
    outs = None if every_node else [node for _, node in network.outputs]
    rows = []
    for bits in inputs.tolist():
        vals = _scalar_row(network, bits)
        rows.append(vals if outs is None else [vals[j] for j in outs])
    width = network.n_nodes if every_node else len(network.outputs)
    return np.array(rows, dtype=np.float64).reshape(len(rows), width)


def float_foil(network: Network, inputs: np.ndarray, every_node: bool = False) -> np.ndarray:
    """float64 values on a (B, n) 0/1 array: the outputs, shape (B, n_outputs), or with
    `every_node` the value of every node (constant, inputs, neurons), shape (B, n_nodes).

    A few rows of a narrow network run the labelled fast path `_scalar_rows` (bit-identical;
    `_use_scalar`), everything else the numpy plan `float_plan`."""
    if _use_scalar(network, inputs.shape[0]):
        return _scalar_rows(network, inputs, every_node)
    return float_plan(network, inputs, every_node)


def float_plan(network: Network, inputs: np.ndarray, every_node: bool = False) -> np.ndarray:
    """`float_foil` by the numpy batch plan alone (the reference of the fast path)."""
    net = _every_node(network) if every_node else network
    return run_plan(net, inputs, np.float64, weights=_float_weights(network))
