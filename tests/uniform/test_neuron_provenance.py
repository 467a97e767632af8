"""`tmnet explain --neuron K`: the neuron -> gate layout inverts `to_network`'s, checked by
simulating: the gate's value is its paper gadget's last neuron, its compact AND neuron, or
1 - its compact OR neuron, on every input."""

import itertools

import pytest

from tmnet.cli import main
from tmnet.machines import library
from tmnet.simulate import simulate
from tmnet.uniform.circuit import AND, OR
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.neuron_provenance import neuron_gate, neuron_source
from tmnet.uniform.tableau_labels import node_values


@pytest.mark.parametrize("name", ["parity", "palindrome", "increment_check"])
@pytest.mark.parametrize("mode", ["paper", "compact"])
def test_neuron_values_are_their_gates(name, mode):
    m = library.load(name)
    n = 3
    fam = cook_levin(m, gadgets=mode)
    circuit, net = fam.circuit(n), fam.network(n)
    layout = [neuron_gate(circuit, mode, k) for k in range(1, net.n_neurons + 1)]
    gates = sorted({g for g, _, _ in layout if g is not None})
    assert gates  # every gate has neurons in paper mode; AND/OR gates in compact mode
    for bits in itertools.product((0, 1), repeat=circuit.n_inputs):
        vals = simulate(net, list(bits), values=True).values
        gv = node_values(circuit, bits, gates)
        for k, (g, place, of) in enumerate(layout, start=1):
            if g is None or place != of:
                continue
            v = vals[net.n_inputs + k]
            kind = circuit.gate(g)[0]
            if mode == "compact" and kind == OR:
                assert v == 1 - gv[g]
            else:
                assert v == gv[g], (k, g)
                assert mode == "paper" or kind == AND


def test_every_neuron_gets_a_tableau_role():
    m = library.load("palindrome")
    for mode in ("paper", "compact"):
        net = cook_levin(m, gadgets=mode).network(3)
        for k in range(1, net.n_neurons + 1, 7):
            src = neuron_source(m, 3, mode, k)
            assert src.gate is None or src.role is not None


def test_cli(capsys):
    assert main(["explain", "palindrome", "--neuron", "5", "-n", "3"]) == 0
    assert "neuron 2 of 10 of the AND gadget" in capsys.readouterr().out
    assert main(["explain", "palindrome", "--neuron", "5", "-n", "3", "--gadgets", "compact"]) == 0
    assert "head in run0" in capsys.readouterr().out
    assert main(["explain", "palindrome", "--neuron", "5"]) == 2
    assert main(["explain", "palindrome", "--neuron", "99999", "-n", "3"]) == 2
