"""`tmnet check MACHINE` and `tmnet run MACHINE WORD`: the machine language from the shell.

MACHINE is a file path or a library name (machines.library.resolve). Exit codes: 0 whatever
the verdict; 2 on bad input (raised as MachineError and rendered by tmnet.cli).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tmnet import machines
from tmnet.cli.commands.report import non_negative
from tmnet.machines.library import resolve


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `check` and `run` subcommands."""
    p = subparsers.add_parser(
        "check",
        help="parse and validate a machine, print a summary",
        description="Parse and validate a machine file (or library machine) and summarise it.",
    )
    p.add_argument("machine", metavar="MACHINE", help="a .tm file or a library machine name")
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser(
        "run",
        help="run a machine on one word",
        description="Run a machine on WORD (use '' for the empty word) within its time bound.",
    )
    p.add_argument("machine", metavar="MACHINE", help="a .tm file or a library machine name")
    p.add_argument(
        "word",
        metavar="WORD",
        nargs="?",
        help="the input word; '' is the empty word; one starting with '-' is taken as WORD too",
    )
    p.add_argument("--trace", action="store_true", help="print every configuration")
    p.add_argument(
        "--max-steps", type=non_negative, metavar="N", help="step budget (default T(|WORD|))"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    # a WORD may start with `-` (`-` and `>` are symbols): tmnet.cli.main hands an
    # unrecognised `-...` argument to WORD when WORD is missing (or write `-- WORD`)
    p.set_defaults(func=cmd_run, dash_word="word")


def _where(machine: machines.Machine) -> str:
    """The machine's file, shown as `library machines/library/NAME.tm` for library machines."""
    src = Path(machine.source)
    if src.parent == machines.library.directory():
        return f"library machines/library/{src.name}"
    if src.parent.parent == machines.library.directory():
        return f"library machines/library/{src.parent.name}/{src.name}"
    return machine.source


def summary(machine: machines.Machine) -> str:
    """A human-readable summary of a machine (what `tmnet check` prints)."""
    running = [s for s in machine.states if s not in machine.halting_states]
    lines = [f"machine {machine.name} ({_where(machine)}): ok"]
    if machine.description:  # the whole leading comment, not its first line cut mid-sentence
        lines += ["  " + ln for ln in machine.description.splitlines()]
    lines += [
        f"  states       {len(machine.states)} ({len(running)} running: {' '.join(running)}; "
        f"start {machine.start}, accept {machine.accept}, reject {machine.reject})",
        f"  input        {' '.join(machine.input_alphabet)}",
        f"  tape         {' '.join(machine.tape_alphabet)} (blank {machine.blank}; "
        f"{'left-bounded' if machine.left_bounded else 'two-way infinite'})",
        f"  transitions  {len(machine.transitions)} "
        f"(of {len(running) * len(machine.tape_alphabet)} state-symbol pairs; "
        "the others halt and reject)",
        f"  time         T(n) = {machine.time}   "
        f"(T(0..5) = {', '.join(str(machine.time_bound(k)) for k in range(6))})",
    ]
    if machine.output is not None:
        lines.append(
            f"  output       cells {machine.output} after halting (a function machine; "
            "bit k = 1 iff the cell holds 1)"
        )
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    print(summary(resolve(args.machine)))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from tmnet.cli import UsageError

    if args.word is None:
        raise UsageError("give the input WORD ('' for the empty word)")
    machine = resolve(args.machine)
    word = args.word
    result = machines.run(machine, word, args.max_steps)  # raises BadWordError first
    output = None
    if machine.output is not None:  # a function machine: its output word (machines.functions)
        from tmnet.machines.functions import bits_of, output_of

        output = output_of(machine, word, args.max_steps)[1]
    if args.json:
        print(
            json.dumps(
                {
                    "machine": machine.name,
                    "word": word,
                    "outcome": result.outcome.value,
                    "steps": result.steps,
                    "max_steps": result.max_steps,
                    "state": result.state,
                    "head": result.head,
                    "tape": result.tape,
                    "offset": result.offset,
                    **(
                        {"output": output, "output_bits": "".join(map(str, bits_of(output)))}
                        if output is not None
                        else {}
                    ),
                }
            )
        )
        return 0
    if args.trace:
        for config in machines.trace(machine, word, args.max_steps):
            print(_shown(config, machine))
    final = _from_cell_zero(result.configuration(), machine)
    print(f"{result.outcome.value} after {result.steps} steps (budget {result.max_steps})")
    print(f"  state {result.state}, head on cell {result.head}")
    print(
        f"  tape  {_shown(final, machine).split(': ', 1)[1]}"
        f"   (cells {final.offset}..{final.offset + len(final.tape) - 1})"
    )
    if output is not None:
        cells = machine.output_cells(len(word))
        print(
            f"  output {output!r} (cells {cells.start}..{cells.stop - 1}; "
            f"bits {''.join(map(str, bits_of(output))) or '(none)'})"
        )
    return 0


def _from_cell_zero(config: machines.Configuration, machine: machines.Machine):  # type: ignore[no-untyped-def]
    """On a left-bounded tape, the configuration shown from cell 0 (the tape's end)."""
    if not machine.left_bounded or config.offset <= 0:
        return config
    pad = machine.blank * config.offset
    return machines.Configuration(config.step, config.state, config.head, pad + config.tape, 0)


def _shown(config: machines.Configuration, machine: machines.Machine) -> str:
    """`render()`, with the left end of a left-bounded tape drawn as `|` before cell 0."""
    if not machine.left_bounded:
        return config.render()
    head, tape = _from_cell_zero(config, machine).render().split(": ", 1)
    return f"{head}: |{tape}"
