"""The scale sweep (`tmnet bench --scale`): both printers at n up to 28, where the theorems bite.

At small n the lookup network of Theorem 4.1 has the smaller p-SIZE; the paper's message shows
only further out: its neurons stay O(2^(n/2)) (fewer than the Cook-Levin network's O(T(n)^2)
from some n on), but its weights store the truth table, so its p-SIZE grows like 2^n and
overtakes the polynomial p-SIZE of the P-uniform Cook-Levin family (Theorems 5.1 and 6.1), and
its printer, which runs the machine on all 2^n inputs, becomes the slower one.

For each machine (languages in P that re-read their input, and parity) and each n: neurons,
edges, depth, max fan-in, max weight bits and p-SIZE of both printers' networks, the print time
(the lookup printer's truth table separately), and agreement with the interpreter on every input
up to `exhaustive_max_n` and on a sample of `sample` inputs above. Then the crossovers (each one
backed by measured rows on both sides), the fitted growth of every column (`benchmarks.fit`),
and one log-scale plot per machine with 2^n/n and the smallest n from which Theorem 5.1's chain
proves its bound (`tmnet.bounds.counting`).

Budgets, because the machine is shared and some stages are exponential:

* Once a printed Cook-Levin network has passed `print_edge_limit` (10^8) edges, the larger n
  are not printed (the printed edges never decrease with n, which the tests check, so printing
  them would pass the limit too): their rows hold the size bounds of `uniform.tableau`
  (`CookLevinFamily.neurons_bound`, `circuit_bound`), marked "computed, not printed". Never the
  other way round: a row that could be printed under the limit is printed.
* The lookup printer stops for a machine when its next truth table, extrapolated from the last
  two, would overrun what is left of that machine's equal share of `lookup_seconds` (the time
  of its lookup rows so far: tables, networks, checks); the notes say where it stopped.
* The interpreter check of one row stops `check_seconds` after its first chunk of inputs (taken
  in a random order, so what is checked is a uniform sub-sample); the row says how many inputs
  were checked out of how many asked.

Every figure printed is measured in the run that prints it, except the rows marked computed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from tmnet.benchmarks import report
from tmnet.benchmarks.contrast import (
    CROSSOVER_COLUMNS,
    FIT_TABLE_COLUMNS,
    SIDE_BY_SIDE_COLUMNS,
    crossovers,
    disagreement_status,
    expected_outputs,
    fits,
    printed_row,
    side_by_side,
    sweep_config,
)

PRINTED = "printed"
COMPUTED = "computed, not printed"
PRINTERS = ("cook-levin", "lookup")
SIZE_COLUMNS = ("neurons", "edges", "depth", "max_fan_in", "max_weight_bits", "p_size")
PILOT = 64  # inputs of the first simulated chunk of a check
CHUNK = 512


@dataclass(frozen=True)
class ScaleConfig:
    """What the scale sweep covers; `quick()` is a small version for tests."""

    machines: tuple[str, ...] = ("palindrome", "equal01", "majority", "parity")
    n_min: int = 2
    n_max: int = 28
    gadgets: str = "paper"
    exhaustive_max_n: int = 16  # every input checked up to here
    sample: int = 4096  # inputs checked above it
    seed: int = 0
    print_edge_limit: int = 10**8
    lookup_seconds: float = 1200.0  # the lookup rows' budget, shared equally by the machines
    check_seconds: float = 8.0  # one row's check stops about this long after its first chunk
    counting_n_max: int = 80
    counting_scan_limit: int = 400

    @classmethod
    def quick(cls, **overrides: Any) -> ScaleConfig:
        base = cls(
            machines=("palindrome", "parity"),
            n_max=10,
            exhaustive_max_n=8,
            sample=128,
            lookup_seconds=60.0,
            check_seconds=2.0,
            counting_n_max=40,
            counting_scan_limit=120,
        )
        return replace(base, **overrides)


@dataclass(frozen=True)
class ScaleResults:
    """Everything one scale sweep measured, as plain rows."""

    config: ScaleConfig
    rows: tuple[dict[str, Any], ...]  # one per (machine, printer, n)
    side_by_side: tuple[dict[str, Any], ...]
    crossovers: tuple[dict[str, Any], ...]
    fits: tuple[dict[str, Any], ...]
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
            "counting_smallest_n": self.counting_smallest,
            "theorem51_n": theorem51_n(self.counting_smallest),
            "notes": list(self.notes),
            "seconds": self.seconds,
        }


FINAL_LINE = "L7"  # the final closed form in t (L8: the paper's printed substitution t = 2^n/n)


def theorem51_n(smallest: dict[str, int | None]) -> int | None:
    """The smallest n from which the chain's final closed form (line L7 of
    `tmnet.bounds.counting`) proves Theorem 5.1's bound: some f needs p-SIZE > 2^n/n."""
    return smallest.get(FINAL_LINE)


# ---------------------------------------------------------------------------------------------
# one row


def check_against_interpreter(
    net: Any, machine: Any, n: int, cfg: ScaleConfig, seed: int
) -> dict[str, Any]:
    """Batch-simulate the network (exact) on every input (n <= exhaustive_max_n) or on a sample
    of `cfg.sample`, and compare with the interpreter. The inputs go in chunks, in a random
    order, until they are done or `cfg.check_seconds` have passed after the first chunk (which
    carries the simulator's one-off planning); so a cut check is a uniform sub-sample."""
    from tmnet import simulate

    asked = (1 << net.n_inputs) if n <= cfg.exhaustive_max_n else min(cfg.sample, 1 << n)
    inputs = simulate.sample_inputs(net.n_inputs, asked, seed)
    inputs = inputs[np.random.default_rng(seed + 1).permutation(len(inputs))]
    start = time.perf_counter()
    got: list[np.ndarray] = []
    done = 0
    warm = None
    while done < len(inputs):
        size = PILOT if not got else CHUNK
        out = simulate.simulate_batch(net, inputs[done : done + size], mode="batch")[:, 0]
        got.append(np.asarray([int(v) for v in out]))
        done += len(got[-1])
        warm = time.perf_counter() if warm is None else warm
        if time.perf_counter() - warm > cfg.check_seconds:
            break
    checked = inputs[:done]
    expected = expected_outputs(machine, checked)
    return {
        "inputs_asked": int(asked),
        "inputs_checked": int(done),
        "agree": int((np.concatenate(got) == expected).sum()),
        "check": "all" if done == 1 << net.n_inputs else "sample",
        "simulate_seconds": time.perf_counter() - start,
    }


def _printed_row(
    name: str, printer: str, n: int, printed: Any, machine: Any, cfg: ScaleConfig
) -> dict[str, Any]:
    from tmnet import simulate

    s = simulate.sizes(printed.network)
    sizes = {c: getattr(s, c) for c in SIZE_COLUMNS}
    row = printed_row(name, printer, n, printed, machine, source=PRINTED, **sizes)
    row.update(check_against_interpreter(printed.network, machine, n, cfg, cfg.seed + n))
    return row


def computed_cook_levin_row(name: str, family: Any, n: int) -> dict[str, Any]:
    """A Cook-Levin row from `uniform.tableau`'s size formulas instead of a printed network:
    neurons from `neurons_bound` (an upper bound), circuit gates and wires from `circuit_bound`;
    the columns no formula gives are left empty. Marked COMPUTED."""
    bound = family.circuit_bound(n)
    return {
        "machine": name,
        "printer": "cook-levin",
        "n": n,
        "T(n)": family.T(n),
        "source": COMPUTED,
        "neurons": family.neurons_bound(n),
        "circuit_gates_bound": bound.gates,
        "circuit_wires_bound": bound.wires,
        "shannon": 2**n / n,
    }


def _extrapolate(values: Sequence[float]) -> float | None:
    """The next value of a geometric-ish sequence from its last two (None without two)."""
    if len(values) < 2 or values[-2] <= 0:
        return None
    return values[-1] * max(values[-1] / values[-2], 1.0)


def machine_rows(
    name: str, cfg: ScaleConfig, share_seconds: float, log: Callable[[str], None]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Both printers' rows for one machine, n = n_min..n_max, within the budgets."""
    from tmnet.benchmarks.contrast import cook_levin_family, lookup_family
    from tmnet.machines import library

    machine = library.resolve(name)
    cl = cook_levin_family(machine, cfg.gadgets)
    lk = lookup_family(machine, cfg.gadgets)
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    spent = 0.0  # seconds of lookup rows (truth table, network, check) so far
    cl_edges: list[float] = []
    tables: list[float] = []
    lookup_on = True
    for n in range(cfg.n_min, cfg.n_max + 1):
        if cl_edges and cl_edges[-1] > cfg.print_edge_limit:
            rows.append(computed_cook_levin_row(name, cl, n))
            log(f"{name} n={n} cook-levin: {COMPUTED} (n={n - 1} had {cl_edges[-1]:,} edges)")
        else:
            row = _printed_row(name, "cook-levin", n, cl.print(n), machine, cfg)
            cl_edges.append(row["edges"])
            rows.append(row)
            log(_row_line(row))
        if not lookup_on:
            continue
        left = share_seconds - spent
        nxt = _extrapolate(tables)
        if nxt is not None and nxt * 1.5 > left:
            notes.append(
                f"{name}/lookup: stopped before n={n}: its truth table would take about "
                f"{nxt:.0f} s (extrapolated) with {max(left, 0):.0f} s of this machine's "
                f"{share_seconds:.0f} s share left"
            )
            log(notes[-1])
            lookup_on = False
            continue
        t0 = time.perf_counter()
        row = _printed_row(name, "lookup", n, lk.print(n), machine, cfg)
        spent += time.perf_counter() - t0
        tables.append(max(row["truth_table_seconds"] or 0.0, 1e-3))
        rows.append(row)
        log(_row_line(row))
    return rows, notes


@dataclass(frozen=True)
class PSizeCrossover:
    """Where the lookup network's p-SIZE first exceeds the Cook-Levin network's, scanning n up:
    `below` (n - 1) and `above` (n) hold one printed, checked row per printer."""

    machine: str
    n: int
    below: dict[str, dict[str, Any]]
    above: dict[str, dict[str, Any]]


def p_size_crossover(
    name: str, cfg: ScaleConfig, start: int = 12, stop: int = 28
) -> PSizeCrossover | None:
    """Print both networks at n = start, start + 1, ... (each checked against the interpreter)
    until the lookup network's p-SIZE exceeds the Cook-Levin network's; None if not by `stop`
    or if it already does at `start` (no row below to back the claim)."""
    from tmnet.benchmarks.contrast import cook_levin_family, lookup_family
    from tmnet.machines import library

    machine = library.resolve(name)
    families = {
        "cook-levin": cook_levin_family(machine, cfg.gadgets),
        "lookup": lookup_family(machine, cfg.gadgets),
    }
    prev: dict[str, dict[str, Any]] | None = None
    for n in range(start, stop + 1):
        rows = {
            p: _printed_row(name, p, n, fam.print(n), machine, cfg) for p, fam in families.items()
        }
        if rows["lookup"]["p_size"] > rows["cook-levin"]["p_size"]:
            return None if prev is None else PSizeCrossover(name, n, prev, rows)
        prev = rows
    return None


def _row_line(r: dict[str, Any]) -> str:
    table = r.get("truth_table_seconds")
    return (
        f"{r['machine']} n={r['n']} {r['printer']}: {r['neurons']:,} neurons, "
        f"p-SIZE {r['p_size']:,}, print {r['print_seconds']:.2f} s"
        + (f" (table {table:.2f} s)" if table is not None else "")
        + f", agree {r['agree']}/{r['inputs_checked']}"
    )


# ---------------------------------------------------------------------------------------------
# the sweep


def run(cfg: ScaleConfig, progress: bool | None = None) -> ScaleResults:
    """The whole sweep, with a tqdm bar and one line per row on stderr."""
    from tqdm import tqdm

    from tmnet.bounds import counting

    started = time.perf_counter()
    bar = tqdm(
        total=len(cfg.machines) + 1,
        desc="tmnet bench --scale",
        unit="machine",
        disable=None if progress is None else not progress,
    )
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    try:
        bar.set_postfix_str("Theorem 5.1")
        sw = counting.sweep(range(2, cfg.counting_n_max + 1), scan_limit=cfg.counting_scan_limit)
        bar.update(1)
        share = cfg.lookup_seconds / max(1, len(cfg.machines))
        for name in cfg.machines:
            bar.set_postfix_str(name)
            got, why = machine_rows(name, cfg, share, _stderr_writer(bar))
            rows += got
            notes += why
            bar.update(1)
    finally:
        bar.close()
    measured = [r for r in rows if r["source"] == PRINTED]
    sbs = side_by_side(measured)
    for r in rows:
        if r["source"] == COMPUTED:
            notes.append(
                f"{r['machine']}/cook-levin n={r['n']}: {COMPUTED}; neurons is an upper bound "
                "(uniform.tableau), left out of the crossovers"
            )
    return ScaleResults(
        cfg,
        tuple(rows),
        tuple(sbs),
        tuple(backed_crossovers(sbs)),
        tuple(fit_rows(measured)),
        dict(sw.smallest_n),
        tuple(notes),
        time.perf_counter() - started,
    )


def backed_crossovers(sbs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`contrast.crossovers`, where a crossover at the first n with both printers measured (so
    no row below it backs it) is written "n (first n measured)" instead of a bare n."""
    out = []
    for row in crossovers(sbs):
        both = [
            r["n"]
            for r in sbs
            if r["machine"] == row["machine"] and r["cl_neurons"] and r["lk_neurons"]
        ]
        first = min(both) if both else None
        out.append(
            {
                k: f"{v} (first n measured)" if k.endswith("_from_n") and v == first else v
                for k, v in row.items()
            }
        )
    return out


def _stderr_writer(bar: Any) -> Callable[[str], None]:
    """Progress lines on stderr (tqdm.write defaults to stdout), kept clear of the bar."""
    import sys

    return lambda line: bar.write(line, file=sys.stderr)


def fit_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`contrast.fits` over every size column, print time and truth-table time."""
    return fits(rows, columns=(*SIZE_COLUMNS, "print_seconds", "truth_table_seconds"))


# ---------------------------------------------------------------------------------------------
# output

ROW_COLUMNS = [
    ("n", "n"),
    ("T(n)", "T(n)"),
    ("source", "source"),
    ("neurons", "neurons"),
    ("edges", "edges"),
    ("depth", "depth"),
    ("max_fan_in", "fan-in"),
    ("max_weight_bits", "w bits"),
    ("p_size", "p-SIZE"),
    ("print_seconds", "print s"),
    ("truth_table_seconds", "table s"),
    ("agree", "agree"),
    ("inputs_checked", "checked"),
    ("inputs_asked", "asked"),
]


def render(res: ScaleResults) -> str:
    """The tables as markdown-friendly text."""
    parts = []
    for machine in res.config.machines:
        for printer in PRINTERS:
            sel = [r for r in res.rows if r["machine"] == machine and r["printer"] == printer]
            cols = (
                ROW_COLUMNS
                if printer == "lookup"
                else [c for c in ROW_COLUMNS if c[0] != "truth_table_seconds"]
            )
            if sel:
                parts.append(
                    report.table(sel, cols, f"{machine}: {printer} ({res.config.gadgets})")
                )
    parts.append(
        report.table(
            res.side_by_side,
            SIDE_BY_SIDE_COLUMNS,
            "Side by side (printed rows only; CL = Cook-Levin)",
        )
    )
    parts.append(
        report.table(
            res.crossovers,
            CROSSOVER_COLUMNS,
            "Crossovers (from this n on, through the largest n where both printers have a "
            "printed row; '-' = not within the measured range)",
        )
    )
    parts.append(
        report.table(
            res.fits,
            FIT_TABLE_COLUMNS,
            "Fitted growth (least squares on log2 y)",
        )
    )
    t51 = theorem51_n(res.counting_smallest)
    parts.append(
        f"Theorem 5.1's chain (final closed form) proves that some function on n bits needs "
        f"p-SIZE > 2^n/n from n = {t51 if t51 is not None else '-'} on (`tmnet count`).\n"
    )
    parts += [f"note: {note}\n" for note in res.notes]
    parts.append(f"bench --scale took {res.seconds:.1f} s\n")
    return "\n".join(parts)


def csv_tables(res: ScaleResults) -> dict[str, list[dict[str, Any]]]:
    return {
        "scale_rows": list(res.rows),
        "scale_side_by_side": list(res.side_by_side),
        "scale_crossovers": list(res.crossovers),
        "scale_fits": list(res.fits),
    }


def plots(res: ScaleResults, out: Path) -> list[Path]:
    """One log-scale PNG per machine: neurons and p-SIZE of both printers, 2^n/n, and the n
    from which Theorem 5.1's chain proves its bound."""
    out.mkdir(parents=True, exist_ok=True)
    t51 = theorem51_n(res.counting_smallest)
    written = []
    for machine in res.config.machines:
        sel = [r for r in res.rows if r["machine"] == machine and r["source"] == PRINTED]
        series = []
        for printer in PRINTERS:
            pts = [r for r in sel if r["printer"] == printer]
            for col, label in (("neurons", "neurons"), ("p_size", "p-SIZE")):
                series.append((f"{printer} {label}", [r["n"] for r in pts], [r[col] for r in pts]))
        ns = [r["n"] for r in sel]
        if t51 is not None:
            ns.append(t51)
        marks = [] if t51 is None else [(t51, f"Theorem 5.1 proved from n = {t51}")]
        written.append(
            report.plot_series(
                out / f"scale_{machine}.png",
                f"{machine}: Cook-Levin vs lookup ({res.config.gadgets} gadgets)",
                "neurons / p-SIZE (bits)",
                series,
                shannon=ns,
                marks=marks,
            )
        )
    return written


def scale_main(args: Any) -> int:
    """`tmnet bench --scale`: run, print, write --out (results.json, CSVs, plots when --plots);
    1 if any printed network disagreed with the interpreter."""
    res = run(sweep_config(args, ScaleConfig))
    print(render(res))
    if args.out:
        out = Path(args.out)
        written = report.write_outputs(out, res.as_dict(), csv_tables(res))
        if args.plots:
            written += plots(res, out)
        print("wrote " + ", ".join(str(p) for p in written))
    return disagreement_status([r for r in res.rows if r["source"] == PRINTED])
