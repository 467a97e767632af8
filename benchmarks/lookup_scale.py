"""The lookup printer at n = 28 (issue 11, part 2), and the exact simulation's arithmetic.

Run: python -m tmnet.benchmarks.lookup_scale [--n N] [--machines palindrome,parity] [--out DIR]

For each machine, in a fresh process each:
1. `tmnet lookup MACHINE -n N -o FILE --json`: the truth table, the network, the written file and
   one input simulated exactly (checked against the table and the interpreter), each stage's
   seconds and the peak memory as the command reports them; target: all four under 5 minutes
   together. CPU seconds of the process are reported beside the wall clock (the machine is
   shared).
2. The written network read back, and one input simulated exactly (`simulate.simulate`, cold:
   every per-network cache built inside the timing) against the raw cost of its own
   arithmetic: every product w_e * val(source) and every addition of the neuron sums, replayed
   on the same gmpy2 values (the same operations at the same bit lengths), each loop's
   iteration overhead measured on the same operands and subtracted. Target: simulate time /
   raw arithmetic <= 2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from operator import mul
from typing import Any

_RAW = r"""
import json, resource, sys, time
from tmnet import simulate
from tmnet.benchmarks.lookup_scale import raw_arithmetic_seconds
net = simulate.read_network(sys.argv[1])
bits = [int(c) for c in sys.argv[2]]
t = time.perf_counter(); out = simulate.simulate(net, bits).outputs["f"]
sim = time.perf_counter() - t
raw = raw_arithmetic_seconds(net, bits)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"simulate_seconds": sim, "output": int(out), "peak_bytes": peak, **raw}))
"""


def raw_arithmetic_seconds(network: Any, bits: list[int]) -> dict[str, float]:
    """gmpy2's time for the simulation's own operations on this input, at their bit lengths.

    The values of every node come from the exact simulator; then every product w_e * val(src)
    and every addition of each neuron's sum (acc + product, in edge order) is replayed on those
    very operands, and the same loops without the operation are timed and subtracted. Returns
    the seconds of products, additions and their sum ("raw_seconds")."""
    from tmnet.simulate import exact

    vals = exact._run_gmpy(network, list(bits))
    ws = exact._gmpy_weights(network)
    ip, src = exact._csr_lists(network)
    left = ws
    right = [vals[s] for s in src]
    prods = list(map(mul, left, right))
    acc_l, acc_r = [], []
    for j in range(network.n_neurons):
        lo, hi = ip[j], ip[j + 1]
        acc = prods[lo] if hi > lo else 0
        for e in range(lo + 1, hi):
            acc_l.append(acc)
            acc_r.append(prods[e])
            acc = acc + prods[e]

    def loop(a: list, b: list, op: str) -> float:
        start = time.perf_counter()
        if op == "mul":
            for x, y in zip(a, b, strict=True):
                x * y
        elif op == "add":
            for x, y in zip(a, b, strict=True):
                x + y
        else:
            for _x, _y in zip(a, b, strict=True):
                pass
        return time.perf_counter() - start

    def best(a: list, b: list, op: str) -> float:
        return min(loop(a, b, op) for _ in range(3))

    products = max(best(left, right, "mul") - best(left, right, "pass"), 0.0)
    additions = max(best(acc_l, acc_r, "add") - best(acc_l, acc_r, "pass"), 0.0)
    return {
        "products_seconds": products,
        "additions_seconds": additions,
        "raw_seconds": products + additions,
        "products": len(left),
        "additions": len(acc_l),
    }


def _cpu_seconds_of(cmd: list[str]) -> tuple[str, float, float]:
    start = time.perf_counter()
    before = os.times()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return out.stdout, time.perf_counter() - start, cpu


def lookup_run(machine: str, n: int, path: str) -> dict[str, Any]:
    """`tmnet lookup MACHINE -n N -o PATH --json` in a fresh process, with its wall and CPU s."""
    cli = "import sys; from tmnet.cli import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", cli, "lookup", machine, "-n", str(n), "-o", path]
    stdout, wall, cpu = _cpu_seconds_of([*cmd, "--json"])
    data = json.loads(stdout.strip().splitlines()[-1])
    data["command_wall_seconds"] = wall
    data["command_cpu_seconds"] = cpu
    return data


def simulate_vs_raw(path: str, word: str) -> dict[str, Any]:
    """Read the network back; simulate `word` (cold) and replay its arithmetic (fresh process)."""
    stdout, _, _ = _cpu_seconds_of([sys.executable, "-c", _RAW, path, word])
    return json.loads(stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmnet.benchmarks.lookup_scale")
    parser.add_argument("--n", type=int, default=28)
    parser.add_argument("--machines", default="palindrome,parity")
    parser.add_argument("--out", help="directory for the .net files (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out or tmp
        for name in args.machines.split(","):
            path = os.path.join(out_dir, f"{name}{args.n}.net")
            d = lookup_run(name, args.n, path)
            stages = ("truth_table_seconds", "network_seconds", "write_seconds",
                      "simulate_seconds")  # fmt: skip
            total = sum(d[k] for k in stages)
            print(f"\ntmnet lookup {name} -n {args.n} -o {name}{args.n}.net")
            print(
                f"  neurons {d['neurons']:,}, edges {d['edges']:,}, depth {d['depth']:,}, "
                f"max weight bits {d['max_weight_bits']:,}, p-SIZE {d['p_size']:,}, file "
                f"{os.path.getsize(path) / 2**20:,.0f} MiB"
            )
            for k in stages:
                print(f"  {k:<20} {d[k]:8.1f} s")
            print(
                f"  all four {total:.1f} s (target < 300 s) -> "
                f"{'MEETS' if total < 300 else 'MISSES'}; the command: wall "
                f"{d['command_wall_seconds']:.1f} s, CPU {d['command_cpu_seconds']:.1f} s; "
                f"peak memory {d['peak_memory_mib']:,} MiB"
            )
            print(
                f"  simulated {d['simulated_input']} -> {d['simulated_output']} (table "
                f"{d['table_entry']}, interpreter {d['interpreter']}): "
                f"{'agrees' if d['simulate_agrees'] else 'DISAGREES'}"
            )
            r = simulate_vs_raw(path, d["simulated_input"])
            ratio = r["simulate_seconds"] / r["raw_seconds"] if r["raw_seconds"] else float("inf")
            print(
                f"  exact simulation of that input (read back, cold): {r['simulate_seconds']:.2f}"
                f" s; gmpy2's raw arithmetic for its {r['products']:,} products and "
                f"{r['additions']:,} additions: {r['raw_seconds']:.2f} s "
                f"(products {r['products_seconds']:.2f}, additions {r['additions_seconds']:.2f})"
                f"\n  simulate / raw arithmetic = {ratio:.2f} (target <= 2) -> "
                f"{'MEETS' if ratio <= 2 else 'MISSES'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
