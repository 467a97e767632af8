"""The Cook-Levin tableau, gate by gate: the encoding of `uniform.tableau`, written once in full.

This module is the reference `build_tableau` (`uniform.tableau`) is an optimisation of; it is
small and slow on purpose (a Python loop per gate), and tests/uniform/test_tableau_reference.py
compares every fast path of `build_tableau` with it on random and library machines.

The encoding (Cook 1971; the easy direction of Theorem 6.1): a machine, an input length n and a
time bound T become a circuit whose output ``accept`` is 1 exactly when the machine accepts the
input within T steps.

* **Rows** t = 0..T, one per configuration. **Cells** c in [L, R] (`tableau.cell_range`):
  L = -T, R = T on a two-way tape, L = 0, R = T on a left-bounded one: the cells the head can
  reach in T steps.
* **Bits** of row t and cell c: ``S[t][c][a]`` "cell c holds symbol a" for every tape symbol
  (one-hot), and ``H[t][c][q]`` "the head is on c in state q" for every state but reject.
  Rejecting (a missing transition, or a move into reject) makes the head disappear: a row with
  no H bit set is the absorbing reject, so reject needs no bits. Accept is absorbing.
* **Row 0**: the input symbol of cell c (0 <= c < n) is decoded from its b network input bits
  (`machines.encoding`, least significant first): the symbol with code v is the AND of the b
  literals matching v (the NOT of every input bit is built once); other cells hold the blank;
  ``H[0][0][start] = 1``. When the input alphabet's size is not a power of two, ``valid`` is
  the AND over the n cells of (the OR of the cell's symbol ANDs): a code naming no symbol
  rejects.
* **Step** t -> t+1, for every kept transition f = (q, a) -> (q', w, m) (not from accept or
  reject, not into reject): ``fire[f][c] = H[t][c][q] AND S[t][c][a]``. Then
  ``H[t+1][c][q'] = OR of fire[f][c - m]`` over the fires f into q' (FALSE off the tape), on a
  left-bounded tape also fire[f][0] into cell 0 for each left-moving f (a left move on cell 0
  stays), and ``OR H[t][c][accept]`` when q' is accept; a state nothing enters gets no gate
  (its bit is FALSE). For t + 1 < T (row T's symbols are never read), per symbol a:
  ``kept = S[t][c][a] AND NOT leave`` with ``leave = OR of H[t][c][q]`` over the states q whose
  transition on a writes another symbol (kept = S[t][c][a] when there are none; folded, one
  leave OR per cell and distinct set of states, shared by the symbols that have it), and
  ``S[t+1][c][a] = kept OR (OR of fire[f][c])`` over the fires f that read another symbol and
  write a (kept when there are none).
* **Output**: ``accept = OR over c of H[T][c][accept]``, AND ``valid`` when it is needed.

Unfolded (``fold=False``), every gate above is built over every cell of every row, and the
circuit's size is `tableau.tableau_size` exactly. Folded (``fold=True``), the same gates go
through the plain folder of `uniform.fold_reference` (constants, repeated inputs, x beside
NOT x, double negation, shared NOTs) and dead gates are removed: the function is the same, and
`build_tableau(fold=True)` builds the same number of gates, and the same circuit up to
structural hashing (it skips the cells the head cannot have reached, which fold to constants
here).

Each gate is built with its role in the encoding (``"fire", t, c, i``: transition i's fire at
cell c in step t -> t+1), which a `TableauRecord` keeps: `uniform.tableau_labels` names the
printed circuit's gates from it (`tmnet explain`), so the encoding is not written a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmnet.machines.model import Machine, Move
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit, remove_dead
from tmnet.uniform.errors import UniformError
from tmnet.uniform.fold_reference import PlainFolder
from tmnet.uniform.ircheck import checked
from tmnet.uniform.tableau import cell_range, layout

Bits = dict[tuple[int, int], int]  # (cell, symbol or state) -> node
Role = tuple[str, int, int | None, object]  # (role, step, cell, what): module docstring


@dataclass
class TableauRecord:
    """What `reference_tableau(..., record=...)` fills in as it builds: the node of every bit,
    ``S[t][c, a]`` and ``H[t][c, q]`` (S of row T is never built), the role of every gate
    (``roles[node]``, the first one it was built with; `Role`), and the circuit those nodes
    number (before dead gates are removed)."""

    S: list[Bits] = field(default_factory=list)
    H: list[Bits] = field(default_factory=list)
    roles: dict[int, Role] = field(default_factory=dict)
    circuit: Circuit | None = None


def reference_tableau(
    machine: Machine, n: int, time: int, *, fold: bool = False, record: TableauRecord | None = None
) -> Circuit:
    """The tableau circuit of `machine` on inputs of length n for T = `time`, gate by gate
    (module docstring); output ``accept``. `record`, when given, is filled in (`TableauRecord`)."""
    if n < 0 or time < 0:
        raise UniformError(f"need n >= 0 and T >= 0, got n = {n}, T = {time}")
    lay = layout(machine)
    b = lay.bits_per_symbol
    g = PlainFolder(n * b, fold=fold, name=f"{machine.name}[n={n},T={time}] (reference)")
    roles: dict[int, Role] = {}

    def gate(kind: int, inputs: list[int], *role: object) -> int:
        node = g.gate(kind, inputs)
        if node >= 2 + n * b:
            roles.setdefault(node, role)
        return node

    lo, hi = cell_range(machine, time)
    cells = range(lo, hi + 1)
    symbols = range(len(lay.symbols))
    states = range(len(lay.states))
    blank = lay.symbols.index(machine.blank)

    # ---- row 0: decode the input cells
    decoded = n if lay.need_valid else min(n, hi + 1)  # cells beyond R are never read
    bit = [[2 + c * b + j for j in range(b)] for c in range(decoded)]  # x_(cb+j+1)
    neg = [[gate(NOT, [x], "not", -1, c, x - 2) for x in row] for c, row in enumerate(bit)]
    enc: list[dict[int, int]] = [{} for _ in range(decoded)]
    for c in range(decoded):
        for a, code in lay.input_codes:
            lits = [bit[c][j] if (code >> j) & 1 else neg[c][j] for j in range(b)]
            enc[c][a] = gate(AND, lits, "decode", -1, c, a)
    valid = TRUE
    if lay.need_valid and n:
        per_cell = [gate(OR, list(enc[c].values()), "valid", -1, c, None) for c in range(n)]
        valid = gate(AND, per_cell, "valid", -1, None, None)
    S0: Bits = {}
    for c in cells:
        for a in symbols:
            if 0 <= c < min(decoded, hi + 1):
                S0[c, a] = enc[c].get(a, FALSE)
            else:
                S0[c, a] = TRUE if a == blank else FALSE
    H0: Bits = {(c, q): FALSE for c in cells for q in states}
    if lay.start >= 0:
        H0[0, lay.start] = TRUE
    S, H = [S0], [H0]  # rows 0..t

    # ---- steps
    fires = lay.fires  # (q, a, q', w, move)
    for t in range(time):
        s, h = S[t], H[t]
        fire = {
            (i, c): gate(AND, [h[c, f[0]], s[c, f[1]]], "fire", t, c, i)
            for i, f in enumerate(fires)
            for c in cells
        }
        new_h = {}
        for c in cells:
            for q2 in states:
                srcs = [fire.get((i, c - f[4]), FALSE) for i, f in enumerate(fires) if f[2] == q2]
                if lay.left_bounded:
                    srcs += [
                        fire[i, 0] if c == 0 else FALSE
                        for i, f in enumerate(fires)
                        if f[2] == q2 and f[4] == Move.L
                    ]
                if q2 == lay.accept:
                    srcs.append(h[c, q2])
                new_h[c, q2] = gate(OR, srcs, "head", t, c, q2) if srcs else FALSE
        H.append(new_h)
        if t + 1 < time:
            new_s = {}
            left = {}  # folded: one leave OR (and its NOT) per cell and distinct leave set
            for c in cells:
                for a in symbols:
                    kept = s[c, a]
                    leave = lay.leave_set(a)
                    if leave:
                        key = (c, tuple(leave))
                        if key not in left or not fold:
                            ors = gate(OR, [h[c, q] for q in leave], "leave", t, c, leave)
                            left[key] = gate(NOT, [ors], "not", t, c, a)
                        kept = gate(AND, [kept, left[key]], "kept", t, c, a)
                    enter = lay.enter_set(a)
                    if enter:
                        kept = gate(OR, [kept] + [fire[i, c] for i in enter], "enter", t, c, a)
                    new_s[c, a] = kept
            S.append(new_s)

    # ---- output
    out = gate(OR, [H[time][c, lay.accept] for c in cells], "accept", time, None, None)
    if lay.need_valid:
        out = gate(AND, [out, valid], "accept", time, None, "valid")
    g.output(out, "accept")
    circuit = g.build()
    if record is not None:
        record.S, record.H, record.roles, record.circuit = S, H, roles, circuit
    return remove_dead(circuit) if fold else checked(circuit)
