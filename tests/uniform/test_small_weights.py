"""uniform.small_weights: both routes agree exactly with the input network (exact simulator) on
every input up to 14 bits and on a sample beyond, every output meets its weight bound, the
shallow route meets depth 3k + 1, and bad input is refused."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from sim_strategies import networks, random_network

from tmnet.benchmarks.small_weights import comparison_network
from tmnet.benchmarks.small_weights import random_network as layered_network
from tmnet.machines import library
from tmnet.simulate import LimitError, all_inputs, sample_inputs, sizes
from tmnet.uniform.adders import column_sum, naf
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.logic import GateList
from tmnet.uniform.lookup import lookup_network
from tmnet.uniform.small_weights import (
    ROUTES,
    LoweringLimits,
    SmallWeightsError,
    agreement,
    max_abs_weight,
    small_weights,
)
from tmnet.uniform.truth_table import TruthTable


def _inputs(n: int, sample: int = 1024):
    return all_inputs(n) if n <= 14 else sample_inputs(n, sample, seed=n)


def _check(net, route: str, sample: int = 1024, declared=()):
    low = small_weights(net, route, declared_boolean=declared)
    assert agreement(net, low, _inputs(net.n_inputs, sample)) == 0
    mx = max_abs_weight(low.network)
    assert mx <= low.weight_bound
    depth = sizes(low.network).depth
    if route == "arithmetic":
        assert low.weight_bound == 1
    elif route == "shallow":
        assert depth <= 3 * low.input_depth + 1
    else:
        assert depth <= max(4 * low.input_depth, 1)
    low.network.check()
    if low.circuit is not None:
        low.circuit.check()  # the invariants of a normalized circuit (uniform.circuit)
        assert low.circuit.normalized
    return low


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("k", [2, 3, 4, 5, 7])
@pytest.mark.parametrize("boolean", [False, True])
def test_comparison_exhaustive(route, k, boolean) -> None:
    net = comparison_network(k, boolean)
    low = _check(net, route)
    (out,) = low.outputs
    assert out.boolean == boolean and out.proved == boolean
    assert len(out.names) == (1 if boolean else k)


@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("k", [16, 32])
def test_comparison_sampled(route, k) -> None:
    net = comparison_network(k, boolean=(k == 16))
    low = _check(net, route, sample=512)
    assert max_abs_weight(net) == 1 << (k - 1)  # the input needs exponential weights
    assert max_abs_weight(low.network) <= (1 if route == "arithmetic" else 64)


@pytest.mark.parametrize("mode", ["paper", "compact"])
@pytest.mark.parametrize("n", [4, 5, 6])
def test_lookup_networks_arithmetic(mode, n) -> None:
    """The lookup output is 0/1, but interval bounds cannot prove it (Algorithm 1's Sum is
    bounded by its step count): undeclared it is lowered to digits, declared to one bit."""
    net = lookup_network(TruthTable.random(n, seed=n), mode)
    low = _check(net, "arithmetic")
    assert not low.outputs[0].proved and len(low.outputs[0].names) > 1
    low = _check(net, "arithmetic", declared=["f"])
    assert low.outputs[0].boolean and low.outputs[0].names == ("f",)


@pytest.mark.parametrize("seed", range(3))
def test_random_layered_big_and_rational(seed) -> None:
    net = layered_network(seed, depth=2, n_inputs=8, weight_bits=64, rational=seed % 2 == 1)
    _check(net, "arithmetic")
    small = layered_network(seed, 2, 8, 8, rational=False, width=2)
    for route in ("shallow", "shallow-sparse"):
        _check(small, route)


def test_shallow_sparse_depth_and_edges() -> None:
    net = layered_network(3, 2, 8, 12, rational=False, width=2)
    fused = _check(net, "shallow")
    sparse = _check(net, "shallow-sparse")
    assert sizes(sparse.network).depth <= 4 * sparse.input_depth
    assert sparse.network.n_edges < fused.network.n_edges


def test_random_depth_three_arithmetic() -> None:
    net = layered_network(7, depth=3, n_inputs=9, weight_bits=40, rational=True, width=2)
    low = _check(net, "arithmetic")
    assert any(o.scale != 1 for o in low.outputs)  # rational values: digits of s * val


@pytest.mark.parametrize("seed", range(6))
def test_sim_strategies_random_networks(seed) -> None:
    net = random_network(seed, n_inputs=5, n_neurons=7, rational=seed % 2 == 0, big_bits=48)
    for route in ROUTES:
        _check(net, route)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(max_inputs=4, max_neurons=6))
def test_hypothesis_networks(net) -> None:
    for route in ROUTES:
        _check(net, route)


def test_cook_levin_stays_small() -> None:
    """Already small weights: the arithmetic route costs at most a small constant factor."""
    for name in ("parity", "palindrome"):
        net = cook_levin(library.load(name), gadgets="compact").network(4)
        low = _check(net, "arithmetic")
        assert low.network.n_neurons <= 4 * net.n_neurons, (name, low.network.n_neurons)


def test_declared_boolean_output() -> None:
    """relu(x1 + x2 - 1) / 2 ... is not provably 0/1 but x1 AND x2 scaled by 3 then 1/3 is."""
    from fractions import Fraction

    from tmnet.simulate import NetworkBuilder

    b = NetworkBuilder(2)
    h = b.neuron({1: 3, 2: 3}, bias=-3)  # 3 * AND, values 0 or 3
    o = b.neuron({h: Fraction(1, 3)})  # AND
    p = b.neuron({1: 1, 2: 1})  # 0, 1 or 2: not boolean
    b.output(o, "and")
    b.output(p, "sum")
    net = b.build()
    low = small_weights(net, "arithmetic", declared_boolean=["and"])
    assert [x.boolean for x in low.outputs] == [True, False]
    assert agreement(net, low, all_inputs(2)) == 0
    with pytest.raises(SmallWeightsError):
        small_weights(net, "arithmetic", declared_boolean=["nope"])


def test_limits_refuse_large_bounds() -> None:
    net = comparison_network(8)
    with pytest.raises(LimitError):
        small_weights(net, "arithmetic", limits=LoweringLimits(max_value_bits=4))
    with pytest.raises(LimitError):
        small_weights(net, "arithmetic", limits=LoweringLimits(max_size=10))
    with pytest.raises(LimitError):
        small_weights(net, "shallow", limits=LoweringLimits(max_size=10))
    with pytest.raises(SmallWeightsError):
        small_weights(net, "nope")


def test_naf_and_column_sum() -> None:
    rng = random.Random(5)
    for _ in range(200):
        c = rng.randrange(1, 1 << 40)
        digits = naf(c)
        assert sum(d << s for s, d in digits) == c
        assert all(b[0] - a[0] >= 2 for a, b in zip(digits, digits[1:], strict=False))
        assert len(digits) <= (c.bit_length() + 2) // 2
    # column sums against integer addition, on every input of 6 bits
    g = GateList(6, [f"x{i}" for i in range(1, 7)])
    xs = [g.input(i) for i in range(1, 7)]
    cols = [[xs[0], xs[1], xs[2], xs[3]], [xs[4], xs[0], xs[5]], [xs[1], xs[2]], [xs[5]]]
    width = 5
    bits = column_sum(g, cols, width)
    c = g.circuit([(f"s{i}", b) for i, b in enumerate(bits)])
    table = all_inputs(6)
    got = c.evaluate_batch(table).astype(np.int64) @ (1 << np.arange(width))
    want = [
        sum(int(row[v - 2]) << j for j, col in enumerate(cols) for v in col) % (1 << width)
        for row in table
    ]
    assert got.tolist() == want
