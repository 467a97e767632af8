"""Errors of the `simulate` package: subclasses of `tmnet.errors.TmnetError`; file errors carry
file and line."""

from __future__ import annotations

from tmnet.errors import Location, TmnetError
from tmnet.registry import UnknownNameError


class NetworkError(TmnetError):
    """Base class of every error `simulate` raises on a bad network, file or input."""

    def __init__(
        self, message: str, file: str | None = None, line: int | None = None, hint: str = ""
    ):
        super().__init__(message, Location(file, line) if file is not None else None, hint)

    @property
    def file(self) -> str | None:
        return self.location.file if self.location is not None else None

    @property
    def line(self) -> int | None:
        return self.location.line if self.location is not None else None


class InvalidNetworkError(NetworkError):
    """A network violates an invariant of Definition 2.1 (see `Network.check`)."""


class BadInputError(NetworkError):
    """An input word that does not fit the network (length, or a character other than 0/1)."""


class FormatError(NetworkError):
    """A `.net` file that breaks the format (docs/network-format.md); carries file and line."""


class LimitError(NetworkError):
    """A `.net` file larger than a configured limit; the hint names the option that raises it."""


class UnknownSimModeError(NetworkError, UnknownNameError):
    """A simulator mode name that `simulate.modes.SIM_MODES` does not have."""
