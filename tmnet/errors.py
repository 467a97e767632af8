"""The one error root of tmnet: every error raised on bad user input is a `TmnetError`.

A `TmnetError` carries a message, an optional `Location` (file, line, column and the line's
text) and a hint saying what to do; `render()` formats all three once, for every package. The
packages' own bases (`machines.MachineError`, `simulate.NetworkError`, `uniform.UniformError`)
are subclasses, and the command line catches this root and exits 2 without a traceback.

This module imports nothing else of tmnet, so every package (the bottom ones included) may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Error messages quote user input; an excerpt longer than this is cut (a 50 MB token is not echoed).
MAX_EXCERPT = 200


def excerpt(text: str, limit: int = MAX_EXCERPT) -> str:
    """`text` cut to `limit` characters, with the number of characters left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


@dataclass(frozen=True)
class Location:
    """Where an error is: a file (or "<string>"), and 1-based line and column when known.

    `line_text` is the offending line, shown under the message with a caret at `column`.
    """

    file: str
    line: int | None = None
    column: int | None = None
    line_text: str = ""

    def __str__(self) -> str:
        parts = [excerpt(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class TmnetError(Exception):
    """Root of every error tmnet raises on bad user input (the command line exits 2 on it)."""

    def __init__(self, message: str, location: Location | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def render(self) -> str:
        """`file:line:col: error: message`, the offending line with a caret, then the hint."""
        loc = self.location
        head = f"{loc}: " if loc is not None else ""
        out = [f"{head}error: {self.message}"]
        if loc is not None and loc.line_text:
            text = excerpt(loc.line_text.rstrip())
            out.append(f"    {text}")
            if loc.column is not None and loc.column - 1 <= MAX_EXCERPT:
                out.append("    " + " " * max(loc.column - 1, 0) + "^")
        if self.hint:
            out.append(f"hint: {self.hint}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()


class UsageError(TmnetError):
    """A command-line mistake found after parsing (conflicting options, an unwritable path)."""
