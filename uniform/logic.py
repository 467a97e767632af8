"""A folding, hashing list of fan-in-2 AND/OR gates and NOTs, turned into a normalized `Circuit`.

The arithmetic lowering (`uniform.small_weights`) builds circuits of millions of two-input
gates one gate at a time; `CircuitBuilder` is made for wide batches, so this list does the
per-gate work in plain Python and hands the result over as one `Circuit` (one batch per level
and kind, dead gates removed).

Node numbering is the `Circuit`'s: 0 FALSE, 1 TRUE, 2..n+1 the inputs, gates from n+2. Every
gate is folded as it is built (constants, x op x, x op NOT x, double negation), NOTs are shared
and identical AND/OR gates are hashed, so the circuit is *normalized* in the sense of
`uniform.circuit` (no gate reads a constant, no NOT reads a NOT, no gate reads two literals of
one node, fan-ins ascending): `to_network(..., "compact")` turns it into a network whose every
weight and bias is -1, 0 or 1 (AND: sigma(a + b - 1); OR: 1 - sigma(1 - a - b); NOT free).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit, _permute, remove_dead


class GateList:
    """Two-input AND/OR gates and NOTs over `Circuit` node numbers, folded as they are built."""

    def __init__(self, n_inputs: int, input_names: Sequence[str], name: str = "circuit"):
        self.n_inputs = n_inputs
        self.input_names = tuple(input_names)
        self.name = name
        self.first = n_inputs + 2
        self.kinds: list[int] = []
        self.fanin: list[tuple[int, ...]] = []
        self._level = [0] * self.first  # gates on the longest path to each node
        self._table: dict[tuple[int, int, int], int] = {}
        self._neg: dict[int, int] = {}  # NOT gate <-> its input, both ways

    @property
    def n_gates(self) -> int:
        return len(self.kinds)

    def input(self, k: int) -> int:
        """The node of input x_k (1-based)."""
        if not 1 <= k <= self.n_inputs:
            raise IndexError(f"input x{k} does not exist")
        return k + 1

    def _new(self, kind: int, fan: tuple[int, ...]) -> int:
        node = self.first + len(self.kinds)
        self.kinds.append(kind)
        self.fanin.append(fan)
        lv = self._level
        lv.append(1 + max(lv[v] for v in fan))
        return node

    def not_(self, x: int) -> int:
        if x <= TRUE:
            return 1 - x
        y = self._neg.get(x)
        if y is None:
            y = self._new(NOT, (x,))
            self._neg[x] = y
            self._neg[y] = x
        return y

    def _binary(self, kind: int, a: int, b: int) -> int:
        absorb, neutral = (FALSE, TRUE) if kind == AND else (TRUE, FALSE)
        if a == absorb or b == absorb:
            return absorb
        if a == neutral:
            return b
        if b == neutral or a == b:
            return a
        if self._neg.get(a) == b:
            return absorb
        if a > b:
            a, b = b, a
        key = (kind, a, b)
        node = self._table.get(key)
        if node is None:
            node = self._table[key] = self._new(kind, (a, b))
        return node

    def and_(self, a: int, b: int) -> int:
        return self._binary(AND, a, b)

    def or_(self, a: int, b: int) -> int:
        return self._binary(OR, a, b)

    def xor(self, a: int, b: int) -> int:
        """a XOR b = (a OR b) AND NOT (a AND b): three gates (NOT is free in compact mode)."""
        if a <= TRUE:
            return b if a == FALSE else self.not_(b)
        if b <= TRUE:
            return a if b == FALSE else self.not_(a)
        if a == b:
            return FALSE
        if self._neg.get(a) == b:
            return TRUE
        return self.and_(self.or_(a, b), self.not_(self.and_(a, b)))

    def or_all(self, xs: Sequence[int]) -> int:
        """OR of any number of literals as a balanced tree of two-input ORs."""
        level = list(xs)
        if not level:
            return FALSE
        while len(level) > 1:
            nxt = [self.or_(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                nxt.append(level[-1])
            level = nxt
        return level[0]

    def circuit(self, outputs: Sequence[tuple[str, int]]) -> Circuit:
        """The gates as a normalized `Circuit` with these outputs: gates reordered by level
        (kept while building), one batch per level and kind, every fan-in ascending in the new
        numbering (`circuit._permute`, the pass `relevel` uses), dead gates removed."""
        m = len(self.kinds)
        first = self.first
        counts = np.fromiter(map(len, self.fanin), dtype=np.int64, count=m)
        indptr = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        dt = np.int32 if first + m < 2**31 else np.int64
        fanin = np.fromiter(chain.from_iterable(self.fanin), dtype=dt, count=int(indptr[-1]))
        built = Circuit(  # in building order, one gate a batch (a topological order)
            self.n_inputs,
            self.input_names,
            np.asarray(self.kinds, dtype=np.uint8),
            indptr,
            fanin,
            tuple((name, int(node)) for name, node in outputs),
            np.arange(m + 1, dtype=np.int64),
            normalized=True,
            name=self.name,
        )
        level = np.asarray(self._level[first:], dtype=np.int64)
        order = np.argsort(level, kind="stable")  # a level's gates read only lower levels
        return remove_dead(_permute(built, order, level[order], sort_fanin=True))


__all__ = ["AND", "FALSE", "GateList", "NOT", "OR", "TRUE"]
