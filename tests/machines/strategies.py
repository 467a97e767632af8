"""Hypothesis strategies for random machines, shared by every package's differential tests.

`machines_strategy()` draws small deterministic machines: 1-4 running states, a binary input
alphabet (sometimes a three-letter one), one or two extra tape symbols, random (possibly
missing) transitions, both tape conventions, and a random time bound of degree 0-2.
"""

from __future__ import annotations

from hypothesis import strategies as st

from tmnet.machines.model import Machine, Move, Polynomial, Transition


@st.composite
def machines_strategy(
    draw: st.DrawFn,
    max_states: int = 4,
    binary: bool | None = None,
    max_time_coefficient: int = 3,
) -> Machine:
    """A small random `Machine` (see the module docstring)."""
    use_binary = draw(st.booleans()) if binary is None else binary
    inputs = ("0", "1") if use_binary else ("a", "b", "c")
    extra = draw(st.sampled_from([("x",), ("x", "y"), ()]))
    tape = (*inputs, *extra, "_")
    n_states = draw(st.integers(1, max_states))
    running = tuple(f"q{i}" for i in range(n_states))
    states = (*running, "acc", "rej")
    transitions: dict[tuple[str, str], Transition] = {}
    for state in running:
        for symbol in tape:
            if draw(st.integers(0, 9)) == 0:
                continue  # a missing transition: halt and reject
            target = draw(st.sampled_from(states))
            write = draw(st.sampled_from(tape))
            move = draw(st.sampled_from(list(Move)))
            transitions[(state, symbol)] = Transition(state, symbol, target, write, move)
    degree = draw(st.integers(0, 2))
    coefficients = tuple(
        draw(st.integers(0 if k < degree else 1, max_time_coefficient)) for k in range(degree + 1)
    )
    return Machine(
        name="random",
        states=states,
        input_alphabet=inputs,
        tape_alphabet=tape,
        blank="_",
        start="q0",
        accept="acc",
        reject="rej",
        transitions=transitions,
        time=Polynomial(coefficients),
        left_bounded=draw(st.booleans()),
    )


def words_strategy(machine: Machine, max_size: int = 8) -> st.SearchStrategy[str]:
    """Words over the machine's input alphabet."""
    return st.text(alphabet=st.sampled_from(machine.input_alphabet), max_size=max_size)


@st.composite
def circuits_strategy(draw: st.DrawFn, max_inputs: int = 4, max_gates: int = 10):
    """A small random unfolded `Circuit` (1..max_inputs inputs, 1..max_gates AND/OR/NOT gates
    reading any earlier node, constants included; output: the last gate), via `from_gates`."""
    from tmnet.uniform.circuit import AND, NOT, OR, from_gates

    n = draw(st.integers(1, max_inputs))
    gates = []
    for g in range(draw(st.integers(1, max_gates))):
        kind = draw(st.sampled_from([AND, OR, NOT]))
        k = 1 if kind == NOT else draw(st.integers(1, 4))
        gates.append((kind, [draw(st.integers(0, n + 1 + g)) for _ in range(k)]))
    return from_gates(n, gates, {"y": n + 1 + len(gates)})
