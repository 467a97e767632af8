"""Check a printed network against the interpreter, for any `Family` (Cook-Levin or lookup).

`verify(family, machine, n)` prints C_n, evaluates it with the exact simulator in batch mode
(`simulate.simulate_batch`) on every input of length n (or a seeded sample), runs the machine on
the same inputs with the batched runner within its time bound T(n), and reports agreement,
each disagreement with its input word, and every time-bound violation: an input on which the
machine does not halt within T(n) steps (the network must reject it, and the family is still
reported as violating the bound, because the machine's declared T(n) is false there). For a
function machine (`Machine.output`) every output bit of the network is compared as well with
the tape the machine leaves (`machines.functions`).
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field, replace

import numpy as np

from tmnet import simulate
from tmnet.machines import encoding
from tmnet.machines.batch import ACCEPT, TIMEOUT, run_all, run_batch
from tmnet.machines.functions import output_rows
from tmnet.machines.model import Machine
from tmnet.uniform.errors import UniformError
from tmnet.uniform.family import Family

EXHAUSTIVE_LIMIT = 65536  # default: every input when 2^N is at most this


@dataclass(frozen=True)
class Mismatch:
    """One input where the network and the machine differ: the word (None if the input bits
    name no word), its input index, the network's output and the machine's outcome code
    (1 accept, 0 reject, 2 timeout)."""

    index: int
    word: str | None
    network: int
    machine: int
    # a function machine's output bits (machines.functions), as 0/1 strings, bit 0 first
    network_output: str = ""
    machine_output: str = ""


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of `verify`."""

    family: str
    machine: str
    n: int
    input_bits: int
    time_bound: int
    checked: int
    exhaustive: bool
    agree: int
    disagreements: tuple[Mismatch, ...]
    violations: tuple[Mismatch, ...]  # inputs where the machine runs out of time
    network_sizes: dict[str, int] = field(default_factory=dict)
    output_bits: int = 0  # m(n): output bits compared besides the verdict (function machines)
    print_seconds: float = 0.0
    simulate_seconds: float = 0.0
    run_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """All agree and no time-bound violation."""
        return not self.disagreements and not self.violations

    def timeouts_as_rejections(self) -> VerifyReport:
        """The report when a run that times out counts as a rejection (`--on-timeout reject`,
        the lookup printer's on_timeout='reject'): the network outputs 0 there, which agrees,
        so only the violations go."""
        return replace(self, violations=())

    def as_dict(self) -> dict[str, object]:
        def rows(ms: tuple[Mismatch, ...]) -> list[dict[str, object]]:
            return [m.__dict__ for m in ms]

        return {
            "family": self.family,
            "machine": self.machine,
            "n": self.n,
            "input_bits": self.input_bits,
            "time_bound": self.time_bound,
            "checked": self.checked,
            "exhaustive": self.exhaustive,
            "agree": self.agree,
            "ok": self.ok,
            "disagreements": rows(self.disagreements),
            "violations": rows(self.violations),
            "output_bits": self.output_bits,
            "network": self.network_sizes,
            "print_seconds": self.print_seconds,
            "simulate_seconds": self.simulate_seconds,
            "run_seconds": self.run_seconds,
        }


def _time_bound(family: Family, machine: Machine, n: int) -> int:
    t = getattr(family, "T", None)
    return int(t(n)) if callable(t) else machine.time_bound(n)


def verify(
    family: Family,
    machine: Machine,
    n: int,
    sample: int | None = None,
    seed: int = 0,
    max_listed: int = 20,
) -> VerifyReport:
    """Print C_n and compare it with the machine on all inputs (`sample=None` and 2^N small)
    or on `sample` distinct inputs drawn with `seed`. At most `max_listed` mismatches of each
    kind are kept (the counts are exact)."""
    if n < 0:
        raise UniformError(f"n must be >= 0, got {n}")
    n_bits = encoding.input_bits(machine, n)
    if sample is None and n_bits > 40:
        raise UniformError(f"2^{n_bits} inputs are too many to check all", hint="use --sample K")
    if sample is not None and sample < 1:
        raise UniformError("the sample size must be >= 1")
    T = _time_bound(family, machine, n)
    t0 = _time.perf_counter()
    printed = family.print(n)
    t1 = _time.perf_counter()
    net = printed.network
    if net.n_inputs != n_bits:
        raise UniformError(f"the printed network has {net.n_inputs} inputs, expected {n_bits}")
    exhaustive = sample is None or (n_bits < 62 and sample >= (1 << n_bits))
    if exhaustive:
        inputs = simulate.all_inputs(n_bits)
        indices = np.arange(len(inputs), dtype=np.int64)
    else:
        inputs = simulate.sample_inputs(n_bits, int(sample), seed)
        weights = np.left_shift(np.ones(n_bits, dtype=object), np.arange(n_bits)).astype(object)
        indices = (inputs.astype(object) * weights).sum(axis=1) if n_bits else np.zeros(1)
    values = np.asarray(simulate.simulate_batch(net, inputs, mode="batch"))
    out = values[:, 0]
    t2 = _time.perf_counter()
    if exhaustive:
        outcomes = run_all(machine, n, max_steps=T).outcomes
    else:
        outcomes = _run_sample(machine, inputs, T)
    m_bits = len(machine.output_cells(n)) if values.shape[1] > 1 else 0
    if m_bits:  # a function machine: every output bit is compared too
        if values.shape[1] != 1 + m_bits:
            raise UniformError(
                f"the printed network has {values.shape[1]} outputs, expected 1 + {m_bits}"
            )
        net_out = np.array(values[:, 1:].tolist(), dtype=np.int64)
        want_out = output_rows(machine, inputs, T).astype(np.int64)
    else:
        net_out = want_out = np.zeros((len(inputs), 0), dtype=np.int64)
    t3 = _time.perf_counter()
    net_bits = np.array([int(v) for v in out], dtype=np.int64)
    expected = (outcomes == ACCEPT).astype(np.int64)
    bad = np.flatnonzero((net_bits != expected) | (net_out != want_out).any(axis=1))
    late = np.flatnonzero(outcomes == TIMEOUT)

    def mismatch(i: int) -> Mismatch:
        word = encoding.decode_bits(machine, [int(b) for b in inputs[i]])
        return Mismatch(
            int(indices[i]),
            word,
            int(net_bits[i]),
            int(outcomes[i]),
            "".join(map(str, net_out[i])),
            "".join(map(str, want_out[i])),
        )

    return VerifyReport(
        family=family.name,
        machine=machine.name,
        n=n,
        input_bits=n_bits,
        time_bound=T,
        checked=len(inputs),
        exhaustive=exhaustive,
        agree=int(len(inputs) - len(bad)),
        disagreements=tuple(mismatch(int(i)) for i in bad[:max_listed]),
        violations=tuple(mismatch(int(i)) for i in late[:max_listed]),
        network_sizes=simulate.sizes(net).as_dict(),
        output_bits=m_bits,
        print_seconds=printed.print_seconds if printed.print_seconds else t1 - t0,
        simulate_seconds=t2 - t1,
        run_seconds=t3 - t2,
    )


def _run_sample(machine: Machine, inputs: np.ndarray, T: int) -> np.ndarray:
    """Outcome codes for sampled input rows; rows whose codes name no word are rejects."""
    words = [encoding.decode_bits(machine, [int(b) for b in row]) for row in inputs]
    outcomes = np.zeros(len(words), dtype=np.int8)
    valid = [i for i, w in enumerate(words) if w is not None]
    if valid:
        res = run_batch(machine, [words[i] for i in valid], max_steps=T)
        outcomes[valid] = res.outcomes
    return outcomes
