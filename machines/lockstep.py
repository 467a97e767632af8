"""The per-input lockstep engine of the batched runner: every input run on its own tape.

`run_range(machine, n, limit, ids, ...)` gives the outcome and step count of the run on each
input vector whose index (machines/encoding.py order) is in `ids`. This is the engine
`machines.batch.run_all` uses for machines that re-read their input (palindrome, ww, equal01,
...): there the prefix-sharing engine of machines/batch.py gains nothing after the first pass
over the word and loses its time in branching, while a plain step over per-input tapes costs a
few table lookups.

Two implementations of one loop, which tests/machines/test_machine_lockstep.py checks against
each other and against `run`:

* `numpy` (the reference, always available): all live inputs of a chunk step in lockstep, as
  rows of one uint8 tape matrix; one step is a gather, three table lookups, a scatter and an
  add; decided rows park on a self-looping state and are compacted away when they pile up.
* `numba` (the fast path, when the `fast` extra is installed): the same step as a compiled
  loop, one input after another on a small reused tape, blocks of inputs on every core.

The boundary rule (docs/language.md): after s steps, a machine in `accept` accepts, in `reject`
rejects, with no transition for (state, symbol) rejects (it halted after s steps; s = T(n) and
s = 0 included); only a machine that has taken T(n) steps and is in a non-halting state WITH a
transition times out.

Tape windows. The head of a run of at most T steps stays within T cells of cell 0, so a window of
2T + 3 cells (T + 1 on a left-bounded tape) always suffices; most runs need far fewer. Each input
first runs in a window of about n + 128 cells; the few runs whose head leaves it are re-run in a
window 8 times wider, up to the full one. A full window above `max_tape` cells is refused with a
`RunnerLimitError` before anything that large is allocated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tmnet.machines.encoding import bits_per_symbol, symbol_codes
from tmnet.machines.errors import RunnerLimitError
from tmnet.machines.interpreter import compile_machine
from tmnet.machines.model import Machine

REJECT, ACCEPT, TIMEOUT = 0, 1, 2  # the outcome codes (machines.batch re-exports them)
_ESCAPED = 3  # internal: the head left the window; re-run in a wider one
MAX_TAPE = 1 << 26  # cells of one run's tape window (64 MiB) unless `max_tape` says otherwise
_NUMPY_TAPE_BYTES = 1 << 26  # bytes of the numpy engine's tape matrix per chunk


@dataclass(frozen=True)
class Tables:
    """The machine as flat tables indexed by state * G + symbol (premultiplied state codes).

    Codes: 0..Q-1 running, Q PARK (a decided row idling), then accept, reject and "missing
    transition", all three at or above `accept` (`halt`).
    """

    g: int
    start: int
    park: int
    accept: int
    reject: int
    missing: int
    blank: int
    next_state: np.ndarray  # int32, premultiplied
    write: np.ndarray  # uint8
    move: np.ndarray  # int8
    packed: np.ndarray  # int64: (next_state << 10) | (write << 2) | (move + 1), for the kernel
    lut: np.ndarray  # uint8: tape code of each b-bit input code (bad codes: the first symbol)
    bits: int
    left_bounded: bool


@functools.lru_cache(maxsize=64)
def tables(machine: Machine) -> Tables:
    """The lookup tables of `machine` for this engine (memoised: machines are frozen values)."""
    cm = compile_machine(machine)
    g, q = cm.n_symbols, cm.n_running
    park, accept, reject, missing = q, q + 1, q + 2, q + 3
    nxt = np.zeros((q + 4) * g, dtype=np.int32)
    write = np.zeros((q + 4) * g, dtype=np.uint8)
    move = np.zeros((q + 4) * g, dtype=np.int8)
    for k in range(q + 4):
        for j in range(g):
            e = k * g + j
            write[e] = j
            if k < q:
                ns = cm.next_state[e]
                code = ns if ns < q else {q: accept, q + 1: reject}.get(ns, missing)
                nxt[e] = code * g
                write[e] = cm.write[e]
                move[e] = cm.move[e]
            else:
                nxt[e] = k * g  # PARK and the halting codes idle
    start = cm.start if cm.start < q else (accept if cm.start == cm.accept else reject)
    b = bits_per_symbol(machine)
    codes = symbol_codes(machine)
    first = cm.input_codes[machine.input_alphabet[0]]
    lut = np.full(1 << b, first, dtype=np.uint8)
    for s, c in codes.items():
        lut[c] = cm.input_codes[s]
    return Tables(
        g=g,
        start=start * g,
        park=park * g,
        accept=accept * g,
        reject=reject * g,
        missing=missing * g,
        blank=cm.blank,
        next_state=nxt,
        write=write,
        move=move,
        packed=(nxt.astype(np.int64) << 10) | (write.astype(np.int64) << 2) | (move + 1),
        lut=lut,
        bits=b,
        left_bounded=machine.left_bounded,
    )


@dataclass(frozen=True)
class Window:
    """A tape window: `width` cells, cell 0 of the tape at index `origin`."""

    origin: int
    width: int


def full_window(left_bounded: bool, n: int, limit: int) -> Window:
    """The window no run of at most `limit` steps can leave."""
    if left_bounded:
        return Window(0, max(limit + 1, 1))
    return Window(limit + 1, 2 * limit + 3)


def _window(left_bounded: bool, n: int, limit: int, margin: int) -> Window:
    full = full_window(left_bounded, n, limit)
    if margin >= limit + 1:
        return full
    if left_bounded:
        return Window(0, min(full.width, n + margin))
    return Window(margin, min(full.width, 2 * margin + n))


def check_tape(machine: Machine, n: int, limit: int, max_tape: int = MAX_TAPE) -> None:
    """Refuse, before allocating, a run whose full tape window exceeds `max_tape` cells."""
    full = full_window(machine.left_bounded, n, limit)
    if full.width > max_tape:
        raise RunnerLimitError(
            f"the batched runner would need a tape window of {full.width:,} cells for "
            f"{machine.name!r} at n = {n} (time bound {limit:,} steps); the limit is "
            f"{max_tape:,} cells",
            hint="lower the machine's `time` line (or max_steps), or raise the limit with "
            "run_all(..., max_tape=CELLS) if the memory is there",
        )


# --- the numpy reference ------------------------------------------------------------------------


def _input_cells(tb: Tables, ids: np.ndarray, n: int) -> np.ndarray:
    """(len(ids), n) uint8: the tape codes of the input words with these indices."""
    mask = (1 << tb.bits) - 1
    shifts = np.arange(n, dtype=np.int64) * tb.bits
    codes = (ids[:, None].astype(np.int64) >> shifts[None, :]) & mask
    return tb.lut[codes]


def _numpy_chunk(
    tb: Tables, n: int, limit: int, win: Window, ids: np.ndarray, out_o, out_s
) -> None:
    """The reference lockstep loop on the inputs `ids` (see the module docstring)."""
    k = len(ids)
    w = win.width
    tape = np.full((k, w), tb.blank, dtype=np.uint8)
    cells = min(n, w - win.origin)
    if cells > 0:
        tape[:, win.origin : win.origin + cells] = _input_cells(tb, ids, n)[:, :cells]
    flat = tape.reshape(-1)
    row = np.arange(k, dtype=np.int64)  # the input (and tape row) of each live slot
    col = np.full(k, win.origin, dtype=np.int64)
    state = np.full(k, tb.start, dtype=np.int32)
    nxt, write, move = tb.next_state, tb.write, tb.move
    t, parked = 0, 0
    while len(row):
        halted = state >= tb.accept
        if halted.any():
            sel = np.flatnonzero(halted)
            st = state[sel]
            out_o[row[sel]] = np.where(st == tb.accept, ACCEPT, REJECT)
            out_s[row[sel]] = np.where(st == tb.missing, t - 1, t)
            state[sel] = tb.park
            parked += len(sel)
        escaped = (col < 0) | (col >= w)
        if escaped.any():
            if tb.left_bounded:
                np.maximum(col, 0, out=col)
                escaped = col >= w
            if escaped.any():
                sel = np.flatnonzero(escaped & (state != tb.park))
                out_o[row[sel]] = _ESCAPED
                state[escaped] = tb.park
                col[escaped] = 0
                parked += len(sel)
        if parked and parked * 4 >= len(row):
            keep = state != tb.park
            row, col, state = row[keep], col[keep], state[keep]
            parked = 0
            continue
        if t == limit:
            break
        pos = row * w + col
        e = state + flat[pos]
        flat[pos] = write[e]
        col += move[e]
        state = nxt[e]
        t += 1
    if len(row):  # T steps taken: a missing transition now still halts (reject after T)
        live = state != tb.park
        row, col, state = row[live], col[live], state[live]
        e = state + flat[row * w + col]
        missing = nxt[e] == tb.missing
        out_o[row] = np.where(missing, REJECT, TIMEOUT)
        out_s[row] = limit


def _numpy_run(tb: Tables, n: int, limit: int, win: Window, ids: np.ndarray, out_o, out_s):
    per = max(1, _NUMPY_TAPE_BYTES // max(win.width, 1))
    for lo in range(0, len(ids), per):
        part = slice(lo, lo + per)
        o = np.empty(len(ids[part]), dtype=np.int8)
        s = np.empty(len(ids[part]), dtype=out_s.dtype)
        _numpy_chunk(tb, n, limit, win, ids[part], o, s)
        out_o[part], out_s[part] = o, s


# --- the compiled kernel ------------------------------------------------------------------------


@functools.cache
def _numba_kernel() -> Callable | None:
    """The compiled loop (machines/_lockstep_kernel.py), or None without numba (`fast` extra)."""
    try:
        from tmnet.machines._lockstep_kernel import kernel
    except ImportError:
        return None
    return kernel


def _numba_run(tb: Tables, n: int, limit: int, win: Window, ids: np.ndarray, out_o, out_s):
    kernel = _numba_kernel()
    assert kernel is not None
    kernel(
        tb.packed, tb.lut, tb.bits, tb.start, tb.accept, tb.missing,
        tb.blank, tb.left_bounded, n, limit, win.origin, win.width,
        ids.astype(np.int64, copy=False), out_o, out_s,
    )  # fmt: skip


IMPLEMENTATIONS: dict[str, Callable[..., None]] = {"numpy": _numpy_run, "numba": _numba_run}
"""The lockstep loops by name: `numpy` is the reference, `numba` the compiled fast path."""


def available() -> tuple[str, ...]:
    """The implementations that can run here (`numba` needs the `fast` extra)."""
    return ("numpy", "numba") if _numba_kernel() is not None else ("numpy",)


def default_implementation() -> str:
    """`numba` when installed, else `numpy`."""
    return "numba" if _numba_kernel() is not None else "numpy"


def run_range(
    machine: Machine,
    n: int,
    limit: int,
    ids: np.ndarray,
    out_o: np.ndarray,
    out_s: np.ndarray,
    implementation: str | None = None,
    max_tape: int = MAX_TAPE,
) -> None:
    """Fill out_o[i], out_s[i] with the outcome and steps of the run on input vector ids[i].

    Input codes naming no symbol run as the first input symbol (`run_all` marks them REJECT
    afterwards). Runs whose head leaves the first window are re-run in wider ones.
    """
    name = implementation or default_implementation()
    if name not in IMPLEMENTATIONS:
        raise ValueError(
            f"unknown lockstep implementation {name!r}; one of {list(IMPLEMENTATIONS)}"
        )
    if name == "numba" and _numba_kernel() is None:
        raise ValueError("the numba implementation needs numba (pip install 'tmnet[fast]')")
    impl = IMPLEMENTATIONS[name]
    tb = tables(machine)
    margin = 128
    todo = np.arange(len(ids))
    while True:
        win = _window(tb.left_bounded, n, limit, margin)
        if win.width > max_tape:
            check_tape(machine, n, limit, max_tape)  # raises: the full window is larger still
        o = np.empty(len(todo), dtype=np.int8)
        s = np.empty(len(todo), dtype=out_s.dtype)
        impl(tb, n, limit, win, ids[todo], o, s)
        out_o[todo], out_s[todo] = o, s
        again = np.flatnonzero(o == _ESCAPED)
        if not len(again):
            return
        if win == full_window(tb.left_bounded, n, limit):  # pragma: no cover - cannot escape
            raise AssertionError("a run left the full tape window")
        todo = todo[again]
        margin *= 8
