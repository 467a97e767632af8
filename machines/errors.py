"""Errors of the machine language: one base class, each subclass carrying a source location."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """A position in a machine file: 1-based line and column, and the line's text for a caret."""

    file: str
    line: int
    column: int
    line_text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class MachineError(Exception):
    """Base class of every error the `machines` package raises on bad user input."""

    def __init__(self, message: str, location: SourceLocation | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def render(self) -> str:
        """`file:line:col: message`, the offending line and a caret under the column."""
        head = f"{self.location}: " if self.location else ""
        out = [f"{head}error: {self.message}"]
        loc = self.location
        if loc is not None and loc.line_text:
            out.append(f"    {loc.line_text.rstrip()}")
            out.append("    " + " " * max(loc.column - 1, 0) + "^")
        if self.hint:
            out.append(f"hint: {self.hint}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()
