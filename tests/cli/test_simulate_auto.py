"""`tmnet simulate --mode auto` (the default): many inputs take the batch path where
bound_analysis proves it exact, the output says which path ran, and `--mode` forces one."""

from __future__ import annotations

import json

import pytest

from tmnet import simulate
from tmnet.cli import main
from tmnet.cli.commands.network_cmds import HANDFUL, auto_mode


def _net(tmp_path, big: bool):
    b = simulate.NetworkBuilder(4, name="big" if big else "small")
    h = b.neuron({1: 1, 2: 1, 3: -1}, bias=-1)
    b.output(b.neuron({h: 2**70 if big else 3, 4: 1}), "y")
    path = tmp_path / f"{'big' if big else 'small'}.net"
    simulate.write_network(b.build(), path)
    return path


def _records(capsys, argv):
    assert main(argv) == 0
    cap = capsys.readouterr()
    return [json.loads(x) for x in cap.out.splitlines()], cap.err


@pytest.mark.parametrize("big", [False, True])
def test_auto_picks_the_proved_path_and_says_so(tmp_path, capsys, big):
    path = _net(tmp_path, big)
    auto, err = _records(capsys, ["simulate", str(path), "--all", "--json"])
    exact, _ = _records(capsys, ["simulate", str(path), "--all", "--json", "--mode", "exact"])
    assert [r["outputs"] for r in auto] == [r["outputs"] for r in exact]
    want = "exact" if big else "batch"
    assert {r["path"] for r in auto} == {want}
    assert f"path {want}" in err and "--mode forces one" in err
    assert {r["path"] for r in exact} == {"exact"}


def test_a_handful_of_inputs_stays_exact(tmp_path, capsys):
    path = _net(tmp_path, False)
    words = ["0000", "1100", "1111"]
    recs, err = _records(capsys, ["simulate", str(path), *words, "--json"])
    assert [r["path"] for r in recs] == ["exact"] * 3 and "path" not in err
    net = simulate.read_network(path)
    assert auto_mode(net, HANDFUL)[0] == "exact"
    assert auto_mode(net, HANDFUL + 1)[0] == "batch"
