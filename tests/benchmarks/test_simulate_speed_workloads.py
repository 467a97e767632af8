"""The workloads of benchmarks.simulate_speed compute what they say they compute."""

from __future__ import annotations

from tmnet.benchmarks.simulate_speed import big_weight_network, fraction_evaluator, layered_network
from tmnet.simulate import min_gadgets, sample_inputs, simulate, simulate_batch


def test_hiding_the_clamps_keeps_every_output_and_hides_every_clamp():
    shown = big_weight_network(6, 30, 3, seed=4, bits=256)
    hidden = big_weight_network(6, 30, 3, seed=4, bits=256, hide_clamps=True)
    assert len(min_gadgets(shown)) == 30 * 3
    assert len(min_gadgets(hidden)) == 0
    rows = sample_inputs(6, 40, seed=5)
    assert simulate_batch(shown, rows).tolist() == simulate_batch(hidden, rows).tolist()
    ref = fraction_evaluator(hidden)
    for row in rows[:4]:
        out = simulate(shown, row).outputs
        assert [out[k] for k, _ in shown.outputs] == ref(row.tolist())


def test_layered_network_values_stay_in_0_1():
    net = layered_network(8, 50, 6, 3, seed=2)
    out = simulate_batch(net, sample_inputs(8, 64, seed=3))
    assert set(out.ravel().tolist()) <= {0, 1}


def test_old_float_baseline_is_the_old_loop_and_agrees_with_the_foil():
    """The foil comparison's baseline runs (loaded from git) and computes the same outputs as
    simulate(..., mode="float") where no sum passes 2^53 (small integer weights)."""
    from tmnet.benchmarks.simulate_speed import old_float_simulate

    old = old_float_simulate()
    net = layered_network(8, 6, 20, 3, seed=4)
    for row in sample_inputs(8, 6, seed=1).tolist():
        assert old(net, row) == simulate(net, row, mode="float").outputs
