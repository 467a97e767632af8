"""Differential tests of the Cook-Levin printer (Theorem 6.1, easy direction) against the
interpreter: every library machine, both gadget modes, every input of length n = 0..8 (and 10
for the linear-time machines); random machines from hypothesis through the same check; size
formulas; growth of the neuron count against T(n)^2.

Paper-mode networks are evaluated with the batch simulator's int64 plan (`run_plan`): its own
interval analysis cannot prove int64 safe for deep paper networks (it does not see that
sigma(y - sigma(y - 1)) <= 1), but every gadget maps bits to bits (Lemmas 3.1, 3.3, tested
exhaustively in test_gadgets.py and against the circuit here), so by induction on depth every
value is at most max fan-in + 1. Compact networks go through `simulate_batch` unchanged.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import machines_strategy

from tmnet import machines, simulate
from tmnet.machines import encoding, library
from tmnet.simulate.batch import run_plan
from tmnet.uniform.circuit import simplify
from tmnet.uniform.cook_levin import CookLevinFamily, cook_levin, parse_time
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Family
from tmnet.uniform.to_network import to_network

NAMES = library.names()


@functools.cache
def _machine(name: str) -> machines.Machine:
    return library.load(name)


def _lengths(m: machines.Machine) -> list[int]:
    return list(range(9)) + ([10] if m.time.degree <= 1 else [])


def _evaluate(net, inputs: np.ndarray, mode: str) -> np.ndarray:
    if mode == "paper":
        return run_plan(net, inputs, np.int64)[:, 0]
    return np.asarray(simulate.simulate_batch(net, inputs))[:, 0]


def check_family(m: machines.Machine, ns, time=None) -> None:
    """Circuit and both networks equal the interpreter's verdict on every input."""
    fam = cook_levin(m, time)
    for n in ns:
        T = fam.T(n)
        truth = (machines.run_all(m, n, max_steps=T).outcomes == 1).astype(np.int64)
        inputs = simulate.all_inputs(encoding.input_bits(m, n))
        circuit = fam.circuit(n)
        got = circuit.evaluate_batch(inputs)[:, 0]
        bad = np.flatnonzero(got != truth)
        assert not len(bad), f"{m.name} n={n}: circuit wrong on input index {bad[0]}"
        for mode in ("paper", "compact"):
            net = to_network(circuit, mode)
            out = _evaluate(net, inputs, mode)
            bad = np.flatnonzero(out != truth)
            assert not len(bad), f"{m.name} n={n} {mode}: network wrong on index {bad[0]}"


@pytest.mark.parametrize("name", NAMES)
def test_library_machine_all_inputs(name: str) -> None:
    m = _machine(name)
    check_family(m, _lengths(m))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines_strategy())
def test_random_machines(m: machines.Machine) -> None:
    check_family(m, range(0, 5))


def test_time_override_and_violations() -> None:
    """With a too-small T the network rejects exactly where the machine runs out of time."""
    m = _machine("palindrome")
    fam = cook_levin(m, "n")
    n = 5
    res = machines.run_all(m, n, max_steps=fam.T(n))
    assert (res.outcomes == 2).any()  # some inputs time out at T(n) = n
    out = fam.circuit(n).evaluate_batch(simulate.all_inputs(n))[:, 0]
    assert np.array_equal(out, (res.outcomes == 1).astype(np.uint8))


def test_family_protocol_and_encode() -> None:
    fam = cook_levin(_machine("parity"))
    assert isinstance(fam, Family)
    assert fam.encode("0110") == (0, 1, 1, 0)
    printed = fam.print(4)
    assert printed.n == 4 and printed.print_seconds > 0
    assert printed.info["time_bound"] == 5
    with pytest.raises(UniformError):
        fam.encode("012")
    with pytest.raises(UniformError):
        CookLevinFamily(fam.machine, gadgets="tiny")


def test_parse_time_matches_machine_language() -> None:
    assert parse_time("n^2 + 3*n + 1")(4) == 29
    assert parse_time("7")(100) == 7
    with pytest.raises(UniformError):
        parse_time("2^n")


@pytest.mark.parametrize("name", ["parity", "palindrome", "equal01", "increment_check"])
def test_size_formulas(name: str) -> None:
    """The unfolded tableau has exactly tableau_size gates and wires; the folded circuit and
    the networks stay under their bounds."""
    m = _machine(name)
    for n in (0, 1, 3, 6):
        for mode in ("paper", "compact"):
            fam = cook_levin(m, gadgets=mode)
            full = fam.circuit(n, simplify=False)
            exact = fam.tableau_size(n)
            assert (full.n_gates, full.n_wires) == (exact.gates, exact.wires)
            folded = fam.circuit(n)
            bound = fam.circuit_bound(n)
            assert folded.n_gates <= bound.gates and folded.n_wires <= bound.wires
            assert fam.network(n).n_neurons <= fam.neurons_bound(n)


def test_structural_hashing_gain_is_as_documented() -> None:
    """What full structural hashing (`simplify`) removes from the folded tableau, measured on
    every library machine at n = 5, 8, 12: the largest share, and the largest from n = 12, are
    the figures docs/cook-levin.md and `CookLevinFamily.shared_circuit` state (one figure,
    computed here, so the three cannot drift apart again)."""
    gains: dict[tuple[str, int], float] = {}
    for n in (5, 8, 12):
        for name in NAMES:
            c = cook_levin(_machine(name)).circuit(n)
            s = simplify(c)
            assert s.n_gates <= c.n_gates
            if n <= 8:
                assert s.truth_table() == c.truth_table()
            gains[name, n] = 1 - s.n_gates / c.n_gates if c.n_gates else 0.0
    (worst_name, worst_n), worst = max(gains.items(), key=lambda kv: kv[1])
    late = max(g for (_, n), g in gains.items() if n == 12)
    stated = f"at most {100 * worst:.1f}% of"
    where = f"({worst_name} at n = {worst_n})"
    assert late < 0.01  # "under 1% from n = 12"
    doc = " ".join((Path(__file__).parents[2] / "docs" / "cook-levin.md").read_text().split())
    docstring = " ".join((CookLevinFamily.shared_circuit.__doc__ or "").split())
    for text in (doc, docstring):
        assert stated in text and where in text and "under 1% from n = 12" in text, (
            f"the stated figure should read {stated!r} ... {where!r}"
        )


@pytest.mark.parametrize("name", ["palindrome", "equal01"])
def test_growth_at_most_quadratic_in_T(name: str) -> None:
    """Neurons vs T(n) on a log-log least-squares fit: exponent <= 2 (+ slack)."""
    m = _machine(name)
    fam = cook_levin(m, gadgets="paper")
    ns = [8, 12, 16, 24, 32]
    ts = np.array([fam.T(n) for n in ns], dtype=float)
    neurons = np.array([fam.network(n).n_neurons for n in ns], dtype=float)
    slope = np.polyfit(np.log(ts), np.log(neurons), 1)[0]
    print(f"{name}: neurons ~ T(n)^{slope:.3f} (n = {ns})")
    assert slope <= 2.1
    assert slope > 0.5  # the printer does grow with T
