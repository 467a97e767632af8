"""The exact simulator of Theorem 6.1: evaluate a network in topological order, exactly.

The one-input runners of the exact modes (the registry of every mode, and the `simulate` /
`simulate_batch` entry points, are `simulate.modes`):
* "exact" (`run_exact`): gmpy2 integers when every weight is an integer, gmpy2 rationals
  otherwise. When the network is wide enough for numpy to pay off, the same exact values come
  from the batch plan on one input instead: in a machine integer type when `bound_analysis`
  proves one safe, otherwise from the exact object plan (`batch.hybrid_plan`), which skips 0
  sources and adds weights without a product where the source is 1.
* "proof" (`run_proof`): the procedure in the proof of Theorem 6.1, step by step: products
  w*val(y) brought to the common denominator D (the product of all weight denominators),
  summed, relu, and reduced with Euclid's algorithm. Slow and faithful, for teaching and
  checking the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import mul

import gmpy2
import numpy as np

from tmnet.simulate.analysis import bound_analysis, node_depths
from tmnet.simulate.batch import run_hybrid, run_plan
from tmnet.simulate.errors import BadInputError
from tmnet.simulate.network import Network, Weight
from tmnet.simulate.numbers import Value, to_python

_WIDE = 16  # mean neurons per level above which one input runs through the numpy plan
_WIDE_OBJ = 64  # the same for the exact object plan (`batch.hybrid_plan`), dearer per call


@dataclass(frozen=True)
class SimResult:
    """Output values by name (exact ints/Fractions; floats in "float" mode) and, on request,
    the value of every node (index = node number: constant, inputs, neurons)."""

    outputs: dict[str, Value]
    values: tuple[Value, ...] | None = None
    mode: str = "exact"


def parse_bits(network: Network, bits: Sequence[int] | str | np.ndarray) -> list[int]:
    """The input as a list of 0/1 (x1 first); a string is a word like '0110'."""
    if isinstance(bits, str):
        bad = sorted(set(bits) - {"0", "1"})
        if bad:
            raise BadInputError(f"input word {bits!r} has a character other than 0/1: {bad[0]!r}")
        values = [int(c) for c in bits]
    else:
        values = [int(b) for b in np.asarray(bits).ravel().tolist()]
        if any(v not in (0, 1) for v in values):
            raise BadInputError(f"input bits must be 0 or 1, got {values}")
    if len(values) != network.n_inputs:
        raise BadInputError(
            f"input has {len(values)} bits but the network has {network.n_inputs} inputs"
        )
    return values


def _gmpy_weights(network: Network) -> list:
    def compute() -> list:
        if network.integer_weights:
            return [gmpy2.mpz(w) for w in network.exact_weights()]
        return [
            gmpy2.mpq(w.numerator, w.denominator) if isinstance(w, Fraction) else gmpy2.mpq(w)
            for w in network.exact_weights()
        ]

    return network.memo("gmpy_weights", compute)  # type: ignore[return-value]


def _csr_lists(network: Network) -> tuple[list[int], list[int]]:
    return network.memo(  # type: ignore[return-value]
        "csr_lists", lambda: (network.indptr.tolist(), network.sources.tolist())
    )


def _run_gmpy(network: Network, x: list[int]) -> list:
    ws = _gmpy_weights(network)
    ip, src = _csr_lists(network)
    zero = gmpy2.mpz(0) if network.integer_weights else gmpy2.mpq(0)
    vals = [zero + 1] + [zero + b for b in x]
    get = vals.__getitem__
    append = vals.append
    for j in range(network.n_neurons):
        lo, hi = ip[j], ip[j + 1]
        s = sum(map(mul, ws[lo:hi], map(get, src[lo:hi])), zero)
        append(s if s > 0 else zero)
    return vals


def _euclid(a: int, b: int) -> int:
    """gcd by Euclid's algorithm, as in the proof of Theorem 6.1."""
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def _run_proof(network: Network, x: list[int]) -> list[Value]:
    """Theorem 6.1's simulator. Values are pairs (p', q') in lowest terms."""
    ws = network.exact_weights()
    pq = [(w.numerator, w.denominator) if isinstance(w, Fraction) else (w, 1) for w in ws]
    ip, src = _csr_lists(network)
    big_d = 1
    for _, q in pq:
        big_d *= q  # D = prod_e q_e, the common denominator of every product
    vals: list[tuple[int, int]] = [(1, 1)] + [(b, 1) for b in x]
    for j in range(network.n_neurons):
        total = 0
        for e in range(ip[j], ip[j + 1]):
            p_y, q_y = vals[src[e]]
            p_e, q_e = pq[e]
            num, den = p_y * p_e, q_y * q_e  # val(y) * w = p'_y p_e / (q'_y q_e)
            factor, rest = divmod(big_d, den)
            assert rest == 0, "Lemma 6.2 violated: q'_y q_e does not divide D"
            total += num * factor  # amplified to p'' / D
        if total <= 0:
            vals.append((0, 1))
            continue
        g = _euclid(total, big_d)
        vals.append((total // g, big_d // g))
    return [p if q == 1 else Fraction(p, q) for p, q in vals]


def _wide(network: Network, per_level: int = _WIDE) -> bool:
    if network.n_neurons < 256:
        return False
    levels = int(node_depths(network).max())
    return network.n_neurons >= per_level * levels


def run_exact(network: Network, x: list[int], values: bool = False) -> SimResult:
    """Mode "exact" on one input: gmpy2 integers (or rationals); a wide network runs through
    the batch plan on one row instead (int64 when `bound_analysis` proves it safe, else the
    exact object plan), with the same values."""
    names = [nm for nm, _ in network.outputs]
    if not values and _wide(network):
        dtype = bound_analysis(network).dtype
        if dtype is not None:
            row = run_plan(network, np.asarray([x], dtype=np.uint8), dtype)[0].tolist()
            return SimResult(dict(zip(names, row, strict=True)), None, "exact")
        if _wide(network, _WIDE_OBJ):
            row = run_hybrid(network, np.asarray([x], dtype=np.uint8))[0].tolist()
            return SimResult(dict(zip(names, row, strict=True)), None, "exact")
    raw = _run_gmpy(network, x)
    if not values:  # convert only what is returned
        outs = {nm: to_python(raw[node]) for nm, node in network.outputs}
        return SimResult(outs, None, "exact")
    vals = tuple(to_python(v) for v in raw)
    return SimResult({nm: vals[node] for nm, node in network.outputs}, vals, "exact")


def run_proof(network: Network, x: list[int], values: bool = False) -> SimResult:
    """Mode "proof" on one input: Theorem 6.1's procedure step by step (`_run_proof`)."""
    vals = _run_proof(network, x)
    outs = {nm: vals[node] for nm, node in network.outputs}
    return SimResult(outs, tuple(vals) if values else None, "proof")


def format_value(v: Weight | float) -> str:
    """An exact value as decimal text ('3', '-7/2'), of any length (no CPython digit cap)."""
    if isinstance(v, Fraction):
        return f"{format_value(v.numerator)}/{format_value(v.denominator)}"
    if isinstance(v, int) and not -(10**4000) < v < 10**4000:
        return gmpy2.mpz(v).digits(10)
    return str(v)
