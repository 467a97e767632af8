"""The importers (machines.importers) on real files of each format: documented step counts and
results on every input up to a length, the exporters' round trips, and located errors."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import machines_strategy

from tmnet.cli import main
from tmnet.machines import MachineError, Outcome, importers, library, parse, run
from tmnet.machines.importers import ImportFormatError, ImportOptions, MissingTimeBoundError
from tmnet.machines.importers import turingmachine_io as tmio
from tmnet.machines.importers.turingmachine_io_export import to_yaml
from tmnet.machines.model import Move
from tmnet.machines.writer import NotWritableError, to_tm

FIX = Path(__file__).parent / "fixtures" / "formats"


def words(alphabet: str, max_len: int):
    for n in range(max_len + 1):
        for w in itertools.product(alphabet, repeat=n):
            yield "".join(w)


def load(name: str):
    return importers.import_file(FIX / name)


def is_anbncn(w: str) -> bool:
    k = len(w) // 3
    return w == "a" * k + "b" * k + "c" * k


def cells(machine, result, window: range) -> str:
    tape = {result.offset + i: c for i, c in enumerate(result.tape)}
    return "".join(tape.get(c, machine.blank) for c in window)


# ---------------------------------------------------------------- turingmachine.io


def test_yaml_palindrome_every_word_up_to_8():
    m = load("palindrome.yaml")
    assert (m.accept, m.reject) == ("accept_", "reject_")  # keywords renamed
    for w in words("ab", 8):
        r = run(m, w)
        assert r.accepted == (w == w[::-1]), w
        assert r.steps <= m.time_bound(len(w))


def test_yaml_binary_increment_msb_first():
    m = load("binary_increment.yaml")
    assert "example input: 1011" in m.description
    for w in words("01", 8):
        r = run(m, w)
        assert r.outcome is Outcome.ACCEPT
        digits = cells(m, r, range(-1, len(w))).replace("_", "0")
        assert int(digits, 2) == int(w or "0", 2) + 1, w


def test_yaml_busy_beaver_4_from_the_tools_saved_document():
    m = load("busy_beaver4.yaml")  # `source code: |` wrapper, blank 0, {write: 1, R} keeps state
    r = run(m, "")
    assert (r.outcome, r.steps, r.tape.count("1")) == (Outcome.ACCEPT, 107, 13)
    assert m.delta("D", "0").next_state == "D"  # an omitted state keeps the state
    assert m.delta("A", "1").write == "1"  # an omitted write keeps the symbol


def test_yaml_halting_mapping_options():
    text = (FIX / "palindrome.yaml").read_text()
    # naming the accepting halting state makes every other one reject
    m = tmio.parse(text, "p.yaml", ImportOptions(accept=("reject",)))
    assert run(m, "ab").accepted and not run(m, "aba").accepted
    # a missing transition halts rejecting, without a step
    small = "blank: ' '\nstart state: q\ntable:\n  q:\n    a: R\n  done:\n"
    m = tmio.parse(
        small, "s.yaml", ImportOptions(time=parse_time("n + 1"), input_alphabet=("a", "b"))
    )
    r = run(m, "ab")
    assert (r.outcome, r.steps) == (Outcome.REJECT, 1)


def parse_time(text: str):
    from tmnet.machines import parse_polynomial

    return parse_polynomial(text)


@pytest.mark.parametrize(
    ("text", "line", "col", "words_"),
    [
        ("blank: ' '\nstart state: q\ntable:\n  q:\n    a: R\n   b: R\n", 6, 4, "not valid YAML"),
        ("start state: q\ntable:\n  q:\n", 1, 1, "no `blank`"),
        ("blank: ab\nstart state: q\ntable:\n  q:\n", 1, 8, "one character"),
        ("blank: ' '\nstart state: q\ntable:\n  q:\n    a: {R: nowhere}\n", 5, 12, "undeclared"),
        ("blank: ' '\nstart state: q\ntable:\n  q:\n    a: {R: q, L: q}\n", 5, 15, "one move"),
        ("blank: ' '\nstart state: q\ntable:\n  q:\n    ab: R\n", 5, 5, "one character"),
        ("blank: ' '\nstart state: p\ntable:\n  q:\n    a: R\n", 2, 14, "start state"),
        ("blank: ' '\nstart state: q\ntable:\n  q:\n    a: X\n", 5, 8, "unrecognized"),
    ],
)
def test_yaml_errors_are_located(text, line, col, words_):
    with pytest.raises(ImportFormatError) as info:
        tmio.parse("# tmnet-time: n\n" + text, "bad.yaml")
    loc = info.value.location
    assert words_ in info.value.message
    assert loc.file == "bad.yaml" and loc.line == line + 1
    if col is not None:
        assert loc.column == col


def test_yaml_missing_time_bound_says_how_to_give_one():
    with pytest.raises(MissingTimeBoundError) as info:
        tmio.parse("blank: ' '\nstart state: q\ntable:\n  q:\n    a: R\n", "t.yaml")
    assert "tmnet-time" in info.value.hint and "--time" in info.value.hint


def test_yaml_is_loaded_safely():
    with pytest.raises(ImportFormatError):
        tmio.parse("# tmnet-time: 1\n!!python/object/apply:os.system ['true']\n", "x.yaml")


# ---------------------------------------------------------------- Morphett


def test_morphett_palindrome_every_word_up_to_8():
    m = load("palindrome.morphett")
    assert (m.accept, m.reject) == ("halt-accept", "halt-reject")
    for w in words("01", 8):
        r = run(m, w)
        assert r.accepted == (w == w[::-1]), w
        assert r.outcome is not Outcome.TIMEOUT


def test_morphett_anbncn_every_word_up_to_7():
    m = load("anbncn.morphett")
    assert m.input_alphabet == ("a", "b", "c")
    for w in words("abc", 7):
        r = run(m, w)
        assert r.accepted == is_anbncn(w), w
        assert r.outcome is not Outcome.TIMEOUT, w


def test_morphett_increment_and_plain_halt():
    m = load("increment.morphett")
    for w in words("01", 8):
        r = run(m, w)
        assert r.accepted and r.state == "halt"
        assert int(cells(m, r, range(-1, len(w))).replace("_", "0"), 2) == int(w or "0", 2) + 1


def test_morphett_wildcard_precedence():
    m = load("precedence.morphett")
    assert m.delta("0", "a").write == "x"  # exact
    assert m.delta("0", "b").write == "y"  # (state, *) beats (*, symbol)
    assert m.delta("1", "b").write == "z"  # (*, symbol)
    assert m.delta("1", "c").write == "v"  # exact
    assert m.delta("1", "a").write == "w"  # (*, *)
    assert m.delta("1", "_").next_state == "halt" and m.delta("1", "_").move is Move.R
    assert m.delta("1", "c").move is Move.S  # `*` direction stays
    assert m.delta("halt", "a") is None


@pytest.mark.parametrize(
    ("body", "line", "col", "words_"),
    [
        ("0 a b r\n", 2, 1, "5 fields"),
        ("0 a b x 1\n", 2, 7, "direction"),
        ("0 ab b r 1\n", 2, 3, "one character"),
        ("0 a b r 1\n0 a c l 1\n", 3, 1, "second rule"),
    ],
)
def test_morphett_errors_are_located(body, line, col, words_):
    with pytest.raises(ImportFormatError) as info:
        importers.import_text("; tmnet-time: n\n" + body, "morphett", "bad.morphett")
    loc = info.value.location
    assert words_ in info.value.message
    assert (loc.line, loc.column) == (line, col)


# ---------------------------------------------------------------- bbchallenge

BUSY_BEAVERS = [  # (file, steps, non-blank cells): the documented champions
    ("bb2.bb", 6, 4),
    ("bb3.bb", 21, 5),
    ("bb4.bb", 107, 13),
    ("bb2x3.bb", 38, 9),
]


@pytest.mark.parametrize(("name", "steps", "ones"), BUSY_BEAVERS)
def test_busy_beavers_documented_counts(name, steps, ones):
    m = load(name)
    r = run(m, "")
    assert (r.outcome, r.steps) == (Outcome.ACCEPT, steps)
    assert len(r.tape) - r.tape.count("0") == ones
    assert m.time_bound(0) == steps  # T(n) is the constant step count


def test_bbchallenge_undefined_transition_halts_without_a_step():
    m = importers.import_text(
        "1RB---_1LA1RZ", "bbchallenge", "u.bb", ImportOptions(time=parse_time("9"))
    )
    assert m.delta("A", "1") is None
    r = run(m, "")  # A0 -> 1RB, B0 -> 1LA, A1: undefined
    assert (r.outcome, r.steps) == (Outcome.REJECT, 2)


def test_bbchallenge_more_symbols_and_halting_letters():
    m = load("bb2x3.bb")
    assert m.tape_alphabet == ("0", "1", "2") and m.input_alphabet == ("1", "2")
    assert m.accept == "Z"


@pytest.mark.parametrize(
    ("code", "col", "words_"),
    [
        ("1RB1LB_1LA1R", 8, "characters"),
        ("1RB1LB_1LA1XZ", 11, "bad transition"),
        ("1RB1LB_1LA3RZ", 11, "bad transition"),
        ("1RB1L", 1, "3-character"),
    ],
)
def test_bbchallenge_errors_are_located(code, col, words_):
    with pytest.raises(ImportFormatError) as info:
        importers.import_text(f"# tmnet-time: 6\n{code}\n", "bbchallenge", "bad.bb")
    assert words_ in info.value.message
    assert (info.value.location.line, info.value.location.column) == (2, col)


# ---------------------------------------------------------------- JFLAP


def test_jflap_anbncn_every_word_up_to_7():
    m = load("anbncn.jff")
    assert m.accept == "q5" and m.blank == "_"
    for w in words("abc", 7):
        r = run(m, w)
        assert r.accepted == is_anbncn(w), w
        assert r.outcome is not Outcome.TIMEOUT


JFF = (
    '<?xml version="1.0"?><structure><type>turing</type><automaton>\n'
    "<!-- tmnet-time: n + 1 -->\n"
    '<state id="0" name="q0"><initial/></state><state id="1" name="q1"><final/></state>\n'
    "{body}</automaton></structure>\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words_"),
    [
        (JFF.format(body="<transition><from>0</from><to>1</to><read>a</read>"), 4, "XML"),
        (
            JFF.format(
                body="<transition><from>0</from><to>1</to><read/><write/><move>R</move>"
                "</transition>\n<transition><from>0</from><to>0</to><read/><write>a</write>"
                "<move>L</move></transition>\n"
            ),
            5,
            "nondeterministic",
        ),
        (
            JFF.format(
                body="<transition><from>0</from><to>7</to><read/><write/><move>R</move>"
                "</transition>\n"
            ),
            4,
            "no <state>",
        ),
        (
            JFF.format(
                body="<transition><from>0</from><to>1</to><read/><write/><move>X</move>"
                "</transition>\n"
            ),
            4,
            "move",
        ),
        (JFF.replace("turing", "fa"), 1, "not a Turing machine"),
    ],
)
def test_jflap_errors_are_located(text, line, words_):
    with pytest.raises(ImportFormatError) as info:
        importers.import_text(text, "jflap", "bad.jff")
    assert words_ in info.value.message
    assert info.value.location.line == line


def test_jflap_refuses_entities():
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
        "<structure><type>&lol2;</type></structure>\n"
    )
    with pytest.raises(ImportFormatError) as info:
        importers.import_text(bomb, "jflap", "bomb.jff")
    assert "DTD" in info.value.message and info.value.location.line == 2


def test_jflap_multitape_refused():
    text = JFF.replace("<automaton>", "<tapes>2</tapes><automaton>").format(body="")
    with pytest.raises(ImportFormatError, match="2-tape"):
        importers.import_text(text, "jflap", "mt.jff")


# ---------------------------------------------------------------- writers and round trips

FIXTURES = sorted(p.name for p in FIX.iterdir() if importers.format_of(p) is not None)


@pytest.mark.parametrize("name", FIXTURES)
def test_imported_machines_round_trip_through_tm(name):
    m = load(name)
    m2 = parse(to_tm(m), f"{m.name}.tm")
    assert m2 == replace(m, states=m2.states, description=m2.description)


@pytest.mark.parametrize("name", library.names())
def test_library_round_trips_through_tm_and_yaml(name):
    m = library.load(name)
    assert parse(to_tm(m), f"{name}.tm") == replace(m, states=parse(to_tm(m)).states)
    y = tmio.parse(to_yaml(m), f"{name}.yaml")
    assert set(y.tape_alphabet) == set(m.tape_alphabet) and y.input_alphabet == m.input_alphabet
    assert (y.start, y.accept, y.reject, y.time) == (m.start, m.accept, m.reject, m.time)
    assert dict(y.transitions) == dict(m.transitions)


def test_writer_refuses_names_the_language_cannot_spell():
    m = importers.import_text("; tmnet-time: 2\n0 # * r halt\n", "morphett", "hash.morphett")
    with pytest.raises(NotWritableError, match="'#'"):
        to_tm(m)


# ---------------------------------------------------------------- the command line


def test_cli_import_writes_tm_and_commands_read_formats_directly(tmp_path, capsys):
    out = tmp_path / "pal.tm"
    assert main(["import", str(FIX / "palindrome.morphett"), "-o", str(out)]) == 0
    written = parse(out.read_text(), str(out))
    original = load("palindrome.morphett")
    assert written == replace(original, states=written.states, description=written.description)
    assert set(written.states) == set(original.states)
    assert main(["run", str(FIX / "bb4.bb"), ""]) == 0
    assert "accept after 107 steps" in capsys.readouterr().out
    assert main(["verify", str(FIX / "anbncn.jff"), "-n", "3"]) == 0
    assert "ok: all agree" in capsys.readouterr().out
    assert main(["check", str(FIX / "binary_increment.yaml")]) == 0
    y = tmp_path / "parity.yaml"
    assert main(["import", "parity", "-o", str(y)]) == 0
    assert dict(tmio.parse(y.read_text(), str(y)).transitions) == dict(
        library.load("parity").transitions
    )


def test_cli_import_options_override_directives(capsys):
    assert main(["import", str(FIX / "bb2.bb"), "--time", "7", "--name", "beaver"]) == 0
    text = capsys.readouterr().out
    assert "time   7" in text and "machine beaver" in text


def test_cli_bad_files_exit_2_with_location(tmp_path, capsys):
    bad = tmp_path / "bad.bb"
    bad.write_text("# tmnet-time: 6\n1RB1LB_1LA1XZ\n")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:11: error: bad transition" in err and "Traceback" not in err
    assert main(["import", str(tmp_path / "x.unknown")]) == 2
    assert main(["import", str(bad), "--from", "morphett"]) == 2
    assert "5 fields" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("directive", "words_"),
    [
        ("; tmnet-time: n/2", "bad tmnet-time value"),
        ("; tmnet-output: log(n)", "bad tmnet-output value"),
        ("; tmnet-speed: 3", "unknown directive"),
        ("; tmnet-time: n\n; tmnet-time: n", "given twice"),
    ],
)
def test_directive_errors_are_located(directive, words_):
    with pytest.raises(MachineError) as info:
        importers.import_text(f"{directive}\n0 a b r 1\n", "morphett", "d.morphett")
    assert words_ in info.value.message and info.value.location.column == 3


def test_unknown_format_names_the_known_ones():
    with pytest.raises(ImportFormatError) as info:
        importers.import_text("x", "nope")
    assert "morphett" in info.value.hint


def test_jflap_4_files_without_automaton_element():
    text = (
        JFF.replace("<automaton>", "")
        .replace("</automaton>", "")
        .format(
            body="<transition><from>0</from><to>1</to><read>a</read><write/><move>R</move>"
            "</transition>\n"
        )
    )
    m = importers.import_text(text, "jflap", "old.jff", ImportOptions(input_alphabet=("a",)))
    r = run(m, "a")
    assert r.accepted and r.steps == 1 and r.tape == "_"


def test_yaml_stay_move_and_synonyms():
    text = (
        "# tmnet-time: 3\nblank: ' '\nstart state: q\nsynonyms:\n  stop: {N: done}\n"
        "table:\n  q:\n    a: {write: b, N}\n    b: stop\n  done:\n"
    )
    m = tmio.parse(text, "n.yaml")
    assert m.delta("q", "a").move is Move.S and m.delta("q", "a").next_state == "q"
    r = run(m, "a")
    assert r.accepted and r.steps == 2 and r.tape == "b"


def test_yaml_exporter_refuses_left_bounded_tapes(capsys, tmp_path):
    m = replace(library.load("parity"), left_bounded=True)
    with pytest.raises(NotWritableError, match="left-bounded"):
        to_yaml(m)


@settings(max_examples=40, deadline=None)
@given(machines_strategy(max_states=3))
def test_random_machines_round_trip_through_both_writers(machine):
    """The .tm writer gives back an equal machine (or the parser's own refusal of a target
    state with no transitions); the turingmachine.io exporter and importer give back a machine
    that runs the same on every word up to length 4 (outcome, steps, final tape)."""
    try:
        back = parse(to_tm(machine), "r.tm")
    except MachineError as exc:
        assert "no transitions" in exc.message or "undefined" in exc.message.lower()
    else:
        assert back == replace(machine, states=back.states, description=back.description)
    if machine.left_bounded:
        return
    y = tmio.parse(to_yaml(machine), "r.yaml")
    for w in words("".join(machine.input_alphabet), 4):
        a, b = run(machine, w), run(y, w)
        assert (a.outcome, a.steps, a.tape, a.offset) == (b.outcome, b.steps, b.tape, b.offset)
