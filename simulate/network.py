"""The ReLU network of Definition 2.1, stored in flat arrays, and the builder printers use.

Nodes are numbered in topological order: node 0 is the constant 1 (biases are edges from it),
nodes 1..n are the inputs x1..xn, and nodes n+1.. are the neurons, each of which reads only
lower-numbered nodes. Neuron j's incoming edges are sources[indptr[j]:indptr[j+1]] with the same
slice of weights (CSR layout). Weights are exact: a numpy int64 array when every weight is an
integer that fits in 64 bits, otherwise a tuple of Python ints and `fractions.Fraction`s.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from simulate.errors import InvalidNetworkError

Weight = int | Fraction

ONE = 0  # the node index of the constant-1 source
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\[\]-]*\Z")
_NEURON_NAME = re.compile(r"h[0-9]+\Z")


def valid_input_name(name: str) -> bool:
    """Input names are identifiers (letters, digits, _ . [ ] -) other than h<k> (neurons)."""
    return bool(_NAME.match(name)) and not _NEURON_NAME.match(name)


def valid_output_name(name: str) -> bool:
    """Output names are identifiers (letters, digits, _ . [ ] -); they have their own namespace."""
    return bool(_NAME.match(name))


def normalize_weight(w: object) -> Weight:
    """An exact weight: ints stay ints, integral fractions become ints; floats are refused."""
    if isinstance(w, bool):
        return int(w)
    if isinstance(w, int):
        return w
    if isinstance(w, Fraction):
        return w.numerator if w.denominator == 1 else w
    if type(w).__name__ == "mpz":
        return int(w)
    if type(w).__name__ == "mpq":
        f = Fraction(int(w.numerator), int(w.denominator))
        return f.numerator if f.denominator == 1 else f
    raise TypeError(f"weights must be exact integers or fractions, not {type(w).__name__}")


@dataclass(frozen=True, eq=False)
class Network:
    """An immutable ReLU network (Definition 2.1) in CSR form; build it with `NetworkBuilder`."""

    n_inputs: int
    input_names: tuple[str, ...]
    indptr: np.ndarray
    sources: np.ndarray
    weights: np.ndarray | tuple[Weight, ...]
    outputs: tuple[tuple[str, int], ...]
    name: str = "network"
    # Derived data (depths, bound analysis, evaluation plans), computed once per network on
    # demand. The network itself never changes, so the memo never goes stale.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], object]) -> object:
        """The value of `compute()`, computed on the first call for `key` and kept."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    @property
    def n_neurons(self) -> int:
        return len(self.indptr) - 1

    @property
    def n_edges(self) -> int:
        return int(self.indptr[-1])

    @property
    def n_nodes(self) -> int:
        return 1 + self.n_inputs + self.n_neurons

    @property
    def first_neuron(self) -> int:
        """The node index of the first neuron (n + 1)."""
        return 1 + self.n_inputs

    @property
    def integer_weights(self) -> bool:
        """True when every weight is an integer (stored as int64 or as Python ints)."""
        if isinstance(self.weights, np.ndarray):
            return True
        return all(isinstance(w, int) for w in self.weights)

    @property
    def fits_int64(self) -> bool:
        """True when the weights are stored as a numpy int64 array."""
        return isinstance(self.weights, np.ndarray)

    def weight(self, edge: int) -> Weight:
        """The exact weight of edge number `edge` (in CSR order)."""
        w = self.weights[edge]
        return int(w) if isinstance(self.weights, np.ndarray) else w

    def incoming(self, node: int) -> list[tuple[int, Weight]]:
        """The (source, weight) pairs of a neuron's incoming edges, in stored order."""
        j = node - self.first_neuron
        if not 0 <= j < self.n_neurons:
            raise IndexError(f"node {node} is not a neuron")
        lo, hi = int(self.indptr[j]), int(self.indptr[j + 1])
        return [(int(self.sources[e]), self.weight(e)) for e in range(lo, hi)]

    def exact_weights(self) -> list[Weight]:
        """All weights as a list of Python ints / Fractions (CSR order)."""
        if isinstance(self.weights, np.ndarray):
            return self.weights.tolist()
        return list(self.weights)

    def __eq__(self, other: object) -> bool:
        """Structural equality: same inputs, edges in the same order, exact weights, outputs."""
        if not isinstance(other, Network):
            return NotImplemented
        return (
            self.n_inputs == other.n_inputs
            and self.input_names == other.input_names
            and self.outputs == other.outputs
            and self.name == other.name
            and np.array_equal(self.indptr, other.indptr)
            and np.array_equal(self.sources, other.sources)
            and self.exact_weights() == other.exact_weights()
        )

    __hash__ = None  # type: ignore[assignment]

    def denominators(self) -> list[int]:
        """The reduced denominator q_e of every weight (CSR order); all 1 for integer weights."""
        if isinstance(self.weights, np.ndarray):
            return [1] * self.n_edges
        return [w.denominator for w in self.weights]

    def neuron_of_edge(self) -> np.ndarray:
        """For each edge (CSR order), the node index of the neuron it enters."""
        counts = np.diff(self.indptr)
        return np.repeat(np.arange(self.first_neuron, self.n_nodes, dtype=np.int64), counts)

    def check(self) -> None:
        """Validate the invariants of Definition 2.1; raise `InvalidNetworkError` on the first.

        Checked: CSR arrays consistent, every source an earlier node (acyclic, topological),
        no repeated source within a neuron, weights exact, nonzero and in lowest terms with a
        positive denominator, input and output names valid and unique, at least one output and
        every output an existing node.
        """
        bad = InvalidNetworkError
        if self.n_inputs < 0 or len(self.input_names) != self.n_inputs:
            raise bad(f"{len(self.input_names)} input names for {self.n_inputs} inputs")
        seen: set[str] = set()
        for nm in self.input_names:
            if not valid_input_name(nm):
                raise bad(f"invalid input name {nm!r} (see docs/network-format.md)")
            if nm in seen:
                raise bad(f"duplicate input name {nm!r}")
            seen.add(nm)
        indptr = np.asarray(self.indptr)
        if indptr.ndim != 1 or len(indptr) < 1 or indptr[0] != 0:
            raise bad("indptr must be a 1-d array starting at 0")
        if np.any(np.diff(indptr) < 0):
            raise bad("indptr must be non-decreasing")
        n_edges = int(indptr[-1])
        if len(self.sources) != n_edges or len(self.weights) != n_edges:
            raise bad(
                f"{len(self.sources)} sources and {len(self.weights)} weights for {n_edges} edges"
            )
        if n_edges:
            targets = self.neuron_of_edge()
            src = np.asarray(self.sources, dtype=np.int64)
            wrong = np.flatnonzero((src < 0) | (src >= targets))
            if len(wrong):
                e = int(wrong[0])
                kind = "itself" if src[e] == targets[e] else f"node {int(src[e])}"
                raise bad(
                    f"neuron {self.node_name(int(targets[e]))} (node {int(targets[e])}) reads "
                    f"{kind}, which is not an earlier node"
                )
            keys = targets * self.n_nodes + src
            if len(np.unique(keys)) != n_edges:
                raise bad("a neuron reads the same source twice (merge the edges)")
        if isinstance(self.weights, np.ndarray):
            if self.weights.dtype != np.int64:
                raise bad(f"weight array must be int64, not {self.weights.dtype}")
            if n_edges and not np.all(self.weights):
                raise bad(f"edge {int(np.flatnonzero(self.weights == 0)[0])} has weight 0")
        else:
            for e, w in enumerate(self.weights):
                if isinstance(w, bool) or not isinstance(w, int | Fraction):
                    raise bad(f"edge {e} has a weight of type {type(w).__name__}, not int/Fraction")
                if w == 0:
                    raise bad(f"edge {e} has weight 0")
                if isinstance(w, Fraction):
                    if w.denominator <= 0 or math.gcd(w.numerator, w.denominator) != 1:
                        raise bad(f"edge {e}: weight {w} is not in lowest terms")
                    if w.denominator == 1:
                        raise bad(f"edge {e}: integral weight {w} stored as a Fraction")
        if not self.outputs:
            raise bad("the network has no outputs")
        names: set[str] = set()
        for nm, node in self.outputs:
            if not valid_output_name(nm):
                raise bad(f"invalid output name {nm!r}")
            if nm in names:
                raise bad(f"duplicate output name {nm!r}")
            names.add(nm)
            if not 0 <= node < self.n_nodes:
                raise bad(f"output {nm!r} is node {node}, which does not exist")

    def node_name(self, node: int) -> str:
        """'1' for the constant, the input's name, or 'h<k>' for the k-th neuron (from 1)."""
        if node == ONE:
            return "1"
        if node <= self.n_inputs:
            return self.input_names[node - 1]
        return f"h{node - self.n_inputs}"


class NetworkBuilder:
    """Append-only construction of a `Network`, the API every printer uses.

    >>> b = NetworkBuilder(2)
    >>> h = b.neuron({b.input(1): 1, b.input(2): 1}, bias=-1)   # AND of two bits
    >>> b.output(h, "and")
    >>> net = b.build()
    """

    def __init__(
        self, n_inputs: int, input_names: Sequence[str] | None = None, name: str = "network"
    ):
        if n_inputs < 0:
            raise ValueError("n_inputs must be >= 0")
        names = (
            tuple(input_names)
            if input_names is not None
            else tuple(f"x{i}" for i in range(1, n_inputs + 1))
        )
        if len(names) != n_inputs:
            raise ValueError(f"{len(names)} input names for {n_inputs} inputs")
        self.n_inputs = n_inputs
        self.input_names = names
        self.name = name
        self._indptr = array("q", [0])
        self._sources = array("q")
        self._small: array | None = array("q")  # weights while all fit in int64
        self._big: list[Weight] | None = None  # exact weights once one does not
        self._outputs: list[tuple[str, int]] = []
        self._output_names: set[str] = set()

    ONE = ONE

    def input(self, i: int) -> int:
        """The node index of input x_i (1-based)."""
        if not 1 <= i <= self.n_inputs:
            raise IndexError(f"input x{i} does not exist (the network has {self.n_inputs})")
        return i

    @property
    def n_nodes(self) -> int:
        return 1 + self.n_inputs + len(self._indptr) - 1

    def neuron(
        self, weights: Mapping[int, object] | Iterable[tuple[int, object]], bias: object = 0
    ) -> int:
        """Add relu(bias + sum w * node) and return its node index.

        Edges with weight 0 are dropped and repeated sources are summed, so the stored network
        has one edge per (source, neuron) pair; the bias is an edge from the constant 1.
        """
        items = weights.items() if isinstance(weights, Mapping) else weights
        merged: dict[int, Weight] = {}
        b = normalize_weight(bias)
        if b != 0:
            merged[ONE] = b
        limit = self.n_nodes
        for src, w in items:
            src = int(src)
            if not 0 <= src < limit:
                raise InvalidNetworkError(
                    f"neuron {limit} reads node {src}, which is not an earlier node"
                )
            merged[src] = merged.get(src, 0) + normalize_weight(w)
        for src in sorted(merged):
            w = merged[src]
            if w == 0:
                continue
            if isinstance(w, Fraction) and w.denominator == 1:
                w = w.numerator
            self._sources.append(src)
            self._append_weight(w)
        self._indptr.append(len(self._sources))
        return limit

    def _append_weight(self, w: Weight) -> None:
        if self._small is not None:
            if isinstance(w, int) and _I64_MIN <= w <= _I64_MAX:
                self._small.append(w)
                return
            self._big = list(self._small)
            self._small = None
        assert self._big is not None
        self._big.append(w)

    def output(self, node: int, name: str | None = None) -> None:
        """Mark `node` as an output called `name` (default y1, y2, ...)."""
        if not 0 <= node < self.n_nodes:
            raise InvalidNetworkError(f"output node {node} does not exist")
        if name is None:
            name = f"y{len(self._outputs) + 1}"
        if name in self._output_names:
            raise InvalidNetworkError(f"duplicate output name {name!r}")
        self._output_names.add(name)
        self._outputs.append((name, node))

    def build(self) -> Network:
        """Freeze what was added into a `Network` (the builder can keep being used)."""
        indptr = np.frombuffer(self._indptr, dtype=np.int64).copy()
        sources = np.frombuffer(self._sources, dtype=np.int64).astype(
            np.int32 if self.n_nodes < 2**31 else np.int64
        )
        if self._small is not None:
            weights: np.ndarray | tuple[Weight, ...] = np.frombuffer(
                self._small, dtype=np.int64
            ).copy()
        else:
            assert self._big is not None
            weights = tuple(self._big)
        return Network(
            self.n_inputs,
            self.input_names,
            indptr,
            sources,
            weights,
            tuple(self._outputs),
            self.name,
        )
