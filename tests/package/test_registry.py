"""tmnet.registry: modes by name or value, unknown names a clear error; the two registries
(gadget modes, simulator modes) iterate their names, as argparse choices and test parameters."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import pytest

from tmnet.errors import TmnetError
from tmnet.registry import Registry, UnknownNameError
from tmnet.simulate import SIM_MODES
from tmnet.uniform import gadgets
from tmnet.uniform.errors import UniformError


@dataclass(frozen=True)
class _Mode:
    name: str


A, B = _Mode("a"), _Mode("b")


def test_lookup_by_name_and_value() -> None:
    r = Registry("test mode", (A, B))
    assert list(r) == ["a", "b"] and r.names == ("a", "b") and len(r) == 2
    assert r.get("a") is A and r.get(B) is B and r["b"] is B and r[0] == "a"
    assert r.entries() == (A, B)
    assert "a" in r and A in r and "c" not in r and _Mode("a") not in r  # values by identity
    with pytest.raises(UnknownNameError, match="unknown test mode 'c'") as info:
        r.get("c")
    assert isinstance(info.value, TmnetError) and isinstance(info.value, ValueError)
    assert info.value.hint == "use one of: a, b"
    with pytest.raises(UnknownNameError):
        r.get(_Mode("a"))  # an unregistered value with a registered name
    with pytest.raises(ValueError, match="share a name"):
        Registry("test mode", (A, _Mode("a")))


def test_registries_serve_as_argparse_choices() -> None:
    for reg in (gadgets.GADGET_MODES, SIM_MODES):
        p = argparse.ArgumentParser()
        p.add_argument("--mode", choices=reg)
        for name in reg:
            assert p.parse_args(["--mode", name]).mode == name
        with pytest.raises(SystemExit):
            p.parse_args(["--mode", "nonsense"])


def test_gadget_modes() -> None:
    assert list(gadgets.GADGET_MODES) == ["paper", "compact"]
    assert gadgets.gadget_mode("paper") is gadgets.PAPER
    assert gadgets.PAPER.gate_neurons == (10, 4, 1) and gadgets.COMPACT.max_gate_neurons == 1
    with pytest.raises(UniformError, match="unknown gadget mode 'tiny'"):
        gadgets.gadget_mode("tiny")
    third = gadgets.Gadgets("third", "a mode no printer implements", (1, 1, 1))
    with pytest.raises(UniformError, match="unknown gadget mode 'third'"):
        gadgets.require(third, (gadgets.PAPER,), "a printer")  # unregistered: unknown
    with pytest.raises(UniformError, match="a printer has no construction for gadget mode"):
        gadgets.require(gadgets.COMPACT, (gadgets.PAPER,), "a printer")


def test_a_third_registered_mode_is_an_error_in_every_printer(monkeypatch) -> None:
    """Registering a mode without writing its constructions makes every printer refuse it by
    name (the old string compares sent it into an else branch)."""
    from tmnet.machines import library
    from tmnet.uniform import lookup, to_network
    from tmnet.uniform.cook_levin import cook_levin
    from tmnet.uniform.truth_table import TruthTable

    third = gadgets.Gadgets("third", "a mode no printer implements", (1, 1, 1))
    reg = Registry("gadget mode", (gadgets.PAPER, gadgets.COMPACT, third))
    monkeypatch.setattr(gadgets, "GADGET_MODES", reg)
    m = library.load("parity")
    circuit = cook_levin(m).circuit(3)
    calls = {
        "to_network": lambda: to_network.to_network(circuit, "third"),
        "the Cook-Levin printer": lambda: cook_levin(m, gadgets="third"),
        "the lookup printer": lambda: lookup.lookup_network(TruthTable.random(3, seed=1), "third"),
        "gadgets.and_gate": lambda: gadgets.and_gate(None, [1, 2], third),  # type: ignore[arg-type]
    }
    for who, call in calls.items():
        with pytest.raises(UniformError, match=f"{who} has no construction for gadget mode"):
            call()
