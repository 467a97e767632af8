"""Integer weights for any network on boolean inputs, with proved bounds on every value.

Both routes of `uniform.small_weights` start here. ReLU is positively homogeneous:
relu(c z) = c relu(z) for c > 0, so a neuron may be multiplied by a positive rational and the
factor carried into the weights of its readers. Node y gets a scale s_y > 0 (inputs and the
constant: 1) and the integer value Z_y = s_y val(y). Neuron j's pre-activation, times its own
factor S_j = lcm of the denominators of w_e / s_y divided by the gcd of the numerators, is
P_j = sum_e c_e Z_(y_e) with coprime integer c_e = S_j w_e / s_(y_e) (the bias is the edge from
the constant). Then:

* an ordinary neuron keeps s_j = S_j and Z_j = relu(P_j);
* a neuron whose value is 0 or 1 on every input (proved by `simulate.bound_analysis`: integral
  and value_hi <= 1, or declared by the caller) gets s_j = 1 and Z_j = [P_j >= 1]: relu(P) is
  0 or 1, so P <= 0 or P = 1 (scaled: P_j <= 0 or P_j = S_j >= 1), i.e. one bit.

Bounds come from `simulate.bound_analysis` (interval arithmetic over inputs in {0, 1}, with the
exact bound of Lemma 3.1's clamps), never from sampling: zmax_j = floor(s_j value_hi_j) bounds
Z_j, and p_lo/p_hi bound P_j. Lemma 6.3 (|val| <= T^T 2^(T T)) is the paper's worst case for
the same numbers; the analysis is what is used, and it is never larger.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from tmnet.simulate import ONE, Network, Weight, bound_analysis


@dataclass(frozen=True)
class ScaledNeuron:
    """Neuron j as integer arithmetic: P = bias + sum c * Z(source); see the module docstring."""

    node: int
    terms: tuple[tuple[int, int], ...]  # (source node != ONE, nonzero integer coefficient)
    bias: int
    boolean: bool  # Z = [P >= 1] (one bit) instead of relu(P)
    p_lo: int  # bounds on P over all boolean inputs (proved)
    p_hi: int


@dataclass(frozen=True)
class Scaled:
    """A network's integer form: per node its scale s (Z = s * val) and the bound zmax on Z."""

    network: Network
    scale: tuple[Weight, ...]
    zmax: tuple[int, ...]
    neurons: tuple[ScaledNeuron, ...]

    def width(self, node: int) -> int:
        """Bits of Z(node): bitlen(zmax), 0 for a node that is always 0."""
        return self.zmax[node].bit_length()


def _floor(x: Weight) -> int:
    return x.numerator // x.denominator if isinstance(x, Fraction) else x


def boolean_nodes(network: Network) -> list[bool]:
    """Per node: val is 0 or 1 on every boolean input, proved (integral and value_hi <= 1)."""
    rep = bound_analysis(network)
    n0 = network.first_neuron
    return [
        node < n0 or (node >= n0 and rep.integral[node] and rep.value_hi[node] <= 1)
        for node in range(network.n_nodes)
    ]


def scale_network(network: Network, declared_boolean: Collection[int] = ()) -> Scaled:
    """The integer form of `network` (module docstring); `declared_boolean` are neurons the
    caller declares 0/1-valued (the lowering is then exact only if the declaration is true)."""
    rep = bound_analysis(network)
    proved = boolean_nodes(network)
    n0 = network.first_neuron
    scale: list[Weight] = [1] * n0
    zmax: list[int] = [1] * n0
    neurons: list[ScaledNeuron] = []
    declared = set(declared_boolean)
    for node, edges in network.by_neuron():
        raw = [(y, Fraction(w) / scale[y]) for y, w in edges]
        den = math.lcm(*(r.denominator for _, r in raw)) if raw else 1
        num = math.gcd(*(int(r * den) for _, r in raw)) if raw else 1
        factor = Fraction(den, num)
        coeff = [(y, int(r * factor)) for y, r in raw]
        bias = sum(c for y, c in coeff if y == ONE)
        terms = tuple((y, c) for y, c in coeff if y != ONE)
        lo = bias + sum(c * zmax[y] for y, c in terms if c < 0)
        hi = bias + sum(c * zmax[y] for y, c in terms if c > 0)
        boolean = proved[node] or node in declared
        if boolean:
            scale.append(1)
            zmax.append(1 if hi >= 1 else 0)
        else:
            s = factor.numerator if factor.denominator == 1 else factor
            scale.append(s)
            zmax.append(max(0, min(hi, _floor(factor * rep.value_hi[node]))))
        neurons.append(ScaledNeuron(node, terms, bias, boolean, lo, hi))
    return Scaled(network, tuple(scale), tuple(zmax), tuple(neurons))
