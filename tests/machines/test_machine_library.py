"""Every library machine: its verdict equals a plain Python predicate on every input up to
n = 10, it halts within its time bound T(n), and T(n) is tight up to a small constant factor."""

import itertools

import pytest

from tmnet import machines
from tmnet.machines import library


def _balanced(w: str) -> bool:
    depth = 0
    for c in w:
        depth += 1 if c == "(" else -1
        if depth < 0:
            return False
    return depth == 0


PREDICATES = {
    "parity": lambda w: w.count("1") % 2 == 1,
    "palindrome": lambda w: w == w[::-1],
    "anbn": lambda w: len(w) % 2 == 0 and w == "0" * (len(w) // 2) + "1" * (len(w) // 2),
    "div3": lambda w: int(w or "0", 2) % 3 == 0,
    "majority": lambda w: w.count("1") > w.count("0"),
    "contains101": lambda w: "101" in w,
    "equal01": lambda w: w.count("0") == w.count("1"),
    "sorted": lambda w: "10" not in w,
    "first_equals_last": lambda w: len(w) > 0 and w[0] == w[-1],
    "ww": lambda w: len(w) % 2 == 0 and w[: len(w) // 2] == w[len(w) // 2 :],
    "increment_check": lambda w: (int(w or "0", 2) + 1) % 3 == 0,
    "balanced": _balanced,
}
MAX_N = 10
LOOSENESS = 2.5  # max steps on inputs of length n >= T(n) / LOOSENESS for n >= 4


def test_the_library_holds_every_machine_of_the_issue():
    assert set(PREDICATES) <= set(library.names())
    assert library.names() == sorted(library.names())


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_library_machine_matches_its_predicate_within_a_tight_bound(name):
    m = library.load(name)
    assert m.description.startswith(name), "each file opens with a comment naming what it decides"
    predicate = PREDICATES[name]
    for n in range(MAX_N + 1):
        bound = m.time_bound(n)
        worst = 0
        for letters in itertools.product(m.input_alphabet, repeat=n):
            word = "".join(letters)
            r = machines.run(m, word)
            assert r.outcome is not machines.Outcome.TIMEOUT, (name, word, bound)
            assert r.accepted == predicate(word), (name, word)
            worst = max(worst, r.steps)
        assert worst <= bound
        if n >= 4:
            assert worst * LOOSENESS >= bound, (name, n, worst, bound)


def test_library_paths_and_resolve(tmp_path):
    assert library.path("parity").name == "parity.tm"
    assert library.path("parity.tm") == library.path("parity")
    assert library.resolve("parity") == library.load("parity")
    assert library.resolve("parity.tm").name == "parity"
    assert library.resolve(str(library.path("anbn"))).name == "anbn"
    own = tmp_path / "mine.tm"
    own.write_text(library.path("sorted").read_text())
    assert library.resolve(str(own)).name == "sorted"
    with pytest.raises(machines.MachineError) as err:
        library.resolve("no_such_machine")
    assert "no such file or library machine" in err.value.message
    assert "parity" in err.value.render()
    with pytest.raises(machines.MachineError):
        library.load("nope")
    with pytest.raises(machines.MachineError) as err:
        machines.load(tmp_path / "missing.tm")
    assert "missing.tm" in err.value.message


def test_balanced_has_a_non_binary_alphabet_and_increment_check_writes_left_of_the_input():
    assert library.load("balanced").input_alphabet == ("(", ")")
    r = machines.run(library.load("increment_check"), "11")  # 3 + 1 = 4 = 100
    assert r.tape.strip("_") == "100" and r.offset == -1 and not r.accepted
