"""The batched runner agrees with `run` on every input: library machines, random machines,
small chunks (which force the depth-first stack), non-binary alphabets and index order."""

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

from tmnet import machines
from tmnet.machines import ACCEPT, REJECT, TIMEOUT, batch, library, run_all, run_batch
from tmnet.machines.encoding import decode_bits, index_to_bits, input_bits


def oracle(machine, word, max_steps=None):
    """(outcome code, steps) under the boundary rule of docs/language.md (issue 16): a run that
    has no transition after exactly T steps halts and rejects; only a run in a non-halting
    state WITH a transition at step T times out. `run` with one more step of budget decides
    it under either version of `run`'s rule (before and after interpreter.py's own fix)."""
    limit = machine.time_bound(len(word)) if max_steps is None else max_steps
    r = machines.run(machine, word, limit + 1)
    if r.outcome is machines.Outcome.TIMEOUT or r.steps > limit:
        return TIMEOUT, limit
    return r.outcome.code, r.steps


def reference(machine, n, max_steps=None):
    n_bits = input_bits(machine, n)
    outcomes, steps = [], []
    for i in range(1 << n_bits):
        word = decode_bits(machine, index_to_bits(i, n_bits))
        if word is None:
            outcomes.append(REJECT)
            steps.append(0)
            continue
        o, s = oracle(machine, word, max_steps)
        outcomes.append(o)
        steps.append(s)
    return np.array(outcomes), np.array(steps)


def check(result, expected):
    outcomes, steps = expected
    assert result.outcomes.dtype == np.int8
    assert result.outcomes.tolist() == outcomes.tolist()
    assert result.steps.tolist() == steps.tolist()


@pytest.mark.parametrize("name", library.names())
def test_run_all_agrees_with_run_on_library_machines(name):
    m = library.load(name)
    for n in range(0, 7 if len(m.input_alphabet) == 2 else 5):
        expected = reference(m, n)
        check(run_all(m, n), expected)
        check(run_all(m, n, chunk=4), expected)
    check(run_all(m, 5, max_steps=4), reference(m, 5, 4))


def test_index_order_and_the_truth_table():
    m = library.load("contains101")
    result = run_all(m, 4)
    assert len(result) == 16
    # index 5 = bits x1=1, x2=0, x3=1, x4=0: the word 1010
    assert result.outcomes[5] == ACCEPT and result.accepted[5]
    assert result.accepted.tolist() == [
        "101" in decode_bits(m, index_to_bits(i, 4)) for i in range(16)
    ]
    assert Outcome_codes() == (ACCEPT, REJECT, TIMEOUT) == (1, 0, 2)


def Outcome_codes():  # noqa: N802 - a tiny helper named after what it returns
    return (
        machines.Outcome.ACCEPT.code,
        machines.Outcome.REJECT.code,
        machines.Outcome.TIMEOUT.code,
    )


def test_non_binary_alphabet_rejects_vectors_naming_no_symbol():
    m = machines.parse(
        """input a b c
tape a b c _
blank _
start q
accept acc
reject rej
time n + 1
q {a,b} -> q * R
q _ -> acc * S
"""
    )
    result = run_all(m, 3)
    assert len(result) == 64
    check(result, reference(m, 3))
    assert result.outcomes[0b111111] == REJECT and result.steps[0b111111] == 0
    assert result.outcomes[0b010001] == ACCEPT  # b a b


def test_progress_reaches_the_total():
    calls = []
    run_all(library.load("parity"), 10, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (1024, 1024)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_run_batch_any_lengths_and_bad_words():
    m = library.load("palindrome")
    words = ["", "0", "0110", "011", "1", "10101", "0110"]
    result = run_batch(m, words)
    assert result.outcomes.tolist() == [oracle(m, w)[0] for w in words]
    assert result.steps.tolist() == [oracle(m, w)[1] for w in words]
    assert run_batch(m, []).outcomes.tolist() == []
    with pytest.raises(machines.MachineError):
        run_batch(m, ["012"])


@settings(max_examples=100, deadline=None)
@given(machine=machines_strategy(), n=st.integers(0, 5), data=st.data())
def test_random_machines_agree_with_run(machine, n, data):
    max_steps = data.draw(st.one_of(st.none(), st.integers(0, 30)))
    expected = reference(machine, n, max_steps)
    check(
        run_all(machine, n, max_steps, chunk=data.draw(st.sampled_from([4, 8, 1 << 16]))), expected
    )
    words = ["".join(w) for w in itertools.product(machine.input_alphabet, repeat=min(n, 3))]
    result = run_batch(machine, words, max_steps)
    runs = [oracle(machine, w, max_steps) for w in words]
    assert result.outcomes.tolist() == [o for o, _ in runs]
    assert result.steps.tolist() == [s for _, s in runs]


def test_regression_bounce_and_tail_split_in_the_same_step():
    # A left-bounded bounce and a branch at the same step once mixed up row order.
    m = machines.parse(
        """input a b c
tape a b c _
tape left-bounded
blank _
start q0
accept acc
reject rej
time 1
q0 a -> q1 a R
q0 b -> q0 a L
q1 _ -> acc * S
"""
    )
    for chunk in (4, 1 << 16):
        check(run_all(m, 3, max_steps=2, chunk=chunk), reference(m, 3, 2))
        check(run_all(m, 4, max_steps=6, chunk=chunk), reference(m, 4, 6))


# --- the one-way fast path (machines/batch.py, `_one_way_plan`) ---------------------------------


def one_way(machine, data=None):
    """The machine with every running transition on an input symbol turned into an R move.

    With `data`, one such transition may be bent back to L or S afterwards: the machine then
    looks one-way at a glance but is not (when that state is reachable on input cells).
    """
    running = set(machine.states) - {machine.accept, machine.reject}
    transitions = dict(machine.transitions)
    for key, t in machine.transitions.items():
        if t.symbol in machine.input_alphabet and t.next_state in running:
            transitions[key] = dataclasses.replace(t, move=machines.Move.R)
    if data is not None:
        keys = sorted(k for k, t in transitions.items() if t.move is machines.Move.R)
        if keys:
            key = data.draw(st.sampled_from(keys))
            move = data.draw(st.sampled_from([machines.Move.L, machines.Move.S]))
            transitions[key] = dataclasses.replace(transitions[key], move=move)
    return dataclasses.replace(machine, transitions=transitions)


def check_both(machine, n, max_steps=None, chunk=1 << 16):
    expected = reference(machine, n, max_steps)
    check(run_all(machine, n, max_steps, chunk=chunk), expected)
    words = ["".join(w) for w in itertools.product(machine.input_alphabet, repeat=min(n, 4))]
    result = run_batch(machine, words, max_steps)
    runs = [oracle(machine, w, max_steps) for w in words]
    assert result.outcomes.tolist() == [o for o, _ in runs]
    assert result.steps.tolist() == [s for _, s in runs]


@pytest.mark.parametrize("name", ["parity", "div3", "contains101", "sorted", "first_equals_last"])
def test_linear_library_machines_take_the_one_way_path(name):
    m = library.load(name)
    for n in (0, 1, 5, 12):
        assert batch._one_way_plan(m, n, m.time_bound(n)) is not None
    check(run_all(m, 9), reference(m, 9))


def test_first_equals_last_needs_one_cell_of_lookback():
    m = library.load("first_equals_last")
    plan = batch._one_way_plan(m, 6, m.time_bound(6))
    q = machines.compile_machine(m).n_running
    nb = q + 2 * (6 + 1)
    assert len(plan.outcome) == nb * 3  # the codes carry the last written cell: k = 1


@pytest.mark.parametrize("name", ["palindrome", "anbn", "ww", "increment_check"])
def test_machines_that_come_back_over_the_input_fall_back(name):
    m = library.load(name)
    cm = machines.compile_machine(m)
    assert batch._one_way_states(cm) is not None  # one-way while reading ...
    assert batch._one_way_plan(m, 10, m.time_bound(10)) is None  # ... but they come back
    check(run_all(m, 6), reference(m, 6))


STAY = """
input 0 1
tape 0 1 _
blank _
start a
accept acc
reject rej
time 2*n + 1
a 0 -> b * R
a 1 -> a 0 S     # a stay on an input cell: not one-way
b {0,1} -> a * R
{a,b} _ -> acc * S
"""

LOOKBACK2 = """
input 0 1
tape 0 1 x _
blank _
start go
accept acc
reject rej
time n + 3
go 0 -> go x R
go 1 -> go * R
go _ -> back1 * L
back1 * -> back2 * L
back2 x -> acc * S
back2 1 -> rej * S
unused 0 -> unused * L   # never reached: does not spoil the fast path
"""


def test_stay_on_an_input_cell_is_not_one_way():
    m = machines.parse(STAY)
    assert batch._one_way_states(machines.compile_machine(m)) is None
    for n in range(6):
        check_both(m, n)


def test_two_cells_of_lookback_and_an_unreachable_left_move():
    m = machines.parse(LOOKBACK2)
    plan = batch._one_way_plan(m, 7, m.time_bound(7))
    assert plan is not None
    for n in range(8):
        check_both(m, n)
        check_both(m, n, chunk=2)
    for max_steps in (0, 1, 3, 9, 10):  # budgets that end inside and after the input
        check_both(m, 7, max_steps)


def test_the_fast_path_keeps_progress_and_memory_bounds():
    m = library.load("div3")
    calls = []
    result = run_all(m, 12, chunk=64, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (4096, 4096)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) > 16  # reported block by block
    check(result, reference(m, 12))


def test_a_halting_start_state():
    m = machines.parse(STAY)
    for start in (m.accept, m.reject):
        h = dataclasses.replace(m, start=start)
        assert batch._one_way_plan(h, 3, 7) is not None
        check_both(h, 3)


def test_fallbacks_when_codes_or_continuations_are_too_big(monkeypatch):
    m = machines.parse(LOOKBACK2)
    monkeypatch.setattr(batch, "_SIM_STEPS", 1)
    assert batch._one_way_plan(m, 5, m.time_bound(5)) is None
    check_both(m, 5)
    monkeypatch.undo()
    monkeypatch.setattr(batch, "_MAX_CODES", 16)
    assert batch._one_way_plan(m, 5, m.time_bound(5)) is None
    check_both(m, 5)


def test_run_batch_encodes_words_in_bulk():
    m = library.load("balanced")
    words = ["", "()", "(())", ")(", "(()", "()()", "((((", "()"]
    result = run_batch(m, words)
    assert result.outcomes.tolist() == [oracle(m, w)[0] for w in words]
    assert result.steps.tolist() == [oracle(m, w)[1] for w in words]
    with pytest.raises(machines.MachineError, match="position 3"):
        run_batch(m, ["()", "(()", "((x", "())"])  # the bad word among its length


@settings(max_examples=80, deadline=None)
@given(machine=machines_strategy(), n=st.integers(0, 5), data=st.data())
def test_random_one_way_machines_agree_with_run(machine, n, data):
    m = one_way(machine)
    assert batch._one_way_states(machines.compile_machine(m)) is not None
    max_steps = data.draw(st.one_of(st.none(), st.integers(0, 12)))
    check_both(m, n, max_steps, chunk=data.draw(st.sampled_from([2, 8, 1 << 16])))


@settings(max_examples=60, deadline=None)
@given(machine=machines_strategy(), n=st.integers(0, 5), data=st.data())
def test_random_almost_one_way_machines_agree_with_run(machine, n, data):
    m = one_way(machine, data)
    max_steps = data.draw(st.one_of(st.none(), st.integers(0, 12)))
    check_both(m, n, max_steps, chunk=data.draw(st.sampled_from([2, 1 << 16])))
