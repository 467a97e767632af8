"""Route `shallow` of `uniform.small_weights`: depth 3k + 1 with polynomially bounded weights.

Vardi and Shamir (arXiv 2006.00625; the second seed) show that a poly-size depth-k ReLU network
with arbitrary weights has an equivalent poly-size network of depth 3k + 3 with polynomially
bounded weights. This module follows the block method of Siu and Roychowdhury for iterated
addition with small weights (split every big constant into blocks of L = O(log m) bits, so that
each block sum is a small integer and the sum of all blocks is two non-overlapping rows;
Hofmeister, Hohberg and Köhling give an explicit depth-4 threshold scheme of this kind; the
addition of m numbers of polynomially many bits is in depth-2 majority circuits, as Sherstov's
survey of the area recalls), with carry-lookahead in unbounded fan-in, and reaches depth 3k + 1.
The weight bound and size below are the ones this construction proves (and asserts).

Each value Z (integer form from `uniform.scaling`) is carried as its binary digits, every digit
a *0/1 linear form* over neurons (a sum of ReLUs that is 0 or 1 on every input; a form costs no
depth, its reader folds it into its weights). One neuron P = K + sum_t a_t d_t (digits d_t, or
1 - d_t for a negative a_t, all a_t > 0) becomes three layers:

A. Block sums. With W bits such that R = P + 2^W (when K < 0; R = P else) lies in [0, 2^(W+1)),
   and blocks of L bits (W = L J), B_j = sum_t block_j(a_t) d_t + block_j(K mod 2^W) is an
   integer in [0, N_j], N_j < 4^L. Any function of an integer form V in [0, N] is a linear form
   over relu(V - u), u = 0..N - 1, since [V >= v] = relu(V - v + 1) - relu(V - v) (the
   threshold-by-ReLU-pair of the issue): layer A gives lo_j = B_j mod 2^L, hi_j = B_j div 2^L.
B. Two rows. R = X + Y with X = (lo_j) and Y = (hi_(j-1)) side by side; S_j = lo_j + hi_(j-1)
   in [0, 2^(L+1) - 2]; layer B gives g_j = [S_j >= 2^L] (generate), p_j = [S_j = 2^L - 1]
   (propagate) and the bits s_(j,i) of S_j mod 2^L.
C. Carry-lookahead and ReLU. The carry into block j is OR_(i<j) (g_i AND p_(i+1..j-1)); the
   terms are mutually exclusive (p_i and g_i never both hold), so the OR is their sum and every
   term is ONE threshold neuron relu(sum of its conditions - (count - 1)). The sign of P is the
   carry into block J (plus hi_(J-1)); digit i of block j is s XOR (carry AND s_(j,0..i-1)), and
   digit AND sign = (s AND sign) + (u AND sign) - 2 (s AND u AND sign), each a sum of exclusive
   conjunctions of layer-B conditions: one layer of AND neurons.

A 0/1 neuron is the single form [P >= 1] (the sign of P - 1). Every output digit finally gets
one neuron. Depth: 3 per layer of the input, + 1: at most 3k + 1, i.e. (a, b) = (3, 1), two
below the seed's 3k + 3. The price is fan-in: a digit form is a sum of O(J^2) AND neurons, and
each of a reader's O(4^L) block neurons reads all of them; the ``shallow-sparse`` variant
(`materialize`) gives every digit one neuron first: depth <= 4k, (a, b) = (4, 0), far fewer
edges.

Weights: layer A reads digits with block coefficients < 2^L times form coefficients <= 2 (a
digit neuron appears in at most L digits of one block), biases < 2 N_j < 2 4^L; layers B and C
have weights <= 2^L + 1 and 2L + 4 and biases <= 2^(L+1) and L + J + 1. So every |w| <= 2 4^L
+ L + J, and L <= bitlen(m + 1) + 1 (m = digits summed by one neuron), i.e. O(m^2 + W): a
polynomial in the network's size and value bits. `lower_shallow` asserts this bound.
Neurons per input neuron: O(J 4^L + W J^2) = poly(m, W).
"""

from __future__ import annotations

from collections.abc import Callable

from tmnet.simulate import ONE, LimitError, Network, NetworkBuilder
from tmnet.uniform.gadgets import add, const, scale
from tmnet.uniform.scaling import Scaled

Form = dict[int, int]
ZERO: Form = {}
ONE_FORM: Form = {ONE: 1}


class _Signal:
    """An integer linear form V with values in [0, vmax]; every function of V as a linear form
    over the neurons relu(V - u) (built on first use and shared)."""

    def __init__(self, b: NetworkBuilder, form: Form, vmax: int):
        self.b, self.form, self.vmax = b, form, vmax
        self._relu: dict[int, int] = {}

    def relu_at(self, u: int) -> Form:
        if u >= self.vmax:
            return {}
        node = self._relu.get(u)
        if node is None:
            node = self._relu[u] = self.b.neuron(add(self.form, const(-u)))
        return {node: 1}

    def fn(self, f: Callable[[int], int]) -> Form:
        """f(V) = f(0) + sum_u (D(u + 1) - D(u)) relu(V - u), D(v) = f(v) - f(v - 1), D(0) = 0."""
        vals = [f(v) for v in range(self.vmax + 1)]
        out: Form = const(vals[0])
        prev = 0
        for u in range(self.vmax):
            d = vals[u + 1] - vals[u]
            coef = d - prev
            prev = d
            if coef:
                out = add(out, scale(self.relu_at(u), coef))
        return out

    def geq(self, v: int) -> Form:
        """[V >= v] as relu(V - v + 1) - relu(V - v)."""
        if v <= 0:
            return dict(ONE_FORM)
        if v > self.vmax:
            return {}
        return add(self.relu_at(v - 1), scale(self.relu_at(v), -1))


class _Stage:
    """One neuron's three layers (module docstring), building AND neurons on demand."""

    def __init__(self, b: NetworkBuilder, conds: dict[tuple, Form]):
        self.b = b
        self.conds = conds
        self._and: dict[frozenset, Form] = {}

    def conj(self, keys: frozenset) -> Form:
        """The 0/1 form AND of the conditions `keys` ({} when two of them exclude each other)."""
        got = self._and.get(keys)
        if got is not None:
            return got
        for k in keys:  # g_i and p_i exclude each other; an empty form is always 0
            if (k[0] == "g" and ("p", k[1]) in keys) or not self.conds[k]:
                self._and[keys] = {}
                return {}
        if len(keys) == 1:
            (k,) = keys
            out = self.conds[k]
        else:
            total = add(*(self.conds[k] for k in keys), const(1 - len(keys)))
            out = {self.b.neuron(total): 1}
        self._and[keys] = out
        return out

    def sum_conj(self, sets: list[frozenset]) -> Form:
        return add(*(self.conj(s) for s in sets)) if sets else {}


def _blocks(items: list[tuple[int, Form]], k_mod: int, L: int, J: int) -> list[int]:
    """N_j: the largest value of block sum j."""
    mask = (1 << L) - 1
    return [
        sum((a >> (L * j)) & mask for a, _ in items) + ((k_mod >> (L * j)) & mask) for j in range(J)
    ]


def _choose_block(items: list[tuple[int, Form]], k: int, signed: bool, w: int, out_bits: int):  # type: ignore[no-untyped-def]
    """The block length L, J, N_j and K mod 2^(L J) (K itself when not signed) with the fewest
    estimated neurons among the L with N_j < 4^L, L <= bitlen(m + 1) + 1."""
    m = len(items) + 1
    best = None
    for L in range(1, (m + 1).bit_length() + 2):
        J = max(1, -(-w // L))
        k_mod = k + (1 << (L * J)) if signed else k
        ns = _blocks(items, k_mod, L, J)
        if max(ns) >= 4**L:
            continue
        jo = min(J, -(-out_bits // L))
        cost = sum(ns) + J * (2 << L) + L * jo * (J + 1) * (2 * jo + 1)
        if best is None or cost < best[0]:
            best = (cost, L, J, ns, k_mod)
    assert best is not None  # L = bitlen(m + 1) + 1 always qualifies
    return best[1:]


def _neuron(
    b: NetworkBuilder, digits: list[list[Form]], terms, bias: int, boolean: bool, out_bits: int
) -> tuple[list[Form], int, int]:  # type: ignore[no-untyped-def]
    """Digit forms of Z for one neuron; also (L, J) of its blocks (0, 0 when none)."""
    items: list[tuple[int, Form]] = []
    k = bias - (1 if boolean else 0)
    for y, c in terms:
        for i, f in enumerate(digits[y]):
            if not f:
                continue
            a = c << i
            if a > 0:
                items.append((a, f))
            else:
                items.append((-a, add(ONE_FORM, scale(f, -1))))
                k += a
    qmax = sum(a for a, _ in items)
    if qmax + k < (0 if boolean else 1) or (not boolean and out_bits == 0):
        return ([{}] if boolean else []), 0, 0
    if boolean and k >= 0:
        return [dict(ONE_FORM)], 0, 0
    signed = k < 0
    w = max(qmax.bit_length(), (-k).bit_length()) if signed else (qmax + k).bit_length()
    w = max(w, 1)
    L, J, ns, k_mod = _choose_block(items, k, signed, w, 1 if boolean else out_bits)
    mask = (1 << L) - 1
    sig_a: list[_Signal] = []
    for j in range(J):
        form: Form = const((k_mod >> (L * j)) & mask)
        for a, f in items:
            blk = (a >> (L * j)) & mask
            if blk:
                form = add(form, scale(f, blk))
        sig_a.append(_Signal(b, form, ns[j]))
    lo = [s.fn(lambda v: v & mask) for s in sig_a]
    hi = [s.fn(lambda v: v >> L) for s in sig_a]
    conds: dict[tuple, Form] = {("h",): sig_a[J - 1].geq(1 << L)}
    sig_b: list[_Signal] = []
    for j in range(J):
        smax = min(mask, ns[j]) + (ns[j - 1] >> L if j else 0)
        sb = _Signal(b, add(lo[j], hi[j - 1]) if j else lo[0], smax)
        sig_b.append(sb)
        conds[("g", j)] = sb.geq(1 << L)
        conds[("p", j)] = add(sb.geq(mask), scale(conds[("g", j)], -1))
    st = _Stage(b, conds)

    def carry_sets(j: int) -> list[frozenset]:
        return [frozenset([("g", i)] + [("p", q) for q in range(i + 1, j)]) for i in range(j)]

    sign_sets = carry_sets(J) + [frozenset([("h",)])] if signed else [frozenset()]
    if boolean:
        return [st.sum_conj(sign_sets)], L, J
    out: list[Form] = []
    for pos in range(min(out_bits, L * J)):
        j, i = divmod(pos, L)
        key = ("s", j, i)
        if key not in conds:
            conds[key] = sig_b[j].fn(lambda v, i=i: (v >> i) & 1)
        for q in range(i):
            if ("s", j, q) not in conds:
                conds[("s", j, q)] = sig_b[j].fn(lambda v, q=q: (v >> q) & 1)
        prefix = frozenset(("s", j, q) for q in range(i))
        us = [c | prefix for c in carry_sets(j)]
        s_set = frozenset([key])
        if signed:
            parts = [st.sum_conj([s_set | t for t in sign_sets])]
            parts.append(st.sum_conj([u | t for u in us for t in sign_sets]))
            parts.append(scale(st.sum_conj([u | s_set | t for u in us for t in sign_sets]), -2))
        else:
            parts = [conds[key], st.sum_conj(us), scale(st.sum_conj([u | s_set for u in us]), -2)]
        out.append(add(*parts))
    return out, L, J


def lower_shallow(
    scaled: Scaled,
    outputs: list[tuple[str, int, bool]],
    max_neurons: int,
    materialize: bool = False,
) -> tuple[Network, int, int]:
    """The network of the module docstring, its asserted weight bound and the input depth k.

    With `materialize` every digit form gets its own neuron before anything reads it (the
    ``shallow-sparse`` route): one more layer per input layer (depth <= 4k) but a reader's
    block sums read one neuron per digit instead of the O(J^2) neurons of its form, so the
    edges drop by that factor. Raises `LimitError` past `max_neurons` neurons."""
    net = scaled.network
    b = NetworkBuilder(net.n_inputs, net.input_names, name=f"{net.name}-shallow")
    digits: list[list[Form]] = [[dict(ONE_FORM)]] + [[{i: 1}] for i in range(1, net.n_inputs + 1)]
    depth = [0] * net.first_neuron
    bound = 1
    for nz in scaled.neurons:
        forms, L, J = _neuron(b, digits, nz.terms, nz.bias, nz.boolean, scaled.width(nz.node))
        if materialize:
            forms = [{_materialize(b, f): 1} if f else {} for f in forms]
        digits.append(forms)
        depth.append(1 + max((depth[y] for y, _ in nz.terms), default=0))
        if L:
            bound = max(bound, 2 * 4**L + L + J)
        if b.n_nodes - net.first_neuron > max_neurons:
            raise LimitError(
                f"the shallow route passed {max_neurons:,} neurons at neuron {nz.node}",
                hint="raise --max-size, or use --route arithmetic",
            )
    for name, node, boolean in outputs:
        forms = digits[node]
        if boolean:
            b.output(_materialize(b, forms[0] if forms else {}), name)
        else:
            for i, f in enumerate(forms or [{}]):
                b.output(_materialize(b, f), f"{name}[{i}]")
    k = max((depth[node] for _, node, _ in outputs), default=0)
    return b.build(), bound, k


def _materialize(b: NetworkBuilder, form: Form) -> int:
    """A node holding the 0/1 form: the form's own node when it is one node with weight 1."""
    if len(form) == 1:
        ((node, w),) = form.items()
        if w == 1:
            return node
    return b.neuron(form)
