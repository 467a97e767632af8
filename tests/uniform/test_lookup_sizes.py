"""Theorem 4.1's sizes, computed without simulating: neurons = predicted_neurons exactly, neurons
grow like 2^(n/2), p-SIZE like 2^n (no gain under Definition 2.2, as Theorem 5.1 says), maximum
fan-in constant, weights of about 2^(n/2) bits."""

from __future__ import annotations

import numpy as np
import pytest

from tmnet import simulate
from tmnet.uniform.lookup import (
    lemma42_network,
    lookup_network,
    predicted_lemma42_neurons,
    predicted_neurons,
    split,
)
from tmnet.uniform.truth_table import TruthTable

MODES = ("paper", "compact")
NS = range(4, 21)


@pytest.fixture(scope="module")
def sizes_by_mode() -> dict[str, dict[int, dict[str, int]]]:
    out: dict[str, dict[int, dict[str, int]]] = {mode: {} for mode in MODES}
    for n in NS:
        table = TruthTable.random(n, 7 * n)
        for mode in MODES:
            out[mode][n] = simulate.sizes(lookup_network(table, mode)).as_dict()
    return out


def slope(ns, values) -> float:
    """The least-squares slope of log2(values) against n."""
    return float(np.polyfit(np.array(list(ns), float), np.log2(np.array(values, float)), 1)[0])


@pytest.mark.parametrize("mode", MODES)
def test_neurons_equal_the_prediction(mode, sizes_by_mode):
    for n in NS:
        assert sizes_by_mode[mode][n]["neurons"] == predicted_neurons(n, mode)


def test_predicted_formula_closed_form():
    # paper 12 2^h - 1 + 25 2^m - 3 + (h - 1) + (m - 1); compact 2 2^h - 2 + 6 2^m - 3 + ...
    for n in range(2, 30):
        h, m = split(n)
        assert h == n // 2 and h + m == n
        assert predicted_neurons(n, "paper") == 12 * 2**h + 25 * 2**m + h + m - 6
        assert predicted_neurons(n, "compact") == 2 * 2**h + 6 * 2**m + h + m - 7
        assert predicted_lemma42_neurons(n, "paper") == 25 * 2**n + n - 4
    assert predicted_neurons(0, "paper") == 12 - 1 + 25 - 3
    assert predicted_neurons(1, "compact") == 0 + 6 * 2 - 3


@pytest.mark.parametrize("mode", MODES)
def test_lemma42_neurons_equal_the_prediction(mode):
    for n in range(0, 9):
        net = lemma42_network(TruthTable.random(n, n), mode)
        assert net.n_neurons == predicted_lemma42_neurons(n, mode)


@pytest.mark.parametrize("mode", MODES)
def test_neurons_grow_like_2_to_the_n_over_2(mode, sizes_by_mode):
    s = slope(NS, [sizes_by_mode[mode][n]["neurons"] for n in NS])
    assert 0.45 <= s <= 0.55, s
    # and Lemma 4.2 alone grows like 2^n
    lemma = [predicted_lemma42_neurons(n, mode) for n in NS]
    assert 0.95 <= slope(NS, lemma) <= 1.02


@pytest.mark.parametrize("mode", MODES)
def test_p_size_grows_like_2_to_the_n(mode, sizes_by_mode):
    """p-SIZE = a 2^n + lower-order terms ~ 2^(n/2) n that still weigh at n = 4 (more in paper
    mode): the fitted slope over 4..20 is ~0.82 (paper) / ~0.92 (compact) and rises towards 1;
    from n = 14 on, two more inputs multiply p-SIZE by ~4 while they only double the neurons."""
    ps = [sizes_by_mode[mode][n]["p_size"] for n in NS]
    assert 0.8 <= slope(NS, ps) <= 1.1
    assert slope(range(12, 21), ps[8:]) > slope(NS, ps)
    for n in range(14, 19):
        sz, sz2 = sizes_by_mode[mode][n], sizes_by_mode[mode][n + 2]
        assert 3.5 <= sz2["p_size"] / sz["p_size"] <= 4.5, n
        assert 1.8 <= sz2["neurons"] / sz["neurons"] <= 2.2, n
        assert 4 <= sz["p_size"] / 2**n <= 9, n


@pytest.mark.parametrize("mode", MODES)
def test_max_fan_in_is_constant(mode, sizes_by_mode):
    fan_ins = {sizes_by_mode[mode][n]["max_fan_in"] for n in NS}
    assert fan_ins == {4 if mode == "paper" else 6}


@pytest.mark.parametrize("mode", MODES)
def test_weights_have_about_2_to_the_n_over_2_bits(mode, sizes_by_mode):
    for n in NS:
        _, m = split(n)
        bits = sizes_by_mode[mode][n]["max_weight_bits"]
        assert 2**m <= bits <= 2**m + 2, (n, bits)


@pytest.mark.parametrize("mode", MODES)
def test_depth_is_of_the_order_of_the_size(mode, sizes_by_mode):
    for n in NS:
        sz = sizes_by_mode[mode][n]
        assert sz["neurons"] / 8 <= sz["depth"] <= sz["neurons"]
