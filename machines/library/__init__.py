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
# Machines that compute functions (an `output` window): docs/function-machines.md. They are kept
# apart from the deciders above, whose tests hold every one to a predicate and a tight bound.
_FUNCTIONS = _DIR / "functions"


def directory() -> Path:
    """The folder holding the library's .tm files."""
    return _DIR


def names() -> list[str]:
    """The library machines' names, sorted (`parity`, `palindrome`, ...)."""
    return sorted(p.stem for p in _DIR.glob("*.tm"))


def function_names() -> list[str]:
    """The library's function machines (`increment`, `add_halves`, `bb4`, ...), sorted."""
    return sorted(p.stem for p in _FUNCTIONS.glob("*.tm"))


def path(name: str) -> Path:
    """The file of library machine `name` (with or without `.tm`; a decider or a function)."""
    stem = name.removesuffix(".tm")
    p = _DIR / f"{stem}.tm"
    if not p.is_file():
        p = _FUNCTIONS / f"{stem}.tm"
    if "/" in stem or "\\" in stem or not p.is_file():
        raise MachineNotFoundError(
            f"no library machine {name!r}",
            hint="library machines: " + ", ".join(names() + function_names()),
        )
    return p


def load(name: str) -> Machine:
    """Parse library machine `name`."""
    return _load_file(path(name))


def resolve(spec: str) -> Machine:
    """A machine from a file path, or else from a library name (with or without `.tm`).

    Every command that takes a MACHINE argument goes through here. A file in another tool's
    format (told by its extension: .yaml, .morphett, .bb, .jff; `machines.importers.FORMATS`)
    is imported, its time bound and halting rules taken from its `tmnet-` directives.
    """
    p = Path(spec)
    try:
        is_file = p.is_file()
    except OSError:  # e.g. a name too long for the file system: not a file; try the library
        is_file = False
    if is_file:
        from tmnet.machines import importers

        if importers.format_of(p) is not None:
            return importers.import_file(p)
        return _load_file(p)
    stem = spec.removesuffix(".tm")
    if stem in names() or stem in function_names():
        return load(stem)
    raise MachineNotFoundError(
        f"no such file or library machine: {excerpt(spec)!r}",
        hint="library machines: " + ", ".join(names()),
    )
