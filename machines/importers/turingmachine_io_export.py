"""A tmnet `Machine` written as turingmachine.io YAML, to animate it in that tool.

`to_yaml(machine, example=None)` writes ``blank``, ``start state`` and ``table`` (one entry per
state, halting states empty; symbols with the same instruction share a list key ``[a, b]``;
a kept symbol or state is left out, as the format allows), tmnet's stay move as ``N``, and the
directives that make `turingmachine_io.parse` give the machine back: ``tmnet-time``,
``tmnet-input``, ``tmnet-accept`` (the accept state; the reject state then rejects) and
``tmnet-output``. A missing transition halts in both tools. Tested by reading every library
machine back.
"""

from __future__ import annotations

from tmnet.machines.model import Machine, Move
from tmnet.machines.writer import NotWritableError

_MOVE = {Move.L: "L", Move.R: "R", Move.S: "N"}


def _q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def to_yaml(machine: Machine, example: str | None = None) -> str:
    """The turingmachine.io YAML of `machine` (see the module docstring)."""
    if machine.left_bounded:
        raise NotWritableError(
            f"machine {machine.name!r} has a left-bounded tape; turingmachine.io tapes are "
            "infinite both ways",
            hint="write it as .tm instead",
        )
    lines = [f"# {ln}".rstrip() for ln in machine.description.splitlines()]
    lines += [
        f"# tmnet-name: {machine.name}",
        f"# tmnet-time: {machine.time}",
        f"# tmnet-input: {' '.join(machine.input_alphabet)}",
        f"# tmnet-accept: {machine.accept}",
    ]
    if machine.output is not None:
        lines.append(f"# tmnet-output: {machine.output}")
    if example is not None:
        lines.append(f"input: {_q(example)}")
    lines += [f"blank: {_q(machine.blank)}", f"start state: {_q(machine.start)}", "table:"]
    for state in machine.states:
        rows: dict[str, list[str]] = {}
        for a in machine.tape_alphabet:
            t = machine.delta(state, a)
            if t is None or state in machine.halting_states:
                continue
            move = _MOVE[Move(t.move)]
            parts = [] if t.write == a else [f"write: {_q(t.write)}"]
            parts.append(move if t.next_state == state else f"{move}: {_q(t.next_state)}")
            text = move if parts == [move] else "{" + ", ".join(parts) + "}"
            rows.setdefault(text, []).append(a)
        lines.append(f"  {_q(state)}:")
        for text, symbols in rows.items():
            key = _q(symbols[0]) if len(symbols) == 1 else "[" + ", ".join(map(_q, symbols)) + "]"
            lines.append(f"    {key}: {text}")
    return "\n".join(lines) + "\n"
