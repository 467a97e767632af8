"""The folded Cook-Levin tableau with every bit named: which gate is S[t, c, a] or H[t, c, q].

`uniform.tableau.build_tableau` is tuned for speed and keeps no record of which node holds
which tableau bit. This module builds the same folded circuit cell by cell, straight from the
formulas of `uniform.tableau`'s docstring, with the same `CircuitBuilder(fold=True)` (so the
same folding: constants, single inputs, duplicate and complementary literals, double negation,
shared NOTs), and records for each bit and each gate what it is:

* ``S[t][c][a]`` / ``H[t][c][q]``: the node of "cell c holds a" / "the head is on c in state q"
  at row t (``S[T]`` is not built, as in the printer);
* ``labels[node]``: a `GateRole` (kind of gate, row, cell, and the transition or symbol).

`match_nodes` maps these nodes onto a printed circuit (the printer's own numbering) by
structural lookup: a gate of the labelled circuit is the printed gate with the same kind and the
same (mapped, sorted) fan-in. Both circuits are normalized, so the lookup is exact; a gate the
printer removed as dead (never read by the output) has no image. Cost: Python work per gate,
so this serves `tmnet explain` at small n, not the printer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tmnet.machines import encoding
from tmnet.machines.model import Machine, Move
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit, CircuitBuilder
from tmnet.uniform.tableau import TableauLayout, cell_range, layout

ROLES = ("decode", "not", "valid", "fire", "head", "leave", "kept", "enter", "accept")


@dataclass(frozen=True)
class GateRole:
    """What a gate of the tableau computes: `role` (one of `ROLES`), the row it belongs to
    (`step` t: the gate is computed from row t, for row t + 1; row 0's decoding has step -1),
    the `cell`, and a readable `what` (the transition, symbol or state)."""

    role: str
    step: int
    cell: int | None
    what: str

    def describe(self) -> str:
        where = "" if self.cell is None else f" cell {self.cell}"
        when = "row 0" if self.step < 0 else f"step {self.step}->{self.step + 1}"
        return f"{self.role} ({when}{where}): {self.what}"


@dataclass(frozen=True)
class LabelledTableau:
    """The folded tableau of rows 0..`rows` with the node of every bit and the role of every
    gate (module docstring). `S[t]` and `H[t]` are lists over the cells L..R of lists over
    `layout.symbols` / `layout.states`."""

    circuit: Circuit
    layout: TableauLayout
    n: int
    time: int
    rows: int
    cells: tuple[int, int]
    S: tuple[tuple[tuple[int, ...], ...], ...]
    H: tuple[tuple[tuple[int, ...], ...], ...]
    labels: dict[int, GateRole]

    def col(self, cell: int) -> int:
        """The list index of `cell` in a row of S or H."""
        return cell - self.cells[0]


def transition_text(lay: TableauLayout, f: tuple[int, int, int, int, int]) -> str:
    """`(q, a) -> (q', w, M)` of a kept transition of the layout."""
    q, a, q2, w, m = f
    st, sy = lay.states, lay.symbols
    return f"({st[q]}, {sy[a]}) -> ({st[q2]}, {sy[w]}, {Move(m).name})"


def labelled_tableau(
    machine: Machine, n: int, time: int, rows: int | None = None
) -> LabelledTableau:
    """The folded tableau of `machine` at length n, T = `time`, built row by row up to row
    `rows` (default T; the output gate only when rows = T), every bit's node recorded."""
    lay = layout(machine)
    rows = time if rows is None else min(rows, time)
    lo, hi = cell_range(machine, time)
    cells = range(lo, hi + 1)
    width = len(cells)
    b = lay.bits_per_symbol
    n_sym, n_q = len(lay.symbols), len(lay.states)
    blank = lay.symbols.index(machine.blank)
    cb = CircuitBuilder(n * b, fold=True, name=f"{machine.name}[n={n},T={time}] labelled")
    labels: dict[int, GateRole] = {}

    def note(nodes: list[int], roles: list[GateRole]) -> None:
        for node, role in zip(nodes, roles, strict=True):
            if node > 1 + n * b and node not in labels:
                labels[node] = role

    # ---- row 0: the input cells decoded from their b bits
    sym0 = [[TRUE if a == blank else FALSE for a in range(n_sym)] for _ in cells]
    n_enc = n if lay.need_valid else min(n, hi + 1)
    valid = TRUE
    if n_enc:
        bits = [2 + k for k in range(n_enc * b)]
        negs = cb.nots_list(bits)
        note(negs, [GateRole("not", -1, k // b, f"NOT x{k + 1}") for k in range(len(bits))])
        enc: list[list[int]] = []
        for a, code in lay.input_codes:
            rows_a = [
                [bits[c * b + j] if (code >> j) & 1 else negs[c * b + j] for j in range(b)]
                for c in range(n_enc)
            ]
            nodes = cb.gates_list(AND, rows_a)
            note(
                nodes, [GateRole("decode", -1, c, f"holds {lay.symbols[a]}") for c in range(n_enc)]
            )
            enc.append(nodes)
        for c in range(min(n_enc, hi + 1)):
            row = sym0[c - lo]
            row[blank] = FALSE
            for (a, _), nodes in zip(lay.input_codes, enc, strict=True):
                row[a] = nodes[c]
        if lay.need_valid:
            per_cell = cb.gates_list(OR, [[e[c] for e in enc] for c in range(n_enc)])
            note(per_cell, [GateRole("valid", -1, c, "a symbol's code") for c in range(n_enc)])
            valid = cb.gates_list(AND, [per_cell])[0]
            note([valid], [GateRole("valid", -1, None, "every cell names a symbol")])
    head0 = [[FALSE] * n_q for _ in cells]
    if lay.start >= 0:
        head0[0 - lo][lay.start] = TRUE
    S: list[list[list[int]]] = [sym0]
    H: list[list[list[int]]] = [head0]

    fires = lay.fires
    leave_sets = [lay.leave_set(a) for a in range(n_sym)]
    enter_sets = [lay.enter_set(a) for a in range(n_sym)]
    for t in range(rows):
        s, h = S[t], H[t]
        fire = [
            cb.and2_list([h[j][f[0]] for j in range(width)], [s[j][f[1]] for j in range(width)])
            for f in fires
        ]
        for f, nodes in zip(fires, fire, strict=True):
            text = transition_text(lay, f)
            note(nodes, [GateRole("fire", t, c, text) for c in cells])
        new_h = [[FALSE] * n_q for _ in cells]
        for q2 in range(n_q):
            into = [(i, f) for i, f in enumerate(fires) if f[2] == q2]
            if not into and q2 != lay.accept:
                continue
            src_rows = []
            for j, c in enumerate(cells):
                src = [fire[i][j - f[4]] for i, f in into if 0 <= j - f[4] < width]
                if lay.left_bounded and c == 0:
                    src += [fire[i][j] for i, f in into if f[4] == Move.L]
                if q2 == lay.accept:
                    src.append(h[j][q2])
                src_rows.append(src or [FALSE])
            nodes = cb.gates_list(OR, src_rows)
            note(nodes, [GateRole("head", t, c, f"head in {lay.states[q2]}") for c in cells])
            for j in range(width):
                new_h[j][q2] = nodes[j]
        H.append(new_h)
        if t + 1 >= time:
            break
        new_s = [list(row) for row in s]
        leave_of: dict[tuple[int, ...], list[int]] = {}
        for ls in sorted({x for x in leave_sets if x}):
            nodes = cb.gates_list(OR, [[h[j][q] for q in ls] for j in range(width)])
            names = ", ".join(lay.states[q] for q in ls)
            note(nodes, [GateRole("leave", t, c, f"head in one of {{{names}}}") for c in cells])
            leave_of[ls] = nodes
        for a in range(n_sym):
            if not leave_sets[a]:
                continue
            nots = cb.nots_list(leave_of[leave_sets[a]])
            note(nots, [GateRole("not", t, c, f"no leave of {lay.symbols[a]}") for c in cells])
            kept = cb.and2_list([s[j][a] for j in range(width)], nots)
            note(kept, [GateRole("kept", t, c, f"{lay.symbols[a]} stays") for c in cells])
            for j in range(width):
                new_s[j][a] = kept[j]
        for a in range(n_sym):
            if not enter_sets[a]:
                continue
            nodes = cb.gates_list(
                OR, [[new_s[j][a]] + [fire[e][j] for e in enter_sets[a]] for j in range(width)]
            )
            note(nodes, [GateRole("enter", t, c, f"{lay.symbols[a]} written") for c in cells])
            for j in range(width):
                new_s[j][a] = nodes[j]
        S.append(new_s)
    if rows == time:
        acc = cb.gates_list(OR, [[row[lay.accept] for row in H[time]]])[0]
        note([acc], [GateRole("accept", time, None, "some cell holds the head in accept")])
        out = acc
        if lay.need_valid:
            out = cb.gates_list(AND, [[acc, valid]])[0]
            note([out], [GateRole("accept", time, None, "accept AND valid")])
        cb.output(out, "accept")
    circuit = cb.build()
    freeze = lambda rows_: tuple(tuple(tuple(r) for r in row) for row in rows_)  # noqa: E731
    return LabelledTableau(circuit, lay, n, time, rows, (lo, hi), freeze(S), freeze(H), labels)


def match_nodes(labelled: Circuit, printed: Circuit) -> dict[int, int]:
    """For each node of `labelled`, a node of `printed` computing the same gate (inputs and
    constants map to themselves); gates the printer dropped as dead are absent.

    The printer does not share identical gates (two ORs of the same fires may both exist), so
    gates are compared up to structural hashing: each printed gate's class is the first printed
    gate with the same kind and the same classes of inputs, and a labelled gate maps to the
    class of its (kind, mapped inputs). `printed_classes` lists each class's members."""
    canon, index = _classes(printed)
    mapped = {v: v for v in range(labelled.first_gate)}
    for g in range(labelled.n_gates):
        node = labelled.first_gate + g
        kind, fan = labelled.gate(node)
        try:
            key = (kind, tuple(sorted(mapped[v] for v in fan)))
        except KeyError:
            continue
        hit = index.get(key)
        if hit is not None:
            mapped[node] = hit
    del canon
    return mapped


def _classes(c: Circuit) -> tuple[list[int], dict[tuple[int, tuple[int, ...]], int]]:
    canon = list(range(c.n_nodes))
    index: dict[tuple[int, tuple[int, ...]], int] = {}
    for g in range(c.n_gates):
        node = c.first_gate + g
        kind, fan = c.gate(node)
        key = (kind, tuple(sorted(canon[v] for v in fan)))
        canon[node] = index.setdefault(key, node)
    return canon, index


def printed_classes(printed: Circuit) -> dict[int, list[int]]:
    """Class representative -> every printed gate computing that same gate (`match_nodes`)."""
    canon, _ = _classes(printed)
    out: dict[int, list[int]] = {}
    for node in range(printed.first_gate, printed.n_nodes):
        out.setdefault(canon[node], []).append(node)
    return out


def node_values(circuit: Circuit, bits: tuple[int, ...], nodes: list[int]) -> dict[int, int]:
    """The values of `nodes` on the input `bits`, by the circuit's own evaluator (each node
    made an output of a copy of the circuit)."""
    outs = tuple((f"n{v}", v) for v in dict.fromkeys(nodes))
    probe = dataclasses.replace(circuit, outputs=outs)
    got = probe.evaluate(bits) if outs else {}
    return {v: got[f"n{v}"] for v in dict.fromkeys(nodes)}


KIND_SYMBOL = {AND: "AND", OR: "OR", NOT: "NOT"}


def bits_of(machine: Machine, word: str) -> tuple[int, ...]:
    """The circuit's input bits for `word` (`machines.encoding.encode_word`)."""
    return tuple(encoding.encode_word(machine, word))
