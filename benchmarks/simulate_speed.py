"""Speed of the exact simulator (Theorem 6.1) against the baselines of issue 3.

Run: python -m tmnet.benchmarks.simulate_speed [--quick]

Workloads (built here, deterministic):
* small: a layered random threshold network, ~1e6 edges (--quick: ~1e5), fan-in 3 plus a bias,
  small integer weights, biases chosen so every value stays in {0, 1};
* 4096-bit: blocks of u = relu(W a - C) with 4096-bit W and C over 0/1 values a, clamped to
  {0, 1} by Lemma 3.1 (t = relu(u - relu(u - 1))), as in the lookup networks of Theorem 4.1;
  smaller because the Fraction baseline is slow on it. The exact simulator computes each clamp
  as min(u, 1) (`simulate.min_gadgets`); the same network with the clamps hidden from that
  recognition is also timed, as an informative figure of the generic object path.

Figures (ratios measured interleaved A, B, A, B in this process, median and min-max, after a
check that each variant matches the reference):
* exact vs a straightforward fractions.Fraction evaluator (target >= 30x);
* batch over 1024 inputs vs numpy float64 evaluation of the same network with the same
  level-by-level plan over the same inputs (target >= 1.0, while exact);
* resident bytes per edge of the int64 network, measured in a fresh subprocess (target <= 32);
* the one-input float foil, ``simulate(..., mode="float")``, against the one-input float code
  main had before the float foil was written once (`OLD_FOIL_COMMIT`'s simulate/exact.py, loaded
  from git into this process by `old_float_simulate`) on the deep narrow lookup network of
  parity (n = 14, paper gadgets; the fast path `float_foil._scalar_rows` runs) and the wide
  Cook-Levin network of palindrome (n = 8; the numpy plan runs); target >= 1.0 (no regression).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from tmnet.benchmarks.timing import interleaved, measure_row, summary, timed, verdict
from tmnet.simulate import (
    Network,
    bound_analysis,
    node_depths,
    sample_inputs,
    simulate,
    simulate_batch,
)
from tmnet.simulate.exact import _run_gmpy

TARGET_EXACT = 30.0
TARGET_BATCH = 1.0
TARGET_BYTES = 32.0
TARGET_FOIL = 1.0
# main before the float foil was written once (simulate.float_foil): its simulate/exact.py has
# the one-input float loop `_run_float` that the foil comparison takes as the baseline
OLD_FOIL_COMMIT = "14a09475b42537fd0fd54111796bf891ce973fd2"


def layered_network(n_inputs: int, width: int, layers: int, fan_in: int, seed: int) -> Network:
    """Layer l reads `fan_in` distinct nodes of layer l-1 (the inputs for l = 1) plus a bias."""
    rng = np.random.default_rng(seed)
    n0 = 1 + n_inputs
    prev = np.arange(1, n0)
    src_blocks, w_blocks = [], []
    next_node = n0
    for _ in range(layers):
        # fan_in distinct nodes of the previous layer: a random start and random positive
        # steps whose total stays below the layer size
        size = len(prev)
        steps = rng.integers(1, max(2, size // fan_in), size=(width, fan_in))
        steps[:, 0] = rng.integers(0, size, size=width)
        choice = np.cumsum(steps, axis=1) % size
        srcs = np.sort(prev[choice], axis=1)
        w = rng.integers(1, 4, size=(width, fan_in)) * rng.choice([-1, 1], size=(width, fan_in))
        # bias = 1 - (sum of positive weights) keeps every value in {0, 1}; where that is 0
        # (one positive weight 1), raise that weight to 2 and use bias -1 (no zero weights)
        zero = (1 - np.where(w > 0, w, 0).sum(axis=1)) == 0
        w[zero] = np.where(w[zero] > 0, w[zero] + 1, w[zero])
        bias = 1 - np.where(w > 0, w, 0).sum(axis=1)
        src_blocks.append(np.concatenate([np.zeros((width, 1), np.int64), srcs], axis=1))
        w_blocks.append(np.concatenate([bias[:, None], w], axis=1))
        prev = np.arange(next_node, next_node + width)
        next_node += width
    sources = np.concatenate(src_blocks).ravel()
    weights = np.concatenate(w_blocks).ravel().astype(np.int64)
    n_neurons = width * layers
    indptr = np.arange(0, (fan_in + 1) * n_neurons + 1, fan_in + 1, dtype=np.int64)
    outputs = tuple((f"y{k + 1}", int(node)) for k, node in enumerate(prev[:8]))
    net = Network(
        n_inputs,
        tuple(f"x{i}" for i in range(1, n_inputs + 1)),
        indptr,
        sources.astype(np.int32),
        weights,
        outputs,
        f"layered-{layers}x{width}",
    )
    net.check()
    return net


def big_weight_network(
    n_inputs: int, width: int, blocks: int, seed: int, bits: int, hide_clamps: bool = False
) -> Network:
    """Blocks of three layers, like the lookup networks of Theorem 4.1: from 0/1 values a,
    u = relu(W1 a1 + W2 a2 + W3 a3 - C) with `bits`-bit W and C, then r = relu(u - 1) and
    t = relu(u - r) = min(u, 1) (Lemma 3.1), which feeds the next block. Values stay below
    about 2^(bits+2), as in a network that switches big constants by bits.

    hide_clamps=True computes the same values with r = relu(u - v), v = relu(1) one extra
    neuron: `simulate.min_gadgets` does not recognise that clamp, so every neuron is evaluated
    from its edges (the figure of the generic object path)."""
    import random

    from tmnet.simulate import NetworkBuilder

    rng = random.Random(seed)
    b = NetworkBuilder(n_inputs, name=f"bigweights-{blocks}x{width}")
    prev = [b.input(i) for i in range(1, n_inputs + 1)]
    one = b.neuron({}, bias=1) if hide_clamps else None
    for _ in range(blocks):
        layer = []
        for _ in range(width):
            srcs = rng.sample(prev, 3)
            ws = {s: rng.choice([-1, 1]) * (rng.getrandbits(bits) | 1 << (bits - 1)) for s in srcs}
            u = b.neuron(ws, bias=-(rng.getrandbits(bits - 2)))
            r = b.neuron({u: 1}, bias=-1) if one is None else b.neuron({u: 1, one: -1})
            layer.append(b.neuron({u: 1, r: -1}))
        prev = layer
    for k, node in enumerate(prev[:8]):
        b.output(node, f"y{k + 1}")
    return b.build()


def fraction_evaluator(network: Network) -> Callable[[list[int]], list[Fraction]]:
    """What a user writes first: Fractions, a loop per neuron (weights converted once)."""
    ws = [Fraction(w) for w in network.exact_weights()]
    ip = network.indptr.tolist()
    src = network.sources.tolist()

    def run(bits: list[int]) -> list[Fraction]:
        vals = [Fraction(1)] + [Fraction(b) for b in bits]
        zero = Fraction(0)
        for j in range(network.n_neurons):
            s = Fraction(0)
            for e in range(ip[j], ip[j + 1]):
                s += ws[e] * vals[src[e]]
            vals.append(s if s > zero else zero)
        return [vals[node] for _, node in network.outputs]

    return run


def bench_exact(
    net: Network, label: str, rounds: int, target: float | None = TARGET_EXACT
) -> list[float]:
    """exact vs the Fraction evaluator, interleaved; target None: an informative figure."""
    bits = sample_inputs(net.n_inputs, 1, seed=7)[0].tolist()
    ref = fraction_evaluator(net)
    expected = ref(bits)
    got = simulate(net, bits).outputs
    assert [got[k] for k, _ in net.outputs] == expected, "exact disagrees with Fraction"
    ratios = interleaved(lambda: simulate(net, bits), lambda: ref(bits), rounds)
    dt, _ = timed(lambda: simulate(net, bits))
    print(
        f"  exact vs Fraction [{label}: {net.n_edges:,} edges]: {summary(ratios)}; "
        f"exact {net.n_edges / dt / 1e6:.1f} M edges/s; "
        + (
            f"target >= {target:.0f}x: {verdict(ratios, target)}"
            if target is not None
            else "(informative)"
        )
    )
    return ratios


def bench_gmpy_loop(net: Network, label: str, rounds: int) -> list[float]:
    """The gmpy2 loop alone (what exact runs when numpy cannot be proved safe)."""
    bits = sample_inputs(net.n_inputs, 1, seed=7)[0].tolist()
    ref = fraction_evaluator(net)
    vals = _run_gmpy(net, bits)
    assert [int(vals[node]) for _, node in net.outputs] == ref(bits)
    ratios = interleaved(lambda: _run_gmpy(net, bits), lambda: ref(bits), rounds)
    print(f"  gmpy2 loop vs Fraction [{label}]: {summary(ratios)} (informative)")
    return ratios


def bench_batch(net: Network, label: str, rounds: int, batch: int = 1024) -> list[float]:
    rows = sample_inputs(net.n_inputs, batch, seed=11)
    dtype = bound_analysis(net).dtype
    exact = simulate_batch(net, rows)
    floats = simulate_batch(net, rows, mode="float")
    assert exact.dtype == np.int64, "batch did not prove a machine integer type safe"
    assert np.array_equal(exact, floats.astype(np.int64)), "float reference disagrees"
    for i in (0, batch // 2, batch - 1):
        one = simulate(net, rows[i]).outputs
        assert [one[k] for k, _ in net.outputs] == exact[i].tolist()
    ratios = interleaved(
        lambda: simulate_batch(net, rows), lambda: simulate_batch(net, rows, mode="float"), rounds
    )
    dt, _ = timed(lambda: simulate_batch(net, rows))
    print(
        f"  batch({np.dtype(dtype).name}) vs float64 [{label}: {net.n_edges:,} edges x "
        f"{batch} inputs]: {summary(ratios)}; batch {net.n_edges * batch / dt / 1e6:.0f} M "
        f"edge-evaluations/s; target >= {TARGET_BATCH:.1f}: {verdict(ratios, TARGET_BATCH)}"
    )
    return ratios


def float_foil(net: Network, rows: np.ndarray) -> str:
    exact = simulate_batch(net, rows)
    floats = simulate_batch(net, rows, mode="float")
    wrong = sum(
        1
        for i in range(len(rows))
        for k in range(exact.shape[1])
        if not np.isfinite(floats[i, k]) or int(floats[i, k]) != exact[i, k]
    )
    return f"float64 wrong on {wrong} of {exact.size} output values"


def hybrid_counts(net: Network, rows: np.ndarray) -> str:
    """How `run_hybrid` computed the neurons: int64 proved statically or at run time, objects,
    object results stored as int64 because they fit (the batch report of the proof), Lemma 3.1
    clamps computed as a min, and clamp inputs never computed."""
    from tmnet.simulate.batch import run_hybrid

    stats: dict[str, int] = {}
    run_hybrid(net, rows, stats)
    keys = ("static_int", "runtime_int", "object", "marked_small", "clamp", "clamp_inner_skipped")
    return ", ".join(f"{k} {stats.get(k, 0):,}" for k in keys)


def old_float_simulate() -> Callable[[Network, list[int]], dict[str, float]]:
    """The one-input float mode of simulate/exact.py at `OLD_FOIL_COMMIT`, read with `git show`
    from this checkout and imported from a temporary copy. Its one import that has moved since
    (`batch._to_float`, now `numbers.to_float`, the same function) is pointed at the new place."""
    root = Path(__file__).resolve().parent.parent
    old = subprocess.run(
        ["git", "-C", str(root), "show", f"{OLD_FOIL_COMMIT}:simulate/exact.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    moved = "from tmnet.simulate.batch import _to_float"
    assert old.count(moved) == 1, "the old exact.py is not the expected version"
    old = old.replace(moved, "from tmnet.simulate.numbers import to_float as _to_float")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old_exact.py"
        path.write_text(old)
        spec = importlib.util.spec_from_file_location("tmnet_old_exact", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look the module up while it runs
        try:
            spec.loader.exec_module(module)
        finally:
            del sys.modules[spec.name]

    def run(net: Network, bits: list[int]) -> dict[str, float]:
        return module.simulate(net, bits, mode="float").outputs

    return run


def foil_networks(quick: bool) -> list[tuple[str, Network]]:
    """The deep narrow and the wide workload of the one-input foil comparison."""
    from tmnet.machines import library
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.lookup import lookup_family

    n_lu = 12 if quick else 14
    lookup = lookup_family(library.load("parity")).network(n_lu)
    wide = cook_levin(library.load("palindrome")).network(8)
    return [
        (f"lookup network, parity n = {n_lu}, paper gadgets", lookup),
        ("Cook-Levin network, palindrome n = 8, paper gadgets", wide),
    ]


def bench_float_one(
    net: Network, label: str, rounds: int, old: Callable[[Network, list[int]], dict[str, float]]
) -> list[float]:
    """simulate(..., mode="float") on one input vs the old one-input float loop `old`
    (`old_float_simulate`), interleaved; first a check that both give the same outputs on a few
    inputs (or how many differ: the old loop summed left to right, the foil sums in numpy's
    order, and past 2^53 that rounds differently)."""
    from tmnet.simulate.float_foil import _use_scalar

    rows = sample_inputs(net.n_inputs, 8, seed=13)
    differ = 0
    for row in rows.tolist():
        new_out = simulate(net, row, mode="float").outputs
        old_out = old(net, row)
        differ += sum(1 for k in new_out if new_out[k] != old_out[k])
    bits = rows[0].tolist()
    ratios = interleaved(lambda: simulate(net, bits, mode="float"), lambda: old(net, bits), rounds)
    levels = int(node_depths(net).max())
    path = "fast path" if _use_scalar(net, 1) else "numpy plan"
    print(
        f"  float foil one input vs old one-input float code [{label}: {net.n_neurons:,} "
        f"neurons, {levels} levels, {net.n_edges / levels:.0f} edges/level, {path}]: "
        f"{summary(ratios)}; outputs differing on 8 inputs: {differ}; "
        f"target >= {TARGET_FOIL:g}: {verdict(ratios, TARGET_FOIL)}"
    )
    return ratios


def bench_foil(quick: bool) -> list[tuple[str, list[float]]]:
    """`bench_float_one` on each of `foil_networks`, the old code loaded from git once."""
    old = old_float_simulate()
    rounds = 7 if quick else 21
    networks = foil_networks(quick)
    return [(label, bench_float_one(net, label, rounds, old)) for label, net in networks]


MEMORY_CHILD = """
import gc, json, sys, tracemalloc
sys.path.insert(0, {root!r})
from tmnet.benchmarks.simulate_speed import layered_network
from tmnet.simulate import NetworkBuilder
layered_network(16, 10, 2, 3, seed=0)  # warm up lazy imports so they are not counted
width, layers = {width}, {layers}
gc.collect()
tracemalloc.start()
net = layered_network(16, width, layers, 3, seed=1)
gc.collect()
arrays, _ = tracemalloc.get_traced_memory()
# the same network through the builder, the path every printer takes
ip, src, w = net.indptr.tolist(), net.sources.tolist(), net.weights.tolist()
n0, m, edges = net.first_neuron, net.n_neurons, net.n_edges
del net
gc.collect()
tracemalloc.reset_peak()
base, _ = tracemalloc.get_traced_memory()
b = NetworkBuilder(16)
for j in range(m):
    b.neuron(zip(src[ip[j]:ip[j + 1]], w[ip[j]:ip[j + 1]]))
b.output(n0 + m - 1)
net = b.build()
del b
gc.collect()
current, peak = tracemalloc.get_traced_memory()
print(json.dumps(dict(edges=edges, arrays=arrays, built=current - base, peak=peak - base)))
"""


def bench_memory(width: int, layers: int) -> float:
    """Bytes per edge of the int64 network: resident, and peak while the builder runs."""
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = MEMORY_CHILD.format(root=root, width=width, layers=layers)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    e = data["edges"]
    per_edge = max(data["arrays"], data["built"]) / e
    print(
        f"  memory [{e:,} edges, int64 weights, fresh process, tracemalloc]: resident "
        f"{data['arrays'] / e:.1f} bytes/edge (arrays), {data['built'] / e:.1f} (via "
        f"NetworkBuilder), peak while building {data['peak'] / e:.1f}; target <= "
        f"{TARGET_BYTES:.0f} resident: {'MEETS' if per_edge <= TARGET_BYTES else 'MISSES'}"
    )
    return per_edge


def _wide_shape(quick: bool) -> tuple[int, int]:
    """(width, blocks) of the 4096-bit workload."""
    return (2000, 10) if not quick else (500, 4)


def _workloads(quick: bool) -> tuple[Network, Network, int, int, int]:
    """(small, 4096-bit, width, layers, rounds) for a full or --quick run."""
    width, layers = (2500, 100) if not quick else (1000, 25)
    bw, bl = _wide_shape(quick)
    small = layered_network(16, width, layers, 3, seed=1)
    wide = big_weight_network(16, bw, bl, seed=2, bits=4096)
    return small, wide, width, layers, (5 if not quick else 3)


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The comparisons of this module as `benchmarks.timing.measure_row` rows (for perf.py)."""
    small, wide, width, layers, rounds = _workloads(quick)
    work = f"layered, {small.n_edges:,} edges, fan-in 3, weights in [-3, 3]"
    work_big = f"4096-bit weights, {wide.n_edges:,} edges, {wide.n_neurons:,} neurons"
    with contextlib.redirect_stdout(io.StringIO()):
        exact_small = bench_exact(small, "small", rounds)
        exact_big = bench_exact(wide, "4096-bit", max(3, rounds - 2))
        hidden = big_weight_network(16, *_wide_shape(quick), seed=2, bits=4096, hide_clamps=True)
        exact_hidden = bench_exact(hidden, "clamps hidden", max(3, rounds - 2), target=None)
        batch = bench_batch(small, "small", rounds)
        per_edge = bench_memory(width, layers)
        foil = bench_foil(quick)
    target = f">= {TARGET_EXACT:g}x"
    return [
        measure_row("exact simulator vs fractions.Fraction", work, exact_small, "x faster", target),
        measure_row(
            "exact simulator vs fractions.Fraction", work_big, exact_big, "x faster", target
        ),
        measure_row(
            "exact simulator vs fractions.Fraction",
            work_big + ", Lemma 3.1 clamps hidden from min_gadgets (informative)",
            exact_hidden,
            "x faster",
            "",
        ),
        measure_row(
            "batch (exact int) vs numpy float64",
            work + ", 1024 inputs",
            batch,
            "x (float time / batch time)",
            f">= {TARGET_BATCH:g}",
        ),
        measure_row(
            "resident memory per edge (fresh process)",
            work,
            [per_edge],
            "bytes/edge",
            f"<= {TARGET_BYTES:g}",
        ),
        *(
            measure_row(
                "one-input float foil vs the old one-input float code",
                label,
                ratios,
                "x faster",
                f">= {TARGET_FOIL:g}",
            )
            for label, ratios in foil
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="~1e5 edges, fewer rounds")
    args = parser.parse_args(argv)
    gc.collect()
    print("simulate speed (ratios interleaved in one process; median and min-max)")
    small, wide, width, layers, rounds = _workloads(args.quick)
    wide_width, wide_blocks = _wide_shape(args.quick)
    print(
        f"workload small: {small.n_edges:,} edges, {small.n_neurons:,} neurons, "
        f"{layers} layers, fan-in 3 + bias, weights in [-3, 3]"
    )
    bench_exact(small, "small", rounds)
    bench_gmpy_loop(small, "small", max(1, rounds - 2))
    bench_batch(small, "small", rounds)
    print(
        f"workload 4096-bit: {wide.n_edges:,} edges, {wide.n_neurons:,} neurons, "
        f"{int(node_depths(wide).max())} layers, 4096-bit weights and biases on a third of "
        "the edges"
    )
    bench_exact(wide, "4096-bit", max(3, rounds - 2))
    bench_gmpy_loop(wide, "4096-bit", max(1, rounds - 2))
    hidden = big_weight_network(16, wide_width, wide_blocks, seed=2, bits=4096, hide_clamps=True)
    print(
        "  the same values with the Lemma 3.1 clamps hidden (r = relu(u - v), v = relu(1)), "
        "so the object path evaluates every neuron from its edges (informative):"
    )
    bench_exact(hidden, "4096-bit, clamps hidden", max(3, rounds - 2), target=None)
    rows = sample_inputs(16, 16, seed=3)
    print(f"  {float_foil(wide, rows)} (4096-bit network, 16 inputs: the foil)")
    print(
        f"  exact object plan, neurons per path: {hybrid_counts(wide, rows[:1])} (1 input); "
        f"{hybrid_counts(wide, rows)} (16 inputs)"
    )
    bench_memory(width, layers)
    print("one-input float foil vs the old one-input float code (before it was written once)")
    bench_foil(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
