"""Network, NetworkBuilder and Network.check (Definition 2.1)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tmnet.simulate import InvalidNetworkError, Network, NetworkBuilder
from tmnet.simulate.network import _input_names_ok, valid_input_name


def test_builder_merges_and_drops_zero_weights():
    b = NetworkBuilder(2)
    h = b.neuron([(1, 2), (2, 1), (1, -2), (2, Fraction(1, 2))], bias=0)
    b.output(h)
    net = b.build()
    assert net.incoming(h) == [(2, Fraction(3, 2))]
    assert net.n_edges == 1 and net.first_neuron == 3 and net.outputs == (("y1", 3),)
    net.check()


def test_big_weights_switch_storage_exactly():
    b = NetworkBuilder(1)
    h = b.neuron({1: 2**70 + 1, 0: -5})
    b.output(h, "big")
    net = b.build()
    assert not net.fits_int64 and net.exact_weights() == [-5, 2**70 + 1]
    small = NetworkBuilder(1)
    small.output(small.neuron({1: 2**62}), "big")
    assert small.build().fits_int64


def test_equality_is_structural():
    def make(w):
        b = NetworkBuilder(1)
        b.output(b.neuron({1: w}), "o")
        return b.build()

    assert make(3) == make(3)
    assert make(3) != make(Fraction(3, 2))
    assert make(3) != "net"


def _raw(**changes):
    base = dict(
        n_inputs=1,
        input_names=("x1",),
        indptr=np.array([0, 1], dtype=np.int64),
        sources=np.array([1], dtype=np.int32),
        weights=np.array([2], dtype=np.int64),
        outputs=(("o", 2),),
    )
    base.update(changes)
    return Network(**base)


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(sources=np.array([2], dtype=np.int32)), "itself"),
        (dict(sources=np.array([5], dtype=np.int32)), "not an earlier node"),
        (dict(weights=np.array([0], dtype=np.int64)), "weight 0"),
        (dict(weights=(Fraction(2, 1),)), "integral"),
        (dict(outputs=()), "no outputs"),
        (dict(outputs=(("o", 9),)), "does not exist"),
        (dict(outputs=(("o", 2), ("o", 1))), "duplicate output"),
        (dict(input_names=("h1",)), "invalid input name"),
        (dict(indptr=np.array([0, 2], dtype=np.int64)), "edges"),
        (
            dict(
                indptr=np.array([0, 2], dtype=np.int64),
                sources=np.array([1, 1], dtype=np.int32),
                weights=np.array([1, 1], dtype=np.int64),
            ),
            "same source twice",
        ),
    ],
)
def test_check_rejects_broken_invariants(changes, message):
    with pytest.raises(InvalidNetworkError, match=message):
        _raw(**changes).check()


def test_builder_rejects_forward_reference():
    b = NetworkBuilder(1)
    with pytest.raises(InvalidNetworkError, match="not an earlier node"):
        b.neuron({2: 1})
    with pytest.raises(TypeError):
        b.neuron({1: 0.5})


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\[\]-]{0,3}", fullmatch=True),
            st.from_regex(r"h[0-9]{1,3}", fullmatch=True),
            st.text(alphabet="ah1_.\n -", max_size=4),
        ),
        max_size=6,
    )
)
@example(["a\nb"])  # two valid names joined by a newline is one invalid name
@example(["x", "h12"])
@example(["x", "y", "x"])
@example(["a", ""])
def test_joined_name_check_agrees_with_the_name_by_name_rule(names):
    expected = all(valid_input_name(nm) for nm in names) and len(set(names)) == len(names)
    assert _input_names_ok(tuple(names)) == expected
