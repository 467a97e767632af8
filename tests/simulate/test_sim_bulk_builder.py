"""`NetworkBuilder.add_neurons_csr`: the bulk API has the semantics of `neuron`."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from sim_strategies import networks

from tmnet.simulate import NetworkBuilder
from tmnet.simulate.errors import InvalidNetworkError


def _one_by_one(n_inputs, rows):
    b = NetworkBuilder(n_inputs)
    for row in rows:
        b.neuron(row)
    b.output(b.n_nodes - 1)
    return b.build()


def _bulk(n_inputs, rows, weights_as_array=True):
    b = NetworkBuilder(n_inputs)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    src = np.array([s for r in rows for s, _ in r], dtype=np.int64)
    ws = [w for r in rows for _, w in r]
    weights = np.array(ws, dtype=np.int64) if weights_as_array else ws
    got = b.add_neurons_csr(indptr, src, weights)
    assert got == range(1 + n_inputs, 1 + n_inputs + len(rows))
    b.output(b.n_nodes - 1)
    return b.build()


def test_bulk_equals_neuron_calls_on_canonical_rows():
    rows = [[(0, -1), (1, 1), (2, 1)], [(1, 2), (3, -1)], [], [(3, 1), (4, 5)]]
    net = _bulk(2, rows)
    assert net == _one_by_one(2, rows)
    net.check()
    assert net.sources.dtype == np.int32 and net.weights.dtype == np.int64


def test_bulk_keeps_the_given_order_of_distinct_sources():
    b = NetworkBuilder(2)
    b.add_neurons_csr([0, 2], [2, 1], np.array([3, -4]))
    b.output(3)
    net = b.build()
    assert net.incoming(3) == [(2, 3), (1, -4)]


def test_bulk_merges_repeats_and_drops_zeros_like_neuron():
    rows = [[(1, 2), (1, -2), (2, 1)], [(2, 0), (0, 1)], [(3, 1), (1, 1), (3, 1)]]
    assert _bulk(2, rows) == _one_by_one(2, rows)


def test_bulk_exact_weights_and_mixing_with_single_neurons():
    big = 2**70
    b = NetworkBuilder(1)
    h1 = b.neuron({1: 1})
    r = b.add_neurons_csr([0, 2, 3], [0, 1, h1], [Fraction(1, 3), big, Fraction(4, 2)])
    h4 = b.neuron({r[1]: -1})
    b.output(h4)
    net = b.build()
    ref = NetworkBuilder(1)
    ref.neuron({1: 1})
    ref.neuron({0: Fraction(1, 3), 1: big})
    ref.neuron({h1: 2})
    ref.neuron({4: -1})
    ref.output(5)
    assert net == ref.build()
    assert net.weight(3) == 2 and isinstance(net.weight(3), int)
    net.check()


def test_bulk_builder_can_keep_being_used():
    b = NetworkBuilder(1)
    b.add_neurons_csr([0, 1], [1], np.array([1]))
    b.output(2)
    first = b.build()
    b.neuron({2: 1})
    second = b.build()
    assert first.n_neurons == 1 and second.n_neurons == 2


@pytest.mark.parametrize(
    ("indptr", "sources", "weights", "match"),
    [
        ([0, 1], [3], [1], "not an earlier node"),
        ([0, 1], [-1], [1], "not an earlier node"),
        ([0, 1, 2], [1, 4], [1, 1], "neuron 4 reads node 4"),
        ([1, 2], [1], [1], "starting at 0"),
        ([0, 2, 1], [1, 1], [1, 1], "non-decreasing"),
        ([0, 2], [1], [1, 1], "1 sources for 2 edges"),
        ([0, 1], [1], [1, 1], "2 weights for 1 edges"),
        ([0, 1], np.array([1.0]), [1], "integers"),
    ],
)
def test_bulk_validation_errors(indptr, sources, weights, match):
    b = NetworkBuilder(2)
    with pytest.raises(InvalidNetworkError, match=match):
        b.add_neurons_csr(indptr, sources, weights)


def test_bulk_refuses_float_weights():
    with pytest.raises(TypeError):
        NetworkBuilder(1).add_neurons_csr([0, 1], [1], [0.5])


@settings(max_examples=60, deadline=None)
@given(networks(big=True))
def test_bulk_round_trips_random_networks(net):
    b = NetworkBuilder(net.n_inputs, net.input_names, name=net.name)
    weights = net.weights if net.fits_int64 else list(net.weights)
    b.add_neurons_csr(net.indptr, net.sources, weights)
    for name, node in net.outputs:
        b.output(node, name)
    assert b.build() == net


@pytest.mark.parametrize("sources", [[1, 1], [2, 1, 2], [1, 2, 1]])
def test_check_finds_a_repeated_source_in_any_order(sources):
    from tmnet.simulate import Network

    k = len(sources)
    net = Network(
        2,
        ("x1", "x2"),
        np.array([0, 1, 1 + k]),
        np.array([1, *sources], dtype=np.int32),
        np.ones(1 + k, dtype=np.int64),
        (("y", 4),),
    )
    with pytest.raises(InvalidNetworkError, match="same source twice"):
        net.check()


def test_check_accepts_distinct_unsorted_sources():
    from tmnet.simulate import Network

    net = Network(
        2, ("a", "b"), np.array([0, 3]), np.array([2, 0, 1]), np.ones(3, np.int64), (("y", 3),)
    )
    net.check()
