"""`tmnet bench --constructions`: every construction for the same functions, side by side.

What precision buys (issue 12, docs/constructions.md): for seeded random functions at n = 4..20
and for the truth tables of three library machines, one row per (f, construction), measured in
this run: Theorem 4.1's lookup network (paper and compact gadgets), the lookup network read by
the best r parallel chains, Lupanov's circuit (both gadget modes), the two-layer network, the
circuit Berkeley ABC synthesises (n <= 16, read back from its AIGER output and converted with
compact gadgets), and the Cook-Levin network where f comes from a machine. Beside each: 2^n/n
and `bounds.psize_floor`, the least p-SIZE Theorem 5.1's count leaves possible for most
functions at that n.

Then the trade-off of `uniform.lookup_parallel` (Section 7, question 3): r = 1, 2, 4, ... at
n = 12..20 on the architecture (the all-ones table, whose graph contains every f's), with
neurons, depth, neurons x depth, weight bits, and the VC-dimension bound of Bartlett, Harvey,
Liaw and Mehrabian (`bounds.vc`): how far each point is from the least number of parameters a
depth-L network must have to compute every function on n bits.

Agreement: every network is simulated exactly (`simulate_batch`, mode "batch") on every input
up to `Config.exhaustive_max` bits and on `Config.sample` seeded inputs beyond, against the
truth table.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from tmnet.benchmarks import abc_synth, contrast, report
from tmnet.bounds import vc
from tmnet.bounds.psize_floor import psize_floor
from tmnet.uniform import constructions as cons
from tmnet.uniform import lookup_parallel

DEFAULT_MACHINES = ("parity", "palindrome", "majority")


@dataclass(frozen=True)
class Config:
    """What the section covers; `quick()` is the seconds-long variant the tests run."""

    random_ns: tuple[int, ...] = tuple(range(4, 21))
    seed: int = 2026
    machines: tuple[str, ...] = DEFAULT_MACHINES
    machine_ns: tuple[int, ...] = (6, 10, 14)
    tradeoff_ns: tuple[int, ...] = tuple(range(12, 21))
    tradeoff_r_max: int = 256
    abc: bool = True
    abc_n_max: int = 16
    exhaustive_max: int = 14
    sample: int = 512

    @classmethod
    def quick(cls) -> Config:
        return cls(
            random_ns=(4, 6, 8),
            machines=DEFAULT_MACHINES,
            machine_ns=(5,),
            tradeoff_ns=(6, 8),
            tradeoff_r_max=16,
            abc_n_max=8,
            sample=256,
        )


# (label, construction, gadgets, chains); chains "best" is resolved per n
VARIANTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("lookup (paper)", "lookup", "paper", None),
    ("lookup (compact)", "lookup", "compact", None),
    ("lookup, best r (compact)", "lookup-parallel", "compact", "best"),
    ("lupanov (paper)", "lupanov", "paper", None),
    ("lupanov (compact)", "lupanov", "compact", None),
    ("two-layer", "twolayer", "compact", None),
)
ABC_LABEL = "ABC resyn2+dc2 (compact)"
COOK_LEVIN_LABEL = "cook-levin (compact)"
SIZE_KEYS = ("neurons", "edges", "depth", "max_fan_in", "max_weight_bits", "p_size")


def _inputs(n: int, cfg: Config, seed: int) -> np.ndarray:
    from tmnet import simulate

    if n <= cfg.exhaustive_max:
        return simulate.all_inputs(n)
    return simulate.sample_inputs(n, cfg.sample, seed)


def _expected(table: Any, inputs: np.ndarray) -> np.ndarray:
    idx = (inputs.astype(np.int64) << np.arange(inputs.shape[1], dtype=np.int64)).sum(axis=1)
    return table.to_array()[idx].astype(np.int64)


def measure(net: Any, table: Any, inputs: np.ndarray, expected: np.ndarray) -> dict[str, Any]:
    """The network's sizes and its agreement with the table on `inputs` (exact simulation)."""
    from tmnet import simulate

    row: dict[str, Any] = {k: v for k, v in simulate.sizes(net).as_dict().items() if k in SIZE_KEYS}
    got = simulate.simulate_batch(net, inputs, mode="batch")[:, 0]
    row["agree"] = int((np.array([int(v) for v in got], dtype=np.int64) == expected).sum())
    row["checked"] = int(len(inputs))
    return row


def abc_network(table: Any) -> tuple[Any | None, float | None, str | None]:
    """ABC's synthesised circuit for the table, as a compact-gadget network, and its seconds;
    (None, None, why) when ABC is missing or fails."""
    from tmnet.uniform.aiger_read import read_aig
    from tmnet.uniform.to_network import to_network

    n = table.n_bits
    with tempfile.TemporaryDirectory(prefix="tmnet-abc-") as tmp:
        path = Path(tmp) / "out.aig"
        start = time.perf_counter()
        res = abc_synth.synthesize(table.value, n, script=f"{abc_synth.SCRIPT}; write_aiger {path}")
        if res.skipped or not path.exists():
            return None, None, res.skipped or "ABC wrote no AIGER file"
        circuit = read_aig(path.read_bytes(), name=f"abc(n={n})")
        net = to_network(circuit, "compact")
        return net, time.perf_counter() - start, None


def _bounds(n: int) -> dict[str, Any]:
    return {"shannon": 2**n / n, "psize_floor": psize_floor(n)}


def rows_for(
    f_name: str, table: Any, cfg: Config, seed: int, machine: Any = None, tick: Callable = print
) -> list[dict[str, Any]]:
    """One row per construction for the function `table` (and Cook-Levin when `machine`)."""
    n = table.n_bits
    inputs = _inputs(n, cfg, seed)
    expected = _expected(table, inputs)
    base = {"f": f_name, "n": n, **_bounds(n)}
    out = []
    for label, name, gadgets, chains in VARIANTS:
        r = cons.best_chains(n, gadgets) if chains == "best" else None
        start = time.perf_counter()
        net = cons.build(name, table, gadgets, r)
        seconds = time.perf_counter() - start
        row = {**base, "construction": label + (f" r={r}" if r else ""), "print_s": seconds}
        row.update(measure(net, table, inputs, expected))
        out.append(row)
        tick()
    if cfg.abc and 3 <= n <= cfg.abc_n_max:
        net, seconds, why = abc_network(table)
        if net is not None:
            row = {**base, "construction": ABC_LABEL, "print_s": seconds}
            row.update(measure(net, table, inputs, expected))
            out.append(row)
        else:
            out.append({**base, "construction": ABC_LABEL, "note": why})
        tick()
    if machine is not None:
        from tmnet.uniform.cook_levin import cook_levin

        printed = cook_levin(machine, None, "compact").print(_word_length(machine, n))
        row = {**base, "construction": COOK_LEVIN_LABEL, "print_s": printed.print_seconds}
        row.update(measure(printed.network, table, inputs, expected))
        out.append(row)
        tick()
    for row in out:
        if row.get("p_size"):
            row["p_size_over_shannon"] = row["p_size"] / row["shannon"]
    return out


def _word_length(machine: Any, n_bits: int) -> int:
    from tmnet.machines.encoding import input_bits

    for n in range(n_bits + 1):
        if input_bits(machine, n) == n_bits:
            return n
    raise ValueError(f"no word length of {machine.name} has {n_bits} input bits")


def network_profile(net: Any) -> vc.Profile:
    """`bounds.vc.profile` of a network: its neurons' depths and parameter counts."""
    from tmnet import simulate

    depths = np.asarray(simulate.node_depths(net))[net.first_neuron :]
    return vc.profile(depths, np.diff(net.indptr))


def tradeoff_rows(cfg: Config, tick: Callable = print) -> list[dict[str, Any]]:
    """`lookup_parallel` over r at each n, on the architecture, against Theorem 7 of BHLM."""
    from tmnet import simulate
    from tmnet.uniform.truth_table import TruthTable

    rows = []
    for n in cfg.tradeoff_ns:
        ones = TruthTable(n, (1 << (1 << n)) - 1)
        for r in lookup_parallel.chains(n):
            if r > cfg.tradeoff_r_max:
                break
            net = lookup_parallel.parallel_lookup_network(ones, r, "compact")
            s = simulate.sizes(net)
            point = vc.vc_point(n, network_profile(net))
            rows.append(
                {
                    "n": n,
                    "r": r,
                    "neurons": s.neurons,
                    "depth": s.depth,
                    "neurons_x_depth": s.neurons * s.depth,
                    "max_weight_bits": s.max_weight_bits,
                    "weights": point.profile.weights,
                    "vc_bound": point.bound,
                    "vc_bound_over_2n": point.bound_over_2n,
                    "min_weights": point.min_weights,
                    "weights_over_min": point.weights_over_min,
                    "predicted": s.neurons == lookup_parallel.predicted_neurons(n, r, "compact")
                    and s.depth == lookup_parallel.predicted_depth(n, r, "compact"),
                }
            )
            tick()
    return rows


@dataclass(frozen=True)
class Results:
    config: Config
    rows: tuple[dict[str, Any], ...]
    tradeoff: tuple[dict[str, Any], ...]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "config": self.config.__dict__,
            "rows": list(self.rows),
            "tradeoff": list(self.tradeoff),
            "seconds": self.seconds,
        }


def run(cfg: Config, progress: bool | None = None) -> Results:
    """Every row of the section (a tqdm bar on stderr)."""
    import sys

    from tqdm import tqdm

    from tmnet import machines
    from tmnet.uniform.truth_table import TruthTable

    start = time.perf_counter()
    total = len(cfg.random_ns) * 9 + len(cfg.machines) * len(cfg.machine_ns) * 9
    bar = tqdm(total=total, desc="constructions", file=sys.stderr, disable=progress is False)
    rows: list[dict[str, Any]] = []
    try:
        for n in cfg.random_ns:
            table = TruthTable.random(n, cfg.seed + n)
            rows += rows_for(f"random (seed {cfg.seed + n})", table, cfg, n, tick=bar.update)
        for name in cfg.machines:
            machine = machines.library.resolve(name)
            for n in cfg.machine_ns:
                table = TruthTable.from_machine(machine, n, on_timeout="reject")
                rows += rows_for(name, table, cfg, n, machine=machine, tick=bar.update)
        trade = tradeoff_rows(cfg, tick=bar.update)
    finally:
        bar.close()
    return Results(cfg, tuple(rows), tuple(trade), time.perf_counter() - start)


# the size columns with the contrast benchmark's headers
MAIN_COLUMNS = (
    ("f", "f"),
    ("n", "n"),
    ("construction", "construction"),
    *(c for c in contrast.PRINTER_COLUMNS if c[0] in SIZE_KEYS),
    ("print_s", "print s"),
    ("agree", "agree"),
    ("checked", "checked"),
    ("shannon", "2^n/n"),
    ("psize_floor", "Thm 5.1 floor"),
    ("p_size_over_shannon", "p-SIZE/(2^n/n)"),
)
TRADE_COLUMNS = (
    ("n", "n"),
    ("r", "r"),
    ("neurons", "neurons"),
    ("depth", "depth"),
    ("neurons_x_depth", "neurons x depth"),
    ("max_weight_bits", "w bits"),
    ("weights", "W"),
    ("vc_bound", "BHLM VC bound"),
    ("vc_bound_over_2n", "bound / 2^n"),
    ("min_weights", "W needed at depth"),
    ("weights_over_min", "W / needed"),
    ("predicted", "= formula"),
)


def render(res: Results) -> str:
    """The tables, as text."""
    parts = []
    randoms = [r for r in res.rows if r["f"].startswith("random")]
    if randoms:
        parts.append(report.table(randoms, MAIN_COLUMNS, "Constructions: random functions"))
    for name in res.config.machines:
        mine = [r for r in res.rows if r["f"] == name]
        if mine:
            parts.append(report.table(mine, MAIN_COLUMNS, f"Constructions: {name}"))
    parts.append(
        report.table(
            list(res.tradeoff),
            TRADE_COLUMNS,
            "Depth-neuron trade-off: lookup read by r parallel chains (compact, architecture); "
            f"VC bound: {vc.CITATION}",
        )
    )
    notes = [r for r in res.rows if r.get("note")]
    for r in notes:
        parts.append(f"note: {r['f']} n={r['n']} {r['construction']}: {r['note']}")
    parts.append(f"(constructions section: {res.seconds:.1f} s)")
    return "\n".join(parts)


def plot(res: Results, out: Path) -> Path:
    """One PNG: p-SIZE and neurons against n (log axes) for every construction, random f."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tmnet.simulate.atomicio import atomic_write

    randoms = [r for r in res.rows if r["f"].startswith("random") and r.get("neurons")]
    labels = list(dict.fromkeys(_family_label(r["construction"]) for r in randoms))
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8))
    for ax, key, title in ((axes[0], "p_size", "p-SIZE"), (axes[1], "neurons", "neurons")):
        for label in labels:
            pts = [(r["n"], r[key]) for r in randoms if _family_label(r["construction"]) == label]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
        ns = sorted({r["n"] for r in randoms})
        ax.plot(ns, [2**n / n for n in ns], "k--", label="2^n/n (formula)")
        if key == "p_size":
            ax.plot(ns, [psize_floor(n) for n in ns], "k:", label="Theorem 5.1 floor (most f)")
        ax.set_yscale("log")
        ax.set_xlabel("n")
        ax.set_ylabel(title)
        ax.set_title(f"{title} vs n, random functions")
        ax.grid(True, which="both", alpha=0.3)
    for ax in axes:
        ax.legend(fontsize=7)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    path = out / "constructions.png"
    out.mkdir(parents=True, exist_ok=True)
    atomic_write(path, buf.getvalue())
    return path


def _family_label(label: str) -> str:
    return label.split(" r=")[0]


def config_from_options(opts: Any) -> Config:
    """A Config from `tmnet bench`'s `contrast.BenchOptions` (--quick, --no-abc)."""
    cfg = Config.quick() if opts.quick else Config()
    return replace(cfg, abc=opts.config.abc)


def bench_main(opts: Any) -> int:
    """Run the section for `contrast.BenchOptions`, print it, write the `out` files (and the
    plot with `plots`); 1 if any network disagreed with its truth table."""
    res = run(config_from_options(opts))
    print(render(res))
    if opts.out:
        out = Path(opts.out)
        written = report.write_outputs(
            out, res.as_dict(), {"constructions": list(res.rows), "tradeoff": list(res.tradeoff)}
        )
        if opts.plots:
            written.append(plot(res, out))
        print("wrote " + ", ".join(str(p) for p in written))
    bad = [r for r in res.rows if "agree" in r and r["agree"] != r["checked"]]
    for r in bad:
        print(f"DISAGREEMENT: {r['f']} n={r['n']} {r['construction']}: {r['agree']}/{r['checked']}")
    return 1 if bad else 0
