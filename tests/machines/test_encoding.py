"""The bit-order convention of machines.encoding, pinned on concrete values."""

from tmnet.machines.encoding import (
    bits_per_symbol,
    bits_to_index,
    decode_bits,
    encode_word,
    index_to_bits,
    symbol_codes,
)
from tmnet.machines.model import Machine, Polynomial


def _machine(inputs: tuple[str, ...]) -> Machine:
    return Machine(
        name="m",
        states=("q", "acc", "rej"),
        input_alphabet=inputs,
        tape_alphabet=(*inputs, "_"),
        blank="_",
        start="q",
        accept="acc",
        reject="rej",
        transitions={},
        time=Polynomial((1,)),
    )


def test_x1_is_the_least_significant_bit_of_the_index():
    assert index_to_bits(1, 3) == (1, 0, 0)
    assert index_to_bits(6, 3) == (0, 1, 1)
    assert bits_to_index((1, 0, 1)) == 5
    assert all(bits_to_index(index_to_bits(i, 5)) == i for i in range(32))


def test_binary_alphabet_codes_are_symbol_values_whatever_the_declared_order():
    m = _machine(("1", "0"))
    assert symbol_codes(m) == {"0": 0, "1": 1}
    assert bits_per_symbol(m) == 1
    assert encode_word(m, "110") == (1, 1, 0)


def test_larger_alphabets_use_declaration_order_lsb_first_and_invalid_codes_decode_to_none():
    m = _machine(("a", "b", "c"))
    assert bits_per_symbol(m) == 2
    assert encode_word(m, "cab") == (0, 1, 0, 0, 1, 0)
    assert decode_bits(m, (0, 1, 0, 0, 1, 0)) == "cab"
    assert decode_bits(m, (1, 1)) is None  # code 3 names no symbol
    paren = _machine(("(", ")"))
    assert encode_word(paren, "()") == (0, 1)


def test_polynomial_evaluates_and_prints():
    p = Polynomial((2, 3, 1))
    assert p(0) == 2 and p(4) == 30
    assert str(p) == "n^2 + 3*n + 2"
    assert str(Polynomial((7,))) == "7"
    assert str(Polynomial((5, 2, 0, 0))) == "2*n + 5"
