"""`tmnet demo`: its steps, each with the theorem it illustrates, and honest verdicts."""

from __future__ import annotations

import re

from tmnet.cli import main


def test_demo_structure(capsys) -> None:
    code = main(["demo", "--no-bench"])  # the bench tables are tested in test_contrast
    out = capsys.readouterr().out
    assert code == 0, out
    steps = re.findall(r"^== (\d)\. ", out, re.M)
    assert steps == ["1", "2", "3", "4", "5", "6"]
    claims = re.findall(r"^   \[(.+)\]$", out, re.M)
    assert len(claims) == 6
    assert "Theorem 6.1" in claims[2] and "Theorem 4.1" in claims[3]
    assert "Theorem 5.1" in claims[5]
    assert "agrees with the interpreter on 16/16 inputs" in out
    m = re.search(r"float64 wrong on (\d+)/64 inputs; exact simulator wrong on 0/64", out)
    assert m and int(m.group(1)) > 0  # the foil fails, the exact simulator does not
    assert "accept after" in out
