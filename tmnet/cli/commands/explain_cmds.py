"""`tmnet explain MACHINE WORD`: the Cook-Levin tableau of one run, as text or a picture
(uniform.explain), and with --cell/--step the printed gates of one window."""

from __future__ import annotations

import argparse

from tmnet.cli.commands.common import add_length, add_machine
from tmnet.errors import UsageError
from tmnet.machines.library import resolve
from tmnet.uniform.gadgets import GADGET_MODES


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet explain`."""
    p = subparsers.add_parser(
        "explain",
        help="draw the tableau of a run (text, SVG or PNG) and the gates of one window",
        description=(
            "The Cook-Levin tableau of MACHINE on WORD: rows t = 0..T(n), cells as columns, "
            "the head's cell marked with its state, accept/reject rows marked, cells out of the "
            "head's reach (folded to constants by the printer) shaded. Text on stdout unless -o "
            "names an .svg or .png file. --cell I --step T outlines the window of row T-1 that "
            "determines cell I of row T and prints the printed circuit's gates computing it, "
            "with their values on WORD."
        ),
    )
    add_machine(p)
    p.add_argument("word", metavar="WORD", nargs="?", help="the input word ('' is the empty word)")
    p.add_argument("-o", "--output", metavar="FILE", help="write a picture (.svg or .png)")
    p.add_argument("--cell", type=int, metavar="I", help="the cell of the window (with --step)")
    p.add_argument("--step", type=int, metavar="T", help="the row the window computes (>= 1)")
    p.add_argument(
        "--neuron",
        type=int,
        metavar="K",
        help="instead: the gate, tableau cell, step and transition of neuron hK of C_n "
        "(with -n N and --gadgets)",
    )
    add_length(p, "--neuron: the input length")
    p.add_argument("--gadgets", choices=GADGET_MODES, default="paper")
    p.set_defaults(func=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    from tmnet.simulate.atomicio import atomic_write
    from tmnet.uniform import explain

    if args.neuron is not None:
        from tmnet.uniform.neuron_provenance import neuron_source

        if args.n is None or args.n < 0:
            raise UsageError("--neuron needs -n N (the input length of C_n)")
        machine = resolve(args.machine)
        print(neuron_source(machine, args.n, args.gadgets, args.neuron).describe())
        return 0
    if args.word is None:
        raise UsageError("give WORD (or --neuron K -n N)")
    if (args.cell is None) != (args.step is None):
        raise UsageError("--cell and --step go together", hint="e.g. --cell 0 --step 1")
    machine = resolve(args.machine)
    window = None if args.cell is None else (args.cell, args.step)
    pic = explain.tableau_picture(machine, args.word)  # checks WORD (trace)
    report = None
    if window is not None:
        report = explain.window_gates(machine, args.word, args.cell, args.step)
    if args.output:
        lower = args.output.lower()
        if lower.endswith(".svg"):
            atomic_write(args.output, explain.render_svg(pic, window))
        elif lower.endswith(".png"):
            atomic_write(args.output, explain.render_png(pic, window))
        else:
            raise UsageError(
                f"cannot tell the picture format from {args.output!r}", hint="use .svg or .png"
            )
        print(
            f"wrote {args.output} ({len(pic.rows)} rows x {pic.cells[1] - pic.cells[0] + 1} cells)"
        )
    else:
        print(explain.render_text(pic, window), end="")
    if report is not None:
        print(report.render(), end="")
    return 0
