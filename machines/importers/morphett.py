"""Anthony Morphett's Turing machine simulator format, read into a tmnet `Machine`.

The format (docs/formats/morphett.md): one rule a line, ``<state> <sym> <newsym> <dir>
<newstate>``; ``;`` starts a comment; ``_`` is the blank; ``dir`` is ``l``, ``r`` or ``*``
(stay); a trailing ``!`` (a breakpoint) is ignored. ``*`` as the read symbol or the state
matches anything, with the precedence exact > (state, *) > (*, symbol) > (*, *); ``*`` as the
new symbol or new state means "no change". The machine starts in state ``0`` (a ``tmnet-start``
is not needed: Morphett's start state is always ``0``) and halts on entering any state whose
name starts with ``halt``; a state/symbol pair no rule covers halts too.

tmnet's mapping: entering a ``halt-reject...`` state rejects, any other ``halt...`` state
(``halt``, ``halt-accept``) accepts, unless a ``tmnet-accept``/``tmnet-reject`` directive names
them; a pair no rule covers rejects without a step. T(n): ``; tmnet-time: EXPR`` or ``--time``.
"""

from __future__ import annotations

from pathlib import Path

from tmnet.errors import Location
from tmnet.machines.importers.common import Draft, ImportFormatError, ImportOptions, build
from tmnet.machines.model import Machine, Move

START = "0"
BLANK = "_"
_MOVES = {"l": Move.L, "r": Move.R, "*": Move.S}
TIME_HINT = "; tmnet-time: n^2 + 1"

Rule = tuple[str, str, Move, Location]


def is_halting(state: str) -> bool:
    """Morphett halts on entering a state whose name starts with `halt`."""
    return state.startswith("halt")


def parse(text: str, filename: str = "<string>", options: ImportOptions | None = None) -> Machine:
    """The tmnet machine of a Morphett-format program (see the module docstring)."""
    options = options or ImportOptions()
    lines = text.splitlines()
    comments: list[tuple[int, str]] = []
    rules: dict[tuple[str, str], Rule] = {}
    draft = Draft(
        filename=filename, name=Path(filename).stem or "machine", start=START, blank=BLANK
    )
    draft.add_state(START)
    draft.add_symbol(BLANK)
    description: list[str] = []
    seen_rule = False
    for i, raw in enumerate(lines, start=1):
        body, sep, comment = raw.partition(";")
        if sep:
            comments.append((i, raw))
            if not seen_rule and not body.strip():
                note = comment.strip()
                if note and not note.startswith("tmnet-"):
                    description.append(note)
        words = body.split()
        if not words:
            continue
        seen_rule = True
        if words[-1] == "!":
            words = words[:-1]
            if not words:  # a line holding only the breakpoint mark (found by fuzzing)
                continue
        elif words[-1].endswith("!") and len(words) == 5:
            words[-1] = words[-1][:-1]
        col = raw.index(words[0]) + 1
        loc = Location(filename, i, col, raw)
        if len(words) != 5:
            raise ImportFormatError(
                f"a rule has 5 fields, this line has {len(words)}",
                loc,
                hint="<state> <symbol> <new symbol> <direction> <new state>, e.g. `0 1 0 r 0`",
            )
        state, sym, new_sym, direction, new_state = words
        for what, value in (("symbol", sym), ("new symbol", new_sym)):
            if len(value) != 1:
                raise ImportFormatError(
                    f"the {what} {value!r} is not one character",
                    Location(filename, i, raw.index(value, col - 1) + 1, raw),
                )
        if direction.lower() not in _MOVES:
            raise ImportFormatError(
                f"unknown direction {direction!r}",
                Location(filename, i, raw.index(direction, col - 1) + 1, raw),
                hint="l (left), r (right) or * (stay)",
            )
        key = (state, sym)
        if key in rules:
            first = rules[key][3]
            raise ImportFormatError(
                f"a second rule for state {state!r} and symbol {sym!r}",
                loc,
                hint=f"the first is at line {first.line}; Morphett machines are deterministic",
            )
        rules[key] = (new_state, new_sym, _MOVES[direction.lower()], loc)
        for s in (state, new_state):
            if s != "*":
                draft.add_state(s)
        for a in (sym, new_sym):
            if a != "*":
                draft.add_symbol(a)
    if not rules:
        raise ImportFormatError(
            "the program has no rules", Location(filename, 1, 1, lines[0] if lines else "")
        )
    draft.description = "\n".join(description)
    draft.file_location = Location(filename, 1, 1, lines[0] if lines else "")
    for s in draft.states:
        if is_halting(s):
            draft.halting[s] = not s.startswith("halt-reject")
    for s in draft.states:
        if s in draft.halting:
            continue
        for a in draft.symbols:
            rule = rules.get((s, a)) or rules.get((s, "*")) or rules.get(("*", a))
            rule = rule or rules.get(("*", "*"))
            if rule is None:
                continue
            new_state, new_sym, move, loc = rule
            draft.table[(s, a)] = (
                s if new_state == "*" else new_state,
                a if new_sym == "*" else new_sym,
                move,
                loc,
            )
    return build(draft, comments, options, TIME_HINT)
