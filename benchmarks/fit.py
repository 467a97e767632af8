"""Least-squares growth fits of measured columns: polynomial (log-log) vs exponential (log-linear).

Both models are fitted to log2(y) so their residuals are comparable:

* polynomial  y ~ c * n^d   : log2 y = a + d * log2 n   (d = the fitted degree, slope in log-log)
* exponential y ~ c * b^n   : log2 y = a + s * n        (b = 2^s, the fitted base)

The better model is the one with the smaller residual sum of squares (equivalently, the larger
R^2, since both explain the same log2 y). These are statistics of measured points, so floats are
the right tool here; no figure is fitted to anything but the points passed in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LineFit:
    """y = intercept + slope * x by least squares, with R^2 and the residuals."""

    slope: float
    intercept: float
    r2: float
    rss: float
    residuals: tuple[float, ...]


@dataclass(frozen=True)
class GrowthFit:
    """Both models fitted to one measured column."""

    column: str
    points: int
    degree: float  # polynomial: slope of log2 y against log2 n
    poly_r2: float
    base: float  # exponential: 2^(slope of log2 y against n)
    exp_r2: float
    better: str  # "polynomial", "exponential" or "tie"/"too few points"
    poly_rss: float
    exp_rss: float

    def as_dict(self) -> dict[str, object]:
        return {
            "column": self.column,
            "points": self.points,
            "degree": self.degree,
            "poly_r2": self.poly_r2,
            "base": self.base,
            "exp_r2": self.exp_r2,
            "better": self.better,
            "poly_rss": self.poly_rss,
            "exp_rss": self.exp_rss,
        }


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> LineFit:
    """Ordinary least squares of ys on xs (at least two distinct xs)."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    k = len(xs)
    if k < 2:
        raise ValueError("a line needs at least two points")
    mx = math.fsum(xs) / k
    my = math.fsum(ys) / k
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("all xs are equal")
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = my - slope * mx
    residuals = tuple(y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True))
    rss = math.fsum(r * r for r in residuals)
    tss = math.fsum((y - my) ** 2 for y in ys)
    r2 = 1.0 - rss / tss if tss > 0 else 1.0
    return LineFit(slope, intercept, r2, rss, residuals)


def fit_polynomial(ns: Sequence[float], ys: Sequence[float]) -> LineFit:
    """log2 y against log2 n: the slope is the polynomial degree."""
    return linear_fit([math.log2(n) for n in ns], [math.log2(y) for y in ys])


def fit_exponential(ns: Sequence[float], ys: Sequence[float]) -> LineFit:
    """log2 y against n: 2^slope is the exponential base."""
    return linear_fit(list(map(float, ns)), [math.log2(y) for y in ys])


def growth(column: str, ns: Sequence[float], ys: Sequence[float]) -> GrowthFit | None:
    """Fit both models to the positive points of a column; None with fewer than 3 points.

    Points with y <= 0 (e.g. a time below the clock's resolution) are dropped, not invented.
    """
    pts = [(float(n), float(y)) for n, y in zip(ns, ys, strict=True) if y is not None and y > 0]
    if len({n for n, _ in pts}) < 3 or any(n <= 0 for n, _ in pts):
        return None
    xs = [n for n, _ in pts]
    vs = [y for _, y in pts]
    poly = fit_polynomial(xs, vs)
    expo = fit_exponential(xs, vs)
    if math.isclose(poly.rss, expo.rss, rel_tol=1e-9, abs_tol=1e-12):
        better = "tie"
    else:
        better = "polynomial" if poly.rss < expo.rss else "exponential"
    return GrowthFit(
        column,
        len(pts),
        poly.slope,
        poly.r2,
        2.0**expo.slope,
        expo.r2,
        better,
        poly.rss,
        expo.rss,
    )
