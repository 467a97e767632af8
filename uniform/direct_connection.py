"""The direct-connection language of the unfolded Cook-Levin tableau, by index arithmetic.

A circuit family is P-uniform when a machine prints C_n; logspace and DLOGTIME uniformity are
defined instead by its *direct-connection language*: given n, a gate number i and a type t or
a gate number j, is gate i of type t, is j an input of i? For the unfolded tableau of
`uniform.tableau` (``build_tableau(fold=False)``: every gate over the full cell range
L..R in every row) the numbering is a closed formula, so `gate(machine, n, node)` answers
"what is gate `node`: its kind, its inputs in order, the tableau cell, the time step and the
transition or symbol it belongs to" with O(machine size) arithmetic on numbers of O(log T(n))
bits, without building the circuit (the output gate's fan-in is the whole last row, so listing
it takes O(T) -- asking whether one j is among them does not: `is_input`).

The numbering, W = R - L + 1 cells (column j is cell L + j), b bits a symbol, n_e input cells
decoded (n when the input alphabet needs a validity check, else min(n, R + 1)):

* nodes 0, 1: FALSE, TRUE; 2 .. 2 + n b - 1: the inputs; gates from G0 = n b + 2;
* row 0: n_e b NOT gates (bit k), then per input symbol (in declared order) n_e AND gates
  (cell c: its b literals), then, when the validity check is needed, n_e ORs (a cell names a
  symbol) and one AND (all do);
* step t (t = 0..T-1) in order: n_f W fire ANDs (transition-major), then per head state q'
  with incoming transitions (or accept) W head ORs; when t + 1 < T, per symbol with a leave
  set W leave ORs, then as many NOTs, then as many kept ANDs, then per symbol with an enter
  set W enter ORs;
* last: the accept OR over row T's accept bits, then AND with the validity bit if needed.

The printer's folded circuit (`build_tableau(fold=True)`, what `tmnet compile` writes) is
this circuit with constants folded, rows narrowed to the cells the head can reach, identical
leave ORs built once and dead gates removed, and renumbered; `uniform.tableau_labels` gives
each folded gate its role (row, cell, transition), the same provenance this module gives the
unfolded gates.
"""

from __future__ import annotations

from dataclasses import dataclass

from tmnet.machines.model import Machine, Move
from tmnet.uniform.circuit import AND, FALSE, KIND_NAMES, NOT, OR, TRUE
from tmnet.uniform.errors import UniformError
from tmnet.uniform.tableau import TableauLayout, cell_range, layout
from tmnet.uniform.tableau_labels import transition_text


@dataclass(frozen=True)
class GateInfo:
    """One gate of the unfolded tableau: kind, inputs (node numbers, in fan-in order), and its
    provenance: `part` (decode, valid, fire, head, leave, not, kept, enter, accept), the step t
    (the gate computes row t + 1 from row t; -1 for row 0), the cell, and `what` (the
    transition, state or symbol)."""

    node: int
    kind: str
    inputs: tuple[int, ...]
    part: str
    step: int
    cell: int | None
    what: str

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__) | {"inputs": list(self.inputs)}


@dataclass(frozen=True)
class Numbering:
    """The block sizes of the unfolded tableau for one (machine, n, T) (module docstring)."""

    lay: TableauLayout
    n: int
    time: int
    lo: int
    width: int
    n_enc: int
    g0: int
    into: tuple[tuple[int, ...], ...]  # per head state q': the fires into it
    head_qs: tuple[int, ...]  # head states with a gate, in order
    active: tuple[int, ...]  # symbols with a leave set
    enters: tuple[int, ...]  # symbols with an enter set
    blank: int

    @property
    def row0(self) -> int:
        b, s = self.lay.bits_per_symbol, len(self.lay.input_codes)
        if not self.n_enc:
            return 0
        return self.n_enc * b + s * self.n_enc + ((self.n_enc + 1) if self.lay.need_valid else 0)

    @property
    def step_core(self) -> int:  # fires and head ORs
        return (len(self.lay.fires) + len(self.head_qs)) * self.width

    @property
    def step_update(self) -> int:  # the symbol update
        return (3 * len(self.active) + len(self.enters)) * self.width

    def step_base(self, t: int) -> int:
        return self.g0 + self.row0 + t * (self.step_core + self.step_update)

    @property
    def out_base(self) -> int:
        if self.time == 0:
            return self.g0 + self.row0
        return self.step_base(self.time - 1) + self.step_core

    @property
    def n_nodes(self) -> int:
        return self.out_base + (2 if self.lay.need_valid else 1)

    # ---- the node of each tableau bit
    def H(self, t: int, j: int, q: int) -> int:
        """The node of H[t, L + j, q]."""
        if t == 0:
            return TRUE if (j == -self.lo and q == self.lay.start) else FALSE
        if q not in self.head_qs:
            return FALSE
        base = self.step_base(t - 1) + len(self.lay.fires) * self.width
        return base + self.head_qs.index(q) * self.width + j

    def S(self, t: int, j: int, a: int) -> int:
        """The node of S[t, L + j, a] (t < T)."""
        if t > 0 and a in self.enters:
            base = self.step_base(t - 1) + self.step_core + 3 * len(self.active) * self.width
            return base + self.enters.index(a) * self.width + j
        if t > 0 and a in self.active:
            base = self.step_base(t - 1) + self.step_core + 2 * len(self.active) * self.width
            return base + self.active.index(a) * self.width + j
        c = self.lo + j
        if 0 <= c < min(self.n_enc, self.lo + self.width):
            for i, (sym, _) in enumerate(self.lay.input_codes):
                if sym == a:
                    return self.g0 + self.n_enc * self.lay.bits_per_symbol + i * self.n_enc + c
            return FALSE
        return TRUE if a == self.blank else FALSE

    def fire(self, t: int, f: int, j: int) -> int:
        return self.step_base(t) + f * self.width + j

    def valid(self) -> int:
        if not (self.lay.need_valid and self.n_enc):
            return TRUE
        return self.g0 + self.row0 - 1


def numbering(machine: Machine, n: int, time: int | None = None) -> Numbering:
    """The block sizes of the unfolded tableau of `machine` at length n (T = T(n) unless
    `time` is given)."""
    if n < 0:
        raise UniformError(f"n must be >= 0, got {n}")
    time = machine.time_bound(n) if time is None else time
    lay = layout(machine)
    lo, hi = cell_range(machine, time)
    n_q = len(lay.states)
    into = tuple(tuple(i for i, f in enumerate(lay.fires) if f[2] == q) for q in range(n_q))
    head_qs = tuple(q for q in range(n_q) if into[q] or q == lay.accept)
    n_sym = len(lay.symbols)
    return Numbering(
        lay=lay,
        n=n,
        time=time,
        lo=lo,
        width=hi - lo + 1,
        n_enc=n if lay.need_valid else min(n, hi + 1),
        g0=n * lay.bits_per_symbol + 2,
        into=into,
        head_qs=head_qs,
        active=tuple(a for a in range(n_sym) if lay.leave_set(a)),
        enters=tuple(a for a in range(n_sym) if lay.enter_set(a)),
        blank=lay.symbols.index(machine.blank),
    )


def gate(num: Numbering, node: int) -> GateInfo:
    """Gate `node` of the unfolded tableau: kind, inputs and provenance (module docstring)."""
    lay, w = num.lay, num.width
    if not num.g0 <= node < num.n_nodes:
        raise UniformError(
            f"node {node} is not a gate: the gates are {num.g0}..{num.n_nodes - 1}",
            hint="nodes 0 and 1 are the constants, 2.. the inputs",
        )
    g = node - num.g0
    b = lay.bits_per_symbol
    if g < num.row0:
        ne = num.n_enc
        if g < ne * b:
            return GateInfo(node, "NOT", (2 + g,), "decode", -1, g // b, f"NOT x{g + 1}")
        g -= ne * b
        if g < len(lay.input_codes) * ne:
            i, c = divmod(g, ne)
            sym, code = lay.input_codes[i]
            lits = tuple(2 + c * b + k if (code >> k) & 1 else num.g0 + c * b + k for k in range(b))
            return GateInfo(
                node, "AND", lits, "decode", -1, c, f"cell {c} holds {lay.symbols[sym]}"
            )
        g -= len(lay.input_codes) * ne
        base = num.g0 + ne * b
        if g < ne:
            ins = tuple(base + i * ne + g for i in range(len(lay.input_codes)))
            return GateInfo(node, "OR", ins, "valid", -1, g, "the cell's code names a symbol")
        ins = tuple(num.g0 + num.row0 - 1 - ne + c for c in range(ne))
        return GateInfo(node, "AND", ins, "valid", -1, None, "every cell names a symbol")
    if node >= num.out_base:
        if node == num.out_base:
            ins = tuple(num.H(num.time, j, lay.accept) for j in range(w))
            return GateInfo(node, "OR", ins, "accept", num.time, None, "some cell accepts")
        return GateInfo(
            node, "AND", (num.out_base, num.valid()), "accept", num.time, None, "accept AND valid"
        )
    per = num.step_core + num.step_update
    t, o = divmod(g - num.row0, per)
    n_f = len(lay.fires)
    if o < n_f * w:
        f, j = divmod(o, w)
        q, a = lay.fires[f][0], lay.fires[f][1]
        return GateInfo(
            node,
            "AND",
            (num.H(t, j, q), num.S(t, j, a)),
            "fire",
            t,
            num.lo + j,
            transition_text(lay, lay.fires[f]),
        )
    o -= n_f * w
    if o < len(num.head_qs) * w:
        r, j = divmod(o, w)
        q2 = num.head_qs[r]
        ins = []
        for i in num.into[q2]:
            m = lay.fires[i][4]
            ins.append(num.fire(t, i, j - m) if 0 <= j - m < w else FALSE)
        if lay.left_bounded:
            for i in num.into[q2]:
                if lay.fires[i][4] == Move.L:
                    ins.append(num.fire(t, i, 0) if j == 0 else FALSE)
        if q2 == lay.accept:
            ins.append(num.H(t, j, q2))
        return GateInfo(node, "OR", tuple(ins), "head", t, num.lo + j, f"head in {lay.states[q2]}")
    o -= len(num.head_qs) * w
    k = len(num.active)
    base = num.step_base(t) + num.step_core
    part, (r, j) = (o // (k * w), divmod(o % (k * w), w)) if k else (3, (0, 0))
    if part < 3:
        a = num.active[r]
        sym = lay.symbols[a]
        if part == 0:
            ins = tuple(num.H(t, j, q) for q in lay.leave_set(a))
            what = f"the head leaves {sym} (a state writing over it)"
            return GateInfo(node, "OR", ins, "leave", t, num.lo + j, what)
        if part == 1:
            ins = (base + r * w + j,)
            return GateInfo(node, "NOT", ins, "not", t, num.lo + j, f"{sym} is not left")
        ins = (num.S(t, j, a), base + k * w + r * w + j)
        return GateInfo(node, "AND", ins, "kept", t, num.lo + j, f"{sym} stays")
    o -= 3 * k * w
    r, j = divmod(o, w)
    a = num.enters[r]
    kept = base + 2 * k * w + num.active.index(a) * w + j if a in num.active else num.S(t, j, a)
    ins = (kept,) + tuple(num.fire(t, e, j) for e in lay.enter_set(a))
    return GateInfo(node, "OR", ins, "enter", t, num.lo + j, f"{lay.symbols[a]} written")


def is_input(num: Numbering, node: int, source: int) -> bool:
    """Whether `source` is an input of gate `node` (the direct-connection query), without
    listing the output gate's whole row."""
    if node == num.out_base and num.time > 0:
        lay = num.lay
        return any(source == num.H(num.time, j, lay.accept) for j in _row_candidates(num, source))
    return source in gate(num, node).inputs


def _row_candidates(num: Numbering, source: int) -> range:
    """The column whose accept bit could be `source` (an H gate of the last step), or none."""
    if num.lay.accept not in num.head_qs:
        return range(0)
    base = num.step_base(num.time - 1) + len(num.lay.fires) * num.width
    j = source - base - num.head_qs.index(num.lay.accept) * num.width
    return range(j, j + 1) if 0 <= j < num.width else range(0)


KINDS = {"AND": AND, "OR": OR, "NOT": NOT}
__all__ = ["GateInfo", "KIND_NAMES", "KINDS", "Numbering", "gate", "is_input", "numbering"]
