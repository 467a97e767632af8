"""Growth fits on synthetic data with known degree and base."""

from __future__ import annotations

import math
import random

import pytest

from tmnet.benchmarks import fit


def test_power_law_recovers_degree() -> None:
    ns = list(range(2, 16))
    ys = [3.0 * n**2.5 for n in ns]
    g = fit.growth("y", ns, ys)
    assert g is not None
    assert g.degree == pytest.approx(2.5, abs=1e-9)
    assert g.poly_r2 == pytest.approx(1.0)
    assert g.better == "polynomial"
    assert g.exp_r2 < 1.0


def test_exponential_recovers_base() -> None:
    ns = list(range(2, 16))
    ys = [5.0 * 1.7**n for n in ns]
    g = fit.growth("y", ns, ys)
    assert g is not None
    assert g.base == pytest.approx(1.7, rel=1e-9)
    assert g.exp_r2 == pytest.approx(1.0)
    assert g.better == "exponential"


def test_sqrt_two_growth_like_the_lookup_neurons() -> None:
    ns = list(range(4, 17))
    ys = [40 * 2 ** (n / 2) + n for n in ns]
    g = fit.growth("neurons", ns, ys)
    assert g is not None and g.better == "exponential"
    assert g.base == pytest.approx(math.sqrt(2), rel=0.03)


def test_noisy_power_law() -> None:
    rng = random.Random(1)
    ns = list(range(3, 30))
    ys = [n**3 * math.exp(rng.gauss(0, 0.05)) for n in ns]
    g = fit.growth("y", ns, ys)
    assert g is not None and g.better == "polynomial"
    assert g.degree == pytest.approx(3.0, abs=0.15)
    assert 0.95 < g.poly_r2 <= 1.0


def test_linear_fit_residuals_and_errors() -> None:
    f = fit.linear_fit([0, 1, 2, 3], [1, 3, 5, 8])
    assert sum(f.residuals) == pytest.approx(0.0, abs=1e-12)
    assert f.slope == pytest.approx(2.3)
    assert f.rss == pytest.approx(sum(r * r for r in f.residuals))
    with pytest.raises(ValueError):
        fit.linear_fit([1], [1])
    with pytest.raises(ValueError):
        fit.linear_fit([1, 1], [1, 2])
    with pytest.raises(ValueError):
        fit.linear_fit([1, 2], [1])


def test_growth_drops_nonpositive_points_and_needs_three() -> None:
    assert fit.growth("y", [1, 2, 3], [0.0, 1.0, 2.0]) is None
    g = fit.growth("y", [1, 2, 3, 4], [0.0, 4.0, 9.0, 16.0])
    assert g is not None and g.points == 3 and g.degree == pytest.approx(2.0)
    assert fit.growth("y", [2, 3, 4], [1.0, 1.0, 1.0]).better == "tie"
