"""The float foil: in float64 the lookup networks go wrong exactly when their weights pass 2^53
(from n = 11, where Algorithm 2's sub-tables T_f(k) have 2^6 = 64 bits); the exact simulator is
right there on every input."""

from __future__ import annotations

import numpy as np
import pytest

from tmnet import simulate
from tmnet.uniform.lookup import lookup_network, split
from tmnet.uniform.truth_table import TruthTable

SEED = 2024


def float_errors(net, table) -> np.ndarray:
    """The indices of the inputs where float64 evaluation differs from f."""
    out = simulate.simulate_batch(net, simulate.all_inputs(table.n_bits), mode="float")[:, 0]
    return np.flatnonzero(out != table.to_array())


@pytest.mark.parametrize("mode", ["paper", "compact"])
def test_float64_first_fails_once_weights_pass_2_to_the_53(mode):
    first_wrong = None
    for n in range(1, 13):
        table = TruthTable.random(n, SEED)
        net = lookup_network(table, mode)
        big = simulate.sizes(net).max_weight_bits > 53
        wrong = float_errors(net, table)
        if wrong.size:
            first_wrong = (n, table, net, wrong)
            assert big, f"float64 wrong at n = {n} with weights below 2^53"
            break
    assert first_wrong is not None, "float64 never went wrong up to n = 12"
    n, table, net, wrong = first_wrong
    _, m = split(n)
    assert n == 11 and 2**m > 53  # the first n whose sub-tables have more than 53 bits
    assert wrong.size > 100  # not a rounding accident: a large share of the 2048 inputs
    # the exact simulator is right where float64 is wrong
    rows = simulate.all_inputs(n)[wrong[:64]]
    exact = simulate.simulate_batch(net, rows)[:, 0]
    assert [int(v) for v in exact] == table.to_array()[wrong[:64]].tolist()


def test_exact_simulator_is_right_on_every_input_where_float_fails():
    n = 11
    table = TruthTable.random(n, SEED)
    net = lookup_network(table, "compact")
    assert float_errors(net, table).size
    exact = simulate.simulate_batch(net, simulate.all_inputs(n))[:, 0]
    assert [int(v) for v in exact] == table.to_array().tolist()
