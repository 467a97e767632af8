"""Timing helpers shared by every benchmark module (see /work/shared/BENCHMARKING.md).

Targets are ratios against a baseline measured in the same process, interleaved A, B, A, B, after
a warm-up call of each; figures are quoted as the median with the min-max range.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def interleaved(fast: Callable[[], object], base: Callable[[], object], rounds: int) -> list[float]:
    """Ratios time(base) / time(fast), one per round of A, B, after one warm-up call of each.

    A ratio above 1 means `fast` is faster than the baseline by that factor.
    """
    fast()
    base()
    ratios = []
    for _ in range(rounds):
        ta, _ = timed(fast)
        tb, _ = timed(base)
        ratios.append(tb / ta)
    return ratios


def summary(values: list[float], unit: str = "x") -> str:
    """'median 12.3x (min 10.1, max 14.0)'."""
    med = statistics.median(values)
    return f"median {med:,.1f}{unit} (min {min(values):,.1f}, max {max(values):,.1f})"


def verdict(values: list[float], target: float, higher_is_better: bool = True) -> str:
    """MEETS / MISSES for the median against a target."""
    med = statistics.median(values)
    ok = med >= target if higher_is_better else med <= target
    return "MEETS" if ok else "MISSES"


def measure_row(
    comparison: str,
    workload: str,
    ratios: list[float],
    unit: str,
    target: str,
    note: str = "",
) -> dict[str, Any]:
    """One row of the `measure(quick)` contract that `benchmarks.perf` collects."""
    return {
        "comparison": comparison,
        "workload": workload,
        "ratios": list(ratios),
        "unit": unit,
        "target": target,
        "note": note,
    }


def rows_main(
    argv: list[str] | None,
    prog: str,
    measure: Callable[[bool], list[dict[str, Any]]],
    line: Callable[[dict[str, Any]], str],
    quick_help: str,
    description: str | None = None,
) -> int:
    """`python -m <prog> [--quick]` for a module of the `measure(quick)` contract: one
    printed line per row, exit code 0."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    args = parser.parse_args(argv)
    for row in measure(args.quick):
        print(line(row))
    return 0
