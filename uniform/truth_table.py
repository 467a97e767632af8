"""Truth tables of boolean functions f: {0,1}^n -> {0,1} as exact big integers (Theorem 4.1).

The bit order is the one of `machines.encoding` (shared with the Cook-Levin printer and with
Berkeley ABC's `read_truth`):

* an input vector (x1..xn) has the index i = sum_k x_k 2**(k-1), so x1 is the LEAST significant
  bit of the index;
* the table is the integer T_f = sum_i f(i) 2**i (entry i is bit i of T_f);
* the hex and binary texts are T_f written most significant digit first, as ABC reads them:
  the last character holds f(0). A table on n bits has max(1, 2**n / 4) hex digits.

The paper writes T_f = (t_0 t_1 ... t_(2^n - 1))_2 (t_0 most significant) but Algorithm 1 pairs the
coefficient of 2**k with input index k; we take the second reading (see PAPER-NOTES item 2).

`restrict_low(h)` gives the sub-tables of Algorithm 2: T_f(k) for k = 0..2**h - 1 is the table of
f with the first h inputs x1..xh fixed to the bits of k (x1 = bit 0 of k), indexed by the
remaining inputs x_(h+1)..x_n (x_(h+1) least significant): T_f(k) = sum_j f(k + j 2**h) 2**j.
Everything is computed in bulk (numpy pack/unpack and transposes, Python big ints built from
bytes), never bit by bit in Python, so 2**24-entry tables take well under a second.
"""

from __future__ import annotations

import random as _random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tmnet.machines.encoding import bits_to_index, index_to_bits, input_bits
from tmnet.machines.model import Machine
from tmnet.uniform.errors import UniformError

_ACCEPT, _TIMEOUT = 1, 2  # machines.batch.BatchResult outcome codes
MAX_BITS = 30  # 2**30 entries = 128 MiB of table; more is not a printer anyone can run


def _check_n(n_bits: int) -> None:
    if not isinstance(n_bits, int) or isinstance(n_bits, bool) or n_bits < 0:
        raise UniformError(f"a truth table needs a number of input bits >= 0, got {n_bits!r}")
    if n_bits > MAX_BITS:
        raise UniformError(
            f"a truth table on {n_bits} bits has 2^{n_bits} entries; the limit is {MAX_BITS}"
        )


def hex_digits(n_bits: int) -> int:
    """The number of hex digits of a table on n_bits inputs (ABC: max(1, 2**n / 4))."""
    return max(1, (1 << n_bits) // 4)


def pack_bits(bits: np.ndarray) -> int:
    """The integer sum_i bits[i] 2**i of a 0/1 array (bulk: numpy packbits + int.from_bytes)."""
    packed = np.packbits(np.asarray(bits, dtype=bool), bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


def unpack_bits(value: int, length: int) -> np.ndarray:
    """The first `length` bits of `value` (bit i at position i) as a uint8 array."""
    raw = value.to_bytes((length + 7) // 8, "little")
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:length]


@dataclass(frozen=True)
class TruthTable:
    """f: {0,1}^n_bits -> {0,1} as T_f = sum_i f(i) 2**i (see the module docstring)."""

    n_bits: int
    value: int

    def __post_init__(self) -> None:
        _check_n(self.n_bits)
        if not isinstance(self.value, int) or not 0 <= self.value < 1 << self.size:
            raise UniformError(
                f"a truth table on {self.n_bits} bits is an integer in [0, 2^{self.size}), "
                f"got {self.value!r}"
            )

    @property
    def size(self) -> int:
        """2**n_bits, the number of entries."""
        return 1 << self.n_bits

    # constructors ----------------------------------------------------------------------------
    @classmethod
    def from_array(cls, bits: Sequence[int] | np.ndarray, n_bits: int | None = None) -> TruthTable:
        """From the entries f(0), f(1), ... in index order (a 0/1 array of length 2**n)."""
        arr = np.asarray(bits)
        length = arr.shape[0] if arr.ndim == 1 else -1
        if length < 1 or length & (length - 1):
            raise UniformError(f"a truth table has 2^n entries, got shape {arr.shape}")
        n = length.bit_length() - 1
        if n_bits is not None and n_bits != n:
            raise UniformError(f"{length} entries is not a table on {n_bits} bits")
        if arr.dtype != bool and not np.isin(arr, (0, 1)).all():
            raise UniformError("truth-table entries must be 0 or 1")
        return cls(n, pack_bits(arr))

    @classmethod
    def from_machine(
        cls,
        machine: Machine,
        n: int,
        on_timeout: str = "error",
        progress: Callable[[int, int], None] | None = None,
    ) -> TruthTable:
        """The table of the machine on words of length n: the exponential-time part of the
        Theorem 4.1 printer (`machines.run_all` runs it on all inputs). Entry i is 1 exactly when
        the machine accepts, within its time bound T(n), the word whose encoding has index i;
        codes naming no symbol are 0. A run that exceeds T(n) is a time-bound violation: a
        UniformError naming the word (on_timeout="error") or a 0 entry (on_timeout="reject",
        the tableau's "accepts within T(n)"). `progress(done, total)` is passed to run_all."""
        from tmnet.machines import run_all
        from tmnet.machines.encoding import decode_bits

        if on_timeout not in ("error", "reject"):
            raise ValueError(f"on_timeout must be 'error' or 'reject', not {on_timeout!r}")
        if n < 0:
            raise UniformError(f"n must be >= 0, got {n}")
        n_bits = input_bits(machine, n)
        _check_n(n_bits)
        result = run_all(machine, n) if progress is None else run_all(machine, n, progress=progress)
        outcomes = np.asarray(result.outcomes)
        if outcomes.shape != (1 << n_bits,):  # pragma: no cover - run_all's contract
            raise UniformError(f"run_all gave {outcomes.shape} outcomes for {n_bits} input bits")
        if on_timeout == "error":
            late = np.flatnonzero(outcomes == _TIMEOUT)
            if late.size:
                word = decode_bits(machine, index_to_bits(int(late[0]), n_bits))
                raise UniformError(
                    f"time-bound violation: {machine.name} does not halt within "
                    f"T({n}) = {machine.time_bound(n)} steps on {word!r} "
                    f"({late.size} of {outcomes.size} inputs)",
                    hint="fix the machine's time bound, or treat such runs as rejections "
                    '(`--on-timeout reject`; on_timeout="reject" in Python)',
                )
        return cls(n_bits, pack_bits(outcomes == _ACCEPT))

    @classmethod
    def from_hex(cls, text: str, n_bits: int) -> TruthTable:
        """From hex, most significant digit first, as ABC's `read_truth -x` reads it."""
        _check_n(n_bits)
        t = text.strip()
        if t[:2].lower() == "0x":
            t = t[2:]
        digits = hex_digits(n_bits)
        if not re.fullmatch(r"[0-9a-fA-F]+", t):
            raise UniformError(f"{text!r} is not a hexadecimal truth table")
        if len(t) != digits:
            raise UniformError(
                f"a truth table on {n_bits} bits has {digits} hex digits, got {len(t)}",
                hint="the digits are T_f most significant first: the last digit holds f(0..3)",
            )
        value = int(t, 16)
        if value >> (1 << n_bits):
            raise UniformError(
                f"{text!r} has bits above entry 2^{n_bits} - 1 = {(1 << n_bits) - 1}"
            )
        return cls(n_bits, value)

    @classmethod
    def from_bits(cls, text: str) -> TruthTable:
        """From a 0/1 string of length 2**n, most significant first (ABC: the last char is f(0))."""
        t = text.strip()
        if not t or not re.fullmatch(r"[01]+", t):
            raise UniformError(f"{text!r} is not a binary truth table")
        if len(t) & (len(t) - 1):
            raise UniformError(f"a truth table has 2^n entries, got {len(t)} characters")
        return cls(len(t).bit_length() - 1, int(t, 2))

    @classmethod
    def from_predicate(cls, fn: Callable[[tuple[int, ...]], object], n_bits: int) -> TruthTable:
        """f(x1..xn) = bool(fn((x1, ..., xn))) (Python-speed: for small n and tests)."""
        _check_n(n_bits)
        entries = [1 if fn(index_to_bits(i, n_bits)) else 0 for i in range(1 << n_bits)]
        return cls(n_bits, pack_bits(np.array(entries, dtype=bool)))

    @classmethod
    def random(cls, n_bits: int, seed: int) -> TruthTable:
        """A uniformly random f, reproducible from the seed (random.Random(seed))."""
        _check_n(n_bits)
        return cls(n_bits, _random.Random(seed).getrandbits(1 << n_bits))

    # queries -----------------------------------------------------------------------------------
    def bit(self, index: int) -> int:
        """f of the input with the given index (bit `index` of T_f)."""
        if not 0 <= index < self.size:
            raise IndexError(f"index {index} out of range for {self.n_bits} bits")
        return (self.value >> index) & 1

    def __call__(self, bits: Sequence[int]) -> int:
        """f(x1..xn) for the input bits (x1 first, x1 = least significant bit of the index)."""
        if len(bits) != self.n_bits:
            raise ValueError(f"{len(bits)} input bits for a table on {self.n_bits}")
        return self.bit(bits_to_index(bits))

    def to_array(self) -> np.ndarray:
        """The entries f(0), f(1), ..., f(2**n - 1) as a uint8 array."""
        return unpack_bits(self.value, self.size)

    def restrict_low(self, h: int) -> tuple[int, ...]:
        """The sub-tables T_f(k), k = 0..2**h - 1, with x1..xh fixed to the bits of k (x1 = bit 0)
        and indexed by x_(h+1)..x_n: T_f(k) = sum_j f(k + j 2**h) 2**j (Algorithm 2's weights).

        Bulk: the entries reshaped to (2**(n-h), 2**h), transposed, packed row by row."""
        if not 0 <= h <= self.n_bits:
            raise ValueError(f"h = {h} is not in 0..{self.n_bits}")
        m = self.n_bits - h
        cols = self.to_array().reshape(1 << m, 1 << h).T  # row k = entries k + j 2**h, j = 0..
        packed = np.packbits(np.ascontiguousarray(cols), axis=1, bitorder="little")
        return tuple(int.from_bytes(row.tobytes(), "little") for row in packed)

    def restrict(self, h: int, k: int) -> TruthTable:
        """T_f(k) of `restrict_low` as a table on the n - h remaining inputs."""
        if not 0 <= k < 1 << h:
            raise ValueError(f"k = {k} is not in 0..2^{h} - 1")
        return TruthTable(self.n_bits - h, self.restrict_low(h)[k])

    def to_hex(self) -> str:
        """Hex, most significant digit first, zero-padded (the text `from_hex` reads back)."""
        return format(self.value, f"0{hex_digits(self.n_bits)}x")

    def to_bits(self) -> str:
        """Binary, most significant first (the text `from_bits` reads back)."""
        return format(self.value, f"0{self.size}b")

    def count_ones(self) -> int:
        """|f^-1(1)|."""
        return self.value.bit_count()
