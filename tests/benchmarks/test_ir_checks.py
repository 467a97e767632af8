"""benchmarks.ir_checks: the switch is set for the call only, and its workloads run (no timing
is asserted: speed is measured by the benchmark, not by tests)."""

from __future__ import annotations

import os

from tmnet.benchmarks import ir_checks
from tmnet.uniform import ircheck


def test_switched_sets_and_restores_the_variable(monkeypatch) -> None:
    monkeypatch.setenv(ircheck.ENV_VAR, "1")
    seen = []
    ir_checks._switched(lambda: seen.append(ircheck.enabled()), "0")()
    ir_checks._switched(lambda: seen.append(ircheck.enabled()), "1")()
    assert seen == [False, True] and os.environ[ircheck.ENV_VAR] == "1"
    monkeypatch.delenv(ircheck.ENV_VAR)
    ir_checks._switched(lambda: None, "1")()
    assert ircheck.ENV_VAR not in os.environ


def test_workloads_run() -> None:
    names = [label for label, fn in ir_checks.workloads(quick=True) if fn() is not None]
    assert len(names) == 3
