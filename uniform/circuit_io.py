"""Circuit export: BLIF, binary AIGER (.aig) and ASCII AIGER (.aag), read by standard logic tools.

Inputs appear in the order x1..xn under their names; the outputs keep their names (the tableau's
is ``accept``). AIGER has only two-input ANDs and inverted edges: NOT is an inverted literal, an
AND of k inputs a chain of k - 1 ANDs, an OR of k inputs the inverted AND of the inverted inputs
(De Morgan). Both AIGER forms carry a symbol table (``i0 x1`` ... ``o0 accept``) and follow the
AIGER 1.9 header ``aig M I L O A`` with L = 0 (no latches). Files are written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np

from tmnet.simulate.atomicio import atomic_open, atomic_write
from tmnet.uniform.circuit import AND, FALSE, NOT, OR, TRUE, Circuit
from tmnet.uniform.errors import UniformError

FORMATS = ("blif", "aig", "aag")


# ------------------------------------------------------------------------------- BLIF
def iter_blif(c: Circuit) -> Iterator[str]:
    """The circuit as BLIF text, in chunks: one ``.names`` cover per gate."""
    name = c.name.replace(" ", "_") or "circuit"
    yield f".model {_blif_safe(name)}\n"
    yield ".inputs " + " ".join(c.input_names) + "\n"
    yield ".outputs " + " ".join(o for o, _ in c.outputs) + "\n"
    yield ".names c0\n.names c1\n1\n"
    names = ["c0", "c1", *c.input_names]
    first = c.first_gate
    ip = c.indptr.tolist()
    fan = c.fanin.tolist()
    kinds = c.kinds.tolist()
    out: list[str] = []

    def nm(v: int) -> str:
        return names[v] if v < first else f"g{v}"

    for g, kind in enumerate(kinds):
        ins = fan[ip[g] : ip[g + 1]]
        head = ".names " + " ".join(nm(v) for v in ins) + f" g{first + g}\n"
        k = len(ins)
        if kind == AND:
            out.append(head + "1" * k + " 1\n")
        elif kind == OR:
            out.append(head + "".join("-" * i + "1" + "-" * (k - i - 1) + " 1\n" for i in range(k)))
        else:
            out.append(head + "0 1\n")
        if len(out) >= 4096:
            yield "".join(out)
            out.clear()
    yield "".join(out)
    for oname, node in c.outputs:
        yield f".names {nm(node)} {oname}\n1 1\n"
    yield ".end\n"


def _blif_safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "_[]=,." else "_" for ch in name)


def to_blif(c: Circuit) -> str:
    return "".join(iter_blif(c))


# ------------------------------------------------------------------------------- AIGER
def aiger_ands(c: Circuit) -> tuple[np.ndarray, list[int], int]:
    """The AND gates of the circuit's AIG as an (A, 3) array of literals (lhs, rhs0, rhs1) with
    lhs = 2 (I + i + 1) and rhs0 >= rhs1, the output literals, and M (the maximum variable)."""
    n_in = c.n_inputs
    first = c.first_gate
    lit = np.zeros(c.n_nodes, dtype=np.int64)
    lit[TRUE] = 1
    lit[2 : 2 + n_in] = 2 * np.arange(1, n_in + 1)
    ands: list[tuple[int, int, int]] = []
    var = n_in
    ip = c.indptr.tolist()
    fan = c.fanin.tolist()
    for g, kind in enumerate(c.kinds.tolist()):
        ins = [int(lit[v]) for v in fan[ip[g] : ip[g + 1]]]
        if kind == NOT:
            lit[first + g] = ins[0] ^ 1
            continue
        if kind == OR:
            ins = [x ^ 1 for x in ins]
        acc = ins[0]
        for x in ins[1:]:
            var += 1
            lhs = 2 * var
            a, b = (acc, x) if acc >= x else (x, acc)
            ands.append((lhs, a, b))
            acc = lhs
        lit[first + g] = acc ^ 1 if kind == OR else acc
    arr = np.array(ands, dtype=np.int64).reshape(-1, 3)
    outs = [int(lit[node]) for _, node in c.outputs]
    return arr, outs, var


def _symbols(c: Circuit) -> str:
    lines = [f"i{k} {nm}\n" for k, nm in enumerate(c.input_names)]
    lines += [f"o{k} {nm}\n" for k, (nm, _) in enumerate(c.outputs)]
    lines.append(f"c\n{c.name}\n")
    return "".join(lines)


def to_aag(c: Circuit) -> str:
    """ASCII AIGER (not read by ABC; for people and other tools)."""
    ands, outs, m = aiger_ands(c)
    parts = [f"aag {m} {c.n_inputs} 0 {len(outs)} {len(ands)}\n"]
    parts += [f"{2 * k}\n" for k in range(1, c.n_inputs + 1)]
    parts += [f"{o}\n" for o in outs]
    parts += [f"{a} {b} {d}\n" for a, b, d in ands.tolist()]
    parts.append(_symbols(c))
    return "".join(parts)


def _varints(values: np.ndarray) -> bytes:
    """AIGER's 7-bit little-endian varint encoding of non-negative ints, vectorised."""
    v = values.astype(np.uint64)
    if not len(v):
        return b""
    nbytes = np.ones(len(v), dtype=np.int64)
    t = v >> np.uint64(7)
    while t.any():
        nbytes += t > 0
        t >>= np.uint64(7)
    total = int(nbytes.sum())
    out = np.zeros(total, dtype=np.uint8)
    starts = np.zeros(len(v), dtype=np.int64)
    np.cumsum(nbytes[:-1], out=starts[1:])
    rest = v.copy()
    for j in range(int(nbytes.max())):
        sel = nbytes > j
        byte = (rest[sel] & np.uint64(0x7F)).astype(np.uint8)
        more = (nbytes[sel] > j + 1).astype(np.uint8) << 7
        out[starts[sel] + j] = byte | more
        rest[sel] >>= np.uint64(7)
    return out.tobytes()


def to_aig(c: Circuit) -> bytes:
    """Binary AIGER: header, output literals, delta-encoded ANDs, symbol table."""
    ands, outs, m = aiger_ands(c)
    head = f"aig {m} {c.n_inputs} 0 {len(outs)} {len(ands)}\n" + "".join(f"{o}\n" for o in outs)
    if len(ands):
        deltas = np.empty(2 * len(ands), dtype=np.int64)
        deltas[0::2] = ands[:, 0] - ands[:, 1]
        deltas[1::2] = ands[:, 1] - ands[:, 2]
        body = _varints(deltas)
    else:
        body = b""
    return head.encode() + body + _symbols(c).encode()


def write_circuit(c: Circuit, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Write the circuit as BLIF, AIGER or ASCII AIGER (from `fmt` or the file's extension);
    returns the format used."""
    fmt = fmt or format_of(path)
    if fmt == "blif":
        with atomic_open(path, "w") as handle:
            for chunk in iter_blif(c):
                handle.write(chunk)
    elif fmt == "aig":
        atomic_write(path, to_aig(c))
    elif fmt == "aag":
        atomic_write(path, to_aag(c))
    else:
        raise UniformError(f"unknown circuit format {fmt!r}", hint="blif, aig or aag")
    return fmt


def format_of(path: str | os.PathLike[str]) -> str:
    ext = os.path.splitext(str(path))[1].lower().lstrip(".")
    if ext not in FORMATS:
        raise UniformError(f"cannot tell the circuit format of {str(path)!r}", hint="blif/aig/aag")
    return ext


_ = FALSE  # node 0 is the constant FALSE: literal 0 in AIGER, c0 in BLIF
