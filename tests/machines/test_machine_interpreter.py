"""The interpreter: semantics pinned on small machines, `run` against the dict-based `trace`
on library and random machines, tape growth, time-outs and bad words."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

from tmnet import machines
from tmnet.machines import Outcome, library
from tmnet.machines.errors import BadWordError

HEADER = """input 0 1
tape 0 1 _
blank _
start q
accept acc
reject rej
time {time}
"""


def make(body: str, time: str = "n + 1", extra: str = "") -> machines.Machine:
    return machines.parse(HEADER.format(time=time) + extra + body)


def last(machine, word, max_steps=None):
    configs = list(machines.trace(machine, word, max_steps))
    return configs[-1], len(configs) - 1


def test_parity_example_and_its_trace():
    m = library.load("parity")
    r = machines.run(m, "1011")
    assert (r.outcome, r.steps, r.state, r.head, r.tape, r.offset) == (
        Outcome.ACCEPT,
        5,
        "acc",
        4,
        "1011_",
        0,
    )
    assert r.max_steps == 5 and r.accepted
    configs = list(machines.trace(m, "10"))
    assert [c.render().split() for c in configs] == [
        ["0", "even:", "[1]0"],
        ["1", "odd:", "1[0]"],
        ["2", "odd:", "10[_]"],
        ["3", "acc:", "10[_]"],
    ]
    assert Outcome.ACCEPT.value == "accept" and Outcome.TIMEOUT.code == 2


def test_empty_word_starts_on_a_blank():
    r = machines.run(library.load("parity"), "")
    assert (r.outcome, r.steps, r.head, r.tape) == (Outcome.REJECT, 1, 0, "_")


def test_missing_transition_rejects_without_a_step_and_keeps_its_state():
    m = make("q 0 -> q 0 R\n")  # no transition on 1 nor on the blank
    r = machines.run(m, "001")
    assert (r.outcome, r.steps, r.state, r.head) == (Outcome.REJECT, 2, "q", 2)
    assert last(m, "001")[1] == 2


def test_timeout_after_max_steps_and_the_entering_step_counts():
    loop = make("q * -> * * R\n", time="3")
    r = machines.run(loop, "0")
    assert (r.outcome, r.steps, r.head) == (Outcome.TIMEOUT, 3, 3)
    assert machines.run(loop, "0", max_steps=0).steps == 0
    accept_at_three = make("q * -> r * R\nr * -> s * R\ns * -> acc * R\n", time="3")
    assert machines.run(accept_at_three, "").outcome is Outcome.ACCEPT
    assert machines.run(accept_at_three, "", max_steps=2).outcome is Outcome.TIMEOUT
    with pytest.raises(ValueError):
        machines.run(loop, "0", max_steps=-1)


def test_left_bounded_tape_stays_on_cell_zero():
    body = "q 0 -> r 1 L\nr 1 -> acc * S\n"
    two_way = make(body)
    bounded = make(body, extra="tape left-bounded\n")
    assert bounded.left_bounded and not two_way.left_bounded
    assert machines.run(bounded, "0").outcome is Outcome.ACCEPT  # stayed on the 1 it wrote
    r = machines.run(two_way, "0")
    assert (r.outcome, r.head, r.offset, r.tape) == (Outcome.REJECT, -1, -1, "_1")


def test_bad_word_is_a_machine_error():
    with pytest.raises(BadWordError) as err:
        machines.run(library.load("parity"), "10a1")
    assert "'a'" in err.value.message and "position 3" in err.value.message
    with pytest.raises(BadWordError):
        list(machines.trace(library.load("parity"), "_"))


@pytest.mark.parametrize("left_bounded", [False, True])
def test_long_runs_do_not_slow_down_as_the_tape_grows(left_bounded):
    # A machine that walks right forever writing 1s: the tape grows to 200k cells.
    m = make("q * -> q 1 R\n", time="1", extra="tape left-bounded\n" if left_bounded else "")
    walker_left = make("q * -> q 1 L\n", time="1")
    for machine in (m, walker_left):
        t0 = time.perf_counter()
        r = machines.run(machine, "", max_steps=200_000)
        assert r.outcome is Outcome.TIMEOUT and r.steps == 200_000
        assert len(r.tape) == 200_001 and r.tape.count("1") == 200_000  # and the head cell
        assert time.perf_counter() - t0 < 5  # generous: a quadratic tape would take minutes


def _agree(machine, word, max_steps=None):
    r = machines.run(machine, word, max_steps)
    final, steps = last(machine, word, max_steps)
    assert (r.steps, r.state, r.head, r.tape, r.offset) == (
        steps,
        final.state,
        final.head,
        final.tape,
        final.offset,
    )
    scanned = final.tape[final.head - final.offset]
    if final.state == machine.accept:
        assert r.outcome is Outcome.ACCEPT
    elif final.state == machine.reject or machine.delta(final.state, scanned) is None:
        # the boundary rule: a missing transition rejects, at steps == max_steps too
        assert r.outcome is Outcome.REJECT
    else:
        assert r.outcome is Outcome.TIMEOUT


@pytest.mark.parametrize("name", library.names())
def test_run_agrees_with_trace_on_library_machines(name):
    m = library.load(name)
    a, b = m.input_alphabet[:2]
    for word in ["", a, b, a * 3 + b * 3, (a + b) * 4, b + a * 5 + b]:
        _agree(m, word)
        _agree(m, word, max_steps=3)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), machine=machines_strategy())
def test_run_agrees_with_trace_on_random_machines(data, machine):
    word = data.draw(st.text(alphabet=st.sampled_from(machine.input_alphabet), max_size=6))
    _agree(machine, word)
    _agree(machine, word, max_steps=data.draw(st.integers(0, 40)))
