"""Run-time int64 proofs of the exact object plan (batch.run_hybrid) agree with Theorem 6.1's
simulator, including pre-activations whose bound sits just below and just above 2^63."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_strategies import networks, random_network

from tmnet.simulate import NetworkBuilder, all_inputs, bound_analysis, sample_inputs, simulate
from tmnet.simulate.batch import run_hybrid

LIMIT = 2**63 - 1


def _rows(n: int, copies: int) -> np.ndarray:
    return np.tile(all_inputs(n), (copies, 1))


def _agree(net, rows: np.ndarray, stats: dict[str, int] | None = None) -> None:
    got = run_hybrid(net, rows, stats)
    for i, row in enumerate(rows):
        exact = simulate(net, row, mode="proof").outputs
        assert [exact[k] for k, _ in net.outputs] == got[i].tolist()


def _clamp(b: NetworkBuilder, u: int) -> int:
    """relu(u - relu(u - v)) with v = relu(1) = 1: min(u, 1), in {0, 1}, which the static bounds
    cannot see when u is big. (Lemma 3.1's own form, with the constant 1 in place of v, is
    recognised by `min_gadgets` and bounded statically; this one is not, on purpose.)"""
    one = b.neuron({}, bias=1)
    return b.neuron({u: 1, b.neuron({u: 1, one: -1}): -1})


def limit_net(c1: int, c2: int) -> object:
    """y = relu(c1 t1 + c2 t2) with t1, t2 clamped gadget outputs: the run-time bound of y is
    |c1| + |c2| (when both t are 1 somewhere in the batch)."""
    b = NetworkBuilder(2)
    t1 = _clamp(b, b.neuron({1: 2**80}))
    t2 = _clamp(b, b.neuron({2: 2**90}))
    b.output(b.neuron({t1: c1, t2: c2}), "y")
    b.output(t1, "t1")
    return b.build()


@pytest.mark.parametrize(
    ("c1", "c2", "runtime"),
    [
        (2**62, 2**62 - 1, True),  # bound 2^63 - 1: int64, exactly at the limit
        (2**62, 2**62, False),  # bound 2^63: objects (the sum 2^63 does not fit)
        (LIMIT, 0, True),
        (LIMIT, 1, False),
        (LIMIT, -1, False),  # the bound counts |w|: 2^63 although y <= 2^63 - 1
        (2**61, 2**61, True),  # estimate well inside the float margin
    ],
)
def test_just_below_and_above_int64(c1, c2, runtime):
    net = limit_net(c1, c2)
    assert bound_analysis(net).dtype is None
    stats: dict[str, int] = {}
    rows = _rows(2, 4)
    _agree(net, rows, stats)
    assert (stats.get("runtime_int", 0) > 0) == runtime
    got = run_hybrid(net, rows)
    assert max(got[:, 0].tolist()) == max(0, c1 + c2, c1, c2)


def test_one_input_and_small_batches_agree():
    net = limit_net(2**62, 2**62)
    for row in all_inputs(2):
        _agree(net, row[None, :])


def test_gadget_outputs_are_marked_small_and_read_in_int64():
    b = NetworkBuilder(4)
    ts = [_clamp(b, b.neuron({i: 2**100 + i, 0: -(2**99)})) for i in range(1, 5)]
    s = b.neuron({t: 3 for t in ts}, bias=-2)
    b.output(b.neuron({s: 5, ts[0]: -7}), "y")
    net = b.build()
    stats: dict[str, int] = {}
    _agree(net, _rows(4, 1), stats)
    assert stats["marked_small"] >= 4
    assert stats["runtime_int"] >= 2  # s and y: their sources were proved small at run time


@settings(max_examples=40, deadline=None)
@given(networks(big=True, max_inputs=4, max_neurons=10), st.integers(0, 2**31))
def test_runtime_proof_agrees_on_random_networks(net, seed):
    rows = np.concatenate([sample_inputs(net.n_inputs, 16, seed)] * 2)
    _agree(net, rows)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("batch", [1, 3, 8, 32])
def test_random_big_networks_every_batch_size(seed, batch):
    net = random_network(seed, n_inputs=5, n_neurons=60, max_fan_in=4, big_bits=62)
    rows = sample_inputs(5, batch, seed)
    _agree(net, rows)


@pytest.mark.parametrize("copies", [1, 2, 4])
def test_value_one_read_through_minus_one(copies):
    """q in {0, 1, 2} is an object value tagged `== 1` (a weight 5 reads it); y reads it with
    weight -1 in a term whose weights are all +-1: a 1 must be subtracted, not added."""
    b = NetworkBuilder(2)
    u1, u2 = b.neuron({1: 2**80}), b.neuron({2: 2**80})
    q = b.neuron({_clamp(b, u1): 1, _clamp(b, u2): 1})
    b.output(b.neuron({q: 5}, bias=-1), "five")
    b.output(b.neuron({u1: 1, q: -1}), "y")
    net = b.build()
    _agree(net, _rows(2, copies))
