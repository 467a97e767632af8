"""The ReLU gadgets of Section 3, built into a `NetworkBuilder`.

Values are passed around as *linear forms*: mappings node -> weight, with `ONE` (node 0) for the
constant term. A form costs no neuron; every ReLU costs one. Gadgets that return a 0/1 value
return the node that holds it; gadgets whose result is a sum of ReLUs return a form, so that the
caller can fold the sum into the next neuron's weights.

The gadget modes are registered here, once (`GADGET_MODES`, a `tmnet.registry.Registry` of
`Gadgets` values): `PAPER` reproduces Lemma 3.1, Fact 3.2 and Lemma 3.3 exactly as written;
`COMPACT` uses fewer neurons where the inputs are known to be integers or bits. Every printer
takes a mode or its name (``"paper"``, ``"compact"``), resolves it with `gadget_mode`, and
names the modes it implements with `require`, so a mode added here fails loudly in every
printer that has no construction for it yet, instead of falling into an ``else``.
Iterating `GADGET_MODES` yields the names (argparse ``choices``, pytest parameters).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from tmnet.registry import Registry
from tmnet.simulate.network import ONE, NetworkBuilder, Weight
from tmnet.uniform.errors import UniformError, UnknownGadgetModeError

GadgetMode = Literal["paper", "compact"]  # the names (annotations of `gadgets=` parameters)
LinearForm = Mapping[int, Weight]


@dataclass(frozen=True)
class Gadgets:
    """One gadget mode: its name, what it builds, and the neurons `uniform.to_network` spends
    per circuit gate (``gate_neurons[kind]`` for kind AND, OR, NOT = 0, 1, 2)."""

    name: str
    summary: str
    gate_neurons: tuple[int, int, int]

    @property
    def max_gate_neurons(self) -> int:
        """The most neurons one circuit gate costs (`CookLevinFamily.neurons_bound`)."""
        return max(self.gate_neurons)


PAPER = Gadgets(
    "paper",
    "Lemma 3.1, Fact 3.2 and Lemma 3.3 exactly as written (NOT 1, OR 4, AND 10 neurons)",
    (10, 4, 1),
)
COMPACT = Gadgets(
    "compact",
    "fewer neurons for integer and bit inputs (AND and OR one neuron, NOT none)",
    (1, 1, 0),
)
GADGET_MODES: Registry[Gadgets] = Registry("gadget mode", (PAPER, COMPACT), UnknownGadgetModeError)


def gadget_mode(mode: Gadgets | str) -> Gadgets:
    """The registered mode `mode` names (or `mode` itself); unknown names are an error."""
    return GADGET_MODES.get(mode)


def require(mode: Gadgets | str, supported: Iterable[Gadgets], who: str) -> Gadgets:
    """`gadget_mode(mode)`, checked against the modes `who` (a printer) implements."""
    spec = gadget_mode(mode)
    if spec not in tuple(supported):
        raise UniformError(
            f"{who} has no construction for gadget mode {spec.name!r}",
            hint=f"it implements: {', '.join(m.name for m in supported)}",
        )
    return spec


def _exact(w: Weight) -> Weight:
    if isinstance(w, Fraction) and w.denominator == 1:
        return w.numerator
    return w


def scale(form: LinearForm, k: Weight) -> dict[int, Weight]:
    """k * form."""
    return {node: _exact(w * k) for node, w in form.items()}


def add(*forms: LinearForm) -> dict[int, Weight]:
    """The sum of linear forms (zero coefficients dropped)."""
    total: dict[int, Weight] = {}
    for form in forms:
        for node, w in form.items():
            total[node] = total.get(node, 0) + w
    return {node: _exact(w) for node, w in total.items() if w != 0}


def const(c: Weight) -> dict[int, Weight]:
    """The constant form c (an edge from the constant-1 source)."""
    return {ONE: c} if c != 0 else {}


def var(node: int) -> dict[int, Weight]:
    """The form 1 * node."""
    return {node: 1}


def relu(b: NetworkBuilder, form: LinearForm) -> int:
    """One neuron: sigma(form) (Definition 2.1)."""
    return b.neuron(form)


def geq(b: NetworkBuilder, x: LinearForm, c: Weight, below: Weight | None = None) -> int:
    """Lemma 3.1: the node [x >= c], three neurons.

    `below` is the c' of the lemma: every value x can take that is smaller than c is at most c'
    (the paper writes "x < c implies x < c'"; it must read x <= c'). For integer x the default
    c' = c - 1 is right. y = sigma((x - c') / (c - c')) is 0 at x <= c' and >= 1 at x >= c,
    and [x >= c] = sigma(y - sigma(y - 1)).
    """
    c_prime = c - 1 if below is None else below
    if not c_prime < c:
        raise ValueError(f"Lemma 3.1 needs c' < c, got c'={c_prime}, c={c}")
    d = c - c_prime
    if d == 1:  # the integer case c' = c - 1: no division, weights stay integers
        y = relu(b, add(x, const(-c_prime)))
    else:
        inv = 1 / Fraction(d)
        y = relu(b, add(scale(x, inv), const(_exact(-c_prime * inv))))
    y_minus_1 = relu(b, add(var(y), const(-1)))
    return relu(b, {y: 1, y_minus_1: -1})


def leq(b: NetworkBuilder, x: LinearForm, c: Weight, above: Weight | None = None) -> int:
    """[x <= c] = [-x >= -c] (Section 3, after Lemma 3.1); `above` bounds values over c."""
    c_next = c + 1 if above is None else above
    return geq(b, scale(x, -1), -c, below=-c_next)


def eq(b: NetworkBuilder, x: LinearForm, c: Weight) -> int:
    """[x = c] = [[x >= c] + [x <= c] >= 2] for integer-valued x (Section 3)."""
    return geq(b, {geq(b, x, c): 1, leq(b, x, c): 1}, 2)


def geq_compact(b: NetworkBuilder, x: LinearForm, c: int) -> dict[int, Weight]:
    """[x >= c] for integer x as a form of two neurons: sigma(x - c + 1) - sigma(x - c)."""
    return {relu(b, add(x, const(1 - c))): 1, relu(b, add(x, const(-c))): -1}


def not_gate(b: NetworkBuilder, x: int) -> int:
    """Lemma 3.3: NOT x = 1 - x, as the neuron sigma(1 - x)."""
    return relu(b, {ONE: 1, x: -1})


def and_gate(b: NetworkBuilder, xs: Sequence[int], mode: Gadgets | str = PAPER) -> int:
    """AND of bits. Paper (Lemma 3.3): s = sigma(sum), then [s = k] (Lemma 3.1), 10 neurons.
    Compact: sigma(sum - (k - 1)), one neuron (sum = k iff all bits are 1)."""
    spec = require(mode, (PAPER, COMPACT), "gadgets.and_gate")
    k = len(xs)
    if k == 0:
        return relu(b, const(1))
    if spec is COMPACT:
        return relu(b, add(_sum_form(xs), const(1 - k)))
    s = relu(b, _sum_form(xs))
    return eq(b, var(s), k)


def or_gate(b: NetworkBuilder, xs: Sequence[int], mode: Gadgets | str = PAPER) -> int:
    """OR of bits. Paper (Lemma 3.3): s = sigma(sum), then [s >= 1], 4 neurons.
    Compact: sigma(1 - sigma(1 - sum)), two neurons."""
    spec = require(mode, (PAPER, COMPACT), "gadgets.or_gate")
    if not xs:
        return relu(b, {})
    if spec is COMPACT:
        nor = relu(b, add(const(1), scale(_sum_form(xs), -1)))
        return relu(b, {ONE: 1, nor: -1})
    s = relu(b, _sum_form(xs))
    return geq(b, var(s), 1)


def _sum_form(xs: Sequence[int]) -> dict[int, Weight]:
    total: dict[int, Weight] = {}
    for x in xs:
        total[x] = total.get(x, 0) + 1
    return total


def switch(
    b: NetworkBuilder, z: int, when_one: LinearForm, when_zero: LinearForm, bound: Weight
) -> dict[int, Weight]:
    """Fact 3.2 read the conventional way: (z ? x : y) is x when z = 1 and y when z = 0.

    The selected branch must lie in [0, bound] and the other must be at most bound (it may be
    negative: Algorithm 1 line 5 offers T - 2^k when bit k is off, and never selects it; the
    paper's Fact 3.2 asks for both in [0, C], which is more than the proof needs). The result
    is the form sigma(x - (1 - z) * C) + sigma(y - z * C) with C = bound, two neurons. The
    paper's Fact 3.2 returns x when z = 0; Algorithms 1 and 2 need the reading used here (see
    PAPER-NOTES).
    """
    a = relu(b, add(when_one, const(-bound), {z: bound}))
    c = relu(b, add(when_zero, {z: -bound}))
    return {a: 1, c: 1}
