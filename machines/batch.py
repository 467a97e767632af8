"""The batched runner: one machine on many inputs at once, with numpy.

`run_all(machine, n)` gives the machine's verdict on every network input vector for words of
length n, in the index order of machines/encoding.py; `run_batch(machine, words)` runs a list
of words. Both agree with `machines.run` on every input (tests/machines/test_machine_batch.py,
including random machines).

How it is fast. All live configurations advance in lockstep: states, head positions and tapes
are numpy arrays and one step is seven vectorised operations over lookup tables indexed by
state*(|Gamma|+2) + symbol. Two extra "symbols" let the rare events ride on the same lookup:
UNREAD marks an input cell not yet read, and EDGE (left-bounded tapes) the cell left of cell 0.
Reading either yields a state code above the halting threshold, so one `max()` per step detects
halts, branches and edge bounces together.

`run_all` shares work between inputs with a common prefix: the run on w depends only on the
cells the head has read, which are always the cells 0..m-1 for some m. It starts from ONE
configuration whose input cells are all UNREAD, and a configuration that reaches its first
unread cell splits into one copy per input symbol. A configuration that halts after reading m
symbols decides every input with that prefix at once (those are the indices congruent to the
prefix's code modulo 2^(b*m)). A left-to-right linear-time machine thus costs about 2 * 2^n
machine-steps for all 2^n inputs instead of n * 2^n. Near the end of the word (the last few
cells, at most 16 copies) a configuration is split once for all remaining cells, so the last
levels run as plain lockstep steps with no per-step branching. Memory stays bounded: at most `chunk`
configurations are live; the excess waits on a stack (depth-first).

The one-way fast path (`_one_way_plan`). Many linear-time machines never move left while the
head is on an input cell: every transition that a state reachable on input cells takes on an
input symbol either halts or moves R to a running state (a static check on the transition
table). On such a machine the head is on cell m after m steps and reads the untouched input
symbol there, so until it reaches the blank at cell n the machine is a DFA whose state after m
symbols is one small integer code per prefix. `run_all` then builds the state vector level by
level: the codes of all prefixes of length m+1 are the codes of the prefixes of length m looked
up once per input symbol (one `np.take` per symbol, about 2 * 2^n table lookups in all),
depth-first over the last symbols so that at most about `chunk` codes are live per level.
Halting is folded into the codes: "accepted / rejected after s steps" are codes of their own
that map to themselves. What happens after the head reaches the blank at cell n depends only on
the state and on the symbols the machine wrote on the last k cells (k = 0 for parity, 1 for
first_equals_last, which steps back once): the codes then carry those k symbols too, every
reachable (state, last k symbols) is run once by a small exact simulator, and k grows until no
such run reads a cell left of the k known ones. When the codes do not fit in 16 bits, or the
continuations would cost too many steps, the general engine runs instead. `run_batch` uses the
same tables on a matrix of words of one length (one lookup per word and input cell).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tmnet.machines import lockstep
from tmnet.machines.encoding import bits_per_symbol, input_bits, symbol_codes
from tmnet.machines.errors import RunnerLimitError
from tmnet.machines.interpreter import Compiled, _budget, compile_machine
from tmnet.machines.model import Machine

REJECT, ACCEPT, TIMEOUT = lockstep.REJECT, lockstep.ACCEPT, lockstep.TIMEOUT
"""The int8 outcome codes of `BatchResult.outcomes` (`Outcome.code` gives the same)."""

_TAPE_BYTES = 1 << 27  # at most this many bytes of live tape (128 MB)


@dataclass(frozen=True)
class BatchResult:
    """Per input: `outcomes` (int8: 1 accept, 0 reject, 2 timeout) and `steps` (integers).

    `outcomes == ACCEPT` is the truth table. For `run_all`, entry i belongs to the input
    vector with index i (machines/encoding.py); for `run_batch`, to the i-th word.
    """

    outcomes: np.ndarray
    steps: np.ndarray

    @property
    def accepted(self) -> np.ndarray:
        """The truth table as a bool array."""
        return self.outcomes == ACCEPT

    def __len__(self) -> int:
        return len(self.outcomes)


@dataclass(frozen=True)
class _Tables:
    """The machine as flat lookup arrays over premultiplied state codes (code * width).

    Codes: 0..Q-1 running states, Q PARK (a decided configuration idling in its slot), then
    accept, reject, "missing transition in k", "read UNREAD in k", "read EDGE in k". Codes
    from accept on are >= `halt` and are handled by `_Engine._settle`.
    """

    width: int  # G + 2 table columns: tape symbols, UNREAD, EDGE
    unread: int
    edge: int
    park: int
    halt: int
    accept: int
    missing: int  # premultiplied code of "missing transition in state 0"
    unread_base: int
    edge_base: int
    start: int
    blank: int
    next_state: np.ndarray  # intp, premultiplied
    write: np.ndarray  # uint8
    move: np.ndarray  # intp


def _tables(machine: Machine) -> _Tables:
    cm = compile_machine(machine)
    g, q = cm.n_symbols, cm.n_running
    w = g + 2
    unread, edge = g, g + 1
    park, accept, reject = q, q + 1, q + 2
    missing, unread_base, edge_base = q + 3, 2 * q + 3, 3 * q + 3
    n_codes = 4 * q + 3

    def code(c: int) -> int:  # the compiled code of `run` -> ours
        if c < q:
            return c
        return {q: accept, q + 1: reject}.get(c, missing + c - (q + 2))

    nxt = np.zeros(n_codes * w, dtype=np.intp)
    write = np.zeros(n_codes * w, dtype=np.uint8)
    move = np.zeros(n_codes * w, dtype=np.intp)
    for k in range(q):
        for j in range(g):
            e = k * g + j
            nxt[k * w + j] = code(cm.next_state[e]) * w
            write[k * w + j] = cm.write[e]
            move[k * w + j] = cm.move[e]
        nxt[k * w + unread] = (unread_base + k) * w
        write[k * w + unread] = unread
        nxt[k * w + edge] = (edge_base + k) * w
        write[k * w + edge] = edge
    for j in range(w):  # PARK idles
        nxt[park * w + j] = park * w
        write[park * w + j] = j
    return _Tables(
        width=w,
        unread=unread,
        edge=edge,
        park=park * w,
        halt=accept * w,
        accept=accept * w,
        missing=missing * w,
        unread_base=unread_base * w,
        edge_base=edge_base * w,
        start=code(cm.start) * w,
        blank=cm.blank,
        next_state=nxt,
        write=write,
        move=move,
    )


@dataclass
class _Saved:
    """Configurations waiting on the stack: all at step `t`."""

    t: int
    state: np.ndarray
    col: np.ndarray
    prefix: np.ndarray
    read: np.ndarray
    rows: np.ndarray  # (k, W) uint8 tape rows


class _Engine:
    """Runs configurations of one machine with one step budget, `capacity` at a time.

    Live configuration i owns tape row i: `pos[i]` is a flat index into row i. Decided
    configurations are parked in place (state PARK) and compacted away when they pile up.
    `emit(prefix, read, outcome, steps)` receives every decided configuration: `prefix` is the
    code of its read input prefix (or the word number for `run_batch`), `read` the number of
    input symbols it read.
    """

    def __init__(
        self,
        machine: Machine,
        max_steps: int,
        chunk: int,
        emit: Callable[[np.ndarray, np.ndarray, int, np.ndarray], None],
        branch_symbols: Sequence[tuple[int, int]] = (),
        bits: int = 1,
        n: int = 0,
    ) -> None:
        self.tb = _tables(machine)
        self.left_bounded = machine.left_bounded
        self.max_steps = max_steps
        # One look-ahead step past the budget tells a halt at exactly T (no transition: reject)
        # from a timeout. Head positions after t steps lie in [-t, t]; one guard cell each side.
        t = max_steps + 1
        if self.left_bounded:
            self.origin, self.cols = 1, t + 2
        else:
            self.origin, self.cols = t + 1, 2 * t + 3
        if self.cols > _TAPE_BYTES // 4:
            raise RunnerLimitError(
                f"max_steps = {max_steps:,} needs tape rows of {self.cols:,} cells, more than "
                f"the prefix engine's {_TAPE_BYTES // 4:,}",
                hint="use the lockstep engine (run_all(..., engine='lockstep')) or machines.run",
            )
        symbols = max(len(branch_symbols), 1)
        self.n = n
        self.unread_cells = min(n, max_steps + 1)
        # the last `tail` cells are fixed all at once: at most 16 copies per configuration
        self.tail = 1
        while symbols > 1 and symbols ** (self.tail + 1) <= 16:
            self.tail += 1
        self.combos: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for k in range(1, self.tail + 1):
            combos = []
            for choice in itertools.product(sorted(branch_symbols), repeat=k):
                code = sum(c << (bits * i) for i, (c, _) in enumerate(choice))
                combos.append((code, tuple(tc for _, tc in choice)))
            self.combos[k] = combos
        self.fan = symbols**self.tail
        cap = max(2 * self.fan, min(chunk, _TAPE_BYTES // self.cols))
        self.capacity = cap
        self.tape = np.empty((cap, self.cols), dtype=np.uint8)
        self.flat = self.tape.reshape(-1)
        self.state = np.empty(cap, dtype=np.intp)
        self.pos = np.empty(cap, dtype=np.intp)
        self.prefix = np.empty(cap, dtype=np.int64)
        self.read = np.empty(cap, dtype=np.int64)
        self.rowbase = np.arange(cap, dtype=np.intp) * self.cols
        self.r = 0
        self.parked = 0
        self.emit = emit
        self.branch = tuple(branch_symbols)  # (network code, tape code) per input symbol
        self.bits = bits
        self.stack: list[_Saved] = []

    def blank_rows(self, count: int) -> np.ndarray:
        rows = np.full((count, self.cols), self.tb.blank, dtype=np.uint8)
        if self.left_bounded:
            rows[:, 0] = self.tb.edge
        return rows

    def push(self, saved: _Saved) -> None:
        self.stack.append(saved)

    def run(self) -> None:
        """Run every saved batch to the end (depth first)."""
        while self.stack:
            self._run_one(self.stack.pop())

    def _run_one(self, saved: _Saved) -> None:
        tb = self.tb
        k = len(saved.state)
        self.tape[:k] = saved.rows
        self.state[:k] = saved.state
        self.pos[:k] = self.rowbase[:k] + saved.col
        self.prefix[:k] = saved.prefix
        self.read[:k] = saved.read
        self.r, self.parked = k, 0
        t = saved.t
        self._settle(t)
        flat, nxt, write, move = self.flat, tb.next_state, tb.write, tb.move
        halt = tb.halt
        cap = self.capacity
        cell = np.empty(cap, dtype=np.uint8)
        idx = np.empty(cap, dtype=np.intp)
        wbuf = np.empty(cap, dtype=np.uint8)
        mbuf = np.empty(cap, dtype=np.intp)
        while self.r > self.parked and t <= self.max_steps:
            r = self.r
            state, pos = self.state[:r], self.pos[:r]
            c, ix, wb, mb = cell[:r], idx[:r], wbuf[:r], mbuf[:r]
            np.take(flat, pos, out=c, mode="clip")
            np.add(state, c, out=ix)
            np.take(write, ix, out=wb, mode="clip")
            flat[pos] = wb
            np.take(move, ix, out=mb, mode="clip")
            pos += mb
            np.take(nxt, ix, out=state, mode="clip")
            t += 1
            if state.max() >= halt:
                self._settle(t)
        if self.r > self.parked:
            live = np.flatnonzero(self.state[: self.r] != tb.park)
            self.emit(
                self.prefix[live], self.read[live], TIMEOUT, np.full(len(live), self.max_steps)
            )
        self.r = self.parked = 0

    def _compact(self) -> None:
        r = self.r
        live = np.flatnonzero(self.state[:r] != self.tb.park)
        k = len(live)
        cols = self.pos[live] - self.rowbase[live]
        self.tape[:k] = self.tape[live]
        self.pos[:k] = self.rowbase[:k] + cols
        self.state[:k] = self.state[live]
        self.prefix[:k] = self.prefix[live]
        self.read[:k] = self.read[live]
        self.r, self.parked = k, 0

    def _settle(self, t: int) -> None:
        """Decide halted configurations, branch and bounce the others, until all run."""
        tb = self.tb
        while True:
            r = self.r
            state, pos, flat = self.state[:r], self.pos[:r], self.flat
            if not r or state.max() < tb.halt:
                return
            sel = np.flatnonzero(state >= tb.halt)
            codes = state[sel]
            done = codes < tb.unread_base
            if done.any():
                d = sel[done]
                dc = codes[done]
                steps = np.where(dc >= tb.missing, t - 1, t)  # a missing move takes no step
                accepted = dc == tb.accept
                rejected = ~accepted
                late = np.zeros(len(dc), dtype=bool)
                if t > self.max_steps:  # the look-ahead step: only a missing move counts
                    late = dc < tb.missing
                    steps = np.minimum(steps, self.max_steps)
                    accepted &= ~late
                    rejected &= ~late
                for outcome, mask in ((ACCEPT, accepted), (REJECT, rejected), (TIMEOUT, late)):
                    if mask.any():
                        rows = d[mask]
                        self.emit(self.prefix[rows], self.read[rows], outcome, steps[mask])
                state[d] = tb.park
                self.parked += len(d)
                sel, codes = sel[~done], codes[~done]
                if not len(sel):
                    continue
            edge = codes >= tb.edge_base
            branching = sel[~edge]
            need = len(branching) * (self.fan - 1)
            if need > self.capacity - r and self.parked:
                self._compact()  # make room, then look again
                continue
            redo = [sel[edge]]
            state[sel[edge]] = codes[edge] - tb.edge_base
            pos[sel[edge]] += 1  # bounce: a left move from cell 0 stays on cell 0
            if len(branching):
                state[branching] = codes[~edge] - tb.unread_base
                redo.extend(self._branch(branching, t))
            if not sum(len(x) for x in redo):
                continue
            rows = _as_index(np.concatenate(redo))
            # the redone configurations take the step they missed
            p = self.pos[rows]
            ix = self.state[rows] + flat[p]
            flat[p] = tb.write[ix]
            self.pos[rows] = p + tb.move[ix]
            self.state[rows] = tb.next_state[ix]

    def _branch(self, rows: np.ndarray, t: int) -> list[np.ndarray]:
        """Split configurations at their first unread input cell, one copy per input symbol.

        Near the end of the word (at most `tail` cells left) a configuration is split once for
        all remaining cells (|Sigma|^k copies), so the last levels of the prefix tree run as
        plain lockstep steps. Returns the row indices of every copy.
        """
        m = self.read[rows]
        k = np.where(self.n - m <= self.tail, self.n - m, 1)
        lo, hi = int(k.min()), int(k.max())
        if lo == hi:
            return self._branch_k(rows, lo, t)
        out: list[np.ndarray] = []
        for kv in np.unique(k):
            out.extend(self._branch_k(rows[k == kv], int(kv), t))
        return out

    def _branch_k(self, rows: np.ndarray, k: int, t: int) -> list[np.ndarray]:
        """Fix the next k input cells of each configuration in every possible way.

        Configurations that do not fit wait on the stack, one step back, in pieces that can
        branch in full once popped.
        """
        combos = self.combos[k]
        fan, cap, r = len(combos), self.capacity, self.r
        can = (cap - r) // (fan - 1) if fan > 1 else len(rows)
        if can < len(rows):
            piece = max(cap // fan, 1)
            for lo in range(can, len(rows), piece):
                later = rows[lo : lo + piece]
                self.push(
                    _Saved(
                        t - 1,
                        self.state[later].copy(),
                        self.pos[later] - self.rowbase[later],
                        self.prefix[later].copy(),
                        self.read[later].copy(),
                        self.tape[later].copy(),
                    )
                )
            self.state[rows[can:]] = self.tb.park
            self.parked += len(rows) - can
            rows = rows[:can]
        if not len(rows):
            return []
        flat = self.flat
        ri = _as_index(rows)
        m = self.read[ri]
        shift = m * self.bits
        base_prefix = self.prefix[ri].copy()
        base_read = m + k
        # cells beyond the window are never read: do not write them
        cells = k if k == 1 else max(0, min(k, self.unread_cells - int(m[0])))
        out = [rows]
        for j, (code, tape_codes) in enumerate(combos):
            if j == 0:
                new = ri
            else:
                lo, hi = self.r, self.r + len(rows)
                new = slice(lo, hi)
                self.r = hi
                self.tape[new] = self.tape[ri]
                self.pos[new] = self.pos[ri] + (self.rowbase[new] - self.rowbase[ri])
                self.state[new] = self.state[ri]
                out.append(np.arange(lo, hi, dtype=np.intp))
            p = self.pos[new]
            for i in range(cells):
                flat[p + i] = tape_codes[i]
            if code or j:
                self.prefix[new] = base_prefix | (np.int64(code) << shift)
            self.read[new] = base_read
        return out


def _as_index(rows: np.ndarray) -> np.ndarray | slice:
    """A row array as a slice when it is a contiguous increasing range (copies are faster)."""
    if (
        len(rows)
        and int(rows[-1]) - int(rows[0]) == len(rows) - 1
        and (len(rows) < 3 or bool((np.diff(rows) == 1).all()))
    ):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


def _steps_dtype(max_steps: int) -> type:
    return np.int32 if max_steps < 2**31 - 1 else np.int64


_COMPILED_FROM = 1 << 12  # inputs from which "auto"/"lockstep" load the compiled loop
_MAX_CODES = 1 << 16  # codes of the one-way fast path (uint16 at most)
_SIM_STEPS = 1 << 18  # Python steps allowed for the continuations after the input


@dataclass(frozen=True)
class _OneWayPlan:
    """The one-way fast path for words of length n (see the module docstring).

    Code c stands for base = c % `nb` and the last k written symbols w = c // `nb` (most
    recent in the lowest base-G digit). A base below Q is a running state; base Q + 2s + o is
    "halted with outcome o (1 accept, 0 reject) after s steps". `tables[m][j, c]` is the code
    after reading tape symbol j on input cell m in code c; `outcome[c]` and `steps[c]` are the
    final verdict of a code reached after `levels` = min(n, T) cells.
    """

    levels: int
    start: int
    tables: tuple[np.ndarray, ...]  # (G, n_codes) each, dtype uint8 or uint16
    outcome: np.ndarray  # int8 per code
    steps: np.ndarray  # per code


def _one_way_states(cm: Compiled) -> set[int] | None:
    """The running states reachable on input cells, or None when one of them may not move R.

    A state reached on an input cell reads an untouched input symbol; each transition it can
    take there must halt (accept, reject, missing) or move R to a running state.
    """
    q, g = cm.n_running, cm.n_symbols
    inputs = sorted(cm.input_codes.values())
    seen = {cm.start} if cm.start < q else set()
    todo = list(seen)
    while todo:
        k = todo.pop()
        for j in inputs:
            e = k * g + j
            nxt = cm.next_state[e]
            if nxt >= q:
                continue
            if cm.move[e] != 1:
                return None
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _level_tables(cm: Compiled, levels: int, nb: int, k: int, dtype: type) -> list[np.ndarray]:
    """Per input cell m < levels, (G, n_codes): the code after reading each tape symbol.

    Only the halting codes depend on m (they record the step count), so every table is the
    table of cell 0 plus 2m on its halting entries.
    """
    q, g = cm.n_running, cm.n_symbols
    gk = g**k
    codes = np.arange(nb * gk, dtype=np.int64)
    base, w = codes % nb, codes // nb
    running = base < q
    ns = np.asarray(cm.next_state, dtype=np.int64).reshape(-1, g)
    wr = np.asarray(cm.write, dtype=np.int64).reshape(-1, g)
    row = np.where(running, base, 0)
    nsq, wq = ns[row], wr[row]
    new_w = (w[:, None] * g + wq) % gk
    # halting on cell 0: accepted / rejected after 1 step, or a missing transition after 0
    halted = np.where(nsq == q, q + 3, np.where(nsq == q + 1, q + 2, q))
    first = np.where(nsq < q, nsq + nb * new_w, halted)
    first = np.where(running[:, None], first, base[:, None]).T
    halts = (running[:, None] & (nsq >= q)).T
    return [np.ascontiguousarray((first + 2 * m * halts).astype(dtype)) for m in range(levels)]


def _continue(
    cm: Compiled,
    left_bounded: bool,
    state: int,
    wcode: int,
    k: int,
    n: int,
    limit: int,
    cap: int = _SIM_STEPS,
) -> tuple[int, int, int] | int | None:
    """Run on from cell n (blank) after n steps, knowing only the last k written cells.

    Returns (outcome, steps, steps simulated), or, when the run reads a cell left of the known
    ones, the number of last cells it needs to know (n - that cell), or None when it would
    simulate more than `cap` steps (the caller then uses another engine: this loop's memory
    and time stay O(cap)). Same semantics as `run`, boundary rule included.
    """
    q, g = cm.n_running, cm.n_symbols
    cells: dict[int, int] = {}
    for j in range(min(k, n)):
        cells[n - 1 - j] = wcode % g
        wcode //= g
    unknown = n - k  # cells 0 .. unknown-1 hold symbols we do not track
    head, steps, blank = n, n, cm.blank
    nxt, write, move = cm.next_state, cm.write, cm.move
    end = min(limit, n + cap)
    while True:
        if 0 <= head < unknown:
            return n - head
        e = state * g + cells.get(head, blank)
        ns = nxt[e]
        if ns >= q + 2:  # a missing transition takes no step: halted, reject (s = T too)
            return REJECT, steps, steps - n
        if steps == limit:
            return TIMEOUT, steps, steps - n
        if steps == end:
            return None
        cells[head] = write[e]
        head += move[e]
        if left_bounded and head < 0:
            head = 0
        steps += 1
        state = ns
        if ns == q:
            return ACCEPT, steps, steps - n
        if ns == q + 1:
            return REJECT, steps, steps - n


def _one_way_plan(machine: Machine, n: int, limit: int) -> _OneWayPlan | None:
    """The fast-path tables for words of length n and budget `limit`, or None if not one-way."""
    cm = compile_machine(machine)
    if limit < n or _one_way_states(cm) is None:
        return None  # a budget ending inside the word: the lockstep engine decides cell T
    q, g = cm.n_running, cm.n_symbols
    levels = min(n, limit)
    nb = q + 2 * (levels + 1)
    inputs = sorted(cm.input_codes.values())
    # a halting start state: accepted / rejected after 0 steps
    start = cm.start if cm.start < q else q + (1 if cm.start == cm.accept else 0)
    steps_dtype = _steps_dtype(limit)
    k = 0
    while True:
        size = nb * g**k
        if size > _MAX_CODES:
            return None
        dtype = np.uint8 if size <= 256 else np.uint16
        tables = tuple(_level_tables(cm, levels, nb, k, dtype))
        base = np.arange(size) % nb
        outcome = np.full(size, TIMEOUT, dtype=np.int8)
        steps = np.full(size, levels, dtype=steps_dtype)
        halted = base >= q
        outcome[halted] = (base[halted] - q) % 2
        steps[halted] = (base[halted] - q) // 2
        if limit == n:  # at cell n (a blank) after T steps: no transition there halts
            running = np.flatnonzero(base < q)
            blank_row = np.asarray(cm.next_state, dtype=np.int64)[base[running] * g + cm.blank]
            outcome[running[blank_row >= q + 2]] = REJECT
            return _OneWayPlan(levels, start, tables, outcome, steps)
        reach = np.array([start])
        for t in tables:
            reach = np.unique(t[np.ix_(inputs, reach)])
        budget = _SIM_STEPS
        for c in reach[reach % nb < q].tolist():
            res = _continue(cm, machine.left_bounded, c % nb, c // nb, k, n, limit, budget)
            if res is None:
                return None
            if isinstance(res, int):
                k = max(res, 2 * k)  # know at least that many cells and try again
                break
            outcome[c], steps[c], cost = res
            budget -= cost + 1
            if budget < 0:
                return None
        else:
            return _OneWayPlan(levels, start, tables, outcome, steps)


def _run_all_one_way(
    plan: _OneWayPlan,
    symbol_tape: Sequence[int],
    b: int,
    outcomes: np.ndarray,
    steps: np.ndarray,
    block: int,
    progress: Callable[[int], None],
) -> None:
    """Fill `outcomes` and `steps` (index order) from the plan, `block` codes at a time.

    `symbol_tape[c]` is the tape symbol read for the b-bit code c. The first p levels are built
    by doubling the state vector; the rest depth-first over the last symbols, one block of 2^(bp)
    entries per leaf.
    """
    levels, fan = plan.levels, 1 << b
    tabs = [np.ascontiguousarray(t[list(symbol_tape)]) for t in plan.tables]
    dtype = plan.tables[0].dtype if tabs else np.uint8
    p = 0
    while p < levels and fan ** (p + 1) <= max(block, fan):
        p += 1
    vec = np.array([plan.start], dtype=dtype)
    for m in range(p):
        new = np.empty(fan * len(vec), dtype=dtype)
        for c in range(fan):
            np.take(tabs[m][c], vec, out=new[c * len(vec) : (c + 1) * len(vec)])
        vec = new
    width = len(vec)
    within = 1 << (b * levels)  # the entries that depend on the first `levels` symbols
    if within < len(outcomes):  # the budget ends before the word: broadcast afterwards
        out_o = np.empty(within, dtype=outcomes.dtype)
        out_s = np.empty(within, dtype=steps.dtype)
    else:
        out_o, out_s = outcomes, steps
    repeat = len(outcomes) // within
    bufs = [np.empty(width, dtype=dtype) for _ in range(levels - p)]

    def descend(m: int, v: np.ndarray, suffix: int) -> None:
        if m == levels:
            lo = suffix * width
            np.take(plan.outcome, v, out=out_o[lo : lo + width])
            np.take(plan.steps, v, out=out_s[lo : lo + width])
            progress(width * repeat)
            return
        nxt = bufs[m - p]
        for c in range(fan):
            np.take(tabs[m][c], v, out=nxt)
            descend(m + 1, nxt, suffix | (c << (b * (m - p))))

    descend(p, vec, 0)
    if out_o is not outcomes:
        outcomes.reshape(-1, within)[:] = out_o
        steps.reshape(-1, within)[:] = out_s


def _run_words_one_way(plan: _OneWayPlan, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outcomes and steps of the words whose tape codes are the rows of `codes` (one length)."""
    state = np.full(len(codes), plan.start, dtype=np.intp)
    for m, t in enumerate(plan.tables):
        flat = t.reshape(-1)
        state = flat[codes[:, m].astype(np.intp) * t.shape[1] + state].astype(np.intp)
    return plan.outcome[state], plan.steps[state]


def _encode_words(cm: Compiled, words: Sequence[str], n: int) -> np.ndarray:
    """The tape codes of words of length n as a (len(words), n) uint8 matrix, vectorised.

    One lookup table indexed by code point (255 = not an input symbol; tape codes are < 255).
    A symbol outside the input alphabet raises `BadWordError` (via `Compiled.encode`).
    """
    if not n or not words:
        return np.zeros((len(words), n), dtype=np.uint8)
    text = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
    singles = {ord(s): c for s, c in cm.input_codes.items() if len(s) == 1}
    lut = np.full(max(int(text.max()), *singles, 0) + 1, 255, dtype=np.uint8)
    for point, code in singles.items():
        lut[point] = code
    codes = lut[text]
    bad = np.flatnonzero(codes == 255)
    if len(bad):
        cm.encode(words[int(bad[0]) // n])  # raises the error naming the symbol
        raise AssertionError("unreachable")  # pragma: no cover
    return codes.reshape(len(words), n)


def run_batch(machine: Machine, words: Sequence[str], max_steps: int | None = None) -> BatchResult:
    """Run the machine on every word (any lengths; default budget T(len(word)) per word)."""
    cm = compile_machine(machine)
    out = np.zeros(len(words), dtype=np.int8)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    budgets = {int(n): _budget(machine, int(n), max_steps) for n in np.unique(lengths)}
    steps = np.zeros(len(words), dtype=_steps_dtype(max(budgets.values(), default=0)))
    for n, limit in budgets.items():
        index = np.flatnonzero(lengths == n)
        group = words if len(index) == len(words) else [words[i] for i in index.tolist()]
        width = min(n, limit + 1)
        codes = _encode_words(cm, group, n)[:, :width]
        plan = _one_way_plan(machine, n, limit)
        if plan is not None:
            out[index], steps[index] = _run_words_one_way(plan, codes)
            continue

        def emit(prefix, _read, outcome, st, index=index):
            out[index[prefix]] = outcome
            steps[index[prefix]] = st

        engine = _Engine(machine, limit, 1 << 14, emit)
        for lo in range(0, len(index), engine.capacity):
            part = codes[lo : lo + engine.capacity]
            rows = engine.blank_rows(len(part))
            rows[:, engine.origin : engine.origin + width] = part
            engine.push(
                _Saved(
                    0,
                    np.full(len(part), engine.tb.start, dtype=np.intp),
                    np.full(len(part), engine.origin, dtype=np.intp),
                    np.arange(lo, lo + len(part), dtype=np.int64),
                    np.full(len(part), n, dtype=np.int64),
                    rows,
                )
            )
            engine.run()
    return BatchResult(out, steps)


def run_all(
    machine: Machine,
    n: int,
    max_steps: int | None = None,
    chunk: int = 1 << 16,
    progress: Callable[[int, int], None] | None = None,
    engine: str = "auto",
    max_tape: int = lockstep.MAX_TAPE,
) -> BatchResult:
    """The machine on every network input vector for words of length n, in index order.

    Entry i is the run on the word `decode_bits(machine, index_to_bits(i, N))` with
    N = input_bits(machine, n) (for a binary alphabet: w_k = bit k-1 of i). For a non-binary
    alphabet, vectors in which some symbol code names no symbol are REJECT with 0 steps.
    `max_steps` defaults to T(n). `engine` is a key of `ENGINES` ("auto": the one-way fast path
    where it applies, else the lockstep engine, compiled when numba is installed). At most
    `chunk` configurations are live at a time in the prefix engine; the lockstep engine works
    through 2^20 inputs at a time with a tape window of at most `max_tape` cells per run
    (a `RunnerLimitError` above it). `progress(done, total)` is called as inputs are decided.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {sorted(ENGINES)}")
    limit = _budget(machine, n, max_steps)
    b = bits_per_symbol(machine)
    n_bits = input_bits(machine, n)
    total = 1 << n_bits
    outcomes = np.zeros(total, dtype=np.int8)
    steps = np.zeros(total, dtype=_steps_dtype(limit))
    cm = compile_machine(machine)
    branch = sorted((code, cm.input_codes[s]) for s, code in symbol_codes(machine).items())
    decided = [0]
    report_every = max(total // 256, 1)
    next_report = [report_every]

    def count(k: int) -> None:
        decided[0] += k
        if progress is not None and decided[0] >= next_report[0]:
            progress(min(decided[0], total), total)
            next_report[0] = decided[0] + report_every

    def emit(prefix, read, outcome, st):
        lo, hi = int(read.min()), int(read.max())
        for m in [lo] if lo == hi else np.unique(read):
            sel = read == m
            width = 1 << (b * int(m))
            ps = prefix[sel]
            outcomes.reshape(-1, width)[:, ps] = outcome
            steps.reshape(-1, width)[:, ps] = st[sel]
            count(len(ps) * (total // width))

    plan = _one_way_plan(machine, n, limit) if engine == "auto" else None
    if plan is not None:
        first = branch[0][1]
        by_code = dict(branch)
        symbol_tape = [by_code.get(c, first) for c in range(1 << b)]  # bad codes: fixed below
        _run_all_one_way(plan, symbol_tape, b, outcomes, steps, chunk, count)
    elif engine == "prefix":
        _run_all_engine(machine, n, limit, chunk, emit, branch, b)
    else:
        impl = ENGINES[engine]
        if impl is None and total < _COMPILED_FROM:
            impl = "numpy"  # a few inputs: not worth loading the compiled loop
        lockstep.check_tape(machine, n, limit, max_tape)
        block = 1 << 20
        for lo in range(0, total, block):
            hi = min(lo + block, total)
            ids = np.arange(lo, hi, dtype=np.int64)
            lockstep.run_range(
                machine, n, limit, ids, outcomes[lo:hi], steps[lo:hi], impl, max_tape
            )
            count(hi - lo)
    if len(branch) < (1 << b) and n:
        _reject_invalid_codes(outcomes, steps, n, b, len(branch))
    if progress is not None:
        progress(total, total)
    return BatchResult(outcomes, steps)


ENGINES: dict[str, str | None] = {
    "auto": None,  # the one-way fast path where it applies, else lockstep (numba if installed)
    "lockstep": None,  # the lockstep engine, compiled when numba is installed
    "lockstep-numpy": "numpy",  # the lockstep engine's numpy reference loop
    "lockstep-numba": "numba",  # the lockstep engine's compiled loop (needs numba)
    "prefix": None,  # the prefix-sharing engine (the general engine before issue 11: baseline)
}
"""`run_all`'s engines: the value names the `machines.lockstep` implementation they use."""


def _run_all_engine(
    machine: Machine,
    n: int,
    limit: int,
    chunk: int,
    emit: Callable[[np.ndarray, np.ndarray, int, np.ndarray], None],
    branch: Sequence[tuple[int, int]],
    b: int,
) -> None:
    """The general prefix-sharing engine from one configuration with every input cell unread."""
    engine = _Engine(machine, limit, chunk, emit, branch, b, n)
    row = engine.blank_rows(1)
    row[0, engine.origin : engine.origin + min(n, limit + 1)] = engine.tb.unread
    engine.push(
        _Saved(
            0,
            np.array([engine.tb.start], dtype=np.intp),
            np.array([engine.origin], dtype=np.intp),
            np.zeros(1, dtype=np.int64),
            np.zeros(1, dtype=np.int64),
            row,
        )
    )
    engine.run()


def _reject_invalid_codes(outcomes, steps, n: int, b: int, n_symbols: int) -> None:
    """Mark the vectors whose code for some symbol names no symbol: REJECT, 0 steps."""
    total = len(outcomes)
    block = 1 << 20
    mask = (1 << b) - 1
    for lo in range(0, total, block):
        index = np.arange(lo, min(lo + block, total), dtype=np.int64)
        bad = np.zeros(len(index), dtype=bool)
        for j in range(n):
            bad |= ((index >> (b * j)) & mask) >= n_symbols
        outcomes[lo : lo + len(index)][bad] = REJECT
        steps[lo : lo + len(index)][bad] = 0
