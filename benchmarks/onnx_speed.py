"""onnxruntime on an exported network vs tmnet's batch simulator on the same network.

The comparison: inputs per second of `simulate.simulate_batch(net, X, mode="batch")` (the
exact simulator's machine-integer path, the baseline) against onnxruntime running the model of
`simulate.onnx_export` (one thread, the session built once outside the timing), on the same
input rows, interleaved A, B, A, B in one process after a warm-up of each; the ratio is
time(batch) / time(onnxruntime): above 1, onnxruntime is faster. Both results are compared
for equality on every round (an inexact export would be a bug, not a speed-up). Informative:
the issue sets no target.

    python -m tmnet.benchmarks.onnx_speed [--quick]
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from tmnet.benchmarks import timing

WORKLOADS = (  # (label, machine, n, printer, gadgets)
    ("Cook-Levin palindrome n=12 compact", "palindrome", 12, "cook-levin", "compact"),
    ("Cook-Levin parity n=12 paper", "parity", 12, "cook-levin", "paper"),
    ("lookup parity n=8 paper", "parity", 8, "lookup", "paper"),
)


def _network(machine: str, n: int, printer: str, gadgets: str):
    from tmnet.machines import library

    m = library.load(machine)
    if printer == "lookup":
        from tmnet.uniform.lookup import lookup_family

        return lookup_family(m, gadgets=gadgets, on_timeout="reject").network(n)
    from tmnet.uniform.cook_levin import cook_levin

    return cook_levin(m, gadgets=gadgets).network(n)


def compare(label: str, net, rows: int, rounds: int, dtype: str) -> dict[str, Any]:
    """Interleaved ratios for one network on `rows` input rows (cycled over all inputs)."""
    import onnxruntime as ort

    from tmnet import simulate
    from tmnet.simulate.onnx_export import to_onnx

    model, layout = to_onnx(net, dtype)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    every = simulate.all_inputs(net.n_inputs)
    x = every[np.arange(rows) % len(every)]
    x_ort = x.astype(np.float64 if layout.dtype == "float64" else np.int64)

    def ours() -> np.ndarray:
        return np.asarray(simulate.simulate_batch(net, x, mode="batch"))

    def theirs() -> np.ndarray:
        return sess.run(["y"], {"x": x_ort})[0]

    if not (ours().astype(np.int64) == theirs().astype(np.int64)).all():
        raise AssertionError(f"{label}: onnxruntime and the exact simulator disagree")
    ratios = timing.interleaved(theirs, ours, rounds)
    t_ort, _ = timing.timed(theirs)
    t_ours, _ = timing.timed(ours)
    return {
        "label": label,
        "ratios": ratios,
        "rows": rows,
        "neurons": net.n_neurons,
        "layers": len(layout.layers),
        "dtype": layout.dtype,
        "ort_rate": rows / t_ort,
        "batch_rate": rows / t_ours,
    }


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """One `timing.measure_row` per workload (onnxruntime vs simulate --mode batch)."""
    rows = 1024 if quick else 4096
    rounds = 3 if quick else 7
    out = []
    for label, machine, n, printer, gadgets in WORKLOADS:
        r = compare(label, _network(machine, n, printer, gadgets), rows, rounds, "auto")
        out.append(
            timing.measure_row(
                "onnxruntime vs simulate --mode batch",
                f"{label}, {r['neurons']:,} neurons, {r['layers']} layers, {rows} inputs",
                r["ratios"],
                "x inputs/s",
                "",
                f"{r['dtype']}: onnxruntime {r['ort_rate']:,.0f} inputs/s, "
                f"batch {r['batch_rate']:,.0f} inputs/s",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    return timing.rows_main(
        argv,
        "python -m tmnet.benchmarks.onnx_speed",
        measure,
        lambda row: f"{row['workload']}: {timing.summary(row['ratios'])}  ({row['note']})",
        "fewer inputs and rounds",
    )


if __name__ == "__main__":
    sys.exit(main())
