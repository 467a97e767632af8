"""`python -m tmnet.benchmarks` = `tmnet bench` (the parser is `contrast.add_bench_arguments`,
shared with the command line, which imports the benchmarks and never the other way round)."""

from __future__ import annotations

import argparse
import sys

from tmnet.benchmarks.contrast import add_bench_arguments, bench_main, options_from_args
from tmnet.errors import UsageError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmnet.benchmarks", description=__doc__)
    add_bench_arguments(parser)
    args = parser.parse_args(argv)
    try:
        opts = options_from_args(args)
    except UsageError as exc:
        parser.error(exc.message)
    if args.small_weights:
        from tmnet.benchmarks.small_weights import bench_main as small_weights_main

        return small_weights_main(opts.quick, opts.out, opts.plots)
    if opts.constructions:
        from tmnet.benchmarks import constructions

        return constructions.bench_main(opts)
    return bench_main(opts)


if __name__ == "__main__":
    sys.exit(main())
