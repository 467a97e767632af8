"""The course tutorial: docs/tutorial.ipynb is docs/tutorial.md cell for cell, and it runs top to
bottom in a Jupyter kernel (nbclient) with every exercise's checks passing."""

import importlib.util
import json
import time
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _sync():
    spec = importlib.util.spec_from_file_location("tutorial_sync", DOCS / "tutorial_sync.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_notebook_is_the_markdown():
    md = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    nb = json.loads((DOCS / "tutorial.ipynb").read_text(encoding="utf-8"))
    want = _sync().cells_of(md)
    got = [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
    assert got == want, "run: python docs/tutorial_sync.py"
    exercises = [src for kind, src in want if kind == "markdown" and "### Exercise" in src]
    assert len(exercises) >= 8
    # every exercise's code cell checks its answer
    codes = [src for kind, src in want if kind == "code"]
    assert sum("assert" in src and "answer" in src for src in codes) >= 8


def test_notebook_runs_top_to_bottom():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    start = time.perf_counter()
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False)
    client.execute(cwd=str(DOCS))
    elapsed = time.perf_counter() - start
    outputs = [
        "".join(o.get("text", "") for o in c.get("outputs", []))
        for c in nb.cells
        if c.cell_type == "code"
    ]
    text = "\n".join(outputs)
    assert "28 steps; T(6) = 38" in text and "n^2 + 2" in text
    assert "(11, " in text  # float64's first failure
    print(f"tutorial ran in {elapsed:.1f} s")
