"""One differential matrix (issue 16): every backend computes "the machine accepts within
T(n)" on every input of small lengths, for every library machine and random machines, and all
must equal the interpreter. A new backend is one line in `BACKENDS`.

A backend maps (machine, n, inputs) to a 0/1 vector over the rows of `inputs` (all 2^N input
vectors in index order, machines/encoding.py). The reference runs `machines.run` word by word
(vectors whose codes name no symbol reject). Timeouts count as rejections everywhere (the
networks output 0 there; the lookup printer is asked for on_timeout="reject").
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import machines_strategy

from tmnet import machines, simulate
from tmnet.machines import encoding, library
from tmnet.uniform.circuit_io import write_circuit
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.lookup import lookup_family
from tmnet.uniform.to_network import to_network

ABC = shutil.which("berkeley-abc")

Backend = Callable[[machines.Machine, int, np.ndarray], np.ndarray]


def reference(m: machines.Machine, n: int, inputs: np.ndarray) -> np.ndarray:
    """The interpreter, one word at a time."""
    out = np.zeros(len(inputs), dtype=np.int64)
    for i, row in enumerate(inputs):
        word = encoding.decode_bits(m, row.tolist())
        out[i] = word is not None and machines.run(m, word).outcome is machines.Outcome.ACCEPT
    return out


@functools.lru_cache(maxsize=64)
def _circuit(m: machines.Machine, n: int):
    return cook_levin(m).circuit(n)


def _cook_levin_net(gadgets: str, mode: str) -> Backend:
    def run(m, n, inputs):
        net = to_network(_circuit(m, n), gadgets)
        return np.asarray(simulate.simulate_batch(net, inputs, mode=mode))[:, 0]

    return run


def _lookup_net(gadgets: str, mode: str) -> Backend:
    def run(m, n, inputs):
        net = lookup_family(m, gadgets, on_timeout="reject").network(n)
        return np.asarray(simulate.simulate_batch(net, inputs, mode=mode))[:, 0]

    return run


def _abc(m, n, inputs):
    """Berkeley ABC proves the exported AIGER circuit equal to the batched runner's table;
    the backend's answer is that table when ABC says equivalent (else its complement)."""
    table = batched_runner(m, n, inputs)
    if len(table) < 8 or table.min() == table.max():
        # ABC's read_truth wants two hex digits, and asserts (abcSop.c) on a constant table:
        # those rows are left to the other backends
        return _circuit(m, n).evaluate_batch(inputs)[:, 0]
    value = int.from_bytes(
        np.packbits(table.astype(np.uint8), bitorder="little").tobytes(), "little"
    )
    hex_table = format(value, f"0{len(table) // 4}x")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "c.aig"
        write_circuit(_circuit(m, n), path)
        r = subprocess.run(
            [ABC, "-c", f"read_truth {hex_table}; strash; cec -n {path}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    return table if "Networks are equivalent" in r.stdout + r.stderr else 1 - table


def batched_runner(m, n, inputs):
    return (np.asarray(machines.run_all(m, n).outcomes) == 1).astype(np.int64)


BACKENDS: dict[str, Backend] = {
    "batched-runner": batched_runner,
    "circuit": lambda m, n, inputs: _circuit(m, n).evaluate_batch(inputs)[:, 0],
    "cook-levin-compact-batch": _cook_levin_net("compact", "batch"),
    "cook-levin-compact-exact": _cook_levin_net("compact", "exact"),
    "cook-levin-compact-proof": _cook_levin_net("compact", "proof"),
    "cook-levin-compact-float": _cook_levin_net("compact", "float"),
    "cook-levin-paper-batch": _cook_levin_net("paper", "batch"),
    "lookup-compact-batch": _lookup_net("compact", "batch"),
    "lookup-paper-exact": _lookup_net("paper", "exact"),
    **({"abc-cec": _abc} if ABC else {}),
}


def check_all(m: machines.Machine, ns) -> None:
    for n in ns:
        inputs = simulate.all_inputs(encoding.input_bits(m, n))
        want = reference(m, n, inputs)
        for name, backend in BACKENDS.items():
            got = np.array([int(v) for v in backend(m, n, inputs)], dtype=np.int64)
            bad = np.flatnonzero(got != want)
            assert not len(bad), f"{name} disagrees on {m.name} n={n} input {bad[0]}"


@pytest.mark.parametrize("name", library.names())
def test_library_machines(name):
    m = library.load(name)
    check_all(m, range(0, 4 if encoding.bits_per_symbol(m) == 1 else 2))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(machines_strategy())
def test_random_machines(m):
    check_all(m, range(0, 3))


def test_every_simulator_mode_is_in_the_matrix():
    """A new simulator mode must be added to BACKENDS (this fails until it is)."""
    modes = set(simulate.SIM_MODES)  # the registry of simulator modes (simulate.modes)
    covered = {name.rsplit("-", 1)[1] for name in BACKENDS if name.count("-") >= 2}
    assert modes <= covered, f"simulator modes missing from the matrix: {modes - covered}"
