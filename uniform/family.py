"""Network families {C_n}: a printer that, given n, prints the network for inputs of length n.

A family is P-uniform when its printer runs in time polynomial in n (Theorem 6.1's easy
direction, `uniform.cook_levin`); the lookup family of Theorem 4.1 (`uniform.lookup`) takes time
2^O(n). Both satisfy the `Family` protocol so verification, the command line and the benchmarks
treat them alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from tmnet.simulate.network import Network


@dataclass(frozen=True)
class Printed:
    """One printed member C_n of a family, with the time the printer took (seconds)."""

    n: int
    network: Network
    print_seconds: float
    timings: Mapping[str, float] = field(default_factory=dict)  # e.g. truth_table_seconds
    info: Mapping[str, object] = field(default_factory=dict)  # printer-specific sizes


@runtime_checkable
class Family(Protocol):
    """n -> C_n. `name` names the printer ("cook-levin" or "lookup")."""

    name: str

    def network(self, n: int) -> Network:
        """The network C_n for inputs of length n."""
        ...

    def print(self, n: int) -> Printed:
        """C_n together with the measured printing time."""
        ...

    def encode(self, word: str) -> tuple[int, ...]:
        """The network's input bits for a word of length n (see `machines.encoding`)."""
        ...


def with_alphabet(network: Network, alphabet: tuple[str, ...]) -> Network:
    """`network` recording the input alphabet its inputs encode (written as the `.net` file's
    `alphabet` line, so `tmnet simulate` takes words over it; docs/network-format.md)."""
    return replace(network, input_alphabet=tuple(alphabet))
