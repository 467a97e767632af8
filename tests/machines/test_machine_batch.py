"""The batched runner agrees with `run` on every input: library machines, random machines,
small chunks (which force the depth-first stack), non-binary alphabets and index order."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

import machines
from machines import ACCEPT, REJECT, TIMEOUT, library, run_all, run_batch
from machines.encoding import decode_bits, index_to_bits, input_bits


def reference(machine, n, max_steps=None):
    n_bits = input_bits(machine, n)
    outcomes, steps = [], []
    for i in range(1 << n_bits):
        word = decode_bits(machine, index_to_bits(i, n_bits))
        if word is None:
            outcomes.append(REJECT)
            steps.append(0)
            continue
        r = machines.run(machine, word, max_steps)
        outcomes.append(r.outcome.code)
        steps.append(r.steps)
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
    assert result.outcomes.tolist() == [machines.run(m, w).outcome.code for w in words]
    assert result.steps.tolist() == [machines.run(m, w).steps for w in words]
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
    runs = [machines.run(machine, w, max_steps) for w in words]
    assert result.outcomes.tolist() == [r.outcome.code for r in runs]
    assert result.steps.tolist() == [r.steps for r in runs]


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
