"""Machines that compute functions (Machine.output, machines.functions): every library function
machine on every input up to n = 8 against a Python function, through the interpreter and
through the Cook-Levin network (every output bit, exact simulator), and the output header."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import machines_strategy

from tmnet import simulate
from tmnet.cli import main
from tmnet.machines import MachineError, encoding, library, parse
from tmnet.machines.functions import bits_of, output_of, output_table
from tmnet.machines.model import Output, Polynomial
from tmnet.machines.parser import parse_output
from tmnet.machines.writer import to_tm
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.tableau import build_tableau, folded_bound, tableau_size
from tmnet.uniform.verify import verify

MAX_N = 8


def _value(bits: str) -> int:
    """A binary number written least significant bit first."""
    return sum(int(c) << i for i, c in enumerate(bits))


def _lsb(value: int, m: int) -> tuple[int, ...]:
    return tuple((value >> i) & 1 for i in range(m))


def _busy_beaver(code: str, window_first: int, window_extra: int):
    """The final tape of a bbchallenge machine on w, by a plain dict simulation (reference)."""
    groups = code.split("_")

    def f(w: str) -> tuple[int, ...]:
        tape = {i: int(c) for i, c in enumerate(w)}
        head, state = 0, "A"
        while True:
            t = groups[ord(state) - 65][3 * tape.get(head, 0) : 3 * tape.get(head, 0) + 3]
            tape[head] = int(t[0])
            head += 1 if t[1] == "R" else -1
            state = t[2]
            if ord(state) - 65 >= len(groups):
                break
        return tuple(tape.get(c, 0) for c in range(window_first, len(w) + window_extra))

    return f


FUNCTIONS = {
    "increment": lambda w: _lsb(_value(w) + 1, len(w) + 1),
    "add_halves": lambda w: _lsb(
        _value(w[: (len(w) + 1) // 2]) + _value(w[(len(w) + 1) // 2 :]), len(w)
    ),
    "unary_to_binary": lambda w: _lsb(len(w), len(w)),
    "bb2": _busy_beaver("1RB1LB_1LA1RZ", -2, 2),
    "bb3": _busy_beaver("1RB1RZ_1LB0RC_1LC1LA", -1, 4),
    "bb4": _busy_beaver("1RB1LB_1LA0LC_1RZ1LD_1RD0RA", -10, 4),
}


def test_the_library_holds_the_function_machines_of_the_issue():
    assert set(FUNCTIONS) == set(library.function_names())
    assert not set(FUNCTIONS) & set(library.names())  # deciders and functions kept apart


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_input_up_to_8_matches_the_python_function(name):
    m = library.load(name)
    assert m.output is not None and m.description.startswith(name)
    for n in range(MAX_N + 1):
        for letters in itertools.product(m.input_alphabet, repeat=n):
            w = "".join(letters)
            result, out = output_of(m, w)
            assert result.accepted, (name, w)
            assert result.steps <= m.time_bound(n)
            assert bits_of(out) == FUNCTIONS[name](w), (name, w, out)


def test_busy_beavers_documented_counts_on_the_empty_input():
    for name, steps, ones in (("bb2", 6, 4), ("bb3", 21, 5), ("bb4", 107, 13)):
        r, out = output_of(library.load(name), "")
        assert (r.steps, out.count("1")) == (steps, ones)


NETWORK_N = {"increment": 8, "add_halves": 8, "unary_to_binary": 8, "bb2": 8, "bb3": 8, "bb4": 2}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_cook_levin_network_computes_every_output_bit(name):
    m = library.load(name)
    gadgets = "compact" if name in ("add_halves", "unary_to_binary", "bb4") else "paper"
    for n in range(NETWORK_N[name] + 1):
        report = verify(cook_levin(m, gadgets=gadgets), m, n)
        assert report.ok and report.exhaustive, (name, n)
        assert report.output_bits == len(m.output_cells(n))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_network_outputs_equal_the_python_function(name):
    m = library.load(name)
    n = min(NETWORK_N[name], 5)
    net = cook_levin(m, gadgets="compact").network(n)
    x = simulate.all_inputs(encoding.input_bits(m, n))
    got = np.asarray(simulate.simulate_batch(net, x, mode="batch"))[:, 1:].astype(int)
    for row, bits in zip(x, got, strict=True):
        w = encoding.decode_bits(m, [int(b) for b in row])
        want = FUNCTIONS[name](w) if w is not None else (0,) * len(m.output_cells(n))
        assert tuple(bits) == want


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_tableau_sizes_count_the_output_row(name):
    m = library.load(name)
    for n in range(4):
        T = min(m.time_bound(n), 40)
        size = build_tableau(m, n, T, fold=False).circuit.sizes()
        exact = tableau_size(m, n, T)
        assert (size.gates, size.wires) == (exact.gates, exact.wires)
        folded = build_tableau(m, n, T, fold=True).circuit.sizes()
        assert folded.gates <= folded_bound(m, n, T).gates


def test_output_cells_beyond_the_heads_reach_read_the_input():
    m = library.load("bb3")  # T = 21: cells 22.. of a long input are never reached
    n = 25
    tab = build_tableau(m, n, m.time_bound(n))
    rows = np.zeros((1, n), dtype=np.uint8)  # the word 1^n ("1" is the first symbol: code 0)
    got = tab.circuit.evaluate_batch(rows)[0, 1:]
    assert tuple(int(b) for b in got) == FUNCTIONS["bb3"]("1" * n)
    big = tableau_size(m, n, m.time_bound(n))
    unfolded = build_tableau(m, n, m.time_bound(n), fold=False).circuit.sizes()
    assert (unfolded.gates, unfolded.wires) == (big.gates, big.wires)


WRITES_INTO_REJECT = """
input 0 1
tape 0 1 _
blank _
start s
accept acc
reject rej
time n + 1
output n
s 0 -> s 1 R
s 1 -> rej 0 S
s _ -> acc _ S
"""


def test_a_write_into_reject_reaches_the_output_row():
    m = parse(WRITES_INTO_REJECT, "w.tm")
    for n in range(6):
        assert verify(cook_levin(m), m, n).ok
    r, out = output_of(m, "001")
    assert not r.accepted and out == "110"


def test_output_header_parses_and_round_trips():
    m = parse(WRITES_INTO_REJECT.replace("output n", "output -2 : n^2 + 1"), "o.tm")
    assert list(m.output_cells(3)) == list(range(-2, 10))
    assert parse(to_tm(m)) == m.__class__(**{**m.__dict__, "states": parse(to_tm(m)).states})
    assert str(parse_output("n + 1")) == "0 : n + 1"
    with pytest.raises(MachineError) as info:
        parse(WRITES_INTO_REJECT.replace("output n", "output n\noutput 2"), "d.tm")
    assert "twice" in info.value.message and info.value.location.line == 10
    with pytest.raises(MachineError) as info:
        parse_output("n / 2")
    assert info.value.location is not None


def test_output_table_rows_are_zero_for_codes_naming_no_word():
    m = library.load("bb2")  # input alphabet {1}: one bit a symbol, code 0 names no word
    table = output_table(m, 2)
    assert table.shape == (4, 6) and table[0].any() and not table[1:].any()  # "1" has code 0


def test_cli_run_simulate_and_verify_show_the_output(tmp_path, capsys):
    assert main(["run", "add_halves", "1101"]) == 0
    assert "output '101e' (cells 0..3; bits 1010)" in capsys.readouterr().out
    assert main(["run", "increment", "11", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["output_bits"] == "001"
    net = tmp_path / "inc.net"
    assert main(["compile", "increment", "-n", "3", "-o", str(net)]) == 0
    capsys.readouterr()
    assert main(["simulate", str(net), "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "110  accept=1 output=0010" in lines and len(lines) == 8
    assert main(["verify", "unary_to_binary", "-n", "5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["output_bits"] == 5


@settings(max_examples=25, deadline=None)
@given(
    machines_strategy(max_states=3),
    st.integers(-3, 1),
    st.integers(0, 3),
    st.sampled_from(["paper", "compact"]),
)
def test_random_function_machines_every_output_bit(machine, first, extra, gadgets):
    """Random machines (writes into reject, left-bounded tapes, missing transitions) given an
    output window: the printed network's every bit equals the interpreter's tape."""
    m = replace(machine, output=Output(Polynomial((first,)), Polynomial((extra, 1))))
    for n in range(3):
        report = verify(cook_levin(m, gadgets=gadgets), m, n)
        assert not report.disagreements, (n, report.disagreements[:1])
