"""Conversions of simulator values: gmpy2 numbers to Python ints and Fractions (what every
exact mode returns), and exact weights to float64 (what the float foil computes with)."""

from __future__ import annotations

from fractions import Fraction

Value = int | Fraction | float


def to_python(v: object) -> Value:
    """An exact value as a Python int (integral values) or Fraction; floats stay floats."""
    if isinstance(v, int | Fraction | float):
        return v
    if type(v).__name__ == "mpq":
        q = int(v.denominator)  # type: ignore[attr-defined]
        p = int(v.numerator)  # type: ignore[attr-defined]
        return p if q == 1 else Fraction(p, q)
    return int(v)  # type: ignore[call-overload]


def to_float(w: object) -> float:
    """The nearest float64 to an exact weight; a weight beyond float range becomes +-inf (the
    foil's failure mode, shown rather than hidden)."""
    try:
        return float(w)  # type: ignore[arg-type]
    except OverflowError:
        return float("inf") if w > 0 else float("-inf")  # type: ignore[operator]
