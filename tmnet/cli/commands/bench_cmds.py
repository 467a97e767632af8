"""`tmnet bench` (the contrast benchmark of both printers) and `tmnet count` (Theorem 5.1)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tmnet.benchmarks.contrast import add_bench_arguments, bench_main, options_from_args
from tmnet.bounds import counting
from tmnet.cli import UsageError

SWEEP_SCAN_LIMIT = 400  # `tmnet count`'s sweep over n scans m only for t up to this by default


def register(subparsers: argparse._SubParsersAction) -> None:
    bench = subparsers.add_parser(
        "bench",
        help="measure both printers (Theorems 4.1, 5.1, 6.1) side by side",
        description="Sweep n for each machine: Cook-Levin vs lookup networks, fitted growth, "
        "random functions vs Berkeley ABC, the Theorem 5.1 counting bound.",
    )
    add_bench_arguments(bench)
    bench.set_defaults(func=cmd_bench)

    count = subparsers.add_parser(
        "count",
        help="Theorem 5.1: the counting bound C_t, line by line",
        description="Evaluate every line of Theorem 5.1's chain at t = floor(2^n/n), check "
        "each step, and find the smallest n from which each line proves that some function on "
        "n bits needs p-SIZE above 2^n/n.",
    )
    count.add_argument("-n", type=int, required=True, help="input bits n (>= 2)")
    count.add_argument("--json", action="store_true", help="print JSON instead of tables")
    count.add_argument(
        "--sweep-max",
        type=int,
        default=80,
        help="search for the smallest n up to this n (default 80)",
    )
    count.add_argument(
        "--scan-limit",
        type=int,
        help="evaluate the lines that need a scan over m (L1-L5) for t up to this (default: "
        f"{counting.DEFAULT_SCAN_LIMIT} for the chain at -n, {SWEEP_SCAN_LIMIT} for the sweep)",
    )
    count.set_defaults(func=cmd_count)


def cmd_bench(args: argparse.Namespace) -> int:
    if args.out is not None:
        check_out_dir(args.out)  # before the benchmark runs, not after
    opts = options_from_args(args)
    if args.small_weights:
        from tmnet.benchmarks.small_weights import bench_main as small_weights_main

        return small_weights_main(opts.quick, opts.out, opts.plots)
    if opts.constructions:
        from tmnet.benchmarks import constructions

        return constructions.bench_main(opts)
    return bench_main(opts)


def check_out_dir(out: Path) -> None:
    """Fail now, naming `out`, if it cannot become a directory of result files."""
    from tmnet.simulate.atomicio import check_writable

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {str(out)!r} exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        check_writable(out / "results.json")
    except OSError as exc:
        raise UsageError(f"--out {str(out)!r}: {exc.strerror or exc}") from None


def cmd_count(args: argparse.Namespace) -> int:
    if args.n < 2:
        raise UsageError("-n must be at least 2")
    if args.n > 4096:
        raise UsageError("-n above 4096 is not supported")
    if not 2 <= args.sweep_max <= 4096:
        raise UsageError(f"--sweep-max must be between 2 and 4096, not {args.sweep_max}")
    if args.scan_limit is not None and args.scan_limit < 0:
        raise UsageError("--scan-limit must be at least 0")
    # an explicit --scan-limit applies to both, lower or higher than the defaults
    given = args.scan_limit
    chain = counting.chain(
        args.n, scan_limit=counting.DEFAULT_SCAN_LIMIT if given is None else given
    )
    sweep = counting.sweep(
        range(2, max(args.n, args.sweep_max) + 1),
        scan_limit=SWEEP_SCAN_LIMIT if given is None else given,
    )
    if args.json:
        json.dump({"chain": chain.as_dict(), "sweep": sweep.as_dict()}, sys.stdout, indent=2)
        print()
        return 0
    print(counting_text(chain, sweep))
    return 0


def counting_text(chain, sweep) -> str:  # type: ignore[no-untyped-def]
    """The chain at one n, the step checks, the notes and the smallest n of each line."""
    from tmnet.benchmarks.report import table

    n, t = chain.n, chain.t
    rows = []
    for line in chain.lines:
        b = line.bound
        rows.append(
            {
                "line": line.name,
                "formula": line.formula,
                "log2": None if b is None else _bits(b.lo, b.hi),
                "minus": None if b is None else _bits(b.lo - (1 << n), b.hi - (1 << n)),
                "verdict": line.verdict(n),
                "how": line.reason if b is None else b.method,
            }
        )
    out = [
        f"Theorem 5.1 at n = {n}: t = floor(2^n/n) = {t:,}; there are 2^(2^n) functions, "
        f"log2 = 2^n = {1 << n:,}.",
        "C_t (networks of p-SIZE <= t) <= each line below; a line below 2^(2^n) proves that "
        "some function on n bits needs p-SIZE > t.\n",
        table(
            rows,
            [
                ("line", "line"),
                ("formula", "bound on C_t"),
                ("log2", "log2"),
                ("minus", "log2 − 2^n"),
                ("verdict", "verdict"),
                ("how", "evaluated"),
            ],
        ),
        table(
            [
                {
                    "claim": f"{s.earlier} -> {s.later}"
                    if s.later == "L1"
                    else f"{s.earlier} <= {s.later}",
                    "why": s.justification,
                    "holds": "-" if s.holds is None else ("yes" if s.holds else "NO"),
                    "gap": s.gap_bits,
                }
                for s in chain.steps
            ],
            [
                ("claim", "step"),
                ("why", "paper's reason"),
                ("holds", "holds here"),
                ("gap", "gap (bits)"),
            ],
            "Each step of the chain, checked at this n",
        ),
        "Where the chain is loose or slips:",
        *[f"  - {note}" for note in chain.notes],
        "",
        "Smallest n from which each line stays below 2^(2^n) (n = 2.."
        f"{sweep.rows[-1].n}; lines needing an m-scan are evaluated for t <= "
        f"{sweep.scan_limit}):",
        "  " + ", ".join(f"{k}: {'-' if v is None else v}" for k, v in sweep.smallest_n.items()),
        f"  (lines: {', '.join(counting.LINE_NAMES)}; docs/theorem-5-1.md explains each)",
    ]
    return "\n".join(out)


def _bits(lo, hi) -> str:  # type: ignore[no-untyped-def]
    lo_f, hi_f = float(lo), float(hi)
    if abs(hi_f - lo_f) < 0.005:
        return f"{lo_f:,.2f}" if abs(lo_f) < 1e12 else f"{lo_f:.6e}"
    return f"[{lo_f:,.2f}, {hi_f:,.2f}]" if abs(hi_f) < 1e12 else f"[{lo_f:.6e}, {hi_f:.6e}]"
