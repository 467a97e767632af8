"""`python -m tmnet.benchmarks.perf`: the other benchmark modules' speed comparisons in one table.

Each figure is a ratio measured in this run by the module that owns the comparison (interleaved
A, B, A, B in one process, median and min-max; see /work/shared/BENCHMARKING.md), called through
its measuring functions:

* benchmarks.interpreter_speed: the interpreter vs automata-lib's DTM;
* benchmarks.simulate_speed: exact simulator vs fractions.Fraction, batch vs numpy float64,
  resident bytes per edge (fresh process);
* benchmarks.cooklevin_print: the Cook-Levin printer's rate;
* benchmarks.lookup_speed: the lookup printer's speed;
* benchmarks.onnx_speed: onnxruntime on an exported network vs the batch simulator;
* benchmarks.runner_speed: the batched runner vs its previous engine and a plain numpy step.

A module that is missing or exposes no callable measuring function gets a row saying so; no
figure is invented for it.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def _row(
    source: str,
    comparison: str,
    workload: str,
    ratios: list[float] | None,
    unit: str,
    target: str = "",
    note: str = "",
) -> Row:
    row: Row = {
        "source": source,
        "comparison": comparison,
        "workload": workload,
        "unit": unit,
        "median": None,
        "min": None,
        "max": None,
        "target": target,
        "note": note,
    }
    if ratios:
        row.update(median=statistics.median(ratios), min=min(ratios), max=max(ratios))
    return row


def _generic_rows(module: str, quick: bool) -> list[Row]:
    """A module exposing `measure(quick=...) -> list[dict]` with the columns of `_row`."""
    mod = importlib.import_module(f"tmnet.benchmarks.{module}")
    measure = getattr(mod, "measure", None)
    if not callable(measure):
        return [_row(module, "-", "-", None, "-", note="exposes no measure(quick) function")]
    rows = []
    for r in measure(quick=quick):
        ratios = r.get("ratios")
        rows.append(
            _row(
                module,
                r.get("comparison", "?"),
                r.get("workload", ""),
                list(ratios) if ratios else None,
                r.get("unit", ""),
                r.get("target", ""),
                r.get("note", ""),
            )
        )
    return rows


SOURCES: dict[str, Callable[[bool], list[Row]]] = {
    "interpreter_speed": lambda quick: _generic_rows("interpreter_speed", quick),
    "simulate_speed": lambda quick: _generic_rows("simulate_speed", quick),
    "cooklevin_print": lambda quick: _generic_rows("cooklevin_print", quick),
    "lookup_speed": lambda quick: _generic_rows("lookup_speed", quick),
    "onnx_speed": lambda quick: _generic_rows("onnx_speed", quick),
    "runner_speed": lambda quick: _generic_rows("runner_speed", quick),
}


def measure(quick: bool = False) -> list[Row]:
    """Every comparison of every benchmark module, measured now; failures become rows."""
    rows: list[Row] = []
    for name, fn in SOURCES.items():
        try:
            rows.extend(fn(quick))
        except ModuleNotFoundError as exc:
            rows.append(_row(name, "-", "-", None, "-", note=f"not available: {exc}"))
        except Exception as exc:  # a broken module must not hide the others' figures
            rows.append(
                _row(name, "-", "-", None, "-", note=f"failed: {type(exc).__name__}: {exc}")
            )
    return rows


def render(rows: list[Row]) -> str:
    from tmnet.benchmarks.report import table

    return table(
        rows,
        [
            ("source", "module"),
            ("comparison", "comparison"),
            ("workload", "workload"),
            ("median", "median"),
            ("min", "min"),
            ("max", "max"),
            ("unit", "unit"),
            ("target", "target"),
            ("note", "note"),
        ],
        "Performance (ratios measured interleaved in this run)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmnet.benchmarks.perf", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller workloads, fewer rounds")
    args = parser.parse_args(argv)
    print(render(measure(quick=args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
