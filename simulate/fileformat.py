"""The `.net` file format: a strict, line-oriented, exact text form of a ReLU network.

The specification is docs/network-format.md. In short::

    tmnet-network 1
    # comment
    name and-gate
    inputs 2 a b
    size 1 3
    h1 1:-1 a:1 b:1
    output and h1
    end 1 3

The writer streams lines (`iter_lines`), so the description length T of Theorem 6.1 can be
measured without building the whole text. The reader checks every line as it comes, reports
`file:line: message`, enforces size limits (`Limits`) before it allocates, and never evaluates
code: numbers are matched by a regular expression and converted with int() or gmpy2.
"""

from __future__ import annotations

import math
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import IO

import gmpy2
import numpy as np

from tmnet.errors import excerpt
from tmnet.simulate.atomicio import atomic_open
from tmnet.simulate.errors import FormatError, LimitError
from tmnet.simulate.network import (
    _I64_MAX,
    _I64_MIN,
    Network,
    Weight,
    valid_input_name,
    valid_output_name,
)

MAGIC = "tmnet-network"
VERSION = 1
HEX_ABOVE_BITS = 64  # the writer prints integers wider than this in hexadecimal
_CHUNK_EDGES = 1 << 14

_UINT = r"(?:0[xX][0-9a-fA-F]+|[1-9][0-9]*|0)"
_NUMBER = re.compile(rf"(-?)({_UINT})(?:/({_UINT}))?\Z")
_COUNT = re.compile(r"(?:[1-9][0-9]*|0)\Z")
_NEURON = re.compile(r"h([1-9][0-9]*)\Z")
_BLANKS = " \t"  # token separators (docs/network-format.md); nothing else is whitespace here
_TOKEN_SPLIT = re.compile(r"[ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # tab is allowed inside a name


@dataclass(frozen=True)
class Limits:
    """Size limits of the reader; a file over one is rejected as soon as the excess is seen.

    The defaults accept every network tmnet prints on a workstation and reject absurd files
    quickly (tmnet's printers refuse, by default, to print a network above them). On the
    command line: --max-inputs, --max-neurons, --max-edges, --max-digits, --max-line.
    """

    max_inputs: int = 100_000
    max_neurons: int = 20_000_000  # `compile palindrome -n 40` prints 5.7 million
    max_edges: int = 80_000_000
    max_digits: int = 1_000_000  # digits of one numerator or denominator (decimal or hex)
    max_line: int = 16_000_000  # characters of one line (read before it is split)


DEFAULT_LIMITS = Limits()


# ---------------------------------------------------------------------------------- writing


def format_int(v: int) -> str:
    """Decimal up to HEX_ABOVE_BITS bits, else signed hexadecimal (linear time, no digit cap)."""
    if -(1 << HEX_ABOVE_BITS) < v < (1 << HEX_ABOVE_BITS):
        return str(v)
    return hex(v)


def format_weight(w: Weight) -> str:
    """p or p/q, exact."""
    if isinstance(w, Fraction):
        return f"{format_int(w.numerator)}/{format_int(w.denominator)}"
    return format_int(int(w))


def iter_lines(network: Network) -> Iterator[str]:
    """The `.net` text of a network, one line (with its newline) at a time."""
    for chunk in iter_chunks(network):
        yield from chunk.splitlines(keepends=True)


def iter_chunks(network: Network) -> Iterator[str]:
    """The `.net` text of a network in pieces of whole lines (the neurons in blocks of about
    `_CHUNK_EDGES` edges); their concatenation is `dumps(network)`.

    For int64 weights each block of neuron lines is laid out as bytes with whole-array numpy
    operations (`_int_block`); other weights are formatted edge by edge (`_exact_block`).
    """
    for part in _iter_parts(network):
        yield part if isinstance(part, str) else part.tobytes().decode("ascii")


def _iter_parts(network: Network) -> Iterator[str | np.ndarray]:
    """`iter_chunks`, with the int64 blocks left as their ASCII uint8 buffers (the writer
    hands those to the file as they are: no bytes/str copies)."""
    if "\n" in network.name or "\r" in network.name:
        raise FormatError("the network name must be a single line")
    if _CONTROL.search(network.name):
        raise FormatError("the network name must not hold control characters")
    head = [f"{MAGIC} {VERSION}\n"]
    if network.name.strip():
        head.append(f"name {network.name.strip()}\n")
    if network.input_alphabet:
        _check_alphabet(network.input_alphabet, FormatError)
        head.append(" ".join(["alphabet", *network.input_alphabet]) + "\n")
    head.append(" ".join(["inputs", str(network.n_inputs), *network.input_names]) + "\n")
    head.append(f"size {network.n_neurons} {network.n_edges}\n")
    yield "".join(head)
    fixed = ["1", *network.input_names]  # names of the nodes before the first neuron
    table = _name_table(fixed)
    ip = network.indptr
    m = network.n_neurons
    fast = isinstance(network.weights, np.ndarray) and (
        network.n_edges == 0 or int(network.weights.min()) > _I64_MIN
    )
    j = 0
    while j < m:
        lo = int(ip[j])
        j2 = int(np.searchsorted(ip, lo + _CHUNK_EDGES, side="right")) - 1
        j2 = min(max(j2, j + 1), m)
        yield _int_block(network, table, j, j2) if fast else _exact_block(network, fixed, j, j2)
        j = j2

    def name(node: int) -> str:
        return fixed[node] if node < len(fixed) else f"h{node - network.n_inputs}"

    tail = [f"output {out_name} {name(node)}\n" for out_name, node in network.outputs]
    tail.append(f"end {network.n_neurons} {network.n_edges}\n")
    yield "".join(tail)


def _exact_block(network: Network, fixed: list[str], j: int, j2: int) -> str:
    """Lines of neurons j..j2-1 (0-based), edge by edge (any exact weights)."""
    ip = network.indptr
    lo, hi = int(ip[j]), int(ip[j2])
    n_fixed = len(fixed)
    src = network.sources[lo:hi].tolist()
    names = [fixed[v] if v < n_fixed else f"h{v - n_fixed + 1}" for v in src]
    if isinstance(network.weights, np.ndarray):
        ws = [str(w) for w in network.weights[lo:hi].tolist()]
    else:
        ws = [format_weight(w) for w in network.weights[lo:hi]]
    lines = []
    for k in range(j, j2):
        a, b = int(ip[k]) - lo, int(ip[k + 1]) - lo
        parts = [f"{names[e]}:{ws[e]}" for e in range(a, b)]
        lines.append(f"h{k + 1} {' '.join(parts)}\n" if parts else f"h{k + 1}\n")
    return "".join(lines)


def _name_table(names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The ASCII bytes of `names`, padded into a (len, longest) uint8 matrix, and lengths."""
    raw = [nm.encode("ascii") for nm in names]
    lengths = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
    width = int(lengths.max())
    padded = b"".join(r.ljust(width, b"\0") for r in raw)
    mat = np.frombuffer(padded, dtype=np.uint8).reshape(len(raw), width).copy()
    return mat, lengths


_POW10 = 10 ** np.arange(1, 19, dtype=np.int64)


def _n_digits(v: np.ndarray) -> np.ndarray:
    """Decimal digits of each non-negative int64."""
    nd = np.ones(len(v), dtype=np.int64)
    if len(v):
        top = int(v.max())
        for p in _POW10:
            if p > top:
                break
            nd += v >= p
    return nd


def _digit_columns() -> tuple[np.ndarray, ...]:
    """Per digit position k = 0..3 (units first), the ASCII digit of 0..9999 there (uint8)."""
    v = np.arange(10000, dtype=np.int64)
    cols = tuple((48 + (v // 10**k) % 10).astype(np.uint8) for k in range(4))
    for c in cols:
        c.flags.writeable = False
    return cols


_DIGIT_COLUMNS = _digit_columns()


def _put_digits(
    buf: np.ndarray, end: np.ndarray, v: np.ndarray, nd: np.ndarray, ascending: bool = False
) -> None:
    """Write the decimal digits of v (non-negative) so that the last one lands at end - 1.

    The values sorted by digit count, longest first (a stable sort of small counts; nothing to
    sort when `ascending` says v is), so that the values that have a digit at position d are
    a prefix; digits come from four-digit table lookups, one gather and one scatter per digit
    position over that prefix.
    """
    top = int(nd.max()) if len(nd) else 0
    if top <= 1:
        buf[end - 1] = v + 48
        return
    have = np.cumsum(np.bincount(nd, minlength=top + 1)[::-1])[::-1].tolist()  # nd >= d
    if ascending:  # v already ascending (so is nd): reversed, the longest come first
        x = v[::-1]
        pos = end[::-1] - 1
    else:
        order = np.argsort(np.uint8(top) - nd.astype(np.uint8), kind="stable")
        x = v[order]
        pos = end[order] - 1
    for g in range(-(-top // 4)):
        m = have[4 * g + 1]
        if g:
            x = x[:m] // 10000
            pos = pos[:m] - 4
        r = x % 10000 if 4 * g + 4 < top else x
        for k in range(4):
            d = 4 * g + k
            if d >= top:
                break
            m = have[d + 1]
            buf[pos[:m] - k] = _DIGIT_COLUMNS[k][r[:m]]


def _int_block(
    network: Network, table: tuple[np.ndarray, np.ndarray], j: int, j2: int
) -> np.ndarray:
    """Lines of neurons j..j2-1 (0-based) for int64 weights, laid out as ASCII in a uint8
    buffer: per neuron ``hK`` then, per edge, `` name:weight``, then a newline."""
    mat, mlen = table
    n_fixed = len(mlen)
    ip = network.indptr
    lo, hi = int(ip[j]), int(ip[j2])
    counts = np.diff(ip[j : j2 + 1])
    src = network.sources[lo:hi].astype(np.int64)
    w = network.weights[lo:hi]
    # lengths: name, ":", sign, digits; a leading space per edge; the line's "hK" and "\n"
    is_fixed = src < n_fixed
    knum = np.where(is_fixed, 0, src - n_fixed + 1)
    knd = _n_digits(knum)
    name_len = np.where(is_fixed, mlen[np.minimum(src, n_fixed - 1)], 1 + knd)
    neg = w < 0
    mag = np.abs(w)
    wnd = _n_digits(mag)
    edge_len = 1 + name_len + 1 + neg + wnd
    hnum = np.arange(j + 1, j2 + 1, dtype=np.int64)
    hnd = _n_digits(hnum)
    csum = np.zeros(hi - lo + 1, dtype=np.int64)
    np.cumsum(edge_len, out=csum[1:])
    starts = ip[j:j2] - lo
    line_len = 1 + hnd + 1 + (csum[starts + counts] - csum[starts])
    line_start = np.zeros(j2 - j + 1, dtype=np.int64)
    np.cumsum(line_len, out=line_start[1:])
    buf = np.full(int(line_start[-1]) + 1, 32, dtype=np.uint8)  # spaces; a scratch byte
    # neuron names and newlines
    buf[line_start[:-1]] = 104  # "h"
    _put_digits(buf, line_start[:-1] + 1 + hnd, hnum, hnd, ascending=True)
    buf[line_start[1:] - 1] = 10
    # edges: offset of each edge's leading space within its line
    line_of = np.repeat(np.arange(j2 - j), counts)
    within = csum[:-1] - csum[starts][line_of]
    e0 = (line_start[:-1] + 1 + hnd)[line_of] + within  # the space before the edge
    p = e0 + 1  # start of the name
    f = np.flatnonzero(is_fixed)
    if len(f):
        fs, fp, fl = src[f], p[f], mlen[src[f]]
        for c in range(mat.shape[1]):
            sel = fl > c
            if not sel.any():
                break
            buf[fp[sel] + c] = mat[fs[sel], c]
    h = np.flatnonzero(~is_fixed)
    if len(h):
        buf[p[h]] = 104
        _put_digits(buf, p[h] + 1 + knd[h], knum[h], knd[h])
    colon = p + name_len
    buf[colon] = 58
    buf[colon[neg] + 1] = 45  # "-"
    _put_digits(buf, colon + 1 + neg + wnd, mag, wnd)
    return buf[:-1]


def dumps(network: Network) -> str:
    """The `.net` text of a network as one string."""
    return "".join(iter_chunks(network))


def write_network(
    network: Network,
    path: str | os.PathLike[str],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write a network to a `.net` file atomically (temporary file, then rename).

    `progress(bytes)` is called after each part with the number of bytes just written."""
    network.check()
    with atomic_open(path, "wb") as handle:
        for part in _iter_parts(network):
            data = part.encode("utf-8") if isinstance(part, str) else memoryview(part)
            handle.write(data)
            if progress is not None:
                progress(len(data))


# ---------------------------------------------------------------------------------- reading


def _check_alphabet(symbols: tuple[str, ...], error: Callable[[str], Exception]) -> None:
    """An `alphabet` line's symbols: distinct single printable non-blank characters."""
    for sym in symbols:
        if len(sym) != 1 or not sym.isprintable() or sym in _BLANKS:
            raise error(f"alphabet symbol {_q(sym)} is not one printable character")
    if len(set(symbols)) != len(symbols):
        raise error("an alphabet symbol is listed twice")


def _q(text: str) -> str:
    """A token quoted for an error message, cut to a few hundred characters."""
    return repr(excerpt(text))


def _parse_uint(text: str) -> int:
    if text[:2] in ("0x", "0X"):
        return int(text, 16)
    if len(text) > 4000:  # beyond CPython's int() digit cap; gmpy2 converts in subquadratic time
        return int(gmpy2.mpz(text))
    return int(text)


class _Reader:
    def __init__(self, filename: str, limits: Limits):
        self.file = filename
        self.limits = limits
        self.line = 0

    def err(self, message: str, hint: str = "") -> FormatError:
        return FormatError(message, file=self.file, line=self.line, hint=hint)

    def limit(self, what: str, value: int, option: str, field: str) -> LimitError:
        return LimitError(
            f"{what} {value} exceeds the limit {getattr(self.limits, field)}",
            file=self.file,
            line=self.line,
            hint=f"raise it with {option} (Limits.{field}) if the file is trusted",
        )

    def count(self, text: str, what: str) -> int:
        if not _COUNT.match(text):
            raise self.err(f"{what} must be a non-negative decimal integer, not {_q(text)}")
        if len(text) > 18:
            raise self.err(f"{what} {text} is absurdly large")
        return int(text)

    def number(self, text: str) -> Weight:
        m = _NUMBER.match(text)
        if not m:
            raise self.err(f"bad number {_q(text)} (expected an integer p or a fraction p/q)")
        sign, p_text, q_text = m.groups()
        for part in (p_text, q_text):
            if part is not None:
                digits = len(part) - 2 if part[:2] in ("0x", "0X") else len(part)
                if digits > self.limits.max_digits:
                    raise self.limit("a number with", digits, "--max-digits", "max_digits")
        p = _parse_uint(p_text)
        if sign:
            p = -p
        if q_text is None:
            return p
        q = _parse_uint(q_text)
        if q == 0:
            raise self.err(f"zero denominator in {_q(text)}")
        if q == 1:
            raise self.err(
                f"denominator 1 in {_q(text)}; write the integer {excerpt(format_int(p))}"
            )
        if math.gcd(p, q) != 1:
            f = Fraction(p, q)
            raise self.err(f"{_q(text)} is not in lowest terms; write {excerpt(format_weight(f))}")
        return Fraction(p, q)

    def read(self, lines: Iterable[str]) -> Network:  # noqa: C901 - one state machine
        limits = self.limits
        state = "header"  # header -> inputs -> body -> outputs -> done
        name = "network"
        alphabet: tuple[str, ...] = ()
        n_inputs = 0
        input_names: tuple[str, ...] = ()
        lookup: dict[str, int] = {}
        declared: tuple[int, int] | None = None
        indptr = array("q", [0])
        sources = array("q")
        small: array | None = array("q")
        big: list[Weight] | None = None
        outputs: list[tuple[str, int]] = []
        out_names: set[str] = set()
        first = 0
        n_neurons = 0
        last_line = 0
        for self.line, raw in enumerate(lines, start=1):
            last_line = self.line
            if len(raw) > limits.max_line:
                raise self.limit("a line of", len(raw), "--max-line", "max_line")
            text = raw.removesuffix("\n").removesuffix("\r")
            stripped = text.strip(_BLANKS)
            if not stripped or stripped.startswith("#"):
                continue
            if state == "done":
                raise self.err("content after the 'end' line")
            tokens = _TOKEN_SPLIT.split(stripped)  # spaces or tabs only (the spec)
            key = tokens[0]
            if state == "header":
                if key != MAGIC:
                    raise self.err(
                        f"not a tmnet network file: expected '{MAGIC} {VERSION}' first",
                    )
                if len(tokens) != 2 or tokens[1] != str(VERSION):
                    raise self.err(f"unsupported version line {_q(stripped)} (this reader: 1)")
                state = "inputs"
                continue
            if state == "inputs":
                if key == "alphabet":
                    if alphabet:
                        raise self.err("'alphabet' is given twice")
                    alphabet = tuple(tokens[1:])
                    if not alphabet:
                        raise self.err("'alphabet' needs at least one symbol")
                    _check_alphabet(alphabet, self.err)
                    continue
                if key == "name":
                    name = stripped[4:].strip(_BLANKS)
                    bad = _CONTROL.search(name)
                    if bad:  # XML (GraphML) and terminals cannot carry them
                        raise self.err(
                            f"the network name has the control character {bad.group()!r}",
                            hint="names are printable text",
                        )
                    continue
                if key != "inputs":
                    raise self.err(f"expected 'inputs N [names]', got {_q(key)}")
                if len(tokens) < 2:
                    raise self.err("'inputs' needs the number of inputs")
                n_inputs = self.count(tokens[1], "the number of inputs")
                if n_inputs > limits.max_inputs:
                    raise self.limit("input count", n_inputs, "--max-inputs", "max_inputs")
                given = tokens[2:]
                if given and len(given) != n_inputs:
                    raise self.err(f"{len(given)} input names for {n_inputs} inputs")
                input_names = tuple(given) or tuple(f"x{i}" for i in range(1, n_inputs + 1))
                lookup = {"1": 0}
                for i, nm in enumerate(input_names, start=1):
                    if not valid_input_name(nm):
                        raise self.err(
                            f"invalid input name {_q(nm)}",
                            hint="names are letters, digits, _ . [ ] -, not starting with a "
                            "digit, and not h<k> (neurons) or 0/1 (constants)",
                        )
                    if nm in lookup:
                        raise self.err(f"duplicate input name {_q(nm)}")
                    lookup[nm] = i
                first = n_inputs + 1
                state = "body"
                continue
            if state == "body" and key == "size":
                if declared is not None or n_neurons:
                    raise self.err("'size' must come once, before the first neuron")
                if len(tokens) != 3:
                    raise self.err("expected 'size NEURONS EDGES'")
                declared = (
                    self.count(tokens[1], "the neuron count"),
                    self.count(tokens[2], "the edge count"),
                )
                if declared[0] > limits.max_neurons:
                    raise self.limit("neuron count", declared[0], "--max-neurons", "max_neurons")
                if declared[1] > limits.max_edges:
                    raise self.limit("edge count", declared[1], "--max-edges", "max_edges")
                continue
            if state == "body" and key[0] == "h" and key != "h":
                m = _NEURON.match(key)
                if not m:
                    raise self.err(f"bad neuron name {_q(key)} (expected h{n_neurons + 1})")
                k = int(m.group(1))
                if k != n_neurons + 1:
                    what = "duplicate or out-of-order" if k <= n_neurons else "missing neuron(s);"
                    raise self.err(f"{what} neuron {key}: expected h{n_neurons + 1}")
                n_neurons += 1
                if n_neurons > limits.max_neurons:
                    raise self.limit("neuron count", n_neurons, "--max-neurons", "max_neurons")
                seen: set[int] = set()
                for tok in tokens[1:]:
                    ref, colon, wtext = tok.partition(":")
                    if not colon:
                        raise self.err(f"bad edge {_q(tok)} (expected SOURCE:WEIGHT)")
                    src = lookup.get(ref)
                    if src is None:
                        if ref == "0":
                            src = -1  # the constant 0 of Definition 2.1: contributes nothing
                        else:
                            mm = _NEURON.match(ref)
                            if not mm:
                                raise self.err(f"unknown source {_q(ref)} in neuron {key}")
                            r = int(mm.group(1))
                            if r == k:
                                raise self.err(f"self reference: neuron {key} reads itself")
                            if r > k:
                                raise self.err(
                                    f"forward reference: neuron {key} reads {ref}, "
                                    "which comes later (sources must be earlier nodes)"
                                )
                            src = first + r - 1
                    if src in seen:
                        raise self.err(f"neuron {key} reads {ref} twice (merge the edges)")
                    seen.add(src)
                    w = self.number(wtext)
                    if w == 0:
                        raise self.err(f"zero weight on {ref} in neuron {key} (omit the edge)")
                    if src < 0:
                        continue
                    sources.append(src)
                    if small is not None:
                        if type(w) is int and _I64_MIN <= w <= _I64_MAX:
                            small.append(w)
                            continue
                        big = list(small)
                        small = None
                    assert big is not None
                    big.append(w)
                if len(sources) > limits.max_edges:
                    raise self.limit("edge count", len(sources), "--max-edges", "max_edges")
                indptr.append(len(sources))
                continue
            if state in ("body", "outputs") and key == "output":
                state = "outputs"
                if len(tokens) != 3:
                    raise self.err("expected 'output NAME NODE'")
                out_name, ref = tokens[1], tokens[2]
                if not valid_output_name(out_name):
                    raise self.err(f"invalid output name {_q(out_name)}")
                if out_name in out_names:
                    raise self.err(f"duplicate output name {_q(out_name)}")
                node = lookup.get(ref)
                if node is None:
                    mm = _NEURON.match(ref)
                    if not mm or int(mm.group(1)) > n_neurons:
                        raise self.err(f"output {_q(out_name)} names unknown node {_q(ref)}")
                    node = first + int(mm.group(1)) - 1
                out_names.add(out_name)
                outputs.append((out_name, node))
                continue
            if state in ("body", "outputs") and key == "end":
                if len(tokens) != 3:
                    raise self.err("expected 'end NEURONS EDGES'")
                counts = (
                    self.count(tokens[1], "the neuron count"),
                    self.count(tokens[2], "the edge count"),
                )
                actual = (n_neurons, len(sources))
                if counts != actual or (declared is not None and declared != actual):
                    raise self.err(
                        f"counts do not match: the file has {actual[0]} neurons and "
                        f"{actual[1]} edges, but says {counts if declared is None else declared}"
                    )
                if not outputs:
                    raise self.err("missing output: the network has no 'output' line")
                state = "done"
                continue
            if state == "outputs" and key[0] == "h":
                raise self.err("neuron after the outputs (outputs come last, before 'end')")
            raise self.err(f"bad line: unexpected {_q(key)} ({stripped[:40]!r})")
        if state != "done":
            self.line = last_line
            raise self.err(
                "truncated file: no 'end NEURONS EDGES' line"
                if state != "header"
                else f"empty file: expected '{MAGIC} {VERSION}'"
            )
        n_nodes = first + n_neurons
        src_arr = np.frombuffer(sources, dtype=np.int64).astype(
            np.int32 if n_nodes < 2**31 else np.int64
        )
        weights: np.ndarray | tuple[Weight, ...]
        if small is not None:
            weights = np.frombuffer(small, dtype=np.int64).copy()
        else:
            assert big is not None
            weights = tuple(big)
        return Network(
            n_inputs,
            input_names,
            np.frombuffer(indptr, dtype=np.int64).copy(),
            src_arr,
            weights,
            tuple(outputs),
            name,
            alphabet,
        )


def read_lines(
    lines: Iterable[str], filename: str = "<string>", limits: Limits | None = None
) -> Network:
    """Parse `.net` lines (any iterable of strings, e.g. an open file)."""
    return _Reader(filename, limits or DEFAULT_LIMITS).read(lines)


def _split_lines(text: str) -> Iterator[str]:
    """The lines of `text` split at "\\n" only, as `read_network` splits a file (a VT, FF,
    NEL or U+2028 inside a line is part of it, not a line break)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _file_lines(handle: IO[str], max_line: int) -> Iterator[str]:
    """The lines of an open file, never reading more than `max_line` + 1 characters at once
    (so /dev/zero or a 100 MB line is refused after that much, not loaded whole)."""
    while True:
        line = handle.readline(max_line + 1)
        if not line:
            return
        yield line


def loads(text: str, filename: str = "<string>", limits: Limits | None = None) -> Network:
    """Parse the `.net` text of a network; errors are `FormatError`/`LimitError` with a line."""
    return read_lines(_split_lines(text), filename, limits)


def read_network(path: str | os.PathLike[str], limits: Limits | None = None) -> Network:
    """Read a `.net` file line by line (never evaluates code)."""
    name = os.fspath(path)
    try:
        limits = limits or DEFAULT_LIMITS
        with open(name, encoding="utf-8", newline="\n") as handle:
            return read_lines(_file_lines(handle, limits.max_line), name, limits)
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text ({exc.reason})", file=name) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=name) from None
