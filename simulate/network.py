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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from tmnet.simulate.errors import InvalidNetworkError

Weight = int | Fraction

ONE = 0  # the node index of the constant-1 source
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\[\]-]*\Z")
_NEURON_NAME = re.compile(r"h[0-9]+\Z")
_NAME_LINES = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_.\[\]-]*\n)*\Z")
_NEURON_LINE = re.compile(r"^h[0-9]+$", re.MULTILINE)


def valid_input_name(name: str) -> bool:
    """Input names are identifiers (letters, digits, _ . [ ] -) other than h<k> (neurons)."""
    return bool(_NAME.match(name)) and not _NEURON_NAME.match(name)


def _input_names_ok(names: tuple[str, ...]) -> bool:
    """True when every name is a valid input name and no two are equal: the common case of
    `Network.check`, decided by two regex scans of the joined names instead of a loop (a
    network with a thousand inputs is checked at every write)."""
    joined = "\n".join(names) + "\n" if names else ""
    return (
        joined.count("\n") == len(names)  # no name holds a newline of its own
        and _NAME_LINES.match(joined) is not None
        and _NEURON_LINE.search(joined) is None
        and len(set(names)) == len(names)
    )


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
    # The input alphabet of the words the inputs encode (machines/encoding.py: the k-th symbol
    # has code k in max(1, ceil(log2 |alphabet|)) bits, least significant first; for {0, 1} the
    # values), recorded by the machine printers; () for a network over raw bits.
    input_alphabet: tuple[str, ...] = ()
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
        """True when every weight is an integer (stored as int64 or as Python ints); memoised,
        since every one-input simulation asks."""
        if isinstance(self.weights, np.ndarray):
            return True
        weights = self.weights
        return self.memo("integer_weights", lambda: all(isinstance(w, int) for w in weights))  # type: ignore[return-value]

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

    def by_neuron(self) -> Iterator[tuple[int, list[tuple[int, Weight]]]]:
        """Each neuron's node index with its incoming (source, weight) pairs, in stored order:
        one pass over the CSR arrays for whole-network walks (export, printing)."""
        ws = self.exact_weights()
        src = self.sources.tolist()
        ip = self.indptr.tolist()
        for j in range(self.n_neurons):
            lo, hi = ip[j], ip[j + 1]
            yield self.first_neuron + j, list(zip(src[lo:hi], ws[lo:hi], strict=True))

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
        for nm in () if _input_names_ok(self.input_names) else self.input_names:
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
            src = np.asarray(self.sources)
            earlier, distinct = _scan_sources(indptr, src, self.first_neuron)
            if not earlier:  # name the first offending edge
                targets = self.neuron_of_edge()
                src = src.astype(np.int64)
                e = int(np.flatnonzero((src < 0) | (src >= targets))[0])
                kind = "itself" if src[e] == targets[e] else f"node {int(src[e])}"
                raise bad(
                    f"neuron {self.node_name(int(targets[e]))} (node {int(targets[e])}) reads "
                    f"{kind}, which is not an earlier node"
                )
            if not distinct:
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
        # neurons added one at a time, not yet moved into a chunk
        self._indptr = array("q", [0])
        self._sources = array("q")
        self._small: array | None = array("q")  # weights while all fit in int64
        self._big: list[Weight] | None = None  # exact weights once one does not
        # finished chunks: (indptr from 0, sources, int64 weights or exact weights)
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray | list[Weight]]] = []
        self._chunk_neurons = 0
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
        return 1 + self.n_inputs + self._chunk_neurons + len(self._indptr) - 1

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

    def add_neurons_csr(
        self,
        indptr: np.ndarray | Sequence[int],
        sources: np.ndarray | Sequence[int],
        weights: np.ndarray | Sequence[object],
    ) -> range:
        """Add many neurons at once from CSR arrays; return the range of their node indices.

        Neuron i (counting from 0 in this call) reads ``sources[indptr[i]:indptr[i+1]]`` with
        the same slice of `weights`, and gets node index ``n_nodes + i``; the bias is an edge
        from node 0 (`ONE`). The semantics are those of `neuron`: every source must be an
        earlier node (else `InvalidNetworkError`), repeated sources of a neuron are summed,
        and edges of weight 0 are dropped (then, as in `neuron`, the neuron's edges are stored
        by ascending source). Input without repeats or zeros is stored in the order given, in
        whole-array operations and without copying arrays of the stored dtypes (int64 indptr,
        int32/int64 sources, int64 weights): do not modify them afterwards.
        """
        ip = np.asarray(indptr)
        if ip.ndim != 1 or len(ip) < 1 or not np.issubdtype(ip.dtype, np.integer) or ip[0] != 0:
            raise InvalidNetworkError("indptr must be a 1-d integer array starting at 0")
        ip = ip.astype(np.int64, copy=False)
        if len(ip) > 1 and not bool(np.all(ip[1:] >= ip[:-1])):
            raise InvalidNetworkError("indptr must be non-decreasing")
        n_edges = int(ip[-1])
        src = np.asarray(sources)
        if src.ndim != 1 or len(src) != n_edges:
            raise InvalidNetworkError(f"{len(src)} sources for {n_edges} edges")
        if n_edges and not np.issubdtype(src.dtype, np.integer):
            raise InvalidNetworkError(f"sources must be integers, not {src.dtype}")
        if len(weights) != n_edges:
            raise InvalidNetworkError(f"{len(weights)} weights for {n_edges} edges")
        first = self.n_nodes
        m = len(ip) - 1
        exact: list[Weight] | None = None
        if isinstance(weights, np.ndarray) and weights.dtype == np.int64:
            wts: np.ndarray | list[Weight] = weights
        elif isinstance(weights, np.ndarray) and np.issubdtype(weights.dtype, np.integer):
            if weights.dtype == np.uint64 and n_edges and int(weights.max()) > _I64_MAX:
                exact = [int(w) for w in weights.tolist()]
                wts = exact
            else:
                wts = weights.astype(np.int64)
        else:
            exact = [normalize_weight(w) for w in weights]
            if all(type(w) is int and _I64_MIN <= w <= _I64_MAX for w in exact):
                wts = np.array(exact, dtype=np.int64).reshape(-1)
                exact = None
            else:
                wts = exact
        earlier, canonical = _scan_sources(ip, src, first)
        if not earlier:
            _raise_not_earlier(ip, src, first, 0, m)
        if isinstance(wts, np.ndarray):
            canonical = canonical and bool(np.all(wts))
        else:
            canonical = canonical and all(w != 0 for w in wts)
        if not canonical:
            # repeated sources or zero weights: the one-neuron path merges and drops them
            values = wts.tolist() if isinstance(wts, np.ndarray) else wts
            srcs = src.tolist()
            for i in range(m):
                lo, hi = int(ip[i]), int(ip[i + 1])
                self.neuron(list(zip(srcs[lo:hi], values[lo:hi], strict=True)))
            return range(first, first + m)
        self._flush()
        sdt = src.dtype if src.dtype in (np.int32, np.int64) else np.int64
        self._chunks.append((ip, src.astype(sdt, copy=False), wts))
        self._chunk_neurons += m
        return range(first, first + m)

    def _flush(self) -> None:
        """Move the neurons added one at a time into a chunk."""
        if len(self._indptr) == 1:
            return
        indptr = np.frombuffer(self._indptr, dtype=np.int64).copy()
        sources = np.frombuffer(self._sources, dtype=np.int64).copy()
        if self._small is not None:
            weights: np.ndarray | list[Weight] = np.frombuffer(self._small, dtype=np.int64).copy()
        else:
            assert self._big is not None
            weights = self._big
        self._chunks.append((indptr, sources, weights))
        self._chunk_neurons += len(indptr) - 1
        self._indptr = array("q", [0])
        self._sources = array("q")
        self._small = array("q")
        self._big = None

    def build(self) -> Network:
        """Freeze what was added into a `Network` (the builder can keep being used)."""
        self._flush()
        sdt = np.int32 if self.n_nodes < 2**31 else np.int64
        chunks = self._chunks
        if len(chunks) == 1:
            indptr = chunks[0][0]  # already from 0 (not copied: see add_neurons_csr)
        else:
            indptr = np.zeros(self._chunk_neurons + 1, dtype=np.int64)
            at, base = 1, 0
            for ip, _, _ in chunks:
                m = len(ip) - 1
                np.add(ip[1:], base, out=indptr[at : at + m])
                at, base = at + m, base + int(ip[-1])
        if len(chunks) == 1:
            sources = chunks[0][1].astype(sdt, copy=False)
        else:
            sources = np.concatenate([c[1].astype(sdt, copy=False) for c in chunks] or [[]])
            sources = sources.astype(sdt, copy=False)
        weights: np.ndarray | tuple[Weight, ...]
        if all(isinstance(c[2], np.ndarray) for c in chunks):
            if len(chunks) == 1:
                weights = chunks[0][2]  # type: ignore[assignment]
            else:
                weights = np.concatenate([c[2] for c in chunks] or [np.zeros(0, np.int64)])
                weights = weights.astype(np.int64, copy=False)
        else:
            weights = tuple(
                w for c in chunks for w in (c[2].tolist() if isinstance(c[2], np.ndarray) else c[2])
            )
        return Network(
            self.n_inputs,
            self.input_names,
            indptr,
            sources,
            weights,
            tuple(self._outputs),
            self.name,
        )


def _scan_sources(ip: np.ndarray, src: np.ndarray, first: int) -> tuple[bool, bool]:
    """(every source is an earlier node, no neuron reads a source twice) for the neurons of
    CSR (ip, src) whose first node is `first`; `NetworkBuilder.add_neurons_csr` and
    `Network.check` share it. Works in blocks of about 2^14 edges (little extra memory): per
    block, the smallest source and a running maximum (no per-edge targets), and a sort only
    for the neurons whose sources are not ascending."""
    m = len(ip) - 1
    distinct = True
    j = 0
    while j < m:
        j2 = int(np.searchsorted(ip, ip[j] + (1 << 14), side="right")) - 1
        j2 = min(max(j2, j + 1), m)
        lo, hi = int(ip[j]), int(ip[j2])
        if hi > lo:
            s = src[lo:hi]
            cnt = np.diff(ip[j : j2 + 1])
            full = cnt.nonzero()[0]  # neurons of the block with edges
            starts = ip[j + full] - lo
            # every neuron reads only earlier nodes iff the running maximum of the sources
            # at each neuron's last edge is below that neuron
            top = np.maximum.accumulate(s)[starts + cnt[full] - 1]
            if int(s.min()) < 0 or bool((top >= first + j + full).any()):
                return False, distinct
            if distinct and hi - lo > 1:
                distinct = _distinct_sources(s, starts, cnt[full])
        j = j2
    return True, distinct


def _raise_not_earlier(ip: np.ndarray, src: np.ndarray, first: int, j: int, j2: int) -> None:
    """Raise for the first edge of neurons j..j2-1 whose source is not an earlier node."""
    lo, hi = int(ip[j]), int(ip[j2])
    cnt = np.diff(ip[j : j2 + 1])
    target = np.repeat(np.arange(first + j, first + j2, dtype=np.int64), cnt)
    s = src[lo:hi].astype(np.int64, copy=False)
    e = int(np.flatnonzero((s < 0) | (s >= target))[0])
    raise InvalidNetworkError(
        f"neuron {int(target[e])} reads node {int(s[e])}, which is not an earlier node"
    )


def _distinct_sources(s: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> bool:
    """No neuron reads a source twice; `starts` and `counts` are the edge ranges of the
    neurons with edges, in order and covering `s`. Ascending sources are distinct; only the
    neurons with a descent inside them are sorted."""
    down = (s[1:] <= s[:-1]).nonzero()[0] + 1
    if not len(down):
        return True
    first_edge = np.zeros(len(s), dtype=bool)
    first_edge[starts] = True
    inner = down[~first_edge[down]]
    if not len(inner):
        return True
    bad = np.unique(np.searchsorted(starts, inner, side="right") - 1)
    k = counts[bad]
    offsets = np.cumsum(k) - k
    idx = np.repeat(starts[bad] - offsets, k) + np.arange(int(k.sum()), dtype=np.int64)
    span = int(s.max()) + 1
    keys = np.repeat(np.arange(len(bad), dtype=np.int64), k) * span + s[idx]
    keys.sort()
    return bool(np.all(keys[1:] != keys[:-1]))
