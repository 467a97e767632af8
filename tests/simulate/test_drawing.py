"""Network and circuit pictures through Graphviz: every node and edge of the network (or gate
and wire of the circuit) is in the SVG, weights as edge labels; refusals are clear."""

import builtins
import shutil
import xml.etree.ElementTree as ET

import pytest

from tmnet.cli import main
from tmnet.machines import library
from tmnet.simulate import drawing, format_value, node_depths
from tmnet.uniform.circuit_drawing import circuit_dot
from tmnet.uniform.cook_levin import cook_levin

pytest.importorskip("graphviz")
if shutil.which("dot") is None:  # pragma: no cover - depends on the machine
    pytest.skip(
        "Graphviz's dot program is not installed (apt-get install graphviz)",
        allow_module_level=True,
    )

SVG = "{http://www.w3.org/2000/svg}"


def _svg_parts(svg: bytes):
    root = ET.fromstring(svg)
    nodes, edges = set(), []
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if g.get("class") == "node":
            nodes.add(title.text)
        elif g.get("class") == "edge":
            labels = [t.text for t in g.iter(f"{SVG}text")]
            edges.append((title.text, labels))
    return nodes, edges


@pytest.mark.parametrize("name", library.names())
def test_every_library_machine_draws_at_small_n(name):
    m = library.load(name)
    for gadgets in ("paper", "compact"):
        fam = cook_levin(m, gadgets=gadgets)
        n = 2
        net = fam.network(n)
        limit = 1 + net.n_inputs + net.n_neurons
        svg = drawing.render(drawing.network_dot(net, max_nodes=max(limit, 1)), "svg")
        nodes, edges = _svg_parts(svg)
        assert nodes == {net.node_name(v) for v in range(limit)}
        want = sorted(
            (f"{net.node_name(s)}->{net.node_name(j)}", [format_value(w)])
            for j, es in net.by_neuron()
            for s, w in es
        )
        assert sorted(edges) == want
    circuit = cook_levin(m).circuit(2)
    svg = drawing.render(circuit_dot(circuit, max_nodes=10_000), "svg")
    nodes, edges = _svg_parts(svg)
    assert {f"g{circuit.first_gate + g}" for g in range(circuit.n_gates)} <= nodes
    assert len(edges) == circuit.n_wires + sum(
        1 for _, v in circuit.outputs if v < circuit.first_gate
    )


def test_layers_are_depths():
    net = cook_levin(library.load("parity"), gadgets="compact").network(3)
    layer = node_depths(net).tolist()  # the layers network_dot groups by
    for j, es in net.by_neuron():
        assert layer[j] == 1 + max(layer[s] for s, _ in es)
    dot = drawing.network_dot(net)
    assert dot.count("rank=same") == len(set(layer))


def test_cli_export_and_compile_pictures(tmp_path, capsys):
    net = tmp_path / "p.net"
    assert main(["compile", "parity", "-n", "3", "--gadgets", "compact", "-o", str(net)]) == 0
    for ext in ("svg", "png"):
        out = tmp_path / f"p.{ext}"
        assert main(["export", str(net), "-o", str(out)]) == 0
        assert out.stat().st_size > 500
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    c = tmp_path / "c.svg"
    assert main(["compile", "parity", "-n", "3", "-o", str(c)]) == 0
    assert b"AND" in c.read_bytes()
    capsys.readouterr()
    assert main(["compile", "palindrome", "-n", "6", "-o", str(tmp_path / "big.svg")]) == 2
    err = capsys.readouterr().err
    assert "more than 300" in err and "--max-draw" in err
    assert main(["export", str(net), "--max-draw", "5", "-o", str(tmp_path / "q.svg")]) == 2
    assert "--max-draw" in capsys.readouterr().err


def test_missing_graphviz_says_how_to_install(monkeypatch):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "graphviz":
            raise ImportError("no graphviz")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(drawing.DrawingError) as info:
        drawing.render("digraph { a -> b }", "svg")
    assert "pip install" in info.value.hint and "apt-get install graphviz" in info.value.hint


def test_missing_dot_program_says_how_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(drawing.DrawingError) as info:
        drawing.render("digraph { a -> b }", "svg")
    assert "apt-get install graphviz" in info.value.hint
