"""Static facts about a network: depths, sizes (Definition 2.2) and the interval bound analysis.

The bound analysis is what lets the batch simulator use machine integers: it proves, by interval
arithmetic over inputs in {0, 1}, that every product and every partial sum of every pre-activation
fits in a given integer type. Nothing is assumed; a network that cannot be proved safe is
evaluated with exact big numbers instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

import numpy as np

from tmnet.simulate.network import Network, Weight

# Candidate machine types, narrowest first.
INT_DTYPES = (np.int8, np.int16, np.int32, np.int64)


def node_depths(network: Network) -> np.ndarray:
    """Depth of every node: 0 for sources, 1 + the deepest source for a neuron (int64 array)."""

    def compute() -> np.ndarray:
        src = network.sources.tolist()
        ip = network.indptr.tolist()
        depth = [0] * network.first_neuron
        get = depth.__getitem__
        for j in range(network.n_neurons):
            lo, hi = ip[j], ip[j + 1]
            depth.append(1 + max(map(get, src[lo:hi])) if hi > lo else 1)
        return np.asarray(depth, dtype=np.int64)

    return network.memo("depths", compute)  # type: ignore[return-value]


def _bit_lengths(a: np.ndarray) -> np.ndarray:
    """Exact bit lengths of the absolute values of an int64 array."""
    mag = np.abs(a.astype(np.int64)).view(np.uint64)  # abs(-2**63) wraps to 2**63 as uint64
    powers = np.array([1 << k for k in range(64)], dtype=np.uint64)
    return np.searchsorted(powers, mag, side="right").astype(np.int64)


@dataclass(frozen=True)
class Sizes:
    """The sizes tmnet reports for every network (Definition 2.2 and Theorem 6.1).

    depth: the longest path from a source to an output, counted in neurons.
    max_weight_bits: the largest bit length of a numerator |p| or denominator q of a weight.
    p_size: Definition 2.2, sum over edges of ceil(log2(|p|+1)) + ceil(log2(q+1)), p/q reduced.
    description_bits: 8 x the bytes of the network's `.net` file (the T of Lemma 6.3).
    """

    inputs: int
    neurons: int
    edges: int
    depth: int
    max_fan_in: int
    max_weight_bits: int
    p_size: int
    description_bits: int

    def as_dict(self) -> dict[str, int]:
        """The sizes as a plain dict (the keys of `tmnet stats --json`)."""
        return asdict(self)


def weight_bits(network: Network) -> tuple[int, int]:
    """(max_weight_bits, p_size) of Definition 2.2; exact, vectorised for int64 weights."""
    if network.n_edges == 0:
        return 0, 0
    if isinstance(network.weights, np.ndarray):
        bl = _bit_lengths(network.weights)
        # ceil(log2(|p|+1)) == bit_length(|p|); q = 1 contributes ceil(log2 2) = 1 per edge.
        return max(int(bl.max()), 1), int(bl.sum()) + network.n_edges
    best = 0
    total = 0
    for w in network.weights:
        if isinstance(w, Fraction):
            p, q = abs(w.numerator).bit_length(), w.denominator.bit_length()
        else:
            p, q = abs(w).bit_length(), 1
        total += p + q
        best = max(best, p, q)
    return best, total


def description_bits(network: Network) -> int:
    """Length in bits of the network's `.net` description (streamed, never built whole)."""
    from tmnet.simulate.fileformat import iter_lines

    return 8 * sum(len(line.encode("utf-8")) for line in iter_lines(network))


def sizes(network: Network) -> Sizes:
    """All sizes of a network (see `Sizes`), computed exactly."""

    def compute() -> Sizes:
        depths = node_depths(network)
        if network.outputs:
            depth = max(int(depths[node]) for _, node in network.outputs)
        else:
            depth = int(depths.max()) if network.n_neurons else 0
        fan_in = int(np.diff(network.indptr).max()) if network.n_neurons else 0
        mwb, psize = weight_bits(network)
        return Sizes(
            inputs=network.n_inputs,
            neurons=network.n_neurons,
            edges=network.n_edges,
            depth=depth,
            max_fan_in=fan_in,
            max_weight_bits=mwb,
            p_size=psize,
            description_bits=description_bits(network),
        )

    return network.memo("sizes", compute)  # type: ignore[return-value]


@dataclass(frozen=True)
class MinGadgets:
    """The neurons of a network that are Lemma 3.1's clamp: t = relu(a*y - a*r) with
    r = relu(y - c), a > 0 and c > 0. Every node value is >= 0, so val(t) = a * min(val(y), c)
    exactly (y >= c: a*(y - (y - c)) = a*c; y < c: a*y). This is the last two neurons of
    `uniform.gadgets.geq`, so both printers' paper-mode networks are full of it.

    Row i: t = nodes[i], y = sources[i], r = inner[i], c = cap[i], a = scale[i] (exact).
    `bound_analysis` uses it for value bounds that interval arithmetic cannot see ([0, a*c]
    although y may be huge), and `batch.hybrid_plan` evaluates t as a*min(y, c): no big
    subtraction, and r is not computed at all when clamps are its only readers.
    """

    nodes: np.ndarray
    sources: np.ndarray
    inner: np.ndarray
    cap: tuple[Weight, ...]
    scale: tuple[Weight, ...]

    def __len__(self) -> int:
        return len(self.nodes)


def min_gadgets(network: Network) -> MinGadgets:
    """Find every clamp t = relu(a*y - a*relu(y - c)) (see `MinGadgets`), memoised.

    The structure (fan-in 2 twice, r reading exactly the constant 1 and y) is matched with numpy
    over all neurons; the weights of the few matches are then checked exactly.
    """

    def compute() -> MinGadgets:
        n0 = network.first_neuron
        ip = network.indptr.astype(np.int64)
        src = network.sources.astype(np.int64)
        fan = np.zeros(network.n_nodes, dtype=np.int64)
        fan[n0:] = np.diff(ip)
        first = np.zeros(network.n_nodes, dtype=np.int64)  # first edge of every neuron
        first[n0:] = ip[:-1]
        ts = np.flatnonzero(fan == 2)
        e = first[ts]
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for k in (0, 1):  # r is the source of t's edge k, y the source of the other
            r, y = src[e + k], src[e + 1 - k]
            ok = (r >= n0) & (y != 0) & (fan[r] == 2)
            er = np.where(ok, first[r], 0)
            a0, a1 = src[er], src[np.minimum(er + 1, len(src) - 1)]
            ok &= ((a0 == 0) & (a1 == y)) | ((a1 == 0) & (a0 == y))
            hit = np.flatnonzero(ok)
            ry = er[hit] + (a0[hit] != y[hit])  # r's edge from y, and from the constant 1
            found.append((ts[hit], e[hit] + 1 - k, e[hit] + k, ry))
        t, ey, er_t, ry = (np.concatenate(parts) for parts in zip(*found, strict=True))
        rc = 2 * first[src[er_t]] + 1 - ry  # r's other edge: the one from the constant 1
        w = network.weights
        take = (
            (lambda idx: w[idx].tolist())
            if isinstance(w, np.ndarray)
            else (lambda idx: [w[i] for i in idx.tolist()])
        )
        wy, wr, wry, wrc = take(ey), take(er_t), take(ry), take(rc)
        keep, cap, scale = [], [], []
        for i, (a, mr, one, mc) in enumerate(zip(wy, wr, wry, wrc, strict=True)):
            if a > 0 and mr == -a and one == 1 and mc < 0:
                keep.append(i)
                cap.append(-mc)
                scale.append(a)
        sel = np.asarray(keep, dtype=np.int64)
        order = np.argsort(t[sel], kind="stable")
        sel = sel[order]
        return MinGadgets(
            t[sel],
            src[ey[sel]],
            src[er_t[sel]],
            tuple(cap[i] for i in order.tolist()),
            tuple(scale[i] for i in order.tolist()),
        )

    return network.memo("min_gadgets", compute)  # type: ignore[return-value]


@dataclass(frozen=True)
class BoundReport:
    """Interval bounds over all inputs in {0,1} (the proof behind the batch simulator's dtype).

    value_hi[node]: an upper bound on val(node) (every value is >= 0 after relu); for the clamps
    of `min_gadgets` the exact a*min(y, c) bound, which intervals alone cannot see.
    magnitude: max over neurons of sum_e |w_e| * value_hi[source]; it bounds the absolute value
    of every product w*val and every partial sum of every pre-activation, in any order.
    dtype: the narrowest numpy integer type holding every weight and `magnitude`, or None when
    there is none (or a weight is not an integer).
    neuron_magnitude[j]: the same bound for neuron j alone (j = 0 for the first neuron); it lets
    the batch simulator prove int64 safe neuron by neuron when it cannot for the whole network.
    integral[node]: True when val(node) is an integer on every input (integer weights on every
    path from the sources).
    """

    value_hi: tuple[Weight, ...]
    magnitude: Weight
    max_abs_weight: Weight
    integer: bool
    dtype: type | None
    neuron_magnitude: tuple[Weight, ...] = ()
    integral: tuple[bool, ...] = ()

    @property
    def magnitude_bits(self) -> int:
        """Bit length of the ceiling of `magnitude`."""
        m = self.magnitude
        return (-(-m.numerator // m.denominator) if isinstance(m, Fraction) else m).bit_length()


def bound_analysis(network: Network) -> BoundReport:
    """Interval arithmetic over inputs in {0,1}: bounds on every value and partial sum."""

    def compute() -> BoundReport:
        src = network.sources.tolist()
        ip = network.indptr.tolist()
        ws = network.exact_weights()
        n0 = network.first_neuron
        lo_v: list[Weight] = [1] + [0] * network.n_inputs
        hi_v: list[Weight] = [1] + [1] * network.n_inputs
        magnitude: Weight = 0
        mags: list[Weight] = []
        integral = [True] * n0
        clamps = min_gadgets(network)
        clamp = dict(
            zip(
                (clamps.nodes - n0).tolist(),
                zip(clamps.sources.tolist(), clamps.cap, clamps.scale, strict=True),
                strict=True,
            )
        )
        for j in range(network.n_neurons):
            a, b = ip[j], ip[j + 1]
            plo: Weight = 0
            phi: Weight = 0
            mag: Weight = 0
            whole = True
            for e in range(a, b):
                w = ws[e]
                s = src[e]
                whole = whole and integral[s] and not isinstance(w, Fraction)
                if w > 0:
                    t = w * hi_v[s]
                    phi += t
                    plo += w * lo_v[s]
                    mag += t
                else:
                    t = w * hi_v[s]
                    plo += t
                    phi += w * lo_v[s]
                    mag -= t
            lo_v.append(plo if plo > 0 else 0)
            hi_v.append(phi if phi > 0 else 0)
            if j in clamp:  # val = a * min(val(y), c) (`MinGadgets`): tighter than intervals
                y, c, k = clamp[j]
                lo_v[-1] = max(lo_v[-1], k * min(lo_v[y], c))
                hi_v[-1] = min(hi_v[-1], k * min(hi_v[y], c))
                whole = whole or (integral[y] and isinstance(c, int) and isinstance(k, int))
            mags.append(mag)
            integral.append(whole)
            if mag > magnitude:
                magnitude = mag
        assert len(hi_v) == n0 + network.n_neurons
        integer = network.integer_weights
        max_w: Weight = max((abs(w) for w in ws), default=0)
        dtype = None
        if integer:
            need = max(magnitude, max_w, 1)
            for dt in INT_DTYPES:
                if need <= np.iinfo(dt).max:
                    dtype = dt
                    break
        return BoundReport(
            tuple(hi_v), magnitude, max_w, integer, dtype, tuple(mags), tuple(integral)
        )

    return network.memo("bounds", compute)  # type: ignore[return-value]
