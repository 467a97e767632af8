"""Errors of the `simulate` package: one base class; file errors carry file and line."""

from __future__ import annotations


class NetworkError(Exception):
    """Base class of every error `simulate` raises on a bad network, file or input."""

    def __init__(
        self, message: str, file: str | None = None, line: int | None = None, hint: str = ""
    ):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint

    def render(self) -> str:
        """`file:line: message` (as much of the location as is known), then the hint."""
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        text = f"{where}error: {self.message}"
        if self.hint:
            text += f"\nhint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.render()


class InvalidNetworkError(NetworkError):
    """A network violates an invariant of Definition 2.1 (see `Network.check`)."""


class BadInputError(NetworkError):
    """An input word that does not fit the network (length, or a character other than 0/1)."""


class FormatError(NetworkError):
    """A `.net` file that breaks the format (docs/network-format.md); carries file and line."""


class LimitError(NetworkError):
    """A `.net` file larger than a configured limit; the hint names the option that raises it."""
