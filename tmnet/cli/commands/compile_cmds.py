"""`tmnet compile` and `tmnet verify`: the Cook-Levin printer (uniform.cook_levin) and the check
of a printed family against the interpreter (uniform.verify)."""

from __future__ import annotations

import argparse
import json
import os
import time

from tmnet.cli.commands.common import add_length, add_machine
from tmnet.cli.commands.report import non_negative, print_sizes
from tmnet.simulate.drawing import PICTURE_FORMATS
from tmnet.uniform.constructions import PRINTERS
from tmnet.uniform.gadgets import GADGET_MODES

PICTURES = PICTURE_FORMATS  # the folded circuit drawn through Graphviz (uniform.circuit_drawing)
FORMATS = ("net", "blif", "aig", "aag", *PICTURES)
DEFAULT_SAMPLE = 4096
# Refuse to print when the size bound (CookLevinFamily.neurons_bound) exceeds this: a bound of
# 2*10^9 admits `compile palindrome -n 40` (bound 7.7*10^8, 5.7 million neurons printed) and
# refuses `-n 100` (3*10^10) at once instead of failing for lack of memory after minutes.
DEFAULT_MAX_BOUND = 2_000_000_000
MAX_ALL_BITS = 24  # verify --all: at most 2^24 inputs (raise with --max-all)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet compile` and `tmnet verify` to the `tmnet` parser."""
    p = subparsers.add_parser(
        "compile",
        help="compile a machine into its Cook-Levin ReLU network (or circuit) for length n",
        description=(
            "Print C_n of the P-uniform family of Theorem 6.1: the machine's tableau for T(n) "
            "steps as a folded boolean circuit, then a ReLU network built gate for gate from "
            "the gadgets of Lemmas 3.1 and 3.3. Writes the network (.net) or the circuit "
            "(.blif, .aig, .aag) and prints the sizes."
        ),
    )
    add_machine(p)
    add_length(p, "input word length", required=True)
    p.add_argument("--time", metavar="EXPR", help="override T(n), e.g. 'n^2 + 1'")
    p.add_argument("--gadgets", choices=GADGET_MODES, default="paper")
    p.add_argument(
        "--format", choices=FORMATS, help="output format (default: from -o's extension, net)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the network or circuit here")
    p.add_argument(
        "--max-draw",
        type=int,
        default=300,
        metavar="N",
        help="svg/png: refuse to draw circuits of more than N nodes (default 300)",
    )
    p.add_argument("--json", action="store_true", help="sizes and timings as one JSON object")
    _add_bound(p)
    p.set_defaults(func=cmd_compile)

    v = subparsers.add_parser(
        "verify",
        help="check a printed network family against the interpreter on every input",
        description=(
            "Print C_n, evaluate it with the exact batch simulator on every input of length n "
            "(the default when 2^N <= 65536; otherwise 4096 inputs sampled with --seed) or on "
            "--sample K inputs, and compare with the "
            "machine's verdict within T(n). Exit 0 when all agree; 1 on a disagreement or a "
            "time-bound violation (naming the input); 2 on bad input."
        ),
    )
    add_machine(v)
    add_length(v, "input word length", required=True)
    v.add_argument("--printer", choices=PRINTERS, default="cook-levin")
    v.add_argument("--gadgets", choices=GADGET_MODES, default="paper")
    v.add_argument("--time", metavar="EXPR", help="override T(n) (cook-levin printer only)")
    which = v.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every input (any n)")
    which.add_argument("--sample", type=int, metavar="K", help="K distinct random inputs")
    v.add_argument(
        "--seed", type=non_negative, default=0, metavar="S", help="sample seed (default 0)"
    )
    v.add_argument(
        "--max-all",
        type=int,
        default=MAX_ALL_BITS,
        metavar="B",
        help=f"refuse --all above 2^B inputs (default {MAX_ALL_BITS})",
    )
    v.add_argument(
        "--on-timeout",
        choices=("violation", "reject"),
        default="violation",
        help="a run that times out: a time-bound violation (default, exit 1) or a rejection",
    )
    v.add_argument("--json", action="store_true", help="the report as one JSON object")
    _add_bound(v)
    v.set_defaults(func=cmd_verify)


def _add_bound(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-bound",
        type=int,
        default=DEFAULT_MAX_BOUND,
        metavar="N",
        help=f"refuse to print when the neuron bound exceeds N (default {DEFAULT_MAX_BOUND:,})",
    )


def check_bound(family, n: int, limit: int) -> None:  # type: ignore[no-untyped-def]
    """Refuse, before building anything, a Cook-Levin network whose neuron bound exceeds
    `limit`. The bound grows as T(n)^2 (a row of up to 2t + 1 cells per step t), so a T(n)
    with T(n)^2 / 2 above the limit is refused without summing the bound row by row."""
    from tmnet.cli import UsageError

    T = family.T(n)
    hint = "raise --max-bound if you have the memory, or choose a smaller n or --time"
    if limit < T * T // 2:
        raise UsageError(
            f"T({n}) is about 2^{T.bit_length() - 1}: the network's size bound grows as "
            f"T(n)^2 / 2, about 2^{(T * T // 2).bit_length() - 1}, above --max-bound {limit:,}",
            hint=hint,
        )
    bound = family.neurons_bound(n)
    if bound > limit:
        raise UsageError(
            f"the network for n = {n} may have up to {bound:,} neurons, above --max-bound "
            f"{limit:,}",
            hint=hint,
        )


def _format(args: argparse.Namespace) -> str:
    from tmnet.cli import UsageError

    if args.format:
        return args.format
    if not args.output:
        return "net"
    ext = os.path.splitext(args.output)[1].lower().lstrip(".")
    if ext in FORMATS:
        return ext
    raise UsageError(
        f"cannot tell the format of {args.output!r}; give --format {'|'.join(FORMATS)}"
    )


def cmd_compile(args: argparse.Namespace) -> int:
    """Print the network (or circuit); report sizes and print_seconds."""
    from tmnet import machines, simulate
    from tmnet.cli import UsageError
    from tmnet.uniform.circuit_io import write_circuit
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.tableau import build_tableau

    if args.n < 0:
        raise UsageError("-n needs N >= 0")
    fmt = _format(args)
    machine = machines.library.resolve(args.machine)
    family = cook_levin(machine, args.time, args.gadgets)
    check_bound(family, args.n, args.max_bound)
    printed = family.print(args.n)
    net = printed.network
    data: dict[str, object] = dict(simulate.sizes(net).as_dict())
    data["print_seconds"] = printed.print_seconds
    data["time_bound"] = family.T(args.n)
    t0 = time.perf_counter()
    unfolded = family.tableau_size(args.n)
    data["circuit_gates_unsimplified"] = unfolded.gates
    data["circuit_wires_unsimplified"] = unfolded.wires
    data["circuit_gates"] = printed.info["circuit_gates"]
    data["circuit_wires"] = printed.info["circuit_wires"]
    data["circuit_depth"] = printed.info["circuit_depth"]
    if args.output:
        if fmt == "net":
            simulate.write_network(net, args.output)
        else:
            circuit = build_tableau(machine, args.n, family.T(args.n)).circuit
            if fmt in PICTURES:
                from tmnet.simulate.atomicio import atomic_write
                from tmnet.simulate.drawing import render
                from tmnet.uniform.circuit_drawing import circuit_dot

                atomic_write(args.output, render(circuit_dot(circuit, args.max_draw), fmt))
            else:
                write_circuit(circuit, args.output, fmt)
        data["write_seconds"] = time.perf_counter() - t0
    print_sizes(
        data,
        f"{net.name} (cook-levin, {args.gadgets} gadgets)",
        args.json,
        f"{args.output} ({fmt})" if args.output else None,
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Compare the printed network with the interpreter; exit 1 on any mismatch."""
    from tmnet import machines
    from tmnet.cli import UsageError
    from tmnet.uniform.constructions import machine_family
    from tmnet.uniform.verify import EXHAUSTIVE_LIMIT, verify

    if args.n < 0:
        raise UsageError("-n needs N >= 0")
    if args.sample is not None and args.sample < 1:
        raise UsageError("--sample needs K >= 1")
    machine = machines.library.resolve(args.machine)
    if args.time and args.printer != "cook-levin":
        raise UsageError("--time applies to the cook-levin printer only")
    family = machine_family(
        args.printer, machine, args.gadgets, time_bound=args.time, on_timeout="reject"
    )
    if args.printer == "cook-levin":
        check_bound(family, args.n, args.max_bound)
    n_bits = machines.encoding.input_bits(machine, args.n)
    if args.all and n_bits > args.max_all:
        raise UsageError(
            f"--all would check 2^{n_bits} inputs; the limit is 2^{args.max_all}",
            hint="raise it with --max-all B, or use --sample K",
        )
    sample = args.sample
    if sample is not None and n_bits < 62:
        sample = min(sample, 1 << n_bits)  # more than 2^N distinct inputs is all of them
    if sample is not None and sample > (1 << args.max_all):
        raise UsageError(
            f"--sample {sample} is above the limit 2^{args.max_all}",
            hint="raise it with --max-all B",
        )
    if sample is None and not args.all and (1 << min(n_bits, 62)) > EXHAUSTIVE_LIMIT:
        sample = DEFAULT_SAMPLE  # too many to check all by default: a seeded sample
    report = verify(family, machine, args.n, sample=sample, seed=args.seed)
    if args.on_timeout == "reject":
        report = report.timeouts_as_rejections()
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        how = "every input" if report.exhaustive else f"a sample (seed {args.seed})"
        bits = f", verdict and {report.output_bits} output bits" if report.output_bits else ""
        print(
            f"{report.family} {report.machine} n={report.n}: T(n)={report.time_bound}, "
            f"{report.checked} inputs ({how}{bits}), {report.agree} agree"
        )
        for m in report.disagreements:
            verdict = {0: "reject", 1: "accept", 2: "timeout"}[m.machine]
            outputs = (
                f" (output bits: network {m.network_output}, machine {m.machine_output})"
                if report.output_bits
                else ""
            )
            print(
                f"disagreement on input {m.index} (word {m.word!r}): network {m.network}, "
                f"machine {verdict}{outputs}"
            )
        for m in report.violations:
            print(
                f"time-bound violation on input {m.index} (word {m.word!r}): the machine does "
                f"not halt within T({report.n}) = {report.time_bound} steps"
            )
        print("ok: all agree" if report.ok else "FAILED")
    return 0 if report.ok else 1
