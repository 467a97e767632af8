"""Parse the machine language (grammar in machines/tm.lark) into a checked, frozen `Machine`.

Parsing is two passes: lark (LALR, contextual lexer, positions on) builds a tree, then
`_Checker` walks it, resolves shorthands (symbol sets, the `*` wildcard, keep-state and
keep-symbol) and raises one `MachineError` subclass per kind of mistake, each carrying the
file, line, column and text of the offending line. docs/language.md is the reference.
"""

from __future__ import annotations

import difflib
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from tmnet.errors import excerpt
from tmnet.machines.errors import (
    AcceptIsRejectError,
    BadSymbolError,
    BlankInInputError,
    DuplicateHeaderError,
    DuplicateTransitionError,
    EmptyFileError,
    HaltingTransitionError,
    InputNotInTapeError,
    MachineNotFoundError,
    MachineSyntaxError,
    MissingHeaderError,
    NotPolynomialError,
    ReservedNameError,
    SourceLocation,
    UndefinedStateError,
    UnknownSymbolError,
)
from tmnet.machines.model import Machine, Move, Output, Polynomial, Transition

KEYWORDS = ("machine", "input", "tape", "blank", "start", "accept", "reject", "time", "output")
REQUIRED_HEADERS = ("input", "tape", "blank", "start", "accept", "reject", "time")
TAPE_CONVENTIONS = {"left-bounded": True, "two-way": False}

# Bounds of the time expression, checked before any work they would cost (issue 16):
MAX_DEGREE = 64  # degree of the whole polynomial, not of each `^` separately
MAX_LITERAL_DIGITS = 300  # digits of one integer literal (Python refuses int() above 4300)
MAX_COEFFICIENT_BITS = 1024  # bits of any coefficient of any partial result
MAX_TAPE_SYMBOLS = 255  # tape cells are bytes in the interpreter and the batched runner
MAX_TIME_CHARS = 2000  # characters of the time expression (bounds the parse tree's depth)

_HEADER_HINTS = {
    "input": "input 0 1",
    "tape": "tape 0 1 _",
    "blank": "blank _",
    "start": "start q0",
    "accept": "accept acc",
    "reject": "reject rej",
    "time": "time n + 1",
}

# What lark's terminal names mean to a user, for "expected ..." in syntax errors.
_TERMINAL_WORDS = {
    "NAME": "a name or symbol",
    "_NL": "end of line",
    "MOVE": "a move (L, R or S)",
    "INT": "an integer",
    "IDENT": "n",
    "DECIMAL": "a number",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "COMMA": "','",
    "STAR": "'*'",
    "__ANON_0": "'->'",
    "__ANON_1": "'**'",
    "LPAR": "'('",
    "RPAR": "')'",
    "PLUS": "'+'",
    "MINUS": "'-'",
    "SLASH": None,  # `/` parses only so that the checker can refuse division; never suggest it
    "CIRCUMFLEX": "'^'",
    "$END": "end of file",
}


@functools.cache
def _lark() -> Lark:
    grammar = (Path(__file__).parent / "tm.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=True)


def _describe_expected(expected: set[str]) -> str:
    words = []
    for name in sorted(expected):
        if name.isupper() and name.lower() in KEYWORDS:
            word = f"'{name.lower()}'"
        else:
            word = _TERMINAL_WORDS.get(name, name)
        if word is None:
            continue
        if word not in words:
            words.append(word)
    keywords = [w for w in words if w.strip("'") in KEYWORDS]
    others = [w for w in words if w not in keywords]
    if len(keywords) > 2:
        others.insert(0, "a header keyword")
    else:
        others = keywords + others
    return ", ".join(others)


def parse(text: str, filename: str = "<string>") -> Machine:
    """Parse and check machine source text; raise a `MachineError` subclass on any mistake."""
    lines = text.splitlines()

    def loc(line: int, column: int) -> SourceLocation:
        line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        return SourceLocation(filename, line, column, line_text)

    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines):
        raise EmptyFileError(
            "empty machine file: no header lines and no transitions",
            SourceLocation(filename, 1, 1, ""),
            hint="a machine starts with header lines such as `input 0 1` and `time n + 1`",
        )
    try:
        tree = _lark().parse(text if text.endswith("\n") else text + "\n")
    except UnexpectedInput as exc:
        raise _syntax_error(exc, loc) from None
    return _Checker(filename, loc, _leading_comment(lines)).check(tree)


def load(path: str | os.PathLike[str]) -> Machine:
    """Read and parse a machine file; a missing file is a `MachineNotFoundError` naming it."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MachineNotFoundError(f"no such machine file: {str(p)!r}") from None
    except IsADirectoryError:
        raise MachineNotFoundError(f"{str(p)!r} is a directory, not a machine file") from None
    except UnicodeDecodeError as exc:
        raise MachineSyntaxError(f"{p}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:  # unreadable, a name too long, ...
        raise MachineNotFoundError(
            f"cannot read machine file {excerpt(str(p))!r}: {exc.strerror or exc}"
        ) from None
    return parse(text, str(p))


def _header_alone(keyword: str, text: str, filename: str, what: str) -> tuple[_Checker, Tree]:
    """`text` parsed as the value of a `keyword` header line, with a checker whose locations
    are line 1 and the column within `text`: what `parse_polynomial` and `parse_output` share."""
    prefix = f"{keyword} "
    first_line = text.splitlines()[0] if text.strip("\r\n") else ""

    def loc(line: int, column: int) -> SourceLocation:
        return SourceLocation(filename, 1, max(1, column - len(prefix)), first_line)

    for pos, char in enumerate(text):
        if char in "\r\n":
            raise MachineSyntaxError(f"{what} is one line of text", loc(1, pos + 1 + len(prefix)))
    try:
        tree = _lark().parse(f"{prefix}{text}\n")
    except UnexpectedInput as exc:
        raise _syntax_error(exc, loc) from None
    (header,) = tree.children  # one line that starts with the keyword is one header
    return _Checker(filename, loc, ""), header


def parse_polynomial(text: str, filename: str = "<string>") -> Polynomial:
    """An integer polynomial in n written as in a `time` header (`n^2 + 3*n + 1`).

    The text goes through the grammar's `time` rule and the checker's time-bound rules, so it
    is accepted exactly when `time TEXT` would be; errors are the same `MachineError`
    subclasses, located at line 1 and the column within `text`.
    """
    checker, header = _header_alone("time", text, filename, "a polynomial")
    return checker._time(header)


def parse_output(text: str, filename: str = "<string>") -> Output:
    """An output window written as in an `output` header (`n + 1`, `-10 : 4`), as an `Output`."""
    checker, header = _header_alone("output", text, filename, "an output window")
    return checker._output(header)


def _leading_comment(lines: list[str]) -> str:
    """The comment block at the top of the file: the machine's description."""
    out = []
    for ln in lines:
        s = ln.strip()
        if not s:
            if out:
                break
            continue
        if not s.startswith("#"):
            break
        out.append(s.lstrip("#").strip())
    return "\n".join(out).strip()


def _syntax_error(exc: UnexpectedInput, loc) -> MachineSyntaxError:
    line, column = max(exc.line, 1), max(exc.column, 1)
    if isinstance(exc, UnexpectedCharacters):
        char = exc.char
        msg = f"unexpected character {char!r}"
        if char in "{},*#":
            msg += f" ({char!r} is reserved by the language)"
        expected = _describe_expected(set(exc.allowed or ()))
        return MachineSyntaxError(f"{msg}; expected {expected}", loc(line, column))
    if isinstance(exc, UnexpectedEOF):
        expected = _describe_expected(set(exc.expected or ()))
        return MachineSyntaxError(f"unexpected end of file; expected {expected}", loc(line, column))
    assert isinstance(exc, UnexpectedToken)
    tok = exc.token
    expected = _describe_expected(set(exc.accepts or exc.expected or ()))
    if tok.type == "_NL":
        what = "end of line"
    elif tok.type == "$END":
        what = "end of file"
    else:
        what = repr(str(tok))
    hint = ""
    line_text = loc(line, column).line_text
    words = line_text.split()
    first = words[0] if words else ""
    if str(tok) in KEYWORDS and tok.column == 1:
        pass
    elif (
        first == "time" and tok.type == "IDENT" and line_text[: column - 1].rstrip()[-1:].isdigit()
    ):
        hint = "write 2*n for a product (a number and n need a `*` between them)"
    elif first in ("machine", "start", "accept", "reject", "blank") and tok.type != "_NL":
        hint = f"a name cannot contain spaces: write e.g. {'_'.join(words[1:3])!r}"
    elif str(tok) in KEYWORDS:
        hint = f"{str(tok)!r} is a keyword and cannot name a state"
    elif tok.type == "_NL" and first in ("input", "tape", "blank") and "#" in line_text:
        hint = "`#` starts a comment and cannot be a symbol: use another character, e.g. `$`"
    return MachineSyntaxError(
        f"unexpected {excerpt(what)}; expected {expected}", loc(line, column), hint
    )


def _poly_add(a: list[int], b: list[int], sign: int = 1) -> list[int]:
    out = [0] * max(len(a), len(b))
    for i, c in enumerate(a):
        out[i] += c
    for i, c in enumerate(b):
        out[i] += sign * c
    return out


def _poly_mul(a: list[int], b: list[int]) -> list[int]:
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return out


@dataclass
class _Rules:
    """The transitions one machine file's rules add up to, while they are read (an accumulator,
    not a value): explicit ones by (state, symbol), one wildcard per state, states in order of
    first mention, and every named next state with its token (checked once all are read)."""

    tape_alphabet: tuple[str, ...]
    accept: str
    reject: str
    order: list[str]
    explicit: dict[tuple[str, str], Transition] = field(default_factory=dict)
    wildcards: dict[str, tuple[Tree, str | None, str | None, Move]] = field(default_factory=dict)
    targets: list[tuple[str, Token]] = field(default_factory=list)
    noted: set[str] = field(default_factory=set)  # `order` as a set: linear, not quadratic

    def __post_init__(self) -> None:
        self.noted.update(self.order)

    def note(self, state: str) -> None:
        """Record `state` in order of first mention."""
        if state not in self.noted:
            self.noted.add(state)
            self.order.append(state)


class _Checker:
    """Walks the parse tree, checks every semantic rule and builds the `Machine`."""

    def __init__(self, filename: str, loc, description: str) -> None:
        self.filename = filename
        self.loc = loc
        self.description = description

    def at(self, node: Token | Tree) -> SourceLocation:
        if isinstance(node, Token):
            return self.loc(node.line, node.column)
        return self.loc(node.meta.line, node.meta.column)

    # -- headers -------------------------------------------------------------------------
    def check(self, tree: Tree) -> Machine:
        headers: dict[str, Tree] = {}
        conventions: list[Token] = []
        transitions: list[Tree] = []
        for item in tree.children:
            kind = item.data
            if kind == "transition":
                transitions.append(item)
                continue
            key = kind.removesuffix("_decl")
            if (
                key == "tape"
                and len(item.children) == 1
                and str(item.children[0]) in (TAPE_CONVENTIONS)
            ):
                if conventions:
                    raise DuplicateHeaderError(
                        "the tape convention is given twice",
                        self.at(item),
                        hint=f"first given at line {conventions[0].line}",
                    )
                conventions.append(item.children[0])
                continue
            if key in headers:
                raise DuplicateHeaderError(
                    f"header `{key}` is given twice",
                    self.at(item),
                    hint=f"first given at line {headers[key].meta.line}",
                )
            headers[key] = item
        for key in REQUIRED_HEADERS:
            if key not in headers:
                raise MissingHeaderError(
                    f"missing header line `{key}`",
                    SourceLocation(self.filename, 1, 1, ""),
                    hint=f"add a line such as `{_HEADER_HINTS[key]}`",
                )

        name_tok = headers["machine"].children[0] if "machine" in headers else None
        name = str(name_tok) if name_tok is not None else self._default_name()
        input_alphabet = self._alphabet(headers["input"], "input")
        tape_alphabet = self._alphabet(headers["tape"], "tape")
        if len(tape_alphabet) > MAX_TAPE_SYMBOLS:  # every backend stores a cell in one byte
            raise BadSymbolError(
                f"the tape alphabet has {len(tape_alphabet)} symbols; at most {MAX_TAPE_SYMBOLS}",
                self.at(headers["tape"]),
            )
        for tok in headers["tape"].children:
            if str(tok) in TAPE_CONVENTIONS:
                raise BadSymbolError(
                    f"{str(tok)!r} must be on a `tape` line of its own",
                    self.at(tok),
                    hint=f"write `tape {tok}` on a separate line",
                )
        blank_tok = headers["blank"].children[0]
        blank = self._symbol(blank_tok)
        if blank not in tape_alphabet:
            raise UnknownSymbolError(
                f"the blank {blank!r} is not in the tape alphabet", self.at(blank_tok)
            )
        for tok in headers["input"].children:
            if str(tok) == blank:
                raise BlankInInputError(
                    f"the blank {blank!r} cannot be an input symbol", self.at(tok)
                )
            if str(tok) not in tape_alphabet:
                raise InputNotInTapeError(
                    f"input symbol {str(tok)!r} is missing from the tape alphabet",
                    self.at(tok),
                    hint=f"add it to the `tape` line: tape {' '.join(tape_alphabet)} {tok}",
                )
        start = self._state(headers["start"].children[0])
        accept = self._state(headers["accept"].children[0])
        reject = self._state(headers["reject"].children[0])
        if accept == reject:
            raise AcceptIsRejectError(
                f"the accept and reject states are both {accept!r}",
                self.at(headers["reject"].children[0]),
            )
        time = self._time(headers["time"])
        table, states = self._transitions(
            transitions, tape_alphabet, start, accept, reject, headers["start"].children[0]
        )
        return Machine(
            name=name,
            states=states,
            input_alphabet=input_alphabet,
            tape_alphabet=tape_alphabet,
            blank=blank,
            start=start,
            accept=accept,
            reject=reject,
            transitions=table,
            time=time,
            left_bounded=bool(conventions) and TAPE_CONVENTIONS[str(conventions[0])],
            description=self.description,
            source=self.filename,
            output=self._output(headers["output"]) if "output" in headers else None,
        )

    def _default_name(self) -> str:
        # a non-UTF-8 file name arrives with surrogate escapes: keep it printable and encodable
        stem = (
            Path(self.filename).stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        )
        return stem if stem and not stem.startswith("<") else "machine"

    def _symbol(self, tok: Token) -> str:
        s = str(tok)
        if len(s) != 1:
            raise BadSymbolError(
                f"symbol {s!r} is {len(s)} characters long; symbols are single characters",
                self.at(tok),
                hint="separate symbols with spaces, e.g. `0 1 _`",
            )
        return s

    def _state(self, tok: Token) -> str:
        s = str(tok)
        if s in KEYWORDS:
            raise ReservedNameError(
                f"{s!r} is a keyword of the language and cannot name a state", self.at(tok)
            )
        return s

    def _alphabet(self, header: Tree, what: str) -> tuple[str, ...]:
        self._hash_in_alphabet(header, what)
        seen: list[str] = []
        for tok in header.children:
            if what == "tape" and str(tok) in TAPE_CONVENTIONS:
                continue
            s = self._symbol(tok)
            if s in seen:
                raise BadSymbolError(
                    f"symbol {s!r} is listed twice in the {what} alphabet", self.at(tok)
                )
            seen.append(s)
        return tuple(seen)

    def _hash_in_alphabet(self, header: Tree, what: str) -> None:
        """`input 0 1 #` (or `# _`): a `#` followed by nothing but single characters was meant
        as a symbol, but starts a comment; say so here rather than blame a later line."""
        loc = self.at(header)
        text = loc.line_text
        col = text.find("#")
        if col < 0:
            return
        if all(len(w) == 1 for w in text[col + 1 :].split()):
            raise BadSymbolError(
                f"`#` starts a comment, so the {what} alphabet ends before it",
                self.loc(loc.line, col + 1),
                hint="`#` cannot be a symbol: use another character, e.g. `$`",
            )

    # -- the time bound ------------------------------------------------------------------
    def _time(self, header: Tree) -> Polynomial:
        expr = header.children[0]
        text = self.at(expr).line_text
        if len(text) > MAX_TIME_CHARS:
            raise NotPolynomialError(
                f"the time line has {len(text):,} characters; at most {MAX_TIME_CHARS:,}",
                self.at(expr),
                hint="write the polynomial expanded, e.g. `3*n^2 + 1`",
            )
        try:
            coeffs = self._poly(expr)
        except RecursionError:
            raise NotPolynomialError("the time bound is nested too deeply", self.at(expr)) from None
        poly = Polynomial(tuple(coeffs))
        if poly.coefficients[-1] < 0:
            raise NotPolynomialError(
                f"the time bound {poly} is negative for large n", self.at(header.children[0])
            )
        return poly

    def _output(self, header: Tree) -> Output:
        """`output m` (cells 0..m-1) or `output a : b` (cells a..b-1): polynomials in n."""
        parts = [Polynomial(tuple(self._poly(c))) for c in header.children]
        first, stop = (Polynomial((0,)), parts[0]) if len(parts) == 1 else parts
        return Output(first, stop)

    def _poly(self, node: Tree | Token) -> list[int]:
        if isinstance(node, Token):  # pragma: no cover - every leaf is wrapped by a rule
            raise NotPolynomialError("unexpected term in the time bound", self.at(node))
        kind, kids = node.data, node.children
        if kind == "number":
            if len(kids[0]) > MAX_LITERAL_DIGITS:
                raise NotPolynomialError(
                    f"a {len(kids[0]):,}-digit number in the time bound; at most "
                    f"{MAX_LITERAL_DIGITS} digits",
                    self.at(kids[0]),
                )
            return self._bounded([int(kids[0])], node)
        if kind == "decimal":
            raise NotPolynomialError(
                f"{str(kids[0])!r}: the time bound needs integer coefficients", self.at(kids[0])
            )
        if kind == "variable":
            if str(kids[0]) != "n":
                raise NotPolynomialError(
                    f"unknown variable {str(kids[0])!r}: the time bound is a polynomial in n",
                    self.at(kids[0]),
                )
            return [0, 1]
        if kind == "call":
            raise NotPolynomialError(
                f"{kids[0]}(...) is not a polynomial in n",
                self.at(kids[0]),
                hint="bound it by a polynomial, e.g. `n^2 + 1`",
            )
        if kind == "add":
            return self._bounded(_poly_add(self._poly(kids[0]), self._poly(kids[1])), node)
        if kind == "sub":
            return self._bounded(_poly_add(self._poly(kids[0]), self._poly(kids[1]), -1), node)
        if kind == "mul":
            a, b = self._poly(kids[0]), self._poly(kids[1])
            self._check_degree(len(a) + len(b) - 2, node)
            return self._bounded(_poly_mul(a, b), node)
        if kind == "neg":
            return [-c for c in self._poly(kids[0])]
        if kind == "div":
            raise NotPolynomialError(
                "division in the time bound: coefficients must be integers",
                self.at(node),
                hint="multiply out, e.g. write `(n^2 + n)/2` as the bound `n^2 + n`",
            )
        if kind == "pow":
            base = self._poly(kids[0])
            exponent = self._poly(kids[1])
            if len([c for c in exponent[1:] if c]) or exponent[0] < 0:
                raise NotPolynomialError(
                    "the exponent must be a non-negative integer constant", self.at(kids[1])
                )
            if exponent[0] > MAX_DEGREE:
                raise NotPolynomialError(f"exponent {exponent[0]} is too large", self.at(kids[1]))
            self._check_degree((len(base) - 1) * exponent[0], node)
            top = max((abs(c).bit_length() for c in base), default=0)
            if top * exponent[0] > MAX_COEFFICIENT_BITS + 64:  # before multiplying it out
                self._bounded([1 << (MAX_COEFFICIENT_BITS + 1)], node)
            out = [1]
            for _ in range(exponent[0]):
                out = self._bounded(_poly_mul(out, base), node)
            return out
        if kind == "unary" or len(kids) == 1:  # a `+x` prefix
            return self._poly(kids[-1])
        raise NotPolynomialError(f"unexpected term {kind!r} in the time bound", self.at(node))

    def _check_degree(self, degree: int, node: Tree) -> None:
        if degree > MAX_DEGREE:
            raise NotPolynomialError(
                f"the time bound has degree {degree}; at most {MAX_DEGREE}", self.at(node)
            )

    def _bounded(self, coeffs: list[int], node: Tree) -> list[int]:
        """`coeffs`, unless a coefficient exceeds MAX_COEFFICIENT_BITS (then an error)."""
        if any(c.bit_length() > MAX_COEFFICIENT_BITS for c in coeffs):
            raise NotPolynomialError(
                f"a coefficient of the time bound exceeds 2^{MAX_COEFFICIENT_BITS}", self.at(node)
            )
        return coeffs

    # -- transitions ---------------------------------------------------------------------
    def _transitions(
        self,
        items: list[Tree],
        tape_alphabet: tuple[str, ...],
        start: str,
        accept: str,
        reject: str,
        start_tok: Token,
    ) -> tuple[dict[tuple[str, str], Transition], tuple[str, ...]]:
        rules = _Rules(tape_alphabet, accept, reject, order=[start])
        for item in items:
            for state_tok in item.children[0].children:
                self._one_rule(rules, item, state_tok)
        table = dict(rules.explicit)
        for state, (item, next_state, written, move) in rules.wildcards.items():
            for symbol in tape_alphabet:
                if (state, symbol) not in table:
                    table[(state, symbol)] = Transition(
                        state,
                        symbol,
                        next_state or state,
                        written or symbol,
                        move,
                        self.at(item),
                    )
        defined = {s for s, _ in table} | {accept, reject} | set(rules.wildcards)
        for state, tok in [(start, start_tok), *rules.targets]:
            if state not in defined:
                close = difflib.get_close_matches(state, sorted(defined), n=1)
                raise UndefinedStateError(
                    f"undefined state {state!r}: it has no transitions and is neither "
                    "accept nor reject",
                    self.at(tok),
                    hint=f"did you mean {close[0]!r}?" if close else "",
                )
        for s in (accept, reject):
            rules.note(s)
        states = tuple(s for s in rules.order if s not in (accept, reject)) + (accept, reject)
        return table, states

    def _tape_symbol(self, tok: Token, tape_alphabet: tuple[str, ...]) -> str:
        """The symbol of `tok`, which must be in the tape alphabet."""
        s = self._symbol(tok)
        if s not in tape_alphabet:
            raise UnknownSymbolError(
                f"symbol {s!r} is not in the tape alphabet {{{', '.join(tape_alphabet)}}}",
                self.at(tok),
            )
        return s

    def _one_rule(self, rules: _Rules, item: Tree, state_tok: Token) -> None:
        """Add the transitions of one rule line for one of its states to `rules`."""
        _, symset, target, write, move_tok = item.children
        accept, reject = rules.accept, rules.reject
        state = self._state(state_tok)
        if state in (accept, reject):
            raise HaltingTransitionError(
                f"transition out of the {'accept' if state == accept else 'reject'} "
                f"state {state!r}: the machine halts there",
                self.at(state_tok),
            )
        rules.note(state)
        if target.data == "next_state":
            next_state: str | None = self._state(target.children[0])
            rules.targets.append((next_state, target.children[0]))
            rules.note(next_state)
        else:
            next_state = None
        written = (
            self._tape_symbol(write.children[0], rules.tape_alphabet)
            if write.data == "write_symbol"
            else None
        )
        move = Move[str(move_tok)]
        where = self.at(item)
        if symset.data == "wildcard":
            if state in rules.wildcards:
                first = rules.wildcards[state][0]
                raise DuplicateTransitionError(
                    f"two wildcard transitions for state {state!r}",
                    where,
                    hint=f"the first is at line {first.meta.line}",
                )
            rules.wildcards[state] = (item, next_state, written, move)
            return
        for tok in symset.children:
            symbol = self._tape_symbol(tok, rules.tape_alphabet)
            key = (state, symbol)
            if key in rules.explicit:
                first_loc = rules.explicit[key].location
                raise DuplicateTransitionError(
                    f"two transitions for state {state!r} reading {symbol!r}",
                    self.at(tok),
                    hint=f"the first is at line {first_loc.line}" if first_loc else "",
                )
            rules.explicit[key] = Transition(
                state, symbol, next_state or state, written or symbol, move, where
            )
