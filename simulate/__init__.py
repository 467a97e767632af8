"""The ReLU network of Definition 2.1 and its exact simulation (Theorem 6.1).

Depends on nothing else in tmnet: it evaluates any network description, whoever printed it.
"""

import sys
import types

from tmnet.simulate.analysis import (
    BoundReport,
    MinGadgets,
    Sizes,
    bound_analysis,
    min_gadgets,
    node_depths,
    sizes,
)
from tmnet.simulate.batch import all_inputs, plan, sample_inputs
from tmnet.simulate.errors import (
    BadInputError,
    FormatError,
    InvalidNetworkError,
    LimitError,
    NetworkError,
)
from tmnet.simulate.exact import SimResult, format_value, parse_bits
from tmnet.simulate.fileformat import (
    DEFAULT_LIMITS,
    Limits,
    dumps,
    iter_lines,
    loads,
    read_lines,
    read_network,
    write_network,
)
from tmnet.simulate.float_foil import float_foil
from tmnet.simulate.lemmas import LemmaReport, NeuronLemmaCheck, check_lemmas
from tmnet.simulate.modes import SIM_MODES, SimMode, sim_mode, simulate, simulate_batch
from tmnet.simulate.network import ONE, Network, NetworkBuilder, Weight
from tmnet.simulate.nxbridge import dot_lines, export_dot, export_graphml, to_networkx

MODES = SIM_MODES  # (the old name; iterates the mode names)

__all__ = [
    "BadInputError",
    "BoundReport",
    "DEFAULT_LIMITS",
    "FormatError",
    "InvalidNetworkError",
    "LemmaReport",
    "LimitError",
    "MinGadgets",
    "Limits",
    "MODES",
    "SIM_MODES",
    "SimMode",
    "Network",
    "NetworkBuilder",
    "NetworkError",
    "NeuronLemmaCheck",
    "ONE",
    "SimResult",
    "Sizes",
    "Weight",
    "all_inputs",
    "bound_analysis",
    "check_lemmas",
    "dot_lines",
    "dumps",
    "export_dot",
    "export_graphml",
    "float_foil",
    "format_value",
    "iter_lines",
    "loads",
    "min_gadgets",
    "node_depths",
    "parse_bits",
    "plan",
    "read_lines",
    "read_network",
    "sample_inputs",
    "sim_mode",
    "simulate",
    "simulate_batch",
    "sizes",
    "to_networkx",
    "write_network",
]


class _CallableModule(types.ModuleType):
    """`tmnet.simulate(net, x)` is `tmnet.simulate.simulate(net, x)`: the package is the
    notebook's verb as well as its namespace (`tmnet.simulate.read_network`, ...)."""

    def __call__(self, *args: object, **kwargs: object) -> SimResult:
        return simulate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
