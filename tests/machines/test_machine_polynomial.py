"""`machines.parse_polynomial`: the `time` header's polynomial on its own."""

from __future__ import annotations

import pytest

from tmnet import machines
from tmnet.machines.errors import MachineError, MachineSyntaxError, NotPolynomialError


@pytest.mark.parametrize(
    ("text", "coefficients"),
    [
        ("n^2 + 3*n + 1", (1, 3, 1)),
        ("7", (7,)),
        ("(n + 1)^2", (1, 2, 1)),
        ("n ** 3 - n", (0, -1, 0, 1)),
        ("2*n # a comment", (0, 2)),
        ("-1 + n", (-1, 1)),
    ],
)
def test_parses_like_the_time_header(text, coefficients):
    poly = machines.parse_polynomial(text)
    assert poly.coefficients == coefficients
    header = "input 0\ntape 0 _\nblank _\nstart s\naccept a\nreject r\ns 0 -> a 0 R\n"
    assert machines.parse(f"{header}time {text}\n").time == poly


@pytest.mark.parametrize(
    ("text", "error", "column", "match"),
    [
        ("2^n", NotPolynomialError, 3, "exponent"),
        ("m + 1", NotPolynomialError, 1, "unknown variable 'm'"),
        ("1.5*n", NotPolynomialError, 1, "integer coefficients"),
        ("(n+1)/2", NotPolynomialError, 1, "division"),
        ("-n^2", NotPolynomialError, 1, "negative for large n"),
        ("log(n)", NotPolynomialError, 1, "not a polynomial"),
        ("n +", MachineSyntaxError, 4, "end of line"),
        ("3 )", MachineSyntaxError, 3, r"unexpected '\)'"),
        ("", MachineSyntaxError, 1, "end of line"),
        ("n\n1", MachineSyntaxError, 2, "one line"),
    ],
)
def test_errors_are_located_in_the_text(text, error, column, match):
    with pytest.raises(error, match=match) as info:
        machines.parse_polynomial(text, filename="<bound>")
    loc = info.value.location
    assert (loc.file, loc.line, loc.column) == ("<bound>", 1, column)
    assert loc.line_text == text.splitlines()[0] if text else loc.line_text == ""
    assert isinstance(info.value, MachineError)
    assert "<bound>:1:" in info.value.render()


def test_exported():
    assert "parse_polynomial" in machines.__all__
