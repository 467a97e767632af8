"""The Turing-machine language of tmnet: parse `.tm` files, check them, run them.

    >>> from tmnet import machines
    >>> m = machines.library.load("parity")
    >>> machines.run(m, "1011").outcome.value
    'accept'

Public API: `parse`, `load`, `parse_polynomial` (a time bound alone), `Machine` (and its
parts), `run`, `trace`, `Outcome`, `RunResult`, `Configuration`, `run_batch`, `run_all`,
`BatchResult`, `library`, and the error classes of `machines.errors`. docs/language.md is
the language reference.
"""

from tmnet.machines import library
from tmnet.machines.batch import ACCEPT, REJECT, TIMEOUT, BatchResult, run_all, run_batch
from tmnet.machines.errors import MachineError, SourceLocation
from tmnet.machines.interpreter import (
    Compiled,
    Configuration,
    Outcome,
    RunResult,
    compile_machine,
    run,
    trace,
)
from tmnet.machines.model import Machine, Move, Polynomial, Transition
from tmnet.machines.parser import load, parse, parse_polynomial

__all__ = [
    "ACCEPT",
    "REJECT",
    "TIMEOUT",
    "BatchResult",
    "Compiled",
    "Configuration",
    "Machine",
    "MachineError",
    "Move",
    "Outcome",
    "Polynomial",
    "RunResult",
    "SourceLocation",
    "Transition",
    "compile_machine",
    "library",
    "load",
    "parse",
    "parse_polynomial",
    "run",
    "run_all",
    "run_batch",
    "trace",
]
