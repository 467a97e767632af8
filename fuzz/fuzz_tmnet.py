#!/usr/bin/env python3
"""Coverage-guided fuzzing of tmnet's readers with atheris (issue 16; docs/fuzzing.md).

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/fuzz_tmnet.py tm-text fuzz/corpus/tm-text -atheris_runs=20000

(-merge=1 re-runs the script itself: call it as ./fuzz/fuzz_tmnet.py with .venv/bin first on
PATH.)

TARGET is one of tests/hardening/fuzz_targets.TARGETS (tm-text, tm-file, polynomial, net-text,
net-file) or an importer target; the other arguments are libFuzzer's (a corpus folder to read
and grow, -max_total_time=SECONDS, -atheris_runs=N, -max_len=N). A target raising anything but
a `TmnetError` is a finding: libFuzzer writes the input to crash-* and stops. Reproduce a
finding with the test that replays the corpus (tests/hardening/test_fuzz_properties.py) after
copying the input into fuzz/corpus/TARGET/.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hardening"))

# The libraries are imported first, uninstrumented (instrumenting numpy and networkx takes
# minutes and adds no coverage of ours); tmnet and lark (the grammar's paths) are instrumented.
import gmpy2  # noqa: E402, F401, I001
import networkx  # noqa: E402, F401
import numpy  # noqa: E402, F401
import tqdm  # noqa: E402, F401

with atheris.instrument_imports(include=["tmnet", "lark", "fuzz_targets"]):
    from fuzz_targets import TARGETS, importers

    import tmnet.machines.importers  # noqa: F401 - imported lazily by the targets: instrument it


def main(argv: list[str]) -> None:
    targets = {**TARGETS, **importers()}
    # libFuzzer's -merge=1 re-runs this script without TARGET: it travels in the environment
    if len(argv) >= 2 and argv[1] in targets:
        os.environ["TMNET_FUZZ_TARGET"] = argv[1]
        argv = [argv[0], *argv[2:]]
    name = os.environ.get("TMNET_FUZZ_TARGET", "")
    if name not in targets:
        sys.exit(f"usage: {argv[0]} TARGET [libFuzzer options]; TARGET: {', '.join(targets)}")
    atheris.Setup(argv, targets[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
