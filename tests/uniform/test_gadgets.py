"""Section 3's gadgets, checked on every value they are specified for, by the exact simulator."""

from fractions import Fraction
from itertools import product

import pytest

from tmnet.simulate import NetworkBuilder, all_inputs, simulate, simulate_batch, sizes
from tmnet.uniform import gadgets as g


def _value_network(values_bits: int, build):
    """A network whose inputs x1..xk encode an integer v = sum x_i 2^(i-1); build(b, form)."""
    b = NetworkBuilder(values_bits)
    form = {b.input(i): 2 ** (i - 1) for i in range(1, values_bits + 1)}
    out = build(b, form)
    node = out if isinstance(out, int) else b.neuron(out)
    b.output(node, "y")
    return b.build()


@pytest.mark.parametrize("c", [0, 1, 3, 7, 8])
def test_lemma_3_1_threshold_on_every_value_of_a_3_bit_integer(c):
    for name, build in [
        ("geq", lambda b, x: g.geq(b, g.add(x, g.const(-3)), c - 3)),
        ("leq", lambda b, x: g.leq(b, x, c)),
        ("eq", lambda b, x: g.eq(b, x, c)),
        ("geq_compact", lambda b, x: g.geq_compact(b, x, c)),
    ]:
        net = _value_network(3, build)
        out = simulate_batch(net, all_inputs(3))[:, 0]
        expected = {
            "geq": [int(v >= c) for v in range(8)],
            "leq": [int(v <= c) for v in range(8)],
            "eq": [int(v == c) for v in range(8)],
            "geq_compact": [int(v >= c) for v in range(8)],
        }[name]
        assert list(out) == expected, name


def test_lemma_3_1_with_a_rational_gap_and_the_paper_neuron_count():
    # x in {0, 1/2, 3/2, 2}: every value below c = 3/2 is at most c' = 1/2.
    b = NetworkBuilder(2)
    x = {b.input(1): Fraction(1, 2), b.input(2): Fraction(3, 2)}
    node = g.geq(b, x, Fraction(3, 2), below=Fraction(1, 2))
    b.output(node)
    net = b.build()
    assert net.n_neurons == 3
    for x1, x2 in product((0, 1), repeat=2):
        v = Fraction(x1, 2) + Fraction(3 * x2, 2)
        assert simulate(net, [x1, x2]).outputs["y1"] == int(v >= Fraction(3, 2))
    with pytest.raises(ValueError):
        g.geq(NetworkBuilder(1), {1: 1}, 2, below=2)


@pytest.mark.parametrize("mode", g.GADGET_MODES)
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_lemma_3_3_gates_on_all_inputs(mode, k):
    for gate, truth in [(g.and_gate, all), (g.or_gate, any)]:
        b = NetworkBuilder(k)
        b.output(gate(b, [b.input(i) for i in range(1, k + 1)], mode))
        net = b.build()
        inputs = all_inputs(k)
        out = simulate_batch(net, inputs)[:, 0]
        assert [int(v) for v in out] == [int(truth(row)) for row in inputs.tolist()]
    b = NetworkBuilder(1)
    b.output(g.not_gate(b, 1))
    assert simulate_batch(b.build(), all_inputs(1))[:, 0].tolist() == [1, 0]


def test_gate_sizes_match_lemma_3_3_and_compact_is_smaller():
    def neurons(gate, mode, k=3):
        b = NetworkBuilder(k)
        b.output(gate(b, [1, 2, 3][:k], mode))
        return sizes(b.build()).neurons

    # paper: s, then [s = k] = three Lemma 3.1 gadgets of 3 neurons; OR: s then [s >= 1].
    assert neurons(g.and_gate, "paper") == 10
    assert neurons(g.or_gate, "paper") == 4
    assert neurons(g.and_gate, "compact") == 1
    assert neurons(g.or_gate, "compact") == 2


@pytest.mark.parametrize("bound", [7, 2**70])
def test_fact_3_2_switch_is_x_when_z_is_1(bound):
    # x = 2*x1 + 3*x2 + 1 (when z = x3 = 1), y = x1 + 4*x2 (when z = 0); both within [0, bound].
    b = NetworkBuilder(3)
    x = {1: 2, 2: 3, 0: 1}
    y = {1: 1, 2: 4}
    b.output(b.neuron(g.switch(b, 3, x, y, bound)))
    net = b.build()
    for x1, x2, z in product((0, 1), repeat=3):
        expected = (2 * x1 + 3 * x2 + 1) if z else (x1 + 4 * x2)
        assert simulate(net, [x1, x2, z]).outputs["y1"] == expected


def test_linear_form_helpers_are_exact():
    assert g.add({1: 1, 0: 2}, {1: -1, 2: Fraction(1, 2)}) == {0: 2, 2: Fraction(1, 2)}
    assert g.scale({1: Fraction(2, 3)}, 3) == {1: 2}
    assert g.const(0) == {} and g.var(4) == {4: 1}
