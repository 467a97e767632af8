"""The folding rules of `CircuitBuilder(fold=True)`, written once, plainly, one gate at a time.

This is the reference the builder's fast paths are tested against
(tests/uniform/test_fold_reference.py): `CircuitBuilder.gates` and its specialised paths
(`_gates_small`, `_gates2`, `_gates_few`, `_gates_sparse`, the general row-sorting path),
`gates_t`, `gates_list`, `and2`, `and2_list`, `nots`, `nots_list`, and with ``share=True``
the structural hashing of `simplify`. Each is an optimisation of the rules below (whole
batches at once, numpy instead of Python); on any sequence of gates they build the same number
of gates and nodes computing the same functions.

The rules, for a NOT gate of x:

* NOT FALSE = TRUE, NOT TRUE = FALSE;
* NOT (NOT y) = y (double negation);
* one NOT gate per node (shared).

For an AND (OR) gate of inputs x1..xk, with absorbing constant FALSE (TRUE) and neutral
constant TRUE (FALSE):

* an absorbing input makes the gate that constant;
* neutral inputs are dropped, and so are repeated inputs;
* an input together with its NOT gate makes the gate the absorbing constant
  (x AND NOT x = FALSE, x OR NOT x = TRUE);
* no input left: the neutral constant; one input left: that input;
* otherwise a new gate reading the remaining inputs in ascending node order;
* with ``share=True`` (structural hashing), a gate identical to an earlier one (same kind,
  same inputs) is that earlier gate.

The circuit built is *normalized* (`tmnet.uniform.circuit`): no constant inputs, no NOT of a
NOT, fan-in >= 2, no input beside its NOT, one NOT per node, ascending fan-ins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit
from tmnet.uniform.errors import UniformError


class PlainFolder:
    """Builds a normalized circuit gate by gate with the rules of the module docstring; with
    ``fold=False`` every gate is built exactly as asked (no rule applies; not normalized)."""

    def __init__(
        self, n_inputs: int, *, share: bool = False, fold: bool = True, name: str = "circuit"
    ):
        self.n_inputs = n_inputs
        self.share = share
        self.fold = fold
        self.name = name
        self.gates: list[tuple[int, tuple[int, ...]]] = []  # (kind, fan-in), in node order
        self.not_of: dict[int, int] = {}  # node -> its NOT gate
        self.base_of: dict[int, int] = {}  # NOT gate -> the node it negates
        self.table: dict[tuple[int, tuple[int, ...]], int] = {}  # for share=True
        self.outputs: list[tuple[str, int]] = []

    @property
    def n_nodes(self) -> int:
        return self.n_inputs + 2 + len(self.gates)

    def _new(self, kind: int, fan_in: tuple[int, ...]) -> int:
        node = self.n_nodes
        self.gates.append((kind, fan_in))
        return node

    def not_(self, x: int) -> int:
        if not self.fold:
            return self._new(NOT, (x,))
        if x in (FALSE, TRUE):
            return TRUE - x
        if x in self.base_of:  # x is NOT y: NOT x = y
            return self.base_of[x]
        if x not in self.not_of:
            gate = self._new(NOT, (x,))
            self.not_of[x] = gate
            self.base_of[gate] = x
        return self.not_of[x]

    def gate(self, kind: int, inputs: Iterable[int]) -> int:
        """AND or OR of `inputs`, folded; NOT when kind is NOT (one input)."""
        inputs = [int(x) for x in inputs]
        if kind == NOT:
            (x,) = inputs
            return self.not_(x)
        if kind not in (AND, OR):
            raise UniformError(f"unknown gate kind {kind}")
        if not self.fold:
            if not inputs:
                raise UniformError("an unfolded AND/OR gate needs at least one input")
            return self._new(kind, tuple(inputs))
        absorb, neutral = (FALSE, TRUE) if kind == AND else (TRUE, FALSE)
        if absorb in inputs:
            return absorb
        kept = sorted({x for x in inputs if x != neutral})
        if any(self.base_of.get(x) in kept for x in kept):
            return absorb
        if not kept:
            return neutral
        if len(kept) == 1:
            return kept[0]
        key = (kind, tuple(kept))
        if self.share and key in self.table:
            return self.table[key]
        node = self._new(kind, key[1])
        if self.share:
            self.table[key] = node
        return node

    def and_(self, *xs: int) -> int:
        return self.gate(AND, xs)

    def or_(self, *xs: int) -> int:
        return self.gate(OR, xs)

    def output(self, node: int, name: str) -> None:
        self.outputs.append((name, int(node)))

    def build(self, name: str | None = None) -> Circuit:
        """The circuit, one batch per gate; flagged normalized when folded (`Circuit.check`
        agrees)."""
        kinds = np.array([k for k, _ in self.gates], dtype=np.uint8)
        counts = np.array([len(f) for _, f in self.gates], dtype=np.int64)
        indptr = np.zeros(len(self.gates) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        fanin = np.array([x for _, f in self.gates for x in f], dtype=np.int64)
        return Circuit(
            self.n_inputs,
            tuple(f"x{k}" for k in range(1, self.n_inputs + 1)),
            kinds,
            indptr,
            fanin,
            tuple(self.outputs),
            np.arange(len(self.gates) + 1, dtype=np.int64),
            normalized=self.fold,
            name=name or self.name,
        )


def fold_rows(folder: PlainFolder, kind: int, rows: Sequence[Sequence[int]]) -> list[int]:
    """One folded gate per row, in row order (what a builder batch call returns)."""
    return [folder.gate(kind, row) for row in rows]
