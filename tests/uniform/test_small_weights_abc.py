"""Berkeley ABC's `cec`: the arithmetic route's circuit is equivalent to the truth table of the
input network (computed by the exact simulator), for a lookup network and a comparison."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from tmnet.benchmarks.small_weights import comparison_network
from tmnet.simulate import all_inputs, simulate_batch
from tmnet.uniform.circuit_io import write_circuit
from tmnet.uniform.lookup import lookup_network
from tmnet.uniform.small_weights import small_weights
from tmnet.uniform.truth_table import TruthTable

ABC = shutil.which("berkeley-abc")
pytestmark = pytest.mark.skipif(ABC is None, reason="berkeley-abc (Berkeley ABC) is not installed")


def _hex(net) -> str:
    """T = sum_i f(i) 2^i of the network's one output, as ABC's read_truth hex."""
    n = net.n_inputs
    bits = np.asarray(simulate_batch(net, all_inputs(n))[:, 0], dtype=np.uint8)
    value = int.from_bytes(np.packbits(bits, bitorder="little").tobytes(), "little")
    return format(value, f"0{max(1, (1 << n) // 4)}x")


def _cec(table: str, path) -> str:
    cmd = f"read_truth {table}; strash; cec -n {path}"
    r = subprocess.run([ABC, "-c", cmd], capture_output=True, text=True, timeout=60)
    return r.stdout + r.stderr


@pytest.mark.parametrize(
    "make,declared",
    [
        (lambda: lookup_network(TruthTable.random(6, seed=3), "paper"), ["f"]),
        (lambda: comparison_network(3, boolean=True), []),
    ],
    ids=["lookup-n6", "comparison-k3"],
)
def test_abc_cec_arithmetic_circuit(tmp_path, make, declared) -> None:
    net = make()
    low = small_weights(net, "arithmetic", declared_boolean=declared)
    assert low.circuit is not None and len(low.circuit.outputs) == 1
    path = tmp_path / "low.aig"
    write_circuit(low.circuit, path)
    table = _hex(net)
    assert "Networks are equivalent" in _cec(table, path)
    flipped = format(int(table, 16) ^ 1, f"0{len(table)}x")
    assert "NOT EQUIVALENT" in _cec(flipped, path)
