"""The bridge to networkx, for analysis and export of small networks (not the hot path).

Node ids are strings: '1' (the constant), the input names, 'h<k>' for the k-th neuron.
Exact weights are kept as edge attributes: `weight` (an int or Fraction, in the DiGraph only)
and `w` (its exact decimal text, p or p/q, which GraphML and DOT store).
"""

from __future__ import annotations

import os
import re

import networkx as nx

from tmnet.simulate.atomicio import atomic_write
from tmnet.simulate.exact import format_value as format_weight
from tmnet.simulate.network import Network

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_networkx(network: Network, exact_objects: bool = True) -> nx.DiGraph:
    """A DiGraph of the network: node attrs kind (const|input|neuron), index; edge attr w."""
    # XML 1.0 cannot hold control characters: GraphML would not read back (issue 16)
    g = nx.DiGraph(name=_CONTROL.sub("\ufffd", network.name))
    g.add_node("1", kind="const", index=0)
    for i, nm in enumerate(network.input_names, start=1):
        g.add_node(nm, kind="input", index=i)
    for node, edges in network.by_neuron():
        name = network.node_name(node)
        g.add_node(name, kind="neuron", index=node)
        for source, w in edges:
            attrs = {"w": format_weight(w)}
            if exact_objects:
                attrs["weight"] = w
            g.add_edge(network.node_name(source), name, **attrs)
    for out_name, node in network.outputs:
        g.nodes[network.node_name(node)].setdefault("outputs", [])
        g.nodes[network.node_name(node)]["outputs"].append(out_name)
    for _, data in g.nodes(data=True):
        if "outputs" in data:
            data["outputs"] = " ".join(data["outputs"])
    return g


def export_graphml(network: Network, path: str | os.PathLike[str]) -> None:
    """Write GraphML (weights as exact strings in the edge attribute `w`), atomically."""
    g = to_networkx(network, exact_objects=False)
    atomic_write(path, "\n".join(nx.generate_graphml(g)) + "\n")


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_dot(network: Network, path: str | os.PathLike[str]) -> None:
    """Write Graphviz DOT (weights as exact labels), atomically."""
    atomic_write(path, dot_lines(network))


def dot_lines(network: Network):  # noqa: ANN201 - a generator of str
    """The DOT text, line by line."""
    yield f"digraph {_dot_id(network.name)} {{\n"
    yield "  rankdir=LR;\n"
    yield '  "1" [shape=box, label="1"];\n'
    for nm in network.input_names:
        yield f"  {_dot_id(nm)} [shape=box];\n"
    outs: dict[int, list[str]] = {}
    for out_name, node in network.outputs:
        outs.setdefault(node, []).append(out_name)
    for node, edges in network.by_neuron():
        name = network.node_name(node)
        extra = f", xlabel={_dot_id(' '.join(outs[node]))}, peripheries=2" if node in outs else ""
        yield f"  {_dot_id(name)} [shape=circle{extra}];\n"
        for source, w in edges:
            label = _dot_id(format_weight(w))
            yield f"  {_dot_id(network.node_name(source))} -> {_dot_id(name)} [label={label}];\n"
    yield "}\n"
