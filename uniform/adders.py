"""Boolean adders over a `logic.GateList`: half and full adders, carry-save (column) compression
and the carry-propagate adder that finishes a multi-operand addition.

Numbers are lists of literals, least significant bit first. A multi-operand addition is given
as *columns*: column j holds the literals of weight 2^j (every shifted copy of every operand
puts its bits into the columns). `compress` applies Wallace's rounds of 3:2 counters (full
adders) to every column until no column holds more than two literals; `ripple_add` then adds the
two remaining rows. All arithmetic is modulo 2^width: a caller who needs a signed result makes
the width large enough that the two's-complement value is exact (see `small_weights`).

Gate counts (two-input AND/OR; NOT free): half adder 4 (XOR 3, AND shared), full adder 7
(two XORs and one OR: carry = ab OR (a XOR b)c, both ANDs shared with the XORs).
"""

from __future__ import annotations

from collections.abc import Sequence

from tmnet.uniform.logic import FALSE, TRUE, GateList


def half_adder(g: GateList, a: int, b: int) -> tuple[int, int]:
    """(a XOR b, a AND b)."""
    return g.xor(a, b), g.and_(a, b)


def full_adder(g: GateList, a: int, b: int, c: int) -> tuple[int, int]:
    """(a XOR b XOR c, majority(a, b, c)) with the carry ab OR (a XOR b)c."""
    t = g.xor(a, b)
    return g.xor(t, c), g.or_(g.and_(a, b), g.and_(t, c))


def compress(g: GateList, columns: Sequence[Sequence[int]], width: int) -> list[list[int]]:
    """Carry-save reduction: full adders in rounds (Wallace) until every column of weight below
    2^width holds at most two literals; carries out of column width - 1 are dropped (mod
    2^width). Constant literals are folded away first (TRUEs of one column paired into a carry).
    """
    cols = [_fold_constants(list(c)) for c in list(columns)[:width]]
    cols += [[] for _ in range(width - len(cols))]
    # pairs of TRUE in one column become a TRUE carry into the next
    for j in range(width):
        ones = cols[j].count(TRUE)
        if ones > 1:
            cols[j] = [v for v in cols[j] if v != TRUE] + ([TRUE] if ones % 2 else [])
            if j + 1 < width:
                cols[j + 1].extend([TRUE] * (ones // 2))
    while any(len(c) > 2 for c in cols):
        nxt: list[list[int]] = [[] for _ in range(width)]
        for j, col in enumerate(cols):
            k = 0
            while len(col) - k >= 3:
                s, c = full_adder(g, col[k], col[k + 1], col[k + 2])
                k += 3
                nxt[j].append(s)
                if j + 1 < width:
                    nxt[j + 1].append(c)
            nxt[j].extend(col[k:])
        cols = [_fold_constants(c) for c in nxt]
    return cols


def _fold_constants(col: list[int]) -> list[int]:
    """A column without FALSE literals (they add nothing)."""
    return [v for v in col if v != FALSE]


def ripple_add(g: GateList, a: Sequence[int], b: Sequence[int], width: int) -> list[int]:
    """(a + b) mod 2^width by a ripple-carry (carry-propagate) adder; missing bits are 0."""
    out: list[int] = []
    carry = FALSE
    for j in range(width):
        x = a[j] if j < len(a) else FALSE
        y = b[j] if j < len(b) else FALSE
        s, c1 = half_adder(g, x, y)
        out.append(g.xor(s, carry))
        if j + 1 < width:
            carry = g.or_(c1, g.and_(s, carry))
    return out


def column_sum(g: GateList, columns: Sequence[Sequence[int]], width: int) -> list[int]:
    """The sum of all literals of all columns, literal v of column j counting v * 2^j, modulo
    2^width: carry-save compression, then one carry-propagate adder."""
    cols = compress(g, columns, width)
    a = [c[0] if c else FALSE for c in cols]
    b = [c[1] if len(c) > 1 else FALSE for c in cols]
    return ripple_add(g, a, b, width)


def naf(c: int) -> list[tuple[int, int]]:
    """The non-adjacent form of c > 0: [(shift, +1 or -1)], c = sum sign * 2^shift, with no two
    adjacent shifts; it has at most ceil((bitlen(c) + 1) / 2) digits, so a product with the
    constant c costs at most that many shifted copies."""
    if c <= 0:
        raise ValueError("naf needs c > 0")
    digits: list[tuple[int, int]] = []
    i = 0
    while c:
        if c & 1:
            d = 2 - (c & 3)  # +1 if c = 1 mod 4, -1 if c = 3 mod 4
            digits.append((i, d))
            c -= d
        c >>= 1
        i += 1
    return digits
