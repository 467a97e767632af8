"""Output shared by the printing commands (`compile`, `lookup`): sizes as text or one JSON line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping


def print_sizes(
    data: Mapping[str, object], header: str, as_json: bool, written: str | None = None
) -> None:
    """Print `simulate.sizes(...).as_dict()` plus timings: one JSON object, or aligned lines.

    `header` describes the network ("parity_n6 (cook-levin, paper gadgets)"); `written` names
    the file the network went to, if any.
    """
    if as_json:
        print(json.dumps(dict(data)))
        return
    width = max(len(k) for k in (*data, "network", "written"))
    print(f"{'network':<{width}}  {header}")
    for key, value in data.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        print(f"{key:<{width}}  {shown}")
    if written:
        print(f"{'written':<{width}}  {written}")


def non_negative(text: str) -> int:
    """argparse type of a count, a step budget or a sample seed (numpy refuses negative
    seeds): a non-negative integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {value}")
    return value
