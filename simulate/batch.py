"""Many inputs at once: numpy evaluation level by level, in a machine integer type proved safe.

The network is compiled once into a `Plan`: neurons grouped by depth (every neuron of a level
reads only earlier levels), each level's edges gathered into one array, and node values kept in
a small buffer of slots that are reused as soon as no later level reads them. A level is then a
gather, a multiply, an `np.add.reduceat` and a relu over the whole batch.

The integer type is the narrowest one that `bound_analysis` proves safe. When no type is safe for
the whole network (huge or rational weights: the lookup networks of Theorem 4.1), `hybrid_plan`
is used instead, still vectorised over the batch: int64 for the neurons that the per-neuron
bounds prove safe, numpy object arrays of gmpy2 numbers for the others (exact; 0 sources are
skipped and 1 sources add their weight without a product).

The static bounds cannot see that a gadget output such as relu(y - relu(y - 1)) (Lemma 3.1)
stays in [0, 1], so `run_hybrid` also proves int64 at run time: an object result that is an
integer fitting int64 is stored as int64 and marked when written, and a group of object neurons
with integer weights is computed in int64 when sum_e |w_e| * max over the batch of val(src_e),
from this batch's actual values, is below 2^63 (`_runtime_int`); otherwise the exact object path
runs. The proof is computed, never assumed; `run_hybrid(..., stats=...)` reports the counts.

The clamp of Lemma 3.1 itself, t = relu(a*y - a*relu(y - c)), is recognised statically
(`analysis.min_gadgets`): its bound is a*min(hi_y, c), and the object plan computes it as
a*min(y, c) without forming y - c or the big difference, skipping relu(y - c) when nothing else
reads it. The identity holds because every node value is >= 0; the tests check it against
Theorem 6.1's simulator on random networks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

import gmpy2
import numpy as np

from tmnet.simulate.analysis import MinGadgets, bound_analysis, min_gadgets, node_depths
from tmnet.simulate.errors import BadInputError
from tmnet.simulate.network import Network
from tmnet.simulate.numbers import to_python

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


def run_plan(
    network: Network, inputs: np.ndarray, dtype: type, weights: np.ndarray | None = None
) -> np.ndarray:
    """Evaluate every output on every input row with numpy in `dtype` (no safety check here).

    `weights`: the edge weights already in `dtype` (the float foil passes its conversion,
    `simulate.float_foil`); by default the network's weights, which must then fit `dtype`."""
    p = plan(network)
    if weights is None:
        weights = np.asarray(network.weights).astype(dtype)
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


# exact plan for networks that are not int64-safe as a whole ----------------------------------
_I64_MAX = int(np.iinfo(np.int64).max)


@dataclass(frozen=True)
class Term:
    """Term number j of every object neuron of a level that has one (rows 0..k-1, sorted by
    fan-in): weights (k, 1) of gmpy2 numbers; sources read from the int64 buffer (rows
    `int_rows`, slots `int_gather`) or from the object buffer (`obj_rows`, `obj_gather`)."""

    k: int
    weights: np.ndarray
    unit: np.ndarray  # (k, 1) bool: the weight is 1 or -1 (no product to form)
    negative: np.ndarray | None  # (k, 1) bool: the weight is -1 (None when there is none)
    int_rows: np.ndarray
    int_gather: np.ndarray
    obj_rows: np.ndarray
    obj_gather: np.ndarray
    bias: bool  # every row reads the constant 1: the term is the weight itself
    all_unit: bool  # every weight is 1 or -1: whether a source is 1 does not matter
    bias_before: bool = False  # an earlier term of every row is a bias (`seen` is all True)


@dataclass(frozen=True)
class ObjLevel:
    """The neurons of a level that int64 cannot be proved safe for, term by term; results go to
    the int64 buffer (rows `to_int`, slots `int_out`) or the object buffer."""

    terms: tuple[Term, ...]
    to_int: np.ndarray
    int_out: np.ndarray
    to_obj: np.ndarray
    obj_out: np.ndarray
    check_small: np.ndarray  # rows of `to_obj` whose values are integers (may fit int64)
    need_one: np.ndarray  # (len(to_obj), 1) bool: some edge with a weight other than +-1 reads it
    runtime: RuntimeInt | None = None


@dataclass(frozen=True)
class RuntimeInt:
    """The rows of an object level that int64 may be proved safe for at run time (integer
    weights that fit int64, integral sources), as CSR over those rows: edge weights `w` and
    their absolute values as float64 `absw`, sources by buffer (`src_obj`) and slot."""

    rows: np.ndarray
    counts: np.ndarray
    starts: np.ndarray
    w: np.ndarray
    absw: np.ndarray
    src_obj: np.ndarray
    src_slot: np.ndarray


@dataclass(frozen=True)
class ClampRows:
    """The clamps of a level (`analysis.min_gadgets`), computed as a*min(val(y), c) instead of
    from their edges: y is read like a `Term`'s sources (rows 0..k-1 from the int64 buffer or
    the object buffer); results are written like an object level's (`out`, no `terms`).
    `cap64`/`scale64` (k, 1) are the int64 forms (c capped at 2^63 - 1, which changes no
    minimum with an int64 value) when every c and a is such an integer and every result goes
    to the int64 buffer; otherwise None and the object arrays `cap`/`scale` are used."""

    k: int
    int_rows: np.ndarray
    int_gather: np.ndarray
    obj_rows: np.ndarray
    obj_gather: np.ndarray
    cap: np.ndarray
    scale: np.ndarray | None  # None: every a is 1
    cap64: np.ndarray | None
    scale64: np.ndarray | None
    out: ObjLevel


@dataclass(frozen=True)
class HybridPlan:
    """The plan of `hybrid_plan`: int64 parts (`Level`, as in `Plan`), object parts and clamps;
    `skipped` counts the neurons never computed (clamp inputs r read by clamps alone)."""

    n_int_slots: int
    n_obj_slots: int
    zero_slot: int
    levels: tuple[tuple[Level | None, np.ndarray | None, ObjLevel | None, ClampRows | None], ...]
    outputs: tuple[tuple[bool, int], ...]  # (in the object buffer?, slot)
    max_level_edges: int
    skipped: int = 0


def hybrid_plan(network: Network) -> HybridPlan:
    """Compile (once, memoised) the exact plan used when no dtype is safe for the whole network.

    Neuron by neuron, `bound_analysis` decides: a neuron whose sources are integers and whose
    `neuron_magnitude` fits in int64 is computed in int64 (every product and partial sum is
    bounded by it); the others with numpy object arrays of gmpy2 numbers (exact, and still one
    numpy call per term over the whole level and batch). A value is stored in the int64 buffer
    when it is an integer whose bound `value_hi` fits, in the object buffer otherwise.

    Lemma 3.1's clamps t = relu(a*y - a*relu(y - c)) (`analysis.min_gadgets`) are computed as
    a*min(y, c): no subtraction of two big numbers, and the inner r = relu(y - c) is skipped
    when clamps are its only readers. On big-weight networks this halves the object work.
    """
    return network.memo("hybrid_plan", lambda: _compile_hybrid(network))  # type: ignore[return-value]


def _gmpy(w: int | Fraction) -> object:
    """An exact weight as the gmpy2 number the object path computes with."""
    return gmpy2.mpq(w.numerator, w.denominator) if isinstance(w, Fraction) else gmpy2.mpz(w)


def _obj_weights(network: Network) -> list:
    return [_gmpy(w) for w in network.exact_weights()]


def _compile_hybrid(network: Network) -> HybridPlan:
    rep = bound_analysis(network)
    n0 = network.first_neuron
    m = network.n_neurons
    depth = node_depths(network)
    fan = np.diff(network.indptr)
    integral = np.asarray(rep.integral, dtype=bool)
    fits = np.asarray([h <= _I64_MAX for h in rep.value_hi], dtype=bool)
    in_obj = ~(integral & fits)  # stored in the object buffer
    exact = network.exact_weights()
    int_weights = (  # integers that fit in int64 (a source that is always 0 bounds nothing)
        np.ones(network.n_edges, dtype=bool)
        if isinstance(network.weights, np.ndarray)
        else np.asarray(
            [isinstance(w, int) and -_I64_MAX <= w <= _I64_MAX for w in exact], dtype=bool
        )
    )
    bad_w = np.zeros(m, dtype=np.int64)
    if network.n_edges:
        np.add.at(bad_w, np.repeat(np.arange(m), fan), ~int_weights)
    mag_ok = np.asarray([mg <= _I64_MAX for mg in rep.neuron_magnitude], dtype=bool)
    computed_int = np.ones(network.n_nodes, dtype=bool)
    computed_int[n0:] = mag_ok & (bad_w == 0) & integral[n0:]
    nonunit_read = np.zeros(network.n_nodes, dtype=bool)  # read through a weight other than +-1
    if network.n_edges:
        nonunit = np.asarray([w not in (1, -1) for w in exact], dtype=bool)
        nonunit_read[network.sources.astype(np.int64)[nonunit]] = True
    w_obj = np.empty(network.n_edges, dtype=object)
    w_obj[:] = _obj_weights(network)

    clamps = min_gadgets(network)
    clamp_of = np.full(network.n_nodes, -1, dtype=np.int64)  # row in `clamps`, -1: no clamp
    clamp_of[clamps.nodes] = np.arange(len(clamps))
    skip = np.zeros(network.n_nodes, dtype=bool)  # never computed: read by clamps alone
    if len(clamps):
        reads = np.bincount(network.sources, minlength=network.n_nodes)
        inner_reads = np.bincount(clamps.inner, minlength=network.n_nodes)
        skip = (reads == inner_reads) & (inner_reads > 0)
        skip[[node for _, node in network.outputs]] = False
    neurons = np.arange(n0, network.n_nodes, dtype=np.int64)
    live = neurons[(fan > 0) & ~skip[n0:]]
    live = live[np.argsort(depth[live], kind="stable")]
    n_levels = int(depth.max()) if m else 0
    bounds = np.searchsorted(depth[live], np.arange(1, n_levels + 2))
    last_use = depth.copy()
    if network.n_edges:
        np.maximum.at(last_use, network.sources.astype(np.int64), np.repeat(depth[n0:], fan))
    for _, node in network.outputs:
        last_use[node] = n_levels + 1
    last_use[:n0] = n_levels + 1
    dying_at: list[list[int]] = [[] for _ in range(n_levels + 2)]
    for node in live.tolist():
        dying_at[int(last_use[node])].append(node)
    zero_slot = n0
    slot_of = np.full(network.n_nodes, zero_slot, dtype=np.int64)
    slot_of[:n0] = np.arange(n0)
    free: tuple[list[int], list[int]] = ([], [])
    next_slot = [n0 + 1, 0]
    indptr, sources = network.indptr, network.sources.astype(np.int64)

    def alloc(cls: int, k: int) -> np.ndarray:
        pool = free[cls]
        take = pool[len(pool) - k :] if k <= len(pool) else list(pool)
        del pool[len(pool) - len(take) :]
        new = list(range(next_slot[cls], next_slot[cls] + k - len(take)))
        next_slot[cls] += len(new)
        return np.asarray(take + new, dtype=np.intp)

    levels = []
    max_edges = 0
    for lv in range(1, n_levels + 1):
        nodes = live[int(bounds[lv - 1]) : int(bounds[lv])]
        if len(nodes) == 0:
            continue
        for node in dying_at[lv]:  # their last reader is this level: reuse after the gather
            if depth[node] < lv:
                free[int(in_obj[node])].append(int(slot_of[node]))
        is_clamp = clamp_of[nodes] >= 0
        clamp_nodes = nodes[is_clamp]
        nodes = nodes[~is_clamp]
        int_nodes = nodes[computed_int[nodes]]
        obj_nodes = nodes[~computed_int[nodes]]
        int_level = None
        int_w = None
        obj_level = None
        clamp_level = None
        reads = []
        if len(int_nodes):
            counts = fan[int_nodes - n0]
            offs = np.zeros(len(int_nodes), dtype=np.int64)
            np.cumsum(counts[:-1], out=offs[1:])
            total = int(offs[-1] + counts[-1])
            edges = np.repeat(indptr[int_nodes - n0] - offs, counts) + np.arange(total)
            max_edges = max(max_edges, total)
            reads.append(("int", edges, offs, int_nodes))
        if len(obj_nodes):
            obj_nodes = obj_nodes[np.argsort(-fan[obj_nodes - n0], kind="stable")]
            ofan = fan[obj_nodes - n0]
            terms = []
            for j in range(int(ofan.max())):
                k = int(np.count_nonzero(ofan > j))
                e = indptr[obj_nodes[:k] - n0] + j
                ir, int_gather, orow, obj_gather = _split_sources(sources[e], in_obj, slot_of)
                src = sources[e]
                we = w_obj[e][:, None]
                neg = we == -1
                terms.append(
                    Term(
                        k,
                        we,
                        (we == 1) | neg,
                        neg if neg.any() else None,
                        ir,
                        int_gather,
                        orow,
                        obj_gather,
                        bool(np.all(src == 0)),
                        bool(np.all((we == 1) | neg)),
                        j > 0 and terms[0].bias,
                    )
                )
            runtime = _runtime_rows(
                obj_nodes, fan, indptr, sources, n0, bad_w, integral, in_obj, slot_of, exact
            )
            reads.append(("obj", None, None, obj_nodes))
        if len(clamp_nodes):
            clamp_src = _split_sources(clamps.sources[clamp_of[clamp_nodes]], in_obj, slot_of)
            reads.append(("clamp", None, None, clamp_nodes))
        # gathers are resolved above (slot_of of sources), so outputs may take freed slots now
        for kind, edges, offs, group in reads:
            if kind == "clamp":
                out = _write_targets(group, in_obj, integral, nonunit_read, alloc, slot_of)
                clamp_level = _clamp_rows(clamps, clamp_of[group], clamp_src, out)
            elif kind == "int":
                out = alloc(0, len(group))
                slot_of[group] = out
                int_level = Level(edges, slot_of[sources[edges]].astype(np.intp), offs, out)
                int_w = np.asarray([exact[e] for e in edges.tolist()], dtype=np.int64)[:, None]
            else:
                obj_level = replace(
                    _write_targets(group, in_obj, integral, nonunit_read, alloc, slot_of),
                    terms=tuple(terms),
                    runtime=runtime,
                )
        for node in dying_at[lv]:  # written but never read
            if depth[node] == lv:
                free[int(in_obj[node])].append(int(slot_of[node]))
        levels.append((int_level, int_w, obj_level, clamp_level))
    outputs = tuple((bool(in_obj[node]), int(slot_of[node])) for _, node in network.outputs)
    return HybridPlan(
        next_slot[0],
        next_slot[1],
        zero_slot,
        tuple(levels),
        outputs,
        max_edges,
        int(np.count_nonzero(skip)),
    )


def _split_sources(
    src: np.ndarray, in_obj: np.ndarray, slot_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where the values of nodes `src` are read: (rows held in the int64 buffer, their slots,
    rows held in the object buffer, their slots), as `Term` and `ClampRows` keep them."""
    from_obj = in_obj[src]
    ir, orow = np.flatnonzero(~from_obj), np.flatnonzero(from_obj)
    return (
        ir.astype(np.intp),
        slot_of[src[ir]].astype(np.intp),
        orow.astype(np.intp),
        slot_of[src[orow]].astype(np.intp),
    )


def _write_targets(
    group: np.ndarray,
    in_obj: np.ndarray,
    integral: np.ndarray,
    nonunit_read: np.ndarray,
    alloc: Callable[[int, int], np.ndarray],
    slot_of: np.ndarray,
) -> ObjLevel:
    """Slots for the results of `group` (int64 or object buffer, by `in_obj`), as an
    `ObjLevel` without terms; `slot_of` is updated."""
    to_obj = in_obj[group]
    ti, to = np.flatnonzero(~to_obj), np.flatnonzero(to_obj)
    out_i, out_o = alloc(0, len(ti)), alloc(1, len(to))
    slot_of[group[ti]] = out_i
    slot_of[group[to]] = out_o
    return ObjLevel(
        (),
        ti.astype(np.intp),
        out_i,
        to.astype(np.intp),
        out_o,
        np.flatnonzero(integral[group[to]]).astype(np.intp),
        nonunit_read[group[to]][:, None],
    )


def _clamp_rows(
    clamps: MinGadgets,
    rows: np.ndarray,
    src: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    out: ObjLevel,
) -> ClampRows:
    """The `ClampRows` of one level: clamps number `rows`, sources `src` (`_split_sources`)."""
    caps = [clamps.cap[r] for r in rows.tolist()]
    scales = [clamps.scale[r] for r in rows.tolist()]
    cap = np.empty((len(rows), 1), dtype=object)
    cap[:, 0] = [_gmpy(c) for c in caps]
    scale = None
    if any(a != 1 for a in scales):
        scale = np.empty((len(rows), 1), dtype=object)
        scale[:, 0] = [_gmpy(a) for a in scales]
    cap64 = scale64 = None
    if len(out.to_obj) == 0 and all(
        isinstance(c, int) and isinstance(a, int) and a <= _I64_MAX
        for c, a in zip(caps, scales, strict=True)
    ):
        cap64 = np.asarray([min(c, _I64_MAX) for c in caps], dtype=np.int64)[:, None]
        scale64 = None if scale is None else np.asarray(scales, dtype=np.int64)[:, None]
    return ClampRows(len(rows), *src, cap, scale, cap64, scale64, out)


def _runtime_rows(
    nodes: np.ndarray,
    fan: np.ndarray,
    indptr: np.ndarray,
    sources: np.ndarray,
    n0: int,
    bad_w: np.ndarray,
    integral: np.ndarray,
    in_obj: np.ndarray,
    slot_of: np.ndarray,
    exact: list,
) -> RuntimeInt | None:
    """The `RuntimeInt` of an object level (rows `nodes`), or None when no row qualifies."""
    rows = np.flatnonzero((bad_w[nodes - n0] == 0) & integral[nodes])
    if len(rows) == 0:
        return None
    counts = fan[nodes[rows] - n0]
    starts = np.zeros(len(rows), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    total = int(starts[-1] + counts[-1])
    edges = np.repeat(indptr[nodes[rows] - n0] - starts, counts) + np.arange(total)
    src = sources[edges]
    w = np.asarray([exact[e] for e in edges.tolist()], dtype=np.int64)
    return RuntimeInt(
        rows.astype(np.intp),
        counts,
        starts,
        w,
        np.abs(w).astype(np.float64),
        in_obj[src],
        slot_of[src].astype(np.intp),
    )


@dataclass(frozen=True)
class _Values:
    """The value buffers of one chunk of `run_hybrid` (slots x inputs): `ivals` int64 slots;
    `ovals` object slots, with `osmall[slot]` when the slot's values are held as int64 in
    `oint` instead (integers that fit), and the tags `onz` (value != 0) and `oone` (== 1)
    written with the values."""

    ivals: np.ndarray
    ovals: np.ndarray
    oint: np.ndarray
    osmall: np.ndarray
    onz: np.ndarray
    oone: np.ndarray


def _term_values(
    t: Term | ClampRows, v: _Values, b: int
) -> tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None, np.ndarray | None]:
    """The source values of a term (or of clamps): (int64 array, None, None, None) when every
    source is held in int64 (statically, or marked small when it was written), else (None,
    object array, value != 0, value == 1), the masks read from the tags written with the
    values instead of compared at each read."""
    ivals, ovals, oint, osmall, onz, oone = v.ivals, v.ovals, v.oint, v.osmall, v.onz, v.oone
    small = osmall[t.obj_gather]
    if small.all():
        if len(t.obj_rows) == 0:
            return ivals[t.int_gather], None, None, None
        if len(t.int_rows) == 0:
            return oint[t.obj_gather], None, None, None
        xi = np.empty((t.k, b), dtype=np.int64)
        xi[t.int_rows] = ivals[t.int_gather]
        xi[t.obj_rows] = oint[t.obj_gather]
        return xi, None, None, None
    if len(t.int_rows) == 0 and not small.any():
        g = t.obj_gather
        return None, ovals[g], onz[g], oone[g]
    x = np.empty((t.k, b), dtype=object)
    nz = np.empty((t.k, b), dtype=bool)
    one = np.empty((t.k, b), dtype=bool)
    if len(t.int_rows):
        xi = ivals[t.int_gather]
        x[t.int_rows] = xi
        nz[t.int_rows] = xi != 0
        one[t.int_rows] = xi == 1
    if small.any():
        rs, gs = t.obj_rows[small], t.obj_gather[small]
        xs = oint[gs]
        x[rs] = xs
        nz[rs] = xs != 0
        one[rs] = xs == 1
        big = ~small
        rb, gb = t.obj_rows[big], t.obj_gather[big]
    else:
        rb, gb = t.obj_rows, t.obj_gather
    x[rb] = ovals[gb]
    nz[rb] = onz[gb]
    one[rb] = oone[gb]
    return None, x, nz, one


def _obj_sums(
    ol: ObjLevel, v: _Values, batch: int, skip: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The relu'd sums of an object level, term by term, and where they are nonzero. Where a
    source is 0 the term is skipped, where it is 1 the weight is taken as it is, and only other
    values multiply: the networks of this project are mostly 0/1 indicators switching big
    constants. Rows in `skip` (computed in int64 instead) are skipped like 0 sources; their
    results are meaningless."""
    acc: np.ndarray | None = None
    seen: np.ndarray | None = None
    for t in ol.terms:
        if t.bias and acc is None:
            acc = np.repeat(t.weights, batch, axis=1)
            seen = np.ones((t.k, batch), dtype=bool)
            continue
        xi, x, nzo, oneo = _term_values(t, v, batch)
        if xi is not None:
            nz = xi != 0
            if skip is not None:
                nz &= ~skip[: t.k, None]
            if acc is not None and not nz.any():  # (a first term sets every row)
                continue
            one = xi == 1
            if np.array_equal(nz, one & nz):  # every source read is 0 or 1: no product
                if acc is not None and seen is not None and t.bias_before:
                    # every row is already set (a bias came first): add the weights in place
                    np.add(acc[: t.k], t.weights, out=acc[: t.k], where=nz)
                    continue
                p = np.where(nz, t.weights, 0)
            else:
                p = np.where(one, t.weights, xi.astype(object))
                np.multiply(p, t.weights, out=p, where=nz & ~one & ~t.unit)
        else:
            assert x is not None and nzo is not None and oneo is not None
            nz = nzo
            if skip is not None:
                nz &= ~skip[: t.k, None]
            one = np.zeros_like(nz) if t.all_unit else oneo  # x * -1 is subtracted below
            if t.all_unit:  # x * 1 is added and x * -1 subtracted: x is the term
                p = x
            else:
                p = np.where(one, t.weights, x)
                np.multiply(p, t.weights, out=p, where=nz & ~one & ~t.unit)
        if t.negative is None:
            add, sub = nz, None
        else:  # x * -1 is subtracted, not formed
            sub = nz & ~one & t.negative
            add = nz & ~sub
        if acc is None or seen is None:
            acc, seen = p, nz
            if sub is not None:
                np.negative(p, out=acc, where=sub)
            continue
        a, s = acc[: t.k], seen[: t.k]
        np.add(a, p, out=a, where=s & add)
        np.copyto(a, p, where=add & ~s)
        if sub is not None:
            np.subtract(a, p, out=a, where=s & sub)
            np.negative(p, out=a, where=sub & ~s)
        s |= nz
    if acc is None:  # every term skipped (rows all computed in int64, or all sources 0)
        k = max((t.k for t in ol.terms), default=0)
        return np.zeros((k, batch), dtype=object), np.zeros((k, batch), dtype=bool)
    pos = acc > 0
    return np.where(pos, acc, 0), pos


# Below this many inputs the object path's skipping of 0 and 1 sources costs about what the
# run-time int64 proof does; from it on, proved rows run in int64 (`_runtime_int`).
_RUNTIME_MIN_BATCH = 8
_SAFE_FLOAT = float(2**62)  # float estimates below this prove int64 (see `_runtime_int`)
_UNSAFE_FLOAT = float(2**63) * (1 + 2.0**-20)  # float estimates above this disprove it


def _runtime_int(rt: RuntimeInt, v: _Values) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows of an object level proved int64-safe by this batch's actual values, and their
    relu'd sums computed in int64; None when there is none.

    The proof: every source is an integer held in int64 (values are >= 0, being inputs, the
    constant 1 or relu outputs), so with m_e = max over the batch of val(src_e), every product
    and every partial sum of the pre-activation is at most B = sum_e |w_e| m_e in absolute value.
    B is estimated in float64: each of the f + 2 roundings (|w_e|, m_e, products, f - 1
    additions) is off by a factor at most 1 +- 2^-53, so an estimate <= 2^62 proves B < 2^63
    for any fan-in f < 2^50, and one > 2^63 (1 + 2^-20) disproves it; in between, B is
    computed exactly with Python integers. A row is run in int64 only when B <= 2^63 - 1.
    """
    ivals, oint, osmall = v.ivals, v.oint, v.osmall
    small = np.ones(len(rt.w), dtype=bool)
    small[rt.src_obj] = osmall[rt.src_slot[rt.src_obj]]
    ok_src = np.logical_and.reduceat(small, rt.starts)
    if not ok_src.any():
        return None
    b = ivals.shape[1]
    vals = np.empty((len(rt.w), b), dtype=np.int64)
    ii = ~rt.src_obj
    vals[ii] = ivals[rt.src_slot[ii]]
    oo = rt.src_obj & small
    vals[oo] = oint[rt.src_slot[oo]]
    vals[~small] = 0  # rows reading them are not eligible; keep the estimate finite
    m = vals.max(axis=1) if b else np.zeros(len(rt.w), dtype=np.int64)
    est = np.add.reduceat(rt.absw * m.astype(np.float64), rt.starts)
    ok = ok_src & (est <= _SAFE_FLOAT)
    unsure = np.flatnonzero(ok_src & (est > _SAFE_FLOAT) & (est <= _UNSAFE_FLOAT))
    if len(unsure):
        wl, ml = rt.w.tolist(), m.tolist()
        for r in unsure.tolist():
            a = int(rt.starts[r])
            bound = sum(abs(wl[e]) * ml[e] for e in range(a, a + int(rt.counts[r])))
            ok[r] = bound <= _I64_MAX
    if not ok.any():
        return None
    edge_ok = np.repeat(ok, rt.counts)
    g = vals[edge_ok]
    g *= rt.w[edge_ok][:, None]
    cnt = rt.counts[ok]
    starts = np.zeros(len(cnt), dtype=np.int64)
    np.cumsum(cnt[:-1], out=starts[1:])
    s = np.add.reduceat(g, starts, axis=0)
    np.maximum(s, 0, out=s)
    return rt.rows[ok], s


def _write_obj(
    ol: ObjLevel,
    o: np.ndarray | None,
    pos: np.ndarray | None,
    done: tuple[np.ndarray, np.ndarray] | None,
    v: _Values,
) -> None:
    """Store an object level's results. Rows of the object buffer whose values are integers
    that fit int64 are stored (and marked) as int64, so readers skip object work."""
    ivals, ovals, oint, osmall, onz, oone = v.ivals, v.ovals, v.oint, v.osmall, v.onz, v.oone
    n_rows = len(ol.to_int) + len(ol.to_obj)
    by_int = np.zeros(n_rows, dtype=bool)
    if done is not None:
        by_int[done[0]] = True
        s = np.zeros((n_rows, done[1].shape[1]), dtype=np.int64)
        s[done[0]] = done[1]
    if len(ol.to_int):
        rows = ol.to_int
        if o is not None:
            ivals[ol.int_out] = o[rows].astype(np.int64)  # statically proved to fit
        if done is not None:
            sel = by_int[rows]
            ivals[ol.int_out[sel]] = s[rows[sel]]
    if len(ol.to_obj):
        rows, slots = ol.to_obj, ol.obj_out
        osmall[slots] = False
        if o is not None:
            ov, pv = o[rows], pos[rows]
            ovals[slots] = ov
            onz[slots] = pv
            ones = np.zeros(pv.shape, dtype=bool)
            np.equal(ov, 1, out=ones, where=pv & ol.need_one)  # a false 1 tag is harmless
            oone[slots] = ones  # where the weight is +-1 (no product either way)
            cand = ol.check_small
            if done is not None:
                cand = cand[~by_int[rows[cand]]]
            if len(cand) and pv.shape[1] < _RUNTIME_MIN_BATCH:  # mark only rows of 0s and 1s
                cand = cand[np.all(ones[cand] | ~pv[cand], axis=1)]
                oint[slots[cand]] = ones[cand]
                osmall[slots[cand]] = True
            elif len(cand):
                oc, pc = ov[cand], pv[cand] & ~ones[cand]  # values other than 0 and 1
                le = np.ones(pc.shape, dtype=bool)  # values are >= 0: only those can be big
                np.less_equal(oc, _I64_MAX, out=le, where=pc)
                fits = np.all(le, axis=1)
                if fits.any():
                    small = ones[cand[fits]].astype(np.int64)
                    pf = pc[fits]
                    small[pf] = oc[fits][pf].astype(np.int64)
                    oint[slots[cand[fits]]] = small
                    osmall[slots[cand[fits]]] = True
        if done is not None:
            sel = by_int[rows]
            oint[slots[sel]] = s[rows[sel]]
            osmall[slots[sel]] = True


def _clamp_values(cl: ClampRows, v: _Values, b: int) -> tuple[np.ndarray, np.ndarray | None]:
    """The values a*min(y, c) of a level's clamps: (int64 array, None) when every y is held in
    int64 and `cl` has int64 forms, else (object array, value > 0)."""
    xi, x, _, _ = _term_values(cl, v, b)
    if xi is not None and cl.cap64 is not None:
        np.minimum(xi, cl.cap64, out=xi)  # xi is a gathered copy
        if cl.scale64 is not None:
            xi *= cl.scale64
        return xi, None
    y = xi.astype(object) if xi is not None else x
    val = np.minimum(y, cl.cap)
    if cl.scale is not None:
        val = val * cl.scale
    return val, val > 0


def _count(
    stats: dict[str, int],
    int_level: Level | None,
    obj_level: ObjLevel | None,
    done: tuple[np.ndarray, np.ndarray] | None,
    osmall: np.ndarray,
) -> None:
    """Add one level's neuron counts to `stats` (see `run_hybrid`)."""
    n_int = len(int_level.out) if int_level is not None else 0
    n_obj = len(obj_level.to_int) + len(obj_level.to_obj) if obj_level is not None else 0
    n_run = len(done[0]) if done is not None else 0
    for key, n in (("static_int", n_int), ("runtime_int", n_run), ("object", n_obj - n_run)):
        stats[key] = stats.get(key, 0) + n


def run_hybrid(
    network: Network, inputs: np.ndarray, stats: dict[str, int] | None = None
) -> np.ndarray:
    """Every output on every input row, exactly, by `hybrid_plan`: an object array of Python
    ints and Fractions of shape (B, n_outputs).

    Object rows are proved int64-safe at run time as well (`_runtime_int`, from this batch's
    actual source values) and then computed in int64; object results that turn out to be
    integers fitting int64 (gadget outputs such as relu(y - relu(y - 1)) in {0, 1}, which the
    static bounds cannot see) are stored as int64 and marked, so their readers skip object work.
    With `stats`, it counts (per chunk) the neurons computed in int64 as proved statically
    ("static_int"), proved at run time ("runtime_int"), computed with objects ("object"),
    object results stored as int64 because they fit ("marked_small"), Lemma 3.1 clamps
    computed as a*min(y, c) ("clamp") and clamp inputs never computed ("clamp_inner_skipped").
    """
    p = hybrid_plan(network)
    batch = inputs.shape[0]
    rows = max(2 * p.n_int_slots + 6 * p.n_obj_slots, p.max_level_edges, 1)
    chunk = max(1, min(batch, _BUFFER_BYTES // (rows * 8)))
    result = np.empty((batch, len(p.outputs)), dtype=object)
    n0 = network.first_neuron
    for c in range(0, batch, chunk):
        block = inputs[c : c + chunk]
        b = block.shape[0]
        ivals = np.empty((p.n_int_slots, b), dtype=np.int64)
        ivals[0] = 1
        ivals[1:n0] = block.T
        ivals[p.zero_slot] = 0
        v = _Values(
            ivals,
            np.empty((p.n_obj_slots, b), dtype=object),
            np.zeros((p.n_obj_slots, b), dtype=np.int64),
            np.zeros(p.n_obj_slots, dtype=bool),
            np.zeros((p.n_obj_slots, b), dtype=bool),
            np.zeros((p.n_obj_slots, b), dtype=bool),
        )
        for int_level, int_w, obj_level, clamp_level in p.levels:
            s = None
            if int_level is not None:
                g = ivals[int_level.gather]
                g *= int_w
                s = np.add.reduceat(g, int_level.starts, axis=0)
                np.maximum(s, 0, out=s)
            o = pos = None
            done = None
            if obj_level is not None:
                n_rows = len(obj_level.to_int) + len(obj_level.to_obj)
                if obj_level.runtime is not None and b >= _RUNTIME_MIN_BATCH:
                    done = _runtime_int(obj_level.runtime, v)
                skip = None
                if done is not None:
                    skip = np.zeros(n_rows, dtype=bool)
                    skip[done[0]] = True
                if skip is None or not skip.all():
                    o, pos = _obj_sums(obj_level, v, b, skip)
            clamped = None
            if clamp_level is not None:
                clamped = _clamp_values(clamp_level, v, b)
            if stats is not None:
                _count(stats, int_level, obj_level, done, v.osmall)
            if s is not None and int_level is not None:
                ivals[int_level.out] = s
            if obj_level is not None:
                _write_obj(obj_level, o, pos, done, v)
                if stats is not None and len(obj_level.to_obj):
                    marked = int(v.osmall[obj_level.obj_out].sum())
                    stats["marked_small"] = stats.get("marked_small", 0) + marked
            if clamp_level is not None and clamped is not None:
                cl, (cv, cpos) = clamp_level.out, clamped
                if cpos is None:  # int64, every row to the int64 buffer
                    ivals[cl.int_out] = cv
                else:
                    _write_obj(cl, cv, cpos, None, v)
                if stats is not None:
                    stats["clamp"] = stats.get("clamp", 0) + len(cl.to_int) + len(cl.to_obj)
        if stats is not None and p.skipped:
            stats["clamp_inner_skipped"] = stats.get("clamp_inner_skipped", 0) + p.skipped
        for k, (in_obj, slot) in enumerate(p.outputs):
            buf = (v.oint if v.osmall[slot] else v.ovals) if in_obj else ivals
            col = buf[slot]
            result[c : c + chunk, k] = [to_python(x) for x in col.tolist()]
    return result


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
