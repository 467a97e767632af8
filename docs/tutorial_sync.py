"""Write docs/tutorial.ipynb from docs/tutorial.md (the same text): each ```python block is a
code cell, the text between them a markdown cell. Run: python docs/tutorial_sync.py
(tests/docs/test_tutorial.py checks the two files agree and executes the notebook)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cells_of(markdown: str) -> list[tuple[str, str]]:
    """(kind, source) per cell, kind 'markdown' or 'code', in order."""
    cells = []
    pos = 0
    for match in re.finditer(r"^```python\n(.*?)^```\n", markdown, flags=re.S | re.M):
        text = markdown[pos : match.start()].strip("\n")
        if text:
            cells.append(("markdown", text))
        cells.append(("code", match.group(1).rstrip("\n")))
        pos = match.end()
    tail = markdown[pos:].strip("\n")
    if tail:
        cells.append(("markdown", tail))
    return cells


def notebook(markdown: str) -> dict:
    """The nbformat-4 notebook of `markdown` (no outputs)."""
    cells = []
    for i, (kind, src) in enumerate(cells_of(markdown)):
        cell = {
            "cell_type": kind,
            "id": f"cell-{i:02d}",
            "metadata": {},
            "source": src.splitlines(keepends=True),
        }
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def main() -> int:
    md = (HERE / "tutorial.md").read_text(encoding="utf-8")
    out = json.dumps(notebook(md), indent=1, ensure_ascii=False) + "\n"
    (HERE / "tutorial.ipynb").write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
