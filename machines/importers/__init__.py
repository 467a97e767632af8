"""Machines written for other tools, read into tmnet's frozen `Machine`: a registry of formats.

`FORMATS` (a `tmnet.registry.Registry`) names each `Format` (reader, file extensions, the
comment syntax of its directives). `import_file(path, fmt=None, options)` reads a file, the
format told by its extension unless given; `machines.library.resolve` calls `format_of` so that
every command taking a MACHINE reads these files directly. docs/formats/ has one page per format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tmnet.machines.errors import MachineNotFoundError
from tmnet.machines.importers import bbchallenge, jflap, morphett, turingmachine_io
from tmnet.machines.importers.common import (
    ImportFormatError,
    ImportOptions,
    MissingTimeBoundError,
)
from tmnet.machines.model import Machine
from tmnet.registry import Registry, UnknownNameError

__all__ = [
    "FORMATS",
    "Format",
    "ImportFormatError",
    "ImportOptions",
    "MissingTimeBoundError",
    "format_of",
    "import_file",
    "import_text",
]


@dataclass(frozen=True)
class Format:
    """One importable format: `parse(text, filename, options) -> Machine`."""

    name: str
    extensions: tuple[str, ...]
    parse: Callable[[str, str, ImportOptions | None], Machine]
    description: str
    directive_example: str  # how a directive is written in this format


class UnknownFormatError(ImportFormatError, UnknownNameError):
    """A format name no importer has (`tmnet import --from NAME`)."""


FORMATS: Registry[Format] = Registry(
    "import format",
    (
        Format(
            "turingmachine.io",
            (".yaml", ".yml"),
            turingmachine_io.parse,
            "turingmachine.io / aepsilon turing-machine-viz YAML",
            "# tmnet-time: n^2 + 1",
        ),
        Format(
            "morphett",
            (".morphett", ".mtm"),
            morphett.parse,
            "Anthony Morphett's simulator: `state sym newsym dir newstate` lines",
            "; tmnet-time: n^2 + 1",
        ),
        Format(
            "bbchallenge",
            (".bb",),
            bbchallenge.parse,
            "bbchallenge standard text format, e.g. 1RB1LB_1LA1RZ",
            "# tmnet-time: 6",
        ),
        Format(
            "jflap",
            (".jff",),
            jflap.parse,
            "JFLAP single-tape Turing machine (.jff XML)",
            "<!-- tmnet-time: n^2 + 1 -->",
        ),
    ),
    UnknownFormatError,
)


def format_of(path: str | os.PathLike[str]) -> Format | None:
    """The format a file's extension names, or None (a .tm file, or an unknown extension)."""
    ext = Path(path).suffix.lower()
    for f in FORMATS.entries():
        if ext in f.extensions:
            return f
    return None


def _format(path: str | os.PathLike[str], fmt: str | None) -> Format:
    if fmt is not None:
        return FORMATS.get(fmt)
    found = format_of(path)
    if found is None:
        exts = ", ".join(e for f in FORMATS.entries() for e in f.extensions)
        raise ImportFormatError(
            f"cannot tell the format of {str(path)!r} from its extension",
            hint=f"give --from FORMAT ({', '.join(FORMATS)}); known extensions: {exts}",
        )
    return found


def import_text(
    text: str, fmt: str, filename: str = "<string>", options: ImportOptions | None = None
) -> Machine:
    """The machine of `text` written in format `fmt` (a key of `FORMATS`)."""
    return _format(filename, fmt).parse(text, filename, options)


def import_file(
    path: str | os.PathLike[str], fmt: str | None = None, options: ImportOptions | None = None
) -> Machine:
    """Read a machine file of another tool (the format from the extension unless `fmt`)."""
    f = _format(path, fmt)
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MachineNotFoundError(f"no such file: {str(path)!r}") from None
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{str(path)!r} is not UTF-8 text: {exc.reason}") from None
    return f.parse(text, str(path), options)
