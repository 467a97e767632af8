"""How words become the bits a network reads, and the bit order of inputs and truth tables.

This is the one place the convention is written; `uniform` (both printers) and the tests use it.

* Network inputs are x1..xN. An input vector (x1..xN) has the **index** sum_k x_k * 2**(k-1):
  x1 is the least significant bit. Truth tables list f by index (entry i is f of the input whose
  index is i), and the integer form of a truth table is T_f = sum_i f(i) * 2**i. This matches
  Berkeley ABC's `read_truth`, where input `a` is bit 0 of the row index.
* A word w1..wn over the input alphabet uses b = bits_per_symbol(machine) inputs per symbol:
  symbol wi occupies x_{(i-1)*b+1} .. x_{i*b}, least significant bit first.
* Symbol codes: when the input alphabet is exactly {0, 1} the code of a symbol is its value;
  otherwise the k-th declared input symbol (from 0) has code k. b = max(1, ceil(log2 |Sigma|)).
  A code that names no symbol decodes to no word; the networks reject such inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

from tmnet.machines.model import Machine


def alphabet_codes(alphabet: Sequence[str]) -> dict[str, int]:
    """The code of each symbol of an input alphabet (see the module docstring)."""
    if set(alphabet) == {"0", "1"}:
        return {"0": 0, "1": 1}
    return {s: k for k, s in enumerate(alphabet)}


def alphabet_bits(alphabet: Sequence[str]) -> int:
    """b = max(1, ceil(log2 |alphabet|)): network inputs per symbol."""
    return max(1, (len(alphabet) - 1).bit_length())


def encode_over(alphabet: Sequence[str], word: Sequence[str]) -> tuple[int, ...]:
    """The input bits of a word over `alphabet` (a `.net` file's `alphabet` line, which the
    machine printers write); raises KeyError on a symbol outside it."""
    codes = alphabet_codes(alphabet)
    b = alphabet_bits(alphabet)
    return tuple((codes[symbol] >> j) & 1 for symbol in word for j in range(b))


def symbol_codes(machine: Machine) -> dict[str, int]:
    """The code of each input symbol (see the module docstring)."""
    return alphabet_codes(machine.input_alphabet)


def bits_per_symbol(machine: Machine) -> int:
    """b = max(1, ceil(log2 |Sigma|)): network inputs per input symbol."""
    return alphabet_bits(machine.input_alphabet)


def input_bits(machine: Machine, n: int) -> int:
    """The number of network inputs for words of length n."""
    return n * bits_per_symbol(machine)


def encode_word(machine: Machine, word: Sequence[str]) -> tuple[int, ...]:
    """The network input bits (x1..xN) of a word; raises KeyError on a symbol outside Sigma."""
    return encode_over(machine.input_alphabet, word)


def decode_bits(machine: Machine, bits: Sequence[int]) -> str | None:
    """The word whose encoding is `bits`, or None when some code names no symbol."""
    b = bits_per_symbol(machine)
    if len(bits) % b:
        raise ValueError(f"{len(bits)} bits is not a whole number of {b}-bit symbols")
    by_code = {code: s for s, code in symbol_codes(machine).items()}
    word = []
    for i in range(0, len(bits), b):
        code = sum(int(bits[i + j]) << j for j in range(b))
        symbol = by_code.get(code)
        if symbol is None:
            return None
        word.append(symbol)
    return "".join(word)


def index_to_bits(index: int, n_bits: int) -> tuple[int, ...]:
    """(x1..xN) of an input index: x_k = bit k-1 of the index."""
    return tuple((index >> k) & 1 for k in range(n_bits))


def bits_to_index(bits: Sequence[int]) -> int:
    """The index sum_k x_k 2**(k-1) of an input vector."""
    return sum(int(b) << k for k, b in enumerate(bits))
