"""`tmnet small-weights`: the command lowers a file, writes it, reports JSON, and exits 2 on
bad input (non-boolean inputs declared, a file failing its checks, a bound over the limits)."""

from __future__ import annotations

import json

from tmnet.benchmarks.small_weights import comparison_network
from tmnet.cli import main
from tmnet.simulate import all_inputs, read_network, simulate_batch, write_network


def test_lowers_and_writes(tmp_path, capsys) -> None:
    src, out = tmp_path / "gt.net", tmp_path / "small.net"
    net = comparison_network(3, boolean=True)
    write_network(net, src)
    assert main(["small-weights", str(src), "-o", str(out), "--route", "shallow", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["route"] == "shallow" and report["depth"] <= report["depth_bound"] == 10
    assert report["max_weight"] <= report["weight_bound"]
    low = read_network(out)
    x = all_inputs(6)
    assert (simulate_batch(low, x) == simulate_batch(net, x)).all()


def test_text_report(tmp_path, capsys) -> None:
    src = tmp_path / "d.net"
    write_network(comparison_network(2), src)
    assert main(["small-weights", str(src)]) == 0
    text = capsys.readouterr().out
    assert "arithmetic:" in text and "diff[0], diff[1]" in text and "max |w| 1" in text


def test_bad_input_exits_2(tmp_path, capsys) -> None:
    src = tmp_path / "d.net"
    write_network(comparison_network(4), src)
    assert main(["small-weights", str(src), "--inputs", "real"]) == 2
    assert "boolean inputs only" in capsys.readouterr().err
    assert main(["small-weights", str(src), "--max-value-bits", "3"]) == 2
    assert "--max-value-bits" in capsys.readouterr().err
    assert main(["small-weights", str(src), "--boolean", "nope"]) == 2
    assert "not an output" in capsys.readouterr().err
    broken = tmp_path / "broken.net"
    broken.write_text(src.read_text().replace("end 1", "end 7"))
    assert main(["small-weights", str(broken)]) == 2
    assert "broken.net" in capsys.readouterr().err
