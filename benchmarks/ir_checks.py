"""`python -m tmnet.benchmarks.ir_checks [--quick]`: what the TMNET_CHECK_IR switch costs.

With the switch on, every pass and printer runs `Circuit.check()` / `Network.check()` on what
it returns (`tmnet.uniform.ircheck`, docs/architecture.md); the suite runs that way. Each
figure is time(on) / time(off) for the same call, interleaved in one process after a warm-up
(`tmnet.benchmarks.timing`), median and min-max: 1.0x means free, 2.0x doubles the time. There
is no target (the switch is off unless asked for); the figures say what it costs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from tmnet.benchmarks import timing
from tmnet.machines import library
from tmnet.uniform.circuit import simplify
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.ircheck import ENV_VAR
from tmnet.uniform.lookup import lookup_family


def _switched(fn: Callable[[], object], value: str) -> Callable[[], object]:
    """`fn` run with the switch set to `value` (restored afterwards)."""

    def run() -> object:
        old = os.environ.get(ENV_VAR)
        os.environ[ENV_VAR] = value
        try:
            return fn()
        finally:
            if old is None:
                del os.environ[ENV_VAR]
            else:
                os.environ[ENV_VAR] = old

    return run


def workloads(quick: bool) -> list[tuple[str, Callable[[], object]]]:
    n_cl = 12 if quick else 16
    n_lu = 10 if quick else 12
    compact = cook_levin(library.load("palindrome"), gadgets="compact")
    folded = cook_levin(library.load("palindrome")).circuit(n_cl)
    lookup = lookup_family(library.load("parity"))
    return [
        (f"Cook-Levin printer, palindrome n = {n_cl} compact", lambda: compact.network(n_cl)),
        (f"simplify, palindrome n = {n_cl} folded tableau", lambda: simplify(folded)),
        (f"lookup printer, parity n = {n_lu} paper", lambda: lookup.network(n_lu)),
    ]


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """Rows of the `benchmarks.perf` contract: time with the checks on / off."""
    rounds = 3 if quick else 9
    rows = []
    for label, fn in workloads(quick):
        # `interleaved(fast, base)` gives time(base) / time(fast): base = checks on
        ratios = timing.interleaved(_switched(fn, "0"), _switched(fn, "1"), rounds)
        rows.append(
            timing.measure_row(
                "TMNET_CHECK_IR on vs off (time on / time off)",
                label,
                ratios,
                "x",
                "none (cost report)",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    return timing.rows_main(
        argv,
        "python -m tmnet.benchmarks.ir_checks",
        measure,
        lambda row: f"{row['workload']}: checks on/off {timing.summary(row['ratios'])}",
        "smaller workloads, 3 rounds",
        __doc__,
    )


if __name__ == "__main__":
    raise SystemExit(main())
