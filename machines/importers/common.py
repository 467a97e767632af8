"""What every importer shares: `tmnet-` directive comments, and assembling a checked `Machine`.

Other tools' machines have halting states of their own (several of them, or none: a machine
that halts by having no move), no accept/reject pair and no time bound. An importer reads its
format into a `Draft` (states, a full transition table, which halting states accept and which
reject) and `assemble` maps it onto tmnet's model: every accepting halting state becomes the one
`accept` state, every rejecting one the one `reject` state, a missing transition stays a missing
transition (tmnet halts and rejects there without a step), and T(n) comes from a directive or
the caller. The formats' pages in docs/ say which of their rules map to what.

Directives are comment lines of the imported file, in its own comment syntax:
``tmnet-time: n^2 + 3`` (T(n)), ``tmnet-input: 0 1`` (the input alphabet), ``tmnet-accept:
q`` and ``tmnet-reject: q`` (halting states, overriding the format's default),
``tmnet-output: n + 1`` or ``-10 : 4`` (the machine computes a function:
docs/function-machines.md), ``tmnet-name: NAME``. One directive a comment line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from tmnet.errors import Location
from tmnet.machines.errors import MachineError, MachineSyntaxError, NotPolynomialError
from tmnet.machines.model import Machine, Move, Output, Polynomial, Transition
from tmnet.machines.parser import KEYWORDS, parse_output, parse_polynomial
from tmnet.machines.writer import RESERVED, writable

DIRECTIVE_KEYS = ("time", "input", "accept", "reject", "output", "name")
_DIRECTIVE = re.compile(r"tmnet-([A-Za-z]+)\s*:\s*(.*?)\s*$")


class ImportFormatError(MachineError):
    """A file that does not follow its format (or asks for something tmnet cannot model)."""


class MissingTimeBoundError(MachineError):
    """An imported machine has no time bound T(n): neither a directive nor an option gives one."""


@dataclass(frozen=True)
class ImportOptions:
    """What the caller adds to a file: each field overrides the file's directive of that name.

    `accept`/`reject` name halting states of the source format (see each format's docs).
    """

    time: Polynomial | None = None
    input_alphabet: tuple[str, ...] | None = None
    accept: tuple[str, ...] | None = None
    reject: tuple[str, ...] | None = None
    output: Output | None = None
    name: str | None = None


@dataclass(frozen=True)
class Directive:
    key: str
    value: str
    location: Location


def find_directives(lines: Iterable[tuple[int, str]], filename: str) -> dict[str, Directive]:
    """The `tmnet-KEY: VALUE` directives in (line number, comment text) pairs."""
    found: dict[str, Directive] = {}
    for lineno, text in lines:
        m = _DIRECTIVE.search(text)
        if not m:
            continue
        key = m.group(1).lower()
        loc = Location(filename, lineno, m.start() + 1, text)
        if key not in DIRECTIVE_KEYS:
            raise ImportFormatError(
                f"unknown directive tmnet-{key}",
                loc,
                hint="directives: " + ", ".join(f"tmnet-{k}" for k in DIRECTIVE_KEYS),
            )
        if key in found:
            raise ImportFormatError(
                f"directive tmnet-{key} is given twice",
                loc,
                hint=f"first given at line {found[key].location.line}",
            )
        found[key] = Directive(key, m.group(2), loc)
    return found


_VALUE_HINTS = {
    "time": "a polynomial in n with integer coefficients, e.g. 2*n^2 + 3",
    "output": "`m` (cells 0..m-1) or `a : b` (cells a..b-1), polynomials in n",
}


def _parsed(d: Directive) -> Polynomial | Output:
    """A `tmnet-time` bound or `tmnet-output` window, parsed as the .tm headers are."""
    parse = parse_polynomial if d.key == "time" else parse_output
    try:
        return parse(d.value, filename=d.location.file)
    except MachineError as exc:
        error = NotPolynomialError if d.key == "time" else ImportFormatError
        raise error(
            f"bad tmnet-{d.key} value {d.value!r}: {exc.message}",
            d.location,
            hint=_VALUE_HINTS[d.key],
        ) from None


def merge_options(directives: Mapping[str, Directive], options: ImportOptions) -> ImportOptions:
    """The options, with each unset field taken from the file's directive of that name."""

    def pick(given, key: str, read: Callable[[Directive], object]):
        if given is not None:
            return given
        d = directives.get(key)
        return read(d) if d is not None else None

    def words(d: Directive) -> tuple[str, ...]:
        return tuple(d.value.split())

    return ImportOptions(
        time=pick(options.time, "time", _parsed),
        input_alphabet=pick(options.input_alphabet, "input", words),
        accept=pick(options.accept, "accept", words),
        reject=pick(options.reject, "reject", words),
        output=pick(options.output, "output", _parsed),
        name=pick(options.name, "name", lambda d: d.value),
    )


@dataclass
class Draft:
    """A machine as read from another format, before it is mapped onto tmnet's model.

    `table[(state, symbol)] = (next_state, write, move, location)`; `halting` lists the states
    on whose entry the source tool halts, each mapped to True (accept) or False (reject).
    States in `halting` must have no entries in `table`.
    """

    filename: str
    name: str
    start: str
    blank: str
    states: list[str] = field(default_factory=list)  # in the order the file names them
    symbols: list[str] = field(default_factory=list)  # tape symbols, in order of appearance
    table: dict[tuple[str, str], tuple[str, str, Move, Location | None]] = field(
        default_factory=dict
    )
    halting: dict[str, bool] = field(default_factory=dict)
    description: str = ""
    left_bounded: bool = False
    file_location: Location | None = None

    def add_state(self, state: str) -> None:
        if state not in self.states:
            self.states.append(state)

    def add_symbol(self, symbol: str) -> None:
        if symbol not in self.symbols:
            self.symbols.append(symbol)


def _fresh(base: str, taken: set[str]) -> str:
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}{k}"
    return name


def _tm_names(draft: Draft) -> dict[str, str]:
    """State renames so that the .tm language can write every name: keywords get a trailing
    `_` (`accept` -> `accept_`), spaces and reserved characters become `_`."""
    taken = set(draft.states)
    out: dict[str, str] = {}
    for s in draft.states:
        t = RESERVED.sub("_", s) or "_"
        if not writable(t):  # reserved characters are gone: a keyword or `->`
            t += "_"
        if t != s:
            t = _fresh(t, taken)
            taken.add(t)
            out[s] = t
    return out


def _rename_states(draft: Draft, names: dict[str, str]) -> None:
    if not names:
        return
    r = lambda s: names.get(s, s)  # noqa: E731
    draft.states = [r(s) for s in draft.states]
    draft.start = r(draft.start)
    draft.halting = {r(s): v for s, v in draft.halting.items()}
    draft.table = {(r(q), a): (r(n), w, m, loc) for (q, a), (n, w, m, loc) in draft.table.items()}


def _tm_blank(draft: Draft) -> None:
    """A blank the .tm language cannot write (a space, `#`, `*`, ...) becomes `_` (or `.`)."""
    if not RESERVED.fullmatch(draft.blank):
        return
    new = next((c for c in "_.~" if c not in draft.symbols), None)
    if new is None:
        return
    old = draft.blank
    r = lambda a: new if a == old else a  # noqa: E731
    draft.blank = new
    draft.symbols = [r(a) for a in draft.symbols]
    draft.table = {(q, r(a)): (n, r(w), m, loc) for (q, a), (n, w, m, loc) in draft.table.items()}


def assemble(draft: Draft, options: ImportOptions, time_hint: str) -> Machine:
    """The tmnet `Machine` of a draft (see the module docstring for the mapping)."""
    loc = draft.file_location or Location(draft.filename, 1, 1, "")
    names = _tm_names(draft)
    options = replace(
        options,
        accept=None if options.accept is None else tuple(names.get(s, s) for s in options.accept),
        reject=None if options.reject is None else tuple(names.get(s, s) for s in options.reject),
    )
    _rename_states(draft, names)
    _tm_blank(draft)
    halting = dict(draft.halting)
    for names, verdict in ((options.accept, True), (options.reject, False)):
        for s in names or ():
            if s not in draft.states:
                raise ImportFormatError(
                    f"tmnet-{'accept' if verdict else 'reject'} names {s!r}, which is not a state",
                    loc,
                    hint="states: " + " ".join(draft.states),
                )
            if any(q == s for q, _ in draft.table):
                raise ImportFormatError(
                    f"state {s!r} has transitions, so it is not a halting state",
                    loc,
                    hint="accept/reject name states the machine halts in on entry",
                )
            halting[s] = verdict
    if options.accept is not None:  # naming the accepting states makes the others reject
        for s in halting:
            if s not in options.accept and (options.reject is None or s not in options.reject):
                halting[s] = False
    taken = set(draft.states) | set(KEYWORDS)
    acc_states = [s for s in draft.states if halting.get(s) is True]
    rej_states = [s for s in draft.states if halting.get(s) is False]
    accept = acc_states[0] if len(acc_states) == 1 else _fresh("acc", taken)
    taken.add(accept)
    reject = rej_states[0] if len(rej_states) == 1 else _fresh("rej", taken)
    if accept == reject:  # pragma: no cover - _fresh keeps them apart
        raise ImportFormatError("accept and reject would coincide", loc)
    rename = {s: (accept if v else reject) for s, v in halting.items()}
    # a target with no transitions that is not a halting state: the source tool halts there
    # (stuck) without a step, which is what entering `reject` does in tmnet
    running = {q for q, _ in draft.table}
    for s in draft.states:
        if s not in halting and s not in running and s != draft.start:
            rename[s] = reject

    symbols = list(draft.symbols)
    if draft.blank not in symbols:
        symbols.append(draft.blank)
    if options.input_alphabet is not None:
        sigma = tuple(options.input_alphabet)
        for s in sigma:
            if len(s) != 1:
                raise ImportFormatError(f"input symbol {s!r} is not a single character", loc)
            if s == draft.blank:
                raise ImportFormatError(f"the blank {s!r} cannot be an input symbol", loc)
            if s not in symbols:
                symbols.append(s)
    else:
        sigma = tuple(s for s in symbols if s != draft.blank)
    if not sigma:
        raise ImportFormatError(
            "the machine has no input symbols (every symbol it uses is the blank)",
            loc,
            hint="name the input alphabet with a tmnet-input directive",
        )
    if options.time is None:
        raise MissingTimeBoundError(
            f"no time bound T(n) for {draft.name!r}",
            loc,
            hint=f"add the comment line `{time_hint}` or pass --time EXPR",
        )
    transitions: dict[tuple[str, str], Transition] = {}
    for (q, a), (nxt, w, mv, where) in draft.table.items():
        if q in halting:
            continue
        transitions[(q, a)] = Transition(q, a, rename.get(nxt, nxt), w, mv, where)
    states: list[str] = []
    for s in draft.states:
        s2 = rename.get(s, s)
        if s2 not in states:
            states.append(s2)
    for s in (accept, reject):
        if s not in states:
            states.append(s)
    start = rename.get(draft.start, draft.start)
    return Machine(
        name=options.name or draft.name,
        states=tuple(states),
        input_alphabet=sigma,
        tape_alphabet=tuple(symbols),
        blank=draft.blank,
        start=start,
        accept=accept,
        reject=reject,
        transitions=transitions,
        time=options.time,
        left_bounded=draft.left_bounded,
        description=draft.description,
        source=draft.filename,
        output=options.output,
    )


def build(
    draft: Draft, comments: Iterable[tuple[int, str]], options: ImportOptions, time_hint: str
) -> Machine:
    """The last step of every importer: the file's directives (in its (line number, comment
    text) pairs) under the caller's options, then `assemble`."""
    return assemble(
        draft, merge_options(find_directives(comments, draft.filename), options), time_hint
    )


def syntax_error(message: str, filename: str, line: int, column: int, text: str, hint: str = ""):
    """A located `MachineSyntaxError` (1-based line and column)."""
    return MachineSyntaxError(message, Location(filename, line, column, text), hint)
