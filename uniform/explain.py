"""`tmnet explain`: the Cook-Levin tableau of one run as a picture, and the gates of one window.

The tableau of `uniform.tableau` (Sipser's Figure 7.38) for a word w of length n has rows
t = 0..T(n) and cells L..R (`tableau.cell_range`). `tableau_picture` fills it from the
interpreter's `trace`: row t is the configuration after t steps; after the machine accepts
the rows repeat (accept is absorbing), after it rejects the head is gone (the tableau tracks
no reject state) and the tape stays. A cell c of row t with |c| > t (c > t on a left-bounded
tape) is *out of reach*: the head cannot have been there, so its bits are the input's or the
blank's and the printer builds no gate for it (the picture shades it).

`window_gates` names, for cell I of row t >= 1, the gates of the printed (folded) circuit
computed from the 3-cell window I-1..I+1 of row t-1 that give S[t, I, .] and H[t, I, .], with
their values on w (`uniform.tableau_labels` finds them in the printer's numbering).

Renderers: `render_text` (a character grid, one line per row), `render_svg` (SVG written
directly; every cell is a <rect> carrying data-step, data-cell, data-symbol and data-head so
tests and readers can check it against `trace`), `render_png` (matplotlib, the `plot` extra).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tmnet.machines.interpreter import trace
from tmnet.machines.model import Machine
from tmnet.uniform.circuit import KIND_NAMES
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.errors import UniformError
from tmnet.uniform.tableau import cell_range
from tmnet.uniform.tableau_labels import (
    bits_of,
    labelled_tableau,
    match_nodes,
    node_values,
)

MAX_PICTURE_CELLS = 200_000  # rows x cells above which a picture is refused (text or SVG)


@dataclass(frozen=True)
class TableauPicture:
    """The tableau of `machine` on `word`: per row t its symbols over cells L..R, the head
    (cell, state) or None, and its status ('' running, 'accept', 'reject', 'timeout')."""

    machine: str
    word: str
    time: int
    cells: tuple[int, int]
    left_bounded: bool
    symbols: tuple[str, ...]  # tape alphabet, for the colour legend
    blank: str
    rows: tuple[tuple[str, ...], ...]
    heads: tuple[tuple[int, str] | None, ...]
    status: tuple[str, ...]

    def reachable(self, t: int, cell: int) -> bool:
        """Whether the head can be on `cell` at row t (else the cell is folded to row 0's)."""
        return 0 <= cell <= t if self.left_bounded else abs(cell) <= t

    def symbol(self, t: int, cell: int) -> str:
        return self.rows[t][cell - self.cells[0]]


def tableau_picture(machine: Machine, word: str) -> TableauPicture:
    """The tableau of the run on `word` with T = T(|word|), filled from `trace`."""
    n = len(word)
    time = machine.time_bound(n)
    lo, hi = cell_range(machine, time)
    if (time + 1) * (hi - lo + 1) > MAX_PICTURE_CELLS:
        raise UniformError(
            f"the tableau of {machine.name} at n = {n} has {(time + 1) * (hi - lo + 1)} cells, "
            f"more than a picture shows ({MAX_PICTURE_CELLS})",
            hint="pick a shorter word",
        )
    configs = list(trace(machine, word))
    rows: list[tuple[str, ...]] = []
    heads: list[tuple[int, str] | None] = []
    status: list[str] = []
    blank = machine.blank
    last = configs[-1]
    for t in range(time + 1):
        cfg = configs[min(t, len(configs) - 1)]
        tape = {cfg.offset + i: s for i, s in enumerate(cfg.tape)}
        rows.append(tuple(tape.get(c, blank) for c in range(lo, hi + 1)))
        halted_before = t >= len(configs)
        if cfg.state == machine.accept:
            heads.append((cfg.head, cfg.state))
            status.append("accept")
        elif cfg.state == machine.reject or (halted_before and last.state != machine.accept):
            heads.append(None)
            status.append("reject")
        else:
            heads.append((cfg.head, cfg.state))
            status.append("timeout" if t == time else "")
    return TableauPicture(
        machine=machine.name,
        word=word,
        time=time,
        cells=(lo, hi),
        left_bounded=machine.left_bounded,
        symbols=tuple(machine.tape_alphabet),
        blank=blank,
        rows=tuple(rows),
        heads=tuple(heads),
        status=tuple(status),
    )


# ---------------------------------------------------------------------- text
def cell_width(pic: TableauPicture) -> int:
    """Characters per cell in `render_text`: the longest symbol plus two marker columns."""
    return max(len(s) for s in pic.symbols) + 2


def render_text(pic: TableauPicture, window: tuple[int, int] | None = None) -> str:
    """The grid in characters: ` a ` a cell, `[a]` the head's cell, `.a.` a cell out of the
    head's reach (folded to the input or the blank); after the row its head state and status.
    `window` = (cell, step) marks the 3 window cells of row step-1 and the cell with `*`."""
    lo, hi = pic.cells
    w = cell_width(pic) - 2
    header = "".join(str(c)[-(w + 2) :].rjust(w + 2) for c in range(lo, hi + 1))
    lines = [
        f"{pic.machine} on {pic.word!r}: T({len(pic.word)}) = {pic.time}, cells {lo}..{hi}",
        "legend: [a] head's cell, .a. out of the head's reach (an input or blank constant), "
        "* the window",
        f"{'t':>5} " + header,
    ]
    for t, row in enumerate(pic.rows):
        head = pic.heads[t]
        out = []
        for c, s in zip(range(lo, hi + 1), row, strict=True):
            if head is not None and head[0] == c:
                left, right = "[", "]"
            elif not pic.reachable(t, c):
                left, right = ".", "."
            else:
                left, right = " ", " "
            out.append(left + s.ljust(w) + right)
        mark = ""
        if window is not None:
            cell, step = window
            if t == step - 1 or t == step:
                cols = (cell - 1, cell, cell + 1) if t == step - 1 else (cell,)
                mark = "  * " + ("window" if t == step - 1 else "cell") + f" {cols}"
        tail = f"  {head[1]}@{head[0]}" if head else "  (no head)"
        status = f"  {pic.status[t].upper()}" if pic.status[t] else ""
        lines.append(f"{t:>5} " + "".join(out) + tail + status + mark)
    return "\n".join(lines) + "\n"


def parse_text(text: str, pic_cells: tuple[int, int], width: int) -> list[list[tuple[str, str]]]:
    """The grid back from `render_text`: per row, per cell (symbol, marker) with marker one of
    'head', 'far', ''. (The inverse tests use to check the text against `trace`.)"""
    lo, hi = pic_cells
    grid = []
    for line in text.splitlines()[3:]:
        body = line[6 : 6 + (hi - lo + 1) * width]
        row = []
        for j in range(hi - lo + 1):
            chunk = body[j * width : (j + 1) * width]
            marker = {"[": "head", ".": "far"}.get(chunk[0], "")
            row.append((chunk[1:-1].rstrip(), marker))
        grid.append(row)
    return grid


# ---------------------------------------------------------------------- colours
_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#e15759",
    "#bab0ac",
)


def symbol_colours(pic: TableauPicture) -> dict[str, str]:
    """A fill colour per tape symbol; the blank is near-white."""
    out, i = {}, 0
    for s in pic.symbols:
        if s == pic.blank:
            out[s] = "#f7f7f7"
        else:
            out[s] = _PALETTE[i % len(_PALETTE)]
            i += 1
    return out


# ---------------------------------------------------------------------- SVG
_CELL = 18
_LEFT = 46
_TOP = 40


def render_svg(pic: TableauPicture, window: tuple[int, int] | None = None) -> str:
    """The tableau as an SVG document (module docstring); `window` = (cell, step) outlines the
    window of row step-1 and the cell it determines."""
    lo, hi = pic.cells
    n_cols, n_rows = hi - lo + 1, len(pic.rows)
    colours = symbol_colours(pic)
    right = 150
    legend_h = 30
    width = _LEFT + n_cols * _CELL + right
    height = _TOP + n_rows * _CELL + legend_h + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
        '<defs><pattern id="far" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="2" height="4" fill="#000" '
        'fill-opacity="0.28"/></pattern></defs>',
        f'<text x="{_LEFT}" y="16" font-size="13">{html.escape(pic.machine)} on '
        f"&#8220;{html.escape(pic.word)}&#8221;: T({len(pic.word)}) = {pic.time}, "
        f"cells {lo}..{hi}</text>",
        f'<text x="4" y="{_TOP - 6}" font-size="10">t \\ cell</text>',
    ]
    for j, c in enumerate(range(lo, hi + 1)):
        if c % 5 == 0 or n_cols <= 25:
            x = _LEFT + j * _CELL + _CELL / 2
            out.append(
                f'<text x="{x}" y="{_TOP - 6}" font-size="8" text-anchor="middle">{c}</text>'
            )
    for t, row in enumerate(pic.rows):
        y = _TOP + t * _CELL
        out.append(
            f'<text x="{_LEFT - 6}" y="{y + 13}" font-size="10" text-anchor="end">{t}</text>'
        )
        head = pic.heads[t]
        for j, (c, s) in enumerate(zip(range(lo, hi + 1), row, strict=True)):
            x = _LEFT + j * _CELL
            is_head = head is not None and head[0] == c
            out.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" '
                f'fill="{colours[s]}" stroke="#ffffff" stroke-width="0.5" data-step="{t}" '
                f'data-cell="{c}" data-symbol="{html.escape(s)}" '
                f'data-head="{html.escape(head[1]) if is_head else ""}" '
                f'data-far="{0 if pic.reachable(t, c) else 1}"/>'
            )
            if not pic.reachable(t, c):
                out.append(
                    f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" fill="url(#far)"/>'
                )
            if len(s) <= 2 and s != pic.blank:
                out.append(
                    f'<text x="{x + _CELL / 2}" y="{y + 13}" font-size="10" '
                    f'text-anchor="middle" fill="#111">{html.escape(s)}</text>'
                )
        if head is not None:
            x = _LEFT + (head[0] - lo) * _CELL
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{_CELL - 2}" height="{_CELL - 2}" '
                'fill="none" stroke="#000" stroke-width="2.2"/>'
            )
        label = head[1] if head else "no head"
        status = pic.status[t]
        colour = {"accept": "#1a7f37", "reject": "#cf222e", "timeout": "#9a6700"}.get(
            status, "#333"
        )
        text = f"{label}@{head[0]}" if head else label
        if status:
            text += f"  {status.upper()}"
        weight = ' font-weight="bold"' if status else ""
        out.append(
            f'<text x="{_LEFT + n_cols * _CELL + 6}" y="{y + 13}" font-size="10" '
            f'fill="{colour}"{weight}>{html.escape(text)}</text>'
        )
    if window is not None:
        cell, step = window
        x0 = _LEFT + (cell - 1 - lo) * _CELL
        y0 = _TOP + (step - 1) * _CELL
        out.append(
            f'<rect x="{x0}" y="{y0}" width="{3 * _CELL}" height="{_CELL}" fill="none" '
            'stroke="#d4004c" stroke-width="3"/>'
        )
        out.append(
            f'<rect x="{x0 + _CELL}" y="{y0 + _CELL}" width="{_CELL}" height="{_CELL}" '
            'fill="none" stroke="#d4004c" stroke-width="3" stroke-dasharray="3,2"/>'
        )
    y = _TOP + n_rows * _CELL + 16
    x = _LEFT
    for s in pic.symbols:
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colours[s]}" stroke="#888"/>'
        )
        name = f"{s} (blank)" if s == pic.blank else s
        out.append(f'<text x="{x + 16}" y="{y}" font-size="10">{html.escape(name)}</text>')
        x += 24 + 7 * len(name)
    out.append(
        f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="url(#far)" stroke="#888"/>'
    )
    out.append(
        f'<text x="{x + 16}" y="{y}" font-size="10">out of the head\'s reach (folded)</text>'
    )
    x += 200
    out.append(
        f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="none" stroke="#000" '
        'stroke-width="2"/>'
    )
    out.append(f'<text x="{x + 16}" y="{y}" font-size="10">head (state@cell at right)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render_png(pic: TableauPicture, window: tuple[int, int] | None = None) -> bytes:
    """The tableau as PNG bytes, drawn with matplotlib (the `plot` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.colors import to_rgb
        from matplotlib.patches import Rectangle
    except ImportError:  # pragma: no cover - depends on the environment
        raise UniformError(
            "PNG output needs matplotlib",
            hint="pip install 'tmnet[plot]', or write an .svg file instead",
        ) from None
    import io

    lo, hi = pic.cells
    n_cols, n_rows = hi - lo + 1, len(pic.rows)
    colours = symbol_colours(pic)
    fig_w = max(4.0, 0.22 * n_cols + 2.2)
    fig_h = max(2.5, 0.22 * n_rows + 1.2)
    fig, ax = plt.subplots(figsize=(fig_w, fig_h))
    for t, row in enumerate(pic.rows):
        head = pic.heads[t]
        for j, s in enumerate(row):
            c = lo + j
            ax.add_patch(Rectangle((j, t), 1, 1, facecolor=to_rgb(colours[s]), edgecolor="white"))
            if not pic.reachable(t, c):
                ax.add_patch(Rectangle((j, t), 1, 1, facecolor="none", hatch="///", lw=0))
            if len(s) <= 2 and s != pic.blank:
                ax.text(j + 0.5, t + 0.72, s, fontsize=5, ha="center")
        if head is not None:
            j = head[0] - lo
            ax.add_patch(Rectangle((j + 0.05, t + 0.05), 0.9, 0.9, fill=False, lw=1.6))
        text = f"{head[1]}@{head[0]}" if head else "no head"
        if pic.status[t]:
            text += "  " + pic.status[t].upper()
        ax.text(n_cols + 0.3, t + 0.75, text, fontsize=6)
    if window is not None:
        cell, step = window
        ax.add_patch(Rectangle((cell - 1 - lo, step - 1), 3, 1, fill=False, ec="#d4004c", lw=2))
        ax.add_patch(Rectangle((cell - lo, step), 1, 1, fill=False, ec="#d4004c", lw=2, ls="--"))
    ax.set_xlim(0, n_cols + 5)
    ax.set_ylim(n_rows, 0)
    ax.set_xlabel("cell")
    ax.set_ylabel("t")
    ticks = [j for j in range(n_cols) if (lo + j) % 5 == 0]
    ax.set_xticks([j + 0.5 for j in ticks], [str(lo + j) for j in ticks], fontsize=6)
    step_ticks = range(0, n_rows, max(1, n_rows // 12))
    ax.set_yticks([t + 0.5 for t in step_ticks], [str(t) for t in step_ticks], fontsize=6)
    ax.set_title(f"{pic.machine} on {pic.word!r}: T = {pic.time}", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


# ---------------------------------------------------------------------- the window's gates
@dataclass(frozen=True)
class WindowGate:
    """One gate of the window: its printed node (None when the printer dropped it as dead),
    kind, inputs (as names), value on the word, and its role."""

    node: int | None
    kind: str
    inputs: tuple[str, ...]
    value: int
    role: str


@dataclass(frozen=True)
class WindowReport:
    """The gates computing cell `cell` of row `step` from the window of row step-1, and the
    cell's bits (name, value) as the circuit gives them."""

    cell: int
    step: int
    gates: tuple[WindowGate, ...]
    bits: tuple[tuple[str, str, int], ...]  # (bit name, node name, value)

    def render(self) -> str:
        lines = [
            f"cell {self.cell} of row {self.step} comes from cells {self.cell - 1}..{self.cell + 1}"
            f" of row {self.step - 1}: {len(self.gates)} gates of the printed circuit "
            "(node numbers as `tmnet compile` prints them; values on this input)"
        ]
        for g in self.gates:
            name = f"g{g.node}" if g.node is not None else "(dead)"
            lines.append(f"  {name:>7} = {g.kind}({', '.join(g.inputs)}) = {g.value}    {g.role}")
        lines.append("the cell's bits:")
        for bit, node, value in self.bits:
            lines.append(f"  {bit:<24} = {node:<8} = {value}")
        return "\n".join(lines) + "\n"


def window_gates(machine: Machine, word: str, cell: int, step: int) -> WindowReport:
    """The gates of the printed folded circuit that compute cell `cell` at row `step` (>= 1)
    from the window of row step-1, with their values on `word` (module docstring)."""
    n = len(word)
    time = machine.time_bound(n)
    lo, hi = cell_range(machine, time)
    if not 1 <= step <= time:
        raise UniformError(
            f"--step must be in 1..T({n}) = {time}, got {step}",
            hint="row 0 is the input; each later row is computed from the row above",
        )
    if not lo <= cell <= hi:
        raise UniformError(f"--cell must be in {lo}..{hi}, got {cell}")
    printed = cook_levin(machine).circuit(n)
    lab = labelled_tableau(machine, n, time, rows=step)
    mapped = match_nodes(lab.circuit, printed)
    bits = bits_of(machine, word)
    lay = lab.layout
    j = lab.col(cell)
    targets: list[tuple[str, int]] = []
    if step < len(lab.S):
        targets += [(f"S[{step},{cell},{a}]", lab.S[step][j][i]) for i, a in enumerate(lay.symbols)]
    targets += [(f"H[{step},{cell},{q}]", lab.H[step][j][i]) for i, q in enumerate(lay.states)]
    # names of row step-1's bits (the window's inputs)
    names: dict[int, str] = {0: "0", 1: "1"}
    for k in range(lab.circuit.n_inputs):
        names[k + 2] = f"x{k + 1}"
    prev = step - 1
    for jj in range(len(lab.S[prev])):
        c = lo + jj
        if abs(c - cell) > 1:
            continue
        for i, a in enumerate(lay.symbols):
            names.setdefault(lab.S[prev][jj][i], f"S[{prev},{c},{a}]")
        for i, q in enumerate(lay.states):
            names.setdefault(lab.H[prev][jj][i], f"H[{prev},{c},{q}]")
    # the cone of the targets within this step's gates
    cone: set[int] = set()
    stack = [node for _, node in targets]
    while stack:
        v = stack.pop()
        role = lab.labels.get(v)
        if v in cone or role is None or role.step != prev or v in names:
            continue
        cone.add(v)
        stack.extend(lab.circuit.gate(v)[1])
    # in the printed circuit's order; gates it dropped as dead (read by no printed gate) last
    order = sorted(cone, key=lambda v: (v not in mapped, mapped.get(v, 0), v))
    wanted = [v for v in order] + [node for _, node in targets]
    lab_vals = node_values(lab.circuit, bits, wanted)
    printed_nodes = sorted({mapped[v] for v in wanted if v in mapped and v > 1})
    printed_vals = node_values(printed, bits, printed_nodes)

    def ref(v: int) -> str:
        if v in names:
            label = names[v]
            if v in mapped and v >= lab.circuit.first_gate:
                label += f" (g{mapped[v]})"
            return label
        return f"g{mapped[v]}" if v in mapped else f"#{v} (dead)"

    def value(v: int) -> int:
        if v in (0, 1):
            return v
        if v in mapped and mapped[v] >= printed.first_gate:
            return printed_vals[mapped[v]]
        return lab_vals[v]

    gates = []
    for v in order:
        kind, fan = lab.circuit.gate(v)
        gates.append(
            WindowGate(
                node=mapped.get(v),
                kind=KIND_NAMES[kind],
                inputs=tuple(ref(u) for u in fan),
                value=value(v),
                role=lab.labels[v].describe(),
            )
        )
    cell_bits = tuple((name, ref(v) if v > 1 else str(v), value(v)) for name, v in targets)
    return WindowReport(cell, step, tuple(gates), cell_bits)
