"""Choosing T(n): a machine's worst-case step counts and the tightest polynomial bound on them.

`worst_case(machine, n_max)` runs the machine on every word of each length n = 0..n_max with
the batched runner (`run_all`) under a budget above the declared T(n), and keeps per n the
largest step count and the first word (in input-index order) attaining it.

`tightest_bound(points, degree)` answers "which T(n) should I declare?" exactly, in integers.
Among the polynomials p(n) = c_d n^d + ... + c_1 n + c_0 with non-negative integer
coefficients and c_d >= 1 (degree exactly d; non-negative coefficients make p increasing, as a
time bound should be, and keep a finite set of points from buying a small total with a large
negative term) such that p(n) >= s(n) at every measured point (n, s(n)), it returns the
*smallest* one, where smallest means:

1. the least total slack sum_n (p(n) - s(n)) over the measured n (equivalently the least
   sum_n p(n): the bound hugs the measured worst case as closely as possible on average);
2. ties broken by the lexicographically least (c_d, c_{d-1}, ..., c_0), i.e. the one that is
   eventually smallest.

The search is exact: given a feasible candidate with total S, every better p has
s(n) <= p(n) <= S - sum_{m != n} s(m) at every measured n; the k-th finite difference of step h
of the degree-k part left after fixing the higher coefficients bounds c_k to a short integer
range (c_k = Delta_h^k q(0) / (k! h^k)), so the coefficients are enumerated over those ranges,
c_0 being the least that makes p bound every point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from tmnet.machines.batch import TIMEOUT, run_all
from tmnet.machines.encoding import decode_bits, index_to_bits, input_bits
from tmnet.machines.errors import MachineError
from tmnet.machines.model import Machine, Polynomial


@dataclass(frozen=True)
class WorstCase:
    """Length n: the largest step count over every word of length n, a word attaining it,
    and whether some run did not halt within the `budget`."""

    n: int
    steps: int
    word: str
    budget: int
    timed_out: bool
    declared: int  # T(n)

    @property
    def within_declared(self) -> bool:
        return not self.timed_out and self.steps <= self.declared


def default_budget(machine: Machine, n: int) -> int:
    """The step budget `worst_case` measures with: 4 T(n) + 64, so that a too small declared
    bound shows up as a step count above T(n) rather than as a timeout."""
    return 4 * machine.time_bound(n) + 64


def worst_case(
    machine: Machine,
    n_max: int,
    budget: Callable[[int], int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[WorstCase]:
    """Per n = 0..n_max, the worst case over all words of length n (module docstring)."""
    if n_max < 0:
        raise MachineError(f"N must be >= 0, got {n_max}")
    budget = budget or (lambda n: default_budget(machine, n))
    out = []
    for n in range(n_max + 1):
        limit = budget(n)
        res = run_all(machine, n, max_steps=limit)
        steps = res.steps
        i = int(np.argmax(steps))
        word = decode_bits(machine, index_to_bits(i, input_bits(machine, n)))
        out.append(
            WorstCase(
                n=n,
                steps=int(steps[i]),
                word=word if word is not None else "",
                budget=limit,
                timed_out=bool((res.outcomes == TIMEOUT).any()),
                declared=machine.time_bound(n),
            )
        )
        if progress is not None:
            progress(n)
    return out


@dataclass(frozen=True)
class Bound:
    """The suggested bound and its total slack over the measured points."""

    polynomial: Polynomial
    slack: int


def _fd_range(
    ns: Sequence[int], lo: dict[int, Fraction], hi: dict[int, Fraction], k: int
) -> tuple[int, int] | None:
    """Integer range of the leading coefficient c_k of a degree-<=k polynomial q with
    lo[n] <= q(n) <= hi[n] on the measured n: c_k = Delta_h^k q(a) / (k! h^k) over the widest
    equally spaced k + 1 measured points a, a + h, ..., a + k h."""
    a, last = ns[0], ns[-1]
    h = (last - a) // k
    pts = [a + j * h for j in range(k + 1)]
    have = set(ns)
    if h == 0 or any(p not in have for p in pts):
        return None
    dmin = dmax = Fraction(0)
    for j, p in enumerate(pts):
        w = (-1) ** (k - j) * math.comb(k, j)
        dmin += w * (lo[p] if w > 0 else hi[p])
        dmax += w * (hi[p] if w > 0 else lo[p])
    scale = math.factorial(k) * h**k
    return math.ceil(dmin / scale), math.floor(dmax / scale)


def tightest_bound(points: Sequence[tuple[int, int]], degree: int) -> Bound:
    """The smallest polynomial of degree `degree` with non-negative integer coefficients
    bounding every (n, s(n)) in `points` (module docstring: least total slack, then
    lexicographic from the leading coefficient)."""
    if degree < 0:
        raise MachineError(f"the degree must be >= 0, got {degree}")
    pts = sorted(dict(points).items())
    ns = [n for n, _ in pts]
    s = dict(pts)
    if len(ns) < degree + 1 or any(ns[i] != ns[0] + i for i in range(len(ns))):
        raise MachineError(
            f"a degree-{degree} bound needs at least {degree + 1} consecutive lengths measured",
            hint="measure more lengths (a larger -n)",
        )
    total = sum(s.values())

    def c0_for(coeffs: tuple[int, ...]) -> int:  # coeffs = (c_1..c_d)
        need = max(s[n] - sum(c * n ** (k + 1) for k, c in enumerate(coeffs)) for n in ns)
        return max(need, 0)

    def value(c0: int, coeffs: tuple[int, ...]) -> int:
        return sum(c0 + sum(c * n ** (k + 1) for k, c in enumerate(coeffs)) for n in ns)

    if degree == 0:
        c0 = max(s.values())
        return Bound(Polynomial((c0,)), value(c0, ()) - total)
    # a feasible start: c_d = the least that eventually dominates, lower ones 0
    lead = max([1] + [-(-s[n] // n**degree) for n in ns if n > 0])
    start = tuple([0] * (degree - 1) + [lead])
    c0 = c0_for(start)
    best = (value(c0, start), tuple(reversed(start)) + (c0,))
    upper = best[0]
    lo0 = {n: Fraction(s[n]) for n in ns}
    hi0 = {n: Fraction(upper - (total - s[n])) for n in ns}

    def search(k: int, fixed: tuple[int, ...], lo: dict, hi: dict) -> None:
        # fixed = (c_d, ..., c_{k+1}); choose c_k, or c_0 when k == 0
        nonlocal best
        if k == 0:
            coeffs = tuple(reversed(fixed))
            c0 = c0_for(coeffs)
            cand = (value(c0, coeffs), fixed + (c0,))
            if cand < best:
                best = cand
            return
        rng = _fd_range(ns, lo, hi, k)
        if rng is None:
            return
        first, last = rng
        first = max(first, 1 if k == degree else 0)
        for c in range(first, last + 1):
            lo2 = {n: lo[n] - c * n**k for n in ns}
            hi2 = {n: hi[n] - c * n**k for n in ns}
            search(k - 1, fixed + (c,), lo2, hi2)

    search(degree, (), lo0, hi0)
    coeffs = tuple(reversed(best[1]))  # (c_0, ..., c_d)
    return Bound(Polynomial(coeffs), best[0] - total)
