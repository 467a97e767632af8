"""`tmnet bench --scale` (benchmarks/scale.py) on a small sweep: rows checked against the
interpreter, crossovers backed by rows on both sides, computed rows only where printing would
pass the edge limit and bounded by formulas tested against printed networks, plots written."""

from __future__ import annotations

import json
import re

import pytest

from tmnet.benchmarks import scale
from tmnet.cli import main
from tmnet.machines import library
from tmnet.uniform.cook_levin import cook_levin


@pytest.fixture(scope="module")
def quick() -> scale.ScaleResults:
    return scale.run(scale.ScaleConfig.quick(n_max=9, check_seconds=1e9), progress=False)


def test_every_printed_row_agrees_with_the_interpreter(quick) -> None:
    printed = [r for r in quick.rows if r["source"] == scale.PRINTED]
    assert {(r["machine"], r["printer"]) for r in printed} == {
        (m, p) for m in ("palindrome", "parity") for p in scale.PRINTERS
    }
    for r in printed:
        assert r["agree"] == r["inputs_checked"] > 0, r
        if r["n"] <= quick.config.exhaustive_max_n:
            assert r["check"] == "all" and r["inputs_checked"] == 1 << r["n"]
        else:
            assert r["inputs_asked"] == quick.config.sample


def test_crossovers_are_backed_by_rows_on_both_sides(quick) -> None:
    sbs = {(r["machine"], r["n"]): r for r in quick.side_by_side}
    flags = {
        "lookup_fewer_neurons_from_n": lambda r: r["lk_neurons"] < r["cl_neurons"],
        "lookup_larger_p_size_from_n": lambda r: r["lk_p_size"] > r["cl_p_size"],
        "lookup_slower_print_from_n": lambda r: r["lk_print_s"] > r["cl_print_s"],
    }
    claimed = 0
    for row in quick.crossovers:
        ns = sorted(n for m, n in sbs if m == row["machine"])
        for key, holds in flags.items():
            value = row[key]
            if value is None:
                assert not holds(sbs[(row["machine"], ns[-1])])
                continue
            if isinstance(value, str):  # holds from the first n measured: no row below
                assert value == f"{ns[0]} (first n measured)"
                start = ns[0]
            else:
                start = value
                assert not holds(sbs[(row["machine"], start - 1)])  # the row below
            assert all(holds(sbs[(row["machine"], n)]) for n in ns if n >= start)
            claimed += 1
    assert claimed  # palindrome's lookup network has fewer neurons from n = 2 on


def test_computed_rows_only_past_the_edge_limit_and_bounded_by_printed() -> None:
    cfg = scale.ScaleConfig.quick(machines=("palindrome",), n_max=9, print_edge_limit=20_000)
    res = scale.run(cfg, progress=False)
    cl = sorted((r for r in res.rows if r["printer"] == "cook-levin"), key=lambda r: r["n"])
    sources = [r["source"] for r in cl]
    first = sources.index(scale.COMPUTED)
    assert set(sources[first:]) == {scale.COMPUTED}  # never printed again after a computed row
    assert cl[first - 1]["edges"] > 20_000 >= cl[first - 2]["edges"]
    fam = cook_levin(library.resolve("palindrome"))
    for r in cl[first:]:
        net = fam.network(r["n"])  # the formulas against the printed network, at every such n
        assert net.n_edges > 20_000  # printing it would indeed have passed the limit
        assert r["neurons"] >= net.n_neurons
        assert r["circuit_gates_bound"] >= fam.circuit(r["n"]).sizes().gates
    assert not any(r["n"] >= cl[first]["n"] and r["cl_neurons"] for r in res.side_by_side)
    assert any("computed, not printed" in note for note in res.notes)


@pytest.mark.parametrize("name", ["palindrome", "equal01", "majority", "parity"])
def test_printed_edges_never_decrease_with_n(name: str) -> None:
    """What the computed rows rely on: past the limit at n, past it at every larger n."""
    fam = cook_levin(library.resolve(name))
    edges = [fam.network(n).n_edges for n in range(1, 13)]
    assert edges == sorted(edges)


def test_cli_writes_results_csvs_and_one_plot_per_machine(tmp_path, capsys) -> None:
    pytest.importorskip("matplotlib")
    code = main(["bench", "--scale", "--quick", "--n-max", "7", "--out", str(tmp_path), "--plots"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"Crossovers", out) and "from n = 28 on" in out
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["theorem51_n"] == 28 and data["rows"]
    for name in ("scale_rows", "scale_side_by_side", "scale_crossovers", "scale_fits"):
        assert (tmp_path / f"{name}.csv").stat().st_size > 0
    for machine in ("palindrome", "parity"):
        png = (tmp_path / f"scale_{machine}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
