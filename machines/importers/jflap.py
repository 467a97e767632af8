"""JFLAP `.jff` single-tape Turing machines, read into a tmnet `Machine`.

The format (docs/formats/jflap.md): XML ``<structure><type>turing</type><automaton>`` (JFLAP 4
files put the states directly under ``<structure>``) with ``<state id= name=>`` elements, marked
``<initial/>`` and ``<final/>``, and ``<transition>`` elements holding ``<from>``, ``<to>``,
``<read>``, ``<write>`` and ``<move>`` (``L``, ``R`` or ``S``); an empty ``<read/>`` or
``<write/>`` is the blank. JFLAP's tape is infinite both ways and the head starts on the first
input symbol, as in tmnet.

tmnet's mapping: entering a final state accepts (its outgoing transitions are never used: JFLAP
halts on entering a final state); a state/symbol pair with no transition halts rejecting. The
blank becomes ``_`` (``B`` or ``#`` kept as ordinary symbols), or ``□`` when ``_`` is a symbol.
Multi-tape machines, building blocks and nondeterminism are refused. The XML is read with the
standard library's expat with every DTD refused, so no entity is ever declared or expanded.
T(n): ``<!-- tmnet-time: EXPR -->`` or ``--time``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from tmnet.errors import Location
from tmnet.machines.importers.common import Draft, ImportFormatError, ImportOptions, build
from tmnet.machines.model import Machine, Move

_MOVES = {"L": Move.L, "R": Move.R, "S": Move.S}
TIME_HINT = "<!-- tmnet-time: n^2 + 1 -->"


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list[_Element] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[_Element]:
        return [c for c in self.children if c.tag == tag]


class _NoDTD(Exception):
    pass


def _read_xml(text: str, filename: str, lines: list[str]) -> tuple[_Element, list[tuple[int, str]]]:
    """The element tree and the comments (line, text); a DTD or entity is refused."""
    parser = expat.ParserCreate()
    root: list[_Element] = []
    stack: list[_Element] = []
    comments: list[tuple[int, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        el = _Element(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        (stack[-1].children if stack else root).append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].text += data

    def comment(data: str) -> None:
        comments.append((parser.CurrentLineNumber, data))

    def refuse(*args: object) -> None:
        raise _NoDTD

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.CommentHandler = comment
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(text.encode("utf-8"), True)
    except _NoDTD:
        line = parser.CurrentLineNumber
        raise ImportFormatError(
            "the file declares a DTD or an entity; JFLAP files have none and none is read",
            Location(filename, line, parser.CurrentColumnNumber + 1, _line(lines, line)),
        ) from None
    except expat.ExpatError as exc:
        raise ImportFormatError(
            f"not well-formed XML: {expat.ErrorString(exc.code)}",
            Location(filename, exc.lineno, exc.offset + 1, _line(lines, exc.lineno)),
        ) from None
    return root[0], comments


def _line(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def parse(text: str, filename: str = "<string>", options: ImportOptions | None = None) -> Machine:
    """The tmnet machine of a JFLAP `.jff` Turing machine (see the module docstring)."""
    options = options or ImportOptions()
    lines = text.splitlines()
    root, comments = _read_xml(text, filename, lines)

    def at(el: _Element) -> Location:
        return Location(filename, el.line, el.column, _line(lines, el.line))

    def error(message: str, el: _Element, hint: str = "") -> ImportFormatError:
        return ImportFormatError(message, at(el), hint)

    if root.tag != "structure":
        raise error(f"the root element is <{root.tag}>, not <structure>", root)
    kind = root.find("type")
    if kind is None or kind.text.strip() != "turing":
        got = kind.text.strip() if kind is not None else "none"
        raise error(
            f"not a Turing machine (type {got!r})",
            kind or root,
            hint="JFLAP files of <type>turing</type> are read",
        )
    automaton = root.find("automaton") or root
    tapes = root.find("tapes")
    if tapes is not None and tapes.text.strip() not in ("", "1"):
        raise error(f"a {tapes.text.strip()}-tape machine; tmnet machines have one tape", tapes)
    if automaton.findall("block"):
        raise error("building blocks are not supported", automaton.findall("block")[0])
    states = automaton.findall("state")
    if not states:
        raise error("the machine has no states", automaton)
    names: dict[str, str] = {}
    draft = Draft(filename=filename, name=Path(filename).stem or "machine", start="", blank="")
    draft.file_location = at(automaton)
    for st in states:
        sid = st.attrs.get("id")
        if sid is None:
            raise error("a <state> without an id", st)
        if sid in names:
            raise error(f"state id {sid!r} is used twice", st)
        name = (st.attrs.get("name") or f"q{sid}").strip().replace(" ", "_") or f"q{sid}"
        if name in names.values():
            name = f"{name}_{sid}"
        names[sid] = name
        draft.add_state(name)
        if st.find("initial") is not None:
            if draft.start:
                raise error("a second initial state", st)
            draft.start = name
        if st.find("final") is not None:
            draft.halting[name] = True
    if not draft.start:
        raise error("no state is marked <initial/>", automaton)
    raw: list[tuple[_Element, str, str, str, Move, str]] = []
    symbols: list[str] = []

    def field_text(tr: _Element, tag: str, required: bool = True) -> str:
        el = tr.find(tag)
        if el is None:
            if required:
                raise error(f"a <transition> without <{tag}>", tr)
            return ""
        if "tape" in el.attrs and el.attrs["tape"] not in ("1",):
            raise error("a multi-tape transition; tmnet machines have one tape", el)
        value = el.text.strip()
        if len(value) > 1:
            raise error(f"<{tag}> holds {value!r}, not one symbol", el)
        return value

    for tr in automaton.findall("transition"):
        src = (tr.find("from").text.strip()) if tr.find("from") is not None else ""
        dst = (tr.find("to").text.strip()) if tr.find("to") is not None else ""
        for tag, value in (("from", src), ("to", dst)):
            if value not in names:
                raise error(f"<{tag}> names state id {value!r}, which no <state> has", tr)
        read, write = field_text(tr, "read"), field_text(tr, "write")
        move_text = tr.find("move").text.strip() if tr.find("move") is not None else ""
        if move_text not in _MOVES:
            raise error(f"move {move_text!r}: JFLAP moves are L, R and S", tr.find("move") or tr)
        for s in (read, write):
            if s and s not in symbols:
                symbols.append(s)
        raw.append((tr, names[src], read, write, _MOVES[move_text], names[dst]))
    blank = "_" if "_" not in symbols else "□"
    draft.blank = blank
    draft.add_symbol(blank)
    for s in symbols:
        draft.add_symbol(s)
    for tr, q, read, write, move, nxt in raw:
        a, w = read or blank, write or blank
        if q in draft.halting:
            continue  # JFLAP halts on entering a final state
        if (q, a) in draft.table:
            raise error(
                f"a second transition from {q!r} reading {a!r}: nondeterministic",
                tr,
                hint="tmnet machines are deterministic",
            )
        draft.table[(q, a)] = (nxt, w, move, at(tr))
    return build(draft, comments, options, TIME_HINT)
