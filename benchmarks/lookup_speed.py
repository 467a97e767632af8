"""Speed of the Theorem 4.1 lookup printer (issue 5).

Run: python -m tmnet.benchmarks.lookup_speed [--quick] [--machine NAME] [--max-n N]

Workload: a linear-time library machine (default `parity`, T(n) = n + 1), n = 8..24 (--quick:
8..16), both gadget modes. For every n, measured separately and after a check:
* truth table: `machines.run_all` on all 2^n inputs plus packing into T_f (entries/s; target
  >= 10 M entries/s for a linear-time machine);
* network: `uniform.lookup.lookup_network` (restrict_low + Algorithms 2 and 1), per mode;
* exact simulation of one input with `simulate.simulate` (target < 10 s at n = 24); the output is
  checked against the table first.

Same-run ratios (interleaved A, B, A, B, median and min-max, each variant checked against the
other first):
* the bulk sub-tables of `TruthTable.restrict_low` (numpy reshape + packbits) vs a bit-by-bit
  Python loop over the 2^n entries, at n = 18 (--quick: 14);
* the batched runner vs the interpreter run word by word (`machines.run`), at n = 12 (--quick: 10).

Timing goes through benchmarks/timing.py (/work/shared/BENCHMARKING.md). `measure(quick)` gives
benchmarks/perf.py three rows: truth-table entries/s at n = 24 (quick: 20) as a ratio to the
10 M entries/s target, exact simulation of one input at n = 24 (quick: 20) as 10 s / measured
per gadget mode, and the restrict_low ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from typing import Any

import numpy as np
from tabulate import tabulate
from tqdm import tqdm

from tmnet import machines, simulate
from tmnet.benchmarks import timing
from tmnet.machines.encoding import decode_bits, index_to_bits
from tmnet.uniform.gadgets import GADGET_MODES, PAPER
from tmnet.uniform.lookup import lookup_network, predicted_neurons
from tmnet.uniform.truth_table import TruthTable, pack_bits

TARGET_ENTRIES_PER_S = 10e6
TARGET_SIM_SECONDS = 10.0


def naive_restrict(table: TruthTable, h: int) -> tuple[int, ...]:
    """The reference: T_f(k) built bit by bit from T_f's bits (what restrict_low must not do)."""
    m = table.n_bits - h
    value = table.value
    subs = []
    for k in range(1 << h):
        t = 0
        for j in range(1 << m):
            t |= ((value >> (k + (j << h))) & 1) << j
        subs.append(t)
    return tuple(subs)


def sweep(machine: machines.Machine, ns: range) -> list[dict[str, object]]:
    rows = []
    for n in tqdm(ns, desc="n", file=sys.stderr, disable=None, leave=False):
        t_run, result = timing.timed(lambda n=n: machines.run_all(machine, n))
        t_pack, value = timing.timed(
            lambda r=result: pack_bits(np.asarray(r.outcomes) == machines.ACCEPT)
        )
        table = TruthTable(n, value)
        # check: a few entries against the interpreter
        for i in (0, 1, (1 << n) - 1, (1 << n) // 3):
            word = decode_bits(machine, index_to_bits(i, n))
            accepted = machines.run(machine, word).outcome is machines.Outcome.ACCEPT
            assert table.bit(i) == accepted, (n, i)
        row: dict[str, object] = {
            "n": n,
            "entries": 1 << n,
            "run_all_s": t_run,
            "pack_s": t_pack,
            "M entries/s": (1 << n) / (t_run + t_pack) / 1e6,
        }
        for mode in GADGET_MODES:
            t_net, net = timing.timed(lambda m=mode, t=table: lookup_network(t, m))
            assert net.n_neurons == predicted_neurons(n, mode)
            row[f"net_s {mode}"] = t_net
            row[f"neurons {mode}"] = net.n_neurons
            if mode == PAPER.name:
                row["weight bits"] = simulate.sizes(net).max_weight_bits
            bits = index_to_bits((1 << n) // 3, n)
            want = table.bit((1 << n) // 3)
            t_sim, res = timing.timed(lambda b=bits, net=net: simulate.simulate(net, b))
            assert res.outputs["f"] == want, (n, mode)
            row[f"sim1_s {mode}"] = t_sim
        rows.append(row)
    return rows


def summary(label: str, ratios: list[float]) -> str:
    return f"{label}: {timing.summary(ratios)}, {len(ratios)} rounds"


def truth_table_rates(machine: machines.Machine, n: int, rounds: int) -> list[float]:
    """Entries/s of the truth table (run_all + pack) at n, checked against `run` first."""

    def build() -> int:
        return pack_bits(np.asarray(machines.run_all(machine, n).outcomes) == machines.ACCEPT)

    table = TruthTable(n, build())
    for i in (0, 1, (1 << n) - 1, (1 << n) // 3, (1 << n) // 7):
        word = decode_bits(machine, index_to_bits(i, n))
        assert table.bit(i) == (machines.run(machine, word).outcome is machines.Outcome.ACCEPT)
    build()  # warm up
    return [(1 << n) / timing.timed(build)[0] for _ in range(rounds)]


def simulation_seconds(
    machine: machines.Machine, n: int, mode: str, rounds: int
) -> tuple[list[float], int]:
    """Seconds to simulate one input exactly at n (checked against the table), and neurons."""
    result = machines.run_all(machine, n)
    table = TruthTable(n, pack_bits(np.asarray(result.outcomes) == machines.ACCEPT))
    net = lookup_network(table, mode)
    i = (1 << n) // 3
    bits = index_to_bits(i, n)
    assert simulate.simulate(net, bits).outputs["f"] == table.bit(i)
    return [timing.timed(lambda: simulate.simulate(net, bits))[0] for _ in range(rounds)], (
        net.n_neurons
    )


def restrict_ratios(n_r: int, rounds: int) -> list[float]:
    """Bulk restrict_low vs the bit-by-bit loop at n_r, interleaved, after a check."""
    table = TruthTable.random(n_r, 1)
    h = n_r // 2
    assert table.restrict_low(h) == naive_restrict(table, h)
    return timing.interleaved(
        lambda: table.restrict_low(h), lambda: naive_restrict(table, h), rounds
    )


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The lookup printer's speed as `timing.measure_row` rows (machine: parity)."""
    machine = machines.library.resolve("parity")
    n = 20 if quick else 24
    rounds = 2 if quick else 3
    rows = []
    rates = truth_table_rates(machine, n, rounds)
    rows.append(
        timing.measure_row(
            "truth table (run_all + pack) vs 10 M entries/s target",
            f"parity, n = {n} (2^{n} entries)",
            [r / TARGET_ENTRIES_PER_S for r in rates],
            "x target",
            ">= 1x",
            f"{timing.summary([r / 1e6 for r in rates], unit='')} M entries/s",
        )
    )
    for mode in GADGET_MODES:
        seconds, neurons = simulation_seconds(machine, n, mode, rounds)
        rows.append(
            timing.measure_row(
                f"exact simulation of one input ({mode}) vs 10 s target",
                f"parity, n = {n}, {neurons:,} neurons",
                [TARGET_SIM_SECONDS / t for t in seconds],
                "x (10 s / measured)",
                ">= 1x",
                f"median {statistics.median(seconds):.3g} s "
                f"(min {min(seconds):.3g}, max {max(seconds):.3g})",
            )
        )
    n_r = 14 if quick else 18
    rows.append(
        timing.measure_row(
            "restrict_low bulk vs bit-by-bit loop",
            f"random table, n = {n_r}, 2^{n_r // 2} sub-tables",
            restrict_ratios(n_r, 3 if quick else 5),
            "x faster",
            "",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tmnet.benchmarks.lookup_speed", description=__doc__
    )
    ap.add_argument("--quick", action="store_true", help="n = 8..16 and smaller ratio runs")
    ap.add_argument("--machine", default="parity", help="a linear-time library machine")
    ap.add_argument("--max-n", type=int, default=None, metavar="N")
    args = ap.parse_args(argv)
    machine = machines.library.resolve(args.machine)
    top = args.max_n if args.max_n is not None else (16 if args.quick else 24)
    ns = range(8, top + 1, 2 if args.quick else 1)

    print(f"lookup printer on {machine.name} (T(n) = {machine.time}), n = {ns.start}..{top}")
    rows = sweep(machine, ns)
    print(tabulate(rows, headers="keys", floatfmt=".3g"))

    rates = [float(r["M entries/s"]) for r in rows if int(r["n"]) >= min(top, 16)]  # type: ignore[arg-type]
    best, med = max(rates), statistics.median(rates)
    last = rows[-1]
    print()
    print(
        f"truth table (run_all + pack): median {med:.1f}, best {best:.1f} M entries/s, n >= 16 "
        f"(target >= {TARGET_ENTRIES_PER_S / 1e6:.0f} M: "
        f"{'met' if best * 1e6 >= TARGET_ENTRIES_PER_S else 'NOT met'})"
    )
    for mode in GADGET_MODES:
        t = float(last[f"sim1_s {mode}"])  # type: ignore[arg-type]
        verdict = "met" if t < TARGET_SIM_SECONDS else "NOT met"
        print(
            f"exact simulation of one input at n = {last['n']} ({mode}, "
            f"{last[f'neurons {mode}']} neurons, {last['weight bits']}-bit weights): {t:.2f} s "
            f"(target < {TARGET_SIM_SECONDS:.0f} s: {verdict})"
        )

    # same-run ratios
    n_r = 14 if args.quick else 18
    ratios = restrict_ratios(n_r, 3 if args.quick else 5)
    print(
        summary(f"restrict_low bulk vs bit-by-bit loop, n = {n_r}, 2^{n_r // 2} sub-tables", ratios)
    )

    n_i = 10 if args.quick else 12
    words = [decode_bits(machine, index_to_bits(i, n_i)) for i in range(1 << n_i)]
    per_word = np.array(
        [machines.run(machine, w).outcome is machines.Outcome.ACCEPT for w in words]
    )
    assert np.array_equal(per_word, np.asarray(machines.run_all(machine, n_i).outcomes) == 1)
    ratios = timing.interleaved(
        lambda: machines.run_all(machine, n_i),
        lambda: [machines.run(machine, w) for w in words],
        3,
    )
    print(summary(f"run_all vs machines.run word by word, n = {n_i}", ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
