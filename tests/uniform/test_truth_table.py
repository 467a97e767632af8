"""Truth tables: the bit order (x1 = least significant bit of the index, T_f = sum f(i) 2^i, hex as
ABC's read_truth), the sub-tables of Algorithm 2, and the error paths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmnet.machines.encoding import bits_to_index, index_to_bits
from tmnet.uniform.errors import UniformError
from tmnet.uniform.truth_table import TruthTable, hex_digits


def test_and_of_two_bits_is_hex_8_as_in_abc():
    # ABC: `read_truth -x 8` is a 2-input AND: only row 3 (a = b = 1) is set.
    t = TruthTable.from_hex("8", 2)
    assert t.value == 8
    assert [t((a, b)) for b in (0, 1) for a in (0, 1)] == [0, 0, 0, 1]


def test_x1_is_the_least_significant_bit_of_the_index():
    # f = x1 alone on 2 bits: entries 1 and 3 are set -> T = 0b1010 = "a"
    t = TruthTable.from_predicate(lambda x: x[0], 2)
    assert t.to_hex() == "a"
    assert t.value == 0b1010
    # f = x2 alone: entries 2 and 3 -> 0b1100 = "c"
    assert TruthTable.from_predicate(lambda x: x[1], 2).to_hex() == "c"


def test_majority_of_three_is_e8():
    t = TruthTable.from_predicate(lambda x: sum(x) >= 2, 3)
    assert t.to_hex() == "e8"
    assert TruthTable.from_hex("E8", 3) == t


def test_binary_text_is_most_significant_first():
    t = TruthTable.from_bits("0001")  # the last character is f(0)
    assert t.n_bits == 2 and t.bit(0) == 1 and t.value == 1
    assert t.to_bits() == "0001"
    assert TruthTable.from_bits("1").n_bits == 0


def test_hex_digit_counts():
    assert [hex_digits(n) for n in range(5)] == [1, 1, 1, 2, 4]
    assert TruthTable(0, 1).to_hex() == "1"
    assert TruthTable(1, 2).to_hex() == "2"
    assert TruthTable(4, 0x1234).to_hex() == "1234"


@pytest.mark.parametrize(
    ("text", "n"),
    [("zz", 3), ("e", 3), ("e8e", 3), ("", 1), ("4", 1), ("2", 0), ("0x1g", 2), ("e8", -1)],
)
def test_bad_hex_is_a_uniform_error(text, n):
    with pytest.raises(UniformError):
        TruthTable.from_hex(text, n)


def test_hex_accepts_0x_prefix_and_whitespace():
    assert TruthTable.from_hex(" 0xe8\n", 3).value == 0xE8


@pytest.mark.parametrize("text", ["", "012", "101"])
def test_bad_bits_are_a_uniform_error(text):
    with pytest.raises(UniformError):
        TruthTable.from_bits(text)


def test_value_out_of_range_is_refused():
    with pytest.raises(UniformError):
        TruthTable(2, 16)
    with pytest.raises(UniformError):
        TruthTable(2, -1)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 9), seed=st.integers(0, 2**32))
def test_round_trips(n, seed):
    t = TruthTable.random(n, seed)
    assert TruthTable.from_hex(t.to_hex(), n) == t
    assert TruthTable.from_bits(t.to_bits()) == t
    arr = t.to_array()
    assert arr.shape == (1 << n,)
    assert TruthTable.from_array(arr) == t
    assert int(arr.sum()) == t.count_ones()
    i = seed % (1 << n)
    assert t(index_to_bits(i, n)) == t.bit(i) == arr[i]


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 9), data=st.data())
def test_restrict_low_fixes_the_first_h_inputs(n, data):
    """T_f(k) = sum_j f(k + j 2^h) 2^j: x1..xh = bits of k (x1 = bit 0), x_(h+1) = bit 0 of j."""
    t = TruthTable.random(n, data.draw(st.integers(0, 1000)))
    h = data.draw(st.integers(0, n))
    subs = t.restrict_low(h)
    assert len(subs) == 1 << h
    m = n - h
    for k, sub in enumerate(subs):
        assert 0 <= sub < 1 << (1 << m)
        for j in range(1 << m):
            x = index_to_bits(k, h) + index_to_bits(j, m)  # (x1..xh) then (x_(h+1)..xn)
            assert (sub >> j) & 1 == t(x)
            assert bits_to_index(x) == k + (j << h)


def test_restrict_low_small_example():
    # f on 2 bits with entries f(0..3) = 1, 0, 0, 1 (x1 XNOR x2): T = 0b1001
    t = TruthTable(2, 0b1001)
    # fixing x1 = 0: entries 0, 2 -> (1, 0) -> 0b01; fixing x1 = 1: entries 1, 3 -> (0, 1) -> 0b10
    assert t.restrict_low(1) == (0b01, 0b10)
    assert t.restrict_low(0) == (0b1001,)
    assert t.restrict_low(2) == (1, 0, 0, 1)
    assert t.restrict(1, 1) == TruthTable(1, 0b10)


def test_random_is_reproducible_and_seed_dependent():
    assert TruthTable.random(10, 7) == TruthTable.random(10, 7)
    assert TruthTable.random(10, 7) != TruthTable.random(10, 8)


def test_from_array_checks_shape_and_entries():
    with pytest.raises(UniformError):
        TruthTable.from_array([0, 1, 1])
    with pytest.raises(UniformError):
        TruthTable.from_array([0, 2])
    with pytest.raises(UniformError):
        TruthTable.from_array([0, 1], n_bits=2)
    assert TruthTable.from_array(np.array([True, False, False, True])).value == 0b1001


def test_large_table_restrict_is_bulk():
    # 2^20 entries: the bulk path must agree with direct big-integer slicing for a few k
    t = TruthTable.random(20, 3)
    subs = t.restrict_low(10)
    for k in (0, 1, 513, 1023):
        expected = sum(((t.value >> (k + (j << 10))) & 1) << j for j in range(0, 1024, 97))
        mask = sum(1 << j for j in range(0, 1024, 97))
        assert subs[k] & mask == expected
