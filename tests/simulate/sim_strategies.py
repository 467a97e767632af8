"""Random networks for the simulate tests (plain functions and hypothesis strategies)."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import strategies as st

from tmnet.simulate import Network, NetworkBuilder


def random_network(
    seed: int,
    n_inputs: int = 3,
    n_neurons: int = 8,
    max_fan_in: int = 3,
    rational: bool = False,
    big_bits: int = 0,
    n_outputs: int = 2,
) -> Network:
    """A random network; weights small ints, or rationals, or with some huge integers."""
    rng = random.Random(seed)
    b = NetworkBuilder(n_inputs, name=f"random-{seed}")
    nodes = list(range(1 + n_inputs))
    for _ in range(n_neurons):
        k = rng.randint(0, min(max_fan_in, len(nodes)))
        weights = {}
        for src in rng.sample(nodes, k):
            w: int | Fraction = rng.choice([-3, -2, -1, 1, 2, 3])
            if rational and rng.random() < 0.5:
                w = Fraction(rng.randint(-9, 9), rng.randint(1, 7))
            if big_bits and rng.random() < 0.2:
                w = rng.choice([-1, 1]) * rng.getrandbits(big_bits)
            weights[src] = w
        nodes.append(b.neuron(weights, bias=rng.randint(-2, 2)))
    neurons = nodes[1 + n_inputs :] or [0]
    for i in range(n_outputs):
        b.output(rng.choice(neurons), f"y{i + 1}")
    return b.build()


def _weight(big: bool) -> st.SearchStrategy:
    ints = st.integers(-5, 5).filter(bool)
    fracs = st.fractions(min_value=-20, max_value=20, max_denominator=50).filter(bool)
    parts = [ints, fracs]
    if big:
        parts.append(st.integers(-(2**10000), 2**10000).filter(bool))
        parts.append(
            st.builds(
                lambda p, q: Fraction(p, q),
                st.integers(-(2**300), 2**300).filter(bool),
                st.integers(1, 2**300),
            )
        )
    return st.one_of(*parts)


@st.composite
def networks(draw: st.DrawFn, big: bool = False, max_inputs: int = 4, max_neurons: int = 8):
    """A hypothesis strategy for valid networks with exact (optionally huge) weights."""
    n = draw(st.integers(0, max_inputs))
    names = draw(
        st.one_of(
            st.none(),
            st.lists(
                st.from_regex(r"[a-g][a-z0-9_]{0,3}", fullmatch=True),
                min_size=n,
                max_size=n,
                unique=True,
            ),
        )
    )
    b = NetworkBuilder(n, input_names=names, name=draw(st.sampled_from(["net", "a b", "x-1"])))
    m = draw(st.integers(0, max_neurons))
    for j in range(m):
        limit = 1 + n + j
        edges = draw(st.dictionaries(st.integers(0, limit - 1), _weight(big), max_size=4))
        b.neuron(edges)
    k = draw(st.integers(1, 3))
    for i in range(k):
        b.output(draw(st.integers(0, 1 + n + m - 1)), f"o{i}")
    return b.build()
