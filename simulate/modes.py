"""The simulator's modes, registered once, and the two entry points that run them.

`SIM_MODES` (a `tmnet.registry.Registry` of `SimMode` values) is the one list of modes; the
command line (`tmnet simulate --mode`), the benchmarks and the tests iterate over it:

* ``exact`` (the default of `simulate`): gmpy2 numbers, or the batch plan on one row for wide
  networks (`simulate.exact.run_exact`);
* ``proof``: Theorem 6.1's procedure step by step (`simulate.exact.run_proof`);
* ``batch`` (the default of `simulate_batch`): numpy over the whole batch, in the narrowest
  integer type `bound_analysis` proves safe, else the exact object plan (`simulate.batch`);
* ``float``: the float64 foil, never exact in general (`simulate.float_foil`).

Every mode runs on one input (`simulate`) and on a batch (`simulate_batch`): a mode that is
vectorised runs a one-row batch for `simulate`; the others run `simulate_batch` row by row.
All exact modes agree value for value (tests/simulate/test_sim_modes.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tmnet.registry import Registry
from tmnet.simulate.analysis import bound_analysis
from tmnet.simulate.batch import check_inputs, run_hybrid, run_plan
from tmnet.simulate.errors import UnknownSimModeError
from tmnet.simulate.exact import SimResult, parse_bits, run_exact, run_proof
from tmnet.simulate.float_foil import float_foil
from tmnet.simulate.network import Network


def _batch(network: Network, inputs: np.ndarray) -> np.ndarray:
    dtype = bound_analysis(network).dtype
    if dtype is not None:
        return run_plan(network, inputs, dtype).astype(np.int64, copy=False)
    return run_hybrid(network, inputs)


def _batch_one(network: Network, x: list[int], values: bool) -> SimResult:
    names = [nm for nm, _ in network.outputs]
    if values:  # every node's value: the exact runner (the batch plan keeps only outputs)
        res = run_exact(network, x, values=True)
        return SimResult(res.outputs, res.values, "batch")
    row = _batch(network, np.asarray([x], dtype=np.uint8))[0].tolist()
    return SimResult(dict(zip(names, row, strict=True)), None, "batch")


def _float_one(network: Network, x: list[int], values: bool) -> SimResult:
    row = float_foil(network, np.asarray([x], dtype=np.uint8), every_node=values)[0].tolist()
    if values:
        outs = {nm: row[node] for nm, node in network.outputs}
        return SimResult(outs, tuple(row), "float")
    names = [nm for nm, _ in network.outputs]
    return SimResult(dict(zip(names, row, strict=True)), None, "float")


@dataclass(frozen=True)
class SimMode:
    """One simulator mode: its name, a one-line summary (the command line's help), whether its
    values are exact, whether it works on a whole batch at once (`vectorised`), and its two
    runners: one input -> `SimResult`, and a (B, n) 0/1 array -> (B, n_outputs) array."""

    name: str
    summary: str
    exact: bool
    vectorised: bool
    one: Callable[[Network, list[int], bool], SimResult]
    many: Callable[[Network, np.ndarray], np.ndarray] | None = None  # None: `one` row by row


EXACT = SimMode("exact", "gmpy2, exact (the one-input default)", True, False, run_exact)
PROOF = SimMode("proof", "Theorem 6.1 step by step, exact", True, False, run_proof)
BATCH = SimMode(
    "batch",
    "numpy when proved safe, else exact objects (the batch default)",
    True,
    True,
    _batch_one,
    _batch,
)
FLOAT = SimMode(
    "float", "float64 foil, NOT exact", False, True, _float_one, lambda net, x: float_foil(net, x)
)
SIM_MODES: Registry[SimMode] = Registry(
    "simulator mode", (EXACT, PROOF, BATCH, FLOAT), UnknownSimModeError
)


def sim_mode(mode: SimMode | str) -> SimMode:
    """The registered mode `mode` names (or `mode` itself); unknown names are an error."""
    return SIM_MODES.get(mode)


def simulate(
    network: Network,
    bits: Sequence[int] | str | np.ndarray,
    mode: SimMode | str = EXACT,
    values: bool = False,
) -> SimResult:
    """Evaluate the network on one input (Definition 2.1), exactly unless mode="float".

    `bits` is x1..xn (a sequence of 0/1 or a word such as '0110'). With values=True the
    result also holds the value of every node (index = node number)."""
    spec = sim_mode(mode)
    return spec.one(network, parse_bits(network, bits), values)


def simulate_batch(network: Network, inputs: np.ndarray, mode: SimMode | str = BATCH) -> np.ndarray:
    """Every output on every input row: an array of shape (B, n_outputs).

    mode="batch": int64 when `bound_analysis` proves a machine integer type safe (the work is
    done in the narrowest such type); otherwise dtype=object holding exact ints/Fractions,
    computed by the exact object plan (`hybrid_plan`). Modes "exact" and "proof" run the
    one-input simulator row by row. mode="float": numpy float64, the foil that shows where
    floating point goes wrong."""
    spec = sim_mode(mode)
    arr = check_inputs(network, inputs)
    if spec.many is not None:
        return spec.many(network, arr)
    names = [nm for nm, _ in network.outputs]
    out = np.empty((arr.shape[0], len(names)), dtype=object)
    for i, row in enumerate(arr.tolist()):
        res = spec.one(network, row, False)
        for k, nm in enumerate(names):
            out[i, k] = res.outputs[nm]
    return out
