"""Every folding fast path of `CircuitBuilder`, by name, against the plain folder of
`tmnet.uniform.fold_reference`: on random sequences of gate batches (constants, repeated
inputs, NOT gates beside their inputs included) each path builds exactly as many gates as the
reference, every returned node computes the same function, and both circuits pass check()."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmnet.simulate import all_inputs
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, CircuitBuilder
from tmnet.uniform.fold_reference import PlainFolder, fold_rows


def _consts(kind: int) -> tuple[int, int]:
    return (FALSE, TRUE) if kind == AND else (TRUE, FALSE)


def _general(cb: CircuitBuilder, kind: int, x: np.ndarray) -> list[int]:
    cb._fast_paths = False
    try:
        return cb.gates(kind, x).tolist()
    finally:
        cb._fast_paths = True


# name -> (run on an (m, k) array, fan-ins it takes (None: any k >= 1), kinds it takes)
Path = Callable[[CircuitBuilder, int, np.ndarray], list[int]]
AND_OR_PATHS: dict[str, tuple[Path, tuple[int, ...] | None, tuple[int, ...]]] = {
    "gates": (lambda cb, kind, x: cb.gates(kind, x).tolist(), None, (AND, OR)),
    "gates (general sorting path)": (_general, None, (AND, OR)),
    "_gates_small": (
        lambda cb, kind, x: cb._gates_small(kind, x, *_consts(kind)).tolist(),
        None,
        (AND, OR),
    ),
    "_gates2": (
        lambda cb, kind, x: cb._gates2(kind, x[:, 0], x[:, 1], *_consts(kind)).tolist(),
        (2,),
        (AND, OR),
    ),
    "_gates_few": (
        lambda cb, kind, x: cb._gates_few(kind, x, *_consts(kind)).tolist(),
        tuple(range(1, 9)),
        (AND, OR),
    ),
    "_gates_sparse": (
        lambda cb, kind, x: cb._gates_sparse(kind, x, *_consts(kind)).tolist(),
        None,
        (AND, OR),
    ),
    "gates_t": (
        lambda cb, kind, x: cb.gates_t(kind, np.ascontiguousarray(x.T)).tolist(),
        None,
        (AND, OR),
    ),
    "gates_list": (lambda cb, kind, x: cb.gates_list(kind, x.tolist()), None, (AND, OR)),
    "and2": (lambda cb, kind, x: cb.and2(x[:, 0], x[:, 1]).tolist(), (2,), (AND,)),
    "and2_list": (
        lambda cb, kind, x: cb.and2_list(x[:, 0].tolist(), x[:, 1].tolist()),
        (2,),
        (AND,),
    ),
}
NOT_PATHS: dict[str, Callable[[CircuitBuilder, list[int]], list[int]]] = {
    "nots": lambda cb, xs: cb.nots(xs).tolist(),
    "nots_list": lambda cb, xs: cb.nots_list(list(xs)),
    "gate(NOT)": lambda cb, xs: [cb.gate(NOT, [x]) for x in xs],
}


def _run(data, n: int, path: str | None, not_path: str, share: bool = False) -> None:
    """Random batches through `path` (and NOT batches through `not_path`) and the reference.
    The two number new gates differently (a NOT batch is built in node order), so inputs are
    drawn among the builder's nodes and mapped to the reference's by what each call returned;
    that map must stay a function (one builder node, one reference node)."""
    cb = CircuitBuilder(n, share=share)
    ref = PlainFolder(n, share=share)
    to_ref = {v: v for v in range(n + 2)}  # constants and inputs are the same nodes
    for _ in range(data.draw(st.integers(1, 7), label="batches")):
        known = sorted(to_ref)
        node = st.sampled_from(known)
        if data.draw(st.booleans(), label="a NOT batch"):
            xs = data.draw(st.lists(node, min_size=1, max_size=6))
            got = NOT_PATHS[not_path](cb, xs)
            want = [ref.not_(to_ref[x]) for x in xs]
        else:
            run, fan_ins, kinds = AND_OR_PATHS[path] if path else AND_OR_PATHS["gates"]
            kind = data.draw(st.sampled_from(kinds), label="kind")
            k = data.draw(st.sampled_from(fan_ins or tuple(range(1, 7))), label="fan-in")
            m = data.draw(st.integers(1, 6), label="gates")
            rows = data.draw(
                st.lists(st.lists(node, min_size=k, max_size=k), min_size=m, max_size=m)
            )
            got = run(cb, kind, np.asarray(rows, dtype=np.int64))
            want = fold_rows(ref, kind, [[to_ref[x] for x in row] for row in rows])
        assert cb.n_nodes == ref.n_nodes, "the path built a different number of gates"
        for g, w in zip(got, want, strict=True):
            assert to_ref.setdefault(g, w) == w, "one node of the path is two of the reference"
    for i, (g, w) in enumerate(sorted(to_ref.items())):
        cb.output(g, f"y{i}")
        ref.output(w, f"y{i}")
    fast, slow = cb.build(), ref.build()
    fast.check()
    slow.check()
    assert fast.n_gates == slow.n_gates
    inputs = all_inputs(n)
    assert np.array_equal(fast.evaluate_batch(inputs), slow.evaluate_batch(inputs))


@pytest.mark.parametrize("path", sorted(AND_OR_PATHS))
@settings(max_examples=25, deadline=None)
@given(st.data(), st.integers(1, 4), st.sampled_from(sorted(NOT_PATHS)))
def test_and_or_path_against_the_plain_folder(path, data, n, not_path) -> None:
    _run(data, n, path, not_path)


@pytest.mark.parametrize("not_path", sorted(NOT_PATHS))
@settings(max_examples=25, deadline=None)
@given(st.data(), st.integers(1, 4))
def test_not_path_against_the_plain_folder(not_path, data, n) -> None:
    _run(data, n, None, not_path)


@settings(max_examples=25, deadline=None)
@given(st.data(), st.integers(1, 4))
def test_structural_hashing_against_the_plain_folder(data, n) -> None:
    """`CircuitBuilder(share=True)` (what `simplify` uses) hashes like the reference."""
    _run(data, n, "gates", "nots", share=True)


def test_the_rules_on_hand_cases() -> None:
    f = PlainFolder(2)
    x1, x2 = 2, 3
    nx1 = f.not_(x1)
    assert f.not_(nx1) == x1 and f.not_(x1) == nx1 and f.not_(TRUE) == FALSE
    assert f.and_(x1, FALSE) == FALSE and f.or_(x1, TRUE) == TRUE
    assert f.and_(x1, TRUE) == x1 and f.or_(x2, FALSE) == x2 and f.and_() == TRUE
    assert f.and_(x1, nx1) == FALSE and f.or_(nx1, x1) == TRUE
    assert f.and_(x1, x1) == x1
    g = f.and_(x2, x1)
    assert f.gates[-1] == (AND, (x1, x2)) and f.and_(x1, x2) == g + 1  # no hashing
    shared = PlainFolder(2, share=True)
    assert shared.and_(x2, x1) == shared.and_(x1, x2, TRUE)
    f.output(g, "y")
    c = f.build()
    c.check()
    assert c.truth_table() == 0b1000
