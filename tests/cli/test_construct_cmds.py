"""`tmnet construct NAME`, `tmnet lupanov`, `tmnet twolayer`, `tmnet verify --printer NAME`
and `tmnet bench --constructions`, run in-process."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from tmnet import simulate
from tmnet.cli import main
from tmnet.uniform import constructions as cons
from tmnet.uniform.truth_table import TruthTable

LOOKUP_KEYS = {f.name for f in dataclasses.fields(simulate.Sizes)} | {
    "print_seconds",
    "truth_table_seconds",
    "network_seconds",
    "peak_memory_mib",
    # the input `tmnet lookup` simulates exactly after printing (issue 11)
    "simulated_input",
    "simulated_output",
    "table_entry",
    "simulate_agrees",
    "simulate_seconds",
}


def _json(capsys, argv) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(cons.CONSTRUCTIONS))
def test_construct_has_lookups_json_keys_and_the_exact_size(capsys, name):
    data = _json(capsys, ["construct", name, "--random", "3", "-n", "7", "--json"])
    assert set(data) == LOOKUP_KEYS
    table = TruthTable.random(7, 3)
    assert data["neurons"] == cons.construction(name).neurons(table, "paper", None)


@pytest.mark.parametrize("name", ["lupanov", "twolayer"])
def test_shortcuts_are_construct(capsys, name, tmp_path):
    out = tmp_path / f"{name}.net"
    argv = ["--truth-table", "e8", "-n", "3", "--gadgets", "compact", "-o", str(out)]
    assert main([name, *argv]) == 0
    short = capsys.readouterr().out
    assert main(["construct", name, *argv]) == 0
    masked = [re.sub(r"\d+\.\d+", "<t>", text) for text in (short, capsys.readouterr().out)]
    assert masked[0] == masked[1] and str(out) in short  # the same but for the timings
    got = [
        int(v)
        for v in simulate.simulate_batch(simulate.read_network(out), simulate.all_inputs(3))[:, 0]
    ]
    assert got == [0, 0, 0, 1, 0, 1, 1, 1]  # majority of three


def test_construct_from_a_machine(capsys):
    data = _json(capsys, ["lupanov", "parity", "-n", "6", "--gadgets", "compact", "--json"])
    assert data["inputs"] == 6 and data["max_fan_in"] <= 3


def test_chains_option(capsys):
    data = _json(
        capsys,
        [
            "construct",
            "lookup-parallel",
            "--random",
            "1",
            "-n",
            "8",
            "--chains",
            "4",
            "--gadgets",
            "compact",
            "--json",
        ],
    )
    from tmnet.uniform import lookup_parallel as lp

    assert data["depth"] == lp.predicted_depth(8, 4, "compact")
    assert main(["construct", "lookup-parallel", "--random", "1", "-n", "8", "--chains", "3"]) == 2
    assert "not allowed" in capsys.readouterr().err
    assert main(["lupanov", "--random", "1", "-n", "8", "--chains", "2"]) == 2
    assert "applies to lookup-parallel" in capsys.readouterr().err


def test_construct_needs_exactly_one_source(capsys):
    assert main(["twolayer", "-n", "4"]) == 2
    assert "exactly one" in capsys.readouterr().err


@pytest.mark.parametrize("printer", cons.PRINTERS)
def test_verify_takes_every_printer(capsys, printer):
    assert main(["verify", "div3", "-n", "5", "--printer", printer, "--gadgets", "compact"]) == 0
    assert "ok: all agree" in capsys.readouterr().out


def test_verify_time_override_is_cook_levin_only(capsys):
    assert main(["verify", "parity", "-n", "4", "--printer", "lupanov", "--time", "n"]) == 2
    assert "cook-levin printer only" in capsys.readouterr().err


def test_bench_constructions_quick(tmp_path, capsys):
    code = main(["bench", "--constructions", "--quick", "--out", str(tmp_path), "--plots"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Constructions: random functions" in out and "Depth-neuron trade-off" in out
    data = json.loads((tmp_path / "results.json").read_text())
    rows = data["rows"]
    labels = {r["construction"].split(" r=")[0] for r in rows}
    assert {"lookup (paper)", "lupanov (compact)", "two-layer", "cook-levin (compact)"} <= labels
    assert all(r["agree"] == r["checked"] for r in rows if "agree" in r)
    assert all(t["predicted"] for t in data["tradeoff"])
    assert (tmp_path / "constructions.png").stat().st_size > 1000
    assert (tmp_path / "constructions.csv").exists() and (tmp_path / "tradeoff.csv").exists()
