"""The fuzz entry points, shared by the hypothesis properties (test_fuzz_properties.py) and the
atheris harness (fuzz/fuzz_tmnet.py): each takes bytes and either returns or raises a
`TmnetError`; any other exception is a finding.

Every target is bounded by construction: inputs are small, a parsed machine runs for at most
`MAX_STEPS` steps, a parsed network is simulated only when it is small.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator

from tmnet import machines, simulate
from tmnet.errors import TmnetError

MAX_STEPS = 200
SMALL = simulate.Limits(
    max_inputs=64, max_neurons=2000, max_edges=20_000, max_digits=2000, max_line=100_000
)


def tm_text(data: bytes) -> None:
    """`machines.parse` on the text (invalid UTF-8 replaced); a machine is then run."""
    text = data.decode("utf-8", "replace")
    try:
        m = machines.parse(text, "<fuzz>")
    except TmnetError:
        return
    _run_briefly(m, data)


def _run_briefly(m: machines.Machine, data: bytes) -> None:
    """Run and trace a machine read from fuzz input for at most MAX_STEPS steps."""
    word = "".join(m.input_alphabet[b % len(m.input_alphabet)] for b in data[:6])
    machines.run(m, word, max_steps=MAX_STEPS)
    list(zip(range(MAX_STEPS), machines.trace(m, word, max_steps=MAX_STEPS), strict=False))


@contextlib.contextmanager
def _as_file(data: bytes, name: str) -> Iterator[str]:
    """The bytes as a temporary file, for the readers that take a path."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name)
        with open(path, "wb") as h:
            h.write(data)
        yield path


def tm_file(data: bytes) -> None:
    """`machines.load` on the raw bytes as a file (not UTF-8 is an error, not a crash)."""
    with _as_file(data, "fuzz.tm") as path:
        try:
            machines.load(path)
        except TmnetError:
            return


def polynomial(data: bytes) -> None:
    """`machines.parse_polynomial` (the `--time` option)."""
    try:
        p = machines.parse_polynomial(data.decode("utf-8", "replace"))
    except TmnetError:
        return
    p(7)
    str(p)


def net_text(data: bytes) -> None:
    """`simulate.loads` with small limits; a small network read is simulated once."""
    try:
        net = simulate.loads(data.decode("utf-8", "replace"), "<fuzz>", SMALL)
    except TmnetError:
        return
    _exercise(net)


def net_file(data: bytes) -> None:
    """`simulate.read_network` on the raw bytes as a file."""
    with _as_file(data, "fuzz.net") as path:
        try:
            net = simulate.read_network(path, SMALL)
        except TmnetError:
            return
    _exercise(net)


def _exercise(net: simulate.Network) -> None:
    if net.n_inputs <= 8 and net.n_neurons <= 200:
        simulate.simulate(net, [0] * net.n_inputs)
        simulate.loads(simulate.dumps(net), "<round trip>")


def importers() -> dict[str, Callable[[bytes], None]]:
    """One target per format of the importer registry (`machines.importers.FORMATS`): a new
    importer is fuzzed without a line here. An imported machine is run like a parsed one."""
    from tmnet.machines import importers as registry

    return {f"import-{f.name}": _importer_target(f.name) for f in registry.FORMATS.entries()}


def _importer_target(fmt: str) -> Callable[[bytes], None]:
    from tmnet.machines import importers as registry

    def target(data: bytes) -> None:
        try:
            m = registry.import_text(data.decode("utf-8", "replace"), fmt, "<fuzz>")
        except TmnetError:
            return
        _run_briefly(m, data)

    return target


TARGETS: dict[str, Callable[[bytes], None]] = {
    "tm-text": tm_text,
    "tm-file": tm_file,
    "polynomial": polynomial,
    "net-text": net_text,
    "net-file": net_file,
}
