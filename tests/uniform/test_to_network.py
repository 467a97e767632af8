"""circuit -> network: paper and compact gadgets against the circuit on every input; the fast
vectorised paper path equals the gate-by-gate `uniform.gadgets` path exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import circuits_strategy

from tmnet import simulate
from tmnet.machines import library
from tmnet.simulate.batch import run_plan
from tmnet.uniform.circuit import AND, NOT, OR, simplify
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.to_network import PAPER_NEURONS, to_network, to_network_reference


def _check(c, net) -> None:
    inputs = simulate.all_inputs(c.n_inputs)
    want = c.evaluate_batch(inputs)[:, 0]
    got = run_plan(net, inputs, np.int64)[:, 0]  # values are bits: see test_cook_levin
    assert np.array_equal(got, want)


@settings(max_examples=60, deadline=None)
@given(circuits_strategy(), st.sampled_from(["paper", "compact"]))
def test_any_circuit_both_modes(c, mode) -> None:
    net = to_network(c, mode)  # unnormalized: the reference path
    net.check()
    _check(c, net)
    s = simplify(c)
    fast = to_network(s, mode)  # normalized: the vectorised path
    fast.check()
    _check(s, fast)
    if mode == "paper":
        assert fast == to_network_reference(s, "paper")


@pytest.mark.parametrize("name", ["palindrome", "increment_check", "ww"])
def test_fast_paper_equals_gadgets_gate_by_gate(name) -> None:
    c = cook_levin(library.load(name)).circuit(4)
    assert to_network(c, "paper") == to_network_reference(c, "paper")
    fast, ref = to_network(c, "compact"), to_network_reference(c, "compact")
    assert (fast.n_neurons, fast.n_edges) == (ref.n_neurons, ref.n_edges)


def test_neuron_counts_per_gate() -> None:
    """Paper: 10 per AND, 4 per OR, 1 per NOT (Lemma 3.3 with Lemma 3.1). Compact: one per
    AND/OR, none per NOT (folded into the weights)."""
    c = cook_levin(library.load("palindrome")).circuit(5)
    s = c.sizes()
    paper = to_network(c, "paper")
    assert paper.n_neurons == sum(
        PAPER_NEURONS[k] * v for k, v in ((AND, s.and_gates), (OR, s.or_gates), (NOT, s.not_gates))
    )
    compact = to_network(c, "compact")
    assert compact.n_neurons <= s.and_gates + s.or_gates + 1
    assert simulate.sizes(compact).max_weight_bits <= 3
