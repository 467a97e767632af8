"""`tmnet lookup`, run in-process: machine, --truth-table and --random sources, -o, --json, and
bad input exiting with 2."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tmnet import simulate
from tmnet.cli import main
from tmnet.uniform.lookup import predicted_neurons
from tmnet.uniform.truth_table import TruthTable

# the keys of `tmnet stats --json` (pinned literally in test_network_cmds.py)
SIZE_KEYS = {f.name for f in dataclasses.fields(simulate.Sizes)}


def test_machine_json_has_the_stats_keys_and_timings(capsys):
    assert main(["lookup", "parity", "-n", "6", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    timings = {"print_seconds", "truth_table_seconds", "network_seconds", "peak_memory_mib"}
    check = {"simulated_input", "simulated_output", "table_entry", "interpreter"}
    assert set(data) == SIZE_KEYS | timings | check | {"simulate_agrees", "simulate_seconds"}
    assert data["neurons"] == predicted_neurons(6, "paper")
    assert data["inputs"] == 6
    assert 0 <= data["truth_table_seconds"] <= data["print_seconds"]


def test_truth_table_written_file_computes_f(tmp_path, capsys):
    out = tmp_path / "maj.net"
    assert (
        main(["lookup", "--truth-table", "e8", "-n", "3", "--gadgets", "compact", "-o", str(out)])
        == 0
    )
    text = capsys.readouterr().out
    assert "neurons" in text and str(out) in text
    net = simulate.read_network(out)
    assert net.n_neurons == predicted_neurons(3, "compact")
    got = [int(v) for v in simulate.simulate_batch(net, simulate.all_inputs(3))[:, 0]]
    assert got == [0, 0, 0, 1, 0, 1, 1, 1]  # majority of three, x1 least significant


def test_random_matches_the_table(tmp_path, capsys):
    out = tmp_path / "r.net"
    assert main(["lookup", "--random", "5", "-n", "5", "-o", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["inputs"] == 5
    net = simulate.read_network(out)
    got = [int(v) for v in simulate.simulate_batch(net, simulate.all_inputs(5))[:, 0]]
    assert got == TruthTable.random(5, 5).to_array().tolist()


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup", "--truth-table", "e8e", "-n", "3"],  # wrong length
        ["lookup", "--truth-table", "xyz", "-n", "4"],  # not hex
        ["lookup", "--truth-table", "4", "-n", "1"],  # bits above the table
        ["lookup", "parity", "--random", "1", "-n", "3"],  # two sources
        ["lookup", "-n", "3"],  # no source
        ["lookup", "no-such-machine", "-n", "3"],
        ["lookup", "--random", "1", "-n", "-1"],
    ],
)
def test_bad_input_exits_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_lookup_times_each_stage_and_simulates_one_input(tmp_path, capsys):
    out = tmp_path / "pal.net"
    argv = ["lookup", "palindrome", "-n", "8", "-o", str(out), "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("truth_table_seconds", "network_seconds", "write_seconds", "simulate_seconds"):
        assert data[key] >= 0
    assert data["print_seconds"] == pytest.approx(
        data["truth_table_seconds"] + data["network_seconds"]
    )
    assert data["simulate_agrees"] is True and data["peak_memory_mib"] > 0
    word = data["simulated_input"]
    assert data["interpreter"] == ("accept" if word == word[::-1] else "reject")
    assert data["simulated_output"] == data["table_entry"] == int(word == word[::-1])
    # the same input again, given explicitly; and a palindrome
    assert main(["lookup", "palindrome", "-n", "8", "--check-input", "01100110", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["simulated_output"] == 1 and data["interpreter"] == "accept"
    assert main(["lookup", "palindrome", "-n", "8", "--no-check", "--json"]) == 0
    assert "simulated_input" not in json.loads(capsys.readouterr().out)


def test_lookup_check_input_must_fit(capsys):
    assert main(["lookup", "parity", "-n", "4", "--check-input", "012"]) == 2
    assert "--check-input needs 4 bits" in capsys.readouterr().err


def test_a_machine_moving_right_forever_is_a_limit_error_not_a_traceback(tmp_path, capsys):
    # issue 16: `time 100000000` once took 48 s and 10.5 GB, then a ValueError traceback
    tm = tmp_path / "right.tm"
    tm.write_text(
        "input 0 1\ntape 0 1 _\nblank _\nstart r\naccept acc\nreject rej\n"
        "time 100000000\nr {0,1,_} -> r * R\n"
    )
    assert main(["lookup", str(tm), "-n", "3"]) == 2
    err = capsys.readouterr().err
    assert "tape window of 200,000,003 cells" in err and "max_tape" in err
