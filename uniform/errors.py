"""Errors of the `uniform` package (network printers)."""

from __future__ import annotations


class UniformError(Exception):
    """Base class of every error the printers raise on bad user input (n, time bound, tables)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return f"error: {self.message}" + (f"\nhint: {self.hint}" if self.hint else "")

    def __str__(self) -> str:
        return self.render()
