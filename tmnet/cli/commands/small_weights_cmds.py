"""`tmnet small-weights`: lower any network on boolean inputs to small integer weights
(uniform.small_weights; Theorem 2 of the paper, and Vardi-Shamir's depth bound)."""

from __future__ import annotations

import argparse
import json
import sys

from tmnet import simulate
from tmnet.cli.commands.common import add_network
from tmnet.cli.commands.network_cmds import _add_limits, _read
from tmnet.errors import UsageError
from tmnet.uniform.small_weights import ROUTES, LoweringLimits, small_weights

INPUT_DOMAINS = ("boolean", "integer", "real")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "small-weights",
        help="an equivalent network with small integer weights (docs/small-weights.md)",
        description="Lower NETWORK (any .net file on boolean inputs, rational weights allowed) "
        "into a network over the same inputs computing the same outputs exactly, every weight "
        "and bias a small integer. A 0/1 output stays one output; any other output y becomes "
        "its binary digits y[0], y[1], ... (of s * y, s the reported scale).",
    )
    add_network(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write the lowered network to OUT")
    p.add_argument("--route", choices=tuple(ROUTES), default="arithmetic")
    p.add_argument(
        "--boolean",
        action="append",
        default=[],
        metavar="OUTPUT",
        help="declare an output 0/1-valued (outputs proved 0/1 need no declaration)",
    )
    p.add_argument(
        "--inputs",
        choices=INPUT_DOMAINS,
        default="boolean",
        help="the domain of the inputs; only boolean inputs can be lowered",
    )
    p.add_argument("--max-value-bits", type=int, default=LoweringLimits.max_value_bits)
    p.add_argument("--max-size", type=int, default=LoweringLimits.max_size)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    _add_limits(p)
    p.set_defaults(func=cmd_small_weights)


def cmd_small_weights(args: argparse.Namespace) -> int:
    if args.inputs != "boolean":
        raise UsageError(
            f"{args.network}: inputs declared {args.inputs}; small-weights lowers networks on "
            "boolean inputs only",
            hint="the digits of a value are defined only for inputs in {0, 1}",
        )
    net = _read(args)
    net.check()
    low = small_weights(
        net, args.route, args.boolean, LoweringLimits(args.max_value_bits, args.max_size)
    )
    if args.output:
        simulate.write_network(low.network, args.output)
    report = low.as_dict()
    report["input"] = simulate.sizes(net).as_dict()
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return 0
    s = report["input"]
    print(
        f"input: {s['neurons']} neurons, depth {s['depth']}, max weight bits "
        f"{s['max_weight_bits']}, p-SIZE {s['p_size']}"
    )
    print(
        f"{low.route}: {report['neurons']} neurons, {report['edges']} edges, depth "
        f"{report['depth']} (bound {low.depth_bound}: {low.depth_formula}), max |w| "
        f"{report['max_weight']} (bound {low.weight_bound}), {low.seconds:.3f} s"
    )
    if low.circuit is not None:
        c = low.circuit.sizes()
        print(
            f"circuit: {c.gates} gates ({c.and_gates} AND, {c.or_gates} OR, {c.not_gates} NOT), "
            f"depth {c.depth}; {c.gates / max(s['p_size'], 1):.2f} gates per bit of p-SIZE"
        )
    for o in low.outputs:
        kind = "0/1 (proved)" if o.proved else ("0/1 (declared)" if o.boolean else "digits")
        scale = "" if o.scale == 1 else f", digits of {o.scale} * {o.name}"
        print(f"  {o.name}: {kind} -> {', '.join(o.names)}{scale}")
    if args.output:
        print(f"wrote {args.output}")
    return 0
