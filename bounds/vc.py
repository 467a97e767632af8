"""VC-dimension upper bounds for ReLU networks, and the weights they force at a given depth.

Bartlett, Harvey, Liaw and Mehrabian, "Nearly-tight VC-dimension and pseudodimension bounds for
piecewise linear neural networks", JMLR 20(63):1-17, 2019, Theorem 7 (their refined upper
bound; the abstract's O(W L log W)): for an architecture with W parameters (weights and
biases), L layers, k_i computation units in layer i, piecewise-polynomial activations of at
most p pieces and degree at most d,

    VCdim(sgn F) <= L + Lbar W log2(4 e p R log2(2 e p R)),
    R = sum_i k_i (1 + (i - 1) d^(i-1)),   Lbar = (1/W) sum_i W_i,

W_i the parameters of the units in layers 1..i ("effective depth" Lbar <= L). For ReLU d = 1,
so R = sum_i i k_i <= U L. We take p = 2 (the ReLU's two pieces); if the theorem counts
breakpoints (p = 1) the bound is smaller, so p = 2 is the safe reading.

What it says here. An architecture (a graph, weights free) that computes every f on n bits
shatters all 2^n inputs, so its VC dimension is at least 2^n and the bound must reach 2^n.
Our lookup networks are such architectures: the graph depends on n only (the table enters as
weights; `architecture_network` prints the all-ones table, whose graph contains every other's).
`profile` reads W, L, k_i and W_i off a network's per-neuron depths and parameter counts
(layer of a neuron = its depth, the longest path from an input; sgn of the output - 1/2 is the
classifier, the same parameters; this package imports no network code, so the caller passes
`simulate.node_depths` and the fan-ins), `bhlm_bound`
evaluates the theorem, and `min_weights(n, L)` is the least W for which the weaker form
L + L W log2(4 e p R log2(2 e p R)) with R = W L (every unit has a parameter, so U <= W) reaches
2^n: no depth-L architecture with fewer parameters computes every function on n bits.
Evaluated in MPFR at 128 bits; nothing here is float64 until printed.
"""

from __future__ import annotations

from dataclasses import dataclass

import gmpy2
import numpy as np
from gmpy2 import mpfr

from tmnet.bounds.search import least_reaching

PIECES = 2  # p: the ReLU's pieces (the safe reading, see the module docstring)
PRECISION = 128
CITATION = (
    "Bartlett, Harvey, Liaw, Mehrabian, Nearly-tight VC-dimension and pseudodimension bounds "
    "for piecewise linear neural networks, JMLR 20(63), 2019, Theorem 7"
)


@dataclass(frozen=True)
class Profile:
    """W parameters (edges, biases included), L layers, k_i units and W_i cumulative
    parameters per layer i = 1..L."""

    weights: int
    layers: int
    units: tuple[int, ...]
    cumulative: tuple[int, ...]

    @property
    def effective_depth(self) -> mpfr:
        """Lbar = (1/W) sum_i W_i."""
        with gmpy2.context(precision=PRECISION):
            return mpfr(sum(self.cumulative)) / self.weights if self.weights else mpfr(0)

    @property
    def r(self) -> int:
        """R = sum_i k_i (1 + (i - 1) d^(i-1)) with d = 1: sum_i i k_i."""
        return sum((i + 1) * k for i, k in enumerate(self.units))


def profile(depths: np.ndarray, params: np.ndarray) -> Profile:
    """The `Profile` of a network whose neuron j has depth depths[j] >= 1 and params[j]
    parameters (its incoming edges, the bias included); neurons are layered by depth."""
    depth = np.asarray(depths, dtype=np.int64)
    per = np.asarray(params, dtype=np.int64)
    layers = int(depth.max()) if len(depth) else 0
    units = np.bincount(depth, minlength=layers + 1)[1:]
    params = np.bincount(depth, weights=per, minlength=layers + 1)[1:].astype(np.int64)
    return Profile(
        int(per.sum()),
        layers,
        tuple(int(k) for k in units),
        tuple(int(w) for w in np.cumsum(params)),
    )


def _log2(x: mpfr) -> mpfr:
    return gmpy2.log2(x)


def _theorem7(weights: int, layers: int, lbar: mpfr, r: int) -> mpfr:
    e = gmpy2.exp(1)
    inner = 2 * e * PIECES * r
    return layers + lbar * weights * _log2(4 * e * PIECES * r * _log2(inner))


def bhlm_bound(p: Profile) -> mpfr:
    """Theorem 7's upper bound on the VC dimension of the architecture of profile p."""
    with gmpy2.context(precision=PRECISION):
        return _theorem7(p.weights, p.layers, p.effective_depth, p.r)


def _weak_bound(weights: int, layers: int) -> mpfr:
    """Theorem 7 with Lbar <= L and R <= U L <= W L: a function of W and L alone."""
    return _theorem7(weights, layers, mpfr(layers), max(weights * layers, 1))


def min_weights(n: int, layers: int) -> int:
    """The least W for which the W, L form of Theorem 7 reaches 2^n: every depth-`layers`
    architecture computing all functions on n bits has at least this many parameters."""
    if layers < 1:
        raise ValueError("layers must be >= 1")
    target = mpfr(1 << n)
    with gmpy2.context(precision=PRECISION):
        return least_reaching(lambda w: _weak_bound(w, layers), target)


@dataclass(frozen=True)
class VCPoint:
    """One architecture against the bound: its profile, Theorem 7's bound, log2 of its
    ratio to the 2^n it must reach, and W over the least W the bound allows at its depth."""

    n: int
    profile: Profile
    bound: float
    bound_over_2n: float
    min_weights: int
    weights_over_min: float


def vc_point(n: int, p: Profile) -> VCPoint:
    """Where an architecture of profile p (one that computes every f on n bits) stands
    against Theorem 7."""
    b = bhlm_bound(p)
    w_min = min_weights(n, max(p.layers, 1))
    with gmpy2.context(precision=PRECISION):
        ratio = b / mpfr(1 << n)
    return VCPoint(n, p, float(b), float(ratio), w_min, p.weights / w_min)
