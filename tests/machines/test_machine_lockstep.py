"""The lockstep engine (machines/lockstep.py) and every engine of `run_all` against `run`.

Every library machine up to n = 12, random machines (hypothesis), sampled inputs at n = 24, the
numpy reference loop against the compiled one, and the boundary rule of issue 16 pinned at
steps 0, T - 1, T and T + 1 for accept, reject-by-state and reject-by-missing-transition.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import machines_strategy
from test_machine_batch import check, oracle, reference

from tmnet.machines import ACCEPT, REJECT, TIMEOUT, batch, library, lockstep, run_all, run_batch
from tmnet.machines.encoding import decode_bits, index_to_bits, input_bits
from tmnet.machines.errors import RunnerLimitError
from tmnet.machines.model import Machine, Move, Polynomial, Transition


def _binary(name, start, transitions, time, left_bounded=False, running=()):
    """A machine over {0,1} with tape {0,1,_}; `transitions` maps (state, read) to
    (next, write, move); `running` adds states that have no transitions."""
    tr = {(q, a): Transition(q, a, nq, w, mv) for (q, a), (nq, w, mv) in transitions.items()}
    names = dict.fromkeys([start, *running, *(q for q, _ in transitions)])
    states = tuple(q for q in names if q not in ("acc", "rej"))
    return Machine(
        name=name,
        states=(*states, "acc", "rej"),
        input_alphabet=("0", "1"),
        tape_alphabet=("0", "1", "_"),
        blank="_",
        start=start,
        accept="acc",
        reject="rej",
        transitions=tr,
        time=Polynomial((time,)),
        left_bounded=left_bounded,
    )


ENGINES = [e for e in batch.ENGINES if e != "lockstep-numba" or "numba" in lockstep.available()]
REREAD = ["palindrome", "ww", "equal01", "anbn", "majority", "balanced", "increment_check"]


def test_numba_is_installed_where_tests_run():
    # The `test` extra installs numba, so the compiled loop is what these tests compare.
    assert lockstep.available() == ("numpy", "numba")


@pytest.mark.parametrize("name", library.names())
def test_default_engine_agrees_with_run_up_to_n_12(name):
    m = library.load(name)
    top = 12 if len(m.input_alphabet) == 2 else 6
    for n in (0, 1, 2, 5, top):  # n = 12: 4,096 inputs, the compiled loop
        check(run_all(m, n), reference(m, n))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", library.names())
def test_every_engine_agrees_on_library_machines(name, engine):
    m = library.load(name)
    top = 8 if len(m.input_alphabet) == 2 else 4
    for n in range(top + 1):
        check(run_all(m, n, engine=engine), reference(m, n))
    check(run_all(m, 6, max_steps=5, engine=engine), reference(m, 6, 5))


@pytest.mark.parametrize("name", REREAD)
def test_sampled_inputs_at_n_24(name):
    m = library.load(name)
    n = 24 if len(m.input_alphabet) == 2 else 12
    n_bits = input_bits(m, n)
    rng = np.random.default_rng(24)
    ids = np.unique(rng.integers(0, 1 << n_bits, 300, dtype=np.int64))
    words = [decode_bits(m, index_to_bits(int(i), n_bits)) for i in ids]
    keep = [k for k, w in enumerate(words) if w is not None]
    ids = ids[keep]
    expected = [oracle(m, words[k]) for k in keep]
    for impl in lockstep.available():
        o = np.empty(len(ids), dtype=np.int8)
        s = np.empty(len(ids), dtype=np.int32)
        lockstep.run_range(m, n, m.time_bound(n), ids, o, s, impl)
        assert list(zip(o.tolist(), s.tolist(), strict=True)) == expected


@settings(max_examples=120, deadline=None)
@given(machine=machines_strategy(), n=st.integers(0, 5), data=st.data())
def test_random_machines_every_engine(machine, n, data):
    max_steps = data.draw(st.one_of(st.none(), st.integers(0, 40)))
    expected = reference(machine, n, max_steps)
    for engine in ENGINES:
        check(run_all(machine, n, max_steps, engine=engine), expected)


def test_numba_and_numpy_agree_on_wide_heads():
    # Heads that leave the first window (margin 128) force the re-run in a wider one.
    m = library.load("palindrome")
    far = _binary(
        "far",
        "go",
        {
            ("go", "0"): ("go", "0", Move.R),
            ("go", "_"): ("go", "1", Move.R),
            ("go", "1"): ("back", "1", Move.L),
            ("back", "1"): ("back", "1", Move.L),
            ("back", "0"): ("acc", "0", Move.S),
        },
        600,
    )
    for machine in (m, far):
        for n in (3, 9):
            check(run_all(machine, n, engine="lockstep-numpy"), reference(machine, n))
            check(run_all(machine, n, engine="lockstep"), reference(machine, n))


# --- the boundary rule (issue 16) --------------------------------------------------------------


def _chain(k: int, end: str, time: int, left_bounded: bool = False) -> Machine:
    """k states moving right over anything, then `end`: 'accept' or 'reject' (one more step into
    that state), 'missing' (no transition: halted after k steps), or 'start-accept' (k = 0,
    the start state is accept: accepted after 0 steps)."""
    tr = {}
    for i in range(k):
        nxt = f"c{i + 1}" if i + 1 < k else "f"
        for a in "01_":
            tr[(f"c{i}", a)] = (nxt, a, Move.R)
    if end in ("accept", "reject"):
        for a in "01_":
            tr[("f", a)] = ("acc" if end == "accept" else "rej", a, Move.S)
    start = "acc" if end == "start-accept" else ("c0" if k else "f")
    return _binary(f"chain-{k}-{end}", start, tr, time, left_bounded, running=("f",))


def _pairs(result) -> set[tuple[int, int]]:
    return set(zip(result.outcomes.tolist(), result.steps.tolist(), strict=True))


_HALTS = {"accept": (ACCEPT, 1), "reject": (REJECT, 1), "missing": (REJECT, 0)}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("end", ["accept", "reject", "missing"])
@pytest.mark.parametrize("k", [0, 1, 3])
def test_boundary_rule_at_t_minus_1_t_and_t_plus_1(engine, end, k):
    outcome, extra = _HALTS[end]
    halt_at = k + extra  # the step count at which the run halts
    for time in (halt_at - 1, halt_at, halt_at + 1):
        if time < 0:
            continue
        m = _chain(k, end, time)
        expected = (outcome, halt_at) if time >= halt_at else (TIMEOUT, time)
        for n in (0, 2, 3, 5):  # budget inside the word, at its end, and beyond it
            result = run_all(m, n, engine=engine)
            assert _pairs(result) == {expected}, (
                m.name,
                time,
                n,
            )
            words = ["0" * n, "1" * n]
            rb = run_batch(m, words)
            assert _pairs(rb) == {expected}
            assert oracle(m, "0" * n) == expected  # the oracle the other tests use


@pytest.mark.parametrize("engine", ENGINES)
def test_boundary_at_step_0(engine):
    # time 0: no transition for the first symbol rejects after 0 steps; a start state that is
    # accept accepts after 0 steps; a transition at step 0 is a timeout after 0 steps.
    cases = [
        (_chain(0, "missing", 0), (REJECT, 0)),
        (_chain(0, "start-accept", 0), (ACCEPT, 0)),
        (_chain(1, "missing", 0), (TIMEOUT, 0)),
    ]
    for m, expected in cases:
        for n in (0, 1, 4):
            result = run_all(m, n, engine=engine)
            assert _pairs(result) == {expected}


def test_the_issue_16_reproduction():
    m = _binary(
        "boundary", "s", {("s", "0"): ("t", "0", Move.R), ("t", "0"): ("acc", "0", Move.S)}, 1
    )
    for engine in ENGINES:
        r = run_all(m, 1, engine=engine)  # index 0 = "0", index 1 = "1"
        assert r.outcomes.tolist() == [REJECT, REJECT] and r.steps.tolist() == [1, 0]


# --- limits (issue 16: bound the work before allocating it) ------------------------------------


def _right_forever(time: int) -> Machine:
    return _binary("right", "r", {("r", a): ("r", a, Move.R) for a in "01_"}, time)


def test_a_machine_moving_right_forever_is_refused_with_a_limit_error():
    m = _right_forever(100_000_000)
    for engine in ("auto", "lockstep", "prefix"):
        with pytest.raises(RunnerLimitError) as err:
            run_all(m, 3, engine=engine)
        assert "max_tape" in err.value.hint or "lockstep" in err.value.hint
    # within the limit it runs, and times out on every input
    r = run_all(_right_forever(5000), 3)
    assert r.outcomes.tolist() == [TIMEOUT] * 8 and r.steps.tolist() == [5000] * 8


def test_continuations_are_capped():
    m = _right_forever(100_000_000)
    cm = batch.compile_machine(m)
    assert batch._continue(cm, False, 0, 0, 0, 3, 100_000_000, cap=1000) is None
    assert batch._one_way_plan(m, 3, 100_000_000) is None


def test_unknown_engine_and_implementation():
    m = library.load("parity")
    with pytest.raises(ValueError, match="unknown engine"):
        run_all(m, 3, engine="fast")
    with pytest.raises(ValueError, match="unknown lockstep"):
        lockstep.run_range(m, 3, 4, np.arange(8), np.empty(8, np.int8), np.empty(8), "c")
