"""Errors of the machine language: `tmnet.errors.TmnetError` subclasses with a source location."""

from __future__ import annotations

from tmnet.errors import Location, TmnetError

# A position in a machine file (1-based line and column, and the line's text for a caret).
SourceLocation = Location


class MachineError(TmnetError):
    """Base class of every error the `machines` package raises on bad user input."""

    def __init__(self, message: str, location: Location | None = None, hint: str = ""):
        super().__init__(message, location, hint)


# --- The error classes. Each names one mistake, so tests and callers can tell them apart. ---


class MachineSyntaxError(MachineError):
    """The text does not follow machines/tm.lark (the message says what was expected)."""


class EmptyFileError(MachineError):
    """The file holds nothing but blank lines and comments."""


class MissingHeaderError(MachineError):
    """A required header line (input, tape, blank, start, accept, reject, time) is absent."""


class DuplicateHeaderError(MachineError):
    """A header line is given twice."""


class ReservedNameError(MachineError):
    """A state is named with a keyword of the language."""


class BadSymbolError(MachineError):
    """A symbol is not a single character, or is listed twice in an alphabet."""


class UndefinedStateError(MachineError):
    """A transition goes to a state that is not halting and has no transitions of its own."""


class UnknownSymbolError(MachineError):
    """A symbol (read, written or the blank) is not in the tape alphabet."""


class InputNotInTapeError(MachineError):
    """An input symbol is missing from the tape alphabet."""


class BlankInInputError(MachineError):
    """The blank is declared as an input symbol."""


class DuplicateTransitionError(MachineError):
    """Two transitions for the same state and symbol (the machine would not be deterministic)."""


class HaltingTransitionError(MachineError):
    """A transition leaves the accept or the reject state."""


class AcceptIsRejectError(MachineError):
    """The accept state and the reject state are the same state."""


class NotPolynomialError(MachineError):
    """The time bound is not a polynomial in n with integer coefficients."""


class BadWordError(MachineError):
    """An input word holds a symbol outside the machine's input alphabet."""


class MachineNotFoundError(MachineError):
    """A machine file or library name that does not exist."""


class RunnerLimitError(MachineError):
    """A batched run would need more tape (or work) than its limit allows; raise the limit."""
