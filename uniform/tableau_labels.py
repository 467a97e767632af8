"""The folded Cook-Levin tableau with every bit named: which gate is S[t, c, a] or H[t, c, q].

`uniform.tableau.build_tableau` is tuned for speed and keeps no record of which node holds
which tableau bit. The encoding is written once, in `uniform.tableau_reference`: this module
builds it there, folded (the plain folder of `uniform.fold_reference`, the rules of the
printer's `CircuitBuilder(fold=True)`: constants, single inputs, duplicate and complementary
literals, double negation, shared NOTs), with a `TableauRecord`, and turns that record into:

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
from tmnet.uniform.circuit import AND, NOT, OR, Circuit
from tmnet.uniform.tableau import TableauLayout, cell_range, layout
from tmnet.uniform.tableau_reference import Role, TableauRecord, reference_tableau

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


def gate_role(lay: TableauLayout, role: Role) -> GateRole:
    """The readable `GateRole` of a gate `reference_tableau` built with `role`."""
    name, step, cell, what = role
    sy, st = lay.symbols, lay.states
    match name:
        case "not":
            text = f"NOT x{what + 1}" if step < 0 else f"no leave of {sy[what]}"
        case "decode":
            text = f"holds {sy[what]}"
        case "valid":
            text = "every cell names a symbol" if cell is None else "a symbol's code"
        case "fire":
            text = transition_text(lay, lay.fires[what])
        case "head":
            text = f"head in {st[what]}"
        case "leave":
            text = "head in one of {" + ", ".join(st[q] for q in what) + "}"
        case "kept":
            text = f"{sy[what]} stays"
        case "enter":
            text = f"{sy[what]} written"
        case _:  # accept
            text = "accept AND valid" if what == "valid" else "some cell holds the head in accept"
    return GateRole(name, step, cell, text)


def labelled_tableau(
    machine: Machine, n: int, time: int, rows: int | None = None
) -> LabelledTableau:
    """The folded tableau of `machine` at length n, T = `time` (`reference_tableau` with a
    `TableauRecord`), with every bit's node up to row `rows` (default T) and every gate's role."""
    lay = layout(machine)
    rows = time if rows is None else min(rows, time)
    record = TableauRecord()
    reference_tableau(machine, n, time, fold=True, record=record)
    assert record.circuit is not None
    lo, hi = cell_range(machine, time)
    cells = range(lo, hi + 1)
    syms, states = range(len(lay.symbols)), range(len(lay.states))

    def grid(row: dict[tuple[int, int], int], kinds: range) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(row[c, k] for k in kinds) for c in cells)

    S = tuple(grid(row, syms) for row in record.S[: rows + 1])
    H = tuple(grid(row, states) for row in record.H[: rows + 1])
    labels = {node: gate_role(lay, role) for node, role in record.roles.items()}
    return LabelledTableau(record.circuit, lay, n, time, rows, (lo, hi), S, H, labels)


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
