"""The simulator modes of Theorem 6.1 agree with each other and with hand-computed values."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_strategies import networks, random_network

from tmnet.machines.encoding import index_to_bits
from tmnet.simulate import (
    BadInputError,
    NetworkBuilder,
    all_inputs,
    bound_analysis,
    sample_inputs,
    simulate,
    simulate_batch,
)
from tmnet.simulate.errors import UnknownSimModeError
from tmnet.simulate.modes import SIM_MODES, SimMode


def and_or_net():
    b = NetworkBuilder(2)
    s = b.neuron({1: 1, 2: 1})
    b.output(b.neuron({s: 1}, bias=-1), "and")
    ge1 = b.neuron({s: 1})
    b.output(b.neuron({ge1: 1, b.neuron({s: 1}, bias=-1): -1}), "or")
    b.output(b.neuron({1: Fraction(1, 3), 2: Fraction(-1, 2)}, bias=Fraction(1, 2)), "frac")
    return b.build()


def test_hand_values_all_modes():
    net = and_or_net()
    expected = {
        "00": (0, 0, Fraction(1, 2)),
        "10": (0, 1, Fraction(5, 6)),
        "01": (0, 1, 0),
        "11": (1, 1, Fraction(1, 3)),
    }
    for word, (a, o, f) in expected.items():
        for mode in SIM_MODES.entries():
            out = simulate(net, word, mode=mode).outputs
            if mode.exact:
                assert out == {"and": a, "or": o, "frac": f}, mode.name
            else:
                assert out["and"] == float(a) and out["frac"] == pytest.approx(float(f))


def test_values_on_request():
    net = and_or_net()
    res = simulate(net, [1, 1], values=True)
    assert res.values is not None and len(res.values) == net.n_nodes
    assert res.values[:3] == (1, 1, 1) and res.values[3] == 2


def test_all_inputs_matches_machines_encoding():
    for n in range(0, 6):
        rows = all_inputs(n)
        assert rows.shape == (2**n, n) and rows.dtype == np.uint8
        for i in range(2**n):
            assert tuple(rows[i].tolist()) == index_to_bits(i, n)


def test_sample_inputs_distinct_sorted_reproducible():
    a = sample_inputs(10, 50, seed=3)
    assert a.shape == (50, 10) and len(np.unique(a, axis=0)) == 50
    idx = (a.astype(np.int64) << np.arange(10)).sum(axis=1)
    assert np.all(np.diff(idx) > 0)
    assert np.array_equal(a, sample_inputs(10, 50, seed=3))
    assert np.array_equal(sample_inputs(3, 100, seed=0), all_inputs(3))


@pytest.mark.parametrize("bad", ["012", "01", "0a1", [0, 2, 1]])
def test_bad_words(bad):
    net = random_network(1, n_inputs=3)
    with pytest.raises(BadInputError):
        simulate(net, bad)


def test_batch_uses_machine_ints_only_when_proved():
    net = random_network(2, n_inputs=4, n_neurons=30)
    report = bound_analysis(net)
    assert report.dtype is not None
    out = simulate_batch(net, all_inputs(4))
    assert out.dtype == np.int64
    big = random_network(2, n_inputs=4, n_neurons=30, big_bits=80)
    assert bound_analysis(big).dtype is None
    assert simulate_batch(big, all_inputs(4)).dtype == object


def test_float_foil_is_wrong_beyond_2_53():
    b = NetworkBuilder(1)
    h = b.neuron({1: 2**60, 0: 1})
    b.output(b.neuron({h: 1}, bias=-(2**60)), "y")
    net = b.build()
    assert simulate(net, "1").outputs["y"] == 1
    assert simulate_batch(net, all_inputs(1))[1, 0] == 1
    assert simulate_batch(net, all_inputs(1), mode="float")[1, 0] != 1.0


def test_narrowest_dtype_chosen():
    b = NetworkBuilder(1)
    b.output(b.neuron({1: 100}), "y")
    assert bound_analysis(b.build()).dtype is np.int8
    b = NetworkBuilder(1)
    b.output(b.neuron({b.neuron({1: 100}): 2}), "y")  # 200 > 127
    assert bound_analysis(b.build()).dtype is np.int16


def test_wide_network_exact_uses_plan_and_agrees():
    net = random_network(5, n_inputs=6, n_neurons=600, max_fan_in=3)
    rows = sample_inputs(6, 8, seed=1)
    batch = simulate_batch(net, rows)
    for i, row in enumerate(rows):
        exact = simulate(net, row).outputs
        assert [exact[k] for k, _ in net.outputs] == batch[i].tolist()


@settings(max_examples=40, deadline=None)
@given(networks(), st.integers(0, 2**31))
def test_modes_agree_on_random_networks(net, seed):
    rows = sample_inputs(net.n_inputs, 4, seed)
    batch = simulate_batch(net, rows)
    floats = simulate_batch(net, rows, mode="float")
    for i, row in enumerate(rows):
        exact = simulate(net, row, values=True)
        proof = simulate(net, row, mode="proof", values=True)
        assert exact.values == proof.values
        assert [exact.outputs[k] for k, _ in net.outputs] == list(batch[i])
        for k, (name, _) in enumerate(net.outputs):
            assert floats[i, k] == pytest.approx(float(exact.outputs[name]), rel=1e-6, abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_batch_int_path_agrees_with_exact(seed):
    net = random_network(seed, n_inputs=5, n_neurons=40, max_fan_in=4)
    rows = all_inputs(5)
    batch = simulate_batch(net, rows)
    assert batch.dtype == np.int64
    for i in range(0, 32, 5):
        exact = simulate(net, rows[i]).outputs
        assert [exact[k] for k, _ in net.outputs] == batch[i].tolist()


@settings(max_examples=40, deadline=None)
@given(networks(big=True, max_inputs=4, max_neurons=10), st.integers(0, 2**31))
def test_exact_object_plan_agrees_with_exact_on_huge_and_rational_weights(net, seed):
    """The vectorised exact path (batch.hybrid_plan) for networks no dtype is safe for."""
    from tmnet.simulate.batch import run_hybrid

    rows = sample_inputs(net.n_inputs, 8, seed)
    got = run_hybrid(net, rows)
    for i, row in enumerate(rows):
        exact = simulate(net, row).outputs
        assert [exact[k] for k, _ in net.outputs] == got[i].tolist()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kind", [dict(big_bits=100), dict(rational=True, big_bits=300)])
def test_batch_without_safe_dtype_is_vectorised_and_exact(seed, kind):
    net = random_network(seed, n_inputs=5, n_neurons=60, max_fan_in=4, **kind)
    assert bound_analysis(net).dtype is None
    rows = all_inputs(5)
    batch = simulate_batch(net, rows)
    assert batch.dtype == object
    assert "hybrid_plan" in net._memo  # the object plan ran, not the per-input loop
    for i, row in enumerate(rows):
        exact = simulate(net, row, mode="proof").outputs
        assert [exact[k] for k, _ in net.outputs] == batch[i].tolist()


def test_wide_big_weight_network_one_input_uses_object_plan():
    """One input of a wide network with 4096-bit weights goes through the object plan (0/1
    sources skipped or added without a product) and agrees with the gmpy2 loop."""
    from tmnet.simulate.exact import _run_gmpy

    b = NetworkBuilder(6)
    prev = list(range(1, 7))
    rng = np.random.default_rng(3)
    for _ in range(3):
        layer = []
        for _ in range(100):
            srcs = rng.choice(prev, 3, replace=False).tolist()
            u = b.neuron(
                {s: int(rng.choice([-1, 1])) * (2**4095 + int(s)) for s in srcs}, -(2**4000)
            )
            r = b.neuron({u: 1}, bias=-1)
            layer.append(b.neuron({u: 1, r: -1}))
        prev = layer
    for k, node in enumerate(prev[:5]):
        b.output(node, f"y{k}")
    net = b.build()
    for row in sample_inputs(6, 6, seed=2):
        got = simulate(net, row).outputs
        assert "hybrid_plan" in net._memo
        vals = _run_gmpy(net, row.tolist())
        assert [got[k] for k, _ in net.outputs] == [int(vals[node]) for _, node in net.outputs]


@settings(max_examples=30, deadline=None)
@given(networks(), st.integers(0, 2**31))
def test_every_registered_mode_one_input_equals_batch(net, seed):
    """For every mode of the registry, `simulate` row by row equals `simulate_batch` (the float
    foil too: both run `float_foil`), with and without every node's value."""
    rows = sample_inputs(net.n_inputs, 3, seed)
    names = [nm for nm, _ in net.outputs]
    for mode in SIM_MODES.entries():
        batch = simulate_batch(net, rows, mode=mode)
        for i, row in enumerate(rows):
            one = simulate(net, row, mode=mode.name)
            assert [one.outputs[k] for k in names] == list(batch[i]), mode.name
            full = simulate(net, row, mode=mode, values=True)
            assert len(full.values) == net.n_nodes
            assert [full.values[node] for _, node in net.outputs] == list(batch[i]), mode.name
            assert full.mode == mode.name


def test_mode_registry() -> None:
    assert list(SIM_MODES) == ["exact", "proof", "batch", "float"]
    assert all(isinstance(m, SimMode) for m in SIM_MODES.entries())
    assert [m.name for m in SIM_MODES.entries() if not m.exact] == ["float"]
    net = and_or_net()
    for bad in ("exakt", "Float", ""):
        with pytest.raises(UnknownSimModeError, match="unknown simulator mode") as info:
            simulate(net, "00", mode=bad)
        assert "exact, proof, batch, float" in info.value.hint
        with pytest.raises(ValueError):  # the error unknown modes raised before the registry
            simulate_batch(net, all_inputs(2), mode=bad)
