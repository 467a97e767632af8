"""Route `arithmetic` of `uniform.small_weights`: every neuron's exact integer arithmetic as a
boolean circuit over the binary digits of its sources' values (Theorem 2 / Section 5 of the
paper: under p-SIZE, ReLU networks are as strong as circuits of the same size).

Per neuron (integer form from `uniform.scaling`: P = bias + sum c * Z(source)):

1. each product c * Z is a sum of shifted copies of Z's digits, one per nonzero digit of the
   non-adjacent form of |c| (`adders.naf`); a copy of sign -1 enters as NOT bits plus a constant
   (-b 2^k = NOT(b) 2^k - 2^k), and all constants are summed into one;
2. the columns are added modulo 2^W, W one more bit than the proved range of P needs, by
   carry-save compression and one carry-propagate adder (`adders.column_sum`);
3. ReLU is masking by the sign: digit_i(relu(P)) = digit_i(P) AND NOT sign (no masking when P is
   proved non-negative); a 0/1 neuron is the single bit [P >= 1] = NOT sign(P - 1).

Digit widths come from the proved bounds only. The circuit has two-input AND/OR gates and NOTs
(`logic.GateList`), so the compact gadgets (`uniform.to_network`, one neuron per AND/OR, NOT
free) give a network whose every weight and bias lies in {-1, 0, 1}.
"""

from __future__ import annotations

from tmnet.uniform.adders import column_sum, naf
from tmnet.uniform.circuit import Circuit
from tmnet.uniform.logic import FALSE, TRUE, GateList
from tmnet.uniform.scaling import Scaled, ScaledNeuron


def signed_width(lo: int, hi: int) -> int:
    """Bits W such that every integer in [lo, hi] is exact modulo 2^W in two's complement
    (unsigned when lo >= 0)."""
    if lo >= 0:
        return max(hi.bit_length(), 1)
    return 1 + max(hi.bit_length(), (-lo - 1).bit_length())


def neuron_digits(g: GateList, digits: list[list[int]], nz: ScaledNeuron, width: int) -> list[int]:
    """The `width` low digit literals of Z for one neuron, given the digits of its sources."""
    lo, hi = nz.p_lo, nz.p_hi
    if nz.boolean:
        lo, hi = lo - 1, hi - 1  # the bit is [P - 1 >= 0]
    if hi < 0 or (hi == 0 and not nz.boolean) or width == 0:
        return [FALSE] if nz.boolean else []
    w = signed_width(lo, hi)
    cols: list[list[int]] = [[] for _ in range(w)]
    const = nz.bias - (1 if nz.boolean else 0)
    for y, c in nz.terms:
        bits = digits[y]
        if not bits:
            continue
        neg_bits = None
        for shift, d in naf(abs(c)):
            if shift >= w:
                break
            if (d > 0) == (c > 0):
                for i, b in enumerate(bits[: w - shift]):
                    cols[shift + i].append(b)
            else:
                if neg_bits is None:
                    neg_bits = [g.not_(b) for b in bits]
                for i, b in enumerate(neg_bits[: w - shift]):
                    cols[shift + i].append(b)
                const -= ((1 << len(bits)) - 1) << shift
    const %= 1 << w
    for j in range(w):
        if const >> j & 1:
            cols[j].append(TRUE)
    total = column_sum(g, cols, w)
    sign = total[w - 1] if lo < 0 else FALSE
    if nz.boolean:
        return [g.not_(sign)]
    if lo >= 0:
        return total[:width]
    keep = g.not_(sign)
    return [g.and_(b, keep) for b in total[:width]]


def lower_circuit(scaled: Scaled, outputs: list[tuple[str, int, bool]]) -> Circuit:
    """The circuit computing, for each (name, node, boolean) in `outputs`, either the one bit
    val(node) (boolean) or the digits name[0], name[1], ... of Z(node) = s * val(node)."""
    net = scaled.network
    g = GateList(net.n_inputs, net.input_names, name=f"{net.name}-arith")
    digits: list[list[int]] = [[TRUE]] + [[g.input(k)] for k in range(1, net.n_inputs + 1)]
    for nz in scaled.neurons:
        digits.append(neuron_digits(g, digits, nz, scaled.width(nz.node)))
    outs: list[tuple[str, int]] = []
    for name, node, boolean in outputs:
        bits = digits[node]
        if boolean:
            outs.append((name, g.or_all(bits)))
        else:
            outs.extend((f"{name}[{i}]", b) for i, b in enumerate(bits or [FALSE]))
    return g.circuit(outs)


def estimate_gates(scaled: Scaled) -> int:
    """An upper estimate of the gates `lower_circuit` builds before folding: 7 per literal put
    into the columns (a full adder removes one literal for 7 gates) plus 8 per column for the
    carry-propagate adder and the masking."""
    total = 0
    for nz in scaled.neurons:
        w = signed_width(nz.p_lo - 1, nz.p_hi) if nz.p_hi > 0 else 0
        lits = sum(len(naf(abs(c))) * scaled.width(y) for y, c in nz.terms)
        total += 7 * lits + 8 * w
    return total
