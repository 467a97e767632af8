"""Checks of Lemma 6.2 and Lemma 6.3 on every neuron of a real network, for one input.

Lemma 6.2: the reduced denominator q'_x of val(x) divides the product of the denominators q_e of
the weights on the edges from which a path reaches x (the set conn(x) of the proof).
Lemma 6.3: |val(x)| <= T^T (2^T)^T, T the description length in bits; compared as bit lengths,
since the bound itself has about T^2 bits. The proof gives the sharper T^i (2^T)^i at depth i,
which is reported as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from tmnet.simulate.analysis import node_depths, sizes
from tmnet.simulate.modes import simulate
from tmnet.simulate.network import Network


@dataclass(frozen=True)
class NeuronLemmaCheck:
    """One neuron: its value's denominator and magnitude against the two lemmas' bounds."""

    node: int
    depth: int
    denominator_bits: int
    conn_product_bits: int
    divides: bool  # Lemma 6.2
    value_bits: int  # bit length of ceil(|val(x)|)
    depth_bound_bits: int  # floor(log2(T^i (2^T)^i)) lower estimate, i = depth
    within_bound: bool  # Lemma 6.3


@dataclass(frozen=True)
class LemmaReport:
    """Lemma 6.2 and 6.3 over every neuron, with the largest observed bit lengths."""

    description_bits: int  # T
    value_bound_bits: int  # floor(log2(T^T (2^T)^T)) = T^2 + floor(T log2 T)
    max_value_bits: int
    max_denominator_bits: int
    max_conn_product_bits: int
    lemma_6_2_ok: bool
    lemma_6_3_ok: bool
    neurons: tuple[NeuronLemmaCheck, ...]

    @property
    def ok(self) -> bool:
        return self.lemma_6_2_ok and self.lemma_6_3_ok

    def as_dict(self) -> dict[str, object]:
        """The summary (without the per-neuron list), for JSON output."""
        return {
            "lemma_6_2": self.lemma_6_2_ok,
            "lemma_6_3": self.lemma_6_3_ok,
            "description_bits": self.description_bits,
            "value_bound_bits": self.value_bound_bits,
            "max_value_bits": self.max_value_bits,
            "max_denominator_bits": self.max_denominator_bits,
            "max_conn_product_bits": self.max_conn_product_bits,
        }


def _log_bits(t: int, i: int) -> int:
    """A lower estimate of log2(T^i (2^T)^i) that is exact for the comparison we make:
    if bitlen(ceil|v|) <= this, then |v| < 2^this <= T^i 2^(T i)."""
    if t <= 1:
        return i * t
    return i * t + i * (t.bit_length() - 1)  # floor(log2 T) <= log2 T


def check_lemmas(network: Network, bits: Sequence[int] | str | np.ndarray) -> LemmaReport:
    """Verify Lemma 6.2 and Lemma 6.3 on every neuron for the input `bits`."""
    result = simulate(network, bits, values=True)
    assert result.values is not None
    t = sizes(network).description_bits
    depths = node_depths(network)
    ws = network.exact_weights()
    ip = network.indptr.tolist()
    src = network.sources.tolist()
    n0 = network.first_neuron
    # conn(x) restricted to edges with q_e > 1, as a bitset over those edges
    rational = {e: w.denominator for e, w in enumerate(ws) if isinstance(w, Fraction)}
    conn: list[int] = [0] * n0
    checks = []
    ok2 = ok3 = True
    for j in range(network.n_neurons):
        node = n0 + j
        mask = 0
        for e in range(ip[j], ip[j + 1]):
            mask |= conn[src[e]]
            if e in rational:
                mask |= 1 << e
        conn.append(mask)
        prod = 1
        m = mask
        while m:
            low = m & -m
            prod *= rational[low.bit_length() - 1]
            m ^= low
        v = result.values[node]
        q = v.denominator if isinstance(v, Fraction) else 1
        mag = abs(v)
        ceil_mag = -(-mag.numerator // mag.denominator) if isinstance(mag, Fraction) else mag
        divides = prod % q == 0
        d = int(depths[node])
        vbits = int(ceil_mag).bit_length()
        within = vbits <= _log_bits(t, t)
        ok2 &= divides
        ok3 &= within
        checks.append(
            NeuronLemmaCheck(
                node, d, q.bit_length(), prod.bit_length(), divides, vbits, _log_bits(t, d), within
            )
        )
    return LemmaReport(
        description_bits=t,
        value_bound_bits=_log_bits(t, t) if t > 1 else t,
        max_value_bits=max((c.value_bits for c in checks), default=0),
        max_denominator_bits=max((c.denominator_bits for c in checks), default=0),
        max_conn_product_bits=max((c.conn_product_bits for c in checks), default=0),
        lemma_6_2_ok=ok2,
        lemma_6_3_ok=ok3,
        neurons=tuple(checks),
    )


__all__ = ["LemmaReport", "NeuronLemmaCheck", "check_lemmas"]
