"""benchmarks.small_weights: rows carry agreement and sizes; the fit and the table read them."""

from __future__ import annotations

import itertools

from tmnet.benchmarks import small_weights as sw


def test_rows_fit_and_render(tmp_path) -> None:
    picked = list(itertools.islice(sw.cases(quick=True), 4))  # comparison k = 2, 4
    rows = [sw.measure(c, route) for c in picked for route in c.routes]
    assert rows and all(r["agree"] for r in rows)
    assert all(r["out_depth"] <= r["depth_bound"] for r in rows)
    fits = sw.fit_rows(rows)
    assert {(f["family"], f["route"]) for f in fits} >= {("comparison-relu", "arithmetic")}
    text = sw.render(rows)
    assert "Lowering precision" in text and "p-SIZE^d" in text
    png = sw.plot(rows, tmp_path / "sw.png")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_families_are_what_they_say() -> None:
    net = sw.comparison_network(5)
    assert net.n_inputs == 10 and max(abs(w) for w in net.exact_weights()) == 16
    rnd = sw.random_network(1, depth=3, n_inputs=9, weight_bits=64, rational=True)
    from tmnet.simulate import sizes

    assert sizes(rnd).depth == 3 and not rnd.integer_weights
