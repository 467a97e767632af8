"""`tmnet construct NAME` (and its shortcuts `tmnet lupanov`, `tmnet twolayer`): print any
registered truth-table construction (uniform.constructions) with `tmnet lookup`'s options and
`--json` keys."""

from __future__ import annotations

import argparse
from functools import partial

from tmnet.cli.commands.lookup_cmds import add_source_arguments, cmd_lookup
from tmnet.uniform.constructions import CONSTRUCTIONS, machine_family, table_family

SHORTCUTS = ("lupanov", "twolayer")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet construct` and the shortcuts to the `tmnet` parser."""
    p = subparsers.add_parser(
        "construct",
        help="print a network for a truth table by a named construction (lookup, lupanov, ...)",
        description=(
            "Print the network of one registered construction for words of length n, from a "
            "machine's truth table, a hex table or a random one: "
            + "; ".join(f"{c.name}: {c.summary} ({c.section})" for c in CONSTRUCTIONS.values())
            + ". Prints the network's sizes and the printing time, as `tmnet lookup` does."
        ),
    )
    p.add_argument("construction", choices=tuple(CONSTRUCTIONS), metavar="NAME")
    _options(p)
    for name in SHORTCUTS:
        c = CONSTRUCTIONS[name]
        s = subparsers.add_parser(
            name,
            help=f"{c.summary} (= tmnet construct {name})",
            description=f"{c.summary} ({c.section}); the options of `tmnet lookup`.",
        )
        _options(s)
        s.set_defaults(construction=name)


def _options(p: argparse.ArgumentParser) -> None:
    add_source_arguments(p)
    p.add_argument(
        "--chains",
        type=int,
        metavar="R",
        help="lookup-parallel: read with R parallel chains (a power of 2; default: the R "
        "minimising neurons x depth)",
    )
    p.set_defaults(func=cmd_construct)


def cmd_construct(args: argparse.Namespace) -> int:
    """`tmnet lookup`'s command with the chosen construction's families."""
    from tmnet.cli import UsageError

    if args.chains is not None and not CONSTRUCTIONS[args.construction].uses_chains:
        raise UsageError(f"--chains applies to lookup-parallel, not {args.construction}")
    args.machine_printer = partial(
        _machine_family, construction=args.construction, chains=args.chains
    )
    args.table_printer = partial(table_family, args.construction, chains=args.chains)
    return cmd_lookup(args)


def _machine_family(machine, gadgets, *, progress, construction, chains):
    return machine_family(construction, machine, gadgets, progress=progress, chains=chains)
