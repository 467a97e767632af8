"""Lupanov's construction: any f on n bits as a fan-in-2 circuit of (1 + o(1)) 2^n / n gates.

This is the construction Section 5 of the paper leans on ("Combined with Lupanov's construction,
every function can be computed by ReLU networks of p-SIZE O(2^n/n)"), which makes Theorem 5.1's
counting lower bound tight. The circuit is printed as a `Circuit`, so BLIF/AIGER, ABC and both
gadget modes of `uniform.to_network` apply; the network has constant fan-in and weights of
O(1) bits, so its p-SIZE is Theta(gates).

The layout (Jukna, *Boolean Function Complexity*, Thm 1.15; Lupanov 1958). Write the input index
i = r + 2^k y: the k *address* bits x1..xk (the low bits) give the row r, the d = n - k *data*
bits give the column y. The 2^k rows are cut into blocks of s consecutive rows (the last block
may be shorter). In block b, every column y has a pattern v_b(y) in {0,1}^{s_b}: its entries at
the rows of the block. Then

    f(r, y) = OR_b OR_{v != 0} ( F1[b, v](r) AND F2[b, v](y) ),
    F1[b, v](r) = OR of the row minterms [r = b s + j] over the bits j of v,
    F2[b, v](y) = OR of the column minterms [y = c] over the columns c with v_b(c) = v.

For each (r, y) exactly one v of r's block matches column y, and F1 picks bit r of it.

Gates, exactly (`gate_count`; every OR is a balanced tree of fan-in-2 gates):

* n NOT gates (one per input, shared);
* the two decoders: D(k) + D(d) AND gates, D(m) = 2^m + D(floor(m/2)) + D(ceil(m/2)) for
  m >= 2, D(1) = D(0) = 0 (minterms of one bit are literals, of none the constant 1);
* F1: 2^{s_b} - s_b - 1 ORs per block (every v with two or more bits, from its two halves);
* F2: sum over the patterns v occurring in block b of (|class of v| - 1) ORs;
* one AND per occurring (b, v), and one OR fewer than those ANDs to combine them.

The last two terms depend on f; `worst_gate_count` is their maximum over all f (every column's
pattern nonzero, as many patterns as possible), and `choose` picks (k, s) minimising it.

For k >= 2 and d >= 2 (every n >= 4) no gate folds, so `CircuitBuilder(fold=True)` prints
exactly this count and the fast network conversion applies; for smaller k or d a minterm is a
literal or the constant 1 and folding would merge gates, so the circuit is built unfolded
(still the same count).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from tmnet.simulate.network import Network
from tmnet.uniform.circuit import AND, FALSE, OR, TRUE, Circuit, CircuitBuilder
from tmnet.uniform.errors import UniformError
from tmnet.uniform.gadgets import COMPACT, GadgetMode, gadget_mode
from tmnet.uniform.to_network import to_network
from tmnet.uniform.truth_table import TruthTable

OUTPUT_NAME = "f"
_MAX_BLOCK = 40  # `choose` tries block sizes s <= this (2^s grows past any saving long before)


@dataclass(frozen=True)
class LupanovParams:
    """k address bits (rows), d = n - k data bits (columns), blocks of s rows."""

    n: int
    k: int
    s: int

    @property
    def d(self) -> int:
        return self.n - self.k

    def block_sizes(self) -> tuple[int, ...]:
        """s, s, ..., s, and the remainder of 2^k rows when s does not divide it."""
        rows = 1 << self.k
        full, rest = divmod(rows, self.s)
        return (self.s,) * full + ((rest,) if rest else ())

    def check(self) -> None:
        if self.n < 0 or not 0 <= self.k <= self.n:
            raise UniformError(f"Lupanov needs 0 <= k <= n, got n = {self.n}, k = {self.k}")
        if not 1 <= self.s <= 1 << self.k:
            raise UniformError(f"the block size s must be in 1..2^k = {1 << self.k}, got {self.s}")


@cache
def decoder_gates(m: int) -> int:
    """D(m): AND gates of the balanced decoder of all 2^m minterms of m bits."""
    if m < 2:
        return 0
    return (1 << m) + decoder_gates(m // 2) + decoder_gates(m - m // 2)


def _block_counts(p: LupanovParams) -> tuple[int, int]:
    """(number of full blocks of s rows, rows of the last short block or 0)."""
    return divmod(1 << p.k, p.s)


def _fixed_gates(p: LupanovParams) -> int:
    """The part of the count that does not depend on f: NOTs, decoders, the F1 ORs."""
    full, rest = _block_counts(p)
    f1 = full * ((1 << p.s) - p.s - 1) + (((1 << rest) - rest - 1) if rest else 0)
    return p.n + decoder_gates(p.k) + decoder_gates(p.d) + f1


def worst_gate_count(p: LupanovParams) -> int:
    """The largest `gate_count` over all f with these parameters (see the module docstring)."""
    p.check()
    cols = 1 << p.d
    full, rest = _block_counts(p)
    blocks = full + (1 if rest else 0)
    terms = full * min((1 << p.s) - 1, cols) + (min((1 << rest) - 1, cols) if rest else 0)
    return _fixed_gates(p) + blocks * cols + terms - 1


def jukna_budget(p: LupanovParams) -> int:
    """Jukna's Thm 1.15 budget (2^k + 2^d)(2(k+d)+1) + (floor(2^k/s)+1)(2^s(2s+4) + 2^d) + 1,
    for comparison: his circuit builds minterms as flat ANDs and counts more generously."""
    k, d, s = p.k, p.d, p.s
    return (
        ((1 << k) + (1 << d)) * (2 * (k + d) + 1)
        + ((1 << k) // s + 1) * ((1 << s) * (2 * s + 4) + (1 << d))
        + 1
    )


def choose(n: int) -> LupanovParams:
    """The (k, s) minimising `worst_gate_count` at n; k, d >= 2 from n = 4 on (so that the
    folding builder prints the formula exactly), any split below. Ties: smaller k, then s."""
    if n < 0:
        raise UniformError(f"n must be >= 0, got {n}")
    ks = range(2, n - 1) if n >= 4 else range(0, n + 1)
    best: tuple[int, LupanovParams] | None = None
    for k in ks:
        for s in range(1, min(1 << k, _MAX_BLOCK) + 1):
            p = LupanovParams(n, k, s)
            cost = worst_gate_count(p)
            if best is None or cost < best[0]:
                best = (cost, p)
    assert best is not None
    return best[1]


def _blocks(table: TruthTable, p: LupanovParams) -> list[dict[int, list[int]]]:
    """Per block b: pattern v -> the columns y (ascending) with v_b(y) = v, for v != 0."""
    entries = table.to_array().reshape(1 << p.d, 1 << p.k).astype(np.int64)  # [y, r]
    out: list[dict[int, list[int]]] = []
    start = 0
    for sb in p.block_sizes():
        weights = np.left_shift(np.int64(1), np.arange(sb, dtype=np.int64))
        pattern = entries[:, start : start + sb] @ weights
        classes: dict[int, list[int]] = {}
        for y, v in enumerate(pattern.tolist()):
            if v:
                classes.setdefault(v, []).append(y)
        out.append(classes)
        start += sb
    return out


def gate_count(table: TruthTable, p: LupanovParams | None = None) -> int:
    """The exact number of gates `lupanov_circuit(table, p)` prints (module docstring)."""
    p = p or choose(table.n_bits)
    p.check()
    blocks = _blocks(table, p)
    f2 = sum(len(ys) - 1 for classes in blocks for ys in classes.values())
    terms = sum(len(classes) for classes in blocks)
    return _fixed_gates(p) + f2 + terms + max(terms - 1, 0)


class _Gates:
    """Balanced fan-in-2 gates over a `CircuitBuilder`, one batch per tree level."""

    def __init__(self, b: CircuitBuilder):
        self.b = b

    def batch(self, kind: int, rows: list[list[int]]) -> list[int]:
        if not rows:
            return []
        if self.b.fold:
            return self.b.gates_list(kind, rows)
        ids = self.b.gates(kind, np.asarray(rows, dtype=np.int64))
        return [int(v) for v in ids]

    def trees(self, kind: int, groups: list[list[int]]) -> list[int]:
        """The OR (or AND) of each group as a balanced tree: len - 1 gates per group, all
        groups' levels built together; an empty group is FALSE (OR) / TRUE (AND)."""
        level = [list(g) for g in groups]
        while any(len(g) > 1 for g in level):
            rows: list[list[int]] = []
            for g in level:
                rows.extend([g[i], g[i + 1]] for i in range(0, len(g) - 1, 2))
            made = iter(self.batch(kind, rows))
            level = [
                [next(made) for _ in range(len(g) // 2)] + ([g[-1]] if len(g) % 2 else [])
                for g in level
            ]
        empty = FALSE if kind == OR else TRUE
        return [g[0] if g else empty for g in level]

    def decoder(self, pos: list[int], neg: list[int]) -> list[int]:
        """All minterms of the bits `pos` (their NOTs `neg`): entry j is [bits = j], pos[0]
        the least significant; D(len) AND gates."""
        m = len(pos)
        if m == 0:
            return [TRUE]
        if m == 1:
            return [neg[0], pos[0]]
        a = m // 2
        lo, hi = self.decoder(pos[:a], neg[:a]), self.decoder(pos[a:], neg[a:])
        return self.batch(AND, [[x, y] for y in hi for x in lo])

    def subsets(self, nodes: list[int]) -> list[int]:
        """Entry v: the OR of nodes[j] over the bits j of v (entry 0 is FALSE); one gate per
        v with two or more bits, from its low and high halves (2^len - len - 1 gates)."""
        m = len(nodes)
        if m == 1:
            return [FALSE, nodes[0]]
        t = m // 2
        low, high = self.subsets(nodes[:t]), self.subsets(nodes[t:])
        pairs = [[low[a], high[c]] for c in range(1, 1 << (m - t)) for a in range(1, 1 << t)]
        made = iter(self.batch(OR, pairs))
        out = [FALSE] * (1 << m)
        for c in range(1 << (m - t)):
            for a in range(1 << t):
                v = a | (c << t)
                out[v] = low[a] if c == 0 else high[c] if a == 0 else next(made)
        return out


def lupanov_circuit(table: TruthTable, params: LupanovParams | None = None) -> Circuit:
    """Lupanov's circuit for f with `gate_count(table, params)` fan-in-2 gates (module docstring).
    Parameters default to `choose(n)`; the one output is named "f"."""
    n = table.n_bits
    p = params or choose(n)
    if p.n != n:
        raise UniformError(f"parameters for n = {p.n} given for a table on {n} bits")
    p.check()
    fold = p.k >= 2 and p.d >= 2
    b = CircuitBuilder(n, fold=fold, name=f"lupanov(n={n},k={p.k},s={p.s})")
    g = _Gates(b)
    pos = [b.input(i) for i in range(1, n + 1)]
    neg = [int(v) for v in b.nots(pos)] if n else []
    rows = g.decoder(pos[: p.k], neg[: p.k])
    cols = g.decoder(pos[p.k :], neg[p.k :])
    blocks = _blocks(table, p)
    f1_parts: list[int] = []
    f2_groups: list[list[int]] = []
    start = 0
    for sb, classes in zip(p.block_sizes(), blocks, strict=True):
        f1 = g.subsets(rows[start : start + sb])
        for v, ys in classes.items():
            f1_parts.append(f1[v])
            f2_groups.append([cols[y] for y in ys])
        start += sb
    f2 = g.trees(OR, f2_groups)
    terms = g.batch(AND, [[a, c] for a, c in zip(f1_parts, f2, strict=True)])
    (out,) = g.trees(OR, [terms])
    b.output(out, OUTPUT_NAME)
    return b.build()


def lupanov_network(
    table: TruthTable,
    gadgets: GadgetMode = "compact",
    *,
    params: LupanovParams | None = None,
    name: str | None = None,
) -> Network:
    """Lupanov's circuit as a ReLU network (`uniform.to_network`, gate for gate): fan-in at most
    2 per gate, so the neurons' fan-in is a constant in both gadget modes."""
    mode = gadget_mode(gadgets)
    circuit = lupanov_circuit(table, params)
    return to_network(circuit, mode, name=name or f"{circuit.name}[{mode.name}]")


def gate_kinds(table: TruthTable, p: LupanovParams | None = None) -> tuple[int, int, int]:
    """(AND, OR, NOT) gates of `lupanov_circuit(table, p)`: their sum is `gate_count`."""
    p = p or choose(table.n_bits)
    p.check()
    blocks = _blocks(table, p)
    terms = sum(len(classes) for classes in blocks)
    f1 = sum((1 << sb) - sb - 1 for sb in p.block_sizes())
    f2 = sum(len(ys) - 1 for classes in blocks for ys in classes.values())
    ands = decoder_gates(p.k) + decoder_gates(p.d) + terms
    return ands, f1 + f2 + max(terms - 1, 0), p.n


def predicted_neurons(table: TruthTable, gadgets: GadgetMode = "compact") -> int:
    """The exact neuron count of `lupanov_network` (`uniform.to_network`'s per-gate costs):
    compact AND + OR (+1: the output is an OR, whose form 1 - v needs a last neuron, or the
    constant 0 when f = 0); paper 10 AND + 4 OR + NOT (+1 when f = 0, the output neuron 0)."""
    p = choose(table.n_bits)
    ands, ors, nots = gate_kinds(table, p)
    terms = ands - decoder_gates(p.k) - decoder_gates(p.d)
    if gadget_mode(gadgets) is COMPACT:
        return ands + ors + (0 if terms == 1 else 1)
    return 10 * ands + 4 * ors + nots + (1 if terms == 0 else 0)
