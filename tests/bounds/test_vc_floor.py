"""bounds.vc (Bartlett-Harvey-Liaw-Mehrabian Theorem 7) and bounds.psize_floor (Theorem 5.1's
count) on real networks and n."""

from __future__ import annotations

import gmpy2
import pytest

from tmnet import simulate
from tmnet.benchmarks.constructions import network_profile
from tmnet.bounds import psize_floor as pf
from tmnet.bounds import vc
from tmnet.uniform import lookup_parallel as lp
from tmnet.uniform.truth_table import TruthTable


def test_profile_counts_every_neuron_and_parameter():
    net = lp.parallel_lookup_network(TruthTable.random(8, 0), 4)
    p = network_profile(net)
    s = simulate.sizes(net)
    assert sum(p.units) == s.neurons and p.cumulative[-1] == p.weights == s.edges
    assert p.layers == s.depth and 1 <= p.effective_depth <= p.layers
    assert p.r == sum((i + 1) * k for i, k in enumerate(p.units))


@pytest.mark.parametrize("n", [6, 8, 10, 12])
def test_every_tradeoff_architecture_is_within_the_bound(n):
    """The lookup architectures compute every f on n bits, so the VC bound must reach 2^n; and
    they have at least the parameters the bound demands at their depth."""
    ones = TruthTable(n, (1 << (1 << n)) - 1)
    for r in lp.chains(n)[:5]:
        point = vc.vc_point(n, network_profile(lp.parallel_lookup_network(ones, r)))
        assert point.bound_over_2n >= 1
        assert point.profile.weights >= point.min_weights
        assert point.weights_over_min >= 1


@pytest.mark.parametrize(("n", "layers"), [(8, 3), (12, 20), (16, 50), (20, 30)])
def test_min_weights_is_the_least_w_the_bound_allows(n, layers):
    w = vc.min_weights(n, layers)
    with gmpy2.context(precision=vc.PRECISION):
        assert vc._weak_bound(w, layers) >= 1 << n
        if w > 1:
            assert vc._weak_bound(w - 1, layers) < 1 << n


def test_min_weights_falls_with_depth():
    ws = [vc.min_weights(16, L) for L in (1, 4, 16, 64)]
    assert ws == sorted(ws, reverse=True) and ws[0] > ws[-1]


@pytest.mark.parametrize("n", [4, 8, 12, 16, 20])
def test_psize_floor_is_where_the_count_reaches_half_the_functions(n):
    t = pf.psize_floor(n)
    assert pf.log2_count_upper(n, t) >= (1 << n) - 1
    if t > 1:
        assert pf.log2_count_upper(n, t - 1) < (1 << n) - 1
    # the count's floor is below Shannon's 2^n/n and grows like it
    assert t <= 2**n / n


def test_psize_floor_rejects_bad_n():
    with pytest.raises(ValueError):
        pf.psize_floor(0)
    with pytest.raises(ValueError):
        vc.min_weights(4, 0)
