"""`tmnet report MACHINE -n N -o DIR`: a self-contained HTML page for a class
(benchmarks.class_report)."""

from __future__ import annotations

import argparse

from tmnet.cli.commands.common import add_length, add_machine
from tmnet.machines.library import resolve


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet report`."""
    p = subparsers.add_parser(
        "report",
        help="write one self-contained HTML page about a machine (tableau, sizes, verification)",
        description=(
            "Write DIR/MACHINE.html: the machine's source and T(n), the tableau of a sample "
            "run, the sizes of the Cook-Levin and lookup networks for n = 1..N (table and "
            "plot), the verification of the Cook-Levin network, and the p-SIZE crossover. "
            "Pictures are inlined: the page opens without network access."
        ),
    )
    add_machine(p)
    add_length(p, "largest input length", required=True)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from tmnet.benchmarks.class_report import write_report

    machine = resolve(args.machine)
    with tqdm(total=max(args.n, 0), desc="lengths", unit="n", leave=False) as bar:
        path = write_report(machine, args.n, args.output, progress=lambda _n: bar.update(1))
    print(f"wrote {path}")
    return 0
