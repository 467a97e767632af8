"""The `.net` writer's block formatting equals the plain line-by-line format exactly."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from sim_strategies import networks, random_network

from tmnet.simulate import Network, NetworkBuilder, dumps, iter_lines, loads
from tmnet.simulate import fileformat as ff


def reference_lines(net: Network) -> list[str]:
    """The format of docs/network-format.md written the obvious way, one edge at a time."""
    names = ["1", *net.input_names] + [f"h{k}" for k in range(1, net.n_neurons + 1)]
    lines = [f"{ff.MAGIC} {ff.VERSION}\n"]
    if net.name.strip():
        lines.append(f"name {net.name.strip()}\n")
    lines.append(" ".join(["inputs", str(net.n_inputs), *net.input_names]) + "\n")
    lines.append(f"size {net.n_neurons} {net.n_edges}\n")
    for k in range(net.n_neurons):
        node = net.first_neuron + k
        parts = [f"{names[s]}:{ff.format_weight(w)}" for s, w in net.incoming(node)]
        lines.append(" ".join([f"h{k + 1}", *parts]) + "\n")
    lines += [f"output {o} {names[v]}\n" for o, v in net.outputs]
    lines.append(f"end {net.n_neurons} {net.n_edges}\n")
    return lines


def _check(net: Network) -> None:
    ref = reference_lines(net)
    assert list(iter_lines(net)) == ref
    assert dumps(net) == "".join(ref)
    assert loads(dumps(net)) == net


@settings(max_examples=150, deadline=None)
@given(networks())
def test_writer_matches_reference_on_random_networks(net):
    _check(net)


@settings(max_examples=80, deadline=None)
@given(networks(big=True, max_neurons=12))
def test_writer_matches_reference_with_big_and_rational_weights(net):
    _check(net)


@pytest.mark.parametrize(
    "kw",
    [
        {"n_neurons": 40},
        {"n_neurons": 40, "rational": True},
        {"n_neurons": 40, "big_bits": 100},
        {"n_neurons": 0},
    ],
)
def test_writer_matches_reference_on_seeded_networks(kw):
    for seed in range(30):
        _check(random_network(seed, n_inputs=5, **kw))


def test_int64_extremes_empty_neurons_and_long_names(monkeypatch):
    monkeypatch.setattr(ff, "_CHUNK_EDGES", 3)  # many blocks, some of one neuron
    b = NetworkBuilder(2, ["a_long.input[name]-with-many-chars", "z"])
    b.neuron({})
    b.neuron({0: 2**63 - 1, 1: -(2**62), 2: 10**18})
    b.neuron({})
    b.neuron({3: -1, 4: 999_999_999, 1: 1, 2: 10})
    for k in range(12):
        b.neuron({b.n_nodes - 1: -(10**k), 0: 10**k})
    b.neuron({})
    b.neuron({})
    b.output(5)
    net = b.build()
    assert net.fits_int64
    _check(net)
    big = b.neuron({1: -(2**63)})  # INT64_MIN: still int64, written without the fast path
    b.output(big, "m")
    net = b.build()
    assert net.fits_int64
    _check(net)


def test_each_line_is_one_item_of_iter_lines():
    net = random_network(3, n_neurons=200)
    lines = list(iter_lines(net))
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert "".join(ff.iter_chunks(net)) == "".join(lines)


def test_weights_on_both_sides_of_the_small_table():
    rng = np.random.default_rng(1)
    ws = [int(v) for v in rng.integers(-600, 600, size=500) if v] + [255, 256, -256, -257]
    b = NetworkBuilder(1)
    for w in ws:
        b.neuron({0: w, 1: Fraction(w, 1)})
    b.output(2)
    _check(b.build())
