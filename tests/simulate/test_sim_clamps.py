"""Lemma 3.1's clamp t = relu(a*y - a*relu(y - c)) = a*min(y, c): recognised by
`min_gadgets`, bounded by `bound_analysis`, computed as a min by the exact object plan, and
always agreeing with Theorem 6.1's simulator."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmnet.simulate import (
    NetworkBuilder,
    all_inputs,
    bound_analysis,
    min_gadgets,
    simulate,
    simulate_batch,
)
from tmnet.simulate.batch import run_hybrid


def _clamp(b: NetworkBuilder, y: int, c, a=1, flip_t: bool = False, flip_r: bool = False):
    """(t, r) of a clamp, with the edges of t and of r in either order."""
    r_edges = [(0, -c), (y, 1)]
    r = b.neuron(r_edges[::-1] if flip_r else r_edges)
    t_edges = [(y, a), (r, -a)]
    return b.neuron(t_edges[::-1] if flip_t else t_edges), r


def _proof_values(net, row) -> tuple:
    return simulate(net, row, mode="proof", values=True).values


def test_the_clamp_is_found_in_either_edge_order_with_its_cap_and_scale():
    b = NetworkBuilder(2)
    u = b.neuron({1: 2**200, 2: 3}, bias=-5)
    t1, r1 = _clamp(b, u, 1)
    t2, r2 = _clamp(b, u, Fraction(7, 2), a=Fraction(2, 3), flip_t=True, flip_r=True)
    t3, r3 = _clamp(b, 1, 2**100, a=2**90)  # y may be an input
    for t in (t1, t2, t3):
        b.output(t, f"t{t}")
    net = b.build()
    g = min_gadgets(net)
    assert g.nodes.tolist() == [t1, t2, t3]
    assert g.sources.tolist() == [u, u, 1]
    assert g.inner.tolist() == [r1, r2, r3]
    assert g.cap == (1, Fraction(7, 2), 2**100)
    assert g.scale == (1, Fraction(2, 3), 2**90)


@pytest.mark.parametrize(
    "build",
    [
        lambda b, y: b.neuron({y: -1, b.neuron({y: 1}, bias=-1): 1}),  # a < 0: always 0
        lambda b, y: b.neuron({y: 2, b.neuron({y: 1}, bias=-1): -1}),  # a and -a differ
        lambda b, y: b.neuron({y: 1, b.neuron({y: 2}, bias=-1): -1}),  # r reads 2y
        lambda b, y: b.neuron({y: 1, b.neuron({y: 1}, bias=1): -1}),  # c < 0
        lambda b, y: b.neuron({y: 1, b.neuron({y: 1, 2: 1}, bias=-1): -1}),  # r reads more
        lambda b, y: b.neuron({y: 1, b.neuron({2: 1}, bias=-1): -1}),  # r reads another node
        lambda b, y: b.neuron({y: 1, b.neuron({y: 1}, bias=-1): -1}, bias=1),  # t has a bias
    ],
)
def test_near_misses_are_not_clamps(build):
    b = NetworkBuilder(2)
    y = b.neuron({1: 5, 2: -3}, bias=1)
    b.output(build(b, y), "t")
    assert len(min_gadgets(b.build())) == 0


def test_static_bound_of_a_clamp_of_a_huge_value():
    b = NetworkBuilder(1)
    u = b.neuron({1: 2**4096})
    t, _ = _clamp(b, u, 3, a=5)
    b.output(t, "t")
    rep = bound_analysis(b.build())
    assert rep.value_hi[u] == 2**4096
    assert rep.value_hi[t] == 15  # 5 * min(2^4096, 3); intervals alone give 5 * 2^4096


def test_inner_neurons_read_by_clamps_alone_are_skipped_others_are_computed():
    b = NetworkBuilder(2)
    u = b.neuron({1: 2**300, 2: -(2**299)}, bias=-1)
    v = b.neuron({2: 2**310}, bias=-(2**5))
    t1, _ = _clamp(b, u, 1)  # its r: read by t1 alone, skipped
    t2, r2 = _clamp(b, v, 2**400)  # its r is an output too: computed
    t3, r3 = _clamp(b, v, 1)  # its r is also read by an ordinary neuron: computed
    s = b.neuron({t1: 3, t2: 1, r3: 1})
    for node, nm in ((t1, "t1"), (r2, "r2"), (s, "s"), (t3, "t3")):
        b.output(node, nm)
    net = b.build()
    rows = np.tile(all_inputs(2), (3, 1))
    stats: dict[str, int] = {}
    got = run_hybrid(net, rows, stats)
    assert stats["clamp"] == 3 and stats["clamp_inner_skipped"] == 1
    for i, row in enumerate(rows):
        want = simulate(net, row, mode="proof").outputs
        assert got[i].tolist() == [want[nm] for nm, _ in net.outputs]
    # one input at a time takes the same plan (the path of `simulate` on wide networks)
    for row in all_inputs(2):
        assert run_hybrid(net, row[None, :])[0].tolist() == got[int(row @ [1, 2])].tolist()


_CAPS = st.one_of(
    st.integers(1, 5),
    st.integers(1, 2**200),
    st.fractions(min_value=Fraction(1, 9), max_value=9, max_denominator=9),
)
_SCALES = st.one_of(
    st.integers(1, 4),
    st.integers(2**62, 2**64),
    st.fractions(min_value=Fraction(1, 9), max_value=9, max_denominator=9),
)
_WEIGHTS = st.one_of(
    st.integers(-4, 4).filter(bool),
    st.integers(-(2**300), 2**300).filter(bool),
    st.fractions(min_value=-9, max_value=9, max_denominator=5).filter(bool),
)


@st.composite
def clamp_networks(draw: st.DrawFn):
    """Random layers of ordinary neurons (small, huge or rational weights) with clamps of any
    node in between, whose inner neurons are sometimes read elsewhere or are outputs."""
    n = draw(st.integers(1, 3))
    b = NetworkBuilder(n)
    nodes = list(range(1, n + 1))
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            y = draw(st.sampled_from(nodes))
            flips = draw(st.tuples(st.booleans(), st.booleans()))
            t, r = _clamp(b, y, draw(_CAPS), draw(_SCALES), *flips)
            nodes.append(t)
            if draw(st.booleans()):
                nodes.append(r)
        else:
            srcs = draw(st.lists(st.sampled_from([0, *nodes]), min_size=1, max_size=3, unique=True))
            nodes.append(b.neuron({s: draw(_WEIGHTS) for s in srcs}))
    outs = draw(st.lists(st.sampled_from(nodes[n:] or nodes), min_size=1, max_size=3, unique=True))
    for k, node in enumerate(outs):
        b.output(node, f"y{k}")
    return b.build()


@settings(max_examples=120, deadline=None)
@given(clamp_networks())
def test_clamps_are_sound_and_the_object_plan_agrees_with_theorem_6_1(net):
    rows = all_inputs(net.n_inputs)
    g = min_gadgets(net)
    hi = bound_analysis(net).value_hi
    want = []
    for row in rows:
        vals = _proof_values(net, row)
        for t, y, c, a in zip(g.nodes.tolist(), g.sources.tolist(), g.cap, g.scale, strict=True):
            assert vals[t] == a * min(vals[y], c)
        assert all(v <= h for v, h in zip(vals, hi, strict=True))
        want.append([vals[node] for _, node in net.outputs])
    assert run_hybrid(net, rows).tolist() == want
    assert simulate_batch(net, rows).tolist() == want
    for row, w in zip(rows, want, strict=True):
        assert run_hybrid(net, row[None, :])[0].tolist() == w
