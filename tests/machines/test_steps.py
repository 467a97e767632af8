"""`tmnet steps`: worst-case step counts from the batched runner, and the suggested bound is
the smallest in the documented sense (checked by brute force over a box of coefficients)."""

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tmnet.cli import main
from tmnet.machines import library, run
from tmnet.machines.steps import tightest_bound, worst_case


def _brute(points, degree, box):
    """The least (slack, coefficients from the leading one) over every coefficient vector
    with c_d in 1..box and lower ones in 0..box that bounds the points."""
    best = None
    for cs in itertools.product(range(box + 1), repeat=degree + 1):  # (c_0..c_d)
        if cs[-1] < 1:
            continue
        vals = [sum(c * n**k for k, c in enumerate(cs)) for n, _ in points]
        if all(v >= s for v, (_, s) in zip(vals, points, strict=True)):
            cand = (sum(vals) - sum(s for _, s in points), tuple(reversed(cs)))
            if best is None or cand < best:
                best = cand
    return best


@settings(max_examples=40, deadline=None)
@given(
    degree=st.integers(1, 2),
    steps=st.lists(st.integers(0, 15), min_size=4, max_size=7),
)
def test_tightest_bound_is_the_least_by_brute_force(degree, steps):
    points = list(enumerate(steps))
    got = tightest_bound(points, degree)
    cs = got.polynomial.coefficients
    assert all(c >= 0 for c in cs) and len(cs) == degree + 1 and cs[-1] >= 1
    assert all(got.polynomial(n) >= s for n, s in points)
    assert got.slack == sum(got.polynomial(n) - s for n, s in points)
    mine = (got.slack, tuple(reversed(cs)))
    brute = _brute(points, degree, box=16)
    assert brute is not None and brute >= mine  # nothing in the box is smaller
    if max(cs) <= 16:
        assert brute == mine


def test_palindrome_worst_case_and_its_declared_bound():
    m = library.load("palindrome")
    pts = worst_case(m, 7)
    for p in pts:
        assert p.steps == (p.n + 1) * (p.n + 2) // 2  # the machine's comment
        assert run(m, p.word, max_steps=p.budget).steps == p.steps
        assert p.within_declared
    assert str(tightest_bound([(p.n, p.steps) for p in pts], 2).polynomial) == "n^2 + 2"


def test_every_library_machine_worst_case_matches_single_runs():
    for name in library.names():
        m = library.load(name)
        n_max = 5 if len(m.input_alphabet) <= 2 else 3
        for p in worst_case(m, n_max):
            words = ["".join(w) for w in itertools.product(m.input_alphabet, repeat=p.n)]
            assert p.steps == max(run(m, w, max_steps=p.budget).steps for w in words)
            assert run(m, p.word, max_steps=p.budget).steps == p.steps
            assert p.within_declared, (name, p)


BAD = """machine slowpal
input  0 1
tape   0 1 _
blank  _
start  a
accept acc
reject rej
time   n + 1
a {0,1} -> * * R
a _ -> b _ L
b {0,1} -> * * L
b _ -> acc _ S
"""


def test_cli_reports_a_violation_and_suggests(tmp_path, capsys):
    path = tmp_path / "slow.tm"
    path.write_text(BAD)
    assert main(["steps", str(path), "-n", "5"]) == 1
    out = capsys.readouterr().out
    assert "is too small: at n = 0, '' took 2 steps" in out
    assert "suggested T(n) = 2*n + 2" in out and "total slack 0 " in out
    assert main(["steps", "parity", "-n", "6", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["declared_holds"] and data["suggested"] == "n + 1"
    assert [p["steps"] for p in data["points"]] == [n + 1 for n in range(7)]
    assert main(["steps", "parity", "-n", "-1"]) == 2
