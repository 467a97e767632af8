"""Suite-wide settings: the IR debug switch is on for every test run.

``TMNET_CHECK_IR=1`` (`tmnet.uniform.ircheck`) makes every circuit pass and printer run
`Circuit.check()` / `Network.check()` on what it returns, so a pass that breaks an invariant
fails the test that ran it. `setdefault`: ``TMNET_CHECK_IR=0 pytest`` measures the suite
without the checks. pytest-xdist workers import this file too (and inherit the environment).
"""

from __future__ import annotations

import os

from tmnet.uniform.ircheck import ENV_VAR

os.environ.setdefault(ENV_VAR, "1")
