"""Lemma 6.2 / 6.3 checks on random rational networks; sizes; the networkx bridge."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_strategies import networks, random_network

from tmnet.simulate import (
    NetworkBuilder,
    check_lemmas,
    export_dot,
    export_graphml,
    sample_inputs,
    simulate,
    sizes,
    to_networkx,
)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6))
def test_lemmas_hold_on_random_rational_networks(seed):
    net = random_network(seed, n_inputs=3, n_neurons=12, rational=True)
    for row in sample_inputs(3, 3, seed):
        report = check_lemmas(net, row)
        assert report.ok
        assert len(report.neurons) == net.n_neurons
        vals = simulate(net, row, values=True).values
        for c in report.neurons:
            v = vals[c.node]
            q = v.denominator if isinstance(v, Fraction) else 1
            assert c.denominator_bits == q.bit_length() <= c.conn_product_bits
            assert c.value_bits <= report.value_bound_bits


def test_lemma_6_2_uses_only_edges_that_reach_the_neuron():
    b = NetworkBuilder(1)
    a = b.neuron({1: Fraction(1, 3)})  # val 1/3 at x1 = 1
    c = b.neuron({1: Fraction(1, 5)})  # unrelated denominator 5
    b.output(a, "a")
    b.output(c, "c")
    report = check_lemmas(b.build(), "1")
    first = report.neurons[0]
    assert first.divides and first.denominator_bits == 2 and first.conn_product_bits == 2
    assert report.max_denominator_bits == 3


def test_sizes_hand_computed():
    b = NetworkBuilder(2)
    h = b.neuron({1: 1, 2: Fraction(-3, 4)}, bias=-1)
    h2 = b.neuron({h: 2**40})
    b.output(h2, "y")
    s = sizes(b.build())
    assert (s.inputs, s.neurons, s.edges, s.depth, s.max_fan_in) == (2, 2, 4, 2, 3)
    assert s.max_weight_bits == 41
    assert s.p_size == (1 + 1) + (1 + 1) + (2 + 3) + (41 + 1)


@settings(max_examples=20, deadline=None)
@given(networks())
def test_graphml_round_trip(net):
    import io

    g = to_networkx(net)
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(net, exact_objects=False), buf)
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert set(back.nodes) == set(g.nodes)
    assert {(u, v): Fraction(d["w"]) for u, v, d in back.edges(data=True)} == {
        (u, v): Fraction(d["weight"]) for u, v, d in g.edges(data=True)
    }
    assert g.number_of_edges() == net.n_edges


def test_export_files(tmp_path):
    net = random_network(4, rational=True)
    export_graphml(net, tmp_path / "n.graphml")
    export_dot(net, tmp_path / "n.dot")
    assert nx.read_graphml(tmp_path / "n.graphml").number_of_edges() == net.n_edges
    assert (tmp_path / "n.dot").read_text().count("->") == net.n_edges
