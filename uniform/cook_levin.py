"""The Cook-Levin printer: the P-uniform network family of a machine (Theorem 6.1, easy part).

``cook_levin(machine)`` is a `Family`: ``family.network(n)`` builds the folded tableau circuit
of `uniform.tableau` for T = T(n) (the machine's time bound, or an override), removes dead
gates, and turns it into a ReLU network gate for gate (`uniform.to_network`, paper or compact
gadgets). A tableau row is a handful of whole-array numpy steps over index plans cached per
row shape (rows with few fire gates: the same steps on Python lists), so the printer runs in
time O(T(n)^2 * machine size) with a small constant; the benchmark measures it in edges per
second.

Sizes, as formulas in n, T = T(n) and the machine's sizes (`uniform.tableau`):
``tableau_size(n)`` is the exact size of the unfolded tableau (O(T^2)), ``circuit_bound(n)``
bounds the folded circuit, and ``neurons_bound(n)`` bounds the printed network
(10 AND + 4 OR + NOT in paper mode, AND + OR in compact mode, + 1).
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass

from tmnet import machines
from tmnet.errors import excerpt
from tmnet.machines import encoding
from tmnet.machines.errors import MachineError
from tmnet.machines.model import Machine, Polynomial
from tmnet.simulate.network import Network
from tmnet.uniform.circuit import Circuit, simplify
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Printed, with_alphabet
from tmnet.uniform.gadgets import GadgetMode, Gadgets, gadget_mode, require
from tmnet.uniform.tableau import (
    Tableau,
    TableauSize,
    build_tableau,
    folded_bound,
    layout,
    tableau_size,
)
from tmnet.uniform.to_network import MODES, to_network


def parse_time(expr: str) -> Polynomial:
    """A time bound written as in the machine language (`n^2 + 1`), as a `Polynomial`
    (`machines.parse_polynomial`); a bad bound is a `UniformError` with the parser's message."""
    try:
        return machines.parse_polynomial(expr, filename="<--time>")
    except MachineError as exc:
        raise UniformError(
            f"bad time bound {excerpt(expr)!r}: {exc.message}",
            hint="a polynomial in n, e.g. 2*n^2 + 3",
        ) from None


@dataclass(frozen=True)
class CookLevinFamily:
    """The Cook-Levin family {C_n} of `machine` (see the module docstring)."""

    machine: Machine
    time: Polynomial | None = None
    gadgets: GadgetMode = "paper"  # a mode's name, or its `Gadgets` value (kept as the name)
    name: str = "cook-levin"

    def __post_init__(self) -> None:
        # the circuit goes through `to_network`: its modes are this printer's modes
        spec = require(self.gadgets, MODES, "the Cook-Levin printer")
        object.__setattr__(self, "gadgets", spec.name)

    def T(self, n: int) -> int:
        """The number of steps the tableau simulates on inputs of length n."""
        if n < 0:
            raise UniformError(f"n must be >= 0, got {n}")
        if self.time is None:
            return self.machine.time_bound(n)
        return max(self.time(n), 0)

    def n_inputs(self, n: int) -> int:
        return encoding.input_bits(self.machine, n)

    def encode(self, word: str) -> tuple[int, ...]:
        """The network input bits of `word` (`machines.encoding.encode_word`)."""
        try:
            return encoding.encode_word(self.machine, word)
        except KeyError as exc:
            raise UniformError(
                f"symbol {exc.args[0]!r} is not in the input alphabet of {self.machine.name}"
            ) from None

    def tableau(self, n: int, fold: bool = True) -> Tableau:
        """The tableau circuit for length n (`uniform.tableau.build_tableau`)."""
        return build_tableau(self.machine, n, self.T(n), fold=fold)

    def circuit(self, n: int, simplify: bool = True) -> Circuit:
        """The circuit C_n: folded and dead-gate-free when `simplify`, else the full tableau."""
        return self.tableau(n, fold=simplify).circuit

    def shared_circuit(self, n: int) -> Circuit:
        """The folded circuit after full structural hashing too (`uniform.circuit.simplify`).

        Hashing costs a dict lookup per gate; on the library machines at n = 5, 8, 12 it
        removes at most 2.6% of the folded gates (increment_check at n = 5), under 1% from
        n = 12, so the printer does not pay for it (the figure is recomputed by
        tests/uniform/test_cook_levin.py::test_structural_hashing_gain_is_as_documented)."""
        return simplify(self.circuit(n), share=True)

    def network(self, n: int) -> Network:
        """The network C_n alone: `print` without the circuit's depth (a pass over every
        gate batch that only the printed report needs)."""
        return self._network(self.tableau(n, fold=True))

    def _network(self, tab: Tableau) -> Network:
        """The printed network of the folded tableau `tab` (named, with the input alphabet)."""
        net = to_network(tab.circuit, self.gadgets, name=f"{self.machine.name}_n{tab.n}")
        return with_alphabet(net, self.machine.input_alphabet)

    def print(self, n: int) -> Printed:
        """C_n with the printer's time, split into tableau and network stages."""
        t0 = _time.perf_counter()
        tab = self.tableau(n, fold=True)
        t1 = _time.perf_counter()
        net = self._network(tab)
        t2 = _time.perf_counter()
        sizes = tab.circuit.sizes()
        return Printed(
            n=n,
            network=net,
            print_seconds=t2 - t0,
            timings={"tableau_seconds": t1 - t0, "network_seconds": t2 - t1},
            info={
                "time_bound": tab.time,
                "cells": tab.cells,
                "circuit_gates": sizes.gates,
                "circuit_wires": sizes.wires,
                "circuit_depth": sizes.depth,
                "gadgets": self.gadgets,
            },
        )

    # ------------------------------------------------------------------ size formulas
    def tableau_size(self, n: int) -> TableauSize:
        """Exact gates and wires of the unfolded tableau (`uniform.tableau.tableau_size`)."""
        return tableau_size(self.machine, n, self.T(n))

    def circuit_bound(self, n: int) -> TableauSize:
        """Upper bound on the gates and wires of ``circuit(n)`` (`tableau.folded_bound`)."""
        return folded_bound(self.machine, n, self.T(n))

    def neurons_bound(self, n: int) -> int:
        """Upper bound on the neurons of ``network(n)``: every folded gate at its gadget's
        largest cost, plus one output neuron: 10 * circuit_bound(n).gates + 1 (paper), or
        circuit_bound(n).gates + 1 (compact). The + 1 is the output neuron the printer adds
        when the output node is an input, a constant or (compact) a negated form."""
        per_gate = gadget_mode(self.gadgets).max_gate_neurons
        return per_gate * self.circuit_bound(n).gates + 1

    def machine_sizes(self) -> dict[str, int]:
        """The machine's sizes the formulas use."""
        lay = layout(self.machine)
        return {
            "states": len(lay.states),
            "symbols": len(lay.symbols),
            "transitions": len(lay.fires),
            "bits_per_symbol": lay.bits_per_symbol,
        }


def cook_levin(
    machine: Machine,
    time: Polynomial | str | None = None,
    gadgets: GadgetMode | Gadgets = "paper",
) -> CookLevinFamily:
    """The Cook-Levin family of `machine`; `time` overrides its declared bound T(n)."""
    if isinstance(time, str):
        time = parse_time(time)
    return CookLevinFamily(machine, time, gadgets)
