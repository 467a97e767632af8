"""Arguments many subcommands share, registered in one place so their names and help agree."""

from __future__ import annotations

import argparse


def add_machine(p: argparse.ArgumentParser, *, optional: bool = False) -> None:
    """The MACHINE positional of every command that reads a machine (a .tm file or a library
    name, as `tmnet.machines.library.resolve` takes it); `optional` for commands that can read
    a truth table instead."""
    p.add_argument(
        "machine",
        metavar="MACHINE",
        nargs="?" if optional else None,
        help="a .tm file or library name",
    )


def add_length(p: argparse.ArgumentParser, help: str, *, required: bool = False) -> None:
    """The `-n N` input-length option; `help` says what the length means to the command."""
    p.add_argument("-n", type=int, required=required, metavar="N", help=help)


def add_network(p: argparse.ArgumentParser) -> None:
    """The NETWORK positional of every command that reads a .net file."""
    p.add_argument("network", metavar="NETWORK", help="a .net file")
