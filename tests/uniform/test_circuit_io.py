"""BLIF / AIGER / ASCII AIGER export: structure, symbol tables, inputs in order x1..xn."""

from __future__ import annotations

import numpy as np

from tmnet.machines import library
from tmnet.uniform.circuit import TRUE, CircuitBuilder
from tmnet.uniform.circuit_io import _varints, aiger_ands, to_aag, to_aig, to_blif, write_circuit
from tmnet.uniform.cook_levin import cook_levin


def _eval_aag(text: str, bits) -> list[int]:
    """A tiny independent AIGER reader/evaluator for the ASCII form."""
    lines = text.splitlines()
    _, m, i, latches, o, a = lines[0].split()
    i, o, a = int(i), int(o), int(a)
    assert latches == "0"
    val = {0: 0}
    for k in range(i):
        val[int(lines[1 + k])] = bits[k]
    outs = [int(x) for x in lines[1 + i : 1 + i + o]]

    def lit(x: int) -> int:
        return val[x & ~1] ^ (x & 1)

    for line in lines[1 + i + o : 1 + i + o + a]:
        lhs, r0, r1 = map(int, line.split())
        val[lhs] = lit(r0) & lit(r1)
    return [lit(x) for x in outs]


def test_aag_evaluates_like_the_circuit() -> None:
    c = cook_levin(library.load("palindrome")).circuit(4)
    text = to_aag(c)
    assert "i0 x1" in text and "o0 accept" in text
    for idx in range(16):
        bits = [(idx >> k) & 1 for k in range(4)]
        assert _eval_aag(text, bits) == [c.evaluate(bits)["accept"]]


def test_aig_binary_header_and_deltas() -> None:
    c = cook_levin(library.load("parity")).circuit(5)
    data = to_aig(c)
    ands, outs, m = aiger_ands(c)
    head = data.split(b"\n", 2)
    assert head[0] == f"aig {m} 5 0 1 {len(ands)}".encode()
    assert head[1] == str(outs[0]).encode()
    assert (ands[:, 0] > ands[:, 1]).all() and (ands[:, 1] >= ands[:, 2]).all()
    assert data.endswith(b"c\n" + c.name.encode() + b"\n")
    assert b"i0 x1\ni1 x2\n" in data and b"\no0 accept\n" in data


def test_varints() -> None:
    assert _varints(np.array([0, 1, 127, 128, 16383, 16384])) == bytes(
        [0, 1, 127, 0x80, 1, 0xFF, 0x7F, 0x80, 0x80, 1]
    )


def test_blif_names_inputs_in_order_and_constant_output(tmp_path) -> None:
    b = CircuitBuilder(3)
    b.output(TRUE, "one")
    c = b.build()
    text = to_blif(c)
    assert ".inputs x1 x2 x3\n" in text and ".names c1 one\n1 1\n" in text
    path = tmp_path / "c.blif"
    assert write_circuit(c, path) == "blif"
    assert path.read_text() == text
    write_circuit(c, tmp_path / "c.aig")
    assert (tmp_path / "c.aig").read_bytes() == to_aig(c)
