"""The float foil: the network evaluated in numpy float64, written once.

Floats are not exact (Theorem 6.1 needs exact values; docs/network-format.md): weights beyond
float range become +-inf, fractions round, and sums beyond 2^53 lose bits. The foil exists to
show where that goes wrong, next to the exact modes (`simulate.modes.SIM_MODES`). Both the
one-input ``simulate(..., mode="float")`` and ``simulate_batch(..., mode="float")`` run this
function; it is the batch plan of `simulate.batch` in float64, with the weights converted by
`simulate.numbers.to_float`.
"""

from __future__ import annotations

import numpy as np

from tmnet.simulate.batch import run_plan
from tmnet.simulate.network import Network
from tmnet.simulate.numbers import to_float


def _float_weights(network: Network) -> np.ndarray:
    def compute() -> np.ndarray:
        if isinstance(network.weights, np.ndarray):
            return network.weights.astype(np.float64)
        return np.array([to_float(w) for w in network.weights], dtype=np.float64)

    return network.memo("float_weights", compute)  # type: ignore[return-value]


def _every_node(network: Network) -> Network:
    """The same network with every node as an output (so the plan keeps every value)."""

    def compute() -> Network:
        outputs = tuple((f"v{i}", i) for i in range(network.n_nodes))
        return Network(
            network.n_inputs,
            network.input_names,
            network.indptr,
            network.sources,
            network.weights,
            outputs,
            name=network.name,
        )

    return network.memo("every_node", compute)  # type: ignore[return-value]


def float_foil(network: Network, inputs: np.ndarray, every_node: bool = False) -> np.ndarray:
    """float64 values on a (B, n) 0/1 array: the outputs, shape (B, n_outputs), or with
    `every_node` the value of every node (constant, inputs, neurons), shape (B, n_nodes)."""
    net = _every_node(network) if every_node else network
    return run_plan(net, inputs, np.float64, weights=_float_weights(network))
