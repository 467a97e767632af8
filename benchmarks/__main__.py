"""`python -m tmnet.benchmarks` = `tmnet bench`."""

from __future__ import annotations

import argparse
import sys

from tmnet.benchmarks.contrast import bench_main


def main(argv: list[str] | None = None) -> int:
    from tmnet.cli.commands.bench_cmds import add_bench_arguments

    parser = argparse.ArgumentParser(prog="python -m tmnet.benchmarks", description=__doc__)
    add_bench_arguments(parser)
    args = parser.parse_args(argv)
    if args.plots and not args.out:
        parser.error("--plots needs --out DIR")
    if args.scale:
        from tmnet.benchmarks.scale import scale_main

        return scale_main(args)
    return bench_main(args)


if __name__ == "__main__":
    sys.exit(main())
