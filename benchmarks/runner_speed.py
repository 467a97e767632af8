"""Speed of the batched runner on machines that re-read their input (issue 11, part 1).

Run: python -m tmnet.benchmarks.runner_speed [--quick] [--no-usability]

Figures, all measured in this process (the usability runs each in a fresh one, for peak memory):
* the default engine (`run_all`, engine "auto": the lockstep engine, numba-compiled) against the
  engine it replaced (engine "prefix", the prefix-sharing general engine, kept callable as the
  baseline) on palindrome at n = 22 (--quick: 16), interleaved, median and min-max; target >= 8x;
* against a plain lockstep numpy step over the same live configurations: every input's run,
  with the inputs of each chunk ordered by their step count so that the live configurations at
  step t are the first live(t) rows, stepped by the bare gather / lookup / scatter / add with no
  halting, compaction or window checks (`plain_lockstep`); target: at most 3x slower (ratio
  plain time / runner time >= 1/3);
* machine-steps/s (the sum over inputs of each input's steps) and truth-table entries/s for
  palindrome, ww, equal01, anbn, majority, first_equals_last and three random machines at n = 20
  (--quick: 14), with the numpy reference loop alongside;
* usability: palindrome's whole truth table (`TruthTable.from_machine`) at n = 24 (target under
  15 s) and n = 28 (under 5 minutes, peak memory under 4 GiB), each in a fresh process.

`measure(quick)` gives benchmarks/perf.py the two ratio rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Any

import numpy as np
from tabulate import tabulate

from tmnet.benchmarks import timing
from tmnet.machines import library, lockstep, run_all
from tmnet.machines.model import Machine, Move, Polynomial, Transition

TARGET_VS_PREFIX = 8.0
TARGET_VS_PLAIN = 1 / 3
MACHINES = ("palindrome", "ww", "equal01", "anbn", "majority", "first_equals_last")


def random_machine(seed: int, states: int = 4) -> Machine:
    """A random machine over {0,1} with tape {0,1,x,_}, time n^2 + 2 (numpy RNG, reproducible)."""
    rng = np.random.default_rng(seed)
    tape = ("0", "1", "x", "_")
    running = tuple(f"q{i}" for i in range(states))
    targets = (*running, "acc", "rej")
    tr = {}
    for s in running:
        for a in tape:
            if rng.integers(10) == 0:
                continue
            tr[(s, a)] = Transition(
                s,
                a,
                targets[int(rng.integers(len(targets)))],
                tape[int(rng.integers(len(tape)))],
                (Move.L, Move.S, Move.R)[int(rng.integers(3))],
            )
    return Machine(
        name=f"random{seed}",
        states=(*running, "acc", "rej"),
        input_alphabet=("0", "1"),
        tape_alphabet=tape,
        blank="_",
        start="q0",
        accept="acc",
        reject="rej",
        transitions=tr,
        time=Polynomial((2, 0, 1)),
    )


def plain_lockstep(machine: Machine, n: int, steps: np.ndarray, chunk: int = 1 << 20) -> float:
    """Seconds of a bare numpy lockstep step over the same live configurations as the run.

    The inputs of each chunk are ordered by their step count (descending), so the
    configurations still running at step t are exactly rows 0..live(t)-1; each step is a
    gather, three table lookups, a scatter and an add on those rows, nothing else. Returns the
    time of the stepping alone (building the tapes is not counted)."""
    tb = lockstep.tables(machine)
    limit = machine.time_bound(n)
    win = lockstep._window(tb.left_bounded, n, limit, 128)
    total = 0.0
    for lo in range(0, len(steps), chunk):
        ids = np.arange(lo, min(lo + chunk, len(steps)), dtype=np.int64)
        order = np.argsort(-steps[ids].astype(np.int64), kind="stable")
        ids = ids[order]
        k = len(ids)
        tape = np.full((k, win.width), tb.blank, dtype=np.uint8)
        tape[:, win.origin : win.origin + n] = lockstep._input_cells(tb, ids, n)
        flat = tape.reshape(-1)
        pos = np.arange(k, dtype=np.int64) * win.width + win.origin
        state = np.full(k, tb.start, dtype=np.int32)
        live = np.sort(steps[ids])[::-1]
        counts = np.searchsorted(-live, -np.arange(int(live[0]) if k else 0), side="right")
        nxt, write, move = tb.next_state, tb.write, tb.move
        start = time.perf_counter()
        for r in counts.tolist():  # r = configurations with more than t steps
            p, s = pos[:r], state[:r]
            e = s + flat[p]
            flat[p] = write[e]
            p += move[e]
            state[:r] = nxt[e]
        total += time.perf_counter() - start
    return total


def _prefix_vs_default(n: int, rounds: int) -> dict[str, Any]:
    m = library.load("palindrome")
    fast = run_all(m, n)
    base = run_all(m, n, engine="prefix")
    assert np.array_equal(fast.outcomes, base.outcomes) and np.array_equal(fast.steps, base.steps)
    run_all(m, min(n, 12))  # warm-up (compiled kernel loaded)
    run_all(m, min(n, 12), engine="prefix")
    ratios, tf, tb = [], [], []
    for _ in range(rounds):
        a, _ = timing.timed(lambda: run_all(m, n))
        b, _ = timing.timed(lambda: run_all(m, n, engine="prefix"))
        tf.append(a)
        tb.append(b)
        ratios.append(b / a)
    work = int(fast.steps.sum())
    return {
        "n": n,
        "ratios": ratios,
        "default_s": statistics.median(tf),
        "prefix_s": statistics.median(tb),
        "steps": work,
        "entries": len(fast),
    }


def _vs_plain(machine: Machine, n: int, rounds: int) -> dict[str, Any]:
    res = run_all(machine, n)
    ratios, tf, tp = [], [], []
    for _ in range(rounds):
        a, _ = timing.timed(lambda: run_all(machine, n))
        b = plain_lockstep(machine, n, res.steps)
        tf.append(a)
        tp.append(b)
        ratios.append(b / a)
    return {"ratios": ratios, "default_s": statistics.median(tf), "plain_s": statistics.median(tp),
            "steps": int(res.steps.sum()), "entries": len(res)}  # fmt: skip


def machine_rows(n: int) -> list[dict[str, Any]]:
    """Steps/s and entries/s per machine, default engine and numpy reference loop, at n."""
    rows = []
    ms = [library.load(name) for name in MACHINES] + [random_machine(s) for s in (1, 2, 3)]
    for m in ms:
        res = run_all(m, n)
        t_default, _ = timing.timed(lambda m=m: run_all(m, n))
        t_numpy, ref = timing.timed(lambda m=m: run_all(m, n, engine="lockstep-numpy"))
        assert np.array_equal(ref.outcomes, res.outcomes) and np.array_equal(ref.steps, res.steps)
        t_plain = plain_lockstep(m, n, res.steps)
        work = int(res.steps.sum())
        rows.append(
            {
                "machine": m.name,
                "n": n,
                "machine_steps": work,
                "default_s": t_default,
                "default_Msteps_s": work / t_default / 1e6,
                "default_Mentries_s": len(res) / t_default / 1e6,
                "numpy_Msteps_s": work / t_numpy / 1e6,
                "plain_numpy_Msteps_s": work / t_plain / 1e6 if t_plain else float("nan"),
                "timeouts": int((res.outcomes == 2).sum()),
            }
        )
    return rows


_USABILITY = """
import json, resource, sys, time
from tmnet.machines import library
from tmnet.uniform.truth_table import TruthTable
m = library.load(sys.argv[1]); n = int(sys.argv[2])
t = time.perf_counter(); table = TruthTable.from_machine(m, n); s = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_SELF)
peak, cpu = use.ru_maxrss * 1024, use.ru_utime + use.ru_stime
print(json.dumps({"seconds": s, "cpu": cpu, "peak_bytes": peak, "ones": table.count_ones()}))
"""


def usability(name: str, n: int) -> dict[str, Any]:
    """The whole truth table of a library machine at n, in a fresh process: seconds, peak RSS."""
    out = subprocess.run(
        [sys.executable, "-c", _USABILITY, name, str(n)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _ratio_workload(quick: bool) -> tuple[int, int, int]:
    """n of the two ratio comparisons (palindrome), and the rounds of each: default vs prefix
    engine, default vs plain numpy step; the same for `measure` and `main`."""
    return (16, 1, 1) if quick else (22, 2, 3)


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """benchmarks/perf.py's rows: default vs prefix engine, default vs plain numpy step."""
    n, prefix_rounds, plain_rounds = _ratio_workload(quick)
    pv = _prefix_vs_default(n, prefix_rounds)
    pl = _vs_plain(library.load("palindrome"), n, plain_rounds)
    return [
        timing.measure_row(
            "run_all default (lockstep, compiled) vs prefix engine",
            f"palindrome, all 2^{n} inputs, {pv['steps']:,} machine-steps",
            pv["ratios"],
            "x faster",
            f">= {TARGET_VS_PREFIX:g}x",
        ),
        timing.measure_row(
            "run_all default vs plain lockstep numpy step (same live configurations)",
            f"palindrome, all 2^{n} inputs",
            pl["ratios"],
            "plain time / runner time",
            ">= 0.33 (within 3x)",
        ),
    ]


def _print_usability(quick: bool) -> None:
    print("\nUsability (TruthTable.from_machine, fresh process each):")
    for name, un, target in (("palindrome", 24, 15.0), ("palindrome", 28, 300.0)):
        if quick and un > 24:
            continue
        u = usability(name, un)
        gib = u["peak_bytes"] / 2**30
        ok = u["seconds"] < target and gib < 4
        print(
            f"  {name} n = {un}: {u['seconds']:.1f} s (target < {target:g} s; CPU of the "
            f"whole process {u['cpu']:.1f} s), peak memory "
            f"{gib:.2f} GiB (target < 4 GiB), {u['ones']:,} accepted -> "
            f"{'MEETS' if ok else 'MISSES'}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmnet.benchmarks.runner_speed")
    parser.add_argument("--quick", action="store_true", help="smaller n, fewer rounds")
    parser.add_argument("--no-usability", action="store_true", help="skip the n = 24/28 runs")
    parser.add_argument("--usability-only", action="store_true", help="only the n = 24/28 runs")
    args = parser.parse_args(argv)
    quick = args.quick
    if args.usability_only:
        _print_usability(quick)
        return 0
    print(f"lockstep implementations here: {', '.join(lockstep.available())}")
    n, prefix_rounds, plain_rounds = _ratio_workload(quick)
    pv = _prefix_vs_default(n, prefix_rounds)
    print(
        f"\npalindrome, n = {n}, all {pv['entries']:,} inputs, {pv['steps']:,} machine-steps:\n"
        f"  default engine {pv['default_s']:.3f} s "
        f"({pv['steps'] / pv['default_s'] / 1e6:,.1f} M machine-steps/s, "
        f"{pv['entries'] / pv['default_s'] / 1e6:,.2f} M entries/s)\n"
        f"  prefix engine (baseline, before issue 11) {pv['prefix_s']:.3f} s "
        f"({pv['steps'] / pv['prefix_s'] / 1e6:,.2f} M machine-steps/s, "
        f"{pv['entries'] / pv['prefix_s'] / 1e6:,.3f} M entries/s)\n"
        f"  default vs prefix: {timing.summary(pv['ratios'])} "
        f"-> {timing.verdict(pv['ratios'], TARGET_VS_PREFIX)} (target >= {TARGET_VS_PREFIX:g}x)"
    )
    pl = _vs_plain(library.load("palindrome"), n, plain_rounds)
    print(
        f"  plain lockstep numpy step over the same live configurations {pl['plain_s']:.3f} s "
        f"({pl['steps'] / pl['plain_s'] / 1e6:,.1f} M machine-steps/s)\n"
        f"  plain time / runner time: {timing.summary(pl['ratios'], '')} "
        f"-> {timing.verdict(pl['ratios'], TARGET_VS_PLAIN)} (target >= 0.33, within 3x)"
    )
    mn = 14 if quick else 20
    rows = machine_rows(mn)
    print(f"\nEvery machine at n = {mn} (all 2^{mn} inputs; M = million):")
    print(
        tabulate(
            [
                [
                    r["machine"],
                    f"{r['machine_steps']:,}",
                    f"{r['default_s']:.3f}",
                    f"{r['default_Msteps_s']:,.1f}",
                    f"{r['default_Mentries_s']:,.2f}",
                    f"{r['numpy_Msteps_s']:,.1f}",
                    f"{r['plain_numpy_Msteps_s']:,.1f}",
                    r["timeouts"],
                ]
                for r in rows
            ],  # fmt: skip
            headers=[
                "machine",
                "machine-steps",
                "default s",
                "M steps/s",
                "M entries/s",
                "numpy ref M steps/s",
                "plain numpy M steps/s",
                "timeouts",
            ],  # fmt: skip
        )
    )
    if not args.no_usability:
        _print_usability(quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
