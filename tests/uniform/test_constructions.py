"""Every construction of issue 12 against its truth table, by the exact simulator, and every
size formula against the printed networks: Lupanov (uniform.lupanov), the two-layer network
(uniform.twolayer), the parallel lookup (uniform.lookup_parallel) and the registry."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tmnet import machines, simulate
from tmnet.uniform import constructions as cons
from tmnet.uniform import lookup_parallel as lp
from tmnet.uniform import lupanov, twolayer
from tmnet.uniform.gadgets import GADGET_MODES
from tmnet.uniform.truth_table import TruthTable


def _outputs(net, inputs):
    return [int(v) for v in simulate.simulate_batch(net, inputs, mode="batch")[:, 0]]


def _variants(n: int, every_r: bool = True):
    """(name, gadgets, chains) for every construction, every gadget mode, and every r at n (or
    the two ends r = 1 and r = 2^m)."""
    for name, c in cons.CONSTRUCTIONS.items():
        modes = GADGET_MODES if c.uses_gadgets else ("compact",)
        rs = lp.chains(n) if every_r else (1, lp.chains(n)[-1])
        for mode in modes:
            for r in rs if c.uses_chains else (None,):
                yield name, mode, r


def _check(table: TruthTable, inputs: np.ndarray, name: str, mode: str, r) -> None:
    net = cons.build(name, table, mode, r)
    idx = (inputs.astype(np.int64) << np.arange(table.n_bits)).sum(axis=1)
    assert _outputs(net, inputs) == [table.bit(int(i)) for i in idx], (name, mode, r)
    assert net.n_neurons == cons.construction(name).neurons(table, mode, r), (name, mode, r)


@pytest.mark.parametrize("name", sorted(cons.CONSTRUCTIONS))
@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_every_construction_on_every_function_of_up_to_3_bits(n, name):
    inputs = simulate.all_inputs(n)
    for value in range(1 << (1 << n)):
        table = TruthTable(n, value)
        for cname, mode, r in _variants(n, every_r=n < 3 or value % 8 == 0):
            # n = 3: every construction on every function, the gadget modes taking turns
            if cname == name and (
                n < 3 or value % 8 == 0 or mode == GADGET_MODES[value % 2] or name == "twolayer"
            ):
                _check(table, inputs, cname, mode, r)


@pytest.mark.parametrize("n", [4, 6, 9])
def test_random_functions_on_every_input(n):
    table = TruthTable.random(n, 100 + n)
    inputs = simulate.all_inputs(n)
    for name, mode, r in _variants(n):
        if r is None or r in (1, 4, lp.chains(n)[-1]):  # every r is covered at n <= 3
            _check(table, inputs, name, mode, r)


# n = 11..14 on every input: the constructions with small weights (Theorem 4.1's own network
# is checked on every input up to n = 12 in test_lookup.py; its parallel form at r = 2^m here)
LARGE = [
    (11, "lupanov", "paper", None),
    (11, "lookup", "compact", None),
    (11, "lookup-parallel", "paper", 64),
    (13, "lupanov", "compact", None),
    (14, "twolayer", "compact", None),  # about 2^13 edges in layer 3
    (12, "lookup-parallel", "compact", 64),
]


@pytest.mark.parametrize(("n", "name", "mode", "r"), LARGE)
def test_random_functions_on_every_input_large(n, name, mode, r):
    _check(TruthTable.random(n, 100 + n), simulate.all_inputs(n), name, mode, r)


@pytest.mark.parametrize("name", sorted(machines.library.names()))
def test_every_library_machine_table(name):
    m = machines.library.resolve(name)
    n = max(k for k in range(1, 8) if machines.encoding.input_bits(m, k) <= 8)
    table = TruthTable.from_machine(m, n, on_timeout="reject")
    inputs = simulate.all_inputs(table.n_bits)
    for cname, mode, r in _variants(table.n_bits):
        _check(table, inputs, cname, mode, r)


# ------------------------------------------------------------------------------ Lupanov
@pytest.mark.parametrize("n", range(0, 17))
def test_lupanov_gate_count_is_exact_and_within_the_worst_case(n):
    p = lupanov.choose(n)
    for seed in range(2):
        table = TruthTable.random(n, seed)
        c = lupanov.lupanov_circuit(table)
        s = c.sizes()
        ands, ors, nots = lupanov.gate_kinds(table, p)
        assert (s.and_gates, s.or_gates, s.not_gates) == (ands, ors, nots)
        assert s.gates == lupanov.gate_count(table, p) <= lupanov.worst_gate_count(p)
        assert s.max_fan_in <= 2
        if n <= 12:
            assert c.truth_table() == table.value


def test_lupanov_worst_case_is_reached_and_chosen_parameters_minimise_it():
    n = 8
    p = lupanov.choose(n)
    # parity: every column pattern is nonzero and the patterns are as many as possible
    table = TruthTable.from_predicate(lambda x: sum(x) % 2, n)
    assert lupanov.gate_count(table, p) <= lupanov.worst_gate_count(p)
    best = lupanov.worst_gate_count(p)
    for k in range(2, n - 1):
        for s in range(1, (1 << k) + 1):
            assert lupanov.worst_gate_count(lupanov.LupanovParams(n, k, s)) >= best


def test_lupanov_is_order_2n_over_n():
    """Gates / (2^n/n) falls with n (the o(1) of Lupanov's bound at work) and is below 3 at 20."""
    ratios = [lupanov.worst_gate_count(lupanov.choose(n)) / (2**n / n) for n in (8, 12, 16, 20)]
    assert ratios == sorted(ratios, reverse=True)
    assert ratios[-1] < 3
    # and below Jukna's Theorem 1.15 budget at the same parameters
    for n in range(4, 21):
        p = lupanov.choose(n)
        assert lupanov.worst_gate_count(p) < lupanov.jukna_budget(p)


@pytest.mark.parametrize("mode", GADGET_MODES)
def test_lupanov_fan_in_is_a_constant_in_both_modes(mode):
    fan = {
        n: simulate.sizes(lupanov.lupanov_network(TruthTable.random(n, n), mode)).max_fan_in
        for n in range(2, 15)
    }
    assert max(fan.values()) <= 3, fan  # two inputs and the bias


def test_lupanov_rejects_bad_parameters():
    with pytest.raises(lupanov.UniformError):
        lupanov.lupanov_circuit(TruthTable.random(5, 0), lupanov.LupanovParams(5, 2, 9))
    with pytest.raises(lupanov.UniformError):
        lupanov.lupanov_circuit(TruthTable.random(5, 0), lupanov.LupanovParams(6, 2, 2))


# ------------------------------------------------------------------------------ two-layer
@pytest.mark.parametrize("n", [0, 1, 2, 5, 8, 11])
def test_twolayer_weights_sizes_and_depth(n):
    table = TruthTable.random(n, 7)
    net = twolayer.twolayer_network(table)
    assert set(net.exact_weights()) <= {-1, 0, 1}
    s = simulate.sizes(net)
    assert s.neurons == twolayer.predicted_neurons(n)
    assert s.edges == twolayer.predicted_edges(table)
    assert s.max_weight_bits == 1 and s.p_size == 2 * s.edges
    if n >= 2:
        assert s.depth <= 4 and (s.depth == 4 or n < 5)
        h, m = n // 2, n - n // 2
        assert s.max_fan_in <= max(h + 1, (1 << h) + m, 1 << m)


def test_twolayer_edges_are_about_2_to_the_n():
    """|f^-1(1)| edges in the third layer: half of 2^n for a random f."""
    table = TruthTable.random(14, 3)
    e = twolayer.predicted_edges(table)
    assert 2**13 < e < 2**15


# ------------------------------------------------------------------------------ trade-off
@pytest.mark.parametrize("mode", GADGET_MODES)
@pytest.mark.parametrize("n", [*range(2, 11), 12])
def test_parallel_lookup_depth_and_neurons_are_the_formulas(n, mode):
    table = TruthTable.random(n, n)
    depths = []
    for r in lp.chains(n):
        if mode == "paper" and r > 64:
            break
        s = simulate.sizes(lp.parallel_lookup_network(table, r, mode))
        assert s.neurons == lp.predicted_neurons(n, r, mode)
        assert s.depth == lp.predicted_depth(n, r, mode)
        assert s.max_fan_in <= (7 if mode == "compact" else 5)
        depths.append(s.depth)
    if mode == "compact" or n >= 3:  # paper, n = 2: combining r = 2 chains costs more than L
        assert depths == sorted(depths, reverse=True)
    if mode == "compact" or n >= 5:  # paper, n <= 4: r = 1 and 2 tie (4L + 13 vs 2L + 21)
        assert len(set(depths)) == len(depths)


@pytest.mark.parametrize("mode", GADGET_MODES)
def test_tradeoff_depth_falls_neurons_grow_weights_shrink(mode):
    for n in range(12, 21):
        rs = lp.chains(n)
        depth = [lp.predicted_depth(n, r, mode) for r in rs]
        neurons = [lp.predicted_neurons(n, r, mode) for r in rs]
        assert depth == sorted(depth, reverse=True) and len(set(depth)) == len(depth)
        assert neurons == sorted(neurons) and len(set(neurons)) == len(neurons)
        # r = 1: a tree in Algorithm 2 keeps Theorem 4.1's neuron count exactly
        from tmnet.uniform.lookup import predicted_neurons

        assert neurons[0] == predicted_neurons(n, mode)
    # the largest weight shrinks from 2^(2^m) to 2^L
    t = TruthTable.random(12, 1)
    bits = [simulate.sizes(lp.parallel_lookup_network(t, r)).max_weight_bits for r in (1, 8)]
    assert bits[0] > bits[1]


@pytest.mark.parametrize("mode", GADGET_MODES)
def test_parallel_lookup_preconditions_hold_on_every_input(mode):
    """Every gadget's recorded precondition (Lemma 3.1's integers, Fact 3.2's bound, bits),
    checked against the exact node values on every input, as for Theorem 4.1."""
    from test_lookup import _check as check_record
    from test_lookup import node_values

    n = 6
    table = TruthTable.random(n, 5)
    for r in (1, 2, 8):
        records: list = []
        net = lp.parallel_lookup_network(table, r, mode, checks=records)
        assert any(rec[0] == "switch" for rec in records) == (mode == "paper")
        for bits in itertools.product((0, 1), repeat=n):
            vals = node_values(net, bits)
            for record in records:
                check_record(record, vals)


def test_chains_must_be_a_power_of_two_up_to_2_to_the_m():
    with pytest.raises(lp.UniformError):
        lp.parallel_lookup_network(TruthTable.random(6, 0), 3)
    with pytest.raises(lp.UniformError):
        lp.predicted_neurons(6, 16)


def test_best_chains_minimises_neurons_times_depth():
    for n in (8, 12, 16, 20):
        best = cons.best_chains(n)
        score = lp.predicted_neurons(n, best) * lp.predicted_depth(n, best)
        assert all(
            lp.predicted_neurons(n, r) * lp.predicted_depth(n, r) >= score for r in lp.chains(n)
        )


# ------------------------------------------------------------------------------ families
@pytest.mark.parametrize("printer", cons.PRINTERS)
def test_every_printer_verifies_against_the_interpreter(printer):
    from tmnet.uniform.verify import verify

    m = machines.library.resolve("palindrome")
    family = cons.machine_family(printer, m, "compact", on_timeout="reject")
    report = verify(family, m, 5)
    assert report.ok and report.exhaustive and report.checked == 32


def test_unknown_construction_is_a_clear_error():
    with pytest.raises(cons.UniformError, match="unknown construction"):
        cons.construction("nope")
    with pytest.raises(cons.UniformError, match="cook-levin"):
        cons.machine_family("lupanov", machines.library.resolve("parity"), time_bound="n")


@pytest.mark.parametrize("name", ["lookup", "lupanov", "twolayer"])
def test_machine_families_record_the_input_alphabet(name) -> None:
    """Every printer of a machine's family writes the machine's alphabet into the network, as
    `LookupFamily.print` does (issue 16: `tmnet simulate` then takes words over it)."""
    from tmnet.uniform.constructions import machine_family

    m = machines.library.resolve("balanced")
    net = machine_family(name, m).print(2).network
    assert net.input_alphabet == m.input_alphabet
