"""Berkeley ABC checks Lupanov's circuit independently: `cec` of the exported BLIF and AIGER
against `read_truth` of the table, for several n; and the AIGER reader (uniform.aiger_read)
reads back what `circuit_io.to_aig` and ABC write."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tmnet.benchmarks import abc_synth
from tmnet.uniform.aiger_read import read_aig
from tmnet.uniform.circuit_io import to_aig, write_circuit
from tmnet.uniform.errors import UniformError
from tmnet.uniform.lupanov import lupanov_circuit
from tmnet.uniform.truth_table import TruthTable

ABC = shutil.which("berkeley-abc")
needs_abc = pytest.mark.skipif(ABC is None, reason="berkeley-abc is not installed")


def _cec(table: TruthTable, path) -> str:
    cmd = f"read_truth {abc_synth.truth_hex(table.value, table.n_bits)}; strash; cec -n {path}"
    r = subprocess.run([ABC, "-c", cmd], capture_output=True, text=True, timeout=120)
    return r.stdout + r.stderr


@needs_abc
@pytest.mark.parametrize("n", [3, 5, 8, 11])
@pytest.mark.parametrize("fmt", ["blif", "aig"])
def test_abc_cec_confirms_lupanov(tmp_path, n, fmt):
    table = TruthTable.random(n, 40 + n)
    path = tmp_path / f"lupanov{n}.{fmt}"
    write_circuit(lupanov_circuit(table), path)
    assert "Networks are equivalent" in _cec(table, path)


@needs_abc
def test_abc_cec_notices_a_wrong_lupanov_circuit(tmp_path):
    table = TruthTable.random(6, 1)
    path = tmp_path / "l.aig"
    write_circuit(lupanov_circuit(table), path)
    assert "NOT EQUIVALENT" in _cec(TruthTable(6, table.value ^ 1), path)


@pytest.mark.parametrize("n", [1, 4, 7, 10])
def test_aiger_reader_round_trips(n):
    table = TruthTable.random(n, n)
    circuit = read_aig(to_aig(lupanov_circuit(table)))
    assert circuit.truth_table() == table.value and circuit.normalized


def test_aiger_reader_rejects_bad_input():
    with pytest.raises(UniformError, match="header"):
        read_aig(b"aag 1 1 0 1 0\n2\n")
    with pytest.raises(UniformError, match="latches"):
        read_aig(b"aig 2 1 1 1 0\n")
    with pytest.raises(UniformError, match="ends inside"):
        read_aig(b"aig 2 1 0 1 1\n4\n\x82")


@needs_abc
def test_abc_synthesis_reads_back_as_an_equivalent_network():
    from tmnet import simulate
    from tmnet.benchmarks.constructions import abc_network

    table = TruthTable.random(7, 3)
    net, seconds, why = abc_network(table)
    assert why is None and seconds > 0
    got = [int(v) for v in simulate.simulate_batch(net, simulate.all_inputs(7))[:, 0]]
    assert got == table.to_array().tolist()
