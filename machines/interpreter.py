"""The reference interpreter: run a machine on one word, or trace it step by step.

Semantics (docs/language.md): the head starts on cell 0, the first input symbol (a blank for the
empty word); every transition is one step, the one entering accept or reject included; a
missing transition halts and rejects without taking a step. The boundary rule, shared with the
batched runner and the networks: after s steps (0 <= s <= T(n)) the machine accepts in `accept`,
rejects in `reject`, and rejects (halted after s steps) in a state with no transition for the
scanned symbol, at s = 0 and s = T(n) too; only a machine that at step T(n) is in a running
state WITH a transition times out.

`run` is the fast path: the machine is compiled once (cached) into a flat table indexed by
state*|Gamma| + symbol, the tape is a bytearray that doubles when the head reaches an end, and
the hot loop runs in chunks no longer than the head's distance to the nearest end, so no step
does bounds or O(tape) work. `trace` is a plain, separately written dict-based loop; tests
check that the two agree.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from tmnet.machines.errors import BadSymbolError, BadWordError
from tmnet.machines.model import Machine


class Outcome(enum.Enum):
    """How a run ended. The batched runner's int8 codes are in `Outcome.code`."""

    ACCEPT = "accept"
    REJECT = "reject"
    TIMEOUT = "timeout"

    @property
    def code(self) -> int:
        """1 accept, 0 reject, 2 timeout: the codes of `BatchResult.outcomes`."""
        return _OUTCOME_CODES[self]


_OUTCOME_CODES = {Outcome.ACCEPT: 1, Outcome.REJECT: 0, Outcome.TIMEOUT: 2}


def _span(cells: dict[int, str] | None, head: int) -> tuple[int, int]:
    """(first, last+1) cell of the shown span: every non-blank cell and the head."""
    if not cells:
        return head, head + 1
    return min(min(cells), head), max(max(cells), head) + 1


@dataclass(frozen=True)
class Configuration:
    """A machine configuration after `step` steps.

    `head` is a cell number (cell 0 holds the first input symbol; negative cells lie to its
    left on a two-way tape). `tape` shows cells `offset` .. `offset + len(tape) - 1`: the
    shortest span holding every non-blank cell and the head cell.
    """

    step: int
    state: str
    head: int
    tape: str
    offset: int

    def render(self) -> str:
        """`step state: ab[c]d`: the tape with the scanned cell in brackets."""
        i = self.head - self.offset
        marked = f"{self.tape[:i]}[{self.tape[i]}]{self.tape[i + 1 :]}"
        return f"{self.step:>6}  {self.state}: {marked}"


@dataclass(frozen=True)
class RunResult:
    """The result of `run`.

    `state` is the final state (for a missing transition: the state that had no move);
    `head` and `tape`/`offset` follow the conventions of `Configuration`; `max_steps` is the
    budget the run had.
    """

    outcome: Outcome
    steps: int
    state: str
    head: int
    tape: str
    offset: int
    max_steps: int

    @property
    def accepted(self) -> bool:
        return self.outcome is Outcome.ACCEPT

    def configuration(self) -> Configuration:
        """The final configuration."""
        return Configuration(self.steps, self.state, self.head, self.tape, self.offset)


@dataclass(frozen=True)
class Compiled:
    """A machine as lookup tables over integer codes (shared by `run` and the batched runner).

    State k (non-halting states first, then accept, then reject) has code k; tape symbol j (in
    `machine.tape_alphabet` order) has code j. `next_state[k*G + j]`, `write[...]`, `move[...]`
    give the transition; a missing transition has next state `Q + 2 + k` ("halted in k"),
    writes the symbol it read and does not move. Codes >= Q halt.
    """

    machine: Machine
    states: tuple[str, ...]
    symbols: tuple[str, ...]
    n_running: int  # Q: the non-halting states
    start: int
    blank: int
    next_state: tuple[int, ...]
    write: tuple[int, ...]
    move: tuple[int, ...]
    input_codes: dict[str, int]
    table: tuple[tuple[int, int, int], ...] = ()  # (next*G, write, move) per state*G + symbol

    @property
    def n_symbols(self) -> int:
        return len(self.symbols)

    @property
    def accept(self) -> int:
        return self.n_running

    @property
    def reject(self) -> int:
        return self.n_running + 1

    def state_name(self, code: int) -> str:
        q = self.n_running
        return self.states[code - q - 2] if code >= q + 2 else self.states[code]

    def encode(self, word: str) -> bytes:
        """The tape codes of a word; a symbol outside the input alphabet is a `BadWordError`."""
        codes = self.input_codes
        try:
            return bytes(codes[c] for c in word)
        except KeyError:
            for i, c in enumerate(word):
                if c not in codes:
                    raise BadWordError(
                        f"symbol {c!r} at position {i + 1} of the word {word!r} is not in the "
                        f"input alphabet {{{', '.join(self.machine.input_alphabet)}}} of "
                        f"machine {self.machine.name!r}"
                    ) from None
            raise  # pragma: no cover


@functools.lru_cache(maxsize=128)
def compile_machine(machine: Machine) -> Compiled:
    """The lookup tables of a machine (memoised: machines are frozen values)."""
    halting = (machine.accept, machine.reject)
    running = tuple(s for s in machine.states if s not in halting)
    states = running + halting
    q = len(running)
    index = {s: k for k, s in enumerate(states)}
    symbols = machine.tape_alphabet
    g = len(symbols)
    if g > 255:
        raise BadSymbolError(f"machine {machine.name!r} has {g} tape symbols; at most 255")
    sym = {s: j for j, s in enumerate(symbols)}
    next_state, write, move = [], [], []
    for k, state in enumerate(states):
        for j, symbol in enumerate(symbols):
            t = machine.delta(state, symbol) if k < q else None
            if t is None:
                next_state.append(q + 2 + k if k < q else k)
                write.append(j)
                move.append(0)
            else:
                next_state.append(index[t.next_state])
                write.append(sym[t.write])
                move.append(int(t.move))
    return Compiled(
        machine=machine,
        states=states,
        symbols=symbols,
        n_running=q,
        start=index[machine.start],
        blank=sym[machine.blank],
        next_state=tuple(next_state),
        write=tuple(write),
        move=tuple(move),
        input_codes={s: sym[s] for s in machine.input_alphabet},
        table=tuple((ns * g, w, mv) for ns, w, mv in zip(next_state, write, move, strict=True)),
    )


def _budget(machine: Machine, n: int, max_steps: int | None) -> int:
    limit = machine.time_bound(n) if max_steps is None else int(max_steps)
    if limit < 0:
        raise ValueError(f"max_steps must be >= 0, not {limit}")
    return limit


def run(machine: Machine, word: str, max_steps: int | None = None) -> RunResult:
    """Run `machine` on `word` for at most `max_steps` steps (default T(len(word)))."""
    cm = compile_machine(machine)
    limit = _budget(machine, len(word), max_steps)
    g = cm.n_symbols
    halt = cm.n_running * g  # premultiplied codes at or above this halt
    # table[k*G + j] = (next state premultiplied by G, written symbol, move)
    table = [(ns * g, w, mv) for ns, w, mv in zip(cm.next_state, cm.write, cm.move, strict=True)]
    blank = cm.blank
    margin = 64
    tape = bytearray([blank]) * margin + bytearray(cm.encode(word)) + bytearray([blank]) * margin
    left_bounded = machine.left_bounded
    if left_bounded:
        del tape[:margin]
    origin = 0 if left_bounded else margin  # index in `tape` of cell 0
    head = origin
    state = cm.start * g
    steps = 0
    while state < halt and steps < limit:
        size = len(tape)
        if left_bounded:
            room = size - 1 - head
            if room == 0:
                tape.extend(bytes([blank]) * size)
                continue
            chunk = min(room, limit - steps)
            i = 0
            for i in range(chunk):  # noqa: B007 - `i` counts the steps taken
                state, w, mv = table[state + tape[head]]
                tape[head] = w
                head += mv
                if head < 0:
                    head = 0
                if state >= halt:
                    break
            steps += i + 1
        else:
            room = min(head, size - 1 - head)
            if room == 0:
                if head == 0:
                    tape[:0] = bytes([blank]) * size
                    head += size
                    origin += size
                else:
                    tape.extend(bytes([blank]) * size)
                continue
            chunk = min(room, limit - steps)
            i = 0
            for i in range(chunk):  # noqa: B007
                state, w, mv = table[state + tape[head]]
                tape[head] = w
                head += mv
                if state >= halt:
                    break
            steps += i + 1
    code = state // g
    q = cm.n_running
    if code >= q + 2:  # "halted in k": the missing transition's pseudo-step took no step
        missing = True
        steps -= 1
    else:
        # Budget spent in a running state with no transition for the scanned symbol: halted
        # (rejecting) after `steps` <= T(n) steps, at steps == T(n) too; not a timeout.
        missing = code < q and table[state + tape[head]][0] >= (q + 2) * g
    if code == cm.accept:
        outcome = Outcome.ACCEPT
    elif missing or code >= q:
        outcome = Outcome.REJECT
    else:
        outcome = Outcome.TIMEOUT
    blank_byte = bytes([blank])
    lo = len(tape) - len(tape.lstrip(blank_byte))
    hi = len(tape.rstrip(blank_byte))
    if lo >= hi:
        lo, hi = head, head + 1
    else:
        lo, hi = min(lo, head), max(hi, head + 1)
    symbols = cm.symbols
    text = "".join([symbols[c] for c in tape[lo:hi]])
    return RunResult(
        outcome=outcome,
        steps=steps,
        state=cm.state_name(code),
        head=head - origin,
        tape=text,
        offset=lo - origin,
        max_steps=limit,
    )


def trace(machine: Machine, word: str, max_steps: int | None = None) -> Iterator[Configuration]:
    """Every configuration of the run, from step 0 until it halts or the budget is spent.

    This is a deliberately simple dict-based loop (the executable specification that tests
    compare `run` and the batched runner with); building each `tape` string costs O(span).
    """
    cm = compile_machine(machine)  # validates the word below
    cm.encode(word)
    limit = _budget(machine, len(word), max_steps)
    blank = machine.blank
    cells = {i: c for i, c in enumerate(word)}
    head, state, step = 0, machine.start, 0

    def config() -> Configuration:
        lo, hi = _span(cells, head)
        text = "".join(cells.get(i, blank) for i in range(lo, hi))
        return Configuration(step, state, head, text, lo)

    yield config()
    while step < limit and state not in machine.halting_states:
        t = machine.delta(state, cells.get(head, blank))
        if t is None:
            return
        if t.write == blank:
            cells.pop(head, None)
        else:
            cells[head] = t.write
        head += int(t.move)
        if machine.left_bounded and head < 0:
            head = 0
        state = t.next_state
        step += 1
        yield config()
