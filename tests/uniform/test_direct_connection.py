"""`tmnet gate`: the direct-connection arithmetic agrees with the printed unfolded tableau on
every gate (every library machine, small n) and on sampled gates at larger n."""

import json
import random

import pytest

from tmnet.cli import main
from tmnet.machines import library
from tmnet.uniform import direct_connection as dc
from tmnet.uniform.circuit import KIND_NAMES
from tmnet.uniform.tableau import build_tableau


def _check(m, n, nodes=None, rng=None):
    c = build_tableau(m, n, m.time_bound(n), fold=False).circuit
    num = dc.numbering(m, n)
    assert num.n_nodes == c.n_nodes and num.g0 == c.first_gate
    assert c.outputs[0][1] == num.n_nodes - 1
    gates = range(c.first_gate, c.n_nodes) if nodes is None else nodes(c)
    for node in gates:
        kind, fan = c.gate(node)
        info = dc.gate(num, node)
        assert (info.kind, info.inputs) == (KIND_NAMES[kind], fan), (m.name, n, node, info)
        if rng is not None:
            for j in {*fan[:3], rng.randrange(c.n_nodes)}:
                assert dc.is_input(num, node, j) == (j in fan)


@pytest.mark.parametrize("name", library.names())
def test_every_gate_at_small_n(name):
    m = library.load(name)
    for n in range(4):
        _check(m, n)


def test_sampled_gates_at_larger_n():
    rng = random.Random(14)
    for name, n in (("palindrome", 9), ("ww", 7), ("balanced", 8), ("increment_check", 40)):
        m = library.load(name)

        def sample(c):
            picks = [rng.randrange(c.first_gate, c.n_nodes) for _ in range(1500)]
            return picks + [c.n_nodes - 1, c.n_nodes - 2, c.first_gate]

        _check(m, n, sample, rng)


def test_output_gate_membership_without_listing():
    m = library.load("palindrome")
    num = dc.numbering(m, 6)
    out = num.n_nodes - 1
    fan = dc.gate(num, out).inputs
    assert all(dc.is_input(num, out, j) for j in fan)
    assert not dc.is_input(num, out, fan[0] - 1) and not dc.is_input(num, out, 0)


def test_provenance_names_the_transition():
    m = library.load("parity")
    num = dc.numbering(m, 3)
    info = dc.gate(num, dc.Numbering.fire(num, 1, 0, 2))
    assert info.part == "fire" and info.step == 1 and info.cell == num.lo + 2
    assert "->" in info.what


def test_cli(capsys):
    assert main(["gate", "palindrome", "-n", "1000", "123456789012", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "OR" and data["part"] == "head" and data["time"] == 1000002
    assert main(["gate", "parity", "-n", "3", "9"]) == 0
    assert "kind" in capsys.readouterr().out
    assert main(["gate", "parity", "-n", "3", "1"]) == 2
    assert "is not a gate" in capsys.readouterr().err
    assert main(["gate", "parity", "-n", "3", "20", "--input", "2"]) == 0
