"""Benchmark: one direct-connection query (`uniform.direct_connection.gate`) against printing
the whole unfolded tableau (`build_tableau(fold=False)`), the baseline it replaces.

Per n: the unfolded circuit's exact size (`tableau.tableau_size`), the print time (only where
the circuit fits in memory, `--print-max-wires`), and the median time of a gate query over
random gates. The ratio is print time / query time, measured in this process; beyond the
printable range only the query is timed, to show it stays flat as T(n) grows (its cost is
O(machine size) arithmetic on O(log T)-bit numbers).
Run: python -m tmnet.benchmarks.direct_connection
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys

from tmnet.benchmarks.timing import timed
from tmnet.machines import library
from tmnet.uniform import direct_connection as dc
from tmnet.uniform.tableau import build_tableau, tableau_size


def measure(name: str, n: int, queries: int, print_max_wires: int, rng: random.Random) -> dict:
    """One row: sizes, print seconds (or None), query seconds (median, min, max)."""
    m = library.load(name)
    T = m.time_bound(n)
    size = tableau_size(m, n, T)
    num = dc.numbering(m, n)
    nodes = [rng.randrange(num.g0, num.n_nodes - 1) for _ in range(queries)]
    times = []
    for node in nodes:
        t, _ = timed(lambda node=node: dc.gate(num, node))
        times.append(t)
    printed = None
    if size.wires <= print_max_wires:
        printed, _ = timed(lambda: build_tableau(m, n, T, fold=False))
    return {
        "machine": name,
        "n": n,
        "T": T,
        "gates": size.gates,
        "wires": size.wires,
        "print_s": printed,
        "query_s": statistics.median(times),
        "query_min": min(times),
        "query_max": max(times),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--machine", default="palindrome")
    p.add_argument("--ns", default="4,8,12,16,24,48,100,1000")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--print-max-wires", type=int, default=30_000_000)
    args = p.parse_args(argv)
    rng = random.Random(0)
    print(f"{'n':>5} {'T(n)':>8} {'wires':>14} {'print s':>9} {'query us':>22} {'ratio':>10}")
    for n in (int(x) for x in args.ns.split(",")):
        r = measure(args.machine, n, args.queries, args.print_max_wires, rng)
        q = f"{r['query_s'] * 1e6:.1f} [{r['query_min'] * 1e6:.1f}-{r['query_max'] * 1e6:.1f}]"
        ps = f"{r['print_s']:.3f}" if r["print_s"] is not None else "-"
        ratio = f"{r['print_s'] / r['query_s']:,.0f}x" if r["print_s"] is not None else "-"
        print(f"{n:>5} {r['T']:>8} {r['wires']:>14,} {ps:>9} {q:>22} {ratio:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
