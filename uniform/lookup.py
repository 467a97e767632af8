"""The lookup printer of Theorem 4.1: any f on n bits as a ReLU network of O(2^(n/2)) neurons.

Lemma 4.2 / Algorithm 1 (`lemma42_network`, `_read`) reads bit number (x)_2 of a table T with
2**m entries, one bit per step from the top: for k = 2**m - 1 down to 0, b_k = [T >= 2**k]
(Lemma 3.1), Sum += b_k AND [(x)_2 = k], and T := (b_k ? T - 2**k : T) removes the bit.
Theorem 4.1 / Algorithm 2 (`lookup_network`, `_select`) first forms
T = sum_k ([(x1..xh)_2 = k] ? T_f(k) : 0) with h = floor(n/2), the sub-table T_f(k) being a big
integer weight, and then reads T with Algorithm 1 on the remaining m = n - h inputs.

Conventions, where the paper is inconsistent or silent (tests pin each one):

1. Bit order (PAPER-NOTES item 2; `machines.encoding`). The index of (x1..xn) is
   sum_k x_k 2**(k-1), x1 the LEAST significant bit (the paper's (x1...xn)_2 makes x1 the most
   significant). T_f = sum_i f(i) 2**i: entry i is the coefficient of 2**i, which is what
   Algorithm 1 needs. So "the first floor(n/2) inputs" x1..xh are the LOW h bits of the index:
   Algorithm 2 selects by k = i mod 2**h, and the table it selects is T_f(k) =
   sum_j f(k + j 2**h) 2**j (`TruthTable.restrict_low`), read by Algorithm 1 at
   j = (x_(h+1)..x_n) = i >> h, x_(h+1) least significant.
2. The switch (PAPER-NOTES item 1) is Fact 3.2 read conventionally, (z ? x : y) = x when z = 1,
   as `uniform.gadgets.switch` builds it; Algorithms 1 and 2 are correct only with that reading.
3. The switch's domain. Fact 3.2 asks x, y >= 0, yet Algorithm 1 line 5 feeds x = T - 2**k, which
   is negative exactly when the bit is off, i.e. when x is the branch NOT selected. The proof
   sigma(x - (1 - z) C) + sigma(y - z C) needs only: the selected value in [0, C] and the other
   value <= C. Both hold here (tests check every switch on every input). C is 2**(k+1) - 1 at
   step k of Algorithm 1 (T < 2**(k+1) there) and 2**(2**m) - 1 in Algorithm 2 (every
   T_f(k) < 2**(2**m)), independent of f so that sizes depend on n only.
4. Lemma 3.1's c' (PAPER-NOTES item 3): every threshold compares an integer, with c' = c - 1.
   At step k of Algorithm 1, T is an integer in [0, 2**(k+1) - 1], so [T >= 2**k] is one bit.
5. Constant fan-in, with no exception. The binary values (x1..xh)_2 and (x_(h+1)..x_n)_2 are
   Horner chains v := sigma(x_i + 2 v) (fan-in 2), never one wide neuron; the running sums T of
   Algorithm 2 and Sum of Algorithm 1 are materialised by one neuron per step. The maximum fan-in
   is at most 6 (compact) / 4 (paper) for every n (equal from n = 3 on). The depth is of the
   order of the size, as the paper says (Section 7, question 3).
6. Dead code. Algorithm 1's removal step after reading bit 0 feeds nothing and is not built.

Gadget modes. ``"paper"``: Lemma 3.1 (`geq`, `eq` of 3 and 9 neurons), Lemma 3.3's AND (10
neurons) and Fact 3.2's switch (2 neurons), as written. ``"compact"``: [x >= c] is
`gadgets.geq_compact` (2 neurons), [X = k] = [X >= k] - [X >= k+1] with the ReLUs
sigma(X - j) shared between neighbouring k (one neuron per k), AND of two bits is
sigma(a + b - 1), the removal T - 2**k b_k is linear (one neuron to materialise it), and
Algorithm 2's switch on a constant is the linear term T_f(k) [X = k].

Exact neuron counts (`predicted_neurons`), with H(l) = max(l - 1, 0) for a Horner chain:
paper   12 2**h - 1 + 25 2**m - 3 + H(h) + H(m);
compact  2 2**h - 2 +  6 2**m - 3 + H(h) + H(m).
Weights reach 2**(2**m) (about 2**(n/2) bits), so p-SIZE grows like 2**n (Theorem 5.1).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tmnet.machines.encoding import encode_word, input_bits
from tmnet.machines.model import Machine
from tmnet.simulate.network import Network, NetworkBuilder
from tmnet.uniform import gadgets as g
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Printed, with_alphabet
from tmnet.uniform.ircheck import checked
from tmnet.uniform.truth_table import TruthTable

OUTPUT_NAME = "f"

# A precondition record (kind, ...) for tests: see `_Checks`.
Check = tuple[Any, ...]


MODES = (g.PAPER, g.COMPACT)  # the gadget modes this printer has constructions for


def _mode(gadgets: g.Gadgets | str) -> g.Gadgets:
    """The registered gadget mode, one this printer implements (else an error, not an else)."""
    return g.require(gadgets, MODES, "the lookup printer")


def _horner_count(length: int) -> int:
    return max(length - 1, 0)


def _select_count(h: int, mode: g.Gadgets) -> int:
    size = 1 << h
    return 12 * size - 1 if mode is g.PAPER else 2 * size - 2  # (else: COMPACT, see MODES)


def _read_count(m: int, mode: g.Gadgets) -> int:
    size = 1 << m
    return 25 * size - 3 if mode is g.PAPER else 6 * size - 3


def split(n: int) -> tuple[int, int]:
    """(h, m) = (floor(n/2), n - floor(n/2)): Algorithm 2 selects by x1..xh, Algorithm 1 reads
    x_(h+1)..x_n."""
    return n // 2, n - n // 2


def predicted_neurons(n: int, gadgets: str = "paper") -> int:
    """The exact neuron count of `lookup_network` on n input bits (see the module docstring)."""
    mode = _mode(gadgets)
    h, m = split(n)
    return _horner_count(h) + _select_count(h, mode) + _horner_count(m) + _read_count(m, mode)


def predicted_lemma42_neurons(n: int, gadgets: str = "paper") -> int:
    """The exact neuron count of `lemma42_network` on n input bits."""
    mode = _mode(gadgets)
    return _horner_count(n) + _read_count(n, mode)


def p_size_floor(n: int) -> int:
    """A lower bound on the p-SIZE of `lookup_network` in paper mode on n bits, for every f.

    Algorithm 2 has 2**h switches (Fact 3.2), each carrying the constant C = 2**(2**m) - 1 as
    the weight of its selector bit in both of its neurons: two edges of 2**m + 1 bits each
    (Definition 2.2 counts ceil(log2(|p| + 1)) + ceil(log2(q + 1)) per weight p/q). So p-SIZE
    >= 2**h * 2 * (2**m + 1) = 2**(n+1) + 2**(h+1), whatever f is; it is a formula, so it stands
    in for printing at n where the truth table would take too long (the demo, at n = 28).
    """
    h, m = split(n)
    return (1 << h) * 2 * ((1 << m) + 1)


class _Checks:
    """Optional record of what each gadget assumes, so tests can check it on every input.

    Records: ("int", form) the form's value is an integer; ("range", form, lo, hi) an integer in
    [lo, hi]; ("geq", form, c, c') an integer that is >= c or <= c'; ("bit", form) 0 or 1;
    ("switch", z, when_one, when_zero, C) z a bit, the selected value in [0, C], the other <= C.
    """

    def __init__(self, sink: list[Check] | None):
        self.sink = sink

    def __call__(self, *record: Any) -> None:
        if self.sink is not None:
            self.sink.append(record)


def _horner(b: NetworkBuilder, nodes: list[int]) -> dict[int, g.Weight]:
    """The form sum_i nodes[i] 2**i (nodes[0] least significant) by Horner's rule from the top:
    v := sigma(x_i + 2 v), len - 1 neurons of fan-in 2 (the paper's one wide neuron would not have
    constant fan-in)."""
    if not nodes:
        return {}
    form: dict[int, g.Weight] = g.var(nodes[-1])
    for node in reversed(nodes[:-1]):
        form = g.var(g.relu(b, g.add(g.var(node), g.scale(form, 2))))
    return form


class _Equality:
    """[X = k] for an integer X in [0, size - 1], k = 0..size - 1.

    Paper: Lemma 3.1's eq (9 neurons, a node). Compact: [X >= k] - [X >= k+1] with
    [X >= k] = sigma(X - k + 1) - sigma(X - k) (`gadgets.geq_compact`), i.e. the form
    r(k-1) - 2 r(k) + r(k+1) with r(j) = sigma(X - j); r(-1) = X + 1 and r(0) = X need no neuron,
    r(size) = 0, and each of r(1..size-1) is built once and shared (size - 1 neurons in all)."""

    def __init__(
        self, b: NetworkBuilder, mode: g.Gadgets, x: dict[int, g.Weight], size: int, check
    ):
        self.b, self.mode, self.x, self.size = b, mode, x, size
        self._r: dict[int, dict[int, g.Weight]] = {}
        check("range", x, 0, size - 1)

    def _ramp(self, j: int) -> dict[int, g.Weight]:
        if j == -1:
            return g.add(self.x, g.const(1))
        if j == 0:
            return dict(self.x)
        if j >= self.size:
            return {}
        if j not in self._r:
            self._r[j] = g.var(g.relu(self.b, g.add(self.x, g.const(-j))))
        return self._r[j]

    def __call__(self, k: int) -> dict[int, g.Weight]:
        if self.mode is g.PAPER:
            return g.var(g.eq(self.b, self.x, k))
        return g.add(self._ramp(k - 1), g.scale(self._ramp(k), -2), self._ramp(k + 1))


def _select(
    b: NetworkBuilder,
    mode: g.Gadgets,
    x_low: dict[int, g.Weight],
    tables: tuple[int, ...],
    m: int,
    check,
    tick: Callable[[int], None] = lambda k: None,
) -> dict[int, g.Weight]:
    """Algorithm 2 lines 1-5: T = sum_k ([(x1..xh)_2 = k] ? T_f(k) : 0), as a form.

    Paper: Fact 3.2's switch (C = 2**(2**m) - 1) on [X = k] from Lemma 3.1; compact: the linear
    term T_f(k) [X = k]. The running sum is materialised after every term but the first."""
    bound = (1 << (1 << m)) - 1
    equal = _Equality(b, mode, x_low, len(tables), check)
    total: dict[int, g.Weight] = {}
    for k, t in enumerate(tables):
        tick(1)
        total = g.add(total, _select_term(b, mode, equal(k), t, bound, check))
        if k > 0:
            total = g.var(g.relu(b, total))
    return total


def _select_term(
    b: NetworkBuilder, mode: g.Gadgets, z: dict[int, g.Weight], t: int, bound: int, check
) -> dict[int, g.Weight]:
    """One term of Algorithm 2's sum, z ? t : 0 for the selector bit z = [X = k], as a form:
    Fact 3.2's switch with constant C = `bound` (paper), or the linear t z (compact)."""
    if mode is g.PAPER:
        (z_node,) = z
        check("switch", z_node, g.const(t), {}, bound)
        return g.switch(b, z_node, g.const(t), {}, bound)
    check("bit", z)
    return g.scale(z, t)


def _read(
    b: NetworkBuilder,
    mode: g.Gadgets,
    table: dict[int, g.Weight],
    x_high: dict[int, g.Weight],
    m: int,
    check,
    tick: Callable[[int], None] = lambda k: None,
) -> int:
    """Algorithm 1 (Lemma 4.2): the node holding bit number (x)_2 of the table T (a form whose
    value is an integer in [0, 2**(2**m) - 1]); x is the form (x_(h+1)..x_n)_2."""
    size = 1 << m
    equal = _Equality(b, mode, x_high, size, check)
    t = table
    total: int | None = None
    for k in range(size - 1, -1, -1):
        tick(1)
        c = 1 << k
        check("range", t, 0, 2 * c - 1)  # the bits above k are already removed
        check("geq", t, c, c - 1)
        e = equal(k)
        if mode is g.PAPER:
            bit: dict[int, g.Weight] = g.var(g.geq(b, t, c))
            (bit_node,) = bit
            (e_node,) = e
            check("bit", bit)
            check("bit", e)
            a = g.and_gate(b, [bit_node, e_node], g.PAPER)
        else:
            bit = g.geq_compact(b, t, c)
            check("bit", bit)
            check("bit", e)
            a = g.relu(b, g.add(bit, e, g.const(-1)))
        total = a if total is None else g.relu(b, {total: 1, a: 1})
        if k == 0:
            break  # removing bit 0 would feed nothing (convention 6)
        if mode is g.PAPER:
            removed = g.add(t, g.const(-c))
            check("switch", bit_node, removed, t, 2 * c - 1)
            t = g.switch(b, bit_node, removed, t, 2 * c - 1)
        else:
            t = g.var(g.relu(b, g.add(t, g.scale(bit, -c))))
    assert total is not None
    return total


def _build(
    table: TruthTable,
    gadgets: str,
    *,
    algorithm: str,
    name: str | None,
    checks: list[Check] | None,
    progress: Callable[[int, int], None] | None = None,
) -> Network:
    mode = _mode(gadgets)
    n = table.n_bits
    check = _Checks(checks)
    h, m = split(n) if algorithm == "theorem41" else (0, n)
    steps = ((1 << h) if algorithm == "theorem41" else 0) + (1 << m)
    done = [0]

    def tick(k: int) -> None:
        done[0] += k
        if progress is not None and (done[0] & 255 == 0 or done[0] == steps):
            progress(done[0], steps)

    b = NetworkBuilder(n, name=name or f"lookup-{algorithm}(n={n},{mode.name})")
    inputs = [b.input(i) for i in range(1, n + 1)]
    if algorithm == "theorem41":
        x_low = _horner(b, inputs[:h])
        tables = table.restrict_low(h)
        t = _select(b, mode, x_low, tables, m, check, tick)
    else:
        t = g.const(table.value)
    x_high = _horner(b, inputs[h:])
    out = _read(b, mode, t, x_high, m, check, tick)
    b.output(out, OUTPUT_NAME)
    return checked(b.build())  # Network.check() under TMNET_CHECK_IR


def lookup_network(
    table: TruthTable,
    gadgets: str = "paper",
    *,
    name: str | None = None,
    checks: list[Check] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Network:
    """Theorem 4.1: the network computing f with predicted_neurons(n) = O(2**(n/2)) neurons.

    Algorithm 2 selects T_f(k) by (x1..x_floor(n/2))_2 = k (the LOW bits of the input index), and
    Algorithm 1 reads bit (x_(floor(n/2)+1)..x_n)_2 of it. One output, named "f". `checks`, when
    given, collects the gadgets' preconditions (for tests); `progress(done, total)` is called as
    the 2**h selected tables and 2**m read bits are built."""
    return _build(
        table, gadgets, algorithm="theorem41", name=name, checks=checks, progress=progress
    )


def lemma42_network(
    table: TruthTable,
    gadgets: str = "paper",
    *,
    name: str | None = None,
    checks: list[Check] | None = None,
) -> Network:
    """Lemma 4.2 / Algorithm 1 alone: bit (x1..xn)_2 of the constant T_f, O(2**n) neurons."""
    return _build(table, gadgets, algorithm="lemma42", name=name, checks=checks)


# families ------------------------------------------------------------------------------------
def _printed(n: int, make_table: Callable[[], TruthTable], gadgets: str, name: str) -> Printed:
    start = time.perf_counter()
    table = make_table()
    mid = time.perf_counter()
    net = lookup_network(table, gadgets, name=name)
    end = time.perf_counter()
    h, m = split(table.n_bits)
    return Printed(
        n=n,
        network=net,
        print_seconds=end - start,
        timings={"truth_table_seconds": mid - start, "network_seconds": end - mid},
        info={"input_bits": table.n_bits, "select_bits": h, "read_bits": m, "gadgets": gadgets},
    )


@dataclass(frozen=True)
class LookupFamily:
    """The Theorem 4.1 family of a machine: C_n computes the machine's acceptance on words of
    length n (inputs as `machines.encoding` encodes them). Printing runs the machine on all
    inputs (time 2**O(n)); satisfies `uniform.family.Family`."""

    machine: Machine
    gadgets: str = "paper"
    name: str = field(default="lookup")
    on_timeout: str = "error"  # see TruthTable.from_machine
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gadgets", _mode(self.gadgets).name)  # kept as the name

    def table(self, n: int) -> TruthTable:
        """The truth table of the machine on words of length n."""
        if n < 0:
            raise UniformError(f"n must be >= 0, got {n}")
        return TruthTable.from_machine(self.machine, n, self.on_timeout, self.progress)

    def network(self, n: int) -> Network:
        return self.print(n).network

    def print(self, n: int) -> Printed:
        printed = _printed(n, lambda: self.table(n), self.gadgets, self.network_name(n))
        net = with_alphabet(printed.network, self.machine.input_alphabet)
        return replace(printed, network=net)

    def network_name(self, n: int) -> str:
        """The name `print(n)` gives the network."""
        return f"lookup[{self.machine.name}](n={n},{self.gadgets})"

    def encode(self, word: str) -> tuple[int, ...]:
        try:
            return encode_word(self.machine, word)
        except KeyError as exc:
            raise UniformError(f"{word!r} has a symbol outside the input alphabet: {exc}") from None

    def input_bits(self, n: int) -> int:
        return input_bits(self.machine, n)


@dataclass(frozen=True)
class TableFamily:
    """A family with the one member C_n, n = table.n_bits, for a given table (--truth-table,
    --random). Words are strings of '0'/'1', x1 first."""

    table_: TruthTable
    gadgets: str = "paper"
    name: str = field(default="lookup")

    def __post_init__(self) -> None:
        object.__setattr__(self, "gadgets", _mode(self.gadgets).name)  # kept as the name

    def table(self, n: int) -> TruthTable:
        if n != self.table_.n_bits:
            raise UniformError(f"this truth table has {self.table_.n_bits} input bits, not n = {n}")
        return self.table_

    def network(self, n: int) -> Network:
        return self.print(n).network

    def print(self, n: int) -> Printed:
        return _printed(n, lambda: self.table(n), self.gadgets, self.network_name(n))

    def network_name(self, n: int) -> str:
        """The name `print(n)` gives the network."""
        return f"lookup[table](n={n},{self.gadgets})"

    def encode(self, word: str) -> tuple[int, ...]:
        if any(ch not in "01" for ch in word):
            raise UniformError(f"{word!r} is not a word over {{0, 1}}")
        return tuple(int(ch) for ch in word)


def lookup_family(
    machine: Machine,
    gadgets: str = "paper",
    *,
    on_timeout: str = "error",
    progress: Callable[[int, int], None] | None = None,
) -> LookupFamily:
    """The Theorem 4.1 family {C_n} of a machine (see `LookupFamily`)."""
    return LookupFamily(machine, gadgets, on_timeout=on_timeout, progress=progress)


def table_family(table: TruthTable, gadgets: str = "paper") -> TableFamily:
    """The one-member family of a fixed truth table (see `TableFamily`)."""
    return TableFamily(table, gadgets)
