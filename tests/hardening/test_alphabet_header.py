"""Printed networks record the machine's input alphabet (the `.net` `alphabet` line, issue 16),
the reader keeps it, and `tmnet simulate` takes words over it."""

from __future__ import annotations

import pytest

from tmnet import machines, simulate
from tmnet.cli import main
from tmnet.machines import encoding, library
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.lookup import lookup_family


@pytest.mark.parametrize("printer", ["cook-levin", "lookup"])
def test_printers_record_the_alphabet_and_the_reader_keeps_it(printer):
    m = library.load("balanced")
    fam = cook_levin(m, None, "compact") if printer == "cook-levin" else lookup_family(m)
    net = fam.print(4).network
    assert net.input_alphabet == ("(", ")")
    text = simulate.dumps(net)
    assert "\nalphabet ( )\n" in text
    back = simulate.loads(text)
    assert back.input_alphabet == ("(", ")") and simulate.dumps(back) == text


def test_simulate_takes_words_over_the_recorded_alphabet(tmp_path, capsys):
    path = tmp_path / "bal.net"
    assert main(["compile", "balanced", "-n", "4", "-o", str(path)]) == 0
    capsys.readouterr()
    m = library.load("balanced")
    words = ["(())", "())(", "()()", "))(("]
    assert main(["simulate", str(path), *words, "0101"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for word, line in zip(words, lines, strict=False):
        bits = "".join(map(str, encoding.encode_word(m, word)))
        accepted = machines.run(m, word).outcome is machines.Outcome.ACCEPT
        assert line == f"{bits}  accept={int(accepted)}", (word, line)
    assert lines[-1].startswith("0101  accept=")


@pytest.mark.parametrize(
    "line, needle",
    [
        ("alphabet ab c", "one printable character"),
        ("alphabet a a", "twice"),
        ("alphabet", "at least one"),
    ],
)
def test_bad_alphabet_lines(line, needle):
    text = f"tmnet-network 1\n{line}\ninputs 1\nh1 x1:1\noutput y h1\nend 1 1\n"
    with pytest.raises(simulate.NetworkError, match=needle):
        simulate.loads(text)


def test_unary_alphabet_encodes_one_bit_per_symbol():
    """docs/language.md: a unary alphabet takes 1 bit (not 0); code 1 names no symbol."""
    assert encoding.alphabet_bits(("a",)) == 1
    assert encoding.encode_over(("a",), "aa") == (0, 0)
