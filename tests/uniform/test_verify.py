"""uniform.verify over the Family protocol: agreement, time-bound violations, samples, and a
disagreement caught from a deliberately wrong family."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tmnet.machines import library
from tmnet.simulate.network import NetworkBuilder
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Printed
from tmnet.uniform.verify import verify


def test_all_agree_exhaustive() -> None:
    m = library.load("palindrome")
    r = verify(cook_levin(m, gadgets="compact"), m, 6)
    assert r.ok and r.exhaustive and r.checked == r.agree == 64
    assert r.network_sizes["neurons"] > 0 and r.time_bound == 38


def test_time_bound_violations_are_named() -> None:
    m = library.load("palindrome")
    r = verify(cook_levin(m, "n", gadgets="compact"), m, 5)
    assert not r.ok and not r.disagreements  # the network rejects where the machine times out
    assert r.violations and all(v.machine == 2 and v.network == 0 for v in r.violations)
    assert all(v.word is not None and len(v.word) == 5 for v in r.violations)


def test_sample_is_seeded() -> None:
    m = library.load("parity")
    fam = cook_levin(m, gadgets="compact")
    a = verify(fam, m, 24, sample=40, seed=1)
    b = verify(fam, m, 24, sample=40, seed=1)
    assert a.ok and not a.exhaustive and a.checked == 40
    assert a.as_dict()["agree"] == b.as_dict()["agree"] == 40


@dataclass(frozen=True)
class _AlwaysAccept:
    """A wrong family: accepts everything."""

    name: str = "always"

    def network(self, n):
        return self.print(n).network

    def print(self, n):
        b = NetworkBuilder(n)
        b.output(b.neuron({}, bias=1), "accept")
        return Printed(n, b.build(), 0.0)

    def encode(self, word):
        return tuple(int(c) for c in word)


def test_disagreement_names_the_input() -> None:
    m = library.load("parity")
    r = verify(_AlwaysAccept(), m, 3)
    assert not r.ok
    assert r.agree == 4 and r.disagreements[0].index == 0 and r.disagreements[0].word == "000"


def test_lookup_family_through_the_same_verify() -> None:
    lookup = pytest.importorskip("tmnet.uniform.lookup")
    m = library.load("div3")
    r = verify(lookup.lookup_family(m, gadgets="compact", on_timeout="reject"), m, 6)
    assert r.ok and r.checked == 64


def test_bad_n() -> None:
    m = library.load("parity")
    with pytest.raises(UniformError):
        verify(cook_levin(m), m, -1)
