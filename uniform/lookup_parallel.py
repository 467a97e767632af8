"""A depth-neuron trade-off for Theorem 4.1's networks (the paper's Section 7, question 3).

Theorem 4.1's network reads its 2^m-bit table T (m = n - floor(n/2)) one bit per step
(Algorithm 1), and forms T by a running sum over the 2^h sub-tables (Algorithm 2), so its depth
is of the order of its size. Here a parameter r = 2^rho (0 <= rho <= m) splits the reading into
r chains read in parallel:

* the m high inputs are split into the low m - rho bits (the position j inside a chunk of
  L = 2^(m - rho) bits) and the top rho bits (the chunk c);
* Algorithm 2 selects, for every chunk c, the L-bit table T^(c) = sum_k [(x1..xh)_2 = k] *
  chunk_c(T_f(k)) (the [X = k] shared by all chunks); each sum is a balanced tree of
  materialised neurons (2^h - 1 per chunk, depth h instead of 2^h);
* Algorithm 1 (`uniform.lookup._read`, unchanged) reads bit j of every T^(c): r chains of L
  steps each, side by side;
* the output is the OR over c of (bit_c AND [top bits = c]), a balanced tree of r - 1 sums.

r = 1 is Theorem 4.1 with a tree instead of a chain in Algorithm 2. As r grows the chains
shorten (depth 2L + 2h + rho + O(1) in compact mode, `predicted_depth`), the neurons grow (r
copies of the selection) and the largest weight falls from 2^m to L bits.
Exact neuron counts (`predicted_neurons`), H(l) = max(l - 1, 0):

    compact: H(h) + H(m - rho) + H(rho) + (2^h - 1) + r (2^h - 1) + r (6L - 3) + [rho > 0](3r - 2)
    paper:   H(h) + H(m - rho) + H(rho) + 9 2^h + 2r 2^h + r (2^h - 1) + r (25L - 3)
             + [rho > 0](20r - 1)

Every neuron has fan-in at most 7 (compact) / 5 (paper), as in Theorem 4.1.
"""

from __future__ import annotations

from tmnet.simulate.network import Network, NetworkBuilder
from tmnet.uniform import gadgets as g
from tmnet.uniform.errors import UniformError
from tmnet.uniform.lookup import (
    OUTPUT_NAME,
    Check,
    _Checks,
    _Equality,
    _horner,
    _horner_count,
    _mode,
    _read,
    _select_term,
    split,
)
from tmnet.uniform.truth_table import TruthTable


def chains(n: int) -> tuple[int, ...]:
    """The allowed r at n: 1, 2, 4, ..., 2^m."""
    _, m = split(n)
    return tuple(1 << rho for rho in range(m + 1))


def _rho(n: int, r: int) -> int:
    if r not in chains(n):
        raise UniformError(
            f"r = {r} chains is not allowed at n = {n}", hint=f"use one of {list(chains(n))}"
        )
    return r.bit_length() - 1


def predicted_neurons(n: int, r: int = 1, gadgets: str = "compact") -> int:
    """The exact neuron count of `parallel_lookup_network` (module docstring)."""
    mode = _mode(gadgets)
    h, m = split(n)
    rho = _rho(n, r)
    length = 1 << (m - rho)
    size = 1 << h
    horner = _horner_count(h) + _horner_count(m - rho) + _horner_count(rho)
    if mode is g.COMPACT:
        body = (size - 1) + r * (size - 1) + r * (6 * length - 3)
        return horner + body + (3 * r - 2 if rho else 0)
    body = 9 * size + 2 * r * size + r * (size - 1) + r * (25 * length - 3)
    return horner + body + (20 * r - 1 if rho else 0)


def _tree_sum(b: NetworkBuilder, forms: list[dict[int, g.Weight]]) -> dict[int, g.Weight]:
    """The sum of non-negative forms as a balanced tree: len - 1 neurons sigma(left + right)."""
    level = forms
    while len(level) > 1:
        nxt = [g.var(g.relu(b, g.add(level[i], level[i + 1]))) for i in range(0, len(level) - 1, 2)]
        level = nxt + ([level[-1]] if len(level) % 2 else [])
    return level[0] if level else {}


def parallel_lookup_network(
    table: TruthTable,
    r: int = 1,
    gadgets: str = "compact",
    *,
    name: str | None = None,
    checks: list[Check] | None = None,
) -> Network:
    """f as Theorem 4.1's network with its reading split into r parallel chains (module
    docstring); `checks` collects the gadgets' preconditions as in `uniform.lookup`."""
    mode = _mode(gadgets)
    n = table.n_bits
    h, m = split(n)
    rho = _rho(n, r)
    length_bits = m - rho
    length = 1 << length_bits
    check = _Checks(checks)
    b = NetworkBuilder(n, name=name or f"lookup-parallel(n={n},r={r},{mode.name})")
    inputs = [b.input(i) for i in range(1, n + 1)]
    x_low = _horner(b, inputs[:h])
    x_pos = _horner(b, inputs[h : h + length_bits])
    x_chunk = _horner(b, inputs[h + length_bits :])
    tables = table.restrict_low(h)
    mask = (1 << length) - 1
    bound = mask  # every chunk table is < 2^L (Fact 3.2's C, independent of f)
    equal = _Equality(b, mode, x_low, len(tables), check)
    selectors = [equal(k) for k in range(len(tables))]
    bits: list[int] = []
    for c in range(r):
        terms: list[dict[int, g.Weight]] = []
        for z, t_k in zip(selectors, tables, strict=True):
            t = (t_k >> (c * length)) & mask
            terms.append(_select_term(b, mode, z, t, bound, check))
        chunk_table = _tree_sum(b, terms)
        bits.append(_read(b, mode, chunk_table, x_pos, length_bits, check))
    if rho == 0:
        out = bits[0]
    else:
        which = _Equality(b, mode, x_chunk, r, check)
        ands: list[dict[int, g.Weight]] = []
        for c, bit in enumerate(bits):
            e = which(c)
            check("bit", e)
            if mode is g.PAPER:
                (e_node,) = e
                ands.append(g.var(g.and_gate(b, [bit, e_node], g.PAPER)))
            else:
                ands.append(g.var(g.relu(b, g.add(g.var(bit), e, g.const(-1)))))
        (out,) = _tree_sum(b, ands)
    b.output(out, OUTPUT_NAME)
    return b.build()


def predicted_depth(n: int, r: int = 1, gadgets: str = "compact") -> int:
    """The depth of `parallel_lookup_network`: a reading chain of L steps costs 2L (compact) or
    4L (paper) layers, plus the Horner chains, the selection trees and the combining tree:
    compact 2L + 2h + 1 + rho + [rho > 0] - [L = 1]; paper 4L + 2h + 13 + rho +
    7 [rho > 0] - [L = 1] (the last step of a chain skips the removal), for n >= 2."""
    mode = _mode(gadgets)
    if n < 2:
        raise UniformError("predicted_depth is stated for n >= 2")
    h, m = split(n)
    rho = _rho(n, r)
    length = 1 << (m - rho)
    if mode is g.COMPACT:
        return 2 * length + 2 * h + 1 + rho + (1 if rho else 0) - (1 if length == 1 else 0)
    return 4 * length + 2 * h + 13 + rho + (7 if rho else 0) - (1 if length == 1 else 0)
