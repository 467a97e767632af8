"""`Circuit.check()`: every invariant of `tmnet.uniform.circuit`'s docstring, each broken once;
`relevel` keeps a normalized circuit normalized; the TMNET_CHECK_IR switch runs the checks."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import circuits_strategy

from tmnet.machines import library
from tmnet.uniform import ircheck
from tmnet.uniform.circuit import (
    AND,
    NOT,
    OR,
    Circuit,
    CircuitBuilder,
    _permute,
    relevel,
    simplify,
)
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.errors import CircuitInvariantError


def _good() -> Circuit:
    """A normalized circuit on 3 inputs (nodes 2, 3, 4): 5 = NOT x1, 6 = x1 AND x2 (one batch),
    7 = OR(5, 6, x3) (the next batch); outputs y = 7, z = 5."""
    b = CircuitBuilder(3)
    nx1 = b.not_(2)
    a = b.and_(2, 3)
    o = b.or_(nx1, a, 4)
    b.output(o, "y")
    b.output(nx1, "z")
    c = b.build()
    assert (nx1, a, o) == (5, 6, 7) and c.normalized
    return c


def _arr(xs, dtype=np.int64) -> np.ndarray:
    return np.asarray(xs, dtype=dtype)


def test_good_circuits_pass() -> None:
    _good().check()
    for name in ("palindrome", "increment_check", "ww"):
        c = cook_levin(library.load(name)).circuit(5)
        c.check()
        simplify(c).check()
        relevel(c).check()


def _breaks(c: Circuit, match: str) -> None:
    with pytest.raises(CircuitInvariantError, match=match):
        c.check()


def _with_gates(kinds, indptr, fanin, batches, normalized=True, outputs=(("y", 7),)) -> Circuit:
    g = _good()
    return dataclasses.replace(
        g,
        kinds=_arr(kinds, np.uint8),
        indptr=_arr(indptr),
        fanin=_arr(fanin, np.int32),
        batches=_arr(batches),
        normalized=normalized,
        outputs=tuple(outputs),
    )


# the good circuit's arrays: kinds NOT, AND, OR; fan-ins (2), (2, 3), (4, 5, 6); batches 0, 2, 3
GOOD = ([NOT, AND, OR], [0, 1, 3, 6], [2, 2, 3, 4, 5, 6], [0, 2, 3])


def test_good_arrays_are_the_good_circuit() -> None:
    c = _with_gates(*GOOD, outputs=_good().outputs)
    c.check()
    assert c.truth_table() == _good().truth_table()


BROKEN = {
    # name: (replace-kwargs or gate arrays, message)
    "input names": (dict(input_names=("x1", "x2")), "input names for 3 inputs"),
    "kinds not an array": (dict(kinds=[NOT, AND, OR]), "kinds must be a 1-d numpy array"),
    "fanin of floats": (dict(fanin=np.array([2.0, 2, 3, 4, 5, 6])), "fanin must hold integers"),
    "indptr length": (dict(indptr=_arr([0, 1, 3])), "n_gates \\+ 1 = 4 entries"),
    "indptr start": (dict(indptr=_arr([1, 1, 3, 6])), "starting at 0"),
    "indptr decreasing": (([NOT, AND, OR], [0, 3, 1, 6], GOOD[2], GOOD[3]), "decreases"),
    "indptr end": (([NOT, AND, OR], [0, 1, 3, 5], GOOD[2], GOOD[3]), "indptr ends at 5"),
    "bad kind": (([NOT, 3, OR], *GOOD[1:]), "has kind 3"),
    "NOT fan-in 2": (([NOT, AND, OR], [0, 2, 3, 6], [2, 3, 2, 4, 5, 6], GOOD[3]), "fan-in 2"),
    "AND fan-in 0": (
        ([NOT, AND, OR], [0, 1, 1, 4], [2, 4, 5, 6], GOOD[3], False),
        "AND gate 1 .* fan-in 0",
    ),
    "normalized AND fan-in 1": (
        ([NOT, AND, OR], [0, 1, 2, 5], [2, 3, 4, 5, 6], GOOD[3]),
        "fan-in 1 \\(a normalized circuit",
    ),
    "batches not rising": (([NOT, AND, OR], *GOOD[1:3], [0, 2, 2, 3]), "rise strictly"),
    "batches short": (([NOT, AND, OR], *GOOD[1:3], [0, 2]), "rise strictly from 0 to"),
    "reads a later node": (
        ([NOT, AND, OR], GOOD[1], [2, 2, 7, 4, 5, 6], GOOD[3], False),
        "reads node 7: itself or a later node",
    ),
    "reads its own batch": (
        ([NOT, AND, OR], GOOD[1], [2, 2, 5, 4, 5, 6], GOOD[3]),
        "reads node 5: its own batch",
    ),
    "output missing": (dict(outputs=(("y", 8),)), "output 'y' is node 8"),
    "output names": (dict(outputs=(("y", 7), ("y", 5))), "duplicate output name 'y'"),
    "reads a constant": (
        ([NOT, AND, OR], GOOD[1], [2, 1, 3, 4, 5, 6], GOOD[3]),
        "reads a constant",
    ),
    "descending fan-in": (
        ([NOT, AND, OR], GOOD[1], [2, 2, 3, 6, 5, 4], GOOD[3]),
        "\\(6, 5, 4\\), not strictly ascending",
    ),
    "duplicate input": (
        ([NOT, AND, OR], GOOD[1], [2, 2, 3, 4, 6, 6], GOOD[3]),
        "\\(4, 6, 6\\), not strictly ascending",
    ),
    "NOT reads NOT": (
        ([NOT, NOT, OR], [0, 1, 2, 5], [2, 5, 4, 5, 6], [0, 1, 2, 3]),
        "NOT gate 1 .* reads a NOT gate",
    ),
    "two NOTs of a node": (
        ([NOT, NOT, OR], [0, 1, 2, 5], [2, 2, 4, 5, 6], [0, 2, 3]),
        "node 2 has two NOT gates",
    ),
    "x and NOT x": (
        ([NOT, AND, OR], [0, 1, 3, 6], [2, 2, 5, 4, 5, 6], [0, 1, 2, 3]),
        "reads node 2 and its NOT gate 5",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_invariant_breaks(case: str) -> None:
    change, match = BROKEN[case]
    c = dataclasses.replace(_good(), **change) if isinstance(change, dict) else _with_gates(*change)
    _breaks(c, match)


@pytest.mark.parametrize("case", ["reads a constant", "descending fan-in", "x and NOT x"])
def test_normalized_invariants_bind_only_normalized_circuits(case: str) -> None:
    change, _ = BROKEN[case]
    _with_gates(*change[:4], normalized=False).check()


def test_relevel_keeps_fan_ins_ascending() -> None:
    """The reproduction of issue 10: A = x1 AND x2 (4), B = NOT A (5), C = NOT x1 (6) and
    D = AND(B, C) read (5, 6); relevel puts the level-1 gates A, C first (4, 5) and B after
    (6), so D read (6, 5) while the flag still said normalized."""
    b = CircuitBuilder(2)
    a = b.and_(2, 3)
    nb = b.not_(a)
    nc = b.not_(2)
    d = b.and_(nb, nc)
    b.output(d, "y")
    c = b.build()
    c.check()
    r = relevel(c)
    assert r.normalized
    r.check()
    assert r.gate(r.outputs[0][1]) == (AND, (5, 6))
    assert r.truth_table() == c.truth_table()
    # without the re-sort, the renumbered D reads (6, 5), and check() says so
    depth = c.depths()[c.first_gate :]
    order = np.argsort(depth, kind="stable")
    unsorted = _permute(c, order, depth[order], sort_fanin=False)
    assert unsorted.gate(unsorted.outputs[0][1]) == (AND, (6, 5))
    _breaks(unsorted, "not strictly ascending")


@settings(max_examples=60, deadline=None)
@given(circuits_strategy(max_gates=14))
def test_passes_keep_every_invariant(c: Circuit) -> None:
    c.check()
    for out in (simplify(c), simplify(c, share=False), relevel(simplify(c)), relevel(c)):
        out.check()
        assert out.truth_table() == c.truth_table()


def test_switch_runs_the_checks(monkeypatch) -> None:
    """With TMNET_CHECK_IR on, a pass that returned a broken circuit fails at once; off, it
    passes through. The variable is read at call time."""
    broken = _with_gates(*BROKEN["descending fan-in"][0])
    monkeypatch.setenv(ircheck.ENV_VAR, "1")
    assert ircheck.enabled()
    with pytest.raises(CircuitInvariantError):
        ircheck.checked(broken)
    with pytest.raises(CircuitInvariantError):
        from tmnet.uniform.to_network import to_network

        to_network(broken, "compact")
    monkeypatch.setenv(ircheck.ENV_VAR, "0")
    assert not ircheck.enabled()
    assert ircheck.checked(broken) is broken
    monkeypatch.delenv(ircheck.ENV_VAR)
    assert not ircheck.enabled()


def test_suite_runs_with_the_switch_on() -> None:
    """tests/conftest.py sets TMNET_CHECK_IR unless the caller chose a value."""
    import os

    assert ircheck.ENV_VAR in os.environ
