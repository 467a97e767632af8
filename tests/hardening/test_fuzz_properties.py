"""Fuzz properties (issue 16): on any text or bytes, the `.tm` parser, the `.net` reader (text
and file) and every importer of `machines.importers.FORMATS` either return a value or raise one
of the project's errors (`TmnetError`): never another exception, never a hang (a SIGALRM guard per
example), bounded memory (tracemalloc peak per example).

Inputs come three ways: arbitrary text/bytes, texts built from the languages' own tokens (so
examples get past the first line), and mutations of real files (library machines, printed
networks). The atheris harness (fuzz/fuzz_tmnet.py) drives the same targets with coverage
guidance; its findings are replayed here from fuzz/corpus/.
"""

from __future__ import annotations

import signal
import tracemalloc
from pathlib import Path

import pytest
from fuzz_targets import TARGETS, importers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmnet import machines, simulate
from tmnet.machines import library

CORPUS = Path(__file__).resolve().parents[2] / "fuzz" / "corpus"
PEAK_BYTES = 64 << 20  # per example
SECONDS = 20  # per example (generous: the machine is shared)

TM_TOKENS = [
    *("machine", "input", "tape", "blank", "start", "accept", "reject", "time"),
    *("left-bounded", "two-way", "->", "*", "{", "}", ",", "#", "L", "R", "S", "n", "^", "**"),
    *("+", "-", "/", "(", ")", "0", "1", "_", "q", "acc", "rej", "a", "b", "64", "2", "\n"),
    *(" ", "\t", "\r\n", "\x00", "\u00e9", "\u2028", "9" * 30),
]
NET_TOKENS = [
    *("tmnet-network", "1", "name", "inputs", "size", "output", "end", "h1", "h2", "h3"),
    *("x1", "x2", "a", "b", "0", "1", "2", ":", "-", "/", "0x10", "-0x1f", "1/2", "2/4", "#"),
    *(" ", "\t", "\n", "\r\n", "\x0b", "\u00a0", "\u2028", "9" * 40),
]
SEEDS_TM = [library.path(name).read_text() for name in library.names()]


def _net_seed() -> str:
    from tmnet.uniform.cook_levin import cook_levin

    return simulate.dumps(cook_levin(library.load("parity"), None, "compact").network(2))


SEEDS_NET = [
    _net_seed(),
    "tmnet-network 1\nname demo\ninputs 2 a b\nsize 2 5\nh1 1:-1 a:1 b:1\n"
    "h2 a:1/3 b:-0x10 0:5\noutput and h1\noutput frac h2\nend 2 5\n",
]


def check(target: str, data: bytes) -> None:
    """Run one target under the time guard and the memory bound."""

    def on_alarm(signum, frame):
        raise AssertionError(f"{target} still running after {SECONDS} s on {data[:80]!r}")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(SECONDS)
    tracemalloc.start()
    try:
        TARGETS.get(target, ALL_TARGETS.get(target))(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert peak < PEAK_BYTES, f"{target}: peak {peak:,} bytes on {data[:80]!r}"


ALL_TARGETS = {**TARGETS, **importers()}


def tokens(vocab: list[str]) -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(vocab), max_size=60).map(lambda t: " ".join(t).encode())


def mutated(seeds: list[str]) -> st.SearchStrategy[bytes]:
    """A real file with a few characters inserted, deleted or replaced."""

    @st.composite
    def build(draw) -> bytes:
        data = bytearray(draw(st.sampled_from(seeds)).encode())
        for _ in range(draw(st.integers(1, 6))):
            i = draw(st.integers(0, len(data)))
            op = draw(st.sampled_from(["insert", "delete", "replace", "dup-line"]))
            chunk = draw(st.binary(min_size=1, max_size=4))
            if op == "insert":
                data[i:i] = chunk
            elif op == "delete":
                del data[i : i + len(chunk)]
            elif op == "replace":
                data[i : i + len(chunk)] = chunk
            else:
                j = data.find(b"\n", i)
                data[i:i] = data[i : j + 1] if j >= 0 else chunk
        return bytes(data)

    return build()


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@FUZZ
@given(st.one_of(st.binary(max_size=300), tokens(TM_TOKENS), mutated(SEEDS_TM)))
def test_tm_parser_text(data):
    check("tm-text", data)


@FUZZ
@given(st.one_of(st.binary(max_size=200), mutated(SEEDS_TM)))
def test_tm_file(data):
    check("tm-file", data)


@FUZZ
@given(st.one_of(st.binary(max_size=80), tokens(["n", "^", "**", "*", "+", "-", "(", ")", "2"])))
def test_time_polynomial(data):
    check("polynomial", data)


@FUZZ
@given(st.one_of(st.binary(max_size=300), tokens(NET_TOKENS), mutated(SEEDS_NET)))
def test_net_reader_text(data):
    check("net-text", data)


@FUZZ
@given(st.one_of(st.binary(max_size=200), mutated(SEEDS_NET)))
def test_net_reader_file(data):
    check("net-file", data)


IMPORT_TOKENS = [
    *("states:", "input:", "blank:", "start state:", "table:", "write:", "L", "R", "{", "}"),
    *("[", "]", ":", ",", "'", '"', "- ", "q0", "acc", "1RB1LB_1LA1RZ", "_", "0", "1", "*"),
    *("<structure>", "<type>turing</type>", '<state id="0">', "<transition>", "</"),
    *("<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "# tmnet-time: n^2", "; tmnet-time: 3", "\n"),
]


@pytest.mark.parametrize("name", sorted(importers()))
@FUZZ
@given(data=st.one_of(st.binary(max_size=300), tokens(IMPORT_TOKENS)))
def test_every_importer(name, data):
    """Every format of machines.importers.FORMATS: a machine or a project error."""
    check(name, data)


@pytest.mark.parametrize("target", sorted(ALL_TARGETS))
def test_the_fuzz_corpus_replays(target):
    """Every file the coverage-guided harness kept (and every crash it found, fixed) replays:
    one time guard for the folder, no tracemalloc (the properties above bound memory)."""
    files = sorted((CORPUS / target).glob("*"))
    if target in TARGETS:
        assert files, f"fuzz/corpus/{target} is empty"

    def on_alarm(signum, frame):
        raise AssertionError(f"{target}: the corpus replay hangs")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(120)
    try:
        for path in files:
            ALL_TARGETS[target](path.read_bytes())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_the_seeds_are_valid():
    """The mutation seeds parse, so mutations start from real files."""
    for text in SEEDS_TM:
        machines.parse(text)
    for text in SEEDS_NET:
        simulate.loads(text)
