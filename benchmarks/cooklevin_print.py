"""Speed and memory of the Cook-Levin printer (uniform.cook_levin): the product of Theorem 6.1.

    python -m benchmarks.cooklevin_print [--quick]

Each measurement runs in a fresh subprocess: parse the machine file, print C_n (tableau,
folding, gadgets) into an in-memory `Network`, then write it with `simulate.write_network`.
Reported per workload (machine, n, gadget mode, edges): edges printed per second end to end
(machine file to network), peak memory per edge (ru_maxrss growth over the process's resident
size after imports, and tracemalloc's peak in a separate run), and the .net file writing speed.
Targets: >= 2e6 edges/s, <= 64 bytes/edge, >= 50 MB/s. Each figure is the median of the repeats
with the min-max range; the "x target" column is the same-run ratio to the target.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

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
    ("equal01", 16, "paper"),
    ("parity", 1000, "paper"),
]
QUICK = [("palindrome", 10, "paper"), ("palindrome", 16, "compact"), ("parity", 1000, "paper")]


def _rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(machine_name: str, n: int, gadgets: str, trace: bool) -> dict[str, float]:
    """One measurement (run in a fresh process)."""
    import tracemalloc

    import machines
    import simulate
    from uniform.cook_levin import cook_levin

    path = machines.library.path(machine_name)
    # warm-up on a small n so that first-call costs are not timed
    cook_levin(machines.load(path), gadgets=gadgets).network(3)
    base_rss = _rss_bytes()
    base_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    machine = machines.load(path)
    net = cook_levin(machine, gadgets=gadgets).network(n)
    t1 = time.perf_counter()
    result: dict[str, float] = {"edges": net.n_edges, "neurons": net.n_neurons}
    if trace:
        result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["print_seconds"] = t1 - t0
    result["rss_growth"] = max(peak, base_peak) - base_rss
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "c.net")
        t2 = time.perf_counter()
        simulate.write_network(net, out)
        t3 = time.perf_counter()
        result["file_bytes"] = os.path.getsize(out)
        result["write_seconds"] = t3 - t2
    return result


def _spawn(machine: str, n: int, gadgets: str, trace: bool) -> dict[str, float]:
    cmd = [sys.executable, "-m", "benchmarks.cooklevin_print", "--child", machine, str(n), gadgets]
    if trace:
        cmd.append("--trace")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    v = [x / scale for x in values]
    return f"{statistics.median(v):.{digits}f} [{min(v):.{digits}f}-{max(v):.{digits}f}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the ~1e5-edge workloads")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MACHINE", "N", "GADGETS"))
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        m, n, g = args.child
        print(json.dumps(child(m, int(n), g, args.trace)))
        return 0
    from tqdm import tqdm

    work = QUICK if args.quick else WORKLOADS
    repeats = 1 if args.quick else args.repeats
    rows = []
    for machine, n, gadgets in tqdm(work, desc="workloads", file=sys.stderr, disable=None):
        runs = [_spawn(machine, n, gadgets, False) for _ in range(repeats)]
        traced = _spawn(machine, n, gadgets, True)
        edges = runs[0]["edges"]
        eps = [edges / r["print_seconds"] for r in runs]
        bpe = [r["rss_growth"] / edges for r in runs]
        mbs = [r["file_bytes"] / r["write_seconds"] / 1e6 for r in runs]
        rows.append(
            [
                f"{machine} n={n} {gadgets}",
                f"{int(edges):,}",
                _fmt(eps, 1e6),
                f"{statistics.median(eps) / TARGET_EDGES_PER_S:.2f}",
                _fmt(bpe, 1, 1),
                f"{traced['tracemalloc_peak'] / edges:.1f}",
                f"{TARGET_BYTES_PER_EDGE / statistics.median(bpe):.2f}",
                _fmt(mbs, 1, 1),
                f"{statistics.median(mbs) / TARGET_WRITE_MB_S:.2f}",
            ]
        )
    from tabulate import tabulate

    print(
        tabulate(
            rows,
            headers=[
                "workload",
                "edges",
                "M edges/s",
                "x target",
                "B/edge (rss)",
                "B/edge (tracemalloc)",
                "x target",
                "write MB/s",
                "x target",
            ],
        )
    )
    print(
        f"\ntargets: {TARGET_EDGES_PER_S / 1e6:g} M edges/s end to end, "
        f"<= {TARGET_BYTES_PER_EDGE} B/edge peak, >= {TARGET_WRITE_MB_S} MB/s writing; "
        f"x target > 1 meets the target. median [min-max] of {repeats} fresh processes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
