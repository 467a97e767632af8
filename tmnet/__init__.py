"""tmnet: Turing machines compiled into ReLU network families, and their exact simulation.

The notebook API, in the order a first session reaches for it:

    >>> import tmnet
    >>> m = tmnet.load("palindrome")                 # a library name or a .tm path
    >>> tmnet.run(m, "0110").outcome.value
    'accept'
    >>> net = tmnet.cook_levin(m).network(4)          # Theorem 6.1's P-uniform printer
    >>> tmnet.simulate(net, "0110").outputs           # exact values (Theorem 6.1, hard direction)
    [1]
    >>> tmnet.sizes(net).p_size > 0                   # Definition 2.2
    True

Subpackages: `tmnet.machines` (the language, interpreter, batched runner), `tmnet.uniform`
(printers of network families), `tmnet.simulate` (networks, the `.net` format, the exact
simulator), `tmnet.bounds` (Theorem 5.1's count), `tmnet.benchmarks`, and `tmnet.cli` (the
command). Every error raised on bad input is a `tmnet.TmnetError`.

Names are imported on first use, so `import tmnet` (and the command's start-up) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from tmnet.errors import Location, TmnetError

__version__ = "0.1.0"

# name -> (module, attribute): the curated API. `simulate` is the subpackage itself; calling it
# calls `tmnet.simulate.simulate` (see simulate/__init__.py).
_API: dict[str, tuple[str, str | None]] = {
    # machines
    "load": ("tmnet.machines.library", "resolve"),
    "parse": ("tmnet.machines", "parse"),
    "run": ("tmnet.machines", "run"),
    "trace": ("tmnet.machines", "trace"),
    "run_all": ("tmnet.machines", "run_all"),
    "run_batch": ("tmnet.machines", "run_batch"),
    "library": ("tmnet.machines", "library"),
    "Machine": ("tmnet.machines", "Machine"),
    "Outcome": ("tmnet.machines", "Outcome"),
    "import_machine": ("tmnet.machines.importers", "import_file"),
    "output_of": ("tmnet.machines.functions", "output_of"),
    # printers
    "cook_levin": ("tmnet.uniform.cook_levin", "cook_levin"),
    "lookup": ("tmnet.uniform.lookup", "lookup_family"),
    "table_family": ("tmnet.uniform.lookup", "table_family"),
    "TruthTable": ("tmnet.uniform.truth_table", "TruthTable"),
    "truth_table": ("tmnet.uniform.truth_table", "TruthTable"),
    "to_network": ("tmnet.uniform.to_network", "to_network"),
    "verify": ("tmnet.uniform.verify", "verify"),
    "small_weights": ("tmnet.uniform.small_weights", "small_weights"),
    "construct": ("tmnet.uniform.constructions", "build"),
    "construction_family": ("tmnet.uniform.constructions", "machine_family"),
    # networks
    "simulate": ("tmnet.simulate", None),
    "simulate_batch": ("tmnet.simulate", "simulate_batch"),
    "sizes": ("tmnet.simulate", "sizes"),
    "check_lemmas": ("tmnet.simulate", "check_lemmas"),
    "bound_analysis": ("tmnet.simulate", "bound_analysis"),
    "read_network": ("tmnet.simulate", "read_network"),
    "write_network": ("tmnet.simulate", "write_network"),
    "Network": ("tmnet.simulate", "Network"),
    "NetworkBuilder": ("tmnet.simulate", "NetworkBuilder"),
    "to_onnx": ("tmnet.simulate.onnx_export", "to_onnx"),
    # Theorem 5.1
    "counting_chain": ("tmnet.bounds.counting", "chain"),
    "vc_point": ("tmnet.bounds.vc", "vc_point"),
    # coursework: the tableau of a run, a window's gates, worst-case steps
    "tableau_picture": ("tmnet.uniform.explain", "tableau_picture"),
    "window_gates": ("tmnet.uniform.explain", "window_gates"),
    "worst_case": ("tmnet.machines.steps", "worst_case"),
    "tightest_bound": ("tmnet.machines.steps", "tightest_bound"),
}

__all__ = ["Location", "TmnetError", "__version__", *_API]


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'tmnet' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
