"""The .net format: exact round trip, streaming, and every bad-input case of issue 3."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from sim_strategies import networks, random_network

from tmnet.simulate import (
    FormatError,
    LimitError,
    Limits,
    NetworkBuilder,
    dumps,
    format_value,
    iter_lines,
    loads,
    read_network,
    sizes,
    write_network,
)

GOOD = """\
# an AND gate and a fraction
tmnet-network 1
name demo
inputs 2 a b

h1 1:-1 a:1 b:1
h2 a:1/3 b:-0x10 0:5
output and h1
output frac h2
output bit a
end 2 5
"""


def test_reads_a_hand_written_file():
    net = loads(GOOD, "demo.net")
    assert net.name == "demo" and net.input_names == ("a", "b")
    assert net.incoming(3) == [(0, -1), (1, 1), (2, 1)]
    assert net.incoming(4) == [(1, Fraction(1, 3)), (2, -16)]  # constant 0 contributes nothing
    assert net.outputs == (("and", 3), ("frac", 4), ("bit", 1))


def test_default_input_names_and_no_size_line():
    net = loads("tmnet-network 1\ninputs 2\nh1 x1:1 x2:2\noutput y h1\nend 1 2\n")
    assert net.input_names == ("x1", "x2")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(big=True))
def test_round_trip_is_exact(net):
    text = dumps(net)
    back = loads(text)
    assert back == net
    assert dumps(back) == text
    assert "".join(iter_lines(net)) == text
    assert sizes(net).description_bits == 8 * len(text.encode())


def test_huge_weights_round_trip_through_a_file(tmp_path):
    b = NetworkBuilder(1)
    w = 3**20000  # ~31700 bits: beyond CPython's 4300-digit int() cap in decimal
    h = b.neuron({1: w, 0: -Fraction(2**5000 + 1, 3**3000)})
    b.output(h, "y")
    net = b.build()
    path = tmp_path / "big.net"
    write_network(net, path)
    assert read_network(path) == net
    assert not list(tmp_path.glob(".*.tmp"))
    # decimal of any length is accepted too
    text = f"tmnet-network 1\ninputs 1\nh1 x1:{format_value(w)}\noutput y h1\nend 1 1\n"
    assert loads(text).exact_weights() == [w]


def _with(body: str, head: str = "tmnet-network 1\ninputs 2 a b\n") -> str:
    return head + body


BAD = [
    ("", 0, "empty file"),
    ("tmnet-network 2\n", 1, "unsupported version"),
    ("hello\n", 1, "not a tmnet network"),
    (_with("h1 a:1\nh1 b:1\n"), 4, "duplicate or out-of-order neuron h1"),
    (_with("h1 a:1\nbogus line\n"), 4, "bad line"),
    (_with("h1 a1\n"), 3, "bad edge"),
    (_with("h1 c:1\n"), 3, "unknown source 'c'"),
    (_with("h1 h2:1\n"), 3, "forward reference"),
    (_with("h1 h1:1\n"), 3, "self reference"),
    (_with("h1 a:1/0\n"), 3, "zero denominator"),
    (_with("h1 a:2/4\n"), 3, "lowest terms; write 1/2"),
    (_with("h1 a:1.5\n"), 3, "bad number"),
    (_with("h1 a:+1\n"), 3, "bad number"),
    (_with("h1 a:0\n"), 3, "zero weight"),
    (_with("h1 a:1 a:2\n"), 3, "twice"),
    (_with("h1 a:__import__('os')\n"), 3, "bad number"),
    ("tmnet-network 1\ninputs 2 a a\n", 2, "duplicate input name"),
    ("tmnet-network 1\ninputs 2 a h1\n", 2, "invalid input name"),
    ("tmnet-network 1\ninputs 2 a\n", 2, "1 input names for 2 inputs"),
    (_with("h1 a:1\noutput y h1\noutput y a\n"), 5, "duplicate output name"),
    (_with("h1 a:1\noutput y h7\n"), 4, "unknown node"),
    (_with("h1 a:1\nend 1 1\n"), 4, "missing output"),
    (_with("h1 a:1\noutput y h1\n"), 4, "truncated file"),
    (_with("h1 a:1\noutput y h1\nend 1 1\nh2\n"), 6, "after the 'end'"),
    (_with("h1 a:1\noutput y h1\nend 1 5\n"), 5, "counts do not match"),
    (_with("h1 a:1\noutput y h1\nh2 a:1\n"), 5, "neuron after the outputs"),
]


@pytest.mark.parametrize("text, line, message", BAD)
def test_bad_files_name_file_and_line(text, line, message):
    with pytest.raises(FormatError) as info:
        loads(text, "bad.net")
    err = info.value
    assert message in err.message
    assert err.file == "bad.net"
    assert err.line == line
    assert err.render().startswith(f"bad.net:{line}: error:")


def test_truncated_real_file(tmp_path):
    text = dumps(random_network(3, n_neurons=20))
    for cut in (len(text) // 3, len(text) // 2, len(text) - 3):
        with pytest.raises(FormatError):
            loads(text[:cut])


@pytest.mark.parametrize(
    "text, limits, option",
    [
        (_with("size 10 10\n"), Limits(max_neurons=5), "--max-neurons"),
        (_with("size 1 10\n"), Limits(max_edges=5), "--max-edges"),
        (_with("h1 a:1\nh2 a:1\nh3 a:1\n"), Limits(max_neurons=2), "--max-neurons"),
        (_with("h1 a:1 b:1\nh2 a:1 b:1\n"), Limits(max_edges=3), "--max-edges"),
        (_with("h1 a:123456\n"), Limits(max_digits=5), "--max-digits"),
        (_with("h1 a:1/0xabcdef\n"), Limits(max_digits=5), "--max-digits"),
        ("tmnet-network 1\ninputs 9\n", Limits(max_inputs=8), "--max-inputs"),
    ],
)
def test_limits_reject_early_naming_the_option(text, limits, option):
    with pytest.raises(LimitError) as info:
        loads(text, "big.net", limits=limits)
    assert option in info.value.render()
    assert info.value.line is not None


def test_read_missing_and_non_utf8(tmp_path):
    with pytest.raises(FormatError, match="cannot read"):
        read_network(tmp_path / "nope.net")
    p = tmp_path / "bin.net"
    p.write_bytes(b"tmnet-network 1\n\xff\xfe\n")
    with pytest.raises(FormatError, match="UTF-8"):
        read_network(p)


def test_writer_refuses_invalid_network(tmp_path):
    b = NetworkBuilder(1)
    b.neuron({1: 1})
    with pytest.raises(Exception, match="no outputs"):
        write_network(b.build(), tmp_path / "x.net")
    assert not (tmp_path / "x.net").exists()
