"""Output of the benchmarks: terminal tables (tabulate), results.json and CSV files, PNG plots.

Every figure written here comes from the results passed in; nothing is computed that was not
measured in the same run (the Shannon curve 2^n/n is a formula and is labelled as one).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tabulate import tabulate

from tmnet.simulate.atomicio import atomic_write


def fmt(value: Any) -> str:
    """A cell: ints with thousands separators, floats to 3 significant digits, None as '-'."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if math.isinf(value) or math.isnan(value):
            return str(value)
        if abs(value) >= 1e6 or abs(value) < 1e-3:
            return f"{value:.3g}"
        return f"{value:.4g}"
    return str(value)


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    title: str | None = None,
    fmt_name: str = "github",
) -> str:
    """A titled table of `rows`, with (key, header) `columns`."""
    body = tabulate(
        [[fmt(r.get(k)) for k, _ in columns] for r in rows],
        headers=[h for _, h in columns],
        tablefmt=fmt_name,
        disable_numparse=True,
        stralign="right",
    )
    return f"### {title}\n\n{body}\n" if title else body + "\n"


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV text of the rows (all keys of the first row unless `columns` is given)."""
    if not rows:
        return ""
    keys = list(columns) if columns is not None else list(rows[0].keys())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: r.get(k) for k in keys})
    return buf.getvalue()


def _jsonable(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        return str(x)
    if isinstance(x, int | float | str | bool) or x is None:
        return x
    return str(x)


def write_outputs(
    out: Path, results: Mapping[str, Any], csv_tables: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[Path]:
    """results.json and one CSV per table in directory `out` (created); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "results.json"]
    atomic_write(written[0], json.dumps(_jsonable(results), indent=2) + "\n")
    for name, rows in csv_tables.items():
        if rows:
            path = out / f"{name}.csv"
            atomic_write(path, to_csv(rows))
            written.append(path)
    return written


def plot_series(
    path: Path,
    title: str,
    ylabel: str,
    series: Iterable[tuple[str, Sequence[float], Sequence[float]]],
    shannon: Sequence[int] | None = None,
    marks: Sequence[tuple[float, str]] = (),
) -> Path:
    """One PNG on a log y axis: each (label, ns, ys) series, 2^n/n over `shannon` if given, and a
    labelled vertical line at each (n, label) of `marks`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, ns, ys in series:
        pts = [(n, y) for n, y in zip(ns, ys, strict=True) if y is not None and y > 0]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
    if shannon:
        ns = sorted(set(shannon))
        ax.plot(ns, [2**n / n for n in ns], "k--", label="Shannon 2^n/n (formula)")
    for x, label in marks:
        ax.axvline(x, color="grey", linestyle=":", label=label)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    atomic_write(path, buf.getvalue())
    return path
