"""Theorem 5.1 (Theorem 2): the counting bound C_t on the number of networks of p-SIZE at most t.

The paper bounds the number C_t of ReLU networks on n inputs whose p-SIZE (Definition 2.2) is at
most t = 2^n/n by a chain of inequalities and concludes that C_t < 2^(2^n), the number of boolean
functions on n bits, for n large enough: some function needs p-SIZE above 2^n/n. This module
evaluates every line of that chain on real n so a student can follow it, checks each step, and
finds the smallest n for which each line proves the theorem.

How each line is evaluated (nothing here uses float64):

* exactly, with big integers (gmpy2 mpz) and Fractions, when t <= ``exact_limit``: the first line
  as printed, the first line with (m+n)^2 possible edges, and the line divided by m!;
* otherwise in log2 with MPFR at ``PRECISION`` bits (lgamma, log, exp are correctly rounded in
  MPFR; a few roundings accumulate, far below the margins this module decides on). A double sum
  over (m, i) is bracketed by max term <= sum <= (number of terms) * max term; the max term is
  found exactly: for fixed m every term is log-concave in i (checked by the ratio of consecutive
  terms, an exact rational for the lines without e), and for the lines without 1/m! the terms grow
  with m, so the max is at m = t. Lines with 1/m! or e^m/m^m are scanned over all m when
  t <= ``scan_limit`` and reported as not evaluated beyond it.

Lines (L-numbers are used in the output and in docs/theorem-5-1.md):

  L0p  2^t sum_{m=1..t} sum_{i=m..t} 2^i C(m+n, i) C(t+2i, 2i)            (as printed)
  L0   the same with C((m+n)^2, i): an edge set is i of the (m+n)^2 possible edges
  L1   L0 with each term divided by m!          (relabelling the m neurons)
  L2   2^t sum sum (2^i e^m / m^m) (e (m+n)^2 / i)^i (e (t+2i) / 2i)^(2i)
  L3   2^t sum sum 2^i e^(m+3i) (m+n)^(2i) / (i^i m^m) * (1 + t/2i)^(2i)   (= L2, algebra)
  L4   (2e)^t sum sum 2^i e^(m+3i) (m+n)^(2i) / (i^i m^m)
  L5   t^2 2^(4t) e^(5t) max_{1<=m<=i<=t} m^(2i-m) i^(-i)
  L6   t^2 2^(4t) e^(5t) max_{1<=m<=t} m^(2t-m) t^(-t)
  L7   t^2 2^(4t) e^(5t) 2^(4t - 2t/ln t) (ln t)^(2t/ln t - 2t) t^(t - 2t/ln t)
  L8   t^2 t^(2 - 2t/ln t) (ln t)^(2t/ln t - 2t) 2^(8t - 2t/ln t) e^(5t)   (as printed)

This module imports nothing else from tmnet: it is mathematics about networks, not their running.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

import gmpy2
from gmpy2 import mpfr, mpz

PRECISION = 256  # bits of MPFR precision for every non-exact evaluation
DEFAULT_EXACT_LIMIT = 400  # t up to this: the sums L0p, L0, L1 as exact big integers
DEFAULT_SCAN_LIMIT = 1_200  # t up to this: lines with 1/m! or e^m/m^m scanned over all m
FULL_SUM_LIMIT = 128  # t up to this: L2, L3, L4 summed term by term in MPFR (no bracket)

LINES: tuple[tuple[str, str], ...] = (
    ("L0p", "2^t ΣΣ 2^i C(m+n,i) C(t+2i,2i)  [first line as printed]"),
    ("L0", "2^t ΣΣ 2^i C((m+n)^2,i) C(t+2i,2i)  [edges chosen among (m+n)^2]"),
    ("L1", "2^t ΣΣ 2^i C((m+n)^2,i) C(t+2i,2i) / m!"),
    ("L2", "2^t ΣΣ (2^i e^m/m^m) (e(m+n)^2/i)^i (e(t+2i)/2i)^(2i)"),
    ("L3", "2^t ΣΣ 2^i e^(m+3i) (m+n)^(2i) / (i^i m^m) · (1+t/2i)^(2i)"),
    ("L4", "(2e)^t ΣΣ 2^i e^(m+3i) (m+n)^(2i) / (i^i m^m)"),
    ("L5", "t^2 2^(4t) e^(5t) max_{m<=i<=t} m^(2i-m) i^(-i)"),
    ("L6", "t^2 2^(4t) e^(5t) max_{m<=t} m^(2t-m) t^(-t)"),
    ("L7", "t^2 2^(4t) e^(5t) 2^(4t-2t/ln t) (ln t)^(2t/ln t-2t) t^(t-2t/ln t)"),
    ("L8", "t^2 t^(2-2t/ln t) (ln t)^(2t/ln t-2t) 2^(8t-2t/ln t) e^(5t)  [as printed]"),
)
LINE_NAMES = tuple(name for name, _ in LINES)

# Which line each line is claimed to be bounded by (the step checked), and how it is claimed.
STEPS: dict[str, tuple[str, str]] = {
    "L0": ("L0p", "printed C(m+n,i) undercounts edge sets; L2 uses (m+n)^2, so L0 is meant"),
    "L1": ("L0", "a new bound, not an inequality: divide by m! for the labellings of the neurons"),
    "L2": ("L1", "m! >= m^m/e^m and C(N,k) <= (eN/k)^k"),
    "L3": ("L2", "algebra (equality)"),
    "L4": ("L3", "(1 + t/2i)^(2i) <= e^t"),
    "L5": ("L4", "t^2 terms; 2^i <= 2^t, e^(m+3i) <= e^(4t), (m+n)^(2i) <= 2^(2t) m^(2i)"),
    "L6": ("L5", "max at i = t"),
    "L7": ("L6", "max at m in (2t/ln t, 4t/ln t)"),
    "L8": ("L7", "substituting t = 2^n/n (as printed)"),
}


def t_of(n: int) -> int:
    """t = floor(2^n / n): p-SIZE is an integer, so p-SIZE <= 2^n/n means p-SIZE <= t."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return (1 << n) // n


@dataclass(frozen=True)
class Log2Bound:
    """log2 of a positive quantity, bracketed: lo <= log2(value) <= hi.

    `exact` holds the value itself when it was computed exactly (an int or a Fraction);
    `method` says how the bracket was obtained; `argmax` is the (m, i) of the largest term of a
    double sum (or the maximising m of a max), when there is one.
    """

    lo: mpfr
    hi: mpfr
    method: str
    exact: int | Fraction | None = None
    argmax: tuple[int, ...] | None = None

    @property
    def mid(self) -> float:
        return float((self.lo + self.hi) / 2)


@dataclass(frozen=True)
class LineValue:
    """One line of the chain at one n: its log2 bracket (None when not evaluated) and verdict."""

    name: str
    formula: str
    bound: Log2Bound | None
    reason: str = ""  # why the line was not evaluated

    def verdict(self, n: int) -> str:
        """'proved' when the line is below 2^(2^n), 'fails' when above, else 'undetermined'."""
        if self.bound is None:
            return "not evaluated"
        two_n = mpfr(1 << n) if n < 1000 else mpfr(2) ** n
        if self.bound.hi < two_n:
            return "proved"
        if self.bound.lo >= two_n:
            return "fails"
        return "undetermined"


@dataclass(frozen=True)
class StepCheck:
    """Whether line `later` >= line `earlier` (the inequality the paper claims), on this n."""

    later: str
    earlier: str
    justification: str
    holds: bool | None  # None: not decidable from the brackets (or a line not evaluated)
    gap_bits: float | None  # log2(later) - log2(earlier), midpoints


@dataclass(frozen=True)
class Chain:
    """Every line of Theorem 5.1's chain at one n, the step checks and the paper's side claims."""

    n: int
    t: int
    lines: tuple[LineValue, ...]
    steps: tuple[StepCheck, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def line(self, name: str) -> LineValue:
        for line in self.lines:
            if line.name == name:
                return line
        raise KeyError(name)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: log2 brackets as decimal strings (exact values as decimal integers)."""
        out: dict[str, object] = {"n": self.n, "t": self.t, "two_to_n": 1 << self.n, "lines": []}
        for line in self.lines:
            entry: dict[str, object] = {"name": line.name, "formula": line.formula}
            if line.bound is None:
                entry["evaluated"] = False
                entry["reason"] = line.reason
            else:
                b = line.bound
                entry.update(
                    evaluated=True,
                    log2_lo=_fmt(b.lo, 6),
                    log2_hi=_fmt(b.hi, 6),
                    method=b.method,
                    verdict=line.verdict(self.n),
                )
                if b.argmax is not None:
                    entry["argmax"] = list(b.argmax)
                if isinstance(b.exact, int):
                    entry["exact"] = str(b.exact)
                elif isinstance(b.exact, Fraction):
                    entry["exact"] = f"{b.exact.numerator}/{b.exact.denominator}"
            out["lines"].append(entry)  # type: ignore[union-attr]
        out["steps"] = [
            {
                "claim": f"{s.earlier} <= {s.later}",
                "justification": s.justification,
                "holds": s.holds,
                "gap_bits": s.gap_bits,
            }
            for s in self.steps
        ]
        out["notes"] = list(self.notes)
        return out


# --------------------------------------------------------------------------------------------
# MPFR helpers (every function below runs inside `_ctx()`)


def _ctx() -> gmpy2.context:
    return gmpy2.context(precision=PRECISION)


def _fmt(x: mpfr, digits: int = 3) -> str:
    if abs(x) < 1e15:
        return f"{float(x):.{digits}f}"
    return f"{gmpy2.mpfr(x):.{digits + 9}e}"  # mpfr formats beyond float's range too


def _log2(x: int | mpfr) -> mpfr:
    return gmpy2.log2(mpfr(x))


def _lgamma2(x: int | mpfr) -> mpfr:
    """log2 Γ(x) for x > 0."""
    return gmpy2.lgamma(mpfr(x))[0] / gmpy2.log(2)


def _lbinom2(big: int, k: int) -> mpfr:
    """log2 C(big, k), 0 <= k <= big."""
    if k == 0 or k == big:
        return mpfr(0)
    return _lgamma2(big + 1) - _lgamma2(k + 1) - _lgamma2(big - k + 1)


def _log2_exact(value: int | Fraction) -> Log2Bound:
    """The log2 bracket of an exact positive value (width set by MPFR precision)."""
    if isinstance(value, Fraction):
        lg = _log2(mpz(value.numerator)) - _log2(mpz(value.denominator))
    else:
        lg = _log2(mpz(value))
    slack = abs(lg) * mpfr(2) ** (-PRECISION + 8) + mpfr(2) ** (-PRECISION + 8)
    return Log2Bound(lg - slack, lg + slack, "exact big integer", exact=value)


def _log2_sum_bracket(maxterm: mpfr, count: int, argmax: tuple[int, ...], how: str) -> Log2Bound:
    return Log2Bound(
        maxterm,
        maxterm + _log2(count),
        f"MPFR-{PRECISION}: max term <= sum <= {count} * max term ({how})",
        argmax=argmax,
    )


# --------------------------------------------------------------------------------------------
# Exact sums (t small)


def exact_first_lines(n: int, t: int) -> tuple[int, int, Fraction]:
    """(L0p, L0, L1) exactly: the first line as printed, with (m+n)^2 edges, and divided by m!.

    Consecutive binomials are updated by exact integer ratios (C(N, i+1) = C(N, i)(N-i)/(i+1),
    C(t+2i+2, 2i+2) = C(t+2i, 2i)(t+2i+1)(t+2i+2)/((2i+1)(2i+2))), so this is O(t^2) big-integer
    multiplications.
    """
    s0p = mpz(0)
    s0 = mpz(0)
    s1_num = mpz(0)  # L1 * t! / 2^t
    t_fact = gmpy2.fac(t)
    for m in range(1, t + 1):
        edges = (m + n) ** 2
        b_edge = gmpy2.comb(edges, m)
        b_edge_p = gmpy2.comb(m + n, m)
        b_bits = gmpy2.comb(t + 2 * m, 2 * m)
        pow2 = mpz(1) << m
        inner = mpz(0)
        inner_p = mpz(0)
        for i in range(m, t + 1):
            common = pow2 * b_bits
            inner += common * b_edge
            inner_p += common * b_edge_p
            b_edge = b_edge * (edges - i) // (i + 1)
            b_edge_p = b_edge_p * max(0, m + n - i) // (i + 1)
            b_bits = b_bits * (t + 2 * i + 1) * (t + 2 * i + 2) // ((2 * i + 1) * (2 * i + 2))
            pow2 <<= 1
        s0 += inner
        s0p += inner_p
        s1_num += inner * (t_fact // gmpy2.fac(m))
    scale = mpz(1) << t
    return int(scale * s0p), int(scale * s0), Fraction(int(scale * s1_num), int(t_fact))


# --------------------------------------------------------------------------------------------
# Log-domain terms of the double sums (base 2), each concave in i for fixed m


def _term_l0(n: int, t: int, m: int, i: int, printed: bool = False) -> mpfr:
    big = m + n if printed else (m + n) ** 2
    if i > big:
        return mpfr("-inf")
    return t + i + _lbinom2(big, i) + _lbinom2(t + 2 * i, 2 * i)


def _term_l1(n: int, t: int, m: int, i: int) -> mpfr:
    return _term_l0(n, t, m, i) - _lgamma2(m + 1)


def _term_l2(n: int, t: int, m: int, i: int) -> mpfr:
    le = _log2(gmpy2.exp(1))
    return (
        t
        + i
        + m * le
        - m * _log2(m)
        + i * (le + 2 * _log2(m + n) - _log2(i))
        + 2 * i * (le + _log2(t + 2 * i) - _log2(2 * i))
    )


def _term_l3(n: int, t: int, m: int, i: int) -> mpfr:
    le = _log2(gmpy2.exp(1))
    return (
        t
        + i
        + (m + 3 * i) * le
        + 2 * i * _log2(m + n)
        - i * _log2(i)
        - m * _log2(m)
        + 2 * i * _log2(1 + mpfr(t) / (2 * i))
    )


def _term_l4(n: int, t: int, m: int, i: int) -> mpfr:
    le = _log2(gmpy2.exp(1))
    return t * (1 + le) + i + (m + 3 * i) * le + 2 * i * _log2(m + n) - i * _log2(i) - m * _log2(m)


def _argmax_concave(f: Callable[[int], mpfr], lo: int, hi: int) -> int:
    """The smallest maximiser of a concave (unimodal) f on the integers lo..hi."""
    while lo < hi:
        mid = (lo + hi) // 2
        if f(mid + 1) > f(mid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def _argmax_i_exact(n: int, t: int, m: int, printed: bool = False) -> int:
    """argmax over i in m..t of 2^i C(N, i) C(t+2i, 2i), by the exact ratio of consecutive terms.

    The ratio r(i) = 2 (N-i)/(i+1) * (t+2i+1)(t+2i+2)/((2i+1)(2i+2)) decreases in i, so the
    terms rise while r(i) > 1 and fall after: binary search on r(i) > 1, in integers.
    """
    big = m + n if printed else (m + n) ** 2
    top = min(t, big)
    if top < m:
        return m

    def rises(i: int) -> bool:
        num = 2 * (big - i) * (t + 2 * i + 1) * (t + 2 * i + 2)
        den = (i + 1) * (2 * i + 1) * (2 * i + 2)
        return num > den

    lo, hi = m, top
    while lo < hi:
        mid = (lo + hi) // 2
        if rises(mid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def _scan_max(
    term: Callable[[int, int, int, int], mpfr],
    n: int,
    t: int,
    ms: range,
    best_i: Callable[[int], int] | None = None,
) -> tuple[mpfr, tuple[int, int]]:
    """The largest term(n, t, m, i) over m in `ms` and its (m, i). For each m, i is
    `best_i(m)` when given (an exact argmax), else found by binary search on the concave
    i -> term(n, t, m, i) over m..t."""
    best = mpfr("-inf")
    where = (0, 0)
    for m in ms:
        if best_i is not None:
            i = best_i(m)
        else:
            i = _argmax_concave(lambda i, m=m: term(n, t, m, i), m, t)
        value = term(n, t, m, i)
        if value > best:
            best, where = value, (m, i)
    return best, where


# --------------------------------------------------------------------------------------------
# The max terms of L5 and L6 (natural-log exponent g(m, i) = (2i - m) ln m - i ln i)


def _g(m: int, i: int) -> mpfr:
    return (2 * i - m) * gmpy2.log(m) - i * gmpy2.log(i)


def l6_argmax(t: int) -> int:
    """The m in 1..t maximising m^(2t-m) t^(-t) ((2t - m) ln m is concave in m)."""
    with _ctx():
        return _argmax_concave(lambda m: (2 * t - m) * gmpy2.log(m), 1, t)


def l5_max(t: int, scan_limit: int = DEFAULT_SCAN_LIMIT) -> tuple[mpfr, tuple[int, int], str]:
    """max_{1<=m<=i<=t} ln(m^(2i-m) i^(-i)), its (m, i), and how it was found.

    For fixed m, g(m, i) is concave in i with real maximiser i = m^2/e. Small t: scan all m.
    Large t: for m >= sqrt(e t) the maximiser is i = t (L6's function); for m < sqrt(e t),
    g(m, i) <= m^2/e - m ln m < t. So when L6's maximum exceeds t it is L5's maximum.
    """
    if t <= scan_limit:
        best = mpfr("-inf")
        where = (0, 0)
        for m in range(1, t + 1):
            i = _argmax_concave(lambda i, m=m: _g(m, i), m, t)
            value = _g(m, i)
            if value > best:
                best, where = value, (m, i)
        return best, where, f"scanned all m (t <= {scan_limit})"
    m0 = math.isqrt(int(gmpy2.ceil(gmpy2.exp(1) * t))) + 1
    m = _argmax_concave(lambda m: _g(m, t), m0, t)
    value = _g(m, t)
    if value > t:
        return value, (m, t), "m >= sqrt(e t): i = t; m < sqrt(e t): below t < this max"
    return value, (m, t), "undetermined"


# --------------------------------------------------------------------------------------------
# The chain


def chain(
    n: int, exact_limit: int = DEFAULT_EXACT_LIMIT, scan_limit: int = DEFAULT_SCAN_LIMIT
) -> Chain:
    """Every line of Theorem 5.1's chain at this n (t = floor(2^n/n)), with step checks."""
    if n < 2:
        raise ValueError("Theorem 5.1's chain needs n >= 2 (t = 2^n/n >= 2)")
    t = t_of(n)
    count = t * (t + 1) // 2  # terms of each double sum
    with _ctx():
        values: dict[str, Log2Bound | None] = {}
        reasons: dict[str, str] = {}
        # L0p, L0, L1
        if t <= exact_limit:
            l0p, l0, l1 = exact_first_lines(n, t)
            values["L0p"] = _log2_exact(l0p)
            values["L0"] = _log2_exact(l0)
            values["L1"] = _log2_exact(l1)
        else:
            for name, printed in (("L0p", True), ("L0", False)):
                i = _argmax_i_exact(n, t, t, printed)
                values[name] = _log2_sum_bracket(
                    _term_l0(n, t, t, i, printed),
                    count,
                    (t, i),
                    "terms grow with m: max at m = t; exact ratio test in i",
                )
            if t <= scan_limit:
                best, where = _scan_max(
                    _term_l1, n, t, range(1, t + 1), lambda m: _argmax_i_exact(n, t, m)
                )
                values["L1"] = _log2_sum_bracket(best, count, where, "all m scanned")
            else:
                values["L1"] = None
                reasons["L1"] = f"t = {t} > scan limit {scan_limit}"
        # L2, L3, L4: scanned over m
        for name, term in (("L2", _term_l2), ("L3", _term_l3), ("L4", _term_l4)):
            if t <= min(FULL_SUM_LIMIT, scan_limit):
                total = mpfr(0)
                for m in range(1, t + 1):
                    for i in range(m, t + 1):
                        total += gmpy2.exp2(term(n, t, m, i))
                lg = _log2(total)
                slack = abs(lg) * mpfr(2) ** (-PRECISION + 24)
                values[name] = Log2Bound(
                    lg - slack, lg + slack, f"MPFR-{PRECISION}: all {count} terms summed"
                )
            elif t <= scan_limit:
                best, where = _scan_max(term, n, t, range(1, t + 1))
                values[name] = _log2_sum_bracket(best, count, where, "all m scanned")
            else:
                values[name] = None
                reasons[name] = f"t = {t} > scan limit {scan_limit}"
        # L5, L6, L7, L8: closed forms
        le = _log2(gmpy2.exp(1))
        ln2 = gmpy2.log(2)
        head = 2 * _log2(t) + 4 * t + 5 * t * le  # log2 of t^2 2^(4t) e^(5t)
        g5, where5, how5 = l5_max(t, scan_limit)
        values["L5"] = (
            None
            if how5 == "undetermined"
            else Log2Bound(
                head + g5 / ln2, head + g5 / ln2, f"MPFR-{PRECISION}: {how5}", None, where5
            )
        )
        if values["L5"] is None:
            reasons["L5"] = "max not located"
        m6 = l6_argmax(t)
        g6 = _g(m6, t)
        values["L6"] = Log2Bound(
            head + g6 / ln2, head + g6 / ln2, f"MPFR-{PRECISION}: concave in m", None, (m6,)
        )
        lnt = gmpy2.log(t)
        l7 = (
            head
            + (4 * t - 2 * t / lnt)
            + (2 * t / lnt - 2 * t) * _log2(lnt)
            + (t - 2 * t / lnt) * _log2(t)
        )
        values["L7"] = Log2Bound(l7, l7, f"MPFR-{PRECISION}: closed form")
        l8 = (
            2 * _log2(t)
            + (2 - 2 * t / lnt) * _log2(t)
            + (2 * t / lnt - 2 * t) * _log2(lnt)
            + (8 * t - 2 * t / lnt)
            + 5 * t * le
        )
        values["L8"] = Log2Bound(l8, l8, f"MPFR-{PRECISION}: closed form")

        lines = tuple(
            LineValue(name, formula, values.get(name), reasons.get(name, ""))
            for name, formula in LINES
        )
        steps = tuple(_step(values, later, earlier, why) for later, (earlier, why) in STEPS.items())
        notes = tuple(_notes(n, t, values, m6, where5))
    return Chain(n, t, lines, steps, notes)


def _step(values: dict[str, Log2Bound | None], later: str, earlier: str, why: str) -> StepCheck:
    a, b = values.get(later), values.get(earlier)
    if a is None or b is None:
        return StepCheck(later, earlier, why, None, None)
    if later == "L1":  # a re-bound of C_t, smaller than L0 by design: report the gap only
        return StepCheck(later, earlier, why, None, float(a.mid - b.mid))
    gap = float(a.mid - b.mid) if later != "L3" else float(a.lo - b.lo)
    if later == "L3":
        # L3 = L2 is an identity between sums; compare the max terms found (same argmax).
        holds = bool(abs(a.lo - b.lo) <= mpfr(2) ** (-PRECISION // 2) * max(1, abs(a.lo)))
        return StepCheck(later, earlier, why, holds, gap)
    if a.lo >= b.hi:
        holds: bool | None = True
    elif a.hi < b.lo:
        holds = False
    else:
        holds = None
    return StepCheck(later, earlier, why, holds, gap)


def _notes(
    n: int, t: int, values: dict[str, Log2Bound | None], m6: int, where5: tuple[int, int]
) -> Iterator[str]:
    """The places where the paper's chain is loose or slips, with this n's numbers."""
    yield (
        "L0p (as printed) chooses the i edges among m+n objects: C(m+n, i) is 0 once i > m+n, "
        "so it undercounts; the next line's (e(m+n)^2/i)^i is the binomial bound for "
        "C((m+n)^2, i), so L0 is the intended first line (also (m+n)^2 >= m(n+1) + m(m-1)/2, "
        "the possible edges of a DAG on m neurons)."
    )
    with _ctx():  # mpfr: t = floor(2^n/n) exceeds the float range from n = 1033 on
        lnt = gmpy2.log(t)
        lo_r, hi_r = 2 * t / lnt, 4 * t / lnt
    inside = lo_r < m6 < hi_r
    yield (
        f"L6: the maximising m is {m6}; the paper places it in (2t/ln t, 4t/ln t) = "
        f"({_fmt(lo_r, 1)}, {_fmt(hi_r, 1)}): {'inside' if inside else 'OUTSIDE'} at t = {t}."
    )
    if where5 != (0, 0):
        yield (
            f"L5: the max of m^(2i-m) i^(-i) over m <= i <= t is at (m, i) = {where5}; "
            f"the paper says i = t: {'yes' if where5[1] == t else 'NO'}."
        )
    # (m+n)^(2i) <= 2^(2i) m^(2i) needs m >= n; it fails term by term for m < n.
    with _ctx():
        le = _log2(gmpy2.exp(1))
        lhs = 1 + (1 + 3 * t) * le + 2 * t * _log2(1 + n) - t * _log2(t)  # L4 term at m=1, i=t
        rhs = 3 * t + 4 * t * le + (2 * t - 1) * _log2(1) - t * _log2(t)  # its L5 stand-in
    yield (
        "L4 -> L5 replaces (m+n)^(2i) by 2^(2i) m^(2i), true only for m >= n: at (m, i) = (1, t) "
        f"the L4 term exceeds its L5 stand-in by {float(lhs - rhs):.1f} bits; the inequality "
        "between the totals survives because the max over m is far larger (see the step check)."
    )
    yield (
        "L7 uses m <= 4t/ln t in the base and m >= 2t/ln t in the exponent, which gives "
        "2^(4t - 4t/ln t); the printed 2^(4t - 2t/ln t) is looser by 2t/ln t = "
        f"{2 * t / lnt:.1f} bits (still an upper bound)."
    )
    l7, l8 = values.get("L7"), values.get("L8")
    if l7 is not None and l8 is not None:
        yield (
            "L8 (as printed) has t^(2 - 2t/ln t) where L7 gives t^(t - 2t/ln t): the factor "
            f"t^(t-2) is dropped, so L8 is {float(l7.lo - l8.lo):.1f} bits below L7 and does not "
            "follow from it. The claimed '= 2^(2^n (1 - log n / n)) o(1)' is asymptotic: at this "
            f"n, log2 L7 - 2^n (1 - log2 n / n) = {float(l7.lo - _one_minus(n)):.1f} bits."
        )


def _one_minus(n: int) -> mpfr:
    with _ctx():
        return mpfr(1 << n) * (1 - _log2(n) / n)


# --------------------------------------------------------------------------------------------
# Sweep over n


@dataclass(frozen=True)
class SweepRow:
    """One n of the sweep: log2 of each line (midpoint, None when not evaluated) and verdicts."""

    n: int
    t: int
    log2: dict[str, float | None]
    verdicts: dict[str, str]


@dataclass(frozen=True)
class Sweep:
    """Lines over a range of n, and the smallest n from which each line proves Theorem 5.1."""

    rows: tuple[SweepRow, ...]
    smallest_n: dict[str, int | None]  # from this n on (to the end of the range): 'proved'
    scan_limit: int = DEFAULT_SCAN_LIMIT

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": [
                {"n": r.n, "t": r.t, "log2": r.log2, "verdicts": r.verdicts} for r in self.rows
            ],
            "smallest_n": self.smallest_n,
        }


def sweep(
    n_values: range,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    scan_limit: int = DEFAULT_SCAN_LIMIT,
    progress: Callable[[int], None] | None = None,
) -> Sweep:
    """`chain(n)` for each n; the smallest n from which each line stays below 2^(2^n)."""
    rows = []
    for n in n_values:
        c = chain(n, exact_limit, scan_limit)
        rows.append(
            SweepRow(
                n,
                c.t,
                {ln.name: (None if ln.bound is None else ln.bound.mid) for ln in c.lines},
                {ln.name: ln.verdict(n) for ln in c.lines},
            )
        )
        if progress is not None:
            progress(n)
    smallest: dict[str, int | None] = {}
    for name in LINE_NAMES:
        first: int | None = None
        for row in rows:
            v = row.verdicts[name]
            if v == "proved":
                if first is None:
                    first = row.n
            elif v != "not evaluated":
                first = None
        smallest[name] = first
    return Sweep(tuple(rows), smallest, scan_limit)
