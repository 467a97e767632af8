"""Theorem 5.1's counting bound: exact values for small t computed a second way."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import gmpy2
import pytest

from tmnet.bounds import counting as c


def plain_sums(n: int, t: int) -> tuple[int, int, Fraction]:
    """The first lines straight from the paper's formula, with math.comb (no recurrences)."""
    l0p = l0 = 0
    l1 = Fraction(0)
    for m in range(1, t + 1):
        for i in range(m, t + 1):
            bits = math.comb(t + 2 * i, 2 * i)
            l0p += 2**i * math.comb(m + n, i) * bits
            term = 2**i * math.comb((m + n) ** 2, i) * bits
            l0 += term
            l1 += Fraction(term, math.factorial(m))
    return 2**t * l0p, 2**t * l0, 2**t * l1


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_exact_first_lines_match_the_formula(n: int) -> None:
    t = c.t_of(n)
    assert c.exact_first_lines(n, t) == plain_sums(n, t)


def test_small_values_by_hand() -> None:
    # n = 2, t = 2: m=1: i=1: 2*C(9,1)*C(4,2) = 108, i=2: 4*C(9,2)*C(6,4) = 2160;
    # m=2: i=2: 4*C(16,2)*C(6,4) = 7200. L0 = 4 * (108 + 2160 + 7200).
    l0p, l0, l1 = c.exact_first_lines(2, 2)
    assert l0 == 4 * (108 + 2160 + 7200)
    # printed: C(3,1)=3, C(3,2)=3, C(4,2)=6 -> 2*3*6 + 4*3*15 + 4*6*15
    assert l0p == 4 * (36 + 180 + 360)
    assert l1 == 4 * (108 + 2160 + Fraction(7200, 2))


@pytest.mark.parametrize(("t", "i"), [(0, 1), (3, 1), (4, 2), (5, 2), (6, 3)])
def test_bit_allocations_are_binomial(t: int, i: int) -> None:
    """C(t+2i, 2i) counts the ways to give 2i numbers at most t bits in total (enumerated)."""
    count = sum(1 for a in itertools.product(range(t + 1), repeat=2 * i) if sum(a) <= t)
    assert count == math.comb(t + 2 * i, 2 * i)


def test_edge_count_bound() -> None:
    """(m+n)^2 covers the possible edges of a DAG on m neurons over n inputs and a constant."""
    for m in range(1, 30):
        for n in range(1, 30):
            assert (m + n) ** 2 >= m * (n + 1) + m * (m - 1) // 2


@pytest.mark.parametrize("n", [3, 5, 6])
def test_argmax_in_i_is_exact(n: int) -> None:
    t = c.t_of(n)
    for m in range(1, t + 1):
        big = (m + n) ** 2
        terms = [2**i * math.comb(big, i) * math.comb(t + 2 * i, 2 * i) for i in range(m, t + 1)]
        assert c._argmax_i_exact(n, t, m) == m + terms.index(max(terms))


def test_l6_argmax_matches_enumeration() -> None:
    for t in (2, 5, 17, 100, 341):
        best = max(range(1, t + 1), key=lambda m: (gmpy2.mpz(m) ** (2 * t - m), -m))
        assert c.l6_argmax(t) == best


def contains(bound: c.Log2Bound, value: int | Fraction) -> bool:
    with gmpy2.context(precision=c.PRECISION):
        if isinstance(value, Fraction):
            lg = gmpy2.log2(gmpy2.mpfr(value.numerator)) - gmpy2.log2(gmpy2.mpfr(value.denominator))
        else:
            lg = gmpy2.log2(gmpy2.mpfr(value))
        return bound.lo <= lg <= bound.hi


@pytest.mark.parametrize("n", [4, 6, 7])
def test_brackets_contain_the_exact_values(n: int) -> None:
    t = c.t_of(n)
    l0p, l0, l1 = plain_sums(n, t)
    exact = c.chain(n)
    bracketed = c.chain(n, exact_limit=0)  # forces max-term brackets and the m-scan
    for name, value in (("L0p", l0p), ("L0", l0), ("L1", l1)):
        assert exact.line(name).bound.exact == value
        assert contains(exact.line(name).bound, value)
        b = bracketed.line(name).bound
        assert b.exact is None and contains(b, value)


@pytest.mark.parametrize("n", [3, 4, 5, 6, 8, 10])
def test_the_valid_steps_hold_on_real_n(n: int) -> None:
    ch = c.chain(n)
    steps = {s.later: s for s in ch.steps}
    assert steps["L0"].holds is True  # the printed line undercounts
    assert steps["L2"].holds is True
    assert steps["L3"].holds is True  # identity
    assert steps["L5"].holds is True  # survives although it fails term by term
    assert steps["L6"].holds is True
    # L7 assumes the maximising m lies in (2t/ln t, 4t/ln t); at t = 2 (n = 3) it does not,
    # and L7 is below L6 there.
    assert steps["L7"].holds is (n > 3)
    # the printed last line drops t^(t-2) (a factor 1 only at t = 2)
    assert steps["L8"].holds is (c.t_of(n) == 2)
    # L2 > L1 by exact value vs full MPFR sum at t <= FULL_SUM_LIMIT
    assert ch.line("L2").bound.lo > ch.line("L1").bound.hi


def test_sweep_finds_the_smallest_n() -> None:
    sw = c.sweep(range(2, 80), exact_limit=60, scan_limit=110)
    assert sw.smallest_n["L0p"] == 6
    assert sw.smallest_n["L1"] == 9
    assert sw.smallest_n["L5"] == 19
    assert sw.smallest_n["L6"] == 19
    assert sw.smallest_n["L7"] == 28
    assert sw.smallest_n["L0"] == 74
    row = {r.n: r for r in sw.rows}
    assert row[73].verdicts["L0"] == "fails" and row[74].verdicts["L0"] == "proved"
    assert row[27].verdicts["L7"] == "fails"


def test_chain_json_and_t() -> None:
    assert [c.t_of(n) for n in (1, 2, 3, 10)] == [2, 2, 2, 102]
    d = c.chain(5).as_dict()
    assert d["t"] == 6 and d["two_to_n"] == 32
    assert [ln["name"] for ln in d["lines"]] == list(c.LINE_NAMES)
    with pytest.raises(ValueError):
        c.chain(1)
