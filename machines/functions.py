"""Machines that compute functions: the output word and output bits of a run.

A machine with an `output a : b` header (`Machine.output`, docs/function-machines.md) computes
a function: its output on a word of length n is the content of tape cells a(n) .. b(n) - 1 when
it halts (or when its T(n) steps run out: the tape is read where it stands). Output bit k is 1
iff cell a(n) + k holds the symbol `1`, so a binary number written on the tape reads as its bits
(a blank or any other symbol reads 0). The Cook-Levin printer reads the same bits from the
tableau's last row (`uniform.tableau`), and `uniform.verify` compares them with `output_bits`.
"""

from __future__ import annotations

import numpy as np

from tmnet.machines import encoding
from tmnet.machines.interpreter import RunResult, run
from tmnet.machines.model import Machine

ONE = "1"  # the symbol that reads as output bit 1


def output_of(machine: Machine, word: str, max_steps: int | None = None) -> tuple[RunResult, str]:
    """Run `machine` on `word` (within T(n) unless `max_steps`) and read its output word."""
    result = run(machine, word, max_steps)
    cells = machine.output_cells(len(word))
    tape = result.tape
    out = "".join(
        tape[c - result.offset] if 0 <= c - result.offset < len(tape) else machine.blank
        for c in cells
    )
    return result, out


def bits_of(word: str) -> tuple[int, ...]:
    """The output bits of an output word: 1 where it holds `1`."""
    return tuple(1 if c == ONE else 0 for c in word)


def output_table(machine: Machine, n: int, max_steps: int | None = None) -> np.ndarray:
    """(2^N, m) uint8: row i is the output bits on the input with index i (`machines.encoding`);
    rows whose codes name no word are zero (the printed network zeroes them too)."""
    n_bits = encoding.input_bits(machine, n)
    m = len(machine.output_cells(n))
    table = np.zeros((1 << n_bits, m), dtype=np.uint8)
    for i in range(1 << n_bits):
        word = encoding.decode_bits(machine, encoding.index_to_bits(i, n_bits))
        if word is not None:
            table[i] = bits_of(output_of(machine, word, max_steps)[1])
    return table


def output_rows(machine: Machine, inputs: np.ndarray, max_steps: int | None = None) -> np.ndarray:
    """The output bits on each row of a (B, N) 0/1 input array (invalid rows: zero)."""
    n = inputs.shape[1] // encoding.bits_per_symbol(machine) if inputs.ndim == 2 else 0
    m = len(machine.output_cells(n))
    out = np.zeros((len(inputs), m), dtype=np.uint8)
    for r, row in enumerate(inputs):
        word = encoding.decode_bits(machine, [int(b) for b in row])
        if word is not None:
            out[r] = bits_of(output_of(machine, word, max_steps)[1])
    return out
