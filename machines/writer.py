"""A `Machine` written back as `.tm` text (the machine language of docs/language.md).

`to_tm(machine)` is what `tmnet import FILE -o OUT.tm` writes: parsing its text gives back an
equal `Machine` (tested on every library machine and every imported example). Names the
language cannot spell (a symbol among `# { } , *`, a state with a space, a keyword) raise
`NotWritableError` naming them.
"""

from __future__ import annotations

import re

from tmnet.machines.errors import MachineError
from tmnet.machines.model import Machine, Move
from tmnet.machines.parser import KEYWORDS

RESERVED = re.compile(r"[\s#{},*]")
"""A character no .tm name may hold (a space, or one the language's syntax uses)."""


def writable(name: str) -> bool:
    """Whether the .tm language can spell `name` as a state, symbol or machine name."""
    return bool(name) and not RESERVED.search(name) and name not in KEYWORDS and name != "->"


class NotWritableError(MachineError):
    """A machine whose names the .tm language cannot write."""


def _check_name(name: str, what: str, machine: Machine) -> None:
    if not writable(name):
        raise NotWritableError(
            f"{what} {name!r} of machine {machine.name!r} cannot be written in the .tm language",
            hint="states and symbols may not contain spaces or any of # { } , * (nor be keywords)",
        )


def to_tm(machine: Machine) -> str:
    """The `.tm` text of `machine` (a header comment, the headers, then the transitions)."""
    for s in machine.states:
        _check_name(s, "state", machine)
    for a in machine.tape_alphabet:
        _check_name(a, "symbol", machine)
    _check_name(machine.name, "name", machine)
    lines = [f"# {line}".rstrip() for line in machine.description.splitlines()]
    lines += [
        f"machine {machine.name}",
        f"input  {' '.join(machine.input_alphabet)}",
        f"tape   {' '.join(machine.tape_alphabet)}",
    ]
    if machine.left_bounded:
        lines.append("tape   left-bounded")
    lines += [
        f"blank  {machine.blank}",
        f"start  {machine.start}",
        f"accept {machine.accept}",
        f"reject {machine.reject}",
        f"time   {machine.time}",
    ]
    if machine.output is not None:
        lines.append(f"output {machine.output}")
    lines.append("")
    order = {a: i for i, a in enumerate(machine.tape_alphabet)}
    for state in machine.states:
        rows = sorted(
            (t for (q, _), t in machine.transitions.items() if q == state),
            key=lambda t: order[t.symbol],
        )
        for t in rows:
            lines.append(f"{state} {t.symbol} -> {t.next_state} {t.write} {Move(t.move).name}")
    return "\n".join(lines) + "\n"
