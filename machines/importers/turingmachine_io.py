"""turingmachine.io (aepsilon/turing-machine-viz) YAML machines, read into a tmnet `Machine`.

The format (docs/formats/turingmachine-io.md): a mapping with ``blank`` (one character),
``start state``, ``table`` and optionally ``input`` (an example input) and ``synonyms``
(named instructions). ``table`` maps each state to its instructions, ``symbol: instruction``,
where the symbol key may be a list ``[a, b]`` (the instruction applies to each). An
instruction is ``L``, ``R`` or ``N`` (move, keep the symbol, keep the state), a synonym's name,
or a mapping ``{write: c, L: state}``: an omitted ``write`` keeps the symbol, an omitted state
(``{write: c, L}``) keeps the state. A state with no instructions is a halting state; a missing
transition halts too. The tool's own saved documents (``name``, ``source code: |``,
``positions``) are read through their ``source code``.

tmnet's mapping: entering a halting state accepts, unless the state is named ``reject`` (any
case, or starting with ``reject``), or a ``tmnet-accept`` directive/option names the accepting
ones; a missing transition rejects without a step (tmnet's rule). T(n) comes from a comment
line ``# tmnet-time: EXPR`` or the ``--time`` option. YAML is read with PyYAML's safe composer
(no tags, no code), so every error carries the YAML line and column.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tmnet.errors import Location
from tmnet.machines.importers.common import Draft, ImportFormatError, ImportOptions, build
from tmnet.machines.model import Machine, Move

_MOVES = {"L": Move.L, "R": Move.R, "N": Move.S}
_NULL = "tag:yaml.org,2002:null"
TIME_HINT = "# tmnet-time: n^2 + 1"


class _Source:
    """Positions in the file: the machine text may sit inside a document's `source code`."""

    def __init__(self, filename: str, lines: list[str], line0: int = 0, col0: int = 0) -> None:
        self.filename, self.lines, self.line0, self.col0 = filename, lines, line0, col0

    def at(self, node: yaml.Node | None) -> Location:
        if node is None:
            return Location(self.filename, self.line0 + 1, 1, self._text(self.line0))
        line = self.line0 + node.start_mark.line
        col = node.start_mark.column + self.col0
        return Location(self.filename, line + 1, col + 1, self._text(line))

    def _text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def error(self, message: str, node: yaml.Node | None, hint: str = "") -> ImportFormatError:
        return ImportFormatError(message, self.at(node), hint)


def _compose(text: str, src: _Source) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = src.line0 + (mark.line if mark else 0)
        col = (mark.column if mark else 0) + src.col0
        raise ImportFormatError(
            f"not valid YAML: {exc.problem or exc.context}",
            Location(src.filename, line + 1, col + 1, src._text(line)),
        ) from None
    except yaml.YAMLError as exc:
        raise ImportFormatError(f"not valid YAML: {exc}", src.at(None)) from None


def _mapping(node: yaml.Node, src: _Source, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise src.error(f"{what} must be a mapping", node)
    return list(node.value)


def _scalar(node: yaml.Node, src: _Source, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        raise src.error(f"{what} must be a plain value", node)
    return str(node.value)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _get(pairs: list[tuple[yaml.Node, yaml.Node]], key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in pairs:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _comments(lines: list[str], line0: int) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#"):
            out.append((line0 + i + 1, line))
    return out


def parse(text: str, filename: str = "<string>", options: ImportOptions | None = None) -> Machine:
    """The tmnet machine of a turingmachine.io YAML text (see the module docstring)."""
    options = options or ImportOptions()
    lines = text.splitlines()
    src = _Source(filename, lines)
    root = _compose(text, src)
    if root is None:
        raise src.error("the document is empty", None, hint="give blank, start state and table")
    pairs = _mapping(root, src, "the document")
    wrapped = _get(pairs, "source code")
    if wrapped is not None and _get(pairs, "table") is None:
        # a document saved by the tool itself: the machine is the `source code` block
        code_node = wrapped[1]
        inner = _scalar(code_node, src, "source code")
        first = code_node.start_mark.line + (1 if code_node.style in "|>" else 0)
        body = lines[first : first + len(inner.splitlines())]
        indent = min((len(s) - len(s.lstrip()) for s in body if s.strip()), default=0)
        src = _Source(filename, lines, first, indent)
        root = _compose(inner, src)
        if root is None:
            raise src.error("the source code is empty", code_node)
        pairs = _mapping(root, src, "the source code")
        comment_lines = _comments(inner.splitlines(), first)
    else:
        comment_lines = _comments(lines, 0)

    def required(key: str) -> tuple[yaml.Node, yaml.Node]:
        got = _get(pairs, key)
        if got is None or _is_null(got[1]):
            raise src.error(
                f"no `{key}` is given",
                root,
                hint={"blank": "blank: ' '", "start state": "start state: q0"}.get(
                    key, "table: {q0: {0: R}}"
                ),
            )
        return got

    _, blank_node = required("blank")
    blank = _scalar(blank_node, src, "blank")
    if len(blank) != 1:
        raise src.error(f"the blank must be one character, not {blank!r}", blank_node)
    _, start_node = required("start state")
    start = _scalar(start_node, src, "start state")
    _, table_node = required("table")
    states = _mapping(table_node, src, "the transition table")

    synonyms: dict[str, tuple[str | None, Move, str | None]] = {}
    syn = _get(pairs, "synonyms")
    declared = {_scalar(k, src, "a state name") for k, _ in states}

    def instruction(node: yaml.Node, allow_synonyms: bool) -> tuple[str | None, Move, str | None]:
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            word = str(node.value)
            if word in _MOVES:
                return None, _MOVES[word], None
            if allow_synonyms and word in synonyms:
                return synonyms[word]
            raise src.error(
                f"unrecognized instruction {word!r}",
                node,
                hint="an instruction is L, R, N, a synonym, or {write: c, R: state}",
            )
        if not isinstance(node, yaml.MappingNode):
            raise src.error("an instruction must be L, R, N, a synonym or a mapping", node)
        write, move, target = None, None, None
        for k, v in node.value:
            key = _scalar(k, src, "an instruction key")
            if key == "write":
                write = _scalar(v, src, "write")
                if len(write) != 1:
                    raise src.error(f"write needs one character, not {write!r}", v)
            elif key in _MOVES:
                if move is not None:
                    raise src.error("an instruction has exactly one move (L, R or N)", k)
                move = _MOVES[key]
                target = None if _is_null(v) else _scalar(v, src, "a state name")
                if target is not None and target not in declared:
                    raise src.error(
                        f"undeclared state {target!r}",
                        v,
                        hint="list every state in the table (a halting state as `name:`)",
                    )
            else:
                raise src.error(
                    f"unrecognized key {key!r} in an instruction", k, hint="keys: write, L, R, N"
                )
        if move is None:
            raise src.error("the instruction has no move (L, R or N)", node)
        return write, move, target

    if syn is not None and not _is_null(syn[1]):
        for k, v in _mapping(syn[1], src, "synonyms"):
            synonyms[_scalar(k, src, "a synonym name")] = instruction(v, allow_synonyms=False)

    draft = Draft(
        filename=filename, name=Path(filename).stem or "machine", start=start, blank=blank
    )
    name_pair = _get(pairs, "name")
    if name_pair is not None and isinstance(name_pair[1], yaml.ScalarNode):
        draft.name = str(name_pair[1].value).strip().replace(" ", "-") or draft.name
    draft.file_location = src.at(table_node)
    draft.add_symbol(blank)
    for k, v in states:
        state = _scalar(k, src, "a state name")
        if state in draft.states:
            raise src.error(f"state {state!r} is listed twice", k)
        draft.add_state(state)
        if _is_null(v) or (isinstance(v, yaml.MappingNode) and not v.value):
            draft.halting[state] = not state.lower().startswith("reject")
            continue
        for sk, instr in _mapping(v, src, f"state {state!r}"):
            keys = list(sk.value) if isinstance(sk, yaml.SequenceNode) else [sk]
            write, move, target = instruction(instr, allow_synonyms=True)
            for key_node in keys:
                sym = _scalar(key_node, src, "a symbol")
                if len(sym) != 1:
                    raise src.error(
                        f"a symbol is one character, not {sym!r}",
                        key_node,
                        hint="list several symbols as [a, b]",
                    )
                if (state, sym) in draft.table:
                    raise src.error(f"state {state!r} has two instructions for {sym!r}", key_node)
                draft.add_symbol(sym)
                w = sym if write is None else write
                draft.add_symbol(w)
                draft.table[(state, sym)] = (target or state, w, move, src.at(key_node))
    if start not in draft.states:
        raise src.error(
            f"the start state {start!r} is not in the table",
            start_node,
            hint="every state, halting ones too, is listed in the table",
        )
    example = _get(pairs, "input")
    notes = [ln.strip().lstrip("#").strip() for _, ln in comment_lines[:1]]
    notes = [t for t in notes if t and not t.startswith("tmnet-")]
    if example is not None and isinstance(example[1], yaml.ScalarNode) and example[1].value:
        word = str(example[1].value)
        notes.append(f"example input: {word}")
        for c in word:
            if c != blank:
                draft.add_symbol(c)
    draft.description = "\n".join(notes)
    return build(draft, comment_lines, options, TIME_HINT)
