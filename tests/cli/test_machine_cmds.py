"""`tmnet check` and `tmnet run`, in process: output, JSON, exit codes and error rendering."""

import json

import pytest

from tmnet.cli import main
from tmnet.machines import library

GOOD = library.path("parity").read_text()


def run_cli(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_a_summary(capsys):
    code, out, err = run_cli(capsys, "check", "parity")
    assert code == 0 and not err
    assert "machine parity" in out and "T(n) = n + 1" in out
    assert "transitions  6" in out and "input        0 1" in out


def test_check_accepts_a_file_path(tmp_path, capsys):
    f = tmp_path / "mine.tm"
    f.write_text(GOOD)
    code, out, _ = run_cli(capsys, "check", str(f))
    assert code == 0 and str(f) in out


def test_run_outcomes_and_trace(capsys):
    code, out, _ = run_cli(capsys, "run", "parity", "1011")
    assert code == 0 and out.startswith("accept after 5 steps")
    code, out, _ = run_cli(capsys, "run", "parity.tm", "11", "--trace")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["0", "even:", "[1]1"]
    assert any(line.startswith("reject after 3 steps") for line in lines)
    code, out, _ = run_cli(capsys, "run", "palindrome", "0110", "--max-steps", "3")
    assert code == 0 and out.startswith("timeout after 3 steps")


def test_run_json_and_the_empty_word(capsys):
    code, out, _ = run_cli(capsys, "run", "anbn", "", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["outcome"], data["steps"], data["state"], data["tape"]) == (
        "accept",
        1,
        "acc",
        "_",
    )
    code, out, _ = run_cli(capsys, "run", "balanced", "(()", "--json")
    assert json.loads(out)["outcome"] == "reject"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("even 1 -> odd  1 R", "even 1 -> od  1 R", ":13:11: error: undefined state 'od'"),
        ("even 1 -> odd  1 R", "even 1 odd  1 R", ":13:8: error: unexpected 'odd'"),
        ("time   n + 1", "time   2^n", ":10:10: error: the exponent must be"),
        ("blank  _\n", "", ":1:1: error: missing header line `blank`"),
        ("odd  _ -> acc  _ S", "acc  _ -> odd  _ S", "error: transition out of the accept"),
    ],
)
def test_bad_files_exit_2_with_location_and_caret(tmp_path, capsys, old, new, expected):
    assert old in GOOD
    f = tmp_path / "bad.tm"
    f.write_text(GOOD.replace(old, new))
    for argv in (["check", str(f)], ["run", str(f), "1"]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 2 and not out
        assert expected in err, err
        assert "Traceback" not in err
        if ":1:1:" not in expected:
            assert "^" in err.splitlines()[2]


def test_bad_word_missing_file_and_bad_option_exit_2(tmp_path, capsys):
    code, _, err = run_cli(capsys, "run", "parity", "10a")
    assert code == 2 and "'a'" in err and "input alphabet" in err
    code, _, err = run_cli(capsys, "run", str(tmp_path / "nope.tm"), "1")
    assert code == 2 and "no such file or library machine" in err and "parity" in err
    code, _, err = run_cli(capsys, "run", "parity", "1", "--max-steps", "-1")
    assert code == 2 and "--max-steps" in err
    empty = tmp_path / "empty.tm"
    empty.write_text("# nothing\n")
    code, _, err = run_cli(capsys, "check", str(empty))
    assert code == 2 and "empty.tm:1:1: error: empty machine file" in err
