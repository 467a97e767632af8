"""The float foil's fast path (`float_foil._scalar_rows`, Python floats) against the numpy plan
it optimises (`float_foil.float_plan`): bit for bit, on random networks with huge weights (inf),
rationals (rounding), sums past 2^53, fan-ins that reach every branch of numpy's pairwise sum,
and on the lookup networks where float64 goes wrong; and which path `float_foil` takes."""

from __future__ import annotations

import random
from fractions import Fraction
from functools import reduce
from operator import add

import numpy as np
import pytest
from hypothesis import given, settings
from sim_strategies import networks, random_network

from tmnet.benchmarks.simulate_speed import layered_network
from tmnet.simulate import NetworkBuilder, all_inputs, sample_inputs, simulate, simulate_batch
from tmnet.simulate.float_foil import _pairwise, _scalar_rows, _use_scalar, float_plan
from tmnet.uniform.lookup import lookup_network
from tmnet.uniform.truth_table import TruthTable

WEIGHTS = (1, -1, 2, -3, 2**53 + 1, -(2**53), 2**60 + 3, Fraction(1, 3), Fraction(-7, 10))
HUGE = (2**1100, -(2**1100))  # beyond float range: +-inf, and inf * 0 = nan, inf - inf = nan
FAN_INS = (0, 1, 2, 8, 9, 10, 16, 17, 129, 130, 137, 300)  # numpy's pairwise cases (n-1 vs 8, 128)


def wide_fan_in_network(seed: int, n_inputs: int = 6, n_neurons: int = 30) -> object:
    rng = random.Random(seed)
    b = NetworkBuilder(n_inputs, name=f"fan-{seed}")
    nodes = list(range(1 + n_inputs))
    for _ in range(n_neurons):
        k = min(rng.choice(FAN_INS), len(nodes))
        edges = {}
        for src in rng.sample(nodes, k):
            pool = WEIGHTS + HUGE if rng.random() < 0.05 else WEIGHTS
            edges[src] = rng.choice(pool)
        nodes.append(b.neuron(edges))
    for i, node in enumerate(rng.sample(nodes[1 + n_inputs :], 4)):
        b.output(node, f"y{i}")
    return b.build()


def assert_bit_identical(net, rows: np.ndarray) -> None:
    """The fast path equals the plan bit for bit (NaN payloads, signs, infinities), on the batch
    at once and row by row, outputs and every node's value."""
    for every in (False, True):
        fast = _scalar_rows(net, rows, every)
        assert fast.dtype == np.float64
        assert fast.tobytes() == float_plan(net, rows, every).tobytes()
        for i in range(len(rows)):
            one = float_plan(net, rows[i : i + 1], every)
            assert fast[i : i + 1].tobytes() == one.tobytes()


@pytest.mark.parametrize("seed", range(12))
def test_fast_path_equals_plan_on_wide_fan_ins_inf_and_rounding(seed):
    net = wide_fan_in_network(seed)
    rows = all_inputs(net.n_inputs)
    assert_bit_identical(net, rows)


def test_the_random_networks_reach_inf_nan_and_rounding():
    """The cases above are not vacuous: the plan's values include inf, nan and rounded sums."""
    seen = {"inf": False, "nan": False, "rounded": False}
    for seed in range(12):
        net = wide_fan_in_network(seed)
        vals = float_plan(net, all_inputs(net.n_inputs), True)
        seen["inf"] |= bool(np.isinf(vals).any())
        seen["nan"] |= bool(np.isnan(vals).any())
        finite = vals[np.isfinite(vals)]
        seen["rounded"] |= bool((finite != np.round(finite)).any() and (finite > 2**53).any())
    assert all(seen.values()), seen


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("kind", ["rational", "big"])
def test_fast_path_equals_plan_on_sim_strategies_networks(seed, kind):
    net = random_network(
        seed,
        n_inputs=4,
        n_neurons=40,
        max_fan_in=5,
        rational=kind == "rational",
        big_bits=1200 if kind == "big" else 0,
    )
    assert_bit_identical(net, all_inputs(4))


@settings(max_examples=40, deadline=None)
@given(net=networks(big=True))
def test_fast_path_equals_plan_on_hypothesis_networks(net):
    assert_bit_identical(net, all_inputs(net.n_inputs))


@pytest.mark.parametrize("mode", ["paper", "compact"])
def test_fast_path_equals_plan_on_lookup_networks_where_float_fails(mode):
    """n = 11: weights pass 2^53 and float64 is wrong on many inputs (tests/uniform/
    test_float_foil.py); both paths are wrong the same way, bit for bit."""
    table = TruthTable.random(11, 2024)
    net = lookup_network(table, mode)
    every = all_inputs(11)
    wrong = float_plan(net, every)[:, 0] != table.to_array()
    assert wrong.sum() > 100
    pick = np.concatenate([np.flatnonzero(wrong)[:24], np.flatnonzero(~wrong)[:24]])
    assert_bit_identical(net, every[pick])


def test_pairwise_is_numpys_reduceat_order():
    rng = random.Random(3)
    pool = (1e16, -1e16, 1.0, 3.0, 0.1, 2.0**53, -0.5)
    lens = [1, 2, 7, 8, 9, 10, 16, 17, 20, 128, 129, 130, 137, 256, 300, 1000]
    p = [rng.choice(pool) for _ in range(sum(lens))]
    starts = np.cumsum([0, *lens[:-1]])
    for batch in (1, 3, 64):
        got = np.add.reduceat(np.repeat(np.array(p)[:, None], batch, axis=1), starts, axis=0)
        for k, (lo, n) in enumerate(zip(starts.tolist(), lens, strict=True)):
            want = p[lo] + _pairwise(p, lo + 1, n - 1) if n > 1 else p[lo]
            assert (got[k] == want).all(), (batch, n)
    # the order matters on these values: left-to-right summation differs somewhere
    assert any(
        reduce(add, p[lo : lo + n]) != got[k, 0]
        for k, (lo, n) in enumerate(zip(starts.tolist(), lens, strict=True))
    )


def test_path_choice_and_entry_points():
    narrow = lookup_network(TruthTable.random(10, 1), "paper")  # ~7 neurons per level
    assert _use_scalar(narrow, 1) and not _use_scalar(narrow, 64)
    wide = layered_network(16, 64, 5, 3, seed=0)  # 256 edges per level
    assert not _use_scalar(wide, 1)
    assert_bit_identical(wide, sample_inputs(16, 4, seed=1))
    rows = sample_inputs(10, 8, seed=2)
    batch = simulate_batch(narrow, rows, mode="float")  # the plan (8 rows)
    for i, row in enumerate(rows):
        one = simulate(narrow, row, mode="float")  # the fast path
        assert [one.outputs[k] for k, _ in narrow.outputs] == batch[i].tolist()
