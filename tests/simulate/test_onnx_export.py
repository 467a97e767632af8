"""ONNX export (simulate.onnx_export) checked by onnxruntime: every input of several Cook-Levin
networks, small lookup networks and random networks gives exactly the exact simulator's
outputs; the number type is the proved one, and networks beyond it are refused with the bound
and the first neuron that breaks it."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from sim_strategies import random_network

from tmnet import simulate
from tmnet.cli import main
from tmnet.machines import importers, library
from tmnet.simulate.network import NetworkBuilder
from tmnet.simulate.onnx_export import (
    IR_VERSION,
    OnnxExportError,
    choose_dtype,
    run_onnx,
    to_onnx,
)
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.lookup import lookup_family

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


def _check(net, dtype: str = "auto") -> str:
    model, layout = to_onnx(net, dtype)
    assert model.ir_version == IR_VERSION <= 13
    assert max(o.version for o in model.opset_import) <= 21
    x = simulate.all_inputs(net.n_inputs)
    got = run_onnx(model.SerializeToString(), x, layout.dtype)
    want = np.asarray(simulate.simulate_batch(net, x, mode="batch"))
    assert got.shape == want.shape
    assert [[int(v) for v in row] for row in got] == [[int(v) for v in row] for row in want]
    return layout.dtype


COOK_LEVIN = [
    ("parity", 6, "paper"),
    ("palindrome", 8, "compact"),
    ("ww", 6, "compact"),
    ("balanced", 4, "paper"),
    ("add_halves", 4, "compact"),  # a function machine: 1 + 4 outputs
    ("bb2", 3, "paper"),
]


@pytest.mark.parametrize(("name", "n", "gadgets"), COOK_LEVIN)
@pytest.mark.parametrize("dtype", ["float64", "int64"])
def test_cook_levin_networks_run_exactly_in_onnxruntime(name, n, gadgets, dtype):
    net = cook_levin(library.load(name), gadgets=gadgets).network(n)
    assert _check(net, dtype) == dtype


def test_an_imported_machine_exports():
    m = importers.import_file("tests/machines/fixtures/formats/anbncn.morphett")
    assert _check(cook_levin(m, gadgets="compact").network(3)) == "float64"


@pytest.mark.parametrize("n", [2, 4, 6, 7, 8])
def test_small_lookup_networks_run_exactly(n):
    net = lookup_family(library.load("parity"), gadgets="paper", on_timeout="reject").network(n)
    assert _check(net) == "float64"  # 35-bit bounds at n = 8: exact in float64
    assert _check(net, "int64") == "int64"


def test_lookup_networks_past_small_n_are_refused_with_the_bound_and_neuron():
    net = lookup_family(library.load("parity"), gadgets="paper", on_timeout="reject").network(9)
    with pytest.raises(OnnxExportError) as info:
        to_onnx(net)
    msg = info.value.message
    assert "bits" in msg and "first neuron that breaks it is h" in msg and "int64" in msg
    bound = simulate.bound_analysis(net)
    assert str(bound.magnitude) in msg
    with pytest.raises(OnnxExportError, match="float64"):
        choose_dtype(lookup_family(library.load("parity")).network(9), "float64")


def test_auto_takes_int64_between_2_53_and_2_63():
    b = NetworkBuilder(2)
    h = b.neuron({1: 2**60, 2: -(2**59)}, bias=3)
    b.output(b.neuron({h: 1, 2: 5}), "y")
    b.output(1, "x1")
    net = b.build()
    assert choose_dtype(net) == "int64"
    assert _check(net) == "int64"
    with pytest.raises(OnnxExportError, match="float64"):
        choose_dtype(net, "float64")


def test_fractional_weights_are_refused():
    b = NetworkBuilder(1)
    b.output(b.neuron({1: Fraction(1, 2)}), "y")
    with pytest.raises(OnnxExportError, match="not an integer"):
        to_onnx(b.build())


@pytest.mark.parametrize("seed", range(12))
def test_random_networks(seed):
    net = random_network(seed, n_inputs=5, n_neurons=40, max_fan_in=6, n_outputs=3)
    _check(net)


def test_both_layer_kinds_are_used():
    net = cook_levin(library.load("palindrome"), gadgets="compact").network(8)
    _, layout = to_onnx(net)
    kinds = {k for _, _, k in layout.layers}
    assert kinds == {"dense", "sparse"}
    from tmnet.simulate.analysis import node_depths

    assert len(layout.layers) == int(node_depths(net).max())


def test_cli_export_onnx(tmp_path, capsys):
    net_path, onnx_path = tmp_path / "p.net", tmp_path / "p.onnx"
    assert main(["compile", "parity", "-n", "4", "-o", str(net_path)]) == 0
    assert main(["export", str(net_path), "-o", str(onnx_path)]) == 0
    assert "float64" in capsys.readouterr().out
    model = onnx.load(str(onnx_path))
    net = simulate.read_network(net_path)
    x = simulate.all_inputs(4)
    got = run_onnx(model.SerializeToString(), x, "float64")
    assert (got == np.asarray(simulate.simulate_batch(net, x))).all()
    big = tmp_path / "l9.net"
    assert main(["lookup", "parity", "-n", "9", "-o", str(big)]) == 0
    capsys.readouterr()
    assert main(["export", str(big), "-o", str(tmp_path / "l9.onnx")]) == 2
    assert "first neuron that breaks it" in capsys.readouterr().err
    assert not (tmp_path / "l9.onnx").exists()
    assert main(["export", str(net_path), "--format", "onnx"]) == 2


def test_the_benchmark_compares_equal_results():
    from tmnet.benchmarks.onnx_speed import compare

    net = cook_levin(library.load("parity")).network(4)
    r = compare("parity n=4", net, 32, 1, "auto")
    assert len(r["ratios"]) == 1 and r["dtype"] == "float64" and r["rows"] == 32
