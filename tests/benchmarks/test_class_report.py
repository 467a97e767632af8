"""`tmnet report`: the page is built for every library machine, is self-contained, and renders
in headless Chromium with every picture loaded and no console error."""

import io
import os
import re
import shutil
import subprocess

import pytest

from tmnet.benchmarks.class_report import collect, render_html, write_report
from tmnet.cli import main
from tmnet.machines import library

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.parametrize("name", library.names())
def test_every_library_machine_gets_a_page(name, tmp_path):
    m = library.load(name)
    path = write_report(m, 1, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and f"<h1>{name}:" in text
    # self-contained: no URL other than data: URIs and the SVG namespace
    srcs = re.findall(r'(?:src|href)="([^"]*)"', text)
    assert srcs and all(s.startswith("data:") for s in srcs)
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text


def test_report_figures_are_the_measured_ones():
    m = library.load("palindrome")
    data = collect(m, 5)
    cl = {r["n"]: r for r in data.rows if r["printer"] == "cook-levin"}
    from tmnet.simulate import sizes
    from tmnet.uniform.cook_levin import cook_levin

    assert cl[4]["neurons"] == sizes(cook_levin(m).network(4)).neurons
    assert all(v["agree"] == v["checked"] for v in data.verification)
    page = render_html(m, data)
    assert f"<td>{cl[4]['neurons']}</td>" in page
    # palindrome's T(n) = n^2 + 2 keeps the Cook-Levin network larger up to n = 5
    assert data.crossover["lookup_larger_p_size_from_n"] is None
    assert "No crossover of p-SIZE within the measured n = 1..5" in page
    parity = library.load("parity")
    data = collect(parity, 3)
    assert data.crossover["lookup_larger_p_size_from_n"] == 1
    assert "From n = 1 on" in render_html(parity, data)


def test_cli_writes_the_page(tmp_path, capsys):
    assert main(["report", "parity", "-n", "3", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "parity.html").exists()
    assert main(["report", "parity", "-n", "0", "-o", str(tmp_path)]) == 2


def _chromium(args, tmp_path, timeout=120):
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_renders_in_headless_chromium(tmp_path):
    from PIL import Image

    m = library.load("palindrome")
    page = write_report(m, 4, tmp_path)
    url = page.resolve().as_uri()
    shot = tmp_path / "shot.png"
    res = _chromium(
        [
            "--window-size=1200,1800",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={shot}",
            url,
        ],
        tmp_path,
    )
    assert shot.exists(), res.stderr[-2000:]
    img = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert img.size == (1200, 1800)
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # not a blank page
    console = [ln for ln in res.stderr.splitlines() if "CONSOLE" in ln]
    assert not console, console
    dom = _chromium(["--virtual-time-budget=5000", "--dump-dom", url], tmp_path)
    marker = re.search(r'data-images="(\d+) loaded (\d+)"', dom.stdout)
    assert marker, dom.stdout[-500:]
    total, loaded = map(int, marker.groups())
    assert total == 2 and loaded == total
