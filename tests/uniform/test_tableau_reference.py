"""Every path of `build_tableau` (uniform/tableau.py) against the gate-by-gate reference of
`tmnet.uniform.tableau_reference`, on random machines (tests/machines/strategies.py) and the
library machines: the same function on every input at small n; unfolded, the same gates and
wires (and both equal `tableau_size`); folded, the same number of gates as the reference run
through the plain folder, and the same after structural hashing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

from tmnet.machines import encoding, library
from tmnet.uniform import tableau
from tmnet.uniform.circuit import simplify
from tmnet.uniform.tableau import build_tableau, tableau_size
from tmnet.uniform.tableau_reference import reference_tableau

# the fast paths of the folded build, by name: how to force every row through each
FOLDED_PATHS = {
    "narrow rows (_py_row)": {"_PY_ROW": 10**9},
    "wide rows (_np_row, gates_t ORs)": {"_PY_ROW": -1, "_FEW_T": 10**9},
    "wide rows (_np_row, general ORs)": {"_PY_ROW": -1, "_FEW_T": 0},
    "default thresholds": {},
}


def _compare(machine, n: int, time: int, paths: list[str]) -> None:
    ref = reference_tableau(machine, n, time)
    unfolded = build_tableau(machine, n, time, fold=False).circuit
    size = tableau_size(machine, n, time)
    assert (ref.n_gates, ref.n_wires) == (size.gates, size.wires)
    assert (unfolded.n_gates, unfolded.n_wires) == (size.gates, size.wires)
    want = ref.truth_table()
    assert unfolded.truth_table() == want
    ref_folded = reference_tableau(machine, n, time, fold=True)
    assert ref_folded.truth_table() == want
    hashed = simplify(ref_folded).n_gates
    for path in paths:
        with pytest.MonkeyPatch.context() as mp:
            for attr, value in FOLDED_PATHS[path].items():
                mp.setattr(tableau, attr, value)
            folded = build_tableau(machine, n, time, fold=True).circuit
        assert folded.truth_table() == want, path
        assert folded.n_gates == ref_folded.n_gates, path
        assert simplify(folded).n_gates == hashed, path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines_strategy(), st.integers(0, 3), st.integers(0, 6))
def test_random_machines(machine, n, time) -> None:
    _compare(machine, n, time, list(FOLDED_PATHS))


@pytest.mark.parametrize("name", library.names())
def test_library_machines(name) -> None:
    m = library.load(name)
    for n in (0, 3, 4):
        if encoding.input_bits(m, n) > 8:
            continue
        _compare(m, n, min(m.time_bound(n), 14), list(FOLDED_PATHS))
