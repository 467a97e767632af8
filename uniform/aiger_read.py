"""Read a combinational binary AIGER file (what ABC's `write_aiger` writes) into a `Circuit`.

The reverse of `uniform.circuit_io.to_aig`, for circuits made elsewhere (ABC's synthesis in
`benchmarks.constructions`): header ``aig M I L O A`` (L = 0: no latches), O output literals,
then A AND gates as pairs of 7-bit varint deltas (lhs - rhs0, rhs0 - rhs1), then symbols.
Variable v >= 1 is input x_v for v <= I and AND gate v - I otherwise; an odd literal is the
NOT of its variable. Gates are rebuilt with a folding `CircuitBuilder`, so the circuit is
normalized and both gadget modes of `uniform.to_network` apply.
"""

from __future__ import annotations

from tmnet.uniform.circuit import AND, FALSE, TRUE, Circuit, CircuitBuilder
from tmnet.uniform.errors import UniformError


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if pos >= len(data):
            raise UniformError("the AIGER file ends inside an AND gate")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def read_aig(data: bytes, name: str = "aig") -> Circuit:
    """The circuit of a binary AIGER text (combinational: no latches)."""
    end = data.find(b"\n")
    header = data[:end].decode("ascii", "replace").split()
    if len(header) != 6 or header[0] != "aig" or not all(h.isdigit() for h in header[1:]):
        raise UniformError(f"not a binary AIGER header: {' '.join(header)!r}")
    m, n_in, latches, n_out, n_and = map(int, header[1:])
    if latches:
        raise UniformError("the AIGER file has latches; only combinational circuits are read")
    pos = end + 1
    outputs = []
    for _ in range(n_out):
        nl = data.find(b"\n", pos)
        outputs.append(int(data[pos:nl]))
        pos = nl + 1
    b = CircuitBuilder(n_in, name=name)
    node = [FALSE] + [b.input(v) for v in range(1, n_in + 1)]

    def lit(x: int) -> int:
        base = node[x >> 1]
        if not x & 1:
            return base
        if base in (FALSE, TRUE):
            return TRUE if base == FALSE else FALSE
        return b.not_(base)

    for g in range(n_and):
        lhs = 2 * (n_in + g + 1)
        d0, pos = _varint(data, pos)
        d1, pos = _varint(data, pos)
        rhs0 = lhs - d0
        rhs1 = rhs0 - d1
        node.append(b.gate(AND, [lit(rhs0), lit(rhs1)]))
    if len(node) != m + 1:
        raise UniformError(f"the header says M = {m}, the file has {len(node) - 1} variables")
    for k, o in enumerate(outputs):
        b.output(lit(o), f"y{k + 1}" if n_out > 1 else "f")
    return b.build()
