"""`tmnet gate MACHINE -n N I`: the direct-connection language of the unfolded Cook-Levin
tableau (uniform.direct_connection): gate I's kind, inputs and provenance, by arithmetic."""

from __future__ import annotations

import argparse
import json

from tmnet.cli.commands.common import add_length, add_machine
from tmnet.errors import UsageError
from tmnet.machines.library import resolve


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet gate`."""
    p = subparsers.add_parser(
        "gate",
        help="gate I of the unfolded Cook-Levin circuit C_n, by index arithmetic",
        description=(
            "The direct-connection language of the Cook-Levin family's unfolded tableau "
            "circuit: gate I's kind, its inputs, and the tableau cell, time step and transition "
            "it belongs to, computed from the numbering's formulas in time polynomial in "
            "log T(n) and the machine's size, without building the circuit. --input J asks "
            "only whether node J is an input of gate I."
        ),
    )
    add_machine(p)
    add_length(p, "input word length", required=True)
    p.add_argument("node", type=int, metavar="I", help="a gate's node number")
    p.add_argument("--input", type=int, metavar="J", help="is node J an input of gate I?")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_gate)


def cmd_gate(args: argparse.Namespace) -> int:
    from tmnet.uniform import direct_connection as dc

    if args.n < 0:
        raise UsageError("-n needs N >= 0")
    machine = resolve(args.machine)
    num = dc.numbering(machine, args.n)
    if args.input is not None:
        answer = dc.is_input(num, args.node, args.input)
        if args.json:
            print(json.dumps({"node": args.node, "input": args.input, "is_input": answer}))
        else:
            print(f"node {args.input} is {'' if answer else 'not '}an input of gate {args.node}")
        return 0
    info = dc.gate(num, args.node)
    if args.json:
        print(json.dumps(info.as_dict() | {"gates": num.n_nodes - num.g0, "time": num.time}))
        return 0
    when = "row 0" if info.step < 0 else f"step {info.step} -> {info.step + 1}"
    where = "" if info.cell is None else f", cell {info.cell}"
    shown = ", ".join(str(v) for v in info.inputs[:16])
    if len(info.inputs) > 16:
        shown += f", ... ({len(info.inputs)} inputs)"
    print(
        f"gate {info.node} of {machine.name} C_{args.n} (unfolded tableau, T = {num.time}, "
        f"gates {num.g0}..{num.n_nodes - 1})"
    )
    print(f"  kind    {info.kind}")
    print(f"  inputs  {shown}")
    print(f"  part    {info.part} ({when}{where})")
    print(f"  what    {info.what}")
    return 0
