"""`tmnet explain`: the drawn tableau is the interpreter's run, and the window's gates are the
printed circuit's, with the values the circuit's evaluation gives."""

import itertools
import xml.etree.ElementTree as ET

import pytest

from tmnet.cli import main
from tmnet.machines import library, trace
from tmnet.uniform import explain
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.tableau_labels import (
    bits_of,
    labelled_tableau,
    match_nodes,
    node_values,
    printed_classes,
)

NAMES = library.names()


def _words(machine, n):
    return ["".join(w) for w in itertools.product(machine.input_alphabet, repeat=n)]


def _expected(machine, word):
    """Per row t = 0..T: ({cell: symbol} of non-blank cells, (head, state) or None), from trace:
    rows after the run repeat its last configuration; a rejecting halt removes the head."""
    T = machine.time_bound(len(word))
    configs = list(trace(machine, word))
    rows = []
    for t in range(T + 1):
        cfg = configs[min(t, len(configs) - 1)]
        tape = {cfg.offset + i: s for i, s in enumerate(cfg.tape) if s != machine.blank}
        halted_reject = cfg.state == machine.reject or (
            t >= len(configs) and cfg.state != machine.accept
        )
        rows.append((tape, None if halted_reject else (cfg.head, cfg.state)))
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_text_and_svg_grids_are_the_trace(name):
    m = library.load(name)
    for n in (0, 1, 2, 3):
        for word in _words(m, n)[:6]:
            pic = explain.tableau_picture(m, word)
            want = _expected(m, word)
            lo, hi = pic.cells
            assert len(pic.rows) == m.time_bound(n) + 1 == len(want)
            width = explain.cell_width(pic)
            text = explain.render_text(pic)
            grid = explain.parse_text(text, pic.cells, width)
            svg = ET.fromstring(explain.render_svg(pic))
            rects = {
                (int(r.get("data-step")), int(r.get("data-cell"))): r
                for r in svg.iter("{http://www.w3.org/2000/svg}rect")
                if r.get("class") == "cell"
            }
            assert len(rects) == len(want) * (hi - lo + 1)
            for t, (tape, head) in enumerate(want):
                for c in range(lo, hi + 1):
                    sym = tape.get(c, m.blank)
                    shown, marker = grid[t][c - lo]
                    assert shown == sym, (word, t, c)
                    is_head = head is not None and head[0] == c
                    far = not (0 <= c <= t if m.left_bounded else abs(c) <= t)
                    assert marker == ("head" if is_head else "far" if far else "")
                    r = rects[(t, c)]
                    assert r.get("data-symbol") == sym
                    assert r.get("data-head") == (head[1] if is_head else "")
                    assert r.get("data-far") == str(int(far))
                status = pic.status[t]
                if head is not None and head[1] == m.accept:
                    assert status == "accept"
                elif head is None:
                    assert status == "reject"


def test_far_cells_are_the_ones_the_printer_never_builds():
    """A cell out of the head's reach holds exactly row 0's nodes in the labelled tableau."""
    for name in NAMES:
        m = library.load(name)
        n = 3
        T = m.time_bound(n)
        lab = labelled_tableau(m, n, T)
        lo, _ = lab.cells
        for t in range(len(lab.S)):
            for j, row in enumerate(lab.S[t]):
                c = lo + j
                far = not (0 <= c <= t if m.left_bounded else abs(c) <= t)
                if far:
                    assert row == lab.S[0][j]
                    assert all(h == 0 for h in lab.H[t][j])


@pytest.mark.parametrize("name", NAMES)
def test_every_printed_gate_has_a_tableau_role(name):
    m = library.load(name)
    for n in range(5):
        T = m.time_bound(n)
        printed = cook_levin(m).circuit(n)
        lab = labelled_tableau(m, n, T)
        mapped = match_nodes(lab.circuit, printed)
        classes = printed_classes(printed)
        assert set(classes) <= set(mapped.values())
        (_, out), (_, pout) = lab.circuit.outputs[0], printed.outputs[0]
        assert any(pout in members for r, members in classes.items() if r == mapped[out]) or (
            out < lab.circuit.first_gate and mapped[out] == pout
        )


@pytest.mark.parametrize("name", NAMES)
def test_tableau_bits_equal_the_run(name):
    """S[t, c, a] and H[t, c, q], evaluated by the printed circuit where it has them, are the
    trace's tableau."""
    m = library.load(name)
    n = 3
    T = m.time_bound(n)
    printed = cook_levin(m).circuit(n)
    lab = labelled_tableau(m, n, T)
    mapped = match_nodes(lab.circuit, printed)
    lay = lab.layout
    lo, hi = lab.cells
    for word in _words(m, n):
        bits = bits_of(m, word)
        want = _expected(m, word)
        nodes = [v for rows in (lab.S, lab.H) for row in rows for cell in row for v in cell]
        lab_vals = node_values(lab.circuit, bits, nodes)
        pr = node_values(printed, bits, [mapped[v] for v in nodes if v in mapped])
        for t in range(T + 1):
            tape, head = want[t]
            for c in range(lo, hi + 1):
                j = c - lo
                if t < len(lab.S):
                    for i, a in enumerate(lay.symbols):
                        v = lab.S[t][j][i]
                        assert lab_vals[v] == int(tape.get(c, m.blank) == a), (word, t, c, a)
                        if v in mapped:
                            assert pr[mapped[v]] == lab_vals[v]
                for i, q in enumerate(lay.states):
                    v = lab.H[t][j][i]
                    assert lab_vals[v] == int(head == (c, q)), (word, t, c, q)
                    if v in mapped:
                        assert pr[mapped[v]] == lab_vals[v]


def test_window_gate_values_are_the_circuits_evaluation():
    for name in ("palindrome", "parity", "anbn", "increment_check", "ww"):
        m = library.load(name)
        n = 3
        T = m.time_bound(n)
        printed = cook_levin(m).circuit(n)
        lo, hi = cook_levin(m).tableau(n).cells
        for word in _words(m, n)[:3]:
            bits = bits_of(m, word)
            want = _expected(m, word)
            for step in (1, 2, T):
                head = want[step - 1][1]
                cell = head[0] if head else 0
                cell = min(max(cell, lo + 1), hi - 1)
                rep = explain.window_gates(m, word, cell, step)
                nodes = [g.node for g in rep.gates if g.node is not None]
                got = node_values(printed, bits, nodes)
                for g in rep.gates:
                    if g.node is not None:
                        assert g.value == got[g.node]
                tape, h = want[step]
                for bit, _, value in rep.bits:
                    kind, rest = bit[0], bit[2:-1].split(",")
                    assert int(rest[0]) == step and int(rest[1]) == cell
                    if kind == "S":
                        assert value == int(tape.get(cell, m.blank) == rest[2])
                    else:
                        assert value == int(h == (cell, rest[2]))


def test_window_on_the_heads_cell_lists_fire_and_head_gates():
    m = library.load("palindrome")
    rep = explain.window_gates(m, "0110", 3, 3)
    roles = {g.role.split(" ")[0] for g in rep.gates}
    assert {"fire", "head"} <= roles
    assert ("H[3,3,run0]", "g20", 1) in [(b, node.split(" ")[0], v) for b, node, v in rep.bits]


def test_cli_text_svg_png_and_errors(tmp_path, capsys):
    assert main(["explain", "parity", "10"]) == 0
    out = capsys.readouterr().out
    assert "parity on '10'" in out and "ACCEPT" in out
    svg = tmp_path / "t.svg"
    assert (
        main(["explain", "palindrome", "0110", "-o", str(svg), "--cell", "3", "--step", "3"]) == 0
    )
    out = capsys.readouterr().out
    assert "g20 = OR(" in out and svg.read_text().startswith("<svg")
    png = tmp_path / "t.png"
    pytest.importorskip("matplotlib")
    assert main(["explain", "parity", "10", "-o", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    capsys.readouterr()
    assert main(["explain", "parity", "1x1"]) == 2
    assert "not in the input alphabet" in capsys.readouterr().err
    assert main(["explain", "parity", "10", "--cell", "0"]) == 2
    assert main(["explain", "parity", "10", "--cell", "0", "--step", "99"]) == 2
    assert "--step must be in" in capsys.readouterr().err
    assert main(["explain", "parity", "10", "-o", str(tmp_path / "x.gif")]) == 2


@pytest.mark.parametrize("name", NAMES)
def test_every_library_machine_draws(name, tmp_path):
    m = library.load(name)
    word = _words(m, 2)[-1]
    assert main(["explain", name, word, "-o", str(tmp_path / "a.svg")]) == 0
    assert main(["explain", name, word, "--cell", "0", "--step", "1"]) == 0
