"""The ```console examples of docs/formats/*.md, function-machines.md and onnx.md print what the
pages show (standard output and standard error together), run from the repository root."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tmnet.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "formats").glob("*.md")) + [
    ROOT / "docs" / "function-machines.md",
    ROOT / "docs" / "onnx.md",
]


def _blocks(page: Path) -> list[tuple[str, str]]:
    out = []
    for body in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        first, _, rest = body.partition("\n")
        assert first.startswith("$ tmnet "), first
        out.append((first[2:], rest.rstrip("\n")))
    return out


CASES = [(p.name, c, shown) for p in PAGES for c, shown in _blocks(p)]


def test_the_pages_have_examples():
    assert len(CASES) >= 8


@pytest.mark.parametrize(("page", "command", "shown"), CASES)
def test_console_example(page, command, shown, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(ROOT)
    argv = [a.replace("$TMP", str(tmp_path)) for a in shlex.split(command)[1:]]
    main(argv)
    cap = capsys.readouterr()
    printed = (cap.out + cap.err).rstrip("\n").replace(str(tmp_path), "$TMP")
    assert printed == shown, f"{page}: `{command}` prints\n{printed}"
