"""`tmnet bench` section: lowering precision (uniform.small_weights), both routes.

Input families: the comparison relu(sum 2^i x_i - sum 2^i y_i) of two k-bit numbers and its
boolean form min(1, .) (k = 2..32), the lookup networks of Theorem 4.1 (n = 4..14, both gadget
modes, arithmetic route), random shallow networks (depth 2-4, 8-16 inputs, weights up to 2^64,
rational ones included) and Cook-Levin networks (already small weights). Every lowered network
is compared with its input by the exact simulator: on every input up to 14 bits, on a seeded
sample of 4,096 inputs beyond. The fit of lowered neurons against input p-SIZE is
`benchmarks.fit.fit_polynomial` on log-log axes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from tmnet.simulate import Network, NetworkBuilder, all_inputs, sample_inputs, sizes
from tmnet.uniform.gadgets import GADGET_MODES
from tmnet.uniform.small_weights import ROUTES, agreement, max_abs_weight, small_weights

EXHAUSTIVE_BITS = 14
SAMPLE = 4096
LOOKUP_N_MAX = 10  # n = 13 takes ~6 minutes to lower and check (956,142 neurons); see docs


def comparison_network(k: int, boolean: bool = False) -> Network:
    """relu(sum 2^i x_i - sum 2^i y_i) on two k-bit numbers x, y (one neuron, weights 2^(k-1));
    with `boolean`, min(1, that) = relu(d - relu(d - 1)) (Lemma 3.1's clamp)."""
    names = [f"x{i}" for i in range(k)] + [f"y{i}" for i in range(k)]
    b = NetworkBuilder(2 * k, names, name=f"{'gt' if boolean else 'diff'}{k}")
    w = {1 + i: 1 << i for i in range(k)}
    w.update({1 + k + i: -(1 << i) for i in range(k)})
    d = b.neuron(w)
    if boolean:
        r = b.neuron({d: 1}, bias=-1)
        d = b.neuron({d: 1, r: -1})
    b.output(d, "gt" if boolean else "diff")
    return b.build()


def random_network(
    seed: int, depth: int, n_inputs: int, weight_bits: int, rational: bool, width: int = 3
) -> Network:
    """A random layered network: `depth` layers of `width` neurons (the last has 2 outputs),
    each reading every input and every neuron of the previous layer, weights of up to
    `weight_bits` bits with random signs (and random denominators up to 2^8 when `rational`)."""
    rng = random.Random(seed)
    b = NetworkBuilder(n_inputs, name=f"random{seed}-d{depth}-n{n_inputs}")
    prev: list[int] = [b.input(i) for i in range(1, n_inputs + 1)]

    def weight() -> int | Fraction:
        p = rng.randrange(1, 1 << rng.randint(1, weight_bits)) * rng.choice((1, -1))
        return Fraction(p, rng.randint(2, 256)) if rational and rng.random() < 0.5 else p

    for layer in range(depth):
        count = 2 if layer == depth - 1 else width
        srcs = prev if layer == 0 else prev + [b.input(i) for i in range(1, n_inputs + 1)]
        prev = [b.neuron({s: weight() for s in srcs}, bias=weight()) for _ in range(count)]
    for i, node in enumerate(prev):
        b.output(node, f"y{i}")
    return b.build()


def check_inputs(n: int, seed: int = 1) -> tuple[Any, str]:
    """Every input when n <= 14 ("all"), else a seeded sample of 4,096 ("sample")."""
    if n <= EXHAUSTIVE_BITS:
        return all_inputs(n), "all"
    return sample_inputs(n, SAMPLE, seed), "sample"


@dataclass(frozen=True)
class Case:
    family: str
    label: str
    make: Callable[[], Network]
    routes: tuple[str, ...]
    declared: tuple[str, ...] = ()  # outputs declared 0/1 (true, but not provable by intervals)


def cases(quick: bool) -> Iterator[Case]:
    """The workloads of the section (`quick`: a subset that runs in well under a minute)."""
    every = tuple(ROUTES)  # arithmetic, shallow, shallow-sparse
    ks = (2, 4, 8) if quick else (2, 3, 4, 6, 8, 12, 16, 24, 32)
    for k in ks:
        for boolean in (False, True):
            yield Case(
                "comparison-min" if boolean else "comparison-relu",
                f"{'min(1,d)' if boolean else 'relu(d)'} k={k}",
                lambda k=k, boolean=boolean: comparison_network(k, boolean),
                every,
            )
    from tmnet.uniform.lookup import lookup_network
    from tmnet.uniform.truth_table import TruthTable

    for mode in GADGET_MODES:
        for n in range(4, 7 if quick else LOOKUP_N_MAX + 1):
            yield Case(
                f"lookup-{mode}",
                f"n={n} {mode}",
                lambda n=n, mode=mode: lookup_network(TruthTable.random(n, seed=n), mode),
                ("arithmetic",),
                ("f",),
            )
    arith = ("arithmetic",)
    specs = [(2, 8, 12, False, every), (2, 8, 64, True, arith)]
    if not quick:
        specs += [
            (2, 8, 64, False, ("shallow-sparse",)),
            (3, 12, 64, False, arith),
            (3, 12, 32, True, arith),
            (4, 16, 64, True, arith),
        ]
    for i, (d, n, bits, rational, routes) in enumerate(specs):
        yield Case(
            "random",
            f"d={d} n={n} w<2^{bits}{' rational' if rational else ''}",
            lambda i=i, d=d, n=n, bits=bits, rational=rational: random_network(
                100 + i, d, n, bits, rational, width=2 if bits < 64 or d > 3 else 3
            ),
            routes,
        )
    from tmnet.machines import library
    from tmnet.uniform.cook_levin import cook_levin

    for name, n in (
        (("parity", 4), ("palindrome", 4))
        if quick
        else (
            ("parity", 6),
            ("palindrome", 6),
        )
    ):
        yield Case(
            "cook-levin",
            f"{name} n={n}",
            lambda name=name, n=n: cook_levin(library.load(name), gadgets="compact").network(n),
            ("arithmetic",),
        )


def measure(case: Case, route: str) -> dict[str, Any]:
    """One row: input sizes, lowered sizes, time to lower, agreement by the exact simulator."""
    net = case.make()
    s = sizes(net)
    low = small_weights(net, route, case.declared)
    t = sizes(low.network)
    inputs, how = check_inputs(net.n_inputs)
    bad = agreement(net, low, inputs)
    return {
        "family": case.family,
        "case": case.label,
        "route": route,
        "in_neurons": s.neurons,
        "in_depth": s.depth,
        "in_weight_bits": s.max_weight_bits,
        "in_p_size": s.p_size,
        "out_neurons": t.neurons,
        "out_edges": t.edges,
        "out_depth": t.depth,
        "depth_bound": low.depth_bound,
        "out_max_weight": max_abs_weight(low.network),
        "out_weight_bits": t.max_weight_bits,
        "seconds": low.seconds,
        "checked": f"{len(inputs)} ({how})",
        "agree": bad == 0,
    }


COLUMNS = [
    ("family", "family"),
    ("case", "input"),
    ("route", "route"),
    ("in_neurons", "in neurons"),
    ("in_depth", "in depth"),
    ("in_weight_bits", "in max w bits"),
    ("in_p_size", "in p-SIZE"),
    ("out_neurons", "out neurons"),
    ("out_edges", "out edges"),
    ("out_depth", "out depth"),
    ("depth_bound", "depth bound"),
    ("out_max_weight", "out max |w|"),
    ("seconds", "lower s"),
    ("checked", "inputs checked"),
    ("agree", "agree"),
]


def run(quick: bool, tick: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    rows = []
    for case in cases(quick):
        for route in case.routes:
            if tick:
                tick(f"small-weights {case.family} {case.label} {route}")
            rows.append(measure(case, route))
    return rows


def fit_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per (family, route): out neurons ~ c * (in p-SIZE)^d, d by least squares on log-log."""
    from tmnet.benchmarks.fit import fit_polynomial

    out = []
    keys = sorted({(r["family"], r["route"]) for r in rows})
    for fam, route in keys:
        pts = [
            (r["in_p_size"], r["out_neurons"])
            for r in rows
            if (r["family"], r["route"]) == (fam, route)
        ]
        if len({p for p, _ in pts}) < 2:
            continue
        f = fit_polynomial([p for p, _ in pts], [q for _, q in pts])
        out.append(
            {"family": fam, "route": route, "points": len(pts), "exponent": f.slope, "r2": f.r2}
        )
    return out


def render(rows: list[dict[str, Any]]) -> str:
    from tmnet.benchmarks.report import table

    fits = fit_rows(rows)
    return "\n".join(
        [
            table(rows, COLUMNS, "Lowering precision (tmnet small-weights): both routes"),
            table(
                fits,
                [
                    ("family", "family"),
                    ("route", "route"),
                    ("points", "points"),
                    ("exponent", "out neurons ~ p-SIZE^d: d"),
                    ("r2", "R^2"),
                ],
                "Fitted exponent of lowered neurons against input p-SIZE (log-log least squares)",
            ),
        ]
    )


def plot(rows: list[dict[str, Any]], path: Any) -> Any:
    """Log-log plot of lowered neurons against input p-SIZE, one series per (family, route)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tmnet.simulate.atomicio import atomic_open

    fig, ax = plt.subplots(figsize=(7, 5))
    for fam, route in sorted({(r["family"], r["route"]) for r in rows}):
        pts = sorted(
            (r["in_p_size"], r["out_neurons"])
            for r in rows
            if (r["family"], r["route"]) == (fam, route)
        )
        ax.loglog([p for p, _ in pts], [q for _, q in pts], "o-", label=f"{fam} ({route})")
    ax.set_xlabel("input p-SIZE (Definition 2.2)")
    ax.set_ylabel("neurons of the lowered network")
    ax.set_title("tmnet small-weights: output neurons vs input p-SIZE")
    ax.legend(fontsize=8)
    with atomic_open(path, "wb") as fh:
        fig.savefig(fh, format="png", dpi=110)
    plt.close(fig)
    return path


def bench_main(quick: bool, out: Any = None, plots: bool = False) -> int:
    """`tmnet bench --small-weights`: run the section, print its tables, and with --out write
    small_weights.json (and small_weights.png with --plots). Exit 1 on any disagreement."""
    import json
    import sys
    from pathlib import Path

    from tqdm import tqdm

    from tmnet.simulate.atomicio import atomic_write

    bar = tqdm(total=sum(len(c.routes) for c in cases(quick)), file=sys.stderr, disable=None)

    def tick(label: str) -> None:
        bar.set_description(label[:60])
        bar.update(1)

    rows = run(quick, tick)
    bar.close()
    print(render(rows))
    if out:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        atomic_write(
            out / "small_weights.json", json.dumps({"rows": rows, "fits": fit_rows(rows)}, indent=2)
        )
        if plots:
            plot(rows, out / "small_weights.png")
    return 0 if all(r["agree"] for r in rows) else 1
