"""The circuit IR: folding builder, evaluation (single and batch), sizes, simplification."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, CircuitBuilder, from_gates, simplify


def _all(n: int) -> np.ndarray:
    idx = np.arange(2**n)
    return ((idx[:, None] >> np.arange(n)) & 1).astype(np.uint8)


def test_folding_rules() -> None:
    b = CircuitBuilder(2)
    x1, x2 = b.input(1), b.input(2)
    nx1 = b.not_(x1)
    assert b.not_(nx1) == x1  # double negation
    assert b.not_(x1) == nx1  # NOT gates are shared
    assert b.and_(x1, FALSE) == FALSE and b.or_(x1, TRUE) == TRUE
    assert b.and_(x1, TRUE) == x1 and b.or_(x2, FALSE) == x2
    assert b.and_(x1, nx1) == FALSE and b.or_(x1, nx1) == TRUE  # complements
    assert b.and_(x1, x1) == x1  # duplicates
    assert b.not_(TRUE) == FALSE
    g = b.and_(x2, x1)
    b.output(g, "y")
    c = b.build()
    assert c.normalized and c.n_gates == 2  # NOT x1 and the AND
    assert c.gate(g) == (AND, (x1, x2))  # fan-in sorted


def test_evaluate_single_and_batch_agree_with_python() -> None:
    c = from_gates(
        3,
        [(AND, [2, 3]), (NOT, [4]), (OR, [5, 6, 2])],
        {"y": 7, "z": 6},
    )
    inputs = _all(3)
    out = c.evaluate_batch(inputs)
    for i, (x1, x2, x3) in enumerate(inputs.tolist()):
        y = (x1 and x2) or (not x3) or x1
        assert out[i].tolist() == [int(y), int(not x3)]
        assert c.evaluate([x1, x2, x3]) == {"y": int(y), "z": int(not x3)}
    s = c.sizes()
    assert (s.gates, s.and_gates, s.or_gates, s.not_gates) == (3, 1, 1, 1)
    assert (s.wires, s.depth, s.max_fan_in) == (6, 2, 3)


def test_batch_over_64_inputs_uses_several_words() -> None:
    b = CircuitBuilder(7)
    b.output(b.gate(OR, [b.input(k) for k in range(1, 8)]), "any")
    c = b.build()
    out = c.evaluate_batch(_all(7))[:, 0]
    assert out[0] == 0 and out[1:].all() and len(out) == 128


@st.composite
def random_circuits(draw):
    n = draw(st.integers(1, 4))
    gates = []
    for g in range(draw(st.integers(1, 12))):
        avail = n + 2 + g
        kind = draw(st.sampled_from([AND, OR, NOT]))
        k = 1 if kind == NOT else draw(st.integers(1, 4))
        gates.append((kind, [draw(st.integers(0, avail - 1)) for _ in range(k)]))
    last = n + 1 + len(gates)
    return from_gates(n, gates, {"y": last})


@settings(max_examples=60, deadline=None)
@given(random_circuits())
def test_simplify_keeps_the_function_and_never_grows(c) -> None:
    s = simplify(c)
    assert s.truth_table() == c.truth_table()
    assert s.n_gates <= c.n_gates
    assert s.normalized
    # the fold is idempotent
    assert simplify(s).n_gates == s.n_gates


def test_simplify_shares_identical_gates_and_drops_dead_ones() -> None:
    c = from_gates(2, [(AND, [2, 3]), (AND, [3, 2]), (OR, [4, 5]), (NOT, [2])], {"y": 6})
    s = simplify(c)
    assert s.n_gates == 1 and s.sizes().and_gates == 1  # OR(a, a) = a, NOT x1 is dead
    for bits in itertools.product((0, 1), repeat=2):
        assert s.evaluate(bits) == c.evaluate(bits)


def _random_batches(seed: int, fast: bool):
    """A random sequence of folded batches (constants, repeats, NOTs, complements, padding)."""
    rng = np.random.default_rng(seed)
    b = CircuitBuilder(6, fold=True)
    b._fast_paths = fast
    nodes = list(range(8))
    results = []
    for _ in range(12):
        pool = np.array(nodes)
        if rng.random() < 0.3:
            out = b.nots(rng.choice(pool, size=int(rng.integers(1, 6))))
        else:
            m = int(rng.choice([1, 3, 9, 40, 300]))
            k = int(rng.choice([1, 2, 3, 5]))
            x = rng.choice(pool, size=(m, k))
            x[rng.random((m, k)) < 0.2] = rng.integers(0, 2)  # constants
            out = b.gates(int(rng.choice([AND, OR])), x)
        results.append(out.tolist())
        nodes = sorted(set(nodes) | set(out.tolist()))
    b.output(int(nodes[-1]))
    return b.build(), results


@pytest.mark.parametrize("seed", range(40))
def test_fast_folding_paths_equal_the_general_path(seed):
    fast, fast_out = _random_batches(seed, True)
    ref, ref_out = _random_batches(seed, False)
    assert fast_out == ref_out
    assert np.array_equal(fast.kinds, ref.kinds)
    assert np.array_equal(fast.indptr, ref.indptr)
    assert np.array_equal(fast.fanin, ref.fanin)
    assert np.array_equal(fast.batches, ref.batches)
