"""bbchallenge's standard text format for busy-beaver machines, read into a tmnet `Machine`.

The format (docs/formats/bbchallenge.md): ``1RB1LB_1LA1RZ``: one ``_``-separated group per
state, the states named A, B, C, ... in order; a group holds one 3-character transition per
symbol (symbols 0, 1, 2, ...; 0 is the blank), ``<write><L|R><next state>``. A next state that
names no group (``Z``, ``H``, ...) halts after that step; ``---`` is an undefined transition,
which halts. A file holds the machine on one line; ``#`` lines are comments (directives).

tmnet's mapping: entering an undefined state letter accepts ("halted"), taking the step, so a
machine's step count is bbchallenge's (BB(4) = 107 with its ``1RZ``); ``---`` is a missing
transition and halts rejecting without a step. The input alphabet is the non-blank symbols; a
busy beaver is meant for the empty input (n = 0), and T(n) (``# tmnet-time: 107``, or
``--time``) is then a constant, the step count. Busy beavers compute a function: their output
is the final tape, ``# tmnet-output: K`` cells from cell 0 (docs/function-machines.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from tmnet.errors import Location
from tmnet.machines.importers.common import Draft, ImportFormatError, ImportOptions, build
from tmnet.machines.model import Machine, Move

TIME_HINT = "# tmnet-time: 107"
_TRANSITION = re.compile(r"([0-9])([LR])([A-Z])|---")


def state_name(k: int) -> str:
    return chr(ord("A") + k)


def parse(text: str, filename: str = "<string>", options: ImportOptions | None = None) -> Machine:
    """The tmnet machine of a bbchallenge standard-format file (see the module docstring)."""
    options = options or ImportOptions()
    lines = text.splitlines()
    comments = [(i, ln) for i, ln in enumerate(lines, start=1) if ln.strip().startswith("#")]
    body = [
        (i, ln) for i, ln in enumerate(lines, start=1) if ln.strip() and (i, ln) not in comments
    ]
    if not body:
        raise ImportFormatError(
            "no machine: the file holds only comments or blank lines",
            Location(filename, 1, 1, lines[0] if lines else ""),
            hint="one line such as 1RB1LB_1LA1RZ",
        )
    if len(body) > 1:
        i, ln = body[1]
        raise ImportFormatError(
            "a second machine line; a file holds one machine", Location(filename, i, 1, ln)
        )
    lineno, raw = body[0]
    code = raw.strip()
    col0 = raw.index(code)
    groups = code.split("_")
    width = len(groups[0])
    if width == 0 or width % 3:
        raise ImportFormatError(
            f"state A's group {groups[0]!r} is not a whole number of 3-character transitions",
            Location(filename, lineno, col0 + 1, raw),
        )
    n_symbols = width // 3
    if len(groups) > 26:
        raise ImportFormatError(
            f"{len(groups)} states; the format names at most 26 (A..Z)",
            Location(filename, lineno, col0 + 1, raw),
        )
    draft = Draft(filename=filename, name=Path(filename).stem or "machine", start="A", blank="0")
    draft.file_location = Location(filename, lineno, col0 + 1, raw)
    draft.description = "\n".join(
        ln.strip().lstrip("#").strip() for _, ln in comments[:1] if "tmnet-" not in ln
    )
    for k in range(n_symbols):
        draft.add_symbol(str(k))
    for k in range(len(groups)):
        draft.add_state(state_name(k))
    col = col0
    for k, group in enumerate(groups):
        if len(group) != width:
            raise ImportFormatError(
                f"state {state_name(k)}'s group {group!r} has {len(group)} characters, "
                f"not {width} ({n_symbols} symbols x 3)",
                Location(filename, lineno, col + 1, raw),
            )
        for j in range(n_symbols):
            piece = group[3 * j : 3 * j + 3]
            loc = Location(filename, lineno, col + 3 * j + 1, raw)
            m = _TRANSITION.fullmatch(piece)
            if not m or (m.group(1) is not None and int(m.group(1)) >= n_symbols):
                raise ImportFormatError(
                    f"bad transition {piece!r} (state {state_name(k)}, symbol {j})",
                    loc,
                    hint=f"<write 0..{n_symbols - 1}><L|R><state A..Z>, or --- (undefined)",
                )
            if piece == "---":
                continue
            nxt = m.group(3)
            if ord(nxt) - ord("A") >= len(groups):
                draft.add_state(nxt)
                draft.halting[nxt] = True
            draft.table[(state_name(k), str(j))] = (nxt, m.group(1), Move[m.group(2)], loc)
        col += width + 1
    return build(draft, comments, options, TIME_HINT)
