"""The smallest p-SIZE that Theorem 5.1's count leaves possible for most functions on n bits.

Theorem 5.1 counts the networks of p-SIZE at most t: C_t <= L0(t) (line L0 of
`tmnet.bounds.counting`, the first line with edges chosen among the (m+n)^2 pairs). Every
network computes one function, so when L0(t) < 2^(2^n - 1) fewer than half of the 2^(2^n)
functions have p-SIZE <= t. `psize_floor(n)` is the least t at which the upper end of L0's
log2 bracket reaches 2^n - 1: below it, most functions need a larger p-SIZE. It is the
"lower bound" column beside every construction in `tmnet bench --constructions`.
"""

from __future__ import annotations

from gmpy2 import mpfr

from tmnet.bounds.counting import _argmax_i_exact, _ctx, _log2, _term_l0
from tmnet.bounds.search import least_reaching


def log2_count_upper(n: int, t: int) -> mpfr:
    """An upper bound on log2 C_t (networks of p-SIZE <= t on n inputs): the max term of L0's
    double sum (at m = t, i by the exact ratio test) plus log2 of the number of terms."""
    if t < 1:
        raise ValueError("t must be >= 1")
    with _ctx():
        i = _argmax_i_exact(n, t, t)
        return _term_l0(n, t, t, i) + _log2(t * (t + 1) // 2)


def psize_floor(n: int) -> int:
    """The least t with log2_count_upper(n, t) >= 2^n - 1 (`least_reaching`; L0 grows with t)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    return least_reaching(lambda t: log2_count_upper(n, t), (1 << n) - 1)
