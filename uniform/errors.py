"""Errors of the `uniform` package (network printers): subclasses of `tmnet.errors.TmnetError`."""

from __future__ import annotations

from tmnet.errors import Location, TmnetError
from tmnet.registry import UnknownNameError


class UniformError(TmnetError):
    """Base class of every error the printers raise on bad user input (n, time bound, tables)."""

    def __init__(self, message: str, hint: str = "", location: Location | None = None):
        super().__init__(message, location, hint)


class CircuitInvariantError(UniformError):
    """A `Circuit` breaks an invariant of `tmnet.uniform.circuit` (`Circuit.check`): a bug in
    the pass that built it, not bad user input."""


class UnknownGadgetModeError(UniformError, UnknownNameError):
    """A gadget mode name that `uniform.gadgets.GADGET_MODES` does not have."""
