"""uniform.lookup.p_size_floor: a lower bound on the paper-mode lookup network's p-SIZE for
every f, checked against printed networks (random, constant and library-machine tables)."""

from __future__ import annotations

import pytest

from tmnet import simulate
from tmnet.machines import library
from tmnet.uniform.lookup import lookup_family, lookup_network, p_size_floor, split
from tmnet.uniform.truth_table import TruthTable


@pytest.mark.parametrize("n", range(1, 13))
def test_floor_holds_for_random_and_constant_tables(n: int) -> None:
    tables = [TruthTable.random(n, seed=s) for s in range(3)]
    tables += [TruthTable(n, 0), TruthTable(n, (1 << (1 << n)) - 1)]
    for table in tables:
        assert simulate.sizes(lookup_network(table, "paper")).p_size >= p_size_floor(n)


@pytest.mark.parametrize("name", ["palindrome", "parity", "equal01"])
def test_floor_holds_for_library_machines(name: str) -> None:
    fam = lookup_family(library.resolve(name), "paper")
    for n in range(1, 11):
        assert simulate.sizes(fam.network(n)).p_size >= p_size_floor(n)


def test_floor_counts_the_switch_constants() -> None:
    """The floor is the 2 * 2^h selector weights C = 2^(2^m) - 1 of Algorithm 2's switches: the
    network has that many edges of weight +-C."""
    n = 8
    h, m = split(n)
    net = lookup_network(TruthTable.random(n, seed=1), "paper")
    c = (1 << (1 << m)) - 1
    count = sum(1 for w in net.weights if abs(int(w)) == c)
    assert count >= 2 << h
    assert p_size_floor(n) == (2 << h) * ((1 << m) + 1)
