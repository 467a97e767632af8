"""`tmnet lookup`: print the Theorem 4.1 network of a machine or a truth table (uniform.lookup)."""

from __future__ import annotations

import argparse
import sys

from tmnet import simulate
from tmnet.cli.commands.report import print_sizes
from tmnet.uniform.gadgets import GADGET_MODES
from tmnet.uniform.lookup import lookup_family, table_family
from tmnet.uniform.truth_table import TruthTable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet lookup` to the `tmnet` parser."""
    p = subparsers.add_parser(
        "lookup",
        help="print the O(2^(n/2))-neuron lookup network of Theorem 4.1 (2^O(n) time)",
        description=(
            "Print the lookup network of Theorem 4.1 for words of length n: the truth table of "
            "the function (a machine run on all 2^n inputs, a hex table as ABC's read_truth -x "
            "reads it, or a random table) selected by the first floor(n/2) inputs and read bit "
            "by bit (Algorithms 2 and 1). Prints the network's sizes and the printing time."
        ),
    )
    add_source_arguments(p)
    p.set_defaults(func=cmd_lookup)


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """The options every truth-table printer takes (`tmnet lookup`, `tmnet construct`)."""
    p.add_argument("machine", metavar="MACHINE", nargs="?", help="a .tm file or library name")
    p.add_argument(
        "--truth-table",
        metavar="HEX",
        help="f as hex, most significant digit first (the last digit holds f(0..3))",
    )
    p.add_argument("--random", type=int, metavar="SEED", help="a random f on n bits from SEED")
    p.add_argument(
        "-n", type=int, required=True, metavar="N", help="word length (table: input bits)"
    )
    p.add_argument("--gadgets", choices=GADGET_MODES, default="paper")
    p.add_argument("-o", "--output", metavar="FILE", help="write the network (.net) to FILE")
    p.add_argument("--json", action="store_true", help="sizes and timings as one JSON object")


def cmd_lookup(args: argparse.Namespace) -> int:
    """Print the network; report its sizes, print_seconds and truth_table_seconds."""
    from tqdm import tqdm

    from tmnet.cli import UsageError

    chosen = sum([args.machine is not None, args.truth_table is not None, args.random is not None])
    if chosen != 1:
        raise UsageError("give a MACHINE, or --truth-table HEX, or --random SEED (exactly one)")
    if args.n < 0:
        raise UsageError("-n needs N >= 0")
    # `tmnet construct NAME` passes its construction's families; `tmnet lookup` uses Theorem 4.1's
    machine_printer = getattr(args, "machine_printer", lookup_family)
    table_printer = getattr(args, "table_printer", table_family)
    bar = tqdm(unit="input", file=sys.stderr, disable=None, leave=False, desc="truth table")
    try:
        if args.machine is not None:
            from tmnet import machines

            machine = machines.library.resolve(args.machine)

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            family = machine_printer(machine, args.gadgets, progress=progress)
            what = machine.name
        elif args.truth_table is not None:
            family = table_printer(TruthTable.from_hex(args.truth_table, args.n), args.gadgets)
            what = "truth table"
        else:
            family = table_printer(TruthTable.random(args.n, args.random), args.gadgets)
            what = f"random table (seed {args.random})"
        printed = family.print(args.n)
    finally:
        bar.close()
    net = printed.network
    if args.output:
        simulate.write_network(net, args.output)
    data: dict[str, object] = dict(simulate.sizes(net).as_dict())
    data["print_seconds"] = printed.print_seconds
    data["truth_table_seconds"] = printed.timings["truth_table_seconds"]
    print_sizes(data, f"{net.name} ({what}, {args.gadgets} gadgets)", args.json, args.output)
    return 0
