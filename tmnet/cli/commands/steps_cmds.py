"""`tmnet steps MACHINE [-n N]`: worst-case step counts per length, the declared T(n) checked
against them, and the tightest polynomial bound suggested (machines.steps). Exit 0 when the
declared bound holds at every measured n, 1 when it does not (naming the length and word)."""

from __future__ import annotations

import argparse
import json

from tabulate import tabulate

from tmnet.cli.commands.common import add_length, add_machine
from tmnet.errors import UsageError
from tmnet.machines.encoding import bits_per_symbol
from tmnet.machines.library import resolve

DEFAULT_BITS = 14  # the default N: the largest length with at most 2^14 words to run


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet steps`."""
    p = subparsers.add_parser(
        "steps",
        help="worst-case steps per input length, checked against T(n), with a suggested bound",
        description=(
            "Run MACHINE on every word of each length n = 0..N (the batched runner), print the "
            "worst-case step count and a word attaining it, check the declared T(n), and "
            "suggest the smallest polynomial of the same degree with non-negative integer "
            "coefficients bounding every measured point (least total slack over the measured "
            "n, then the lexicographically least coefficients from the leading one). Exit 1 "
            "when the declared bound is exceeded."
        ),
    )
    add_machine(p)
    add_length(p, f"largest length (default: the largest with at most 2^{DEFAULT_BITS} words)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_steps)


def cmd_steps(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from tmnet.machines.steps import tightest_bound, worst_case

    machine = resolve(args.machine)
    n_max = args.n if args.n is not None else DEFAULT_BITS // bits_per_symbol(machine)
    if n_max < 0:
        raise UsageError(f"-n must be >= 0, got {n_max}")
    if n_max > 24:
        raise UsageError(
            f"-n {n_max} would run every word of length {n_max}: too many",
            hint="at most 24 (2^24 words at the largest length)",
        )
    with tqdm(total=n_max + 1, desc="lengths", unit="n", disable=args.json, leave=False) as bar:
        points = worst_case(machine, n_max, progress=lambda _n: bar.update(1))
    degree = machine.time.degree
    bound = None
    if not any(p.timed_out for p in points) and len(points) > degree:
        bound = tightest_bound([(p.n, p.steps) for p in points], degree)
    bad = [p for p in points if not p.within_declared]
    if args.json:
        print(
            json.dumps(
                {
                    "machine": machine.name,
                    "declared": str(machine.time),
                    "points": [
                        {
                            "n": p.n,
                            "steps": p.steps,
                            "word": p.word,
                            "declared": p.declared,
                            "timed_out": p.timed_out,
                        }
                        for p in points
                    ],
                    "declared_holds": not bad,
                    "suggested": str(bound.polynomial) if bound else None,
                    "suggested_coefficients": list(bound.polynomial.coefficients)
                    if bound
                    else None,
                    "suggested_slack": bound.slack if bound else None,
                }
            )
        )
        return 1 if bad else 0
    rows = []
    for p in points:
        worst = f">{p.budget}" if p.timed_out else str(p.steps)
        ok = "ok" if p.within_declared else "EXCEEDED"
        rows.append([p.n, worst, repr(p.word), p.declared, ok])
    print(
        f"{machine.name}: worst-case steps over every word of each length (T(n) = {machine.time})"
    )
    print(tabulate(rows, headers=["n", "worst steps", "a worst word", "T(n)", "T(n) holds"]))
    if bad:
        p = bad[0]
        what = f"did not halt within {p.budget} steps" if p.timed_out else f"took {p.steps} steps"
        print(f"declared T(n) = {machine.time} is too small: at n = {p.n}, {p.word!r} {what}")
    else:
        print(f"declared T(n) = {machine.time} holds at every measured n = 0..{n_max}")
    if bound is not None:
        print(
            f"suggested T(n) = {bound.polynomial}: the smallest degree-{degree} polynomial with "
            f"non-negative integer coefficients above every measured point (total slack "
            f"{bound.slack} over n = 0..{n_max}; least slack, then least coefficients from the "
            "leading one). It is checked on these lengths only."
        )
    if bad and bound is not None and len(points) > degree + 1:
        higher = tightest_bound([(p.n, p.steps) for p in points], degree + 1)
        print(f"with one degree more: T(n) = {higher.polynomial} (total slack {higher.slack})")
    if bound is None and any(p.timed_out for p in points):
        print("no bound suggested: some run did not halt within the budget (4 T(n) + 64)")
    return 1 if bad else 0
