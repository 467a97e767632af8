"""Which gate, and which tableau cell, step and transition, a neuron of a printed Cook-Levin
network comes from (`tmnet explain --neuron K`).

`uniform.to_network` lays the gadgets out in gate order: gate g gets a block of the mode's
``gate_neurons[kind]`` consecutive neurons (`uniform.gadgets`). In paper mode that is 10, 4 or
1 neurons, the gate's value in the block's last one; in compact mode every AND/OR gate gets one
neuron and NOT gates none (they fold into the signs of the edges that read them). An output
that is not a gate's own value gets one neuron after all of them. `neuron_gate` inverts that
layout; `uniform.tableau_labels` then gives the gate's role in the tableau.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tmnet.machines.model import Machine
from tmnet.uniform.circuit import KIND_NAMES, Circuit
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.errors import UniformError
from tmnet.uniform.gadgets import Gadgets, gadget_mode
from tmnet.uniform.tableau_labels import GateRole, labelled_tableau, match_nodes, printed_classes
from tmnet.uniform.to_network import to_network


@dataclass(frozen=True)
class NeuronSource:
    """Neuron h<k>: the circuit gate it belongs to (None for an extra output neuron), its place
    in the gate's gadget (1-based, of `of`), and the gate's tableau role."""

    neuron: int
    gate: int | None
    kind: str | None
    place: int
    of: int
    role: GateRole | None

    def describe(self) -> str:
        if self.gate is None:
            return f"h{self.neuron}: the output neuron (the output is not a gate's own value)"
        gadget = f"neuron {self.place} of {self.of} of" if self.of > 1 else "the neuron of"
        role = self.role.describe() if self.role else "(no tableau role found)"
        return f"h{self.neuron}: {gadget} the {self.kind} gadget of gate g{self.gate}; {role}"


def neuron_gate(circuit: Circuit, mode: Gadgets | str, k: int) -> tuple[int | None, int, int]:
    """(gate node or None, place in its gadget, gadget size) of neuron h<k> (1-based) of
    `to_network(circuit, mode)`: gate g owns the next ``gate_neurons[kind]`` neurons of the
    mode (module docstring); None for a neuron after all of them (an output neuron)."""
    if k < 1:
        raise UniformError(f"neuron numbers start at 1, got {k}")
    size = np.array(gadget_mode(mode).gate_neurons, np.int64)[circuit.kinds]
    ends = np.cumsum(size)
    if k > (int(ends[-1]) if len(ends) else 0):
        return None, 1, 1
    g = int(np.searchsorted(ends, k - 1, side="right"))  # the first block ending at >= k
    start = int(ends[g] - size[g])
    return circuit.first_gate + g, k - start, int(size[g])


def neuron_source(machine: Machine, n: int, mode: Gadgets | str, k: int) -> NeuronSource:
    """The provenance of neuron h<k> of the printed network C_n in gadget `mode`."""
    fam = cook_levin(machine, gadgets=mode)
    circuit = fam.circuit(n)  # built once: the network is `to_network` of this circuit
    net = to_network(circuit, fam.gadgets)
    if not 1 <= k <= net.n_neurons:
        raise UniformError(f"the network has neurons h1..h{net.n_neurons}, not h{k}")
    gate, place, of = neuron_gate(circuit, mode, k)
    if gate is None:
        return NeuronSource(k, None, None, place, of, None)
    lab = labelled_tableau(machine, n, fam.T(n))
    mapped = match_nodes(lab.circuit, circuit)
    rep_of = {m: r for r, members in printed_classes(circuit).items() for m in members}
    by_rep: dict[int, int] = {}
    for v in sorted(mapped):
        by_rep.setdefault(mapped[v], v)
    source = by_rep.get(rep_of.get(gate, gate))
    role = lab.labels.get(source) if source is not None else None
    kind = KIND_NAMES[circuit.gate(gate)[0]]
    return NeuronSource(k, gate, kind, place, of, role)
