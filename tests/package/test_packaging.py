"""One import package: the wheel installs `tmnet` and nothing else at the top of site-packages,
and the curated notebook API resolves every name it lists."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tmnet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, cwd=build, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (whl,) = out.glob("tmnet-*.whl")
    return whl


def test_wheel_has_one_top_level_name(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    tops = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert tops == {"tmnet"}, tops
    # the subpackages, the grammar and the library machines are all inside it
    for needed in (
        "tmnet/machines/tm.lark",
        "tmnet/machines/library/parity.tm",
        "tmnet/simulate/network.py",
        "tmnet/uniform/tableau.py",
        "tmnet/bounds/counting.py",
        "tmnet/benchmarks/contrast.py",
        "tmnet/cli/__init__.py",
    ):
        assert needed in names, needed
    with zipfile.ZipFile(wheel) as z:
        entry = z.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "tmnet = tmnet.cli:main" in entry


def test_every_curated_name_resolves():
    for name in tmnet.__all__:
        assert getattr(tmnet, name) is not None, name
    assert set(tmnet.__all__) <= set(dir(tmnet))
    with pytest.raises(AttributeError):
        tmnet.no_such_name  # noqa: B018


def test_simulate_is_namespace_and_verb():
    from tmnet.simulate import Network, simulate

    net = tmnet.cook_levin(tmnet.load("parity")).network(3)
    assert isinstance(net, Network)
    assert tmnet.simulate(net, "101").outputs == simulate(net, "101").outputs == {"accept": 0}
    assert tmnet.simulate.read_network is tmnet.read_network


def test_no_top_level_subpackage_names_leak():
    """Nothing in the tree imports the folders by their bare names."""
    import re

    bare = re.compile(r"^\s*(from|import) (machines|simulate|uniform|bounds|benchmarks)\b", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("machines", "simulate", "uniform", "bounds", "benchmarks", "tmnet", "tests")
        for p in (ROOT / folder).rglob("*.py")
        if bare.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
