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
    assert "== Summary" in out and "Crossover" not in out
    assert "Theorem 6.1" in claims[2] and "Theorem 4.1" in claims[3]
    assert "Theorem 5.1" in claims[5]
    assert "agrees with the interpreter on 16/16 inputs" in out
    m = re.search(r"float64 wrong on (\d+)/64 inputs; exact simulator wrong on 0/64", out)
    assert m and int(m.group(1)) > 0  # the foil fails, the exact simulator does not
    assert "accept after" in out


def test_demo_ends_with_the_crossover_and_a_summary(capsys) -> None:
    """Step 7: palindrome's p-SIZE crossover from printed, checked rows on both sides, n = 28
    from the formulas (said so), then the summary pointing to bench, report and the tutorial."""
    code = main(["demo"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.findall(r"^== (\d)\. ", out, re.M)[-1] == "7"
    step7 = out[out.index("== 7.") :]
    rows = {
        int(m.group(1)): [int(x.replace(",", "")) for x in m.group(2, 3, 4, 5)]
        for m in re.finditer(
            r"^\s+(\d+) \|\s+([\d,]+) \|\s+([\d,]+) \|\s+([\d,]+) \|\s+(?:>= )?([\d,]+)$",
            step7,
            re.M,
        )
    }
    (below, above, far) = sorted(rows)
    assert above == below + 1 and far == 28
    assert rows[below][3] <= rows[below][2] and rows[above][3] > rows[above][2]
    assert rows[far][3] > rows[far][2]  # the lower bound already exceeds Cook-Levin at n = 28
    assert "computed from exact size formulas, not printed" in step7
    assert f"first exceeds Cook-Levin's at n = {above}" in out
    summary = out[out.index("== Summary") :]
    for pointer in ("tmnet bench", "tmnet report", "docs/tutorial.md"):
        assert pointer in summary
    assert len(summary.splitlines()) <= 24  # one screen
