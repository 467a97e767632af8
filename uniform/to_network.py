"""Boolean circuit -> ReLU network, gate for gate (Section 3; Theorem 6.1's easy direction).

Two gadget modes (`uniform.gadgets.GADGET_MODES`; `MODES` here names the ones this module
implements, and any other is an error, not an ``else``):

* ``paper``: every gate is the construction of Lemma 3.3 built with `uniform.gadgets`, with
  Lemma 3.1 at c' = c - 1: NOT x = sigma(1 - x) (1 neuron); OR of k bits: s = sigma(sum),
  then [s >= 1] (4 neurons); AND of k bits: s = sigma(sum), then [s = k] =
  [[s >= k] + [s <= k] >= 2] (10 neurons).
* ``compact``: one neuron per AND/OR gate and none per NOT. Each circuit node's value is kept as
  an affine form ``a + s * v`` (a in {0, 1}, s in {+1, -1}, v a network node). For bits,
  AND(y1..yk) = sigma(sum y - (k - 1)) and OR(y1..yk) = 1 - sigma(1 - sum y): both are one
  neuron over the forms of the inputs, whose constants go into the bias and whose signs go into
  the weights; NOT (a + s v) = (1 - a) - s v costs nothing. An output whose form is not plain
  ``v`` gets one last neuron sigma(a + s v).

A *normalized* circuit (built by a folding `CircuitBuilder`) is converted by whole-array numpy
operations (`to_network`); any other circuit goes through the reference path, which builds the
same gadgets one gate at a time with `NetworkBuilder` (`to_network_reference`). The fast paths
`_paper_fast` and `_compact_fast` are optimisations of that reference: for normalized circuits
paper mode produces the identical network, compact mode the same neurons and edges
(tests/uniform/test_to_network_reference.py, on random machines' tableaux).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tmnet.simulate.network import ONE, Network, NetworkBuilder
from tmnet.uniform import gadgets
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit
from tmnet.uniform.errors import UniformError
from tmnet.uniform.gadgets import COMPACT, PAPER, Gadgets, require
from tmnet.uniform.ircheck import checked

PAPER_NEURONS = {kind: PAPER.gate_neurons[kind] for kind in (AND, OR, NOT)}  # 10, 4, 1
MODES = (PAPER, COMPACT)  # the gadget modes this module has constructions for


def to_network(circuit: Circuit, mode: Gadgets | str = PAPER, name: str | None = None) -> Network:
    """The ReLU network computing `circuit` on 0/1 inputs (see the module docstring)."""
    mode = require(mode, MODES, "to_network")
    name = name or circuit.name
    checked(circuit)  # the fast paths trust `normalized`: under TMNET_CHECK_IR, verify it
    if not circuit.normalized:
        return checked(to_network_reference(circuit, mode, name))
    if mode is COMPACT:
        return checked(_compact_fast(circuit, name))
    return checked(_paper_fast(circuit, name))


def network_neurons_bound(circuit: Circuit, mode: Gadgets | str) -> int:
    """Neurons the conversion uses at most: every gate at its mode's cost
    (`Gadgets.gate_neurons`: paper 10 AND + 4 OR + NOT, compact AND + OR) plus one per output
    (an output that is not a gate's plain value gets a neuron of its own)."""
    spec = require(mode, MODES, "network_neurons_bound")
    s = circuit.sizes()
    per = spec.gate_neurons
    gates = per[AND] * s.and_gates + per[OR] * s.or_gates + per[NOT] * s.not_gates
    return gates + len(circuit.outputs)


# --------------------------------------------------------------------------- reference path
def to_network_reference(
    circuit: Circuit, mode: Gadgets | str = PAPER, name: str | None = None
) -> Network:
    """Gate by gate with `NetworkBuilder` and `uniform.gadgets` (any circuit, slow)."""
    paper = require(mode, MODES, "to_network_reference") is PAPER
    b = NetworkBuilder(circuit.n_inputs, circuit.input_names, name=name or circuit.name)
    n_in = circuit.n_inputs
    first = circuit.first_gate
    # compact: forms (a, s, v) per circuit node; paper: a network node per circuit node
    a = np.zeros(circuit.n_nodes, dtype=np.int64)
    s = np.zeros(circuit.n_nodes, dtype=np.int64)
    v = np.zeros(circuit.n_nodes, dtype=np.int64)
    a[TRUE] = 1
    s[2 : 2 + n_in] = 1
    v[2 : 2 + n_in] = np.arange(1, n_in + 1)
    zero_node: list[int] = []

    def paper_node(x: int) -> int:
        if x == TRUE:
            return ONE
        if x == FALSE:
            if not zero_node:
                zero_node.append(b.neuron({}))
            return zero_node[0]
        return int(v[x])

    kinds = circuit.kinds
    for g in range(circuit.n_gates):
        lo, hi = int(circuit.indptr[g]), int(circuit.indptr[g + 1])
        fan = [int(x) for x in circuit.fanin[lo:hi]]
        kind = int(kinds[g])
        node = first + g
        if paper:
            xs = [paper_node(x) for x in fan]
            if kind == NOT:
                out = gadgets.not_gate(b, xs[0])
            elif kind == AND:
                out = gadgets.and_gate(b, xs, PAPER)
            else:
                out = gadgets.or_gate(b, xs, PAPER)
            v[node], s[node] = out, 1
            continue
        if kind == NOT:
            x = fan[0]
            a[node], s[node], v[node] = 1 - a[x], -s[x], v[x]
            continue
        sign = 1 if kind == AND else -1
        weights: dict[int, int] = {}
        const = 0
        for x in fan:
            const += int(a[x])
            if s[x]:
                weights[int(v[x])] = weights.get(int(v[x]), 0) + sign * int(s[x])
        bias = const - (len(fan) - 1) if kind == AND else 1 - const
        out = b.neuron(weights, bias=bias)
        a[node], s[node], v[node] = (0, 1, out) if kind == AND else (1, -1, out)
    for oname, onode in circuit.outputs:
        if paper:
            if onode >= first:
                b.output(int(v[onode]), oname)
            elif onode == FALSE:
                b.output(b.neuron({}), oname)
            else:
                b.output(b.neuron({paper_node(onode): 1}), oname)
            continue
        if a[onode] == 0 and s[onode] == 1 and onode >= first:
            b.output(int(v[onode]), oname)
        else:
            w = {int(v[onode]): int(s[onode])} if s[onode] else {}
            b.output(b.neuron(w, bias=int(a[onode])), oname)
    return b.build()


# --------------------------------------------------------------------------- fast paths
def _segment_arange(counts: np.ndarray) -> np.ndarray:
    """0..k-1 for each count k, concatenated."""
    total = int(counts.sum())
    starts = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    return np.arange(total, dtype=np.int64) - np.repeat(starts, counts)


class _Edges:
    """The CSR edge arrays of a network being printed, filled in place chunk by chunk (so no
    chunk outlives its scatter): ``put(positions, sources, weights)``."""

    def __init__(self, circuit: Circuit, counts: np.ndarray):
        self.counts = counts
        self.start = np.zeros(len(counts), dtype=np.int64)  # first edge of each neuron
        if len(counts):
            np.cumsum(counts[:-1], out=self.start[1:])
        n_edges = int(counts.sum())
        n_nodes = 1 + circuit.n_inputs + len(counts)
        self.sources = np.empty(n_edges, dtype=np.int32 if n_nodes < 2**31 else np.int64)
        self.weights = np.empty(n_edges, dtype=np.int64)

    def put(self, pos: np.ndarray, src: np.ndarray | int, w: np.ndarray | int) -> None:
        self.sources[pos] = src
        self.weights[pos] = w

    def network(self, circuit: Circuit, name: str, out_nodes: list[int]) -> Network:
        """The network, through `NetworkBuilder.add_neurons_csr`."""
        indptr = np.zeros(len(self.counts) + 1, dtype=np.int64)
        np.cumsum(self.counts, out=indptr[1:])
        b = NetworkBuilder(circuit.n_inputs, circuit.input_names, name=name)
        b.add_neurons_csr(indptr, self.sources, self.weights)
        for (oname, _), node in zip(circuit.outputs, out_nodes, strict=True):
            b.output(node, oname)
        return b.build()


def _compact_fast(c: Circuit, name: str) -> Network:
    n_in, first = c.n_inputs, c.first_gate
    kinds = c.kinds
    rel = kinds != NOT
    n_rel = int(np.count_nonzero(rel))
    first_neuron = 1 + n_in
    idt = np.int32 if first_neuron + n_rel + len(c.outputs) < 2**31 else np.int64
    a = np.zeros(c.n_nodes, dtype=np.int8)
    s = np.zeros(c.n_nodes, dtype=np.int8)
    v = np.zeros(c.n_nodes, dtype=idt)
    a[TRUE] = 1
    s[2 : 2 + n_in] = 1
    v[2 : 2 + n_in] = np.arange(1, n_in + 1)
    is_or = kinds[rel] == OR  # per relu gate (every gate but NOT)
    ga, gs, gv = a[first:], s[first:], v[first:]
    gv[rel] = np.arange(first_neuron, first_neuron + n_rel, dtype=idt)
    gate_sign = 1 - 2 * is_or.astype(np.int8)  # AND +1, OR -1
    gs[rel] = gate_sign
    ga[rel] = is_or
    nots = np.flatnonzero(~rel)
    if len(nots):
        base = c.fanin[c.indptr[nots]]
        if (base >= first).any() and (kinds[base[base >= first] - first] == NOT).any():
            raise UniformError("normalized circuit has a NOT of a NOT")
        ga[nots] = 1 - a[base]
        gs[nots] = -s[base]
        gv[nots] = v[base]
    # per gate: the sum of its inputs' constants a, from a running sum over the wires
    csum = np.zeros(c.n_wires + 1, dtype=np.int32 if c.n_wires < 2**31 else np.int64)
    np.cumsum(a[c.fanin], out=csum[1:])
    fan = np.diff(c.indptr)
    k = fan[rel]
    sum_a = (csum[c.indptr[1:]] - csum[c.indptr[:-1]])[rel]
    del csum
    bias = np.where(is_or, 1 - sum_a, sum_a - (k - 1))
    del sum_a
    has_bias = bias != 0  # bool: one byte a gate (adds as 0/1)
    # outputs: a neuron sigma(a + s v) unless the output is a gate with form v
    out_extra = []
    out_nodes = []
    next_node = first_neuron + n_rel
    for _, node in c.outputs:
        if node >= first and a[node] == 0 and s[node] == 1:
            out_nodes.append(int(v[node]))
        else:
            out_extra.append(node)
            out_nodes.append(next_node)
            next_node += 1
    indptr = np.zeros(n_rel + len(out_extra) + 1, dtype=np.int64)
    np.cumsum(k + has_bias, out=indptr[1 : n_rel + 1])
    for j, x in enumerate(out_extra):
        indptr[n_rel + j + 1] = indptr[n_rel + j] + int(a[x] != 0) + int(s[x] != 0)
    n_edges = int(indptr[-1])
    sources = np.empty(n_edges, dtype=idt)
    weights = np.empty(n_edges, dtype=np.int64)
    # the relu gates' edges in blocks of gates (bounded temporaries): in each neuron the bias
    # edge (if any) comes first, then the fan-in in order, so the fan-in edges fill exactly
    # the block's positions that are not bias edges
    rel_before = np.zeros(c.n_gates + 1, dtype=np.int64)
    np.cumsum(rel, out=rel_before[1:])
    for g0, g1 in _gate_blocks(fan, 1 << 14):
        r0, r1 = int(rel_before[g0]), int(rel_before[g1])
        if r0 == r1:
            continue
        e0, e1 = int(indptr[r0]), int(indptr[r1])
        wire = np.repeat(rel[g0:g1], fan[g0:g1])
        src = c.fanin[int(c.indptr[g0]) : int(c.indptr[g1])][wire]
        del wire
        hb = has_bias[r0:r1]
        at_bias = np.zeros(e1 - e0, dtype=bool)
        at_bias[indptr[r0:r1][hb] - e0] = True
        blk_s, blk_w = sources[e0:e1], weights[e0:e1]
        blk_s[at_bias] = ONE
        blk_w[at_bias] = bias[r0:r1][hb]
        np.logical_not(at_bias, out=at_bias)
        blk_s[at_bias] = v[src]
        blk_w[at_bias] = s[src] * np.repeat(gate_sign[r0:r1], k[r0:r1])
    del bias
    for j, x in enumerate(out_extra):
        p = int(indptr[n_rel + j])
        if a[x]:
            sources[p], weights[p] = ONE, int(a[x])
            p += 1
        if s[x]:
            sources[p], weights[p] = int(v[x]), int(s[x])
    b = NetworkBuilder(c.n_inputs, c.input_names, name=name)
    b.add_neurons_csr(indptr, sources, weights)
    for (oname, _), node in zip(c.outputs, out_nodes, strict=True):
        b.output(node, oname)
    return b.build()


# Paper templates: per neuron of a gate's block, its edges in ascending source order as
# (source, weight) with source "ONE", ("loc", i) = the block's i-th neuron, or "FANIN" (the
# whole fan-in with weight 1, or -1 for "-FANIN"); weights may depend on the fan-in k.
_PAPER = {
    NOT: [[("ONE", 1), ("FANIN", -1)]],
    OR: [
        [("FANIN", 1)],  # s = sigma(sum)
        [(("loc", 0), 1)],  # y = sigma(s - 0)   [s >= 1], c' = 0
        [("ONE", -1), (("loc", 1), 1)],  # sigma(y - 1)
        [(("loc", 1), 1), (("loc", 2), -1)],  # sigma(y - sigma(y - 1))
    ],
    AND: [
        [("FANIN", 1)],  # s
        [("ONE", lambda k: 1 - k), (("loc", 0), 1)],  # [s >= k]: y = sigma(s - (k - 1))
        [("ONE", -1), (("loc", 1), 1)],
        [(("loc", 1), 1), (("loc", 2), -1)],
        [("ONE", lambda k: k + 1), (("loc", 0), -1)],  # [s <= k]: y = sigma(k + 1 - s)
        [("ONE", -1), (("loc", 4), 1)],
        [(("loc", 4), 1), (("loc", 5), -1)],
        [("ONE", -1), (("loc", 3), 1), (("loc", 6), 1)],  # [g1 + g2 >= 2]
        [("ONE", -1), (("loc", 7), 1)],
        [(("loc", 7), 1), (("loc", 8), -1)],
    ],
}


def _paper_fast(c: Circuit, name: str) -> Network:
    """Paper gadgets for a normalized circuit, by groups of gates of one kind and fan-in.

    All gates of one (kind, fan-in k) have the same edge pattern: the same neurons, the same
    edges in the same order and weights, differing only in the block's first neuron and the
    fan-in's sources. A gate's edges are contiguous in the CSR arrays, so each group is
    written run by run (the tableau emits gates in batches of one kind, so runs of consecutive
    gates of one group are long): a run's edges are one contiguous (gates x pattern) slice,
    filled by a few whole-slice steps with no index arrays, instead of one scatter per
    (template neuron, source) over the whole network. Identical output to
    `_paper_fast_by_template` (the previous fast path, kept as the benchmark's baseline) and to
    `to_network_reference` (tested); peak memory is the network plus bounded chunks.
    """
    n_in, first = c.n_inputs, c.first_gate
    kinds = c.kinds
    n_gates = c.n_gates
    fan_counts, size, block, out_nodes, out_extra = _paper_layout(c)
    n_gate_neurons = int(size.sum())
    first_neuron = 1 + n_in
    idt = np.int32 if first_neuron + n_gate_neurons + len(c.outputs) < 2**31 else np.int64
    # groups: key = kind * (max fan-in + 1) + k; gid = the group's number
    k_max = int(fan_counts.max()) if n_gates else 0
    key = kinds.astype(np.int64) * (k_max + 1) + fan_counts
    uniq = np.unique(key)
    gid = np.searchsorted(uniq, key).astype(np.int32)
    del key
    pats = [_paper_pattern(*divmod(int(kk), k_max + 1)) for kk in uniq]
    # per neuron its edge count: each gate's pattern row, padded with -1 up to 10 neurons
    table = np.full((len(pats), max(PAPER_NEURONS.values())), -1, dtype=np.int32)
    for u, pat in enumerate(pats):
        table[u, : len(pat.neuron_edges)] = pat.neuron_edges
    counts = table[gid].reshape(-1)
    counts = counts[counts >= 0]
    del table
    indptr = np.zeros(n_gate_neurons + len(out_extra) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1 : n_gate_neurons + 1])
    del counts
    for j, x in enumerate(out_extra):
        at = n_gate_neurons + j
        indptr[at + 1] = indptr[at] + (1 if x != FALSE else 0)
    n_edges = int(indptr[-1])
    sources = np.empty(n_edges, dtype=idt)
    weights = np.empty(n_edges, dtype=np.int64)
    # circuit node -> network node of its value (inputs; a gate: its block's last neuron)
    cmap = np.zeros(c.n_nodes, dtype=idt)
    cmap[2 : 2 + n_in] = np.arange(1, n_in + 1)
    cmap[first:] = first_neuron + block + size - 1
    # runs of consecutive gates of one group: their edges fill one contiguous (gates x e)
    # slice, their blocks are `size` neurons apart and their fan-ins are one contiguous slice
    cuts = np.flatnonzero(gid[1:] != gid[:-1]) + 1
    starts = np.concatenate(([0], cuts)).tolist() if n_gates else []
    ends = np.concatenate((cuts, [n_gates])).tolist() if n_gates else []
    base_rows = [p.base_row(first_neuron).astype(idt) for p in pats]
    loc_rows = [p.loc_mask().astype(idt) for p in pats]
    for g0, g1 in zip(starts, ends, strict=True):
        u = int(gid[g0])
        pat = pats[u]
        e, count = len(pat.weights), g1 - g0
        e0 = int(indptr[block[g0]])  # the run's first edge
        dst = sources[e0 : e0 + count * e].reshape(count, e)
        step = np.arange(count, dtype=idt)
        step *= int(size[g0])
        step += int(block[g0])
        np.multiply.outer(step, loc_rows[u], out=dst)
        dst += base_rows[u]
        if pat.fan_hi > pat.fan_lo:
            k = pat.fan_hi - pat.fan_lo
            w0 = int(c.indptr[g0])
            dst[:, pat.fan_lo : pat.fan_hi] = cmap[c.fanin[w0 : w0 + count * k]].reshape(count, k)
        weights[e0 : e0 + count * e].reshape(count, e)[:] = pat.weights
    for j, x in enumerate(out_extra):
        if x != FALSE:
            p = int(indptr[n_gate_neurons + j])
            sources[p], weights[p] = int(cmap[x]), 1
    b = NetworkBuilder(c.n_inputs, c.input_names, name=name)
    b.add_neurons_csr(indptr, sources, weights)
    for (oname, _), node in zip(c.outputs, out_nodes, strict=True):
        b.output(node, oname)
    return b.build()


def _paper_layout(
    c: Circuit,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int], list[int]]:
    """The neuron layout both paper fast paths share, for a normalized circuit: per gate its
    fan-in count, its block's size and first neuron (0-based, blocks in gate order); per output
    its network node, and the non-gate nodes (inputs, constants) that get an extra output neuron
    after the gate blocks, in order."""
    fan_counts = np.diff(c.indptr)
    if len(c.fanin) and (c.fanin < 2).any():
        raise UniformError("normalized circuit reads a constant")
    sizes = np.array([PAPER_NEURONS[AND], PAPER_NEURONS[OR], PAPER_NEURONS[NOT]], np.int64)
    size = sizes[c.kinds]
    block = np.zeros(c.n_gates, dtype=np.int64)  # first neuron (0-based) of each gate's block
    if c.n_gates:
        np.cumsum(size[:-1], out=block[1:])
    first_neuron, n_gate_neurons, first = 1 + c.n_inputs, int(size.sum()), c.first_gate
    out_nodes, out_extra = [], []
    for _, node in c.outputs:
        if node >= first:
            out_nodes.append(int(first_neuron + block[node - first] + size[node - first] - 1))
        else:
            out_extra.append(node)
            out_nodes.append(first_neuron + n_gate_neurons + len(out_extra) - 1)
    return fan_counts, size, block, out_nodes, out_extra


@dataclass(frozen=True)
class _Pattern:
    """The edges of one paper gadget block for a gate of one kind and fan-in, in CSR order:
    per edge its weight; the columns whose source is ONE, a neuron of the block (loc_vals: its
    index in the block) or a fan-in wire (fan_vals: its index in the gate's fan-in)."""

    weights: np.ndarray
    neuron_edges: tuple[int, ...]
    one_cols: np.ndarray
    loc_cols: np.ndarray
    loc_vals: np.ndarray
    fan_cols: np.ndarray
    fan_vals: np.ndarray

    @property
    def fan_lo(self) -> int:
        """The fan-in's columns are one contiguous range (one FANIN per template)."""
        return int(self.fan_cols[0]) if len(self.fan_cols) else 0

    @property
    def fan_hi(self) -> int:
        return self.fan_lo + len(self.fan_cols)

    def base_row(self, first_neuron: int) -> np.ndarray:
        """Sources of the block of the gate whose block starts at neuron 0: ONE, block
        neurons at first_neuron + index, 0 in the fan-in columns."""
        row = np.zeros(len(self.weights), dtype=np.int64)
        row[self.one_cols] = ONE
        row[self.loc_cols] = first_neuron + self.loc_vals
        return row

    def loc_mask(self) -> np.ndarray:
        """1 in the columns whose source is a neuron of the block, else 0."""
        mask = np.zeros(len(self.weights), dtype=np.int64)
        mask[self.loc_cols] = 1
        return mask


def _paper_pattern(kind: int, k: int) -> _Pattern:
    """`_PAPER[kind]` expanded for fan-in k (edges of weight 0 dropped, as `_paper_fast_by_template`
    and `NetworkBuilder.neuron` do)."""
    w, one, loc, loc_v, fan, fan_v, per_neuron = [], [], [], [], [], [], []
    for edges in _PAPER[kind]:
        before = len(w)
        for src, wt in edges:
            value = int(wt(k)) if callable(wt) else int(wt)
            if src == "FANIN":
                fan += range(len(w), len(w) + k)
                fan_v += range(k)
                w += [value] * k
            elif value != 0:
                if src == "ONE":
                    one.append(len(w))
                else:
                    loc.append(len(w))
                    loc_v.append(src[1])
                w.append(value)
        per_neuron.append(len(w) - before)
    if fan and fan != list(range(fan[0], fan[0] + len(fan))):  # pragma: no cover - _PAPER
        raise UniformError("a paper template's fan-in edges must be contiguous")
    arr = lambda xs: np.asarray(xs, dtype=np.int64)  # noqa: E731
    return _Pattern(arr(w), tuple(per_neuron), arr(one), arr(loc), arr(loc_v), arr(fan), arr(fan_v))


def _paper_fast_by_template(c: Circuit, name: str) -> Network:
    """The previous paper fast path: one scatter per (kind, template neuron, source) over all
    gates of that kind. Kept as the baseline of benchmarks/cooklevin_print.py's A/B ratio and
    tested to print the same network as `_paper_fast`."""
    n_in, first = c.n_inputs, c.first_gate
    kinds = c.kinds
    fan_counts, size, block, out_nodes, out_extra = _paper_layout(c)
    n_gate_neurons = int(size.sum())
    first_neuron = 1 + n_in
    cmap = np.zeros(c.n_nodes, dtype=np.int64)
    cmap[2 : 2 + n_in] = np.arange(1, n_in + 1)
    cmap[first:] = first_neuron + block + size - 1
    counts = np.zeros(n_gate_neurons + len(out_extra), dtype=np.int64)
    plan = []  # (gates, neuron j, edge list, per-gate weights)
    for kind, template in _PAPER.items():
        gsel = np.flatnonzero(kinds == kind)
        if not len(gsel):
            continue
        k = fan_counts[gsel]
        for j, edges in enumerate(template):
            nid = block[gsel] + j
            present = []
            for src, w in edges:
                wv = np.broadcast_to(
                    np.asarray(w(k) if callable(w) else w, dtype=np.int64), k.shape
                )
                if src == "FANIN":
                    counts[nid] += k
                    present.append((src, wv, None))
                else:
                    mask = wv != 0
                    counts[nid] += mask
                    present.append((src, wv, mask))
            plan.append((gsel, k, nid, present))
    for j, x in enumerate(out_extra):
        counts[n_gate_neurons + j] = 1 if x != FALSE else 0
    edges = _Edges(c, counts)
    indptr0 = edges.start
    for gsel, k, nid, present in plan:
        offset = np.zeros(len(gsel), dtype=np.int64)
        for src, wv, mask in present:
            if src == "FANIN":
                idx = _segment_index_local(c.indptr[gsel], k)
                pos = np.repeat(indptr0[nid] + offset, k) + _segment_arange(k)
                edges.put(pos, cmap[c.fanin[idx]], np.repeat(wv, k))
                offset += k
                continue
            sel = mask
            pos = indptr0[nid][sel] + offset[sel]
            if src == "ONE":
                srcs: np.ndarray | int = ONE
            else:
                srcs = first_neuron + block[gsel][sel] + src[1]
            edges.put(pos, srcs, wv[sel])
            offset += sel
    for j, x in enumerate(out_extra):
        if x != FALSE:
            p = int(indptr0[n_gate_neurons + j])
            edges.put(np.array([p]), int(cmap[x]), 1)
    return edges.network(c, name, out_nodes)


def _gate_blocks(k: np.ndarray, edges: int = 1 << 16) -> list[tuple[int, int]]:
    """Consecutive [lo, hi) ranges of gates with about `edges` fan-in wires each."""
    if not len(k):
        return []
    ends = np.cumsum(k)
    out, lo = [], 0
    while lo < len(k):
        base = int(ends[lo - 1]) if lo else 0
        hi = max(int(np.searchsorted(ends, base + edges, side="right")), lo + 1)
        out.append((lo, min(hi, len(k))))
        lo = hi
    return out


def _segment_index_local(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    return np.repeat(starts, counts) + _segment_arange(counts)
