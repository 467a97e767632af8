"""Lowering precision: any network on boolean inputs into an equivalent small-weight network.

`small_weights(network, route)` returns a network over the same inputs that computes the same
outputs exactly on every boolean input, with every weight and bias a small integer:

* route ``arithmetic`` (`uniform.lower_arithmetic`, any depth): the paper's Theorem 2 (Section
  5, restated as Theorem 5.1's matching bound): under p-SIZE a ReLU network is no stronger than
  a boolean circuit of comparable size. Each neuron's exact integer arithmetic becomes a circuit
  of adders; the compact gadgets make it a network with every weight and bias in {-1, 0, 1}.
* route ``shallow`` (`uniform.lower_shallow`): Vardi and Shamir (arXiv 2006.00625, the second
  seed): a depth-k network with arbitrary weights has an equivalent depth-(3k+3) network with
  polynomially bounded weights. This construction reaches depth <= 3k + 1 (``shallow``), or
  depth <= 4k with far fewer edges (``shallow-sparse``).

Both start from `uniform.scaling` (integer weights by positive scaling, bounds proved by
`simulate.bound_analysis`). An output proved 0/1-valued (or declared so) stays one output; any
other output `y` becomes its binary digits `y[0]`, `y[1]`, ... (least significant first) of
the integer s * val(y), where s is the output's reported scale (1 for integer-weight networks;
a rational network's values are rationals, and s clears their denominators).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from tmnet.simulate import LimitError, Network, Weight, node_depths, simulate_batch
from tmnet.uniform.circuit import Circuit
from tmnet.uniform.errors import UniformError
from tmnet.uniform.scaling import Scaled, boolean_nodes, scale_network


class SmallWeightsError(UniformError):
    """Bad input to the lowering (an unknown route or output name)."""


@dataclass(frozen=True)
class LoweringLimits:
    """Refuse inputs whose proved value bounds or estimated output size are too large."""

    max_value_bits: int = 1 << 16
    max_size: int = 20_000_000  # estimated gates (arithmetic) or neurons (shallow)


DEFAULT_LOWERING_LIMITS = LoweringLimits()


@dataclass(frozen=True)
class LoweredOutput:
    """How an output of the input network appears in the lowered one: `names` is (name,) for a
    0/1 output, else its digits name[0], name[1], ... of s * val, s = `scale`."""

    name: str
    boolean: bool
    proved: bool  # boolean proved by the bound analysis (else declared, or not boolean)
    scale: Weight
    names: tuple[str, ...]

    def value(self, bits: list[int]) -> Weight:
        """The input network's output value from the lowered network's output bits."""
        if self.boolean:
            return bits[0]
        z = sum(b << i for i, b in enumerate(bits))
        return z if self.scale == 1 else Fraction(z) / self.scale


@dataclass(frozen=True)
class Lowered:
    """A lowered network, its circuit (arithmetic route), bounds and how its outputs read."""

    network: Network
    route: str
    outputs: tuple[LoweredOutput, ...]
    weight_bound: int  # every |weight| and |bias| <= this (asserted)
    input_depth: int
    depth_bound: int  # the proved depth of the route (asserted): arithmetic: that of the circuit
    depth_formula: str
    circuit: Circuit | None
    seconds: float

    def as_dict(self) -> dict[str, object]:
        from tmnet.simulate import sizes

        s = sizes(self.network)
        out: dict[str, object] = {
            "route": self.route,
            "neurons": s.neurons,
            "edges": s.edges,
            "depth": s.depth,
            "max_weight": max_abs_weight(self.network),
            "weight_bound": self.weight_bound,
            "input_depth": self.input_depth,
            "depth_bound": self.depth_bound,
            "depth_formula": self.depth_formula,
            "seconds": self.seconds,
            "outputs": [
                {
                    "name": o.name,
                    "boolean": o.boolean,
                    "proved": o.proved,
                    "scale": str(o.scale),
                    "digits": list(o.names),
                }
                for o in self.outputs
            ],
        }
        if self.circuit is not None:
            out["circuit"] = self.circuit.sizes().as_dict()
        return out


@dataclass(frozen=True)
class Route:
    """A lowering route: what it promises and the function that builds it."""

    name: str
    summary: str
    build: Callable[[Scaled, list[tuple[str, int, bool]], LoweringLimits], tuple]


def _arithmetic(scaled: Scaled, outs: list[tuple[str, int, bool]], limits: LoweringLimits):  # type: ignore[no-untyped-def]
    from tmnet.uniform.gadgets import COMPACT
    from tmnet.uniform.lower_arithmetic import estimate_gates, lower_circuit
    from tmnet.uniform.to_network import to_network

    est = estimate_gates(scaled)
    if est > limits.max_size:
        raise LimitError(
            f"the arithmetic route needs about {est:,} gates, over the limit of "
            f"{limits.max_size:,}",
            hint="raise --max-size, or lower a smaller network",
        )
    circuit = lower_circuit(scaled, outs)
    net = to_network(circuit, COMPACT, name=f"{scaled.network.name}-small")
    return net, circuit, 1, None, "the circuit's depth + 1"


def _shallow(scaled: Scaled, outs: list[tuple[str, int, bool]], limits: LoweringLimits):  # type: ignore[no-untyped-def]
    from tmnet.uniform.lower_shallow import lower_shallow

    net, bound, k = lower_shallow(scaled, outs, limits.max_size)
    return net, None, bound, 3 * k + 1, "3k + 1"


def _shallow_sparse(scaled: Scaled, outs: list[tuple[str, int, bool]], limits: LoweringLimits):  # type: ignore[no-untyped-def]
    from tmnet.uniform.lower_shallow import lower_shallow

    net, bound, k = lower_shallow(scaled, outs, limits.max_size, materialize=True)
    return net, None, bound, max(4 * k, 1), "4k"


ROUTES: Mapping[str, Route] = {
    "arithmetic": Route("arithmetic", "adder circuits, weights in {-1, 0, 1}", _arithmetic),
    "shallow": Route("shallow", "depth <= 3k + 1, polynomial weights", _shallow),
    "shallow-sparse": Route(
        "shallow-sparse", "depth <= 4k, polynomial weights, far fewer edges", _shallow_sparse
    ),
}


def max_abs_weight(network: Network) -> int:
    """The largest |weight| (a bias is the weight of the edge from the constant)."""
    if network.n_edges == 0:
        return 0
    if isinstance(network.weights, np.ndarray):
        return int(np.abs(network.weights).max())
    return max(abs(w) for w in network.weights)  # type: ignore[return-value]


def small_weights(
    network: Network,
    route: str = "arithmetic",
    declared_boolean: Collection[str] = (),
    limits: LoweringLimits = DEFAULT_LOWERING_LIMITS,
) -> Lowered:
    """The small-weight network equivalent to `network` on boolean inputs (module docstring).

    `declared_boolean` names outputs the caller declares 0/1-valued (outputs the bound analysis
    proves 0/1 need no declaration). Raises `LimitError` when a proved value bound needs more
    than `limits.max_value_bits` bits or the output would be larger than `limits.max_size`.
    """
    if route not in ROUTES:
        raise SmallWeightsError(f"unknown route {route!r}", hint="use " + " or ".join(ROUTES))
    start = time.perf_counter()
    names = {nm: node for nm, node in network.outputs}
    for nm in declared_boolean:
        if nm not in names:
            raise SmallWeightsError(
                f"--boolean names {nm!r}, which is not an output",
                hint="outputs: " + ", ".join(names),
            )
    declared_nodes = {names[nm] for nm in declared_boolean}
    scaled = scale_network(network, declared_nodes)
    _check_bits(scaled, limits)
    proved = boolean_nodes(network)
    outs: list[tuple[str, int, bool]] = []
    info: list[tuple[str, bool, bool, Weight]] = []
    for nm, node in network.outputs:
        boolean = proved[node] or node in declared_nodes
        outs.append((nm, node, boolean))
        info.append((nm, boolean, proved[node], 1 if boolean else scaled.scale[node]))
    net, circuit, bound, depth_bound, formula = ROUTES[route].build(scaled, outs, limits)
    mx = max_abs_weight(net)
    if mx > bound:
        raise AssertionError(f"{route} route: weight {mx} above its proved bound {bound}")
    depths = node_depths(network)
    k = max((int(depths[node]) for _, node in network.outputs), default=0)
    from tmnet.simulate import sizes

    out_depth = sizes(net).depth
    if depth_bound is None:  # arithmetic: one neuron per AND/OR level, plus an output neuron
        assert circuit is not None
        depth_bound = circuit.sizes().depth + 1
    if out_depth > depth_bound:
        raise AssertionError(f"{route} route: depth {out_depth} above its bound {depth_bound}")
    lowered, pos = [], 0  # the routes emit each output's digits in order, at least one each
    for nm, b, p, s in info:
        count = 1 if b else max(scaled.width(names[nm]), 1)
        lowered.append(
            LoweredOutput(nm, b, p, s, tuple(o for o, _ in net.outputs[pos : pos + count]))
        )
        pos += count
    assert pos == len(net.outputs)
    return Lowered(
        net,
        route,
        tuple(lowered),
        bound,
        k,
        depth_bound,
        formula,
        circuit,
        time.perf_counter() - start,
    )


def _check_bits(scaled: Scaled, limits: LoweringLimits) -> None:
    worst = max((max(abs(nz.p_lo), abs(nz.p_hi)).bit_length() for nz in scaled.neurons), default=0)
    if worst > limits.max_value_bits:
        raise LimitError(
            f"a proved value bound needs {worst:,} bits, over the limit of "
            f"{limits.max_value_bits:,}",
            hint="raise --max-value-bits",
        )


def agreement(original: Network, lowered: Lowered, inputs: np.ndarray) -> int:
    """Rows of `inputs` on which the lowered network's outputs, read back through
    `LoweredOutput.value`, differ from the input network's exact outputs (0 means exact)."""
    want = simulate_batch(original, inputs)
    got = simulate_batch(lowered.network, inputs)
    col = {nm: i for i, (nm, _) in enumerate(lowered.network.outputs)}
    bad = np.zeros(len(inputs), dtype=bool)
    for j, out in enumerate(lowered.outputs):
        idx = [col[nm] for nm in out.names]
        bits = got[:, idx].astype(np.int64)
        if out.boolean:
            vals = want[:, j]
            bad |= np.asarray([bits[r, 0] != vals[r] for r in range(len(inputs))], dtype=bool)
            continue
        weights = [1 << i for i in range(len(idx))]
        for r in range(len(inputs)):
            z = sum(w for w, b in zip(weights, bits[r].tolist(), strict=True) if b)
            if z != out.scale * want[r, j]:
                bad[r] = True
    return int(bad.sum())
