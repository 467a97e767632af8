"""Many inputs at once: numpy evaluation level by level, in a machine integer type proved safe.

The network is compiled once into a `Plan`: neurons grouped by depth (every neuron of a level
reads only earlier levels), each level's edges gathered into one array, and node values kept in
a small buffer of slots that are reused as soon as no later level reads them. A level is then a
gather, a multiply, an `np.add.reduceat` and a relu over the whole batch.

The integer type is the narrowest one that `bound_analysis` proves safe; when no type is safe
(or weights are not integers) the batch falls back to the exact simulator, input by input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulate.analysis import bound_analysis, node_depths
from simulate.errors import BadInputError
from simulate.network import Network

_BUFFER_BYTES = 64 << 20  # target size of the value buffer; larger batches run in chunks


@dataclass(frozen=True)
class Level:
    """One level of the plan: edges `edges` (CSR indices) gathered from slots `gather`."""

    edges: np.ndarray
    gather: np.ndarray
    starts: np.ndarray
    out: np.ndarray


@dataclass(frozen=True)
class Plan:
    """A network compiled for batched evaluation (see the module docstring)."""

    n_slots: int
    zero_slot: int
    levels: tuple[Level, ...]
    output_slots: np.ndarray
    max_level_edges: int


def plan(network: Network) -> Plan:
    """Compile (once, memoised) the level-by-level evaluation plan of a network."""
    return network.memo("plan", lambda: _compile(network))  # type: ignore[return-value]


def _compile(network: Network) -> Plan:
    n0 = network.first_neuron
    depth = node_depths(network)
    fan = np.diff(network.indptr)
    neurons = np.arange(n0, network.n_nodes, dtype=np.int64)
    live = neurons[fan > 0]
    ndepth = depth[live]
    order = np.argsort(ndepth, kind="stable")
    live = live[order]
    ndepth = ndepth[order]
    n_levels = int(depth.max()) if network.n_neurons else 0
    level_bounds = np.searchsorted(ndepth, np.arange(1, n_levels + 2))
    # last level that reads each node (outputs: never freed)
    last_use = depth.copy()
    if network.n_edges:
        consumer_level = np.repeat(depth[n0:], fan)
        np.maximum.at(last_use, network.sources.astype(np.int64), consumer_level)
    big = n_levels + 1
    for _, node in network.outputs:
        last_use[node] = big
    last_use[:n0] = big  # sources keep their fixed slots
    # neurons freed after each level
    by_last = np.argsort(last_use[live], kind="stable")
    freed_bounds = np.searchsorted(last_use[live][by_last], np.arange(1, n_levels + 2))
    zero_slot = n0
    slot_of = np.full(network.n_nodes, zero_slot, dtype=np.int64)
    slot_of[:n0] = np.arange(n0)
    free: list[int] = []
    next_slot = n0 + 1
    levels = []
    max_edges = 0
    indptr = network.indptr
    for lv in range(1, n_levels + 1):
        a, b = int(level_bounds[lv - 1]), int(level_bounds[lv])
        nodes = live[a:b]
        if len(nodes) == 0:
            continue
        counts = fan[nodes - n0]
        starts_csr = indptr[nodes - n0]
        offs = np.zeros(len(nodes), dtype=np.int64)
        np.cumsum(counts[:-1], out=offs[1:])
        total = int(offs[-1] + counts[-1])
        edges = np.repeat(starts_csr - offs, counts) + np.arange(total, dtype=np.int64)
        gather = slot_of[network.sources[edges]]
        # free the slots of nodes whose last reader is this level, then allocate
        fa, fb = int(freed_bounds[lv - 1]), int(freed_bounds[lv])
        dying = live[by_last[fa:fb]]
        dying_now = dying[depth[dying] < lv]
        free.extend(slot_of[dying_now].tolist())
        k = len(nodes)
        take = free[len(free) - k :] if k <= len(free) else list(free)
        del free[len(free) - len(take) :]
        new = list(range(next_slot, next_slot + k - len(take)))
        next_slot += len(new)
        out = np.asarray(take + new, dtype=np.int64)
        slot_of[nodes] = out
        dead = dying[depth[dying] == lv]  # written but never read: free at once
        free.extend(slot_of[dead].tolist())
        max_edges = max(max_edges, total)
        levels.append(Level(edges, gather.astype(np.intp), offs, out.astype(np.intp)))
    output_slots = np.asarray([slot_of[node] for _, node in network.outputs], dtype=np.intp)
    return Plan(next_slot, zero_slot, tuple(levels), output_slots, max_edges)


def run_plan(network: Network, inputs: np.ndarray, dtype: type) -> np.ndarray:
    """Evaluate every output on every input row with numpy in `dtype` (no safety check here)."""
    p = plan(network)
    if isinstance(network.weights, np.ndarray):
        weights = network.weights.astype(dtype)
    else:  # only the float foil gets here: huge weights become +-inf, fractions round
        weights = np.array([_to_float(w) for w in network.weights], dtype=dtype)
    level_w = [weights[lv.edges][:, None] for lv in p.levels]
    batch = inputs.shape[0]
    itemsize = np.dtype(dtype).itemsize
    rows = max(p.n_slots, p.max_level_edges, 1)
    chunk = max(1, min(batch, _BUFFER_BYTES // (rows * itemsize)))
    result = np.empty((batch, len(p.output_slots)), dtype=dtype)
    n0 = network.first_neuron
    for c in range(0, batch, chunk):
        block = inputs[c : c + chunk]
        values = np.empty((p.n_slots, block.shape[0]), dtype=dtype)
        values[0] = 1
        values[1:n0] = block.T
        values[p.zero_slot] = 0
        with np.errstate(all="ignore"):  # only the float foil can overflow (inf * 0 = nan)
            for lv, w in zip(p.levels, level_w, strict=True):
                g = values[lv.gather]
                g *= w
                s = np.add.reduceat(g, lv.starts, axis=0, dtype=dtype)
                np.maximum(s, 0, out=s)
                values[lv.out] = s
        result[c : c + chunk] = values[p.output_slots].T
    return result


def _to_float(w: object) -> float:
    try:
        return float(w)  # type: ignore[arg-type]
    except OverflowError:
        return float("inf") if w > 0 else float("-inf")  # type: ignore[operator]


def check_inputs(network: Network, inputs: np.ndarray) -> np.ndarray:
    """The batch as a (B, n) uint8 array of 0/1; raises BadInputError otherwise."""
    arr = np.asarray(inputs)
    if arr.ndim != 2 or arr.shape[1] != network.n_inputs:
        raise BadInputError(
            f"inputs must have shape (B, {network.n_inputs}), not {tuple(arr.shape)}"
        )
    if arr.size and not np.all((arr == 0) | (arr == 1)):
        raise BadInputError("inputs must be 0 or 1")
    return arr.astype(np.uint8, copy=False)


def simulate_batch(network: Network, inputs: np.ndarray, mode: str = "batch") -> np.ndarray:
    """Every output on every input row: an array of shape (B, n_outputs).

    mode="batch": int64 when `bound_analysis` proves a machine integer type safe (the work is
    done in the narrowest such type); otherwise dtype=object holding exact ints/Fractions,
    computed by the exact simulator. Modes "exact" and "proof" run that simulator row by row.
    mode="float": numpy float64, the foil that shows where floating point goes wrong.
    """
    from simulate.exact import simulate

    arr = check_inputs(network, inputs)
    if mode == "float":
        return run_plan(network, arr, np.float64)
    if mode not in ("batch", "exact", "proof"):
        raise ValueError(f"unknown mode {mode!r} (batch, exact, proof, float)")
    if mode == "batch":
        dtype = bound_analysis(network).dtype
        if dtype is not None:
            return run_plan(network, arr, dtype).astype(np.int64, copy=False)
    names = [nm for nm, _ in network.outputs]
    out = np.empty((arr.shape[0], len(names)), dtype=object)
    sub = "exact" if mode == "batch" else mode
    for i, row in enumerate(arr):
        res = simulate(network, row, mode=sub)
        for k, nm in enumerate(names):
            out[i, k] = res.outputs[nm]
    return out


def all_inputs(n: int) -> np.ndarray:
    """All 2^n inputs as a (2^n, n) uint8 array; row i has x_k = bit k-1 of i (x1 least
    significant), the convention of machines/encoding.py."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if n > 40:
        raise ValueError(f"2^{n} inputs do not fit in memory")
    idx = np.arange(1 << n, dtype=np.uint64)
    shifts = np.arange(n, dtype=np.uint64)
    return ((idx[:, None] >> shifts[None, :]) & np.uint64(1)).astype(np.uint8)


def sample_inputs(n: int, k: int, seed: int) -> np.ndarray:
    """k distinct inputs drawn uniformly with `seed` (all 2^n when k >= 2^n), sorted by index."""
    if n < 0 or k < 0:
        raise ValueError("n and k must be >= 0")
    if n < 62 and k >= (1 << n):
        return all_inputs(n)
    rng = np.random.default_rng(seed)
    rows = np.empty((0, n), dtype=np.uint8)
    while len(rows) < k:
        fresh = rng.integers(0, 2, size=(k - len(rows), n), dtype=np.uint8)
        rows = np.unique(np.concatenate([rows, fresh]), axis=0)
    rows = rows[:k]
    # sort by index (x1 least significant): lexicographic on the reversed columns
    order = np.lexsort(rows.T) if n else np.arange(len(rows))
    return rows[order]
