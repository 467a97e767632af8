"""Batched runner (placeholder implementation: loops over `run`; the numpy engine follows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from machines.encoding import decode_bits, index_to_bits, input_bits
from machines.interpreter import Outcome, run
from machines.model import Machine

REJECT, ACCEPT, TIMEOUT = 0, 1, 2


@dataclass(frozen=True)
class BatchResult:
    """`outcomes[i]` (int8: 1 accept, 0 reject, 2 timeout) and `steps[i]` of input i."""

    outcomes: np.ndarray
    steps: np.ndarray


def run_batch(machine: Machine, words: Sequence[str], max_steps: int | None = None) -> BatchResult:
    """Run the machine on every word."""
    results = [run(machine, w, max_steps) for w in words]
    return BatchResult(
        np.array([r.outcome.code for r in results], dtype=np.int8),
        np.array([r.steps for r in results], dtype=np.int64),
    )


def run_all(
    machine: Machine,
    n: int,
    max_steps: int | None = None,
    chunk: int = 1 << 16,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Run the machine on every input vector of words of length n, in index order."""
    total = 1 << input_bits(machine, n)
    out = np.zeros(total, dtype=np.int8)
    steps = np.zeros(total, dtype=np.int64)
    for i in range(total):
        word = decode_bits(machine, index_to_bits(i, input_bits(machine, n)))
        if word is None:
            continue
        r = run(machine, word, max_steps)
        out[i] = r.outcome.code
        steps[i] = r.steps
    _ = Outcome
    return BatchResult(out, steps)
