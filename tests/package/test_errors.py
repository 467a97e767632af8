"""One error root: every package's base error is a `tmnet.TmnetError`, rendered once."""

from __future__ import annotations

import pytest

from tmnet.errors import Location, TmnetError, UsageError, excerpt
from tmnet.machines.errors import MachineError, SourceLocation
from tmnet.simulate.errors import FormatError, NetworkError
from tmnet.uniform.errors import UniformError


@pytest.mark.parametrize("cls", [MachineError, NetworkError, UniformError, UsageError])
def test_package_bases_share_the_root(cls):
    assert issubclass(cls, TmnetError)


def test_render_with_file_line_column_and_caret():
    err = MachineError("bad symbol", SourceLocation("m.tm", 3, 7, "input 0 1 ##"), hint="use x")
    assert err.render() == (
        "m.tm:3:7: error: bad symbol\n    input 0 1 ##\n          ^\nhint: use x"
    )


def test_network_error_keeps_file_and_line():
    err = FormatError("bad weight", file="a.net", line=12, hint="write p/q")
    assert (err.file, err.line) == ("a.net", 12)
    assert err.location == Location("a.net", 12)
    assert err.render() == "a.net:12: error: bad weight\nhint: write p/q"
    assert NetworkError("no file").render() == "error: no file"


def test_uniform_error_renders_hint():
    assert UniformError("n < 0", hint="give n >= 0").render() == "error: n < 0\nhint: give n >= 0"


def test_long_line_text_is_cut():
    err = TmnetError("x", Location("f", 1, 5, "a" * 10_000))
    assert len(err.render()) < 400
    assert excerpt("b" * 1000, 10).startswith("bbbbbbbbbb... (990 more")


def test_cli_catches_the_root(capsys):
    from tmnet.cli import main

    assert main(["check", "/nonexistent/x.tm"]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err
