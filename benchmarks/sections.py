"""Which benchmark a `tmnet bench` / `python -m tmnet.benchmarks` invocation runs: one dispatch
for both entry points (the contrast sweep by default; `--scale`, `--constructions` and
`--small-weights` select a section of its own)."""

from __future__ import annotations

from typing import Any

from tmnet.benchmarks.contrast import bench_main, options_from_args


def run_bench(args: Any) -> int:
    """Run the benchmark the parsed options of `contrast.add_bench_arguments` ask for; its exit
    code (1 when a printed network disagreed with its reference)."""
    opts = options_from_args(args)
    if args.small_weights:
        from tmnet.benchmarks.small_weights import bench_main as small_weights_main

        return small_weights_main(opts.quick, opts.out, opts.plots)
    if args.scale:
        from tmnet.benchmarks.scale import scale_main

        return scale_main(args)
    if opts.constructions:
        from tmnet.benchmarks import constructions

        return constructions.bench_main(opts)
    return bench_main(opts)
