"""The import graph of the package, read from the source with `ast`: acyclic, and one-way
between the layers docs/architecture.md draws.

Layers, bottom up: `tmnet.errors` and `tmnet.registry` (the base every package may use);
`tmnet.machines`, `tmnet.simulate`, `tmnet.bounds` (independent of each other); `tmnet.uniform`;
`tmnet.benchmarks`; `tmnet.cli` (the command line calls the benchmarks, never the reverse).
A module imports only its own package, the base and lower layers. Every import counts, at module
level or inside a function (a deferred import is still a dependency).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx
import pytest

import tmnet

ROOT = Path(tmnet.__file__).resolve().parents[1]  # the repository (an editable install)
# import package -> folder in the repository (pyproject's package-dir)
FOLDERS = {
    "tmnet.machines": ROOT / "machines",
    "tmnet.simulate": ROOT / "simulate",
    "tmnet.bounds": ROOT / "bounds",
    "tmnet.uniform": ROOT / "uniform",
    "tmnet.benchmarks": ROOT / "benchmarks",
    "tmnet.cli": ROOT / "tmnet" / "cli",
}
BASE = ("tmnet.errors", "tmnet.registry")
LAYER = {
    "tmnet.machines": 0,
    "tmnet.simulate": 0,
    "tmnet.bounds": 0,
    "tmnet.uniform": 1,
    "tmnet.benchmarks": 2,
    "tmnet.cli": 3,
}


def _modules() -> dict[str, Path]:
    mods: dict[str, Path] = {}
    for pkg, folder in FOLDERS.items():
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            mods[".".join([pkg, *parts])] = path
    for name in BASE:
        mods[name] = ROOT / "tmnet" / f"{name.split('.')[1]}.py"
    mods["tmnet.__main__"] = ROOT / "tmnet" / "__main__.py"
    return mods


MODULES = _modules()


def _targets(module: str, path: Path) -> set[str]:
    """The tmnet modules `module` imports: ``from P import x`` is an edge to the submodule P.x
    when x is one, else to P itself."""
    tree = ast.parse(path.read_text(), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{path}: relative import (the package uses absolute ones)"
            src = node.module or ""
            for a in node.names:
                sub = f"{src}.{a.name}"
                if sub in MODULES:
                    out.add(sub)
                elif src in MODULES:
                    out.add(src)
    out.discard(module)
    return out


@functools.cache
def _parsed() -> nx.DiGraph:
    g = nx.DiGraph()
    for module, path in MODULES.items():
        g.add_node(module)
        for target in _targets(module, path):
            g.add_edge(module, target)
    return g


def _graph() -> nx.DiGraph:
    return _parsed().copy()  # a copy: tests add edges to it


def _package(module: str) -> str:
    for pkg in FOLDERS:
        if module == pkg or module.startswith(pkg + "."):
            return pkg
    return module  # base modules, tmnet.__main__


def test_the_graph_sees_the_known_edges() -> None:
    """The parser finds real imports (so the checks below are not vacuous)."""
    g = _graph()
    assert g.has_edge("tmnet.uniform.to_network", "tmnet.simulate.network")
    assert g.has_edge("tmnet.cli.commands.bench_cmds", "tmnet.benchmarks.contrast")
    assert g.has_edge("tmnet.simulate.modes", "tmnet.simulate.exact")
    assert g.number_of_edges() > 100


def test_import_graph_is_acyclic() -> None:
    g = _graph()
    if not nx.is_directed_acyclic_graph(g):
        raise AssertionError(f"an import cycle: {nx.find_cycle(g)}")


def _violations(g: nx.DiGraph) -> list[str]:
    bad = []
    for a, b in g.edges:
        pa, pb = _package(a), _package(b)
        if pb in BASE or pa == pb or a == "tmnet.__main__":
            continue
        if pa in BASE:
            bad.append(f"{a} -> {b}: the base imports nothing else of tmnet")
        elif LAYER[pb] >= LAYER[pa]:
            bad.append(f"{a} -> {b}: {pa} (layer {LAYER[pa]}) may not import {pb}")
    return bad


def test_layers_are_one_way() -> None:
    assert _violations(_graph()) == []


@pytest.mark.parametrize(
    "edge",
    [
        ("tmnet.benchmarks.contrast", "tmnet.cli.commands.bench_cmds"),
        ("tmnet.simulate.batch", "tmnet.uniform.circuit"),
        ("tmnet.machines.model", "tmnet.simulate.network"),
        ("tmnet.errors", "tmnet.machines.model"),
    ],
)
def test_a_wrong_way_edge_is_caught(edge) -> None:
    """Each of these edges would break the layering: the check reports it."""
    g = _graph()
    g.add_edge(*edge)
    assert any(v.startswith(f"{edge[0]} -> {edge[1]}") for v in _violations(g))


def test_a_cycle_is_caught() -> None:
    g = _graph()
    g.add_edge("tmnet.simulate.network", "tmnet.simulate.modes")
    assert not nx.is_directed_acyclic_graph(g)
