"""Boolean circuits: the intermediate form between a machine's tableau and a ReLU network.

Node numbering (a topological order, like `simulate.network`):

* node 0 is the constant FALSE, node 1 the constant TRUE;
* nodes 2..n+1 are the inputs x1..xn (``Circuit.input_node(k) = k + 1``);
* nodes n+2.. are gates, each reading only lower-numbered nodes.

A gate is AND, OR (fan-in >= 1) or NOT (fan-in 1). Gates are stored in flat arrays (CSR: gate g
reads ``fanin[indptr[g]:indptr[g+1]]``) and grouped in *batches*: runs of consecutive gates none
of which reads another gate of the same run. Batches let evaluation, depth, dead-gate removal and
simplification run as a few numpy operations per batch instead of Python work per gate; the
Cook-Levin tableau emits one batch per gate template per row (its head ORs and leave ORs, which
read only the previous row, share one).

`CircuitBuilder(fold=True)` folds while it builds: constants, single-input AND/OR, duplicate and
complementary inputs (x AND NOT x = FALSE), double negation; NOT gates are shared. A circuit it
builds is *normalized*: no gate reads a constant, no NOT reads a NOT, every AND/OR has fan-in at
least 2, no gate reads two literals of the same node (x twice, or x and its NOT gate), no node
has two NOT gates, and every fan-in is in strictly ascending node order (so the network
printers may turn a gate's fan-in into distinct, sorted edges without merging).
`simplify` adds structural hashing (identical gates are shared) and dead-gate removal.

`Circuit.check()` verifies every invariant above (the numbering, the batches, and the
normalized ones when the flag is set). With the environment variable ``TMNET_CHECK_IR=1``
(`tmnet.uniform.ircheck`) every pass here (`simplify`, `remove_dead`, `relevel`) and every
printer checks what it returns; the test suite runs with it on.

`CircuitBuilder`'s folding paths (`_gates_small`, `_gates2`, `_gates_few_t`, `_gates_sparse`,
`gates_list`, `and2`, `and2_list`, `nots_list`) are optimisations of the plain folding rules
of `tmnet.uniform.fold_reference`, which tests/uniform/test_fold_reference.py compares them
with, path by path, gate for gate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tmnet.uniform.errors import CircuitInvariantError, UniformError
from tmnet.uniform.ircheck import checked

AND, OR, NOT = 0, 1, 2
KIND_NAMES = ("AND", "OR", "NOT")
FALSE, TRUE = 0, 1
_TWO = 2  # `CircuitBuilder._append`: every gate of the batch has fan-in 2
_SMALL = 24  # batches with at most this many inputs are folded in plain Python
_FEW = 8  # `CircuitBuilder.gates`: fan-ins up to this are folded by sorting the rows that need it
_PEEL_ROUNDS = 64  # `remove_dead`: rounds of peeling before it sweeps all batches instead


@dataclass(frozen=True)
class CircuitSizes:
    """Gate counts, wires (sum of fan-ins), depth (gates on the longest path) and max fan-in."""

    inputs: int
    gates: int
    and_gates: int
    or_gates: int
    not_gates: int
    wires: int
    depth: int
    max_fan_in: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True, eq=False)
class Circuit:
    """An immutable AND/OR/NOT circuit with named outputs; build it with `CircuitBuilder`."""

    n_inputs: int
    input_names: tuple[str, ...]
    kinds: np.ndarray  # uint8 per gate: AND, OR or NOT
    indptr: np.ndarray  # int64, n_gates + 1
    fanin: np.ndarray  # node ids (int32 when they fit, else int64)
    outputs: tuple[tuple[str, int], ...]
    batches: np.ndarray  # int64 gate boundaries 0 = b0 < b1 < ... = n_gates
    normalized: bool = False
    name: str = "circuit"

    @property
    def first_gate(self) -> int:
        return self.n_inputs + 2

    @property
    def n_gates(self) -> int:
        return len(self.kinds)

    @property
    def n_nodes(self) -> int:
        return self.first_gate + self.n_gates

    @property
    def n_wires(self) -> int:
        return int(self.indptr[-1])

    def input_node(self, k: int) -> int:
        """The node of input x_k (1-based)."""
        if not 1 <= k <= self.n_inputs:
            raise IndexError(f"input x{k} does not exist")
        return k + 1

    def gate(self, node: int) -> tuple[int, tuple[int, ...]]:
        """(kind, fan-in) of the gate at `node`."""
        g = node - self.first_gate
        lo, hi = int(self.indptr[g]), int(self.indptr[g + 1])
        return int(self.kinds[g]), tuple(int(v) for v in self.fanin[lo:hi])

    def fan_in_counts(self) -> np.ndarray:
        return np.diff(self.indptr)

    def iter_batches(self) -> Iterable[tuple[int, int]]:
        b = self.batches
        for i in range(len(b) - 1):
            yield int(b[i]), int(b[i + 1])

    def sizes(self) -> CircuitSizes:
        """Gates by kind, wires, depth and maximum fan-in."""
        counts = np.bincount(self.kinds, minlength=3) if self.n_gates else np.zeros(3, int)
        fan = self.fan_in_counts()
        depth = self.depths()
        out_depth = max((int(depth[node]) for _, node in self.outputs), default=0)
        return CircuitSizes(
            inputs=self.n_inputs,
            gates=self.n_gates,
            and_gates=int(counts[AND]),
            or_gates=int(counts[OR]),
            not_gates=int(counts[NOT]),
            wires=self.n_wires,
            depth=out_depth,
            max_fan_in=int(fan.max()) if len(fan) else 0,
        )

    def depths(self) -> np.ndarray:
        """Per node: the number of gates on the longest path from a source (sources: 0)."""
        depth = np.zeros(self.n_nodes, dtype=np.int64)
        first = self.first_gate
        b = self.batches.tolist()
        eb = self.indptr[self.batches].tolist()
        fanin, indptr, reduceat = self.fanin, self.indptr, np.maximum.reduceat
        uniform_k = _uniform_fan_in(self.fan_in_counts(), self.batches)
        for i in range(len(b) - 1):
            lo, hi, elo = b[i], b[i + 1], eb[i]
            d = depth[fanin[elo : eb[i + 1]]]
            if hi - lo == 1:
                depth[first + lo] = d.max() + 1
                continue
            k = uniform_k[i]
            if k > 0:
                depth[first + lo : first + hi] = d.reshape(hi - lo, k).max(axis=1) + 1
                continue
            depth[first + lo : first + hi] = reduceat(d, indptr[lo:hi] - elo) + 1
        return depth

    # ---------------------------------------------------------------- invariants
    def check(self) -> None:
        """Validate every invariant of the module docstring; raise `CircuitInvariantError` on
        the first that fails, naming it (and the gate, where there is one).

        Always: array shapes and dtypes, one input name per input, CSR ``indptr`` from 0,
        non-decreasing, ending at ``len(fanin)``; kinds AND/OR/NOT, NOT fan-in 1, AND/OR
        fan-in >= 1; batches 0 = b0 < b1 < ... = n_gates; every gate reads only nodes below
        its batch (so below itself: a topological order, and no gate reads its own batch);
        outputs are existing nodes with distinct names. When ``normalized``: no gate reads a
        constant, no NOT reads a NOT, AND/OR fan-in >= 2, fan-ins strictly ascending (no
        duplicates), no gate reads a node and that node's NOT gate, at most one NOT per node.
        Cost: a few numpy passes over the wires, O(wires log wires).
        """
        bad = CircuitInvariantError
        m = self.n_gates
        if self.n_inputs < 0 or len(self.input_names) != self.n_inputs:
            raise bad(f"{len(self.input_names)} input names for {self.n_inputs} inputs")
        for nm, arr in (("kinds", self.kinds), ("indptr", self.indptr), ("fanin", self.fanin)):
            if not isinstance(arr, np.ndarray) or arr.ndim != 1:
                raise bad(f"{nm} must be a 1-d numpy array")
            if arr.dtype.kind not in "iu":
                raise bad(f"{nm} must hold integers, not {arr.dtype}")
        if len(self.indptr) != m + 1 or self.indptr[0] != 0:
            raise bad(f"indptr must have n_gates + 1 = {m + 1} entries starting at 0")
        counts = np.diff(self.indptr)
        if len(counts) and counts.min() < 0:
            raise bad(f"indptr decreases at gate {self._gate_name(int(np.argmin(counts)))}")
        if int(self.indptr[-1]) != len(self.fanin):
            raise bad(
                f"indptr ends at {int(self.indptr[-1])} but there are {len(self.fanin)} wires"
            )
        kinds = self.kinds.astype(np.int64)
        bad_kind = np.flatnonzero((kinds < AND) | (kinds > NOT))
        if len(bad_kind):
            g = int(bad_kind[0])
            raise bad(f"gate {self._gate_name(g)} has kind {int(kinds[g])} (AND, OR, NOT: 0-2)")
        not_bad = np.flatnonzero((kinds == NOT) & (counts != 1))
        if len(not_bad):
            g = int(not_bad[0])
            raise bad(f"NOT gate {self._gate_name(g)} has fan-in {int(counts[g])}, not 1")
        least = 2 if self.normalized else 1
        narrow = np.flatnonzero((kinds != NOT) & (counts < least))
        if len(narrow):
            g = int(narrow[0])
            raise bad(
                f"{KIND_NAMES[kinds[g]]} gate {self._gate_name(g)} has fan-in {int(counts[g])}"
                + (" (a normalized circuit folds fan-in below 2)" if self.normalized else "")
            )
        b = self.batches
        if not isinstance(b, np.ndarray) or b.ndim != 1 or len(b) < 1:
            raise bad("batches must be a 1-d numpy array")
        if b[0] != 0 or b[-1] != m or (len(b) > 1 and not (np.diff(b) > 0).all()):
            raise bad(f"batches must rise strictly from 0 to n_gates = {m}")
        if m == 0 and len(b) != 1:
            raise bad("a circuit without gates has the one batch boundary 0")
        first = self.first_gate
        fanin = self.fanin.astype(np.int64, copy=False)
        if len(fanin):
            gate_of = np.repeat(np.arange(m, dtype=np.int64), counts)
            batch_lo = b[np.searchsorted(b, np.arange(m), side="right") - 1]
            limit = first + batch_lo[gate_of]
            wrong = np.flatnonzero((fanin < 0) | (fanin >= limit))
            if len(wrong):
                e = int(wrong[0])
                g = int(gate_of[e])
                what = "itself or a later node" if fanin[e] >= first + g else "its own batch"
                raise bad(
                    f"gate {self._gate_name(g)} reads node {int(fanin[e])}: {what} "
                    "(a gate reads only nodes below its batch)"
                )
        for name, node in self.outputs:
            if not 0 <= node < self.n_nodes:
                raise bad(f"output {name!r} is node {node}, which does not exist")
        names = [name for name, _ in self.outputs]
        if len(set(names)) != len(names):
            dup = next(nm for nm in names if names.count(nm) > 1)
            raise bad(f"duplicate output name {dup!r}")
        if self.normalized and len(fanin):
            self._check_normalized(kinds, counts, fanin, gate_of)

    def _check_normalized(
        self, kinds: np.ndarray, counts: np.ndarray, fanin: np.ndarray, gate_of: np.ndarray
    ) -> None:
        bad = CircuitInvariantError
        first = self.first_gate
        const = np.flatnonzero(fanin <= TRUE)
        if len(const):
            g = int(gate_of[const[0]])
            raise bad(f"gate {self._gate_name(g)} of a normalized circuit reads a constant")
        starts = self.indptr[:-1]
        same_gate = np.ones(len(fanin), dtype=bool)
        same_gate[starts[counts > 0]] = False  # the first wire of each gate
        step = np.flatnonzero(same_gate[1:] & (fanin[1:] <= fanin[:-1]))
        if len(step):
            g = int(gate_of[step[0] + 1])
            raise bad(
                f"gate {self._gate_name(g)} of a normalized circuit has fan-in "
                f"{self.gate(first + g)[1]}, not strictly ascending"
            )
        is_not = kinds == NOT
        # the input of each NOT gate, per node (-1: not a NOT gate)
        base = np.full(self.n_nodes, -1, dtype=np.int64)
        base[first + np.flatnonzero(is_not)] = fanin[self.indptr[:-1][is_not]]
        not_reads_not = np.flatnonzero(is_not[gate_of] & (base[fanin] >= 0))
        if len(not_reads_not):
            g = int(gate_of[not_reads_not[0]])
            raise bad(f"NOT gate {self._gate_name(g)} of a normalized circuit reads a NOT gate")
        bases = base[first:][is_not]
        if len(np.unique(bases)) != len(bases):
            srt = np.sort(bases)
            v = int(srt[np.flatnonzero(srt[1:] == srt[:-1])[0]])
            raise bad(f"node {v} has two NOT gates in a normalized circuit (they are shared)")
        # x and NOT x in one gate: (gate, node) keys are sorted (ascending fan-ins, gate-major)
        key = gate_of * self.n_nodes + fanin
        lit = np.flatnonzero(base[fanin] >= 0)
        if len(lit):
            probe = gate_of[lit] * self.n_nodes + base[fanin[lit]]
            pos = np.minimum(np.searchsorted(key, probe), len(key) - 1)
            hit = np.flatnonzero(key[pos] == probe)
            if len(hit):
                e = int(lit[hit[0]])
                g = int(gate_of[e])
                raise bad(
                    f"gate {self._gate_name(g)} of a normalized circuit reads node "
                    f"{int(base[fanin[e]])} and its NOT gate {int(fanin[e])}"
                )

    def _gate_name(self, g: int) -> str:
        return f"{g} (node {self.first_gate + g})"

    # ---------------------------------------------------------------- evaluation
    def evaluate(self, bits: Sequence[int]) -> dict[str, int]:
        """The outputs on one input vector (x1..xn), by name."""
        arr = np.asarray([list(bits)], dtype=np.uint8).reshape(1, -1)
        row = self.evaluate_batch(arr)[0]
        return {name: int(v) for (name, _), v in zip(self.outputs, row, strict=True)}

    def evaluate_batch(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs on a (B, n) 0/1 array of inputs, as a (B, n_outputs) uint8 array.

        Values are bit-packed 64 inputs to a word, and each batch of gates is a gather and a
        bitwise reduce, so the cost is O(wires * B / 64) word operations plus O(batches) calls.
        """
        inputs = np.asarray(inputs)
        if inputs.ndim != 2 or inputs.shape[1] != self.n_inputs:
            raise UniformError(f"expected a (B, {self.n_inputs}) array of input bits")
        n_batch = inputs.shape[0]
        words = max(1, -(-n_batch // 64))
        padded = np.zeros((words * 64, self.n_inputs), dtype=np.uint8)
        padded[:n_batch] = inputs != 0
        packed = np.packbits(padded.reshape(words, 64, self.n_inputs), axis=1, bitorder="little")
        # packed: (words, 8, n) bytes -> (n, words) uint64
        vals = np.zeros((self.n_nodes, words), dtype=np.uint64)
        vals[TRUE] = ~np.uint64(0)
        if self.n_inputs:
            vals[2 : 2 + self.n_inputs] = (
                np.ascontiguousarray(packed.transpose(2, 0, 1)).view(np.uint64).reshape(-1, words)
            )
        first = self.first_gate
        kinds = self.kinds
        for lo, hi in self.iter_batches():
            elo, ehi = int(self.indptr[lo]), int(self.indptr[hi])
            v = vals[self.fanin[elo:ehi]]
            starts = self.indptr[lo:hi] - elo
            k = kinds[lo:hi]
            kind0 = int(k[0])
            if (k == kind0).all():
                if kind0 == AND:
                    out = np.bitwise_and.reduceat(v, starts, axis=0)
                elif kind0 == OR:
                    out = np.bitwise_or.reduceat(v, starts, axis=0)
                else:
                    out = ~v
            else:
                out_and = np.bitwise_and.reduceat(v, starts, axis=0)
                out_or = np.bitwise_or.reduceat(v, starts, axis=0)
                out = np.where((k == OR)[:, None], out_or, out_and)
                out = np.where((k == NOT)[:, None], ~out_and, out)
            vals[first + lo : first + hi] = out
        out_nodes = np.array([node for _, node in self.outputs], dtype=np.int64)
        sel = vals[out_nodes]  # (n_out, words)
        bits = np.unpackbits(
            sel.view(np.uint8).reshape(len(out_nodes), -1), axis=1, bitorder="little"
        )
        return np.ascontiguousarray(bits[:, :n_batch].T)

    def truth_table(self, output: int = 0) -> int:
        """T_f = sum_i f(i) 2^i over all 2^n inputs (machines.encoding's convention)."""
        n = self.n_inputs
        idx = np.arange(2**n, dtype=np.int64)
        inputs = ((idx[:, None] >> np.arange(n)) & 1).astype(np.uint8)
        col = self.evaluate_batch(inputs)[:, output]
        return int.from_bytes(np.packbits(col, bitorder="little").tobytes(), "little")


class CircuitBuilder:
    """Append-only construction of a `Circuit`, one batch of same-kind gates per call.

    With ``fold=True`` each call folds constants and redundant inputs (see the module docstring)
    and returns, per requested gate, either a new gate or an existing node. With ``share=True``
    it also hashes AND/OR gates so that an identical gate is never built twice (a Python dict
    lookup per gate: the generic `simplify` uses it; the tableau shares at the template level).
    """

    def __init__(
        self,
        n_inputs: int,
        input_names: Sequence[str] | None = None,
        *,
        fold: bool = True,
        share: bool = False,
        name: str = "circuit",
    ):
        self.n_inputs = n_inputs
        self.input_names = (
            tuple(input_names)
            if input_names is not None
            else tuple(f"x{k}" for k in range(1, n_inputs + 1))
        )
        if len(self.input_names) != n_inputs:
            raise ValueError("one name per input")
        self.fold = fold
        self.share = share
        self.name = name
        self._next = n_inputs + 2
        self._batch_kinds: list[int] = []
        self._counts: list[np.ndarray | list[int] | int] = []
        # fan-in chunks; consecutive batches appended from Python lists share one list chunk
        self._fanin: list[np.ndarray | list[int]] = []
        self._batches = [0]
        self._n_gates = 0
        # not_base[v]: the input of NOT gate v (else -1); neg[v]: the negation of v when there is
        # one: the NOT gate reading v, or v's input when v is a NOT gate (else -1)
        self._not_base = np.full(max(64, 2 * self._next), -1, dtype=np.int64)
        self._neg = np.full(len(self._not_base), -1, dtype=np.int64)
        self._neg[FALSE], self._neg[TRUE] = TRUE, FALSE  # so that `nots` needs no constant case
        # the same two maps as dicts, for the plain-Python folding of narrow rows
        self._base_of: dict[int, int] = {}
        self._not_of: dict[int, int] = {}
        self._table: dict[tuple, int] = {}
        self._outputs: list[tuple[str, int]] = []
        self._node_dtype = np.int32  # fan-in storage; widened if the circuit ever needs it
        # the specialised folding paths (small batches, fan-in 2, sparse); tests compare them
        # with the general row-sorting path by turning this off
        self._fast_paths = True

    @property
    def n_nodes(self) -> int:
        return self._next

    def input(self, k: int) -> int:
        """The node of input x_k (1-based)."""
        if not 1 <= k <= self.n_inputs:
            raise IndexError(f"input x{k} does not exist")
        return k + 1

    def _grow(self, size: int) -> None:
        if size <= len(self._not_base):
            return
        new = max(size, 2 * len(self._not_base))
        for attr in ("_not_base", "_neg"):
            old = getattr(self, attr)
            arr = np.full(new, -1, dtype=np.int64)
            arr[: len(old)] = old
            setattr(self, attr, arr)

    def _append(
        self, kind: int, counts: np.ndarray | int, fanin: np.ndarray, m: int | None = None
    ) -> np.ndarray:
        """Append one batch of m gates of one kind; `counts` is per gate or one fan-in for all."""
        if m is None:
            m = len(counts)  # type: ignore[arg-type]
        nxt = self._next
        ids = np.arange(nxt, nxt + m, dtype=np.int64)
        if nxt + m >= 2**31 and self._node_dtype != np.int64:
            self._node_dtype = np.int64
            self._fanin = [f if isinstance(f, list) else f.astype(np.int64) for f in self._fanin]
        if m == 0:
            return ids
        self._batch_kinds.append(kind)
        # the builder takes per-gate counts over (the kernels pass fresh arrays): no copy
        self._counts.append(
            counts if isinstance(counts, int) else counts.astype(np.int64, copy=False)
        )
        self._fanin.append(fanin.astype(self._node_dtype, copy=False))
        self._next = nxt + m
        self._n_gates += m
        self._batches.append(self._n_gates)
        if nxt + m > len(self._not_base):
            self._grow(nxt + m)
        return ids

    def _append_list(self, kind: int, counts: list[int] | int, flat: list[int], m: int) -> None:
        """`_append` for m >= 1 gates given as Python lists (`counts` per gate, or one fan-in
        for all): no arrays per batch; the fan-ins join the previous list chunk, converted
        once by `build` (the builder takes `flat` over: the caller must not change it)."""
        if not isinstance(counts, int) and counts.count(counts[0]) == m:
            counts = counts[0]
        self._batch_kinds.append(kind)
        self._counts.append(counts)
        if self._fanin and isinstance(self._fanin[-1], list):
            self._fanin[-1].extend(flat)
        else:
            self._fanin.append(flat)
        self._next += m
        self._n_gates += m
        self._batches.append(self._n_gates)
        if self._next >= 2**31:
            self._node_dtype = np.int64
        if self._next > len(self._not_base):
            self._grow(self._next)

    # ------------------------------------------------------------------ gates
    def nots(self, xs: np.ndarray | Sequence[int]) -> np.ndarray:
        """NOT of each node in `xs` (one batch); folded: constants, double negation, sharing."""
        xs = np.asarray(xs, dtype=np.int64).reshape(-1)
        if not self.fold:
            return self._append(NOT, 1, xs, len(xs))
        # double negation, else the shared NOT gate of x (or the other constant; -1: none yet)
        out = self._neg[xs]
        need_mask = out < 0
        need = xs[need_mask]
        if len(need):
            need_sorted = np.sort(need)
            first = np.empty(len(need_sorted), dtype=bool)
            first[0] = True
            np.not_equal(need_sorted[1:], need_sorted[:-1], out=first[1:])
            uniq = need_sorted[first]
            ids = self._append(NOT, 1, uniq, len(uniq))
            self._not_base[ids] = uniq
            self._neg[uniq] = ids
            self._neg[ids] = uniq
            self._note_nots(ids.tolist(), uniq.tolist())
            out[need_mask] = self._neg[need]
        return out

    def _note_nots(self, ids: list[int], bases: list[int]) -> None:
        self._base_of.update(zip(ids, bases, strict=True))
        self._not_of.update(zip(bases, ids, strict=True))

    def nots_list(self, xs: list[int]) -> list[int]:
        """`nots` (folding) on a Python list, returning a list: the same NOT gates and nodes."""
        if not self.fold:
            raise UniformError("nots_list folds")
        base_of, not_of = self._base_of, self._not_of
        out: list[int] = []
        need: list[int] = []
        for x in xs:
            if x < 2:
                out.append(1 - x)
            elif x in base_of:
                out.append(base_of[x])
            elif x in not_of:
                out.append(not_of[x])
            else:
                out.append(-1)
                need.append(x)
        if need:
            uniq = sorted(set(need))
            nxt = self._next
            ids = list(range(nxt, nxt + len(uniq)))
            self._append_list(NOT, 1, list(uniq), len(uniq))
            self._not_base[nxt : nxt + len(uniq)] = uniq
            self._neg[uniq] = ids
            self._neg[nxt : nxt + len(uniq)] = uniq
            self._note_nots(ids, uniq)
            out = [not_of[x] if v < 0 else v for x, v in zip(xs, out, strict=True)]
        return out

    def gates(self, kind: int, inputs: np.ndarray | Sequence[Sequence[int]]) -> np.ndarray:
        """One AND or OR gate per row of the (m, k) array `inputs`; returns the m result nodes."""
        if kind == NOT:
            return self.nots(np.asarray(inputs).reshape(-1))
        x = np.asarray(inputs, dtype=np.int64)
        if x.ndim != 2:
            raise ValueError("inputs must be an (m, k) array")
        m, k = x.shape
        if not self.fold:
            if k == 0:
                raise UniformError("an unfolded AND/OR gate needs at least one input")
            return self._append(kind, k, x.reshape(-1), m)
        absorb, neutral = (FALSE, TRUE) if kind == AND else (TRUE, FALSE)
        if self._fast_paths and not self.share and k:
            if m * k <= _SMALL:
                return self._gates_small(kind, x, absorb, neutral)
            if k == 2:
                return self._gates2(kind, x[:, 0], x[:, 1], absorb, neutral)
            if k <= _FEW:
                return self._gates_few(kind, x, absorb, neutral)
            return self._gates_sparse(kind, x, absorb, neutral)
        out = np.empty(m, dtype=np.int64)
        if k == 0:
            out[:] = neutral
            return out
        dead = (x == absorb).any(axis=1)
        # literal keys: base node * 2 + negated; sort each row to find duplicates/complements
        base = self._not_base[x]
        neg = base >= 0
        lit_base = np.where(neg, base, x)
        key = lit_base * 2 + neg
        key[x == neutral] = -1
        key[dead] = -1
        if k > 1:
            key.sort(axis=1)
            same_base = (key[:, 1:] >> 1) == (key[:, :-1] >> 1)
            valid = key[:, :-1] >= 0
            dup = same_base & valid & (key[:, 1:] == key[:, :-1])
            comp = same_base & valid & ~dup
            dead |= comp.any(axis=1)
            key[:, 1:][dup] = -1
            key[dead] = -1
        keep = key >= 0
        cnt = keep.sum(axis=1)
        # back from keys to nodes (positive literal = base; negated = its NOT gate), each row
        # sorted by node so that fan-ins are ascending (the network printers rely on it)
        node = np.where(key & 1, self._neg[np.maximum(key >> 1, 0)], key >> 1)
        if k > 1:
            node = np.where(keep, node, np.iinfo(np.int64).max)
            node.sort(axis=1)
            keep = node != np.iinfo(np.int64).max
        out[dead] = absorb
        zero = ~dead & (cnt == 0)
        out[zero] = neutral
        one = ~dead & (cnt == 1)
        if one.any():
            out[one] = np.where(keep[one], node[one], -1).max(axis=1)
        many = ~dead & (cnt >= 2)
        if many.any():
            sel = node[many]
            counts = cnt[many]
            flat = sel[keep[many]]
            if self.share:
                out[many] = self._shared(kind, counts, flat)
            else:
                out[many] = self._append(kind, counts, flat)
        return out

    def _gates_small(self, kind: int, x: np.ndarray, absorb: int, neutral: int) -> np.ndarray:
        """The folding of `gates` row by row in Python, for batches too small for numpy's
        per-call overhead to pay off (narrow tableau rows); the same results."""
        return np.array(self._fold_rows(kind, x.tolist(), absorb, neutral), dtype=np.int64)

    def gates_list(self, kind: int, rows: list[list[int]]) -> list[int]:
        """`gates` (folding, no sharing) on a Python list of rows, returning a list: the same
        gates and nodes, without numpy per row (narrow tableau rows)."""
        if not self.fold or self.share or kind == NOT:
            raise UniformError("gates_list folds AND/OR gates without sharing")
        absorb, neutral = (FALSE, TRUE) if kind == AND else (TRUE, FALSE)
        return self._fold_rows(kind, rows, absorb, neutral)

    def _fold_rows(self, kind: int, rows: list[list[int]], absorb: int, neutral: int) -> list[int]:
        nxt = self._next
        base_of = self._base_of
        out: list[int] = []
        flat: list[int] = []
        counts: list[int] = []
        for row in rows:
            if absorb in row:
                out.append(absorb)
                continue
            vals = [v for v in row if v != neutral]
            if len(vals) < 2:
                out.append(vals[0] if vals else neutral)
                continue
            if len(vals) == 2:
                x, y = vals
                if x == y:
                    out.append(x)
                    continue
                if x > y:
                    x, y = y, x
                if base_of.get(y) == x:  # y = NOT x (a NOT gate's id exceeds its input's)
                    out.append(absorb)
                    continue
                out.append(nxt + len(counts))  # the ids `_append_list` gives, in order
                counts.append(2)
                flat.append(x)
                flat.append(y)
                continue
            uniq = sorted(set(vals))
            if len(uniq) < 2:
                out.append(uniq[0])
                continue
            # a NOT gate together with its input
            if base_of and any(base_of.get(v) in uniq for v in uniq):
                out.append(absorb)
                continue
            out.append(nxt + len(counts))
            counts.append(len(uniq))
            flat.extend(uniq)
        if counts:
            self._append_list(kind, counts, flat, len(counts))
        return out

    def and2_list(self, xs: list[int], ys: list[int]) -> list[int]:
        """`gates(AND, ...)` on the pairs (xs[i], ys[i]) as Python lists (one batch)."""
        if not self.fold or self.share:
            raise UniformError("and2_list folds without sharing")
        nxt = self._next
        base_of = self._base_of
        out: list[int] = []
        flat: list[int] = []
        for x, y in zip(xs, ys, strict=True):
            if x == FALSE or y == FALSE:
                out.append(FALSE)
            elif x in (TRUE, y):
                out.append(y)
            elif y == TRUE:
                out.append(x)
            else:
                if x > y:
                    x, y = y, x
                if base_of.get(y) == x:  # y = NOT x (a NOT gate's id exceeds its input's)
                    out.append(FALSE)
                else:
                    out.append(nxt + len(flat) // 2)
                    flat.append(x)
                    flat.append(y)
        if flat:
            self._append_list(AND, _TWO, flat, len(flat) // 2)
        return out

    def _gates2(
        self, kind: int, a: np.ndarray, b: np.ndarray, absorb: int, neutral: int
    ) -> np.ndarray:
        """The folding of `gates` for fan-in 2, without sorting: the same results, fewer steps.

        In a folded circuit a negated literal's node is its (shared) NOT gate, so a kept
        input's node is the input itself; the two inputs are complementary exactly when their
        literal bases agree and the nodes differ (constants have no NOT base).
        """
        lo = np.minimum(a, b)
        hi = np.maximum(a, b)
        # a NOT gate has a larger id than its input: complementary iff hi = NOT lo
        dead = (lo == absorb) | (hi == absorb) | (self._not_base[hi] == lo)
        # one surviving input: hi when lo is neutral, else lo (lo == hi)
        out = np.where(lo == neutral, hi, lo)
        out[dead] = absorb
        # not dead and lo not a constant (a constant lo would be the neutral one)
        many = (lo > TRUE) & (lo != hi) & ~dead
        if many.any():
            pair = np.empty((int(many.sum()), 2), dtype=np.int64)
            pair[:, 0] = lo[many]
            pair[:, 1] = hi[many]
            out[many] = self._append(kind, _TWO, pair.reshape(-1), len(pair))
        return out

    def and2(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """`gates(AND, ...)` on the pairs (a[i], b[i]) (folding, no sharing; one batch): the
        same gates and nodes with fewer steps, for the tableau's fire and kept gates."""
        if not self.fold or self.share:
            raise UniformError("and2 folds without sharing")
        lo = np.minimum(a, b)
        hi = np.maximum(a, b)
        # one input TRUE: the other; equal inputs: that one; a FALSE input: FALSE (lo is 0)
        out = np.where(lo == TRUE, hi, lo)
        new = lo > TRUE
        new &= lo != hi
        # a NOT gate with its input (its id is the larger): FALSE
        comp = self._not_base[hi] == lo
        if np.count_nonzero(comp):  # (not .any(): a cheaper call on small arrays)
            out[comp] = FALSE
            new &= ~comp
        idx = new.nonzero()[0]
        if len(idx):
            pair = np.empty((len(idx), 2), dtype=np.int64)
            pair[:, 0] = lo[idx]
            pair[:, 1] = hi[idx]
            out[idx] = self._append(AND, _TWO, pair.reshape(-1), len(idx))
        return out

    def gates_t(self, kind: int, xt: np.ndarray) -> np.ndarray:
        """`gates(kind, xt.T)` for a C-ordered (k, m) array `xt` (one gate per column; folding,
        no sharing): reductions run along the long axis, so a small k costs few steps."""
        if not self.fold or self.share or kind == NOT:
            raise UniformError("gates_t folds AND/OR gates without sharing")
        k, m = xt.shape
        if k == 0:
            return np.full(m, TRUE if kind == AND else FALSE, dtype=np.int64)
        absorb = FALSE if kind == AND else TRUE
        return self._gates_few_t(kind, xt, absorb)

    def _gates_few(self, kind: int, x: np.ndarray, absorb: int, neutral: int) -> np.ndarray:
        """`_gates_few_t` on an (m, k) array."""
        return self._gates_few_t(kind, np.ascontiguousarray(x.T), absorb)

    def _gates_few_t(self, kind: int, xt: np.ndarray, absorb: int) -> np.ndarray:
        """The folding of `gates` for a small fan-in k, on the (k, m) transpose: gates with at
        most one non-constant input are settled by a column maximum (that input, else the
        neutral constant); only the rest are sorted, deduplicated and checked for a NOT gate
        beside its input (k x k compares). The same results as the general path.
        """
        # each gate's inputs sorted: constants first, duplicates side by side
        sub = np.sort(xt.T, axis=1)
        keep = sub > TRUE
        keep[:, 1:] &= sub[:, 1:] != sub[:, :-1]
        kcnt = keep.sum(axis=1)
        # at most one distinct non-constant input: the largest entry (the neutral constant
        # when there is none; absorbing gates are set below)
        out = sub[:, -1].copy()
        new = kcnt > 1
        hit = xt == absorb
        dead = hit.any(axis=0) if np.count_nonzero(hit) else None
        if dead is not None:
            new &= ~dead
        if self._base_of:
            base = self._not_base[sub]
            is_not = base >= 0
            if np.count_nonzero(is_not):  # a NOT gate beside its input absorbs
                neg = keep & is_not
                comp = ((base[:, :, None] == sub[:, None, :]) & neg[:, :, None]).any(axis=(1, 2))
                out[comp] = absorb
                new &= ~comp
        rows = new.nonzero()[0]
        if len(rows):
            out[rows] = self._append(kind, kcnt[rows], sub[rows][keep[rows]])
        if dead is not None:
            out[dead] = absorb
        return out

    def _gates_sparse(self, kind: int, x: np.ndarray, absorb: int, neutral: int) -> np.ndarray:
        """The folding of `gates` on the non-neutral entries only: one sort of (row, node)
        keys instead of sorting every padded row; the same results.

        Duplicates are equal neighbours; a row is dead when it holds the absorbing constant
        or a NOT gate together with its input (looked up by binary search).
        """
        m, k = x.shape
        flat = x.reshape(-1)
        n = self._next
        dead = np.zeros(m, dtype=bool)
        dead[np.flatnonzero(flat == absorb) // k] = True
        keep = np.flatnonzero(flat != neutral)
        comb = (keep // k) * n + flat[keep]
        comb.sort()
        if len(comb) > 1:
            comb = comb[np.concatenate(([True], comb[1:] != comb[:-1]))]
        rows = comb // n
        vals = comb - rows * n
        base = self._not_base[vals]
        negi = np.flatnonzero(base >= 0)
        if len(negi):
            probe = rows[negi] * n + base[negi]
            pos = np.minimum(np.searchsorted(comb, probe), len(comb) - 1)
            dead[rows[negi[comb[pos] == probe]]] = True
        live = ~dead[rows]
        rows, vals = rows[live], vals[live]
        cnt = np.bincount(rows, minlength=m)
        out = np.full(m, neutral, dtype=np.int64)
        out[dead] = absorb
        starts = np.cumsum(cnt) - cnt
        one = cnt == 1
        out[one] = vals[starts[one]]
        many = cnt >= 2
        if many.any():
            emask = many[rows]
            out[many] = self._append(kind, cnt[many], vals[emask])
        return out

    def _shared(self, kind: int, counts: np.ndarray, flat: np.ndarray) -> np.ndarray:
        splits = np.cumsum(counts)[:-1]
        rows = np.split(flat, splits)
        result = np.empty(len(counts), dtype=np.int64)
        new_rows: list[int] = []
        pending: dict[tuple, int] = {}
        table = self._table
        for i, row in enumerate(rows):
            key = (kind, *row.tolist())
            hit = table.get(key)
            if hit is None:
                hit = pending.get(key)
                if hit is None:
                    pending[key] = -(len(new_rows) + 1)
                    new_rows.append(i)
                    result[i] = -(len(new_rows))
                    continue
            result[i] = hit
        if new_rows:
            idx = np.asarray(new_rows, dtype=np.int64)
            sel_counts = counts[idx]
            sel_flat = np.concatenate([rows[i] for i in new_rows])
            ids = self._append(kind, sel_counts, sel_flat)
            neg_mask = result < 0
            result[neg_mask] = ids[-result[neg_mask] - 1]
            for key, ref in pending.items():
                table[key] = int(ids[-ref - 1])
        return result

    def gate(self, kind: int, inputs: Sequence[int]) -> int:
        """A single gate (one batch); returns its node or the node it folds to."""
        if kind == NOT:
            (x,) = inputs
            return int(self.nots([x])[0])
        return int(self.gates(kind, np.asarray([list(inputs)], dtype=np.int64).reshape(1, -1))[0])

    def and_(self, *xs: int) -> int:
        return self.gate(AND, xs)

    def or_(self, *xs: int) -> int:
        return self.gate(OR, xs)

    def not_(self, x: int) -> int:
        return self.gate(NOT, [x])

    def output(self, node: int, name: str | None = None) -> None:
        if not 0 <= node < self._next:
            raise UniformError(f"output node {node} does not exist")
        name = name or f"y{len(self._outputs) + 1}"
        if any(name == o for o, _ in self._outputs):
            raise UniformError(f"duplicate output name {name!r}")
        self._outputs.append((name, int(node)))

    def build(self) -> Circuit:
        if self._batch_kinds:
            sizes = np.diff(np.asarray(self._batches, dtype=np.int64))
            kinds = np.repeat(np.asarray(self._batch_kinds, dtype=np.uint8), sizes)
            # one repeat for the batches of one fan-in, then the per-gate ones copied in
            per_batch = [c if isinstance(c, int) else 0 for c in self._counts]
            counts = np.repeat(np.asarray(per_batch, dtype=np.int64), sizes)
            for i, c in enumerate(self._counts):
                if not isinstance(c, int):
                    counts[self._batches[i] : self._batches[i + 1]] = c
            dt = self._node_dtype
            fanin = np.concatenate(
                [np.array(f, dtype=dt) if isinstance(f, list) else f for f in self._fanin]
            )
        else:
            kinds = np.zeros(0, np.uint8)
            counts = np.zeros(0, np.int64)
            fanin = np.zeros(0, self._node_dtype)
        indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return Circuit(
            self.n_inputs,
            self.input_names,
            kinds,
            indptr,
            fanin,
            tuple(self._outputs),
            np.asarray(self._batches, dtype=np.int64),
            normalized=self.fold,
            name=self.name,
        )


def from_gates(
    n_inputs: int,
    gates: Sequence[tuple[int, Sequence[int]]],
    outputs: Mapping[str, int] | Sequence[int],
    name: str = "circuit",
) -> Circuit:
    """A circuit from a plain gate list (kind, fan-in) in node order, unfolded, one gate a batch.

    Convenient for tests and small hand-written circuits; batches are recomputed by level.
    """
    b = CircuitBuilder(n_inputs, fold=False, name=name)
    for kind, fan in gates:
        if kind == NOT:
            b.nots([fan[0]])
        else:
            b.gates(kind, np.asarray([list(fan)], dtype=np.int64))
    items = outputs.items() if isinstance(outputs, Mapping) else enumerate(outputs)
    for key, node in items:
        b.output(node, key if isinstance(key, str) else None)
    return relevel(b.build())


def relevel(c: Circuit) -> Circuit:
    """Regroup gates into maximal batches: reorder gates by level (depth) so that each level is
    one batch. The function is unchanged; node ids of gates change.

    Renumbering can break the ascending fan-in order of a normalized circuit (a gate reading
    nodes 6 and 7 may read 7 and 6 after it), so each gate's fan-in is sorted again; the other
    normalized invariants do not depend on node ids and survive, and so does the flag."""
    depth = c.depths()
    first = c.first_gate
    gdepth = depth[first:]
    order = np.argsort(gdepth, kind="stable")
    return checked(_permute(c, order, gdepth[order], sort_fanin=c.normalized))


def _permute(
    c: Circuit, order: np.ndarray, sorted_depth: np.ndarray, sort_fanin: bool = False
) -> Circuit:
    """`c` with its gates in `order` (a topological order; `sorted_depth` their levels), one
    batch per level and kind; with `sort_fanin` every gate's fan-in in ascending order."""
    first = c.first_gate
    remap = np.arange(c.n_nodes, dtype=np.int64)
    remap[first + order] = first + np.arange(len(order), dtype=np.int64)
    counts = c.fan_in_counts()[order]
    starts = c.indptr[order]
    idx = _segment_index(starts, counts)
    fanin = remap[c.fanin[idx]]
    if sort_fanin and len(fanin):
        # one sort of (gate, node) keys sorts every gate's fan-in at once
        gate_of = np.repeat(np.arange(len(order), dtype=np.int64), counts)
        keys = gate_of * c.n_nodes + fanin
        keys.sort()
        fanin = keys - gate_of * c.n_nodes
    fanin = fanin.astype(c.fanin.dtype, copy=False)
    indptr = np.zeros(len(order) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    # a batch per level, split further by kind so batches are homogeneous
    kinds = c.kinds[order]
    change = np.flatnonzero((np.diff(sorted_depth) != 0) | (np.diff(kinds.astype(np.int64)) != 0))
    batches = np.concatenate([[0], change + 1, [len(order)]]) if len(order) else np.array([0])
    return Circuit(
        c.n_inputs,
        c.input_names,
        kinds,
        indptr,
        fanin,
        tuple((name, int(remap[node])) for name, node in c.outputs),
        batches.astype(np.int64),
        normalized=c.normalized,
        name=c.name,
    )


def _segment_index(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of arange(s, s + k) for each (s, k): gathers CSR segments in a new order."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=offsets[1:])
    return np.repeat(starts - offsets, counts) + np.arange(total, dtype=np.int64)


def _uniform_fan_in(counts: np.ndarray, batches: np.ndarray) -> list[int]:
    """Per batch: the fan-in of its gates when they all have the same one, else -1."""
    if len(batches) < 2 or not (np.diff(batches) > 0).all():
        return [-1] * max(len(batches) - 1, 0)
    kmin = np.minimum.reduceat(counts, batches[:-1])
    kmax = np.maximum.reduceat(counts, batches[:-1])
    return np.where(kmin == kmax, kmax, -1).tolist()


def remove_dead(c: Circuit) -> Circuit:
    """Remove gates from which no output can be reached.

    Peeling by reader counts: a gate no gate or output reads is dead, and so is every gate
    whose readers are all dead. Each round handles the gates whose last reader just died, so
    the work is O(wires) plus a few numpy calls per round; dead gates in a printed tableau sit
    in short chains near its end (few rounds). A circuit with long dead chains falls back to
    one backward sweep over the batches (`_live_by_sweep`); both find the same live set.
    """
    first = c.first_gate
    if c.n_gates == 0:
        return checked(c)
    refs = np.bincount(c.fanin, minlength=c.n_nodes)
    for _, node in c.outputs:
        refs[node] += 1
    frontier = np.flatnonzero(refs[first:] == 0)  # gate indices
    if not len(frontier):
        return checked(c)
    counts = c.fan_in_counts()
    keep = np.ones(c.n_gates, dtype=bool)
    rounds = 0
    while len(frontier):
        rounds += 1
        if rounds > _PEEL_ROUNDS:
            keep = _live_by_sweep(c)[first:]
            break
        keep[frontier] = False
        srcs = c.fanin[_segment_index(c.indptr[frontier], counts[frontier])]
        nodes, times = np.unique(srcs, return_counts=True)
        refs[nodes] -= times
        gone = nodes[(refs[nodes] == 0) & (nodes >= first)]
        frontier = gone - first
    return checked(_keep_gates(c, keep, counts))


def _live_by_sweep(c: Circuit) -> np.ndarray:
    """Per node: can an output be reached from it (one backward sweep over batches)."""
    first = c.first_gate
    live = np.zeros(c.n_nodes, dtype=bool)
    for _, node in c.outputs:
        live[node] = True
    b = c.batches
    counts = c.fan_in_counts()
    bl = (b + first).tolist()
    eb = c.indptr[b].tolist()
    fanin = c.fanin
    uniform_k = _uniform_fan_in(counts, b)
    for i in range(len(bl) - 2, -1, -1):
        lo, hi = bl[i], bl[i + 1]
        glive = live[lo:hi]
        if hi - lo == 1:
            if glive[0]:
                live[fanin[eb[i] : eb[i + 1]]] = True
            continue
        k = uniform_k[i]
        if k > 0:
            live[fanin[eb[i] : eb[i + 1]].reshape(hi - lo, k)[glive]] = True
            continue
        if not glive.any():
            continue
        if glive.all():
            live[fanin[eb[i] : eb[i + 1]]] = True
            continue
        emask = np.repeat(glive, counts[lo - first : hi - first])
        live[fanin[eb[i] : eb[i + 1]][emask]] = True
    return live


def _keep_gates(c: Circuit, keep: np.ndarray, counts: np.ndarray) -> Circuit:
    """The circuit with only the gates where `keep` is set (nothing may read the others).

    Gates before the first removed one keep their ids and fan-ins (they read only lower
    nodes), so only the tail from there on is selected and renumbered: a printed tableau's
    dead gates sit in its last rows, and the prefix is copied instead of remapped wire by wire.
    """
    first = c.first_gate
    b = c.batches
    p = int(np.argmin(keep)) if len(keep) else 0  # the first removed gate (all kept: none)
    if keep[p:].all():
        return c
    tail = keep[p:]
    kept = np.flatnonzero(tail)  # tail gate indices
    dt = c.fanin.dtype
    # new ids of the tail's gates (-1: removed); nodes below first + p keep theirs
    remap = np.full(len(tail), -1, dtype=dt)
    remap[kept] = first + p + np.arange(len(kept), dtype=dt)
    e0 = int(c.indptr[p])
    # the kept tail gates' fan-ins selected by an edge mask (1 byte a wire), not an int64 index
    fan = c.fanin[e0:][np.repeat(tail, counts[p:])]
    hi = fan >= first + p
    fan[hi] = remap[fan[hi] - (first + p)]
    fanin = np.concatenate((c.fanin[:e0], fan))
    tail_counts = counts[p:][kept]
    indptr = np.empty(p + len(kept) + 1, dtype=np.int64)
    indptr[: p + 1] = c.indptr[: p + 1]
    np.cumsum(tail_counts, out=indptr[p + 1 :])
    indptr[p + 1 :] += e0
    # a batch boundary survives as the number of kept gates before it
    csum = np.zeros(len(tail) + 1, dtype=np.int64)
    np.cumsum(tail, out=csum[1:])
    cut = int(np.searchsorted(b, p, side="right"))
    batches = np.unique(np.concatenate((b[:cut], p + csum[b[cut:] - p])))

    def node(v: int) -> int:
        return v if v < first + p else int(remap[v - first - p])

    return Circuit(
        c.n_inputs,
        c.input_names,
        np.concatenate((c.kinds[:p], c.kinds[p:][kept])),
        indptr,
        fanin,
        tuple((name, node(v)) for name, v in c.outputs),
        batches.astype(np.int64),
        normalized=c.normalized,
        name=c.name,
    )


def simplify(c: Circuit, share: bool = True) -> Circuit:
    """Constant folding, sharing of identical gates (structural hashing) and dead-gate removal.

    The circuit is rebuilt batch by batch through a folding `CircuitBuilder`; the function
    (each output on every input) is unchanged.
    """
    b = CircuitBuilder(c.n_inputs, c.input_names, fold=True, share=share, name=c.name)
    remap = np.empty(c.n_nodes, dtype=np.int64)
    remap[: c.first_gate] = np.arange(c.first_gate)
    first = c.first_gate
    counts = c.fan_in_counts()
    for lo, hi in c.iter_batches():
        kinds = c.kinds[lo:hi]
        for kind in np.unique(kinds):
            gsel = np.flatnonzero(kinds == kind) + lo
            kc = counts[gsel]
            for k in np.unique(kc):
                g = gsel[kc == k]
                idx = _segment_index(c.indptr[g], np.full(len(g), k, dtype=np.int64))
                rows = remap[c.fanin[idx]].reshape(len(g), int(k))
                remap[first + g] = b.gates(int(kind), rows)
    for name, node in c.outputs:
        b.output(int(remap[node]), name)
    return remove_dead(b.build())
