"""`to_network`'s fast paths, by name, against the gate-by-gate `to_network_reference` on the
folded tableaux of random machines (tests/machines/strategies.py): paper mode builds the
identical network; compact mode the same neurons and edges; both compute the circuit on every
input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

from tmnet.simulate import all_inputs, simulate_batch
from tmnet.uniform import to_network as tn
from tmnet.uniform.gadgets import COMPACT, PAPER
from tmnet.uniform.tableau import build_tableau

FAST_PATHS = {PAPER.name: tn._paper_fast, COMPACT.name: tn._compact_fast}


def test_every_mode_of_to_network_has_a_fast_path() -> None:
    assert set(FAST_PATHS) == {m.name for m in tn.MODES}


@pytest.mark.parametrize("mode", sorted(FAST_PATHS))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines_strategy(), st.integers(0, 3), st.integers(0, 5))
def test_fast_path_against_the_reference(mode, machine, n, time) -> None:
    circuit = build_tableau(machine, n, time).circuit
    assert circuit.normalized
    fast = FAST_PATHS[mode](circuit, "fast")
    ref = tn.to_network_reference(circuit, mode, "fast")
    fast.check()
    if mode == PAPER.name:
        assert fast == ref
    assert (fast.n_neurons, fast.n_edges) == (ref.n_neurons, ref.n_edges)
    inputs = all_inputs(circuit.n_inputs)
    want = circuit.evaluate_batch(inputs)[:, 0]
    for net in (fast, ref):
        assert np.array_equal(np.asarray(simulate_batch(net, inputs))[:, 0], want)
