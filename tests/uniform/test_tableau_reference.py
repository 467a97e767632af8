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
from tmnet.uniform.tableau_labels import ROLES
from tmnet.uniform.tableau_reference import TableauRecord, reference_tableau

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


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines_strategy(), st.integers(0, 3), st.integers(0, 5), st.booleans())
def test_record_names_every_gate_and_changes_nothing(machine, n, time, fold) -> None:
    """A `TableauRecord` (what `uniform.tableau_labels` names gates from) gives every gate of the
    circuit before dead-gate removal a role of `tableau_labels.ROLES` at a step in -1..T and a
    cell in [L, R] (or an input cell), and its S/H rows hold nodes of that circuit; recording
    builds the same circuit as not recording."""
    record = TableauRecord()
    recorded = reference_tableau(machine, n, time, fold=fold, record=record)
    plain = reference_tableau(machine, n, time, fold=fold)
    gates = lambda c: [c.gate(v) for v in range(c.first_gate, c.n_nodes)]  # noqa: E731
    assert gates(recorded) == gates(plain) and recorded.outputs == plain.outputs
    built = record.circuit
    assert set(record.roles) == set(range(built.first_gate, built.n_nodes))
    lo, hi = tableau.cell_range(machine, time)
    for name, step, cell, _ in record.roles.values():
        assert name in ROLES and -1 <= step <= time
        # row 0 decodes every input cell when a code may name no symbol, beyond R too
        assert cell is None or lo <= cell <= hi or (step == -1 and 0 <= cell < n)
    assert len(record.H) == time + 1 and len(record.S) == max(time, 1)
    for row in record.S + record.H:
        assert set(c for c, _ in row) == set(range(lo, hi + 1))
        assert all(0 <= v < built.n_nodes for v in row.values())


def test_shared_leave_sets_fold_alike() -> None:
    """Found by hypothesis: two symbols with the same leave set {q0, q2}; the folded printer
    builds their leave OR once, and so must the reference (43 gates each, not 43 against 45)."""
    from tmnet.machines import parse

    m = parse(
        "input a b c\ntape a b c x _\nblank _\nstart q0\naccept acc\nreject rej\ntime 1\n"
        "tape left-bounded\n"
        "q0 a -> q0 a L\nq0 b -> q0 _ L\nq0 _ -> q1 a L\nq1 b -> acc a L\nq1 _ -> q0 b L\n"
        "q2 b -> q0 a L\nq2 _ -> q0 a L\n"
    )
    _compare(m, 1, 6, list(FOLDED_PATHS))
    assert reference_tableau(m, 1, 6, fold=True).n_gates == 43
