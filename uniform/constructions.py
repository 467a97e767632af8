"""The registry of truth-table constructions, and the families that print them.

Every construction turns a `TruthTable` into a ReLU network computing it; they differ in what
they pay with (Sections 4, 5 and 7 of the paper, docs/constructions.md):

* ``lookup``: Theorem 4.1 (`uniform.lookup`), O(2^(n/2)) neurons of constant fan-in, weights
  of 2^(n/2) bits;
* ``lookup-parallel``: the same with its reading split into r chains (`uniform.lookup_parallel`,
  Section 7 question 3): more neurons, less depth, shorter weights;
* ``lupanov``: Lupanov's circuit (`uniform.lupanov`, Section 5): O(2^n/n) neurons of fan-in 2,
  weights of one bit, p-SIZE O(2^n/n);
* ``twolayer``: the shallow minterm network (`uniform.twolayer`, the paper's line 40): about
  2 * 2^(n/2) neurons of unbounded fan-in, weights in {-1, 0, 1}, about 2^n edges.

`PRINTERS` adds the Cook-Levin printer, which compiles a machine rather than a table, so that
`tmnet verify --printer NAME` takes any of them (`machine_family`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from tmnet.machines.model import Machine
from tmnet.simulate.network import Network
from tmnet.uniform import lookup, lookup_parallel, lupanov, twolayer
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Family, Printed, with_alphabet
from tmnet.uniform.lookup import LookupFamily, TableFamily
from tmnet.uniform.truth_table import TruthTable

# (table, gadgets, chains) -> network; chains is r for lookup-parallel, ignored by the others
Builder = Callable[[TruthTable, str, "int | None"], Network]


def best_chains(n: int, gadgets: str = "compact") -> int:
    """The r of `lookup_parallel` minimising neurons x depth at n (both exact formulas);
    ties go to the smaller r. For n < 2 (no depth formula) r = 1."""
    if n < 2:
        return 1
    return min(
        lookup_parallel.chains(n),
        key=lambda r: (
            lookup_parallel.predicted_neurons(n, r, gadgets)
            * lookup_parallel.predicted_depth(n, r, gadgets),
            r,
        ),
    )


def _chains(table: TruthTable, gadgets: str, chains: int | None) -> int:
    return best_chains(table.n_bits, gadgets) if chains is None else chains


@dataclass(frozen=True)
class Construction:
    """One way to print a network for a truth table. `neurons(table, gadgets, chains)` is the
    exact neuron count of `build` (tests compare them on every printed network)."""

    name: str
    summary: str
    section: str
    build: Builder
    neurons: Callable[[TruthTable, str, int | None], int]
    uses_gadgets: bool = True
    uses_chains: bool = False


CONSTRUCTIONS: dict[str, Construction] = {
    c.name: c
    for c in (
        Construction(
            "lookup",
            "Theorem 4.1: select a sub-table by the low half, read its bit (Algorithms 1, 2)",
            "Section 4, Theorem 4.1",
            lambda t, mode, _r: lookup.lookup_network(t, mode),
            lambda t, mode, _r: lookup.predicted_neurons(t.n_bits, mode),
        ),
        Construction(
            "lookup-parallel",
            "Theorem 4.1 read by r parallel chains: depth falls, neurons grow",
            "Section 7, open question 3",
            lambda t, mode, r: lookup_parallel.parallel_lookup_network(
                t, _chains(t, mode, r), mode
            ),
            lambda t, mode, r: lookup_parallel.predicted_neurons(
                t.n_bits, _chains(t, mode, r), mode
            ),
            uses_chains=True,
        ),
        Construction(
            "lupanov",
            "Lupanov's O(2^n/n) fan-in-2 circuit, gate for gate",
            "Section 5 (tightness of Theorem 5.1)",
            lambda t, mode, _r: lupanov.lupanov_network(t, mode),  # type: ignore[arg-type]
            lambda t, mode, _r: lupanov.predicted_neurons(t, mode),  # type: ignore[arg-type]
        ),
        Construction(
            "twolayer",
            "minterms of the low half, summed per value of the high half; weights in {-1,0,1}",
            "Section 1 (line 40: the unbounded fan-in trade)",
            lambda t, _mode, _r: twolayer.twolayer_network(t),
            lambda t, _mode, _r: twolayer.predicted_neurons(t.n_bits),
            uses_gadgets=False,
        ),
    )
}
PRINTERS: tuple[str, ...] = ("cook-levin", *CONSTRUCTIONS)


def construction(name: str) -> Construction:
    """The registered construction called `name` (a UniformError naming the choices if none)."""
    try:
        return CONSTRUCTIONS[name]
    except KeyError:
        raise UniformError(
            f"unknown construction {name!r}", hint=f"use one of {', '.join(CONSTRUCTIONS)}"
        ) from None


def build(name: str, table: TruthTable, gadgets: str = "compact", chains: int | None = None):
    """The network of construction `name` for `table`."""
    return construction(name).build(table, gadgets, chains)


def _print(
    n: int, make_table: Callable[[], TruthTable], c: Construction, gadgets: str, chains
) -> Printed:
    start = time.perf_counter()
    table = make_table()
    mid = time.perf_counter()
    net = c.build(table, gadgets, chains)
    end = time.perf_counter()
    info: dict[str, object] = {"input_bits": table.n_bits, "gadgets": gadgets}
    if c.uses_chains:
        info["chains"] = _chains(table, gadgets, chains)
    return Printed(
        n=n,
        network=net,
        print_seconds=end - start,
        timings={"truth_table_seconds": mid - start, "network_seconds": end - mid},
        info=info,
    )


@dataclass(frozen=True)
class ConstructionFamily(LookupFamily):
    """A machine's family printed by a registered construction: C_n is built from the
    machine's truth table on words of length n (2^O(n) time, like `LookupFamily`)."""

    construction: str = "lookup"
    chains: int | None = None

    def print(self, n: int) -> Printed:
        """C_n by the construction, recording the machine's input alphabet in the network as
        `LookupFamily.print` does (so `tmnet simulate` takes words over it)."""
        c = construction(self.construction)
        printed = _print(n, lambda: self.table(n), c, self.gadgets, self.chains)
        net = with_alphabet(printed.network, self.machine.input_alphabet)
        return replace(printed, network=net)


@dataclass(frozen=True)
class ConstructionTableFamily(TableFamily):
    """The one-member family of a fixed table printed by a registered construction."""

    construction: str = "lookup"
    chains: int | None = None

    def print(self, n: int) -> Printed:
        c = construction(self.construction)
        return _print(n, lambda: self.table(n), c, self.gadgets, self.chains)


def machine_family(
    printer: str,
    machine: Machine,
    gadgets: str = "paper",
    *,
    time_bound: str | None = None,
    on_timeout: str = "error",
    chains: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Family:
    """The family of `machine` printed by `printer` (one of `PRINTERS`): Cook-Levin compiles
    the machine (`time_bound` overrides T(n)); the others build its truth table."""
    if printer == "cook-levin":
        from tmnet.uniform.cook_levin import cook_levin

        return cook_levin(machine, time_bound, gadgets)  # type: ignore[arg-type]
    c = construction(printer)
    if time_bound:
        raise UniformError("a time-bound override applies to the cook-levin printer only")
    return ConstructionFamily(
        machine,
        gadgets,
        name=c.name,
        on_timeout=on_timeout,
        progress=progress,
        construction=c.name,
        chains=chains,
    )


def table_family(
    printer: str, table: TruthTable, gadgets: str = "paper", chains: int | None = None
) -> Family:
    """The one-member family of `table` printed by construction `printer`."""
    c = construction(printer)
    return ConstructionTableFamily(table, gadgets, name=c.name, construction=c.name, chains=chains)
