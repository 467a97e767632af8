"""`tmnet report MACHINE -n N -o DIR`: one self-contained HTML page about a machine for a class.

The page (DIR/MACHINE.html; no network access needed to view it: the pictures are data: URIs,
the style is inline, the one script only checks that the pictures loaded) shows

* the machine's source and its time bound T(n);
* the tableau of a sample run (`uniform.explain`, an accepted word of length min(N, 4) when
  there is one);
* both printers' networks for n = 1..N as a table and a plot: the Cook-Levin network
  (Theorem 6.1, paper and compact gadgets) and the lookup network (Theorem 4.1, up to
  `LOOKUP_MAX_BITS` input bits: its size is exponential);
* the verification of the Cook-Levin network against the interpreter at every n (every input
  when there are at most 4096, else 512 sampled);
* where p-SIZE crosses over: the n from which the lookup network's p-SIZE exceeds the
  Cook-Levin network's at every measured n (`benchmarks.contrast.crossovers`), or a note that
  N is too small to see it.

Every figure on the page is measured when the page is built.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmnet.benchmarks.contrast import (
    Config,
    crossovers,
    expected_outputs,
    measure_network,
    side_by_side,
)
from tmnet.machines import run
from tmnet.machines.encoding import input_bits
from tmnet.machines.model import Machine
from tmnet.simulate.atomicio import atomic_write
from tmnet.uniform import explain
from tmnet.uniform.cook_levin import cook_levin
from tmnet.uniform.lookup import lookup_family
from tmnet.uniform.verify import verify

LOOKUP_MAX_BITS = 20
VERIFY_ALL_LIMIT = 12  # input bits up to which every input is checked
VERIFY_SAMPLE = 512
MAX_N = 40
_MEASURE = Config(sample=128, exact_inputs=1)


@dataclass(frozen=True)
class ReportData:
    """What the page shows (also returned to tests)."""

    machine: str
    n_max: int
    rows: tuple[dict[str, Any], ...]  # per (printer, n): sizes and print seconds
    verification: tuple[dict[str, Any], ...]
    crossover: dict[str, Any] | None
    word: str


def _sample_word(machine: Machine, n: int) -> str:
    import itertools

    words = ["".join(w) for w in itertools.product(machine.input_alphabet, repeat=n)]
    for w in words[:4096]:
        if run(machine, w).outcome.value == "accept":
            return w
    return words[0] if words else ""


def collect(machine: Machine, n_max: int, progress: Any = None) -> ReportData:
    """Print, measure and verify for n = 1..n_max (module docstring)."""
    rows: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    families = {
        "cook-levin": cook_levin(machine, gadgets="paper"),
        "cook-levin compact": cook_levin(machine, gadgets="compact"),
        "lookup": lookup_family(machine, gadgets="paper"),
    }
    for n in range(1, n_max + 1):
        for printer, fam in families.items():
            if printer == "lookup" and input_bits(machine, n) > LOOKUP_MAX_BITS:
                continue
            printed = fam.print(n)
            row = {"machine": machine.name, "printer": printer, "n": n}
            # sizes, agreement of the batch simulator and float64's failures on 128 inputs
            row |= measure_network(
                printed.network, lambda x: expected_outputs(machine, x), _MEASURE, n
            )
            row["print_seconds"] = printed.print_seconds  # as the printer measured it
            rows.append(row)
        bits = input_bits(machine, n)
        sample = None if bits <= VERIFY_ALL_LIMIT else VERIFY_SAMPLE
        rep = verify(families["cook-levin"], machine, n, sample=sample)
        checks.append(
            {
                "n": n,
                "checked": rep.checked,
                "exhaustive": rep.exhaustive,
                "agree": rep.agree,
                "violations": len(rep.violations),
            }
        )
        if progress is not None:
            progress(n)
    paper = [r for r in rows if r["printer"] in ("cook-levin", "lookup")]
    sbs = side_by_side(paper)
    cross = crossovers(sbs)
    word = _sample_word(machine, min(n_max, 4))
    return ReportData(
        machine.name, n_max, tuple(rows), tuple(checks), cross[0] if cross else None, word
    )


def _plot_png(data: ReportData) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
    for printer, style in (("cook-levin", "o-"), ("cook-levin compact", "s--"), ("lookup", "^-")):
        sel = [r for r in data.rows if r["printer"] == printer]
        if not sel:
            continue
        ns = [r["n"] for r in sel]
        axes[0].plot(ns, [r["neurons"] for r in sel], style, label=printer, ms=4)
        axes[1].plot(ns, [r["p_size"] for r in sel], style, label=printer, ms=4)
    for ax, title in zip(axes, ("neurons", "p-SIZE (Definition 2.2)"), strict=True):
        ax.set_yscale("log")
        ax.set_xlabel("n")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def _data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


_STYLE = """
body { font-family: DejaVu Sans, Arial, sans-serif; max-width: 1100px; margin: 1.5em auto;
       padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
pre { background: #f6f8fa; padding: .8em; overflow-x: auto; font-size: .85em; }
table { border-collapse: collapse; font-size: .85em; }
td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th { background: #f0f0f0; } .ok { color: #1a7f37; font-weight: bold; }
.bad { color: #cf222e; font-weight: bold; } img { max-width: 100%; border: 1px solid #eee; }
"""

# Marks the page when every picture has loaded (the browser test reads it with --dump-dom).
_SCRIPT = """
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var broken = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });
  var loaded = imgs.length - broken.length;
  document.body.setAttribute('data-images', imgs.length + ' loaded ' + loaded);
});
"""


def render_html(machine: Machine, data: ReportData) -> str:
    """The page (module docstring)."""
    esc = html.escape
    try:
        source = Path(machine.source).read_text(encoding="utf-8")
    except OSError:
        source = "(source not available)"
    pic = explain.tableau_picture(machine, data.word)
    svg_text = explain.render_svg(pic)
    svg = svg_text.encode("utf-8")
    # shown at 1.6x its drawn size (its cells are 18 px), at most the page's width
    shown_width = int(int(re.search(r'width="(\d+)"', svg_text).group(1)) * 1.6)
    plot = _plot_png(data)
    by = {(r["printer"], r["n"]): r for r in data.rows}
    size_rows = []
    for n in range(1, data.n_max + 1):
        cl, cc, lk = (
            by.get(("cook-levin", n)),
            by.get(("cook-levin compact", n)),
            by.get(("lookup", n)),
        )
        cells = [n, machine.time_bound(n)]
        for r in (cl, cc, lk):
            cells += [r["neurons"], r["edges"], r["p_size"]] if r else ["-", "-", "-"]
        cells.append(f"{lk['float_wrong']}/{lk['inputs_checked']}" if lk else "-")
        size_rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    ver_rows = []
    all_ok = True
    for v in data.verification:
        ok = v["agree"] == v["checked"] and not v["violations"]
        all_ok &= ok
        how = "every input" if v["exhaustive"] else "sampled"
        verdict = '<span class="ok">agree</span>' if ok else '<span class="bad">DISAGREE</span>'
        ver_rows.append(
            f"<tr><td>{v['n']}</td><td>{v['checked']} ({how})</td><td>{v['agree']}</td>"
            f"<td>{v['violations']}</td><td>{verdict}</td></tr>"
        )
    cross = data.crossover or {}
    p_from = cross.get("lookup_larger_p_size_from_n")
    measured = cross.get("n_measured", "-")
    if p_from is not None:
        crossing = (
            f"From n = {p_from} on (measured n = {measured}), the lookup network's p-SIZE "
            "exceeds the Cook-Levin network's at every measured n: the lookup printer's weights "
            "grow like 2^(n/2) bits (Theorem 4.1), while the Cook-Levin network stays "
            "polynomial (Theorem 6.1)."
        )
    else:
        crossing = (
            f"No crossover of p-SIZE within the measured n = {measured}: the lookup network "
            "is still the smaller one, or N is too small to see it; raise -n (the lookup "
            f"printer runs up to {LOOKUP_MAX_BITS} input bits)."
        )
    verdict = (
        '<span class="ok">the Cook-Levin network agrees with the interpreter on every checked '
        "input</span>"
        if all_ok
        else '<span class="bad">a disagreement was found</span>'
    )
    head = (
        "<tr><th>n</th><th>T(n)</th><th>CL neurons</th><th>CL edges</th><th>CL p-SIZE</th>"
        "<th>CL compact neurons</th><th>compact edges</th><th>compact p-SIZE</th>"
        "<th>lookup neurons</th><th>lookup edges</th><th>lookup p-SIZE</th>"
        "<th>lookup float64 wrong</th></tr>"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tmnet report: {esc(machine.name)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>{esc(machine.name)}: from a Turing machine to ReLU networks</h1>
<p>{esc(machine.description.splitlines()[0]) if machine.description else ""}
Time bound <b>T(n) = {esc(str(machine.time))}</b>; measured for n = 1..{data.n_max}.
Built by <code>tmnet report {esc(machine.name)} -n {data.n_max}</code>.</p>
<h2>The machine</h2>
<pre>{esc(source)}</pre>
<h2>The tableau of one run</h2>
<p>The run on &#8220;{esc(data.word)}&#8221; as the Cook-Levin tableau: row t is the
configuration after t steps, the head's cell is outlined (state at the right), hatched cells are
out of the head's reach (the printer folds them to constants).</p>
<img id="tableau" style="width: {shown_width}px"
     alt="tableau of {esc(machine.name)} on {esc(data.word)}"
     src="{_data_uri("image/svg+xml", svg)}">
<h2>Sizes of both printers' networks</h2>
<p>Cook-Levin (CL): Theorem 6.1, the tableau circuit turned into a network gate by gate (paper
gadgets, and the compact ones). Lookup: Theorem 4.1, a network for any function of n bits with
O(2^(n/2)) neurons and weights of about 2^(n/2) bits. The last column counts the sampled
inputs on which simulating the lookup network in float64 gives a wrong answer (its weights
outgrow the 53-bit mantissa); the exact simulator is right on all of them.</p>
<table>{head}{"".join(size_rows)}</table>
<p><img id="sizes" alt="neurons and p-SIZE against n" src="{_data_uri("image/png", plot)}"></p>
<h2>Where p-SIZE crosses over</h2>
<p>{esc(crossing)}</p>
<h2>Verification</h2>
<p>{verdict}.</p>
<table><tr><th>n</th><th>inputs checked</th><th>agree</th><th>time-bound violations</th>
<th>verdict</th></tr>{"".join(ver_rows)}</table>
<script>{_SCRIPT}</script>
</body></html>
"""


def write_report(machine: Machine, n_max: int, out_dir: str | Path, progress: Any = None) -> Path:
    """Build the page and write DIR/MACHINE.html atomically; returns its path."""
    if not 1 <= n_max <= MAX_N:
        from tmnet.errors import UsageError

        raise UsageError(f"-n must be in 1..{MAX_N}, got {n_max}")
    data = collect(machine, n_max, progress)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{machine.name}.html"
    atomic_write(path, render_html(machine, data))
    return path
