"""The shallow small-weight network: about 2 * 2^(n/2) neurons, every weight in {-1, 0, 1}.

The paper (line 40) contrasts its Theorem 4.1 with the Dancik-style trade: with unbounded fan-in
and weights of one bit, a function of n bits needs only O(2^(n/2)) neurons, but about 2^n
edges. This module builds that network for any truth table, with h = floor(n/2) low inputs
x1..xh and m = n - h high inputs (index i = a + 2^h b, a the low value, b the high value):

* layer 1, n neurons: the complements  x'_j = sigma(1 - x_j);
* layer 2, 2^h neurons, one per minterm a of the low half:
  M_a = sigma(1 - sum_{a_j = 0} x_j - sum_{a_j = 1} x'_j), which is [low = a];
* layer 3, 2^m neurons, one per value b of the high half, summing the minterms where f is 1:
  G_b = sigma(sum_{a : f(a + 2^h b) = 1} M_a - sum_{b_j = 0} x_(h+j) - sum_{b_j = 1} x'_(h+j)),
  which is f(x) when high = b (the subtracted part is 0 and exactly one M_a is 1, or none) and
  0 otherwise (the subtracted part is >= 1 while the sum of the M_a is <= 1);
* the output sigma(sum_b G_b).

Every weight and every bias is -1, 0 or 1 (the complements are what keep the biases at 1:
the textbook minterm sigma(sum +-x_j - (|a| - 1)) has a bias of |a| - 1). Exactly
(`predicted_neurons`, `predicted_edges`):

    neurons = n + 2^h + 2^m + 1,
    edges   = 2n + (h + 1) 2^h + |f^-1(1)| + (m + 1) 2^m,

depth at most 4 (4 unless f ignores the low minterms' complements), maximum fan-in at most
max(h + 1, 2^h + m, 2^m) (unbounded),
p-SIZE = 2 * edges (one bit of numerator and one of denominator per edge).
"""

from __future__ import annotations

from tmnet.simulate.network import ONE, Network, NetworkBuilder
from tmnet.uniform.lookup import split
from tmnet.uniform.truth_table import TruthTable

OUTPUT_NAME = "f"


def predicted_neurons(n: int) -> int:
    """n + 2^h + 2^m + 1 with (h, m) = `lookup.split(n)`."""
    h, m = split(n)
    return n + (1 << h) + (1 << m) + 1


def predicted_edges(table: TruthTable) -> int:
    """2n + (h + 1) 2^h + |f^-1(1)| + (m + 1) 2^m (biases are edges from the constant 1)."""
    n = table.n_bits
    h, m = split(n)
    return 2 * n + (h + 1) * (1 << h) + table.count_ones() + (m + 1) * (1 << m)


def twolayer_network(table: TruthTable, *, name: str | None = None) -> Network:
    """The minterm network of the module docstring, weights in {-1, 0, 1}; one output "f"."""
    n = table.n_bits
    h, m = split(n)
    b = NetworkBuilder(n, name=name or f"twolayer(n={n})")
    xs = [b.input(i) for i in range(1, n + 1)]
    comp = [b.neuron({x: -1}, bias=1) for x in xs]

    def literals_off(value: int, lo: int, width: int) -> dict[int, int]:
        """-1 on x_j where bit j of value is 0 and on x'_j where it is 1 (j in lo..lo+width)."""
        return {(comp if (value >> j) & 1 else xs)[lo + j]: -1 for j in range(width)}

    minterms = [b.neuron({ONE: 1, **literals_off(a, 0, h)}) for a in range(1 << h)]
    rows = table.restrict_low(h)  # rows[a] bit b = f(a + 2^h b)
    columns = []
    for hb in range(1 << m):
        form = {minterms[a]: 1 for a in range(1 << h) if (rows[a] >> hb) & 1}
        form.update(literals_off(hb, h, m))
        columns.append(b.neuron(form))
    b.output(b.neuron({g: 1 for g in columns}), OUTPUT_NAME)
    return b.build()
