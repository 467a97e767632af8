"""Speed and memory of the Cook-Levin printer (uniform.cook_levin): the product of Theorem 6.1.

    python -m tmnet.benchmarks.cooklevin_print [--quick]

Each measurement runs in a fresh subprocess: parse the machine file, print C_n (tableau,
folding, gadgets) into an in-memory `Network`, then write it with `simulate.write_network`.
Reported per workload (machine, n, gadget mode, edges): edges printed per second end to end
(machine file to network), peak memory per edge (VmHWM growth over the process's resident
size after imports, and tracemalloc's peak in a separate run), and the .net file writing speed.
Targets: >= 2e6 edges/s, <= 64 bytes/edge, >= 50 MB/s. Each figure is the median of the repeats
with the min-max range; the "x target" column is the figure over its target (>= 1 meets it).
`measure(quick)` returns the same figures as `timing.measure_row` rows for `benchmarks.perf`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from tmnet.benchmarks import timing

TARGET_EDGES_PER_S = 2e6
TARGET_BYTES_PER_EDGE = 64
TARGET_WRITE_MB_S = 50

# (machine, n, gadgets): about 1e5, 1e6 and 1e7 edges
WORKLOADS = [
    ("palindrome", 10, "paper"),
    ("palindrome", 22, "paper"),
    ("palindrome", 38, "paper"),
    ("palindrome", 16, "compact"),
    ("palindrome", 32, "compact"),
    ("palindrome", 64, "compact"),
    ("equal01", 16, "paper"),
    ("parity", 1000, "paper"),
]
QUICK = [("palindrome", 10, "paper"), ("palindrome", 16, "compact"), ("parity", 1000, "paper")]


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss_bytes() -> int:
    """This process's resident high-water mark (VmHWM).

    Not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a child started from a large
    parent (the full `tmnet bench --perf` run) would report the parent's peak as its own.
    """
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child(machine_name: str, n: int, gadgets: str, trace: bool) -> dict[str, float]:
    """One measurement (run in a fresh process)."""
    import tracemalloc

    from tmnet import machines, simulate
    from tmnet.uniform.cook_levin import cook_levin

    path = machines.library.path(machine_name)
    # warm-up on a small n so that first-call costs are not timed
    cook_levin(machines.load(path), gadgets=gadgets).network(3)
    base_rss = _rss_bytes()
    base_peak = _peak_rss_bytes()
    if trace:
        tracemalloc.start()
    seconds, net = timing.timed(lambda: cook_levin(machines.load(path), gadgets=gadgets).network(n))
    result: dict[str, float] = {"edges": net.n_edges, "neurons": net.n_neurons}
    if trace:
        result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result
    peak = _peak_rss_bytes()
    result["print_seconds"] = seconds
    result["rss_growth"] = max(peak, base_peak) - base_rss
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "c.net")
        result["write_seconds"], _ = timing.timed(lambda: simulate.write_network(net, out))
        result["file_bytes"] = os.path.getsize(out)
    return result


HUGE = ("palindrome", 80, "paper")  # >= 1e8 edges (issue 11 part 3; n = 77: 9.2e7)
HUGE_BATCH = 64


def batch_inputs(machine: Any, n: int, batch: int, seed: int) -> Any:
    """`batch` network inputs of length-n words: half uniform samples, half accepted-looking
    words (a random first half mirrored: palindromes for `palindrome`), so that a check sees
    both answers."""
    import numpy as np

    from tmnet import simulate
    from tmnet.machines.encoding import encode_word

    rng = np.random.default_rng(seed)
    sigma = sorted(machine.input_alphabet)
    rows = list(simulate.sample_inputs(len(encode_word(machine, sigma[0] * n)), batch // 2, seed))
    while len(rows) < batch:
        half = [sigma[int(i)] for i in rng.integers(0, len(sigma), n // 2)]
        mid = [sigma[int(rng.integers(0, len(sigma)))]] if n % 2 else []
        rows.append(np.array(encode_word(machine, "".join(half + mid + half[::-1]))))
    return np.array(rows, dtype=np.uint8)


def huge_child(
    machine_name: str, n: int, gadgets: str, batch: int, simulate_batch: bool = True
) -> dict[str, Any]:
    """The 10^8-edge run, stage by stage, in this (fresh) process: tableau, network, the .net
    file, and (when `simulate_batch`) `batch` inputs simulated exactly (batch mode) against the
    interpreter; peak resident memory (VmHWM) over the resident size after imports."""
    import numpy as np

    from tmnet import machines, simulate
    from tmnet.benchmarks.contrast import expected_outputs
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.tableau import build_tableau
    from tmnet.uniform.to_network import to_network

    path = machines.library.path(machine_name)
    cook_levin(machines.load(path), gadgets=gadgets).network(3)
    base_rss = _rss_bytes()
    out: dict[str, Any] = {"machine": machine_name, "n": n, "gadgets": gadgets}
    t0 = time.perf_counter()
    machine = machines.load(path)
    fam = cook_levin(machine, gadgets=gadgets)
    tab = build_tableau(machine, n, fam.T(n), fold=True)
    t1 = time.perf_counter()
    out["circuit_gates"] = tab.circuit.n_gates
    out["circuit_wires"] = tab.circuit.n_wires
    net = to_network(tab.circuit, gadgets, name=f"{machine_name}_n{n}")
    t2 = time.perf_counter()
    del tab
    out.update(
        edges=net.n_edges,
        neurons=net.n_neurons,
        tableau_seconds=t1 - t0,
        network_seconds=t2 - t1,
        print_seconds=t2 - t0,
        print_peak_bytes=_peak_rss_bytes() - base_rss,
    )
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMNET_BENCH_TMP")) as tmp:
        target = os.path.join(tmp, "c.net")
        out["write_seconds"], _ = timing.timed(lambda: simulate.write_network(net, target))
        out["file_bytes"] = os.path.getsize(target)
    out["peak_bytes"] = _peak_rss_bytes() - base_rss
    if not simulate_batch:
        return out
    inputs = batch_inputs(machine, n, batch, seed=n)
    out["simulate_seconds"], got = timing.timed(
        lambda: simulate.simulate_batch(net, inputs, mode="batch")
    )
    got = np.array([int(v) for v in got[:, 0]])
    out["interpreter_seconds"], want = timing.timed(lambda: expected_outputs(machine, inputs))
    out["batch"] = batch
    out["agree"] = int((got == want).sum())
    out["accepted"] = int(want.sum())
    out["peak_bytes_with_simulation"] = _peak_rss_bytes() - base_rss
    return out


def render_huge(r: dict[str, Any]) -> str:
    """The 10^8-edge run as lines: stages, rates, memory per edge, agreement."""
    e = r["edges"]
    lines = [
        f"{r['machine']} n={r['n']} {r['gadgets']}: {e:,} edges, {r['neurons']:,} neurons "
        f"(circuit {r['circuit_gates']:,} gates, {r['circuit_wires']:,} wires)",
        f"  tableau (folded circuit) {r['tableau_seconds']:.1f} s, network "
        f"{r['network_seconds']:.1f} s: print end to end {r['print_seconds']:.1f} s = "
        f"{e / r['print_seconds'] / 1e6:.2f} M edges/s "
        f"(target {TARGET_HUGE_EDGES_PER_S / 1e6:g})",
        f"  peak memory while printing {r['print_peak_bytes'] / e:.1f} B/edge "
        f"(target <= {TARGET_HUGE_BYTES_PER_EDGE}); with the file written "
        f"{r['peak_bytes'] / e:.1f} B/edge",
        f"  .net file {r['file_bytes'] / 1e6:,.0f} MB in {r['write_seconds']:.1f} s "
        f"({r['file_bytes'] / r['write_seconds'] / 1e6:.0f} MB/s)",
    ]
    if "batch" in r:
        lines.append(
            f"  {r['batch']} inputs simulated exactly in {r['simulate_seconds']:.1f} s "
            f"({e * r['batch'] / r['simulate_seconds'] / 1e6:.0f} M edge-evaluations/s); "
            f"agree with the interpreter on {r['agree']}/{r['batch']} "
            f"({r['accepted']} accepted); peak with simulation "
            f"{r['peak_bytes_with_simulation'] / e:.1f} B/edge"
        )
    return "\n".join(lines)


TARGET_HUGE_EDGES_PER_S = 8e6
TARGET_HUGE_BYTES_PER_EDGE = 32


def ab_rows(n: int = 38, rounds: int = 3) -> list[dict[str, Any]]:
    """In-process interleaved ratios, palindrome at n (paper gadgets): the grouped paper fast
    path against the previous per-template one (`to_network._paper_fast_by_template`), for the
    network stage alone and end to end (machine file -> Network)."""
    from tmnet import machines
    from tmnet.uniform import to_network as tn
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.tableau import build_tableau

    path = machines.library.path("palindrome")
    machine = machines.load(path)
    fam = cook_levin(machine)
    circuit = build_tableau(machine, n, fam.T(n), fold=True).circuit
    edges = tn._paper_fast(circuit, "x").n_edges

    def end_to_end(convert):  # type: ignore[no-untyped-def]
        def go():  # type: ignore[no-untyped-def]
            m = machines.load(path)
            c = build_tableau(m, n, fam.T(n), fold=True).circuit
            return convert(c, "x")

        return go

    work = f"palindrome n={n} paper, {edges:,} edges"
    stage = timing.interleaved(
        lambda: tn._paper_fast(circuit, "x"),
        lambda: tn._paper_fast_by_template(circuit, "x"),
        rounds,
    )
    whole = timing.interleaved(
        end_to_end(tn._paper_fast), end_to_end(tn._paper_fast_by_template), rounds
    )
    return [
        timing.measure_row(
            "to_network paper: grouped vs per-template fast path", work, stage, "x", "> 1x"
        ),
        timing.measure_row(
            "Cook-Levin print end to end: grouped vs per-template", work, whole, "x", "> 1x"
        ),
    ]


def _spawn(machine: str, n: int, gadgets: str, trace: bool) -> dict[str, float]:
    cmd = [
        sys.executable,
        "-m",
        "tmnet.benchmarks.cooklevin_print",
        "--child",
        machine,
        str(n),
        gadgets,
    ]
    if trace:
        cmd.append("--trace")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    v = [x / scale for x in values]
    return f"{statistics.median(v):.{digits}f} [{min(v):.{digits}f}-{max(v):.{digits}f}]"


def run_workload(machine: str, n: int, gadgets: str, repeats: int) -> dict[str, Any]:
    """`repeats` fresh-process measurements of one workload and one tracemalloc run."""
    runs = [_spawn(machine, n, gadgets, False) for _ in range(repeats)]
    traced = _spawn(machine, n, gadgets, True)
    edges = int(runs[0]["edges"])
    return {
        "workload": f"{machine} n={n} {gadgets}, {edges:,} edges",
        "edges": edges,
        "edges_per_s": [edges / r["print_seconds"] for r in runs],
        "bytes_per_edge": [r["rss_growth"] / edges for r in runs],
        "traced_bytes_per_edge": traced["tracemalloc_peak"] / edges,
        "write_mb_s": [r["file_bytes"] / r["write_seconds"] / 1e6 for r in runs],
    }


def rows_of(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The three `timing.measure_row` rows of one workload: rate, memory, writing; each ratio
    is the figure over its target (higher is better), the absolute figures are in the note."""
    eps, bpe, mbs = res["edges_per_s"], res["bytes_per_edge"], res["write_mb_s"]
    work = res["workload"]
    return [
        timing.measure_row(
            "Cook-Levin print (machine file -> Network) vs 2 M edges/s",
            work,
            [v / TARGET_EDGES_PER_S for v in eps],
            "x target",
            f">= 1x ({TARGET_EDGES_PER_S / 1e6:g} M edges/s)",
            f"{_fmt(eps, 1e6)} M edges/s",
        ),
        timing.measure_row(
            "Cook-Levin print peak memory vs 64 B/edge",
            work,
            [TARGET_BYTES_PER_EDGE / v for v in bpe],
            "x target",
            f">= 1x (<= {TARGET_BYTES_PER_EDGE} B/edge)",
            f"{_fmt(bpe, 1, 1)} B/edge rss growth; "
            f"tracemalloc {res['traced_bytes_per_edge']:.1f} B/edge",
        ),
        timing.measure_row(
            "write_network (.net) vs 50 MB/s",
            work,
            [v / TARGET_WRITE_MB_S for v in mbs],
            "x target",
            f">= 1x ({TARGET_WRITE_MB_S} MB/s)",
            f"{_fmt(mbs, 1, 1)} MB/s",
        ),
    ]


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The printer's figures per workload as `timing.measure_row` rows (fresh processes)."""
    work = QUICK if quick else WORKLOADS
    repeats = 2 if quick else 3
    rows: list[dict[str, Any]] = []
    for machine, n, gadgets in work:
        rows += rows_of(run_workload(machine, n, gadgets, repeats))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the ~1e5-edge workloads")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MACHINE", "N", "GADGETS"))
    parser.add_argument("--trace", action="store_true")
    parser.add_argument(
        "--huge", action="store_true", help="the 10^8-edge run (palindrome n=80; minutes, GBs)"
    )
    parser.add_argument("--huge-child", nargs=3, metavar=("MACHINE", "N", "GADGETS"))
    parser.add_argument("--huge-n", type=int, default=HUGE[1], help="n of the --huge run")
    parser.add_argument("--no-simulate", action="store_true", help="--huge: print and write only")
    parser.add_argument("--ab", action="store_true", help="in-process A/B ratios at 1e7 edges")
    args = parser.parse_args(argv)
    if args.huge_child:
        m, n, g = args.huge_child
        print(json.dumps(huge_child(m, int(n), g, HUGE_BATCH, not args.no_simulate)))
        return 0
    if args.huge:
        cmd = [sys.executable, "-m", "tmnet.benchmarks.cooklevin_print", "--huge-child"]
        cmd += [HUGE[0], str(args.huge_n), HUGE[2]] + (
            ["--no-simulate"] if args.no_simulate else []
        )
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(render_huge(res))
        print(json.dumps(res))
        return 0
    if args.ab:
        for row in ab_rows():
            print(f"{row['comparison']} ({row['workload']}): {timing.summary(row['ratios'])}")
        return 0
    if args.child:
        m, n, g = args.child
        print(json.dumps(child(m, int(n), g, args.trace)))
        return 0
    from tabulate import tabulate
    from tqdm import tqdm

    work = QUICK if args.quick else WORKLOADS
    repeats = 1 if args.quick else args.repeats
    table = []
    for machine, n, gadgets in tqdm(work, desc="workloads", file=sys.stderr, disable=None):
        for row in rows_of(run_workload(machine, n, gadgets, repeats)):
            table.append(
                [
                    row["comparison"].split(" vs ")[0],
                    row["workload"],
                    row["note"],
                    timing.summary(row["ratios"]),
                    timing.verdict(row["ratios"], 1.0),
                ]
            )
    print(tabulate(table, headers=["figure", "workload", "absolute", "x target", "verdict"]))
    print(
        f"\ntargets: {TARGET_EDGES_PER_S / 1e6:g} M edges/s end to end, "
        f"<= {TARGET_BYTES_PER_EDGE} B/edge peak, >= {TARGET_WRITE_MB_S} MB/s writing; "
        f"x target >= 1 meets the target. median [min-max] of {repeats} fresh processes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
