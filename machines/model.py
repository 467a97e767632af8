"""The values of the machine language: a deterministic single-tape Turing machine and its parts.

A `Machine` is what `machines.parse` returns. Its transition table is fully expanded: symbol sets,
wildcards and the keep-state / keep-symbol shorthands of the language are resolved by the parser,
so every consumer reads `machine.delta(state, symbol)` and nothing else.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from tmnet.machines.errors import SourceLocation


class Move(enum.IntEnum):
    """Head moves. The integer value is the change of the head position."""

    L = -1
    S = 0
    R = 1


@dataclass(frozen=True)
class Transition:
    """delta(state, symbol) = (next_state, write, move); `location`: where it was written."""

    state: str
    symbol: str
    next_state: str
    write: str
    move: Move
    location: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Polynomial:
    """A polynomial in n with integer coefficients; `coefficients[k]` multiplies n**k."""

    coefficients: tuple[int, ...]

    def __post_init__(self) -> None:
        coeffs = list(self.coefficients)
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs.pop()
        object.__setattr__(self, "coefficients", tuple(coeffs) or (0,))

    def __call__(self, n: int) -> int:
        value = 0
        for c in reversed(self.coefficients):
            value = value * n + c
        return value

    @property
    def degree(self) -> int:
        return len(self.coefficients) - 1

    def __str__(self) -> str:
        terms = []
        for k in range(len(self.coefficients) - 1, -1, -1):
            c = self.coefficients[k]
            if c == 0 and len(self.coefficients) > 1:
                continue
            mono = "" if k == 0 else ("n" if k == 1 else f"n^{k}")
            if not mono:
                body = str(abs(c))
            elif abs(c) == 1:
                body = mono
            else:
                body = f"{abs(c)}*{mono}"
            sign = "-" if c < 0 else "+"
            terms.append((sign, body))
        if not terms:
            return "0"
        first_sign, first = terms[0]
        text = ("-" if first_sign == "-" else "") + first
        for sign, body in terms[1:]:
            text += f" {sign} {body}"
        return text


@dataclass(frozen=True)
class Output:
    """The output window of a function machine: tape cells first(n) .. stop(n) - 1 after it
    halts (docs/function-machines.md). Bit k of the output is 1 iff cell first(n) + k holds the
    symbol `1`; `output n + 1` is the first n + 1 cells, `output -10 : 4` a constant window."""

    first: Polynomial
    stop: Polynomial

    def cells(self, n: int) -> range:
        """The output cells on inputs of length n (empty when stop(n) <= first(n))."""
        return range(self.first(n), max(self.stop(n), self.first(n)))

    def __str__(self) -> str:
        return f"{self.first} : {self.stop}"


@dataclass(frozen=True)
class Machine:
    """A deterministic single-tape Turing machine with its time bound T(n).

    `transitions` maps (state, symbol) to a `Transition`; a missing pair halts and rejects.
    `left_bounded` selects the Sipser convention (a left move on cell 0 stays); otherwise the tape
    is infinite in both directions. See docs/language.md for the exact semantics.
    """

    name: str
    states: tuple[str, ...]
    input_alphabet: tuple[str, ...]
    tape_alphabet: tuple[str, ...]
    blank: str
    start: str
    accept: str
    reject: str
    transitions: Mapping[tuple[str, str], Transition] = field(hash=False)
    time: Polynomial
    left_bounded: bool = False
    description: str = ""
    source: str = field(default="<string>", compare=False)
    # A function machine declares an output window of tape cells (docs/function-machines.md);
    # None: the machine decides a language (its one output bit is the verdict).
    output: Output | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.transitions, MappingProxyType):
            object.__setattr__(self, "transitions", MappingProxyType(dict(self.transitions)))

    def delta(self, state: str, symbol: str) -> Transition | None:
        """The transition out of (state, symbol), or None: the machine halts and rejects."""
        return self.transitions.get((state, symbol))

    def time_bound(self, n: int) -> int:
        """T(n): the number of steps the machine may take on an input of length n."""
        return max(self.time(n), 0)

    def output_cells(self, n: int) -> range:
        """The output window on inputs of length n (empty for a machine with no output)."""
        return range(0) if self.output is None else self.output.cells(n)

    @property
    def halting_states(self) -> tuple[str, str]:
        return (self.accept, self.reject)
