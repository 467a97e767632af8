"""Berkeley ABC as a yardstick: the AND-node count of a synthesised circuit for a truth table.

ABC reads the truth table with `read_truth` (a hex string, most significant digit first, input
`a` = bit 0 of the row index: the integer T_f = sum_i f(i) 2^i of `machines.encoding`), then runs
the optimisation script `SCRIPT` (ABC's standard `resyn2`, written out because the alias lives in
an abc.rc that is not installed, followed by `dc2`) and prints the AIG statistics. The count of
AND nodes is the circuit size we set beside Theorem 4.1's lookup network and Shannon's 2^n/n.

When the `berkeley-abc` (or `abc`) binary is missing, `synthesize` returns a result whose
`skipped` says why, and nothing is invented.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# resyn2 = "b; rw; rf; b; rw; rwz; b; rfz; rwz; b" (ABC's abc.rc), then dc2.
RESYN2 = (
    "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; "
    "rewrite -z; balance"
)
SCRIPT = f"strash; {RESYN2}; dc2"
BINARIES = ("berkeley-abc", "abc")

_STATS = re.compile(r"i/o\s*=\s*(\d+)\s*/\s*(\d+).*?and\s*=\s*(\d+)\s+lev\s*=\s*(\d+)", re.S)


@dataclass(frozen=True)
class AbcResult:
    """ABC's circuit for one truth table: AND nodes and levels after `script`, or why skipped."""

    n: int
    and_nodes: int | None
    levels: int | None
    strash_and_nodes: int | None  # before optimisation (the structural hash of the table)
    seconds: float | None
    script: str
    binary: str | None
    skipped: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "and_nodes": self.and_nodes,
            "levels": self.levels,
            "strash_and_nodes": self.strash_and_nodes,
            "seconds": self.seconds,
            "script": self.script,
            "binary": self.binary,
            "skipped": self.skipped,
        }


def find_abc() -> str | None:
    """The path of the ABC binary, or None."""
    for name in BINARIES:
        path = shutil.which(name)
        if path:
            return path
    return None


def truth_hex(bits: int, n: int) -> str:
    """T_f as ABC's `read_truth` hex string: 2^n bits, so 2^(n-2) hex digits (n >= 2)."""
    if n < 2:
        raise ValueError("read_truth needs at least 2 inputs (one hex digit)")
    if bits < 0 or bits >> (1 << n):
        raise ValueError(f"truth table does not fit in 2^{n} bits")
    return format(bits, f"0{1 << (n - 2)}x")


def parse_stats(output: str) -> list[tuple[int, int, int, int]]:
    """Every `print_stats` line of ABC's output as (inputs, outputs, and_nodes, levels)."""
    clean = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return [tuple(map(int, m.groups())) for m in _STATS.finditer(clean)]  # type: ignore[misc]


def synthesize(
    bits: int, n: int, script: str = SCRIPT, timeout: float = 120.0, binary: str | None = None
) -> AbcResult:
    """Run ABC on the truth table T_f (an int, bit i = f(i)) of a function on n inputs."""
    binary = binary or find_abc()
    if binary is None:
        return AbcResult(n, None, None, None, None, script, None, "berkeley-abc not installed")
    if n < 3:
        return AbcResult(n, None, None, None, None, script, binary, "read_truth needs n >= 3")
    if bits in (0, (1 << (1 << n)) - 1):
        # A constant needs no AND node; ABC itself aborts on constant tables (Abc_SopIsExorType).
        return AbcResult(n, 0, 0, 0, None, script, None)
    commands = f"read_truth {truth_hex(bits, n)}\nstrash\nprint_stats\n"
    commands += "\n".join(s.strip() for s in script.split(";") if s.strip()) + "\nprint_stats\n"
    with tempfile.TemporaryDirectory(prefix="tmnet-abc-") as tmp:
        path = Path(tmp) / "script.abc"
        path.write_text(commands, encoding="utf-8")
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [binary, "-f", str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=tmp,
            )
        except subprocess.TimeoutExpired:
            return AbcResult(n, None, None, None, None, script, binary, f"timeout {timeout}s")
        seconds = time.perf_counter() - start
    stats = parse_stats(proc.stdout + proc.stderr)
    if proc.returncode != 0 or len(stats) < 2:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or ["no output"]
        return AbcResult(n, None, None, None, seconds, script, binary, f"ABC failed: {tail[0]}")
    (i0, _, strash_ands, _), (i1, _, ands, levels) = stats[0], stats[-1]
    if i0 != n or i1 != n:
        return AbcResult(n, None, None, None, seconds, script, binary, f"ABC read {i0} inputs")
    return AbcResult(n, ands, levels, strash_ands, seconds, script, binary)
