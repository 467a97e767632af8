"""How fast the interpreter and the batched runner are.

Run: python -m tmnet.benchmarks.interpreter_speed

Figures follow /work/shared/BENCHMARKING.md through benchmarks/timing.py: same-process,
interleaved rounds (A, B, A, B after a warm-up call of each), medians with min-max ranges,
every variant checked against the reference before it is timed.

1. `machines.run` against automata-lib's DTM (`automata.tm.dtm.DTM`, imported lazily) on the
   same machine and input: a head bouncing between the ends of a 20-symbol word, STEPS steps
   for `run`, STEPS / 10 for automata-lib (it copies its tape each step). Target: >= 20x
   automata-lib's steps/s. Then `run` on a machine whose tape grows by one cell per step, at
   10^5 and 10^6 steps: the rate must not drop.
2. The batched runner (`run_all`) over all 2^16 inputs of length 16 of a linear-time machine
   (parity), in machine-steps/s (inputs x the steps `run` takes on each), against a loop of
   `run` over every 16th input. Target: >= 100 million machine-steps/s. `run_batch` on the
   same 2^16 words as strings, against the same loop.
3. Truth-table entries per second of `run_all` at n = 20 for linear-time machines, as a ratio to
   the 10 M entries/s target of the lookup printer (and palindrome, quadratic, which takes the
   general engine, for scale).

`measure(quick)` returns these as rows for benchmarks/perf.py; `main()` prints them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from tmnet import machines
from tmnet.benchmarks import timing
from tmnet.machines import library

STEPS = 10**6
TARGET_VS_AUTOMATA = 20.0
TARGET_BATCH_STEPS = 100e6
TARGET_ENTRIES = 10e6
LINEAR = ("parity", "div3", "contains101", "sorted", "first_equals_last")

BOUNCE = """
machine bounce
input 0 1
tape 0 1 _
blank _
start right
accept acc
reject rej
time 1
right {0,1} -> * * R
right _ -> left * L
left {0,1} -> * * L
left _ -> right * R
"""

GROW = """
machine grow
input 0 1
tape 0 1 _
blank _
start go
accept acc
reject rej
time 1
go * -> * 1 R
"""


def _automata_dtm(machine: machines.Machine) -> Any:
    from automata.tm.dtm import DTM  # lazily: automata-lib is a benchmark extra

    moves = {machines.Move.L: "L", machines.Move.R: "R", machines.Move.S: "N"}
    transitions: dict = {}
    for (state, symbol), t in machine.transitions.items():
        transitions.setdefault(state, {})[symbol] = (t.next_state, t.write, moves[t.move])
    return DTM(
        states=set(machine.states),
        input_symbols=set(machine.input_alphabet),
        tape_symbols=set(machine.tape_alphabet),
        transitions=transitions,
        initial_state=machine.start,
        blank_symbol=machine.blank,
        final_states={machine.accept},
    )


def _automata_state(dtm: Any, word: str, steps: int) -> str:
    state = ""
    for i, config in enumerate(dtm.read_input_stepwise(word)):
        state = config.state
        if i == steps:
            break
    return state


class _Clock:
    """A callable that times each call of `fn` (so interleaved rounds also give rates)."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn
        self.seconds: list[float] = []

    def __call__(self) -> object:
        dt, out = timing.timed(self.fn)
        self.seconds.append(dt)
        return out

    def rates(self, work: float) -> list[float]:
        """work / seconds of every timed call after the warm-up call."""
        return [work / s for s in self.seconds[1:]]


def run_vs_automata(rounds: int, steps: int = STEPS) -> dict[str, Any] | None:
    """`run` vs automata-lib on the bouncing head: ratios of steps/s (None without automata)."""
    m = machines.parse(BOUNCE)
    word = "01" * 10
    try:
        dtm = _automata_dtm(m)
    except ImportError:
        return None
    theirs_steps = steps // 10
    r = machines.run(m, word, max_steps=steps)
    assert r.steps == steps and r.outcome is machines.Outcome.TIMEOUT
    reference = machines.run(m, word, max_steps=theirs_steps).state
    assert _automata_state(dtm, word, theirs_steps) == reference
    ours = _Clock(lambda: machines.run(m, word, max_steps=steps))
    theirs = _Clock(lambda: _automata_state(dtm, word, theirs_steps))
    ratios = [x * steps / theirs_steps for x in timing.interleaved(ours, theirs, rounds)]
    return {
        "ratios": ratios,
        "ours": ours.rates(steps / 1e6),
        "theirs": theirs.rates(theirs_steps / 1e6),
        "steps": steps,
        "theirs_steps": theirs_steps,
    }


def growing_tape(rounds: int) -> tuple[list[float], list[float], list[float]]:
    """`run` on a tape growing one cell per step: M steps/s at 10^5 and 10^6 cells, and ratio."""
    g = machines.parse(GROW)
    small = _Clock(lambda: machines.run(g, "", max_steps=STEPS // 10))
    large = _Clock(lambda: machines.run(g, "", max_steps=STEPS))
    assert len(machines.run(g, "", max_steps=STEPS).tape) == STEPS + 1
    timing.interleaved(large, small, rounds)
    a, b = small.rates(STEPS / 10 / 1e6), large.rates(STEPS / 1e6)
    return a, b, [y / x for x, y in zip(a, b, strict=True)]


def _words(n: int) -> list[str]:
    return ["".join("1" if (i >> k) & 1 else "0" for k in range(n)) for i in range(1 << n)]


def batch_vs_run(rounds: int, n: int = 16, name: str = "parity") -> dict[str, Any]:
    """`run_all` and `run_batch` over all 2^n inputs vs a loop of `run` (every 16th input)."""
    m = library.load(name)
    words = _words(n)
    loop_words = words[::16]
    runs = [machines.run(m, w) for w in words]
    result = machines.run_all(m, n)
    assert result.outcomes.tolist() == [r.outcome.code for r in runs]
    assert result.steps.tolist() == [r.steps for r in runs]
    batch = machines.run_batch(m, words)
    assert np.array_equal(batch.outcomes, result.outcomes)
    assert np.array_equal(batch.steps, result.steps)
    machine_steps = int(result.steps.sum())
    loop_steps = sum(r.steps for r in runs[::16])
    scale = machine_steps / loop_steps
    all_clock = _Clock(lambda: machines.run_all(m, n))
    loop_clock = _Clock(lambda: [machines.run(m, w) for w in loop_words])
    ratios = [x * scale for x in timing.interleaved(all_clock, loop_clock, rounds)]
    batch_clock = _Clock(lambda: machines.run_batch(m, words))
    loop2 = _Clock(lambda: [machines.run(m, w) for w in loop_words])
    batch_ratios = [x * scale for x in timing.interleaved(batch_clock, loop2, rounds)]
    return {
        "machine": m,
        "n": n,
        "machine_steps": machine_steps,
        "ratios": ratios,
        "run_all": all_clock.rates(machine_steps / 1e6),
        "loop": loop_clock.rates(loop_steps / 1e6) + loop2.rates(loop_steps / 1e6),
        "batch_ratios": batch_ratios,
        "run_batch": batch_clock.rates(machine_steps / 1e6),
    }


def entries(name: str, n: int, rounds: int) -> list[float]:
    """`run_all` truth-table entries/s over `rounds` calls (after a check and a warm-up)."""
    m = library.load(name)
    result = machines.run_all(m, n)
    rng = np.random.default_rng(1)
    for i in [0, (1 << n) - 1, *rng.integers(0, 1 << n, 32).tolist()]:
        word = "".join("1" if (int(i) >> k) & 1 else "0" for k in range(n))
        r = machines.run(m, word)
        assert result.outcomes[i] == r.outcome.code and result.steps[i] == r.steps, (name, i)
    clock = _Clock(lambda: machines.run_all(m, n))
    for _ in range(rounds + 1):
        clock()
    return clock.rates(1 << n)


def _m(values: list[float]) -> str:
    return timing.summary(values, unit="")


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The interpreter's and batched runner's figures as `timing.measure_row` rows."""
    rounds = 3 if quick else 5
    rows = []
    auto = run_vs_automata(rounds, STEPS // 10 if quick else STEPS)
    work = "bouncing head on a 20-symbol word"
    if auto is None:
        rows.append(
            timing.measure_row(
                "run vs automata-lib DTM", work, [], "x steps/s", ">= 20x", "automata-lib missing"
            )
        )
    else:
        rows.append(
            timing.measure_row(
                "run vs automata-lib DTM",
                f"{work}, {auto['steps']:,} vs {auto['theirs_steps']:,} steps",
                auto["ratios"],
                "x steps/s",
                f">= {TARGET_VS_AUTOMATA:g}x",
                f"run {_m(auto['ours'])} M steps/s",
            )
        )
    b = batch_vs_run(rounds)
    rows.append(
        timing.measure_row(
            "run_all (batched runner) vs loop of run",
            f"parity, all 2^16 inputs of length 16, {b['machine_steps']:,} machine-steps",
            b["ratios"],
            "x machine-steps/s",
            f">= {TARGET_BATCH_STEPS / 1e6:g} M machine-steps/s",
            f"run_all {_m(b['run_all'])} M machine-steps/s; loop {_m(b['loop'])}",
        )
    )
    rows.append(
        timing.measure_row(
            "run_batch (2^16 word strings) vs loop of run",
            "parity, all 2^16 words of length 16",
            b["batch_ratios"],
            "x machine-steps/s",
            "",
            f"run_batch {_m(b['run_batch'])} M machine-steps/s",
        )
    )
    for name in ("parity",) if quick else ("parity", "div3", "first_equals_last"):
        rates = entries(name, 20, rounds)
        rows.append(
            timing.measure_row(
                "run_all truth table vs 10 M entries/s target",
                f"{name}, n = 20 (2^20 entries)",
                [r / TARGET_ENTRIES for r in rates],
                "x target",
                ">= 1x",
                f"{_m([r / 1e6 for r in rates])} M entries/s",
            )
        )
    return rows


def main() -> int:
    print("1. machines.run vs automata-lib DTM (bouncing head, 20-symbol word)")
    auto = run_vs_automata(5)
    if auto is None:
        print("   automata-lib is not installed (pip install tmnet[bench]); skipped")
    else:
        print(f"   run:          {_m(auto['ours'])} M steps/s over {auto['steps']:,} steps")
        print(
            f"   automata-lib: {_m(auto['theirs'])} M steps/s over {auto['theirs_steps']:,} steps"
        )
        print(
            f"   ratio:        {timing.summary(auto['ratios'])}   (target >= 20x: "
            f"{timing.verdict(auto['ratios'], TARGET_VS_AUTOMATA)})"
        )
    small, large, growth = growing_tape(5)
    print(f"   growing tape: {_m(small)} M steps/s at 10^5 cells, {_m(large)} at 10^6 cells")
    print(f"   rate at 10^6 / rate at 10^5: {timing.summary(growth)}   (target: about 1)")

    b = batch_vs_run(5)
    m = b["machine"]
    print(
        f"\n2. batched runner, all 2^{b['n']} inputs of length {b['n']}, {m.name} (T(n) = {m.time})"
    )
    per_s = [r * 1e6 for r in b["run_all"]]
    print(
        f"   run_all:   {_m(b['run_all'])} M machine-steps/s ({b['machine_steps']:,} "
        f"machine-steps; target >= 100: {timing.verdict(per_s, TARGET_BATCH_STEPS)})"
    )
    print(f"   run_batch: {_m(b['run_batch'])} M machine-steps/s (2^16 word strings)")
    print(f"   loop of run: {_m(b['loop'])} M machine-steps/s")
    print(f"   run_all / run loop:   {timing.summary(b['ratios'])}")
    print(f"   run_batch / run loop: {timing.summary(b['batch_ratios'])}")

    for n in (20, 24):
        print(f"\n3. run_all truth-table entries per second at n = {n}")
        for name in (*LINEAR, "palindrome") if n == 20 else LINEAR:
            rates = entries(name, n, 3 if n == 20 else 1)
            m = library.load(name)
            verdict = timing.verdict(rates, TARGET_ENTRIES) if name in LINEAR else "not a target"
            print(
                f"   {name:<17} T(n) = {str(m.time):<10} {_m([r / 1e6 for r in rates])} "
                f"M entries/s ({verdict})"
            )
    print("   (target >= 10 M entries/s for linear-time machines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
