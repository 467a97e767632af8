"""The `tmnet` command: argument parsing and error reporting around the packages.

No logic lives here that a notebook user could not call from `tmnet.machines`, `tmnet.simulate`,
`tmnet.uniform` or `tmnet.benchmarks`. Each subcommand module registers its parser and returns
an exit code: 0 success, 1 a negative verdict (a disagreement, a time-bound violation), 2 bad
input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tmnet.errors import TmnetError, UsageError, excerpt

# Subcommand modules, in the order `tmnet --help` lists them.
COMMAND_MODULES = (
    "tmnet.cli.commands.demo",
    "tmnet.cli.commands.machine_cmds",
    "tmnet.cli.commands.network_cmds",
    "tmnet.cli.commands.compile_cmds",
    "tmnet.cli.commands.lookup_cmds",
    "tmnet.cli.commands.construct_cmds",
    "tmnet.cli.commands.bench_cmds",
    "tmnet.cli.commands.explain_cmds",
    "tmnet.cli.commands.steps_cmds",
    "tmnet.cli.commands.gate_cmds",
    "tmnet.cli.commands.report_cmds",
    "tmnet.cli.commands.import_cmds",
    "tmnet.cli.commands.small_weights_cmds",
)


__all__ = ["COMMAND_MODULES", "UsageError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    from tmnet import __version__

    parser = argparse.ArgumentParser(
        prog="tmnet",
        description="Compile Turing machines into ReLU network families and simulate them exactly.",
    )
    parser.add_argument("--version", action="version", version=f"tmnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the command's code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    dest = getattr(args, "dash_word", None)  # a positional that may start with `-` (run WORD)
    if extra and dest and getattr(args, dest) is None and len(extra) == 1:
        setattr(args, dest, extra.pop())
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = args.func(args)
    except UsageError as exc:
        hint = f"\nhint: {exc.hint}" if exc.hint else ""
        print(f"tmnet {args.command}: error: {exc.message}{hint}", file=sys.stderr)
        return 2
    except TmnetError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an unreadable input or a failed write the command did not name
        print(f"tmnet {args.command}: error: {os_error_message(exc)}", file=sys.stderr)
        return 2
    except MemoryError:
        print(
            f"tmnet {args.command}: error: out of memory"
            "\nhint: try a smaller n, --sample or a tighter limit",
            file=sys.stderr,
        )
        return 2
    return int(code or 0)


def os_error_message(exc: OSError) -> str:
    """`PATH: reason` for an OSError, the path cut with `tmnet.errors.excerpt`."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    path = exc.filename if exc.filename is not None else exc.filename2
    if path is None:
        return reason
    shown = os.fsdecode(path) if isinstance(path, bytes | str) else str(path)
    return f"{excerpt(shown)!r}: {reason}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
