"""Pictures of small networks through Graphviz: layered left to right, weights on the edges.

`network_dot` is the DOT text of `nxbridge.dot_lines` (inputs and the constant as labelled
boxes, neurons as circles, outputs double-circled with their names, exact weights as edge
labels) with one `rank=same` group per layer, a layer being a neuron's depth (1 + the deepest
of its sources; inputs and the constant are layer 0), so `dot` draws the network as the layers
of Definition 2.1 from left to right. `render` runs Graphviz (the `graphviz` Python package,
extra `draw`, and the `dot` program) and says how to install either when it is missing.
Pictures above `DEFAULT_MAX_NODES` nodes are refused: the caller's option raises the limit.
"""

from __future__ import annotations

from collections.abc import Iterable

from tmnet.simulate.analysis import node_depths
from tmnet.simulate.errors import NetworkError
from tmnet.simulate.network import Network
from tmnet.simulate.nxbridge import _dot_id, dot_lines

DEFAULT_MAX_NODES = 300
PICTURE_FORMATS = ("svg", "png")
# dot's layout settings: bounded network-simplex and crossing-minimisation passes keep a few
# hundred nodes under a second
LAYOUT = (
    "  node [fontsize=10]; edge [fontsize=8, labelfontsize=8, labeldistance=1.6, "
    "arrowsize=0.5];\n  ranksep=0.9; nslimit=2; nslimit1=2; mclimit=0.3;\n"
)


class DrawingError(NetworkError):
    """A picture that cannot be drawn: too large, or Graphviz missing."""


def check_size(count: int, limit: int, what: str, option: str) -> None:
    """Refuse a picture of more than `limit` nodes, naming the option that raises it."""
    if count > limit:
        raise DrawingError(
            f"the {what} has {count} nodes, more than {limit} that a picture shows legibly",
            hint=f"raise the limit with {option} {count}, or pick a smaller n",
        )


def rank_lines(groups: dict[int, list[str]]) -> Iterable[str]:
    """`{rank=same; ...}` per layer, in layer order (the DOT ids are quoted here)."""
    for k in sorted(groups):
        yield "  {rank=same; " + " ".join(_dot_id(v) for v in groups[k]) + "}\n"


def network_dot(network: Network, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The layered DOT text of a network (module docstring)."""
    count = 1 + network.n_inputs + network.n_neurons
    check_size(count, max_nodes, f"network {network.name}", "--max-draw")
    layer = node_depths(network).tolist()  # a node's layer is its depth
    groups: dict[int, list[str]] = {}
    for node in range(len(layer)):
        groups.setdefault(layer[node], []).append(network.node_name(node))
    # weights as head labels (next to the neuron they feed): an edge `label` becomes a node
    # of dot's layout, which made a 180-neuron network take ~10 s instead of ~0.2 s
    lines = [
        ln.replace(" [label=", " [headlabel=", 1) if " -> " in ln else ln
        for ln in dot_lines(network)
    ]
    return "".join([lines[0], LAYOUT, *lines[1:-1], *rank_lines(groups), lines[-1]])


def render(dot_text: str, fmt: str) -> bytes:
    """The picture (`fmt` in PICTURE_FORMATS) that Graphviz's `dot` draws from `dot_text`."""
    if fmt not in PICTURE_FORMATS:
        raise DrawingError(f"unknown picture format {fmt!r}", hint="svg or png")
    try:
        import graphviz
    except ImportError:
        raise DrawingError(
            "drawing needs the graphviz Python package",
            hint="pip install 'tmnet[draw]' (and the Graphviz programs: apt-get install graphviz)",
        ) from None
    try:
        return graphviz.Source(dot_text).pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise DrawingError(
            "drawing needs Graphviz's `dot` program, which is not on PATH",
            hint="apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS)",
        ) from None
    except graphviz.CalledProcessError as exc:  # pragma: no cover - a dot failure
        raise DrawingError(f"dot failed: {exc.stderr.decode(errors='replace')[:300]}") from None
