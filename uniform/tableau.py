"""The Cook-Levin tableau: a machine, an input length n and a time bound T as a boolean circuit.

This is the circuit of the easy direction of Theorem 6.1 (Cook 1971): a machine running in time
T(n) has circuits of size O(T(n)^2). `build_tableau` is an optimisation of the gate-by-gate
reference `tmnet.uniform.tableau_reference.reference_tableau`, which implements the encoding
below in full and plainly; its paths (unfolded rows, narrow folded rows `_py_row`, wide folded
rows `_np_row`) are each tested against it (tests/uniform/test_tableau_reference.py: the same
function, the same gates unfolded, the same gate count folded). The encoding:

* **Rows** t = 0..T, one per configuration (row t is the configuration after t steps).
* **Cells** c in [L, R]: two-way tapes L = -T, R = T; left-bounded tapes L = 0, R = T. These are
  exactly the cells the head can stand on within T steps (it starts on cell 0 and moves at most
  one cell a step). Cells the input occupies beyond R are never read and are left out.
* Per row and cell, the bits
  - ``S[t, c, a]`` for each tape symbol a: "cell c holds a" (one-hot), and
  - ``H[t, c, q]`` for each state q other than the reject state: "the head is on c in state q".
  At most one H bit of a row is set; when the machine halts rejecting (a missing transition, or a
  move into the reject state) the head disappears, so that row has no H bit set, and neither has
  any later row. The reject state therefore needs no bits: "no head" is the absorbing reject.
  The accept state is absorbing: ``H[t+1, c, accept] >= H[t, c, accept]``.
* **Row 0**: ``S[0, c, .]`` is the input symbol of cell c for 0 <= c < n (decoded from the
  network inputs with `machines.encoding`: ``b`` bits per symbol, least significant first; the
  symbol with code v is the AND of the b literals matching v), the blank elsewhere;
  ``H[0, 0, start] = 1``.
* **Step** t -> t+1 uses only cells c-1, c, c+1 of row t. For each transition f = (q, a) ->
  (q', w, m) that does not enter the reject state: ``fire_f[t, c] = H[t, c, q] AND S[t, c, a]``;
  then ``H[t+1, c, q'] = OR of fire_f[t, c - m]`` over the transitions f into q' (on a
  left-bounded tape a left move on cell 0 stays: fire_f[t, 0] also feeds H[t+1, 0, q'])
  ``(OR H[t, c, accept] when q' is accept)``; and
  ``S[t+1, c, a] = (S[t, c, a] AND NOT leave_a[t, c]) OR enter_a[t, c]`` where
  ``leave_a = OR of H[t, c, q]`` over states q whose transition on a writes another symbol, and
  ``enter_a = OR of fire_f[t, c]`` over transitions f that read another symbol and write a.
  The symbols of row T are never read and are not built.
* **Output**: ``accept = OR over c of H[T, c, accept]``; for an input alphabet with fewer than
  2^b symbols (not a power of two, or unary: b = 1), AND ``valid`` = every input cell's b bits
  name a symbol, so that a code that names no symbol rejects. This is "the machine enters
  accept within T steps" exactly, including on inputs where it runs out of time (then no
  accept bit is set and the circuit rejects).

`build_tableau(..., fold=False)` builds every gate above over the full cell range in every row,
so its size is given exactly by `tableau_size`. `fold=True` (what the printer uses) builds, in
row t, only the cells the head can have reached ([-t, t], or [0, t], narrowed to the columns
whose H bits did not fold to 0; once no H bit is left the machine has halted and the rows
stop); the other cells are the input or the blank, constants or input bits, and are folded in
(`CircuitBuilder(fold=True)`: constants, duplicate inputs, double negation, NOT sharing;
identical leave-sets are built once).
`folded_bound` bounds its size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from tmnet.machines import encoding
from tmnet.machines.model import Machine, Move
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit, CircuitBuilder, remove_dead
from tmnet.uniform.errors import UniformError
from tmnet.uniform.ircheck import checked

_PY_ROW = 48  # folded rows with at most this many fire gates are stepped with Python lists
_FEW_T = 8  # wide rows: ORs of up to this many inputs use `CircuitBuilder.gates_t`


@dataclass(frozen=True)
class TableauLayout:
    """The machine's parts as the tableau sees them (`tableau_size` is a formula in these)."""

    states: tuple[str, ...]  # tracked states: every state but reject (accept included)
    symbols: tuple[str, ...]  # tape symbols, in declared order
    fires: tuple[tuple[int, int, int, int, int], ...]  # (q, a, q', w, move) indices, kept only
    bits_per_symbol: int
    input_codes: tuple[tuple[int, int], ...]  # (symbol index, code) per input symbol
    need_valid: bool
    left_bounded: bool
    start: int  # index in states, or -1 when start is the reject state
    accept: int  # index in states

    def head_sources(self, q2: int) -> int:
        """k_q': inputs of the unfolded head gate of state q' (0: no gate, constant 0)."""
        k = sum(1 for f in self.fires if f[2] == q2)
        if self.left_bounded:
            k += sum(1 for f in self.fires if f[2] == q2 and f[4] == Move.L)
        return k + (1 if q2 == self.accept else 0)

    def leave_set(self, a: int) -> tuple[int, ...]:
        return tuple(sorted({f[0] for f in self.fires if f[1] == a and f[3] != a}))

    def enter_set(self, a: int) -> tuple[int, ...]:
        return tuple(i for i, f in enumerate(self.fires) if f[3] == a and f[1] != a)


# A function machine's transitions into reject still write (docs/function-machines.md): they
# move the head into this extra tracked state, which has no transitions, so the head vanishes
# one row later, exactly as a move into reject, but the write reaches the output row.
REJECTING = "\0rejecting"


def _rejecting_writes(machine: Machine) -> bool:
    """Whether the tableau tracks REJECTING: a function machine with a transition into reject
    that writes another symbol than it reads."""
    return machine.output is not None and any(
        tr.next_state == machine.reject and tr.write != a and q != machine.accept
        for (q, a), tr in machine.transitions.items()
    )


def layout(machine: Machine) -> TableauLayout:
    """Index the machine for the tableau: tracked states, symbols and kept transitions."""
    states = tuple(q for q in machine.states if q != machine.reject)
    sidx = {q: i for i, q in enumerate(states)}
    symbols = tuple(machine.tape_alphabet)
    aidx = {a: i for i, a in enumerate(symbols)}
    for a in list(machine.input_alphabet) + [machine.blank]:
        if a not in aidx:
            raise UniformError(f"symbol {a!r} is not in the tape alphabet of {machine.name}")
    fires = []
    rejecting = _rejecting_writes(machine)
    if rejecting:  # a function machine's last write counts: one more tracked state, no moves
        states += (REJECTING,)
        sidx[REJECTING] = len(states) - 1
    for (q, a), tr in machine.transitions.items():
        if q in (machine.accept, machine.reject):
            continue
        if tr.next_state == machine.reject:
            if not rejecting:
                continue
            fires.append((sidx[q], aidx[a], sidx[REJECTING], aidx[tr.write], int(tr.move)))
            continue
        fires.append((sidx[q], aidx[a], sidx[tr.next_state], aidx[tr.write], int(tr.move)))
    fires.sort()
    codes = encoding.symbol_codes(machine)
    b = encoding.bits_per_symbol(machine)
    return TableauLayout(
        states=states,
        symbols=symbols,
        fires=tuple(fires),
        bits_per_symbol=b,
        input_codes=tuple((aidx[s], codes[s]) for s in machine.input_alphabet),
        need_valid=len(machine.input_alphabet) < 2**b,
        left_bounded=machine.left_bounded,
        start=sidx.get(machine.start, -1),
        accept=sidx[machine.accept],
    )


@dataclass(frozen=True)
class Tableau:
    """A built tableau: the circuit (output ``accept``) and where its cells lie."""

    circuit: Circuit
    layout: TableauLayout
    n: int
    time: int
    cells: tuple[int, int]  # (L, R), inclusive
    folded: bool


def cell_range(machine: Machine, time: int) -> tuple[int, int]:
    """[L, R]: the cells the head can reach within `time` steps."""
    return (0, time) if machine.left_bounded else (-time, time)


def _emit(cb: CircuitBuilder, kind: int, mats: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Gates for several (m_i, k_i) input matrices of one kind.

    Folding: one batch, rows padded with the neutral constant (folded away). Unfolded: one batch
    per matrix so that every gate keeps exactly the fan-in the formula counts.
    """
    if not mats:
        return []
    if not cb.fold:
        return [cb.gates(kind, m) for m in mats]
    if len(mats) == 1:
        return [cb.gates(kind, mats[0])]
    kmax = max(m.shape[1] for m in mats)
    rows = [m.shape[0] for m in mats]
    neutral = TRUE if kind == AND else FALSE
    stacked = np.full((sum(rows), kmax), neutral, dtype=np.int64)
    r = 0
    for m, h in zip(mats, rows, strict=True):
        stacked[r : r + h, : m.shape[1]] = m
        r += h
    out = cb.gates(kind, stacked)
    parts, r = [], 0
    for h in rows:
        parts.append(out[r : r + h])
        r += h
    return parts


def build_tableau(machine: Machine, n: int, time: int, *, fold: bool = True) -> Tableau:
    """The tableau circuit of `machine` on inputs of length n with T = `time` (module docstring).

    An optimisation of `tableau_reference.reference_tableau` (the same function; unfolded the
    same gates, folded the same number): whole rows at a time over cached index plans."""
    if n < 0:
        raise UniformError(f"n must be >= 0, got {n}")
    if time < 0:
        raise UniformError(f"the time bound must be >= 0, got T({n}) = {time}")
    lay = layout(machine)
    b = lay.bits_per_symbol
    n_in = n * b
    cb = CircuitBuilder(n_in, fold=fold, name=f"{machine.name}[n={n},T={time}]")
    lo_cell, hi_cell = cell_range(machine, time)
    width = hi_cell - lo_cell + 1
    n_sym = len(lay.symbols)
    n_q = len(lay.states)
    blank = lay.symbols.index(machine.blank)
    final = machine.output is not None  # row T's symbols are the output

    # ---- row 0: symbols of every cell (column j is cell lo_cell + j)
    sym = np.full((width, n_sym), FALSE, dtype=np.int64)
    sym[:, blank] = TRUE
    n_enc = n if lay.need_valid else min(n, hi_cell + 1)
    valid = TRUE
    if n_enc:
        bits = (np.arange(n_enc * b, dtype=np.int64) + 2).reshape(n_enc, b)
        negs = cb.nots(bits.reshape(-1)).reshape(n_enc, b)
        mats = []
        for _, code in lay.input_codes:
            sel = np.array([(code >> j) & 1 for j in range(b)], dtype=bool)
            mats.append(np.where(sel[None, :], bits, negs))
        enc = _emit(cb, AND, mats)  # per input symbol: (n_enc,) nodes
        in_tape = min(n_enc, hi_cell + 1)
        cols = np.arange(in_tape) - lo_cell
        sym[cols, blank] = FALSE
        for (a, _), nodes in zip(lay.input_codes, enc, strict=True):
            sym[cols, a] = nodes[:in_tape]
        if lay.need_valid:
            per_cell = _emit(cb, OR, [np.stack(enc, axis=1)])[0]
            valid = int(_emit(cb, AND, [per_cell.reshape(1, -1)])[0][0])

    # ---- head region and H of row 0
    if fold:
        ha = hb = -lo_cell
    else:
        ha, hb = 0, width - 1
    head = np.full((hb - ha + 1, n_q), FALSE, dtype=np.int64)
    if lay.start >= 0:
        head[-lo_cell - ha, lay.start] = TRUE

    fires = lay.fires
    n_f = len(fires)
    into = [[i for i, f in enumerate(fires) if f[2] == q2] for q2 in range(n_q)]
    head_qs = [q2 for q2 in range(n_q) if into[q2] or q2 == lay.accept]
    leave_sets = [lay.leave_set(a) for a in range(n_sym)]
    enter_sets = [lay.enter_set(a) for a in range(n_sym)]

    f_q = np.array([f[0] for f in fires], dtype=np.int64)
    f_a = np.array([f[1] for f in fires], dtype=np.int64)
    head_plan: dict[tuple[int, int, int, bool], np.ndarray] = {}
    plan_lists: dict[tuple[int, int, int, bool], _ListPlan] = {}
    needs_update = any(leave_sets) or any(enter_sets)
    rules = _SymbolRules.of(leave_sets, enter_sets)
    # the shape-independent parts of the row plans, built once
    sources = _head_sources(lay, into)
    leave_q = _leave_states(rules)
    head_plan_t: dict[tuple[int, int, int, bool], _HeadPlan] = {}
    sym_plans: dict[int, _SymPlan] = {}
    hl: list[list[int]] | None = None  # the head region as lists while narrow rows run
    for t in range(time):
        w = hb - ha + 1
        if fold and n_f and w * n_f <= _PY_ROW:
            # a narrow row: the same gates in the same order, folded with Python lists
            if hl is None:
                hl = head.tolist()
            na, nb = max(0, ha - 1), min(width - 1, hb + 1)
            key = (w, nb - na + 1, na - ha, ha == 0)
            lplan = plan_lists.get(key)
            if lplan is None:
                idx = _head_gather(sources, n_f, w, key[1], na - ha, ha == 0)
                false_slot = n_f * w + w
                lplan = plan_lists[key] = _ListPlan.of(idx, head_qs, n_q, false_slot, key[1])
            update = (t + 1 < time or final) and needs_update
            step = _py_row(cb, lay, sym, ha, hl, lplan, rules, update)
            if step is None:
                head, hl = np.zeros((0, n_q), dtype=np.int64), None
                break
            hl, lo, hi = step
            ha, hb = na + lo, na + hi
            continue
        if hl is not None:
            head = np.array(hl, dtype=np.int64).reshape(-1, n_q)
            hl = None
        if fold and n_f:
            # a wide row: whole-array steps over index plans cached per region shape
            na, nb = max(0, ha - 1), min(width - 1, hb + 1)
            key = (w, nb - na + 1, na - ha, ha == 0)
            hplan = head_plan_t.get(key)
            if hplan is None:
                idx = _head_gather(sources, n_f, w, key[1], na - ha, ha == 0)
                hplan = head_plan_t[key] = _HeadPlan.of(lay, idx, head_qs, leave_q, w, key[1])
            splan = sym_plans.get(w)
            if splan is None:
                splan = sym_plans[w] = _SymPlan.of(lay, rules, w)
            update = (t + 1 < time or final) and needs_update
            step = _np_row(cb, lay, sym, ha, head, hplan, splan, update)
            if step is None:
                head = np.zeros((0, n_q), dtype=np.int64)
                break
            head, lo, hi = step
            ha, hb = na + lo, na + hi
            continue
        s_reg = sym[ha : hb + 1]
        # fire_f = H[q] AND S[a] on the head region: one batch, f-major
        if n_f:
            pairs = np.empty((n_f, w, 2), dtype=np.int64)
            pairs[:, :, 0] = head[:, f_q].T
            pairs[:, :, 1] = s_reg[:, f_a].T
            fire_arr = cb.gates(AND, pairs.reshape(-1, 2)).reshape(n_f, w)
        else:
            fire_arr = np.zeros((0, w), dtype=np.int64)
        # new head region
        if fold:
            # (folded rows get here only without kept transitions: no symbol ever changes)
            na, nb = max(0, ha - 1), min(width - 1, hb + 1)
            w2 = nb - na + 1
            # every head OR of the row in one batch, gathered from (fires, accept bits, FALSE)
            key = (w, w2, na - ha, ha == 0)
            idx = head_plan.get(key)
            if idx is None:
                idx = head_plan[key] = _head_gather(sources, n_f, w, w2, na - ha, ha == 0)
            if len(idx):
                pool = np.concatenate([fire_arr.reshape(-1), head[:, lay.accept], [FALSE]])
                nodes = cb.gates(OR, pool[idx]).reshape(len(head_qs), w2)
                new_head = np.full((w2, n_q), FALSE, dtype=np.int64)
                new_head[:, head_qs] = nodes.T
            else:
                new_head = np.full((w2, n_q), FALSE, dtype=np.int64)
            # trim columns where the head cannot be (every H bit folded to 0)
            nz = np.flatnonzero((new_head != FALSE).any(axis=1))
            if not len(nz):
                head = np.zeros((0, n_q), dtype=np.int64)
                break
            new_head = new_head[nz[0] : nz[-1] + 1]
            na, nb = na + int(nz[0]), na + int(nz[-1])
            head, ha, hb = new_head, na, nb
            continue
        na, nb = ha, hb
        w2 = nb - na + 1
        padded = np.full((n_f, w + 4), FALSE, dtype=np.int64)
        padded[:, 2 : w + 2] = fire_arr
        new_cols = np.arange(na, nb + 1)
        head_mats, head_q = [], []
        for q2 in range(n_q):
            columns = []
            for i in into[q2]:
                m = fires[i][4]
                columns.append(padded[i, new_cols - m - ha + 2])
            if lay.left_bounded:
                for i in into[q2]:
                    if fires[i][4] == Move.L:
                        col = np.full(w2, FALSE, dtype=np.int64)
                        col[0 - na] = padded[i, 0 - ha + 2]  # cell 0 is column 0
                        columns.append(col)
            if q2 == lay.accept:
                col = np.full(w2, FALSE, dtype=np.int64)
                src = new_cols - ha
                ok = (src >= 0) & (src < w)
                col[ok] = head[src[ok], q2]
                columns.append(col)
            if columns:
                head_mats.append(np.stack(columns, axis=1))
                head_q.append(q2)
        new_head = np.full((w2, n_q), FALSE, dtype=np.int64)
        for q2, nodes in zip(head_q, _emit(cb, OR, head_mats), strict=True):
            new_head[:, q2] = nodes
        # symbols of row t+1 on the old head region (row T's are read by function machines only)
        if t + 1 < time or final:
            _update_symbols(cb, sym, ha, hb, head, fire_arr, leave_sets, enter_sets)
        head, ha, hb = new_head, na, nb

    if hl is not None:
        head = np.array(hl, dtype=np.int64).reshape(-1, n_q)
    acc = _emit(cb, OR, [head[:, lay.accept].reshape(1, -1)])[0]
    out = int(acc[0])
    if lay.need_valid:
        out = int(_emit(cb, AND, [np.array([[out, valid]], dtype=np.int64)])[0][0])
    cb.output(out, "accept")
    if final:
        _output_bits(cb, machine, lay, sym, n, lo_cell, hi_cell, valid)
    circuit = cb.build()
    del cb  # its chunks: only the concatenated circuit is kept
    # remove_dead checks its result under TMNET_CHECK_IR; the unfolded circuit is checked here
    circuit = remove_dead(circuit) if fold else checked(circuit)
    return Tableau(circuit, lay, n, time, (lo_cell, hi_cell), fold)


def _beyond_reach(machine: Machine, n: int, hi_cell: int) -> range:
    """Output cells that hold an input symbol the head never reaches (cells R+1 .. n-1)."""
    cells = machine.output_cells(n)
    return range(max(cells.start, hi_cell + 1), min(cells.stop, n))


def _output_bits(
    cb: CircuitBuilder,
    machine: Machine,
    lay: TableauLayout,
    sym: np.ndarray,
    n: int,
    lo_cell: int,
    hi_cell: int,
    valid: int,
) -> None:
    """Outputs out0.. of a function machine: "cell c of row T holds 1" for each output cell
    (machines.functions); cells the head cannot reach hold the input or the blank. With an
    input alphabet that needs a validity check, each bit is ANDed with it (invalid -> 0)."""
    one = lay.symbols.index("1") if "1" in lay.symbols else -1
    codes = encoding.symbol_codes(machine)
    b = lay.bits_per_symbol
    beyond = _beyond_reach(machine, n, hi_cell)
    nodes = []
    for c in machine.output_cells(n):
        if lo_cell <= c <= hi_cell:
            nodes.append(int(sym[c - lo_cell, one]) if one >= 0 else FALSE)
        elif c in beyond and "1" in codes:
            code = codes["1"]
            bits = np.arange(c * b, (c + 1) * b, dtype=np.int64) + 2
            zeros = [j for j in range(b) if not (code >> j) & 1]
            lits = bits.copy()
            if zeros:
                lits[zeros] = cb.nots(bits[zeros])
            nodes.append(int(_emit(cb, AND, [lits.reshape(1, -1)])[0][0]))
        else:  # left of the input or right of it: the blank
            nodes.append(TRUE if machine.blank == "1" else FALSE)
    if lay.need_valid and nodes:
        pairs = np.array([[x, valid] for x in nodes], dtype=np.int64)
        nodes = [int(x) for x in _emit(cb, AND, [pairs])[0]]
    for k, x in enumerate(nodes):
        cb.output(x, f"out{k}")


@dataclass(frozen=True)
class _SymbolRules:
    """The symbol update's sets in the order its batches use them (`_py_row`)."""

    uniq_leave: tuple[tuple[int, ...], ...]  # distinct non-empty leave sets, sorted
    active: tuple[int, ...]  # symbols with a leave set
    leave_slot: tuple[int, ...]  # per active symbol: its set's index in uniq_leave
    with_enter: tuple[int, ...]  # symbols with an enter set
    enter_sets: tuple[tuple[int, ...], ...]  # per symbol in with_enter: its enter set

    @staticmethod
    def of(leave_sets: list[tuple[int, ...]], enter_sets: list[tuple[int, ...]]) -> _SymbolRules:
        uniq = tuple(sorted({s for s in leave_sets if s}))
        active = tuple(a for a, s in enumerate(leave_sets) if s)
        with_enter = tuple(a for a, e in enumerate(enter_sets) if e)
        return _SymbolRules(
            uniq,
            active,
            tuple(uniq.index(leave_sets[a]) for a in active),
            with_enter,
            tuple(enter_sets[a] for a in with_enter),
        )


@dataclass(frozen=True)
class _ListPlan:
    """The head ORs of a narrow row for one region shape, for `_py_row`: per OR an item getter
    of its inputs from the pool [fires, accept bits, FALSE], and per new column the positions
    of its H bits in [OR results, FALSE]."""

    getters: tuple[Callable[[list[int]], tuple[int, ...]], ...]
    columns: tuple[tuple[int, ...], ...]

    @staticmethod
    def of(idx: np.ndarray, head_qs: list[int], n_q: int, false_slot: int, w2: int) -> _ListPlan:
        rows = len(head_qs) * w2
        # at least two inputs each so that every getter returns a tuple (FALSE pads an OR)
        getters = tuple(
            itemgetter(*r, false_slot) if len(r) < 2 else itemgetter(*r)
            for r in idx[:rows].tolist()
        )
        slot = {q: i for i, q in enumerate(head_qs)}
        columns = tuple(
            tuple(slot[q] * w2 + j if q in slot else rows for q in range(n_q)) for j in range(w2)
        )
        return _ListPlan(getters, columns)


def _py_row(
    cb: CircuitBuilder,
    lay: TableauLayout,
    sym: np.ndarray,
    ha: int,
    hl: list[list[int]],
    plan: _ListPlan,
    rules: _SymbolRules,
    update: bool,
) -> tuple[list[list[int]], int, int] | None:
    """One folded step of a narrow row with Python lists: the batches of `_np_row` (fires,
    head ORs with the leave ORs, then NOTs, kept ANDs and enter ORs when `update`), the same
    gates in the same order. Returns the trimmed new head region (rows of H bits) and its
    first and last column relative to the widened region, or None when no H bit is left."""
    w = len(hl)
    sl = sym[ha : ha + w].tolist()
    fires = lay.fires
    cells = range(w)
    fire = cb.and2_list(
        [hl[c][f[0]] for f in fires for c in cells], [sl[c][f[1]] for f in fires for c in cells]
    )
    acc = lay.accept
    pool = fire + [h[acc] for h in hl]
    pool.append(FALSE)
    rows = [g(pool) for g in plan.getters]
    n_head = len(rows)
    if update and rules.active:  # the leave ORs join the head ORs' batch
        rows += [[hl[c][q] for q in s] for s in rules.uniq_leave for c in cells]
    nodes = cb.gates_list(OR, rows)
    head_nodes = nodes[:n_head]
    head_nodes.append(FALSE)
    new_head = [[head_nodes[i] for i in col] for col in plan.columns]
    if update:
        _py_update_symbols(cb, sym, ha, sl, fire, nodes[n_head:], rules)
    live = [j for j, row in enumerate(new_head) if any(row)]  # FALSE is 0
    if not live:
        return None
    lo, hi = live[0], live[-1]
    return new_head[lo : hi + 1], lo, hi


def _py_update_symbols(
    cb: CircuitBuilder,
    sym: np.ndarray,
    ha: int,
    sl: list[list[int]],
    fire: list[int],
    leave: list[int],
    rules: _SymbolRules,
) -> None:
    """The symbol update of a narrow row after its leave ORs (`leave`, per distinct leave set
    and cell): the NOT, kept-AND and enter-OR batches of `_np_row`, with Python lists."""
    w = len(sl)
    cells = range(w)
    new = [list(row) for row in sl]
    if rules.active:
        nots = cb.nots_list([leave[i * w + c] for i in rules.leave_slot for c in cells])
        kept = cb.and2_list([sl[c][a] for a in rules.active for c in cells], nots)
        for i, a in enumerate(rules.active):
            for c in cells:
                new[c][a] = kept[i * w + c]
    if rules.with_enter:
        rows = [
            [new[c][a]] + [fire[e * w + c] for e in e_set]
            for a, e_set in zip(rules.with_enter, rules.enter_sets, strict=True)
            for c in cells
        ]
        entered = cb.gates_list(OR, rows)
        for i, a in enumerate(rules.with_enter):
            for c in cells:
                new[c][a] = entered[i * w + c]
    sym[ha : ha + w] = new


@dataclass(frozen=True)
class _HeadPlan:
    """The head ORs of a wide row for one region shape (`_head_gather`'s index matrix into
    [fires, accept bits, FALSE]), alone and followed by the row's leave ORs (their inputs,
    H bits, come after the pool's FALSE): the two share one batch when symbols update."""

    idx_t: np.ndarray  # (k, rows) C-ordered transpose of the gather matrix
    with_leave_t: np.ndarray  # (k', rows + leave ORs): head ORs, then leave ORs
    dst: np.ndarray  # flat positions of the rows' results in the new (w2, n_q) head
    w2: int

    @staticmethod
    def of(
        lay: TableauLayout,
        idx: np.ndarray,
        head_qs: list[int],
        leave_q: np.ndarray,
        w: int,
        w2: int,
    ) -> _HeadPlan:
        n_q, n_f = len(lay.states), len(lay.fires)
        j = np.arange(w2, dtype=np.int64)
        dst = (j[None, :] * n_q + np.asarray(head_qs, dtype=np.int64)[:, None]).reshape(-1)
        head_t = np.ascontiguousarray(idx[: len(dst)].T)
        false_slot = n_f * w + w
        leave_t = _SymPlan.leave_inputs(leave_q, n_q, w)
        k = max(head_t.shape[0], leave_t.shape[0])
        both = np.full((k, len(dst) + leave_t.shape[1]), false_slot, dtype=np.int64)
        both[: head_t.shape[0], : len(dst)] = head_t
        # the H bits follow [fires, accept bits, FALSE] in the pool; the region's FALSE index
        # (n_q * w) becomes the pool's
        both[: leave_t.shape[0], len(dst) :] = np.where(
            leave_t == n_q * w, false_slot, leave_t + false_slot + 1
        )
        return _HeadPlan(head_t, both, dst, w2)


@dataclass(frozen=True)
class _SymPlan:
    """Flat gather indices of a wide row's fire gates and symbol update for head width w
    (head and symbol region read as flat row-major arrays)."""

    fire_h: np.ndarray  # per fire f, cell c (f-major): c * n_q + q_f
    fire_s: np.ndarray  # c * n_sym + a_f
    slot: np.ndarray  # per active symbol and cell: its leave OR's position
    kept: np.ndarray  # per active symbol a and cell c: c * n_sym + a
    enter_t: np.ndarray  # (k, E * w) into [new symbols, fires, FALSE]
    enter_dst: np.ndarray  # per symbol a with an enter set and cell c: c * n_sym + a

    @staticmethod
    def of(lay: TableauLayout, rules: _SymbolRules, w: int) -> _SymPlan:
        n_q, n_sym, n_f = len(lay.states), len(lay.symbols), len(lay.fires)
        c = np.arange(w, dtype=np.int64)
        f_q = np.array([f[0] for f in lay.fires], dtype=np.int64)
        f_a = np.array([f[1] for f in lay.fires], dtype=np.int64)
        fire_h = (c[None, :] * n_q + f_q[:, None]).reshape(-1)
        fire_s = (c[None, :] * n_sym + f_a[:, None]).reshape(-1)
        slot = (np.asarray(rules.leave_slot, dtype=np.int64)[:, None] * w + c).reshape(-1)
        active = np.asarray(rules.active, dtype=np.int64)
        kept = (c[None, :] * n_sym + active[:, None]).reshape(-1)
        ke = 1 + max((len(e) for e in rules.enter_sets), default=0)
        false_slot = n_sym * w + n_f * w
        enter_t = np.full((ke, len(rules.with_enter) * w), false_slot, dtype=np.int64)
        for i, (a, e_set) in enumerate(zip(rules.with_enter, rules.enter_sets, strict=True)):
            enter_t[0, i * w : (i + 1) * w] = c * n_sym + a
            for j, e in enumerate(e_set):
                enter_t[1 + j, i * w : (i + 1) * w] = n_sym * w + e * w + c
        with_enter = np.asarray(rules.with_enter, dtype=np.int64)
        enter_dst = (c[None, :] * n_sym + with_enter[:, None]).reshape(-1)
        return _SymPlan(fire_h, fire_s, slot, kept, enter_t, enter_dst)

    @staticmethod
    def leave_inputs(leave_q: np.ndarray, n_q: int, w: int) -> np.ndarray:
        """(k, U * w): the leave ORs' inputs (per distinct leave set, per cell) as indices into
        the flat (w, n_q) head region, n_q * w for FALSE (`leave_q`: `_leave_states`)."""
        c = np.arange(w, dtype=np.int64)
        q = leave_q[:, :, None]
        kl, n_u = leave_q.shape
        return np.where(q >= 0, c * n_q + q, n_q * w).reshape(kl, n_u * w)


def _leave_states(rules: _SymbolRules) -> np.ndarray:
    """(k, U): the states of each distinct leave set (`_SymbolRules.uniq_leave`) by column,
    -1 below a shorter set."""
    kl = max((len(u) for u in rules.uniq_leave), default=0)
    out = np.full((kl, len(rules.uniq_leave)), -1, dtype=np.int64)
    for i, u in enumerate(rules.uniq_leave):
        out[: len(u), i] = u
    return out


def _np_row(
    cb: CircuitBuilder,
    lay: TableauLayout,
    sym: np.ndarray,
    ha: int,
    head: np.ndarray,
    hplan: _HeadPlan,
    splan: _SymPlan,
    update: bool,
) -> tuple[np.ndarray, int, int] | None:
    """One folded step of a wide row (n_f > 0) with whole-array operations: the batches of
    `_py_row` (fires, head ORs, then leave ORs, NOTs, kept ANDs and enter ORs when `update`),
    the same gates in the same order. Returns the trimmed new head region and its first and
    last column relative to the widened region, or None when no H bit is left."""
    w, n_q = head.shape
    s_flat = sym[ha : ha + w].reshape(-1)  # a view: `sym` is C-ordered
    h_flat = head.reshape(-1)
    fire = cb.and2(h_flat[splan.fire_h], s_flat[splan.fire_s])
    w2 = hplan.w2
    n_head = len(hplan.dst)
    leaves = update and len(splan.kept)
    if leaves:
        # head ORs and leave ORs: one batch
        pool = np.concatenate((fire, head[:, lay.accept], _FALSE1, h_flat))
        nodes = _or_t(cb, pool[hplan.with_leave_t])
    elif n_head:
        pool = np.concatenate((fire, head[:, lay.accept], _FALSE1))
        nodes = _or_t(cb, pool[hplan.idx_t])
    else:
        nodes = np.zeros(0, dtype=np.int64)
    new_flat = np.zeros(w2 * n_q, dtype=np.int64)
    new_flat[hplan.dst] = nodes[:n_head]
    if update:
        # in place: the row's symbol region (a view of `sym`) is read before it is written
        if leaves:
            nots = cb.nots(nodes[n_head:][splan.slot])
            s_flat[splan.kept] = cb.and2(s_flat[splan.kept], nots)
        if len(splan.enter_dst):
            pool = np.concatenate((s_flat, fire, _FALSE1))
            s_flat[splan.enter_dst] = _or_t(cb, pool[splan.enter_t])
    live = (nodes[:n_head].reshape(-1, w2) != FALSE).any(axis=0).nonzero()[0]
    if not len(live):
        return None
    lo, hi = int(live[0]), int(live[-1])
    return new_flat.reshape(w2, n_q)[lo : hi + 1], lo, hi


_FALSE1 = np.zeros(1, dtype=np.int64)


def _or_t(cb: CircuitBuilder, xt: np.ndarray) -> np.ndarray:
    """OR gates over the columns of the (k, m) array `xt`: `CircuitBuilder.gates_t` for a
    small k, else the general `gates` on the transpose (the same gates)."""
    if xt.shape[0] <= _FEW_T:
        return cb.gates_t(OR, xt)
    return cb.gates(OR, xt.T)


def _head_sources(lay: TableauLayout, into: list[list[int]]) -> np.ndarray:
    """The sources of the head ORs, for `_head_gather`: per tracked state q' that has one, a
    row of (kind, fire, move) triples padded with kind 3. Kind 0: a fire f into q' (in `into`
    order), moving by `move`; kind 1 on a left-bounded tape: the same fires again when they
    move left (a left move on cell 0 stays there); kind 2: the accept bit when q' is accept."""
    table = []
    for q2 in range(len(lay.states)):
        cols = [(0, i, lay.fires[i][4]) for i in into[q2]]
        if lay.left_bounded:
            cols += [(1, i, 0) for i in into[q2] if lay.fires[i][4] == Move.L]
        if q2 == lay.accept:
            cols.append((2, 0, 0))
        if cols:
            table.append(cols)
    kmax = max((len(cols) for cols in table), default=0)
    src = np.full((len(table), kmax, 3), (3, 0, 0), dtype=np.int64)  # kind 3: padding
    for b, cols in enumerate(table):
        src[b, : len(cols)] = cols
    return src


def _head_gather(src: np.ndarray, n_f: int, w: int, w2: int, off: int, at_zero: bool) -> np.ndarray:
    """Index matrix of the folded head ORs of one row: per tracked state q' (those with a
    source), w2 rows, one column per source (`_head_sources`: its fires, on a left-bounded
    tape the left-moving ones again, its accept bit; missing ones are FALSE), indexing the pool
    (fire_f over the w old columns, f-major; then the old accept bits; then FALSE). New column
    j is old column j + off. Built in a few whole-array steps from the source table."""
    false_slot = n_f * w + w
    if not len(src):
        return np.zeros((0, 1), dtype=np.int64)
    kind, fire, move = (src[:, None, :, i] for i in range(3))  # (blocks, 1, kmax)
    j = np.arange(w2, dtype=np.int64)[None, :, None]
    old = j + off - move
    ok = (old >= 0) & (old < w)
    idx = np.full((len(src), w2, src.shape[1]), false_slot, dtype=np.int64)
    idx = np.where((kind == 0) & ok, fire * w + old, idx)
    idx = np.where((kind == 2) & ok, n_f * w + old, idx)
    if at_zero and off <= 0:
        # a left move on cell 0 stays there: old cell 0 feeds new cell 0
        idx = np.where((kind == 1) & (j == -off), fire * w, idx)
    return idx.reshape(-1, src.shape[1])


def _update_symbols(
    cb: CircuitBuilder,
    sym: np.ndarray,
    ha: int,
    hb: int,
    head: np.ndarray,
    fire_arr: np.ndarray,
    leave_sets: list[tuple[int, ...]],
    enter_sets: list[tuple[int, ...]],
) -> None:
    """The symbol update of an unfolded row: per symbol its leave OR, NOT, kept AND and enter
    OR, every gate at the fan-in `tableau_size` counts."""
    n_sym = sym.shape[1]
    s_reg = sym[ha : hb + 1]
    active = [a for a in range(n_sym) if leave_sets[a]]
    built = _emit(cb, OR, [head[:, list(leave_sets[a])] for a in active])
    leave_of = dict(zip(active, built, strict=True))
    not_of = {a: cb.gates(NOT, leave_of[a]) for a in active}
    kept_list = _emit(cb, AND, [np.stack([s_reg[:, a], not_of[a]], axis=1) for a in active])
    kept = {a: s_reg[:, a].copy() for a in range(n_sym)}
    for a, nodes in zip(active, kept_list, strict=True):
        kept[a] = nodes
    with_enter = [a for a in range(n_sym) if enter_sets[a]]
    mats = [np.column_stack([kept[a], fire_arr[list(enter_sets[a])].T]) for a in with_enter]
    for a, nodes in zip(with_enter, _emit(cb, OR, mats), strict=True):
        kept[a] = nodes
    for a in range(n_sym):
        sym[ha : hb + 1, a] = kept[a]


@dataclass(frozen=True)
class TableauSize:
    """Gates and wires of a tableau circuit."""

    gates: int
    wires: int


def _row_counts(lay: TableauLayout) -> tuple[int, int, int, int]:
    """Per cell and step: (step gates, step wires, symbol-update gates, symbol-update wires)
    of the unfolded tableau, head gates counted with the step."""
    n_f = len(lay.fires)
    step_g = n_f
    step_w = 2 * n_f
    for q2 in range(len(lay.states)):
        k = lay.head_sources(q2)
        if k:
            step_g += 1
            step_w += k
    sym_g = sym_w = 0
    for a in range(len(lay.symbols)):
        leave, enter = lay.leave_set(a), lay.enter_set(a)
        if leave:
            sym_g += 3  # OR(leave), NOT, AND(S, NOT leave)
            sym_w += len(leave) + 1 + 2
        if enter:
            sym_g += 1
            sym_w += 1 + len(enter)
    return step_g, step_w, sym_g, sym_w


def _input_counts(lay: TableauLayout, n: int, time: int, hi_cell: int) -> tuple[int, int]:
    b = lay.bits_per_symbol
    n_enc = n if lay.need_valid else min(n, hi_cell + 1)
    sig = len(lay.input_codes)
    gates = n_enc * b + n_enc * sig
    wires = n_enc * b + n_enc * sig * b
    if lay.need_valid and n:
        gates += n + 1
        wires += n * sig + n
    return gates, wires


def tableau_size(machine: Machine, n: int, time: int) -> TableauSize:
    """The exact size of the unfolded tableau (`build_tableau(..., fold=False)`).

    With W = R - L + 1 cells (2T + 1 two-way, T + 1 left-bounded), F kept transitions,
    k_q inputs of the head gate of state q, and per symbol a the leave set l_a and enter set e_a:

        gates = G_in + T * W * (F + #{q: k_q > 0}) + max(T - 1, 0) * W * G_sym + 1 + [valid]
        wires = E_in + T * W * (2F + sum k_q) + max(T - 1, 0) * W * E_sym + W + 2 [valid]

    where G_sym = sum_a (3 [l_a] + [e_a]), E_sym = sum_a ((|l_a| + 3) [l_a] + (1 + |e_a|) [e_a]),
    and the input decoding costs G_in = m b + m |Sigma| (+ n + 1 with a validity check),
    E_in = m b + m |Sigma| b (+ n |Sigma| + n), m = the input cells decoded (all n with a validity
    check, else those within reach, min(n, R + 1)).
    """
    lay = layout(machine)
    lo, hi = cell_range(machine, time)
    width = hi - lo + 1
    step_g, step_w, sym_g, sym_w = _row_counts(lay)
    in_g, in_w = _input_counts(lay, n, time, hi)
    sym_rows = time if machine.output is not None else max(time - 1, 0)
    gates = in_g + time * width * step_g + sym_rows * width * sym_g + 1
    wires = in_w + time * width * step_w + sym_rows * width * sym_w + width
    if lay.need_valid:
        gates += 1
        wires += 2
    out_g, out_w = _output_counts(machine, lay, n, hi)
    return TableauSize(gates + out_g, wires + out_w)


def _output_counts(machine: Machine, lay: TableauLayout, n: int, hi_cell: int) -> tuple[int, int]:
    """Gates and wires of `_output_bits` (unfolded): per output cell beyond reach holding an
    input, 1 AND of b literals and a NOT per zero bit of the code of `1`; with a validity
    check, 1 AND of 2 inputs per output cell."""
    if machine.output is None:
        return 0, 0
    gates = wires = 0
    codes = encoding.symbol_codes(machine)
    if "1" in codes:
        b = lay.bits_per_symbol
        z = sum(1 for j in range(b) if not (codes["1"] >> j) & 1)
        k = len(_beyond_reach(machine, n, hi_cell))
        gates += k * (1 + z)
        wires += k * (b + z)
    if lay.need_valid:
        m = len(machine.output_cells(n))
        gates += m
        wires += 2 * m
    return gates, wires


def folded_bound(machine: Machine, n: int, time: int) -> TableauSize:
    """An upper bound on the size of the folded tableau (`build_tableau(..., fold=True)`).

    As `tableau_size`, with the full width W replaced in step t by the head region's width
    w_t = min(2t + 1, W) (two-way) or min(t + 1, W) (left-bounded) for fires and symbol updates,
    and w_{t+1} for the head gates: sum_t w_t = T^2 two-way, T (T + 1) / 2 left-bounded.
    """
    lay = layout(machine)
    lo, hi = cell_range(machine, time)
    width = hi - lo + 1

    def w(t: int) -> int:
        return min((t + 1) if machine.left_bounded else (2 * t + 1), width)

    n_f = len(lay.fires)
    head_g = sum(1 for q2 in range(len(lay.states)) if lay.head_sources(q2))
    head_w = sum(lay.head_sources(q2) for q2 in range(len(lay.states)))
    _, _, sym_g, sym_w = _row_counts(lay)
    in_g, in_w = _input_counts(lay, n, time, hi)
    sum_w = sum(w(t) for t in range(time))
    sum_w_next = sum(w(t + 1) for t in range(time))
    sym_rows = time if machine.output is not None else time - 1
    sum_w_sym = sum(w(t) for t in range(sym_rows))
    gates = in_g + sum_w * n_f + sum_w_next * head_g + sum_w_sym * sym_g + 2
    wires = in_w + 2 * sum_w * n_f + sum_w_next * head_w + sum_w_sym * sym_w + w(time) + 2
    out_g, out_w = _output_counts(machine, lay, n, hi)
    return TableauSize(gates + out_g, wires + out_w)
