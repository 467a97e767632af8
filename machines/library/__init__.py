"""The example machines shipped with tmnet (machines/library/*.tm), by name.

Each file starts with a comment saying what the machine decides; tests/machines/test_library.py
checks every machine against a plain Python predicate on every input up to length 10 and
checks that its time bound is true and tight.
"""

from __future__ import annotations

from pathlib import Path

from tmnet.errors import excerpt
from tmnet.machines.errors import MachineNotFoundError
from tmnet.machines.model import Machine
from tmnet.machines.parser import load as _load_file

_DIR = Path(__file__).parent


def directory() -> Path:
    """The folder holding the library's .tm files."""
    return _DIR


def names() -> list[str]:
    """The library machines' names, sorted (`parity`, `palindrome`, ...)."""
    return sorted(p.stem for p in _DIR.glob("*.tm"))


def path(name: str) -> Path:
    """The file of library machine `name` (with or without `.tm`)."""
    stem = name.removesuffix(".tm")
    p = _DIR / f"{stem}.tm"
    if "/" in stem or "\\" in stem or not p.is_file():
        raise MachineNotFoundError(
            f"no library machine {name!r}", hint="library machines: " + ", ".join(names())
        )
    return p


def load(name: str) -> Machine:
    """Parse library machine `name`."""
    return _load_file(path(name))


def resolve(spec: str) -> Machine:
    """A machine from a file path, or else from a library name (with or without `.tm`).

    Every command that takes a MACHINE argument goes through here.
    """
    p = Path(spec)
    try:
        is_file = p.is_file()
    except OSError:  # e.g. a name too long for the file system: not a file; try the library
        is_file = False
    if is_file:
        return _load_file(p)
    stem = spec.removesuffix(".tm")
    if stem in names():
        return load(stem)
    raise MachineNotFoundError(
        f"no such file or library machine: {excerpt(spec)!r}",
        hint="library machines: " + ", ".join(names()),
    )
