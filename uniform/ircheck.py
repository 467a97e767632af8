"""The IR debug switch: with ``TMNET_CHECK_IR=1`` every pass checks what it returns.

`Circuit.check()` (`tmnet.uniform.circuit`) and `Network.check()` (`tmnet.simulate.network`)
validate every invariant their docstrings state. They cost a few passes over the wires, so the
passes and printers (`simplify`, `remove_dead`, `relevel`, `build_tableau`, `to_network`, the
Cook-Levin and lookup printers) run them only when the environment variable ``TMNET_CHECK_IR``
is set to anything but ``""`` or ``"0"``. The variable is read on every call (no module state),
so a test or a shell may switch it at any time; tests/conftest.py turns it on for the suite.
"""

from __future__ import annotations

import os
from typing import Protocol, TypeVar

ENV_VAR = "TMNET_CHECK_IR"


class _Checkable(Protocol):
    def check(self) -> None: ...


T = TypeVar("T", bound=_Checkable)


def enabled() -> bool:
    """Is the debug switch on (``TMNET_CHECK_IR`` set and not ``0``)? Read at call time."""
    return os.environ.get(ENV_VAR, "") not in ("", "0")


def checked(ir: T) -> T:
    """`ir` itself, after ``ir.check()`` when the switch is on (a pass's return statement)."""
    if enabled():
        ir.check()
    return ir
