"""`tmnet import FILE`: read a machine written for another tool (machines.importers) and write
it as `.tm` (or as turingmachine.io YAML, to animate it there).

FILE may also be a `.tm` file or a library name, so `tmnet import parity -o parity.yaml`
exports a tmnet machine. Exit codes: 0 written; 2 bad input (a located error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from tmnet.machines.model import Machine


def _writers() -> dict[str, Callable[[Machine], str]]:
    """The output writers by the extension of -o (a registry, not repeated strings)."""
    from tmnet.machines.importers.turingmachine_io_export import to_yaml
    from tmnet.machines.writer import to_tm

    return {".tm": to_tm, ".yaml": to_yaml, ".yml": to_yaml}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet import` to the `tmnet` parser."""
    from tmnet.machines.importers import FORMATS

    lines = [
        f"  {f.name:<17} {', '.join(f.extensions)}: {f.description}" for f in FORMATS.entries()
    ]
    p = subparsers.add_parser(
        "import",
        help="read a machine of another tool (turingmachine.io, Morphett, bbchallenge, JFLAP)",
        description=(
            "Read a machine written for another tool into tmnet's model and print it as .tm "
            "(or write it with -o: .tm, or .yaml for turingmachine.io). T(n), the input "
            "alphabet and the accepting halting states come from the options, else from "
            "`tmnet-` directive comments in the file (docs/formats/)."
        ),
        epilog="formats:\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="the machine file (or a .tm file / library name)")
    p.add_argument(
        "--from", dest="fmt", choices=tuple(FORMATS), help="format (default: by extension)"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write OUT.tm or OUT.yaml (atomically)")
    p.add_argument("--time", metavar="EXPR", help="T(n), e.g. 'n^2 + 1' (else tmnet-time)")
    p.add_argument("--input", metavar="SYMS", help="input alphabet, e.g. '0 1' (else tmnet-input)")
    p.add_argument(
        "--accept", metavar="STATES", help="accepting halting states (else tmnet-accept)"
    )
    p.add_argument(
        "--reject", metavar="STATES", help="rejecting halting states (else tmnet-reject)"
    )
    p.add_argument("--output-cells", metavar="A:B", help="function output window (tmnet-output)")
    p.add_argument("--name", help="machine name (default: the file's stem)")
    p.set_defaults(func=cmd_import)


def _options(args: argparse.Namespace):
    from tmnet.machines.importers import ImportOptions
    from tmnet.machines.parser import parse_output, parse_polynomial

    def words(text: str | None) -> tuple[str, ...] | None:
        return None if text is None else tuple(text.replace(",", " ").split())

    return ImportOptions(
        time=parse_polynomial(args.time, "<--time>") if args.time else None,
        input_alphabet=words(args.input),
        accept=words(args.accept),
        reject=words(args.reject),
        output=parse_output(args.output_cells, "<--output-cells>") if args.output_cells else None,
        name=args.name,
    )


def cmd_import(args: argparse.Namespace) -> int:
    from tmnet.cli import UsageError
    from tmnet.machines import importers, library
    from tmnet.simulate.atomicio import atomic_write

    options = _options(args)
    if args.fmt is None and importers.format_of(args.file) is None:
        if options != importers.ImportOptions():
            raise UsageError("the options --time/--input/... apply to imported formats only")
        machine = library.resolve(args.file)
    else:
        machine = importers.import_file(args.file, args.fmt, options)
    writers = _writers()
    if args.output is None:
        sys.stdout.write(writers[".tm"](machine))
        return 0
    ext = Path(args.output).suffix.lower()
    if ext not in writers:
        raise UsageError(
            f"cannot tell what to write from {args.output!r}",
            hint="OUT ends in " + ", ".join(writers),
        )
    atomic_write(args.output, writers[ext](machine))
    print(
        f"wrote {args.output}: machine {machine.name}, {len(machine.states)} states, "
        f"{len(machine.transitions)} transitions, T(n) = {machine.time}"
    )
    return 0
