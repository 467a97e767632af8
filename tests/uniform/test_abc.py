"""Independent check with Berkeley ABC: the exported BLIF and AIGER of the Cook-Levin circuit
are combinationally equivalent (`cec`) to the interpreter's truth table (`read_truth`, hex,
input a = bit 0 of the row index, the convention of machines/encoding.py).

ABC exits 0 whatever the verdict, so the test reads its output.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from tmnet import machines
from tmnet.machines import encoding, library
from tmnet.uniform.circuit_io import write_circuit
from tmnet.uniform.cook_levin import cook_levin

ABC = shutil.which("berkeley-abc")
pytestmark = pytest.mark.skipif(ABC is None, reason="berkeley-abc (Berkeley ABC) is not installed")

CASES = [("parity", 6), ("palindrome", 5), ("equal01", 4), ("increment_check", 4), ("ww", 4)]


def _hex_table(m: machines.Machine, n: int) -> tuple[str, int]:
    """The interpreter's truth table T_f = sum_i f(i) 2^i as ABC hex, and the input count."""
    n_bits = encoding.input_bits(m, n)
    accept = (machines.run_all(m, n).outcomes == 1).astype(np.uint8)
    value = int.from_bytes(np.packbits(accept, bitorder="little").tobytes(), "little")
    return format(value, f"0{max(1, (1 << n_bits) // 4)}x"), n_bits


def _cec(hex_table: str, path) -> str:
    cmd = f"read_truth {hex_table}; strash; cec -n {path}"
    r = subprocess.run([ABC, "-c", cmd], capture_output=True, text=True, timeout=60)
    return r.stdout + r.stderr


@pytest.mark.parametrize("name,n", CASES)
@pytest.mark.parametrize("fmt", ["blif", "aig"])
def test_abc_cec_confirms_equivalence(tmp_path, name, n, fmt) -> None:
    m = library.load(name)
    hex_table, n_bits = _hex_table(m, n)
    assert n_bits >= 2  # read_truth needs at least one whole hex digit
    path = tmp_path / f"{name}.{fmt}"
    write_circuit(cook_levin(m).circuit(n), path)
    out = _cec(hex_table, path)
    assert "Networks are equivalent" in out, out


def test_abc_notices_a_wrong_table(tmp_path) -> None:
    """The check can fail: flip f(0) and ABC must say NOT EQUIVALENT."""
    m = library.load("palindrome")
    hex_table, _ = _hex_table(m, 4)
    flipped = format(int(hex_table, 16) ^ 1, f"0{len(hex_table)}x")
    path = tmp_path / "p.aig"
    write_circuit(cook_levin(m).circuit(4), path)
    assert "NOT EQUIVALENT" in _cec(flipped, path)
