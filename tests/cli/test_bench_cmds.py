"""`tmnet count` and `tmnet bench` through the command line."""

from __future__ import annotations

import json

from tmnet.cli import main


def test_count_text(capsys) -> None:
    assert main(["count", "-n", "10", "--sweep-max", "30", "--scan-limit", "60"]) == 0
    out = capsys.readouterr().out
    assert "t = floor(2^n/n) = 102" in out
    assert "L0p <= L0" in out and "L7 <= L8" in out
    assert "t^(t-2) is dropped" in out
    assert "L1: 9" in out and "L7: 28" in out


def test_count_json(capsys) -> None:
    assert main(["count", "-n", "8", "--json", "--sweep-max", "10", "--scan-limit", "60"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chain"]["t"] == 32
    l0 = next(x for x in data["chain"]["lines"] if x["name"] == "L0")
    assert l0["verdict"] == "fails" and int(l0["exact"]) > 2**256
    assert data["sweep"]["smallest_n"]["L1"] == 9


def test_count_rejects_small_n(capsys) -> None:
    assert main(["count", "-n", "1"]) == 2
    assert "at least 2" in capsys.readouterr().err


def test_bench_tiny_writes_outputs(tmp_path, capsys) -> None:
    code = main(
        [
            "bench",
            "--quick",
            "--machines",
            "parity",
            "--n-max",
            "3",
            "--no-abc",
            "--out",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "parity: lookup" in out and "bench took" in out
    data = json.loads((tmp_path / "results.json").read_text())
    assert {r["n"] for r in data["rows"]} == {2, 3}
    assert (tmp_path / "random.csv").exists()


def test_bench_plots_need_out(capsys) -> None:
    assert main(["bench", "--plots"]) == 2
    assert "--out" in capsys.readouterr().err


def test_count_scan_limit_can_lower_the_limit(capsys) -> None:
    """--scan-limit below the default applies to the chain too (it used to be raised to the
    default): at n = 10, t = 102 > 50, so L2 (an m-scan) is not evaluated; the default does."""
    assert main(["count", "-n", "10", "--json", "--sweep-max", "10", "--scan-limit", "50"]) == 0
    low = json.loads(capsys.readouterr().out)
    l2 = next(x for x in low["chain"]["lines"] if x["name"] == "L2")
    assert l2["evaluated"] is False and "scan limit 50" in l2["reason"]
    assert main(["count", "-n", "10", "--json", "--sweep-max", "10"]) == 0
    default = json.loads(capsys.readouterr().out)
    l2 = next(x for x in default["chain"]["lines"] if x["name"] == "L2")
    assert l2["evaluated"] is True


def test_count_rejects_negative_scan_limit(capsys) -> None:
    assert main(["count", "-n", "8", "--scan-limit", "-1"]) == 2
    assert "--scan-limit" in capsys.readouterr().err
