"""Pictures of small boolean circuits through Graphviz (`tmnet compile --format svg|png`).

The circuit's DOT text: inputs x1..xn as boxes, gates as ellipses labelled AND/OR/NOT with
their node number, the output double-circled with its name, one `rank=same` group per depth
(`Circuit.depths`), drawn left to right; rendering and the size limit are
`simulate.drawing`'s.
"""

from __future__ import annotations

from tmnet.simulate.drawing import DEFAULT_MAX_NODES, LAYOUT, check_size, rank_lines
from tmnet.simulate.nxbridge import _dot_id
from tmnet.uniform.circuit import KIND_NAMES, Circuit


def circuit_dot(circuit: Circuit, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The layered DOT text of `circuit` (module docstring). Constants appear only when a
    gate or the output reads them (a folded circuit has none)."""
    check_size(
        circuit.n_inputs + circuit.n_gates, max_nodes, f"circuit {circuit.name}", "--max-draw"
    )
    depth = circuit.depths()
    used = {int(v) for v in circuit.fanin} | {node for _, node in circuit.outputs}
    outs: dict[int, list[str]] = {}
    for name, node in circuit.outputs:
        outs.setdefault(node, []).append(name)

    def ident(v: int) -> str:
        if v < 2:
            return f"c{v}"
        if v < circuit.first_gate:
            return circuit.input_names[v - 2] if circuit.input_names else f"x{v - 1}"
        return f"g{v}"

    lines = [
        f"digraph {_dot_id(circuit.name)} {{\n",
        "  rankdir=LR;\n",
        LAYOUT,
    ]
    groups: dict[int, list[str]] = {}
    for v in (0, 1):
        if v in used:
            lines.append(f'  {_dot_id(ident(v))} [shape=box, label="{v}"];\n')
            groups.setdefault(0, []).append(ident(v))
    for v in range(2, circuit.first_gate):
        lines.append(f"  {_dot_id(ident(v))} [shape=box];\n")
        groups.setdefault(0, []).append(ident(v))
    for g in range(circuit.n_gates):
        v = circuit.first_gate + g
        kind, fan = circuit.gate(v)
        label = f"{KIND_NAMES[kind]}\\ng{v}"
        extra = ""
        if v in outs:
            extra = f", peripheries=2, xlabel={_dot_id(' '.join(outs[v]))}"
        lines.append(f'  {_dot_id(ident(v))} [shape=ellipse, label="{label}"{extra}];\n')
        groups.setdefault(int(depth[v]), []).append(ident(v))
        for u in fan:
            lines.append(f"  {_dot_id(ident(u))} -> {_dot_id(ident(v))};\n")
    for name, node in circuit.outputs:
        if node < circuit.first_gate:  # an output that is an input or a constant
            out_id = f"out_{name}"
            lines.append(f"  {_dot_id(out_id)} [shape=doublecircle, label={_dot_id(name)}];\n")
            lines.append(f"  {_dot_id(ident(node))} -> {_dot_id(out_id)};\n")
            groups.setdefault(1, []).append(out_id)
            if node < 2 and node not in used:
                lines.append(f'  {_dot_id(ident(node))} [shape=box, label="{node}"];\n')
    lines += list(rank_lines(groups))
    lines.append("}\n")
    return "".join(lines)
