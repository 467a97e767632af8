"""benchmarks.cooklevin_print's 10^8-edge run, on a small n: every stage reported, the batch
agrees with the interpreter and holds both answers, and the A/B rows are well formed."""

from __future__ import annotations

from tmnet.benchmarks import cooklevin_print as clp
from tmnet.machines import library


def test_huge_child_small_n_reports_every_stage() -> None:
    r = clp.huge_child("palindrome", 9, "paper", 16)
    for key in ("tableau_seconds", "network_seconds", "write_seconds", "simulate_seconds"):
        assert r[key] > 0
    assert r["edges"] > 0 and r["file_bytes"] > 0 and r["print_peak_bytes"] >= 0
    assert r["agree"] == r["batch"] == 16
    assert 0 < r["accepted"] < 16  # mirrored words are palindromes, samples mostly are not
    text = clp.render_huge(r)
    assert "M edges/s" in text and "B/edge" in text and "16/16" in text


def test_batch_inputs_mix_samples_and_palindromes() -> None:
    machine = library.resolve("palindrome")
    rows = clp.batch_inputs(machine, 10, 8, seed=1)
    assert rows.shape[0] == 8
    tail = rows[4:]
    assert rows.shape[1] == 10 and all(list(r) == list(r[::-1]) for r in tail)


def test_ab_rows_shape() -> None:
    rows = clp.ab_rows(n=6, rounds=1)
    assert [len(r["ratios"]) for r in rows] == [1, 1]
    assert all(r["ratios"][0] > 0 for r in rows)
