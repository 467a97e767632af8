"""The least integer at which a non-decreasing quantity reaches a target.

Both floors of this package are such searches: `psize_floor` (the least t at which Theorem
5.1's count of networks reaches 2^n - 1 in log2) and `vc.min_weights` (the least W at which
Theorem 7's VC bound reaches 2^n). One search serves both.
"""

from __future__ import annotations

from collections.abc import Callable


def least_reaching(f: Callable[[int], object], target: object) -> int:
    """The least x >= 1 with f(x) >= target, for f non-decreasing in x (f(x) must reach the
    target for some x): doubling until f reaches it, then bisection, O(log x) calls of f."""
    lo, hi = 1, 1
    while f(hi) < target:  # type: ignore[operator]
        lo, hi = hi + 1, 2 * hi
    while lo < hi:  # f(lo - 1) < target <= f(hi)
        mid = (lo + hi) // 2
        if f(mid) >= target:  # type: ignore[operator]
            hi = mid
        else:
            lo = mid + 1
    return lo
