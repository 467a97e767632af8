"""`tmnet compile` and `tmnet verify`, run in-process: formats, --json keys, exit codes."""

from __future__ import annotations

import dataclasses
import json

from tmnet import simulate
from tmnet.cli import main

# the keys of `tmnet stats --json` (pinned literally in test_network_cmds.py)
SIZE_KEYS = {f.name for f in dataclasses.fields(simulate.Sizes)}


def test_compile_json_keys(capsys) -> None:
    assert main(["compile", "parity", "-n", "6", "--json", "--gadgets", "compact"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert SIZE_KEYS | {"print_seconds", "circuit_gates", "circuit_gates_unsimplified"} <= set(data)
    assert data["inputs"] == 6 and data["circuit_gates"] < data["circuit_gates_unsimplified"]


def test_compile_writes_net_and_circuits(tmp_path, capsys) -> None:
    net_path = tmp_path / "p.net"
    assert main(["compile", "palindrome", "-n", "4", "-o", str(net_path)]) == 0
    net = simulate.read_network(net_path)
    assert net.n_inputs == 4
    for ext, magic in (("blif", b".model"), ("aig", b"aig "), ("aag", b"aag ")):
        path = tmp_path / f"p.{ext}"
        assert main(["compile", "palindrome", "-n", "4", "-o", str(path)]) == 0
        assert path.read_bytes().startswith(magic)
    other = tmp_path / "p.txt"
    assert main(["compile", "parity", "-n", "3", "-o", str(other), "--format", "blif"]) == 0
    assert other.read_text().startswith(".model")
    assert main(["compile", "parity", "-n", "3", "-o", str(tmp_path / "p.xyz")]) == 2
    capsys.readouterr()


def test_verify_exit_codes(capsys) -> None:
    assert main(["verify", "palindrome", "-n", "5", "--gadgets", "compact"]) == 0
    assert "ok: all agree" in capsys.readouterr().out
    assert main(["verify", "palindrome", "-n", "5", "--time", "n", "--gadgets", "compact"]) == 1
    out = capsys.readouterr().out
    assert "time-bound violation on input" in out and "word '" in out
    assert main(["verify", "parity", "-n", "30", "--sample", "20", "--seed", "2"]) == 0
    assert "20 inputs" in capsys.readouterr().out
    assert main(["verify", "parity", "-n", "4", "--json", "--gadgets", "compact"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["verify", "nosuchmachine", "-n", "3"]) == 2
    assert main(["verify", "parity", "-n", "-1"]) == 2
    assert main(["compile", "parity", "-n", "3", "--time", "2^n"]) == 2
    capsys.readouterr()


def test_verify_lookup_printer(capsys) -> None:
    assert main(["verify", "div3", "-n", "5", "--printer", "lookup"]) == 0
    assert "lookup div3 n=5" in capsys.readouterr().out
