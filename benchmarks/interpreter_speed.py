"""How fast the interpreter and the batched runner are (python -m benchmarks.interpreter_speed).

Figures follow /work/shared/BENCHMARKING.md: same-process, interleaved repetitions, medians and
min-max ranges of ratios, every variant checked against the reference before it is timed.

1. `machines.run` against automata-lib's DTM (`automata.tm.dtm.DTM`, imported lazily) on the
   same machine, input and number of steps: a head bouncing between the ends of a 20-symbol
   word for STEPS steps. Target: >= 20x automata-lib's steps/s. Then `run` on a machine whose
   tape grows by one cell per step, at 10^5 and 10^6 steps: the rate must not drop.
2. The batched runner over all 2^16 inputs of length 16 of a linear-time machine (parity),
   in machine-steps/s (inputs x steps), against a loop of `run` on the same inputs.
   Target: >= 100 million machine-steps/s.
3. Truth-table entries per second of `run_all` at n = 20 (the lookup printer needs >= 10M/s for
   linear-time machines up to n = 24).
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np

import machines
from machines import library

STEPS = 10**6
REPEATS = 5

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


def _median_range(values: list[float]) -> str:
    return f"{statistics.median(values):,.1f} (min {min(values):,.1f}, max {max(values):,.1f})"


def _automata_dtm(machine: machines.Machine):
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


def _automata_steps(dtm, word: str, steps: int) -> tuple[float, str]:
    t0 = time.perf_counter()
    state = None
    for i, config in enumerate(dtm.read_input_stepwise(word)):
        state = config.state
        if i == steps:
            break
    return time.perf_counter() - t0, state


def _run_steps(machine, word: str, steps: int) -> tuple[float, machines.RunResult]:
    t0 = time.perf_counter()
    r = machines.run(machine, word, max_steps=steps)
    return time.perf_counter() - t0, r


def bench_run_vs_automata() -> None:
    print("1. machines.run vs automata-lib DTM (bouncing head, 20-symbol word)")
    m = machines.parse(BOUNCE)
    word = "01" * 10
    try:
        dtm = _automata_dtm(m)
    except ImportError:
        print("   automata-lib is not installed (pip install tmnet[bench]); skipped")
        dtm = None
    auto_steps = STEPS // 10  # automata-lib copies its tape each step; time a tenth
    _run_steps(m, word, STEPS)  # warm up
    ours, theirs, ratios = [], [], []
    for _ in range(REPEATS):
        dt, r = _run_steps(m, word, STEPS)
        assert r.steps == STEPS and r.outcome is machines.Outcome.TIMEOUT
        ours.append(STEPS / dt / 1e6)
        if dtm is not None:
            dt2, state = _automata_steps(dtm, word, auto_steps)
            reference = machines.run(m, word, max_steps=auto_steps).state
            assert state == reference, (state, reference)
            theirs.append(auto_steps / dt2 / 1e6)
            ratios.append(ours[-1] / theirs[-1])
    print(f"   run:          {_median_range(ours)} M steps/s over {STEPS:,} steps")
    if dtm is not None:
        print(f"   automata-lib: {_median_range(theirs)} M steps/s over {auto_steps:,} steps")
        print(f"   ratio:        {_median_range(ratios)} x   (target >= 20x)")
    g = machines.parse(GROW)
    _run_steps(g, "", STEPS)
    small, large, growth = [], [], []
    for _ in range(REPEATS):
        dt1, r1 = _run_steps(g, "", STEPS // 10)
        dt2, r2 = _run_steps(g, "", STEPS)
        assert len(r2.tape) == STEPS + 1 and len(r1.tape) == STEPS // 10 + 1
        small.append(STEPS // 10 / dt1 / 1e6)
        large.append(STEPS / dt2 / 1e6)
        growth.append(large[-1] / small[-1])
    print(
        f"   growing tape: {_median_range(small)} M steps/s at 10^5 cells, "
        f"{_median_range(large)} at 10^6 cells"
    )
    print(
        f"   rate at 10^6 / rate at 10^5: {_median_range(growth)}   (target: about 1, no slowdown)"
    )


def bench_batch(n: int = 16) -> None:
    print(f"\n2. batched runner, all 2^{n} inputs of length {n}, parity (T(n) = n + 1)")
    m = library.load("parity")
    result = machines.run_all(m, n)  # warm up and check
    sample = np.random.default_rng(1).integers(0, 1 << n, 256)
    for i in sample:
        word = "".join("1" if (int(i) >> k) & 1 else "0" for k in range(n))
        r = machines.run(m, word)
        assert result.outcomes[i] == r.outcome.code and result.steps[i] == r.steps
    machine_steps = int(result.steps.sum())
    words = ["".join("1" if (i >> k) & 1 else "0" for k in range(n)) for i in range(1 << n)]
    loop_words = words[::16]
    batch, batch_words, loop, ratios = [], [], [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        machines.run_all(m, n)
        batch.append(machine_steps / (time.perf_counter() - t0) / 1e6)
        t0 = time.perf_counter()
        machines.run_batch(m, words)
        batch_words.append(machine_steps / (time.perf_counter() - t0) / 1e6)
        t0 = time.perf_counter()
        s = sum(machines.run(m, w).steps for w in loop_words)
        loop.append(s / (time.perf_counter() - t0) / 1e6)
        ratios.append(batch[-1] / loop[-1])
    print(
        f"   run_all:            {_median_range(batch)} M machine-steps/s "
        f"({machine_steps:,} machine-steps; target >= 100)"
    )
    print(f"   run_batch (no prefix sharing): {_median_range(batch_words)} M machine-steps/s")
    print(f"   loop of run:        {_median_range(loop)} M machine-steps/s")
    print(f"   run_all / run loop: {_median_range(ratios)} x")


def bench_entries(n: int = 20) -> None:
    print(f"\n3. run_all truth-table entries per second at n = {n}")
    for name in ("parity", "div3", "sorted", "palindrome"):
        m = library.load(name)
        machines.run_all(m, 12)
        rates = []
        for _ in range(3):
            t0 = time.perf_counter()
            machines.run_all(m, n)
            rates.append((1 << n) / (time.perf_counter() - t0) / 1e6)
        print(f"   {name:<11} T(n) = {str(m.time):<10} {_median_range(rates)} M entries/s")
    print("   (target >= 10 M entries/s for linear-time machines)")


def main() -> int:
    bench_run_vs_automata()
    bench_batch()
    bench_entries()
    return 0


if __name__ == "__main__":
    sys.exit(main())
