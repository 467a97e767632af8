"""`tmnet simulate`, `tmnet stats`, `tmnet export`, run in-process."""

from __future__ import annotations

import json
from fractions import Fraction

import networkx as nx
import pytest

from tmnet import simulate
from tmnet.cli import main
from tmnet.simulate import SIM_MODES


@pytest.fixture
def net_file(tmp_path):
    b = simulate.NetworkBuilder(2, name="demo")
    h = b.neuron({1: 1, 2: 1}, bias=-1)
    b.output(h, "and")
    b.output(b.neuron({1: Fraction(1, 3), h: 2**70}), "big")
    path = tmp_path / "demo.net"
    simulate.write_network(b.build(), path)
    return path


def test_simulate_words(net_file, capsys):
    assert main(["simulate", str(net_file), "11", "10"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"11  and=1 big={3 * 2**70 + 1}/3", "10  and=0 big=1/3"]


@pytest.mark.parametrize("mode", [m.name for m in SIM_MODES.entries() if m.exact])
def test_simulate_all_json_modes_agree(net_file, capsys, mode):
    assert main(["simulate", str(net_file), "--all", "--json", "--mode", mode]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["input"] for r in lines] == ["00", "10", "01", "11"]
    assert lines[3]["outputs"] == {"and": "1", "big": f"{3 * 2**70 + 1}/3"}
    assert lines[0]["outputs"] == {"and": "0", "big": "0"}


def test_simulate_sample_and_lemmas(net_file, capsys):
    assert (
        main(
            ["simulate", str(net_file), "--sample", "3", "--seed", "1", "--json", "--check-lemmas"]
        )
        == 0
    )
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3
    assert all(r["lemmas"]["lemma_6_2"] and r["lemmas"]["lemma_6_3"] for r in lines)


@pytest.mark.parametrize(
    "args, message",
    [
        (["012"], "character other than 0/1"),
        (["1"], "has 1 bits but the network has 2 inputs"),
        (["--all", "--max-all", "1"], "--max-all"),
        ([], "exactly one"),
    ],
)
def test_simulate_bad_words_exit_2(net_file, capsys, args, message):
    assert main(["simulate", str(net_file), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_file_exit_2_with_line(tmp_path, capsys):
    bad = tmp_path / "bad.net"
    bad.write_text("tmnet-network 1\ninputs 1\nh1 x1:1/0\n")
    assert main(["stats", str(bad)]) == 2
    assert f"{bad}:3: error: zero denominator" in capsys.readouterr().err
    assert main(["simulate", str(tmp_path / "missing.net"), "1"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_limit_option_named(net_file, capsys):
    assert main(["stats", str(net_file), "--max-neurons", "1"]) == 2
    assert "--max-neurons" in capsys.readouterr().err


def test_stats_json_keys(net_file, capsys):
    assert main(["stats", str(net_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "inputs",
        "neurons",
        "edges",
        "depth",
        "max_fan_in",
        "max_weight_bits",
        "p_size",
        "description_bits",
    ]
    assert data["neurons"] == 2 and data["edges"] == 5 and data["depth"] == 2
    assert data["max_weight_bits"] == 71
    # p-SIZE: -1,1,1 -> 2 each; 1/3 -> 1+2; 2^70 -> 71+1
    assert data["p_size"] == 6 + 3 + 72
    assert data["description_bits"] == 8 * net_file.stat().st_size
    assert main(["stats", str(net_file)]) == 0
    assert "p_size" in capsys.readouterr().out


def test_export_graphml_reads_back(net_file, tmp_path, capsys):
    out = tmp_path / "demo.graphml"
    assert main(["export", str(net_file), "-o", str(out)]) == 0
    g = nx.read_graphml(out)
    net = simulate.read_network(net_file)
    ref = simulate.to_networkx(net)
    assert set(g.nodes) == set(ref.nodes)
    assert {(u, v): d["w"] for u, v, d in g.edges(data=True)} == {
        (u, v): d["w"] for u, v, d in ref.edges(data=True)
    }
    assert Fraction(g.edges["h1", "h2"]["w"]) == 2**70
    assert g.nodes["h1"]["outputs"] == "and"


def test_export_dot_by_extension_and_stdout(net_file, tmp_path, capsys):
    out = tmp_path / "demo.gv"
    assert main(["export", str(net_file), "-o", str(out)]) == 0
    text = out.read_text()
    assert text.startswith('digraph "demo"') and '"x1" -> "h2" [label="1/3"]' in text
    assert main(["export", str(net_file), "--format", "dot"]) == 0
    assert capsys.readouterr().out == text
    assert main(["export", str(net_file), "-o", str(tmp_path / "x.xyz")]) == 2
    assert "--format" in capsys.readouterr().err
