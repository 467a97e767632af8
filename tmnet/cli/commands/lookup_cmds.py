"""`tmnet lookup`: print the Theorem 4.1 network of a machine or a truth table (uniform.lookup)."""

from __future__ import annotations

import argparse
import sys
import time

from tmnet import simulate
from tmnet.cli.commands.common import add_length, add_machine
from tmnet.cli.commands.report import print_sizes
from tmnet.uniform.family import with_alphabet
from tmnet.uniform.gadgets import GADGET_MODES
from tmnet.uniform.lookup import (
    OUTPUT_NAME,
    LookupFamily,
    TableFamily,
    lookup_family,
    lookup_network,
    table_family,
)
from tmnet.uniform.truth_table import TruthTable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmnet lookup` to the `tmnet` parser."""
    p = subparsers.add_parser(
        "lookup",
        help="print the O(2^(n/2))-neuron lookup network of Theorem 4.1 (2^O(n) time)",
        description=(
            "Print the lookup network of Theorem 4.1 for words of length n: the truth table of "
            "the function (a machine run on all 2^n inputs, a hex table as ABC's read_truth -x "
            "reads it, or a random table) selected by the first floor(n/2) inputs and read bit "
            "by bit (Algorithms 2 and 1). Prints the network's sizes and the printing time."
        ),
    )
    add_source_arguments(p)
    p.add_argument(
        "--on-timeout",
        choices=("error", "reject"),
        default="error",
        help="a machine run that times out: refuse to print (default) or a 0 entry",
    )
    p.set_defaults(func=cmd_lookup)


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """The options every truth-table printer takes (`tmnet lookup`, `tmnet construct`)."""
    add_machine(p, optional=True)
    p.add_argument(
        "--truth-table",
        metavar="HEX",
        help="f as hex, most significant digit first (the last digit holds f(0..3))",
    )
    p.add_argument("--random", type=int, metavar="SEED", help="a random f on n bits from SEED")
    add_length(p, "word length (table: input bits)", required=True)
    p.add_argument("--gadgets", choices=GADGET_MODES, default="paper")
    p.add_argument("-o", "--output", metavar="FILE", help="write the network (.net) to FILE")
    p.add_argument("--json", action="store_true", help="sizes and timings as one JSON object")
    p.add_argument(
        "--check-input",
        metavar="BITS",
        help="the input x1..xN simulated exactly after printing (default: one chosen from n)",
    )
    p.add_argument(
        "--no-check", action="store_true", help="do not simulate an input after printing"
    )


class _Stage:
    """One timed stage of `tmnet lookup` with its progress bar on stderr (tqdm).

    `update(done, total)` / `advance(k)` move the bar; a stage with no progress hook of its own
    (`ticking=True`) shows its elapsed time, refreshed twice a second by a helper thread."""

    def __init__(self, desc: str, unit: str, ticking: bool = False) -> None:
        from tqdm import tqdm

        self.bar = tqdm(desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)
        self.ticking = ticking
        self.seconds = 0.0

    def update(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def advance(self, k: int) -> None:
        self.bar.update(k)

    def __enter__(self) -> _Stage:
        import threading

        self._start = time.perf_counter()
        self._stop = threading.Event()
        if self.ticking and not self.bar.disable:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        return self

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self.bar.refresh()

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.seconds = time.perf_counter() - self._start
        self.bar.close()


def _check_input(
    family, table: TruthTable | None, net, n_bits: int, n: int, word: str | None
) -> dict[str, object]:
    """Simulate one input exactly and compare it with the truth table (when the command holds
    it) and, for a machine, with the interpreter."""
    from tmnet.cli import UsageError
    from tmnet.machines.encoding import bits_to_index, decode_bits, index_to_bits

    if word is None:  # a reproducible input: the same for the same n
        import random

        bits = index_to_bits(random.Random(n).getrandbits(n_bits) if n_bits else 0, n_bits)
    else:
        if len(word) != n_bits or set(word) - {"0", "1"}:
            raise UsageError(f"--check-input needs {n_bits} bits x1..x{n_bits}, got {word!r}")
        bits = tuple(int(c) for c in word)
    with _Stage("simulate one input", "s", ticking=True) as stage:
        value = simulate.simulate(net, bits).outputs[OUTPUT_NAME]
    info: dict[str, object] = {
        "simulated_input": "".join(map(str, bits)),
        "simulated_output": int(value),
    }
    agree = True
    if table is not None:
        info["table_entry"] = table.bit(bits_to_index(bits))
        agree = value == info["table_entry"]
    machine = getattr(family, "machine", None)
    if machine is not None:
        from tmnet import machines

        text = decode_bits(machine, bits)
        run = None if text is None else machines.run(machine, text).outcome.value
        info["interpreter"] = run if run is not None else "no word (code names no symbol)"
        agree = agree and (run == "accept") == bool(value)
    info["simulate_agrees"] = agree
    info["simulate_seconds"] = stage.seconds
    return info


def cmd_lookup(args: argparse.Namespace) -> int:
    """Print the network; time each stage (truth table, network, file, one input simulated
    exactly), each with a progress bar on stderr; report sizes, timings and peak memory."""
    import resource

    from tmnet.cli import UsageError

    chosen = sum([args.machine is not None, args.truth_table is not None, args.random is not None])
    if chosen != 1:
        raise UsageError("give a MACHINE, or --truth-table HEX, or --random SEED (exactly one)")
    if args.n < 0:
        raise UsageError("-n needs N >= 0")
    # `tmnet construct NAME` passes its construction's families; `tmnet lookup` uses Theorem 4.1's
    machine_printer = getattr(args, "machine_printer", lookup_family)
    table_printer = getattr(args, "table_printer", table_family)
    with _Stage("truth table", "input") as table_stage:
        if args.machine is not None:
            from tmnet import machines

            machine = machines.library.resolve(args.machine)
            # --on-timeout is `tmnet lookup`'s (Theorem 4.1's printer); `construct` has none
            extra = {"on_timeout": args.on_timeout} if hasattr(args, "on_timeout") else {}
            family = machine_printer(machine, args.gadgets, progress=table_stage.update, **extra)
            what = machine.name
        elif args.truth_table is not None:
            family = table_printer(TruthTable.from_hex(args.truth_table, args.n), args.gadgets)
            what = "truth table"
        else:
            family = table_printer(TruthTable.random(args.n, args.random), args.gadgets)
            what = f"random table (seed {args.random})"
        theorem41 = type(family) in (LookupFamily, TableFamily)
        if theorem41:  # staged: the table here, the network with its own progress bar below
            table: TruthTable | None = family.table(args.n)
        else:  # another construction prints both at once and times them itself
            printed = family.print(args.n)
            table = family.table(args.n) if isinstance(family, TableFamily) else None
    if theorem41:
        assert table is not None
        with _Stage("network", "step") as net_stage:
            net = lookup_network(
                table, args.gadgets, name=family.network_name(args.n), progress=net_stage.update
            )
            if isinstance(family, LookupFamily):  # as LookupFamily.print: record the alphabet
                net = with_alphabet(net, family.machine.input_alphabet)
        table_s, net_s = table_stage.seconds, net_stage.seconds
    else:
        net = printed.network
        table_s = printed.timings["truth_table_seconds"]
        net_s = printed.print_seconds - table_s
    timings: dict[str, object] = {
        "truth_table_seconds": table_s,
        "network_seconds": net_s,
        "print_seconds": table_s + net_s,
    }
    if args.output:
        with _Stage("write", "B") as write_stage:
            simulate.write_network(net, args.output, progress=write_stage.advance)
        timings["write_seconds"] = write_stage.seconds
    check: dict[str, object] = {}
    if not args.no_check:
        check = _check_input(family, table, net, net.n_inputs, args.n, args.check_input)
    data: dict[str, object] = dict(simulate.sizes(net).as_dict())
    data.update(timings)
    data.update(check)
    data["peak_memory_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print_sizes(data, f"{net.name} ({what}, {args.gadgets} gadgets)", args.json, args.output)
    return 0 if check.get("simulate_agrees", True) else 1
