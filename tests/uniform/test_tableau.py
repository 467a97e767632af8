"""The Cook-Levin tableau: encoding details, exact size formula, folding, invalid codes."""

from __future__ import annotations

import numpy as np
import pytest

from tmnet import machines, simulate
from tmnet.machines import encoding, library
from tmnet.machines.model import Machine, Move, Polynomial, Transition
from tmnet.uniform.tableau import build_tableau, cell_range, folded_bound, layout, tableau_size


def _machine(**kw) -> Machine:
    base = dict(
        name="t",
        states=("q", "acc", "rej"),
        input_alphabet=("a", "b", "c"),
        tape_alphabet=("a", "b", "c", "_"),
        blank="_",
        start="q",
        accept="acc",
        reject="rej",
        transitions={
            ("q", "a"): Transition("q", "a", "q", "a", Move.R),
            ("q", "_"): Transition("q", "_", "acc", "_", Move.S),
        },
        time=Polynomial((1, 1)),
    )
    base.update(kw)
    return Machine(**base)


def test_three_letter_alphabet_invalid_codes_reject() -> None:
    """Sigma = {a, b, c}: two bits per symbol; code 3 names no symbol and must reject even
    where the head never reads it (a^n is accepted, anything with b or c rejected)."""
    m = _machine()
    for n in range(0, 4):
        c = build_tableau(m, n, m.time_bound(n)).circuit
        assert c.n_inputs == 2 * n
        truth = (machines.run_all(m, n).outcomes == 1).astype(np.uint8)
        assert np.array_equal(c.evaluate_batch(simulate.all_inputs(2 * n))[:, 0], truth)
        if n:
            bits = list(encoding.encode_word(m, "a" * n))
            assert c.evaluate(bits)["accept"] == 1
            bits[-2:] = [1, 1]  # last symbol: code 3
            assert c.evaluate(bits)["accept"] == 0


def test_cells_are_the_reachable_ones() -> None:
    m = library.load("parity")
    assert cell_range(m, 5) == (-5, 5)
    lb = _machine(left_bounded=True)
    assert cell_range(lb, 4) == (0, 4)
    t = build_tableau(lb, 3, 4, fold=False)
    assert t.cells == (0, 4)


def test_left_bounded_left_move_stays() -> None:
    """A left move on cell 0 stays: q0 moves L then reads the first symbol again."""
    trs = {
        ("q", "a"): Transition("q", "a", "p", "b", Move.L),
        ("p", "b"): Transition("p", "b", "acc", "b", Move.S),
    }
    for lb, want in ((True, 1), (False, 0)):
        m = _machine(
            states=("q", "p", "acc", "rej"), transitions=trs, left_bounded=lb, time=Polynomial((3,))
        )
        c = build_tableau(m, 1, 3).circuit
        assert c.evaluate(encoding.encode_word(m, "a"))["accept"] == want
        assert machines.run(m, "a").outcome.code == want


def test_exact_size_and_bound_for_every_library_machine() -> None:
    for name in library.names():
        m = library.load(name)
        for n in (0, 2, 5):
            T = m.time_bound(n)
            full = build_tableau(m, n, T, fold=False).circuit
            exact = tableau_size(m, n, T)
            assert (full.n_gates, full.n_wires) == (exact.gates, exact.wires), name
            folded = build_tableau(m, n, T).circuit
            bound = folded_bound(m, n, T)
            assert folded.n_gates <= bound.gates and folded.n_wires <= bound.wires, name
            assert folded.n_gates < full.n_gates or full.n_gates <= 2


def test_unfolded_is_quadratic_in_T() -> None:
    """Every gate family is W = 2T + 1 cells wide and T rows deep: the T^2 term dominates."""
    m = library.load("palindrome")
    lay = layout(m)
    sizes = [tableau_size(m, 10, T).gates for T in (100, 200, 400)]
    assert 3.9 < sizes[1] / sizes[0] < 4.1 and 3.9 < sizes[2] / sizes[1] < 4.1
    assert len(lay.states) == len(m.states) - 1  # every state but reject


def test_time_zero_and_start_accepting() -> None:
    m = _machine(start="acc")
    c = build_tableau(m, 2, 0).circuit
    assert c.evaluate(encoding.encode_word(m, "ab"))["accept"] == 1
    assert c.evaluate([1, 1, 0, 0])["accept"] == 0  # invalid code still rejects
    m2 = library.load("parity")
    c2 = build_tableau(m2, 3, 0).circuit
    assert c2.truth_table() == 0


@pytest.mark.parametrize("name", ["palindrome", "ww", "increment_check", "anbn"])
def test_left_bounded_variants_agree_with_the_interpreter(name):
    """The library machines on a left-bounded tape: a left move on cell 0 stays there. Once
    the folded head region has left cell 0 behind, that case must add nothing (this used to
    index outside the region)."""
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.verify import verify

    text = library.path(name).read_text(encoding="utf-8")
    m = machines.parse(text.replace("\nblank", "\ntape left-bounded\nblank", 1))
    assert m.left_bounded
    for gadgets in ("compact", "paper"):
        for n in (5, 7):
            report = verify(cook_levin(m, gadgets=gadgets), m, n)
            assert not report.disagreements and report.agree == report.checked
