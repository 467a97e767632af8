"""The contrast sweep on tiny n: rows, agreement, crossovers, fits, output files."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tmnet.benchmarks import abc_synth, contrast, report

TINY = contrast.Config.quick(
    machines=("parity",),
    n_min=2,
    n_max=5,
    random_n_min=3,
    random_n_max=5,
    sample=16,
    exact_inputs=1,
    counting_n_max=10,
    counting_scan_limit=60,
)


@pytest.fixture(scope="module")
def results() -> contrast.Results:
    return contrast.run(TINY, progress=False)


def test_rows_measure_every_printer_and_agree(results: contrast.Results) -> None:
    lookup = [r for r in results.rows if r["printer"] == "lookup"]
    assert [r["n"] for r in lookup] == [2, 3, 4, 5]
    for r in results.rows:
        assert r["agree"] == r["inputs_checked"] == min(16, 2 ** r["n"])
        assert r["neurons"] > 0 and r["p_size"] >= r["edges"]
        assert r["shannon"] == 2 ** r["n"] / r["n"]
    assert all(r["truth_table_seconds"] is not None for r in lookup)


def test_random_rows_and_abc(results: contrast.Results) -> None:
    rows = results.random_rows
    assert [r["n"] for r in rows] == [3, 4, 5]
    for r in rows:
        assert r["compact_neurons"] < r["paper_neurons"]
        n = r["n"]
        assert r["agree"] == f"{min(16, 2**n)}/{min(16, 2**n)}"
        if abc_synth.find_abc():
            assert r["abc_and_nodes"] is not None and r["abc_and_nodes"] >= 0
        else:
            assert r["abc_skipped"]


def test_counting_in_the_report(results: contrast.Results) -> None:
    assert results.counting_smallest["L1"] == 9
    assert [r["n"] for r in results.counting] == list(range(2, 11))


def test_crossovers_and_fits_on_synthetic_rows() -> None:
    rows = []
    for n in range(2, 10):
        rows.append(
            {
                "machine": "m",
                "printer": "cook-levin",
                "n": n,
                "neurons": 50 * n * n,
                "edges": 100 * n * n,
                "p_size": 300 * n * n,
                "max_weight_bits": 2,
                "print_seconds": 0.001 * n**2,
            }
        )
        rows.append(
            {
                "machine": "m",
                "printer": "lookup",
                "n": n,
                "neurons": 30 * 2 ** (n / 2),
                "edges": 60 * 2 ** (n / 2),
                "p_size": 10 * 2**n,
                "max_weight_bits": 2 ** (n / 2),
                "print_seconds": 0.0001 * 2**n,
                "float_wrong": 0,
                "inputs_checked": 4,
            }
        )
    sbs = contrast.side_by_side(rows)
    (x,) = contrast.crossovers(sbs)
    # lookup fewer neurons: 30*2^(n/2) < 50 n^2 for every n in 2..9
    assert x["lookup_fewer_neurons_from_n"] == 2
    # lookup larger p-SIZE: 10*2^n > 300 n^2 first at n = 15 -> none within 2..9
    assert x["lookup_larger_p_size_from_n"] is None
    fits = {(f["printer"], f["column"]): f for f in contrast.fits(rows)}
    assert fits[("cook-levin", "neurons")]["degree"] == pytest.approx(2.0)
    assert fits[("cook-levin", "neurons")]["better"] == "polynomial"
    assert fits[("lookup", "p_size")]["base"] == pytest.approx(2.0)
    assert fits[("lookup", "p_size")]["better"] == "exponential"


def test_first_from_requires_staying() -> None:
    assert contrast._first_from([(1, False), (2, True), (3, False), (4, True), (5, True)]) == 4
    assert contrast._first_from([(1, True), (2, True)]) == 1
    assert contrast._first_from([(1, True), (2, False)]) is None


def test_render_and_files(results: contrast.Results, tmp_path) -> None:
    text = contrast.render(results)
    assert "parity: lookup (Theorem 4.1" in text
    assert "Random functions" in text and "Theorem 5.1" in text
    written = report.write_outputs(tmp_path, results.as_dict(), contrast.csv_tables(results))
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["config"]["n_max"] == 5 and len(data["rows"]) == len(results.rows)
    assert (tmp_path / "printers.csv").read_text().startswith("machine,printer,n,")
    assert all(p.exists() for p in written)


def test_plots(results: contrast.Results, tmp_path) -> None:
    pytest.importorskip("matplotlib")
    paths = contrast.plots(results, tmp_path)
    assert {p.name for p in paths} == {"neurons.png", "p_size.png", "print_seconds.png"}
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in paths)


def test_abc_hex_and_parse() -> None:
    assert abc_synth.truth_hex(0x6996, 4) == "6996"
    assert abc_synth.truth_hex(1, 3) == "01"
    with pytest.raises(ValueError):
        abc_synth.truth_hex(1 << 16, 4)
    out = "\x1b[1;37mex   :\x1b[0m i/o =    4/    1  lat =    0  and =     15  lev =  4\n"
    assert abc_synth.parse_stats(out) == [(4, 1, 15, 4)]
    missing = abc_synth.synthesize(0x6996, 4, binary=None) if not abc_synth.find_abc() else None
    if missing is not None:
        assert missing.skipped


def test_abc_on_xor() -> None:
    if not abc_synth.find_abc():
        pytest.skip("berkeley-abc not installed")
    res = abc_synth.synthesize(0x6996, 4)  # x1 xor x2 xor x3 xor x4
    assert res.skipped is None and res.strash_and_nodes >= res.and_nodes >= 9
    assert res.and_nodes <= 12  # 3 XORs of 3 ANDs each
    const = abc_synth.synthesize(0, 3)
    assert const.and_nodes == 0


def test_config_from_args() -> None:
    import argparse

    ns = argparse.Namespace(
        quick=True, machines="parity, anbn", n_max=6, gadgets="compact", no_abc=True
    )
    cfg = contrast.config_from_args(ns)
    assert cfg.machines == ("parity", "anbn") and cfg.n_max == 6 and not cfg.abc
    assert cfg.gadgets == "compact" and cfg.random_n_max == contrast.Config.quick().random_n_max
    assert replace(cfg, n_max=7).n_max == 7


def test_python_m_benchmarks_builds_its_own_parser(capsys) -> None:
    """`python -m tmnet.benchmarks` parses with `contrast.add_bench_arguments` (no import of
    tmnet.cli) and reports a usage mistake through argparse (exit 2)."""
    from tmnet.benchmarks.__main__ import main

    with pytest.raises(SystemExit) as info:
        main(["--plots"])
    assert info.value.code == 2
    assert "--plots needs --out DIR" in capsys.readouterr().err


def test_options_from_args() -> None:
    import argparse

    p = argparse.ArgumentParser()
    contrast.add_bench_arguments(p)
    opts = contrast.options_from_args(p.parse_args(["--quick", "--perf", "--gadgets", "compact"]))
    assert opts.perf and opts.quick and opts.out is None and not opts.plots
    assert opts.config.gadgets == "compact" and opts.config == replace(
        contrast.Config.quick(), gadgets="compact"
    )
    from tmnet.errors import UsageError

    with pytest.raises(UsageError, match="at least 2"):
        contrast.options_from_args(p.parse_args(["--n-max", "1"]))


def test_disagreement_status_names_each_disagreeing_row(capsys) -> None:
    from tmnet.benchmarks.contrast import disagreement_status

    good = {"machine": "parity", "printer": "lookup", "n": 3, "agree": 8, "inputs_checked": 8}
    bad = {**good, "printer": "cook-levin", "n": 4, "agree": 15, "inputs_checked": 16}
    assert disagreement_status([good]) == 0
    assert capsys.readouterr().out == ""
    assert disagreement_status([good, bad]) == 1
    assert capsys.readouterr().out == (
        "DISAGREEMENT: parity/cook-levin n=4: 15/16 inputs agree with the interpreter\n"
    )
