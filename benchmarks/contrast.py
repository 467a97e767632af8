"""The contrast sweep: both directions of the paper's theorems, measured on the same languages.

For each machine and n: the Cook-Levin network (Theorem 6.1's easy direction: printed in time
polynomial in n, O(T(n)^2) neurons, small weights) and the lookup network (Theorem 4.1: printed
in time 2^O(n), O(2^(n/2)) neurons, weights of about 2^(n/2) bits, so p-SIZE about 2^n, as
Theorem 5.1 says it must be for most functions). Side by side against Shannon's 2^n/n, with the
crossovers and the fitted growth of every measured column. Then random functions (no machine):
lookup networks against 2^n/n and against the circuit Berkeley ABC synthesises for the same
truth table.

Every figure is measured in the run that reports it; fits use only the measured points.
"""

from __future__ import annotations

import argparse
import inspect
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from tmnet.benchmarks import abc_synth, report
from tmnet.benchmarks.fit import GrowthFit, growth
from tmnet.errors import UsageError
from tmnet.uniform.gadgets import GADGET_MODES, PAPER

DEFAULT_MACHINES = ("parity", "palindrome")  # linear time, quadratic time


@dataclass(frozen=True)
class Config:
    """What the sweep covers. `quick()` is the under-a-minute variant."""

    machines: tuple[str, ...] = DEFAULT_MACHINES
    n_min: int = 2
    n_max: int = 12
    random_n_min: int = 4
    random_n_max: int = 14
    gadgets: str = "paper"
    sample: int = 256  # inputs simulated per network (all inputs when there are fewer)
    exact_inputs: int = 8  # inputs timed one by one in exact mode
    seed: int = 0
    abc: bool = True
    max_print_seconds: float = 30.0  # stop raising n for a printer once one print takes longer
    counting_n_max: int = 80
    counting_scan_limit: int = 400  # t up to which Theorem 5.1's m-scanned lines are evaluated

    @classmethod
    def quick(cls, **overrides: Any) -> Config:
        base = cls(
            n_max=8,
            random_n_max=8,
            sample=64,
            exact_inputs=3,
            max_print_seconds=3.0,
            counting_n_max=40,
            counting_scan_limit=120,
        )
        return replace(base, **overrides)


@dataclass(frozen=True)
class Results:
    """Everything one sweep measured, as plain rows (dicts) ready for tables, JSON and CSV."""

    config: Config
    rows: tuple[dict[str, Any], ...]  # one per (machine, printer, n)
    side_by_side: tuple[dict[str, Any], ...]  # one per (machine, n)
    crossovers: tuple[dict[str, Any], ...]
    fits: tuple[dict[str, Any], ...]
    random_rows: tuple[dict[str, Any], ...]
    counting: tuple[dict[str, Any], ...]
    counting_smallest: dict[str, int | None]
    notes: tuple[str, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "config": self.config.__dict__,
            "rows": list(self.rows),
            "side_by_side": list(self.side_by_side),
            "crossovers": list(self.crossovers),
            "fits": list(self.fits),
            "random": list(self.random_rows),
            "counting": list(self.counting),
            "counting_smallest_n": self.counting_smallest,
            "notes": list(self.notes),
            "seconds": self.seconds,
        }


# ---------------------------------------------------------------------------------------------
# families


def cook_levin_family(machine: Any, gadgets: str) -> Any:
    """uniform.cook_levin's family for the machine (gadget mode passed when it takes one)."""
    from tmnet.uniform.cook_levin import cook_levin

    params = inspect.signature(cook_levin).parameters
    if "gadgets" in params:
        return cook_levin(machine, gadgets=gadgets)
    if "mode" in params:
        return cook_levin(machine, mode=gadgets)
    return cook_levin(machine)


def lookup_family(machine: Any, gadgets: str) -> Any:
    from tmnet.uniform.lookup import lookup_family as make

    return make(machine, gadgets=gadgets)


# ---------------------------------------------------------------------------------------------
# measurement of one printed network


def expected_outputs(machine: Any, inputs: np.ndarray) -> np.ndarray:
    """What the interpreter says on each input row: 1 accept, 0 otherwise (no word: 0)."""
    from tmnet.machines import run
    from tmnet.machines.encoding import decode_bits

    out = np.zeros(len(inputs), dtype=np.int64)
    for k, row in enumerate(inputs):
        word = decode_bits(machine, [int(b) for b in row])
        if word is not None and run(machine, word).outcome.value == "accept":
            out[k] = 1
    return out


def measure_network(
    net: Any, expected_of: Callable[[np.ndarray], np.ndarray], cfg: Config, seed: int
) -> dict[str, Any]:
    """Sizes, exact simulation time per input (batch and exact), agreement, float64 failures."""
    from tmnet import simulate

    row: dict[str, Any] = dict(simulate.sizes(net).as_dict())
    inputs = simulate.sample_inputs(net.n_inputs, cfg.sample, seed)
    expected = expected_of(inputs)
    start = time.perf_counter()
    batch = simulate.simulate_batch(net, inputs, mode="batch")
    row["batch_us_per_input"] = (time.perf_counter() - start) / max(1, len(inputs)) * 1e6
    got = np.array([int(v) for v in batch[:, 0]], dtype=np.int64)
    row["inputs_checked"] = int(len(inputs))
    row["agree"] = int((got == expected).sum())
    k = min(cfg.exact_inputs, len(inputs))
    start = time.perf_counter()
    for r in inputs[:k]:
        simulate.simulate(net, r, mode="exact")
    row["exact_us_per_input"] = (time.perf_counter() - start) / max(1, k) * 1e6
    with np.errstate(all="ignore"):
        floats = simulate.simulate_batch(net, inputs, mode="float")[:, 0]
    row["float_wrong"] = int((floats != expected.astype(np.float64)).sum())
    return row


def printed_row(
    machine_name: str, printer: str, n: int, printed: Any, machine: Any, **middle: Any
) -> dict[str, Any]:
    """The columns every sweep row of a printed network starts with (machine, printer, n,
    T(n), print and truth-table time, Shannon's 2^n/n); `middle` columns (e.g. `bench
    --scale`'s source and sizes) go after T(n), so each sweep keeps its column order."""
    return {
        "machine": machine_name,
        "printer": printer,
        "n": n,
        "T(n)": machine.time_bound(n),
        **middle,
        "print_seconds": printed.print_seconds,
        "truth_table_seconds": printed.timings.get("truth_table_seconds"),
        "shannon": 2**n / n,
    }


def _printer_rows(
    machine_name: str, printer: str, family: Any, machine: Any, cfg: Config, tick: Callable
) -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for n in range(cfg.n_min, cfg.n_max + 1):
        try:
            printed = family.print(n)
        except Exception as exc:  # a printer's limit (e.g. size) ends this printer's sweep
            notes.append(f"{machine_name}/{printer}: stopped at n={n}: {exc}")
            tick(cfg.n_max - n + 1)
            break
        row = printed_row(machine_name, printer, n, printed, machine)
        row.update(
            measure_network(
                printed.network,
                lambda inputs: expected_outputs(machine, inputs),
                cfg,
                cfg.seed + n,
            )
        )
        rows.append(row)
        tick(1)
        if printed.print_seconds > cfg.max_print_seconds and n < cfg.n_max:
            notes.append(
                f"{machine_name}/{printer}: stopped after n={n}: printing took "
                f"{printed.print_seconds:.1f} s > {cfg.max_print_seconds} s budget"
            )
            tick(cfg.n_max - n)
            break
    return rows, notes


# ---------------------------------------------------------------------------------------------
# derived tables


def side_by_side(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    by = {(r["machine"], r["printer"], r["n"]): r for r in rows}
    out = []
    for machine, n in sorted({(r["machine"], r["n"]) for r in rows}):
        cl = by.get((machine, "cook-levin", n))
        lk = by.get((machine, "lookup", n))
        out.append(
            {
                "machine": machine,
                "n": n,
                "shannon": 2**n / n,
                "cl_neurons": cl and cl["neurons"],
                "lk_neurons": lk and lk["neurons"],
                "cl_p_size": cl and cl["p_size"],
                "lk_p_size": lk and lk["p_size"],
                "cl_print_s": cl and cl["print_seconds"],
                "lk_print_s": lk and lk["print_seconds"],
                "lk_float_wrong": lk
                and "float_wrong" in lk
                and f"{lk['float_wrong']}/{lk['inputs_checked']}",
            }
        )
    return out


def _first_from(ns_flags: Sequence[tuple[int, bool]]) -> int | None:
    """The smallest n from which the flag holds for every measured n after it."""
    first = None
    for n, flag in sorted(ns_flags):
        first = (n if first is None else first) if flag else None
    return first


def crossovers(sbs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for machine in sorted({r["machine"] for r in sbs}):
        both = [r for r in sbs if r["machine"] == machine and r["cl_neurons"] and r["lk_neurons"]]
        out.append(
            {
                "machine": machine,
                "n_measured": f"{both[0]['n']}..{both[-1]['n']}" if both else "-",
                "lookup_fewer_neurons_from_n": _first_from(
                    [(r["n"], r["lk_neurons"] < r["cl_neurons"]) for r in both]
                ),
                "lookup_larger_p_size_from_n": _first_from(
                    [(r["n"], r["lk_p_size"] > r["cl_p_size"]) for r in both]
                ),
                "lookup_slower_print_from_n": _first_from(
                    [(r["n"], r["lk_print_s"] > r["cl_print_s"]) for r in both]
                ),
            }
        )
    return out


FIT_COLUMNS = ("neurons", "edges", "p_size", "max_weight_bits", "print_seconds")


def fits(
    rows: Sequence[dict[str, Any]], min_n: int = 4, columns: Sequence[str] = FIT_COLUMNS
) -> list[dict[str, Any]]:
    """Both growth models for every measured column of every (machine, printer); a column
    with a missing value in some row is not fitted."""
    out = []
    for machine, printer in sorted({(r["machine"], r["printer"]) for r in rows}):
        sel = [r for r in rows if r["machine"] == machine and r["printer"] == printer]
        sel = [r for r in sel if r["n"] >= min_n] or sel
        for col in columns:
            ys = [r.get(col) for r in sel]
            if any(y is None for y in ys):
                continue
            g: GrowthFit | None = growth(col, [r["n"] for r in sel], ys)
            if g is not None:
                out.append({"machine": machine, "printer": printer, **g.as_dict()})
    return out


# ---------------------------------------------------------------------------------------------
# random functions vs ABC


def random_rows(cfg: Config, tick: Callable) -> list[dict[str, Any]]:
    from tmnet.uniform.lookup import lookup_network
    from tmnet.uniform.truth_table import TruthTable

    out = []
    for n in range(cfg.random_n_min, cfg.random_n_max + 1):
        table = TruthTable.random(n, seed=cfg.seed + n)
        row: dict[str, Any] = {"n": n, "shannon": 2**n / n, "seed": cfg.seed + n}
        for gadgets in GADGET_MODES:
            start = time.perf_counter()
            net = lookup_network(table, gadgets)
            row[f"{gadgets}_print_s"] = time.perf_counter() - start
            if gadgets == cfg.gadgets:
                m = measure_network(
                    net,
                    lambda inputs, table=table: np.array(
                        [table.bit(int(sum(int(b) << k for k, b in enumerate(r)))) for r in inputs]
                    ),
                    replace(cfg, exact_inputs=1),
                    cfg.seed + n,
                )
                row.update(
                    {
                        "p_size": m["p_size"],
                        "max_weight_bits": m["max_weight_bits"],
                        "agree": f"{m['agree']}/{m['inputs_checked']}",
                        "float_wrong": f"{m['float_wrong']}/{m['inputs_checked']}",
                    }
                )
            from tmnet import simulate

            row[f"{gadgets}_neurons"] = simulate.sizes(net).neurons
        if cfg.abc:
            res = abc_synth.synthesize(table.value, n)
            row["abc_and_nodes"] = res.and_nodes
            row["abc_levels"] = res.levels
            row["abc_seconds"] = res.seconds
            row["abc_skipped"] = res.skipped
        out.append(row)
        tick(1)
    return out


# ---------------------------------------------------------------------------------------------
# the whole sweep


def run(cfg: Config, progress: bool | None = None) -> Results:
    """Measure everything `cfg` asks for, with a tqdm bar on stderr (hidden when not a TTY)."""
    from tqdm import tqdm

    from tmnet.bounds import counting
    from tmnet.machines import library

    started = time.perf_counter()
    n_count = max(0, cfg.n_max - cfg.n_min + 1)
    total = 2 * len(cfg.machines) * n_count + max(0, cfg.random_n_max - cfg.random_n_min + 1) + 1
    bar = tqdm(
        total=total,
        desc="tmnet bench",
        unit="step",
        disable=None if progress is None else not progress,
    )
    notes: list[str] = []
    rows: list[dict[str, Any]] = []
    try:
        for name in cfg.machines:
            machine = library.resolve(name)
            for printer, make in (("cook-levin", cook_levin_family), ("lookup", lookup_family)):
                bar.set_postfix_str(f"{name} {printer}")
                try:
                    family = make(machine, cfg.gadgets)
                except ImportError as exc:
                    notes.append(f"{name}/{printer}: printer not available ({exc})")
                    bar.update(n_count)
                    continue
                got, why = _printer_rows(name, printer, family, machine, cfg, bar.update)
                rows.extend(got)
                notes.extend(why)
        bar.set_postfix_str("random functions")
        rnd = random_rows(cfg, bar.update)
        bar.set_postfix_str("Theorem 5.1")
        sw = counting.sweep(range(2, cfg.counting_n_max + 1), scan_limit=cfg.counting_scan_limit)
        bar.update(1)
    finally:
        bar.close()
    sbs = side_by_side(rows)
    counting_rows = [
        {"n": r.n, "t": r.t, "two_to_n": 2**r.n, **{k: v for k, v in r.log2.items()}}
        for r in sw.rows
    ]
    return Results(
        cfg,
        tuple(rows),
        tuple(sbs),
        tuple(crossovers(sbs)),
        tuple(fits(rows)),
        tuple(rnd),
        tuple(counting_rows),
        dict(sw.smallest_n),
        tuple(notes),
        time.perf_counter() - started,
    )


# ---------------------------------------------------------------------------------------------
# rendering

# the columns of `side_by_side`'s rows that both sweeps (bench, bench --scale) show
SIDE_BY_SIDE_COLUMNS = [
    ("machine", "machine"),
    ("n", "n"),
    ("shannon", "2^n/n"),
    ("cl_neurons", "CL neurons"),
    ("lk_neurons", "lookup neurons"),
    ("cl_p_size", "CL p-SIZE"),
    ("lk_p_size", "lookup p-SIZE"),
    ("cl_print_s", "CL print s"),
    ("lk_print_s", "lookup print s"),
]

PRINTER_COLUMNS = [
    ("n", "n"),
    ("T(n)", "T(n)"),
    ("neurons", "neurons"),
    ("edges", "edges"),
    ("depth", "depth"),
    ("max_fan_in", "fan-in"),
    ("max_weight_bits", "w bits"),
    ("p_size", "p-SIZE"),
    ("description_bits", "descr bits"),
    ("print_seconds", "print s"),
    ("truth_table_seconds", "table s"),
    ("batch_us_per_input", "batch µs/in"),
    ("exact_us_per_input", "exact µs/in"),
    ("agree", "agree"),
    ("inputs_checked", "checked"),
    ("float_wrong", "float64 wrong"),
]


CROSSOVER_COLUMNS = [
    ("machine", "machine"),
    ("n_measured", "n measured"),
    ("lookup_fewer_neurons_from_n", "lookup fewer neurons from n"),
    ("lookup_larger_p_size_from_n", "lookup larger p-SIZE from n"),
    ("lookup_slower_print_from_n", "lookup slower to print from n"),
]
FIT_TABLE_COLUMNS = [
    ("machine", "machine"),
    ("printer", "printer"),
    ("column", "column"),
    ("points", "points"),
    ("degree", "poly degree"),
    ("poly_r2", "R² poly"),
    ("base", "exp base"),
    ("exp_r2", "R² exp"),
    ("better", "better fit"),
]


def render(res: Results) -> str:
    """All tables as one markdown-friendly text."""
    parts: list[str] = []
    for machine in res.config.machines:
        for printer in ("cook-levin", "lookup"):
            sel = [r for r in res.rows if r["machine"] == machine and r["printer"] == printer]
            if sel:
                cols = (
                    PRINTER_COLUMNS
                    if printer == "lookup"
                    else [c for c in PRINTER_COLUMNS if c[0] != "truth_table_seconds"]
                )
                title = (
                    f"{machine}: Cook-Levin (Theorem 6.1, P-uniform direction)"
                    if printer == "cook-levin"
                    else f"{machine}: lookup (Theorem 4.1, exponential-time printer)"
                )
                parts.append(report.table(sel, cols, title))
    if res.side_by_side:
        parts.append(
            report.table(
                res.side_by_side,
                [*SIDE_BY_SIDE_COLUMNS, ("lk_float_wrong", "lookup float64 wrong")],
                "Side by side (CL = Cook-Levin)",
            )
        )
        parts.append(
            report.table(
                res.crossovers,
                CROSSOVER_COLUMNS,
                "Crossovers (from this n on, through the largest n measured)",
            )
        )
    if res.fits:
        parts.append(
            report.table(
                res.fits,
                FIT_TABLE_COLUMNS,
                "Fitted growth (least squares on log2 y; degree = log-log slope, "
                "base = 2^(log2-linear slope))",
            )
        )
    if res.random_rows:
        abc_script = abc_synth.SCRIPT if res.config.abc else "(ABC not run)"
        parts.append(
            report.table(
                res.random_rows,
                [
                    ("n", "n"),
                    ("shannon", "2^n/n"),
                    ("paper_neurons", "lookup neurons (paper)"),
                    ("compact_neurons", "lookup neurons (compact)"),
                    ("p_size", f"lookup p-SIZE ({res.config.gadgets})"),
                    ("max_weight_bits", "w bits"),
                    ("abc_and_nodes", "ABC AND nodes"),
                    ("abc_levels", "ABC levels"),
                    ("abc_seconds", "ABC s"),
                    ("agree", "agree"),
                    ("float_wrong", "float64 wrong"),
                ],
                f"Random functions (TruthTable.random(n, seed=n+{res.config.seed})) vs "
                f"Berkeley ABC `{abc_script}`",
            )
        )
        skipped = {r.get("abc_skipped") for r in res.random_rows if r.get("abc_skipped")}
        for why in sorted(skipped):
            parts.append(f"ABC skipped: {why}\n")
    if res.counting:
        cols = [("n", "n"), ("t", "t=⌊2^n/n⌋"), ("two_to_n", "2^n")]
        cols += [(k, f"{k} − 2^n") for k in ("L0p", "L0", "L1", "L4", "L6", "L7")]
        shown = [
            {
                **{k: r[k] for k in ("n", "t", "two_to_n")},
                **{
                    k: None if r.get(k) is None else _bits_int(r[k] - r["two_to_n"])
                    for k in ("L0p", "L0", "L1", "L4", "L6", "L7")
                },
            }
            for r in res.counting
            if r["n"] <= 16 or r["n"] % 8 == 0 or _near(r, res)
        ]
        parts.append(
            report.table(
                shown,
                cols,
                "Theorem 5.1: log2(bound on C_t) − 2^n in bits, t = ⌊2^n/n⌋ "
                "(negative: fewer networks of p-SIZE <= t than functions; see `tmnet count`)",
            )
        )
        parts.append(
            "Smallest n from which each line proves some function needs p-SIZE > 2^n/n: "
            + ", ".join(f"{k}: {'-' if v is None else v}" for k, v in res.counting_smallest.items())
            + "\n"
        )
    for note in res.notes:
        parts.append(f"note: {note}\n")
    parts.append(f"bench took {res.seconds:.1f} s\n")
    return "\n".join(parts)


def _bits_int(x: float) -> int | float:
    """A whole number of bits when float64 holds it exactly enough, else the float (3 digits)."""
    return round(x) if abs(x) < 1e12 else x


def _near(row: dict[str, Any], res: Results) -> bool:
    return any(v is not None and abs(row["n"] - v) <= 1 for v in res.counting_smallest.values())


def csv_tables(res: Results) -> dict[str, list[dict[str, Any]]]:
    return {
        "printers": list(res.rows),
        "side_by_side": list(res.side_by_side),
        "crossovers": list(res.crossovers),
        "fits": list(res.fits),
        "random": list(res.random_rows),
        "counting": list(res.counting),
    }


def plots(res: Results, out: Any) -> list[Any]:
    """neurons, p-SIZE and print time vs n (log scale): both printers and 2^n/n."""
    from pathlib import Path

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for col, label in (
        ("neurons", "neurons"),
        ("p_size", "p-SIZE (bits)"),
        ("print_seconds", "print time (s)"),
    ):
        series = []
        for machine in res.config.machines:
            for printer in ("cook-levin", "lookup"):
                sel = [r for r in res.rows if r["machine"] == machine and r["printer"] == printer]
                if sel:
                    series.append(
                        (f"{machine} {printer}", [r["n"] for r in sel], [r[col] for r in sel])
                    )
        if col != "print_seconds" and res.random_rows:
            key = f"{res.config.gadgets}_neurons" if col == "neurons" else "p_size"
            series.append(
                (
                    "random f lookup",
                    [r["n"] for r in res.random_rows],
                    [r.get(key) for r in res.random_rows],
                )
            )
            if col == "neurons" and any(r.get("abc_and_nodes") for r in res.random_rows):
                series.append(
                    (
                        "random f ABC AND nodes",
                        [r["n"] for r in res.random_rows],
                        [r.get("abc_and_nodes") for r in res.random_rows],
                    )
                )
        ns = [r["n"] for r in res.rows] + [r["n"] for r in res.random_rows]
        written.append(
            report.plot_series(
                out / f"{col}.png",
                f"{label} vs n",
                label,
                series,
                shannon=ns,
            )
        )
    return written


def shannon(n: int) -> float:
    """Shannon's 2^n/n (a formula, not a measurement)."""
    return 2**n / n if n else math.inf


# ---------------------------------------------------------------------------------------------
# command-line driver: `tmnet bench` (tmnet.cli) and `python -m tmnet.benchmarks` both build
# their parser with `add_bench_arguments` and run `bench_main` on the `BenchOptions` the parsed
# options give; the benchmarks never import the command line (docs/architecture.md).


@dataclass(frozen=True)
class BenchOptions:
    """One run of the sweep: what it covers (`Config`) and what else to do with it."""

    config: Config
    perf: bool = False  # also run the speed comparisons (`benchmarks.perf`)
    quick: bool = False  # the speed comparisons' quick variant
    out: Path | None = None  # directory for results.json, CSV files and plots
    plots: bool = False  # PNG plots in `out` (needs matplotlib)
    constructions: bool = False  # instead: every construction side by side (`constructions`)


def add_bench_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `tmnet bench` and `python -m tmnet.benchmarks`, added to `p`."""
    p.add_argument(
        "--machines", help="comma-separated library machines (default parity,palindrome)"
    )
    p.add_argument("--n-max", type=int, help="largest n of the machine sweep")
    p.add_argument("--quick", action="store_true", help="a small sweep that runs in under a minute")
    p.add_argument("--out", type=Path, help="directory for results.json, CSV files and plots")
    p.add_argument("--plots", action="store_true", help="PNG plots in --out (needs matplotlib)")
    p.add_argument("--perf", action="store_true", help="also run the speed comparisons")
    p.add_argument("--gadgets", choices=GADGET_MODES, default=PAPER.name)
    p.add_argument("--no-abc", action="store_true", help="skip Berkeley ABC")
    p.add_argument("--scale", action="store_true", help="both printers up to n = 28 (~30 min)")
    p.add_argument(
        "--small-weights",
        action="store_true",
        help="run only the lowering-precision section (benchmarks/small_weights.py)",
    )
    p.add_argument(
        "--constructions",
        action="store_true",
        help="instead: every construction for the same functions (benchmarks/constructions.py)",
    )


def sweep_config(args: argparse.Namespace, kind: Any) -> Any:
    """A sweep config of class `kind` (`Config`, or `scale.ScaleConfig`) from the options
    `add_bench_arguments` defines that every sweep takes: --quick (`kind.quick()`), --machines,
    --n-max and --gadgets."""
    cfg = kind.quick() if args.quick else kind()
    if args.machines:
        names = tuple(s.strip() for s in args.machines.split(",") if s.strip())
        cfg = replace(cfg, machines=names)
    if args.n_max is not None:
        cfg = replace(cfg, n_max=args.n_max)
    return replace(cfg, gadgets=args.gadgets)


def config_from_args(args: argparse.Namespace) -> Config:
    """A Config from the options `add_bench_arguments` defines."""
    return replace(sweep_config(args, Config), abc=not args.no_abc)


def options_from_args(args: argparse.Namespace) -> BenchOptions:
    """`BenchOptions` from the options `add_bench_arguments` defines; a `UsageError` (exit 2)
    for --plots without --out and for --n-max below 2."""
    if args.plots and not args.out:
        raise UsageError("--plots needs --out DIR")
    if args.n_max is not None and args.n_max < 2:
        raise UsageError("--n-max must be at least 2")
    return BenchOptions(
        config_from_args(args), args.perf, args.quick, args.out, args.plots, args.constructions
    )


def bench_main(opts: BenchOptions) -> int:
    """Run the sweep, print the tables, write the `out` files and plots; 1 if any network
    disagreed with the interpreter."""
    res = run(opts.config, progress=None)
    print(render(res))
    results = res.as_dict()
    if opts.perf:
        from tmnet.benchmarks import perf

        perf_rows = perf.measure(quick=opts.quick)
        print(perf.render(perf_rows))
        results["perf"] = perf_rows
    if opts.out:
        out = Path(opts.out)
        written = report.write_outputs(out, results, csv_tables(res))
        if opts.plots:
            written += plots(res, out)
        print("wrote " + ", ".join(str(p) for p in written))
    return disagreement_status(res.rows)


def disagreement_status(rows: Sequence[dict[str, Any]]) -> int:
    """Print a DISAGREEMENT line for each checked row whose network did not agree with the
    interpreter on every input it was checked on; the exit status: 1 if any, else 0."""
    bad = [r for r in rows if r["agree"] != r["inputs_checked"]]
    for r in bad:
        print(
            f"DISAGREEMENT: {r['machine']}/{r['printer']} n={r['n']}: "
            f"{r['agree']}/{r['inputs_checked']} inputs agree with the interpreter"
        )
    return 1 if bad else 0
