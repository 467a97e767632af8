"""The parser: every language feature, and every error class with its location and caret."""

import pytest

from tmnet import machines
from tmnet.machines import errors
from tmnet.machines.model import Move, Polynomial

GOOD = """# demo: a small machine using every feature
machine demo
input  0 1
tape   0 1 x _
tape   left-bounded
blank  _
start  scan
accept yes
reject no
time   2*n^2 - n + (n + 1)*3   # comment after the bound

scan {0, 1} -> * x R          # keep the state, write x
scan x -> back * L            # keep the symbol
scan * -> yes * S             # everything else: the blank only
{back, other} 0 -> * * L
{back, other} * -> no * S
"""


def test_every_feature_parses_into_an_expanded_table():
    m = machines.parse(GOOD, "demo.tm")
    assert m.name == "demo" and m.description.startswith("demo: a small machine")
    assert m.input_alphabet == ("0", "1") and m.tape_alphabet == ("0", "1", "x", "_")
    assert (m.blank, m.start, m.accept, m.reject) == ("_", "scan", "yes", "no")
    assert m.states == ("scan", "back", "other", "yes", "no")
    assert m.left_bounded
    assert m.time == Polynomial((3, 2, 2)) and m.time_bound(3) == 3 + 6 + 18
    t = m.delta("scan", "1")
    assert (t.next_state, t.write, t.move) == ("scan", "x", Move.R)
    t = m.delta("scan", "x")
    assert (t.next_state, t.write, t.move) == ("back", "x", Move.L)
    assert m.delta("scan", "_").next_state == "yes"  # the wildcard fills what is left
    assert m.delta("other", "0").move is Move.L and m.delta("other", "x").next_state == "no"
    assert len(m.transitions) == 4 + 4 + 4
    assert m.delta("scan", "1").location.line == 12


def test_wildcard_precedence_does_not_depend_on_line_order():
    text = GOOD.replace("scan * -> yes * S             # everything else: the blank only\n", "")
    text = text.replace("scan {0, 1}", "scan * -> yes * S\nscan {0, 1}")
    m = machines.parse(text)
    assert m.delta("scan", "0").write == "x" and m.delta("scan", "_").next_state == "yes"


def test_machine_line_is_optional_and_the_name_comes_from_the_file():
    text = GOOD.replace("machine demo\n", "")
    assert machines.parse(text, "dir/other.tm").name == "other"
    assert machines.parse(text.rstrip("\n")).name == "machine"  # no final newline either


@pytest.mark.parametrize(
    ("time", "coefficients"),
    [
        ("7", (7,)),
        ("2*n + 5", (5, 2)),
        ("n^2 + 3*n + 2", (2, 3, 1)),
        ("(n+1)**2", (1, 2, 1)),
        ("-n + 2*n", (0, 1)),
        ("n^0", (1,)),
    ],
)
def test_time_bounds(time, coefficients):
    assert machines.parse(GOOD.replace("2*n^2 - n + (n + 1)*3", time)).time == Polynomial(
        coefficients
    )


def error_of(text: str, filename: str = "bad.tm") -> errors.MachineError:
    with pytest.raises(errors.MachineError) as info:
        machines.parse(text, filename)
    return info.value


CASES = [
    # (error class, old text, new text, line, column, words in the message)
    (errors.MachineSyntaxError, "scan x -> back * L", "scan x -> back * Q", 13, 18, "expected"),
    (errors.MachineSyntaxError, "scan x -> back * L", "scan x back * L", 13, 8, "'->'"),
    (errors.UndefinedStateError, "scan x -> back", "scan x -> bakc", 13, 11, "'bakc'"),
    (errors.UnknownSymbolError, "scan x -> back * L", "scan y -> back * L", 13, 6, "'y'"),
    (errors.UnknownSymbolError, "scan x -> back * L", "scan x -> back z L", 13, 16, "'z'"),
    (errors.InputNotInTapeError, "tape   0 1 x _", "tape   0 x _", 3, 10, "'1'"),
    (errors.BlankInInputError, "input  0 1", "input  0 1 _", 3, 12, "blank"),
    (errors.DuplicateTransitionError, "scan x -> back * L", "scan 1 -> back * L", 13, 6, "'1'"),
    (
        errors.DuplicateTransitionError,
        "scan x -> back * L",
        "scan * -> back * L",
        14,
        1,
        "wildcard",
    ),
    (errors.HaltingTransitionError, "{back, other} 0", "{back, yes} 0", 15, 8, "accept"),
    (errors.AcceptIsRejectError, "reject no", "reject yes", 9, 8, "'yes'"),
    (errors.MissingHeaderError, "blank  _\n", "", 1, 1, "`blank`"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "2^n", 10, 10, "exponent"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "n*log(n)", 10, 10, "log"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "n/2", 10, 8, "division"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "m + 1", 10, 8, "'m'"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "1.5*n", 10, 8, "integer"),
    (errors.NotPolynomialError, "2*n^2 - n + (n + 1)*3", "5 - n^2", 10, 8, "negative"),
    (errors.DuplicateHeaderError, "start  scan", "start  scan\nstart back", 8, 1, "twice"),
    (errors.ReservedNameError, "start  scan", "start  time", 7, 8, "keyword"),
    (errors.BadSymbolError, "input  0 1", "input  01", 3, 8, "single character"),
    (errors.BadSymbolError, "tape   0 1 x _", "tape   0 1 x _ x", 4, 16, "twice"),
    (errors.MachineSyntaxError, "scan x -> back * L", "scan x -> back * L}", 13, 19, "'}'"),
]


@pytest.mark.parametrize(("cls", "old", "new", "line", "column", "words"), CASES)
def test_each_mistake_has_its_own_error_class_and_location(cls, old, new, line, column, words):
    assert old in GOOD
    err = error_of(GOOD.replace(old, new, 1))
    assert type(err) is cls, err.render()
    assert words in err.message, err.render()
    assert (err.location.line, err.location.column) == (line, column), err.render()
    rendered = err.render().splitlines()
    assert rendered[0].startswith(f"bad.tm:{line}:{column}: error: ")
    if err.location.line_text:
        assert rendered[1].strip() == err.location.line_text.strip()
        assert rendered[2].index("^") - 4 == column - 1


def test_empty_file_and_comment_only_file():
    for text in ["", "\n\n", "# nothing here\n   # still nothing\n"]:
        err = error_of(text)
        assert isinstance(err, errors.EmptyFileError)
        assert err.render().startswith("bad.tm:1:1: error: empty machine file")


def test_all_error_classes_share_one_base():
    for cls, *_ in CASES:
        assert issubclass(cls, errors.MachineError)
