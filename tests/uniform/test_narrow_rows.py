"""The printer's plain-Python paths build exactly what the numpy paths build."""

from __future__ import annotations

import numpy as np
import pytest

import tmnet.uniform.tableau as tableau_mod
from tmnet import machines
from tmnet.machines import library
from tmnet.uniform.circuit import AND, OR, Circuit, CircuitBuilder


def _same(c1: Circuit, c2: Circuit) -> None:
    assert c1.n_gates == c2.n_gates
    assert np.array_equal(c1.kinds, c2.kinds)
    assert np.array_equal(c1.indptr, c2.indptr)
    assert np.array_equal(c1.fanin, c2.fanin)
    assert c1.outputs == c2.outputs


@pytest.mark.parametrize("name", library.names())
def test_python_row_step_builds_the_numpy_circuit(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = machines.load(library.path(name))
    for n in (0, 3, 7):
        t = m.time_bound(n)
        py = tableau_mod.build_tableau(m, n, t).circuit
        monkeypatch.setattr(tableau_mod, "_PY_ROW", 0)
        ref = tableau_mod.build_tableau(m, n, t).circuit
        monkeypatch.setattr(tableau_mod, "_PY_ROW", 10**9)
        allpy = tableau_mod.build_tableau(m, n, t).circuit
        monkeypatch.undo()
        _same(py, ref)
        _same(allpy, ref)


def test_gates_list_matches_gates() -> None:
    rng = np.random.default_rng(1)
    for kind in (AND, OR):
        for k in (1, 2, 3, 5):
            a, b = CircuitBuilder(6), CircuitBuilder(6)
            for bld in (a, b):
                bld.nots(np.arange(0, 8))
            for _ in range(5):
                x = rng.integers(0, a.n_nodes, size=(rng.integers(0, 40), k))
                got = a.gates_list(kind, x.tolist())
                want = b.gates(kind, x)
                assert got == want.tolist()
                assert a.n_nodes == b.n_nodes
            _same(a.build(), b.build())
