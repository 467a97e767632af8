"""The grouped paper fast path (`to_network._paper_fast`) prints exactly the networks of the
previous per-template fast path and of the gate-by-gate reference."""

from __future__ import annotations

import numpy as np
import pytest

from tmnet.machines import library
from tmnet.uniform import to_network as tn
from tmnet.uniform.cook_levin import cook_levin


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (
        np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.sources, b.sources)
        and np.array_equal(np.asarray(a.weights), np.asarray(b.weights))
        and a.outputs == b.outputs
        and a.n_inputs == b.n_inputs
    )


@pytest.mark.parametrize("name", ["palindrome", "parity", "equal01", "ww", "div3"])
def test_grouped_equals_template_and_reference(name: str) -> None:
    fam = cook_levin(library.resolve(name))
    for n in (0, 1, 3, 6, 9):
        circuit = fam.circuit(n)
        fast = tn._paper_fast(circuit, "x")
        assert _same(fast, tn._paper_fast_by_template(circuit, "x"))
        if n <= 6:
            assert _same(fast, tn.to_network_reference(circuit, "paper", "x"))
