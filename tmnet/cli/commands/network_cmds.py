"""`tmnet simulate`, `tmnet stats`, `tmnet export`: the command line of the `simulate` package."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from tmnet import simulate
from tmnet.cli.commands.common import add_network
from tmnet.cli.commands.report import non_negative
from tmnet.simulate import BadInputError, Limits, Network
from tmnet.simulate.atomicio import atomic_write
from tmnet.simulate.drawing import PICTURE_FORMATS
from tmnet.simulate.onnx_export import DTYPES

BATCH_CHUNK = 4096  # inputs per progress step in --all / --sample runs
HANDFUL = 8  # above this many inputs, --mode auto takes the batch path where it is proved exact
AUTO = "auto"  # the --mode that picks a simulator mode (`auto_mode`); the others: SIM_MODES
MAX_ROWS_BITS = 28  # --all / --sample hold their inputs at once: never more than 2^28 rows


def _add_limits(p: argparse.ArgumentParser) -> None:
    d = simulate.DEFAULT_LIMITS
    g = p.add_argument_group("reader limits (reject absurd files early)")
    g.add_argument("--max-inputs", type=int, default=d.max_inputs, metavar="N")
    g.add_argument("--max-neurons", type=int, default=d.max_neurons, metavar="N")
    g.add_argument("--max-edges", type=int, default=d.max_edges, metavar="N")
    g.add_argument("--max-digits", type=int, default=d.max_digits, metavar="N")
    g.add_argument("--max-line", type=int, default=d.max_line, metavar="N")


def _read(args: argparse.Namespace) -> Network:
    limits = Limits(
        args.max_inputs, args.max_neurons, args.max_edges, args.max_digits, args.max_line
    )
    return simulate.read_network(args.network, limits=limits)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the three subcommands to the `tmnet` parser."""
    p = subparsers.add_parser(
        "simulate",
        help="evaluate a .net network exactly on input words (Theorem 6.1)",
        description="Evaluate a ReLU network exactly. WORD is a bit string x1..xn (x1 first), "
        "or a word over the input alphabet the network's file records (its `alphabet` line, "
        "written by `tmnet compile` and `tmnet lookup`), encoded as machines/encoding.py says.",
    )
    add_network(p)
    p.add_argument(
        "words", metavar="WORD", nargs="*", help="input bit strings such as 0110, or words"
    )
    p.add_argument("--all", action="store_true", help="every input, in index order")
    p.add_argument(
        "--max-all",
        type=int,
        default=20,
        metavar="N",
        help="refuse --all above N inputs (default 20)",
    )
    p.add_argument("--sample", type=int, metavar="K", help="K distinct random inputs")
    p.add_argument("--seed", type=non_negative, default=0, metavar="S", help="seed of --sample")
    p.add_argument(
        "--mode",
        choices=(AUTO, *simulate.SIM_MODES.names),
        default=AUTO,
        help=f"{AUTO} (the default): batch for more than {HANDFUL} inputs when bound_analysis "
        "proves a machine integer type exact, else exact; "
        + "; ".join(f"{m.name}: {m.summary}" for m in simulate.SIM_MODES.entries()),
    )
    p.add_argument(
        "--check-lemmas",
        action="store_true",
        help="verify Lemma 6.2 and 6.3 on every neuron for each input",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per input per line")
    _add_limits(p)
    p.set_defaults(func=cmd_simulate)

    p = subparsers.add_parser("stats", help="sizes of a network: neurons, edges, p-SIZE, ...")
    add_network(p)
    p.add_argument("--json", action="store_true", help="one JSON object")
    _add_limits(p)
    p.set_defaults(func=cmd_stats)

    p = subparsers.add_parser(
        "export",
        help="export a network to GraphML, Graphviz DOT or ONNX (exact in onnxruntime), "
        "or draw it (SVG/PNG)",
    )
    add_network(p)
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="output format (default: from -o's extension, else graphml); svg and png draw "
        "the network layered left to right through Graphviz; onnx: docs/onnx.md",
    )
    p.add_argument(
        "--max-draw",
        type=int,
        default=300,
        metavar="N",
        help="refuse to draw networks of more than N nodes (default 300)",
    )
    p.add_argument(
        "--dtype",
        choices=DTYPES,
        default="auto",
        help="ONNX number type (auto: float64 when the proved bounds are below 2^53, else int64)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    _add_limits(p)
    p.set_defaults(func=cmd_export)


def _inputs(args: argparse.Namespace, net: Network) -> np.ndarray:
    from tmnet.cli import UsageError

    chosen = sum([bool(args.words), args.all, args.sample is not None])
    if chosen != 1:
        raise UsageError("give input WORDs, or --all, or --sample K (exactly one of them)")
    n = net.n_inputs
    if args.all:
        if n > min(args.max_all, MAX_ROWS_BITS):
            raise UsageError(
                f"--all would run 2^{n} inputs; the limit is 2^{min(args.max_all, MAX_ROWS_BITS)} "
                + (
                    "(raise it with --max-all, or use --sample K)"
                    if args.max_all < MAX_ROWS_BITS
                    else f"(at most 2^{MAX_ROWS_BITS} inputs are held at once; use --sample K)"
                )
            )
        return simulate.all_inputs(n)
    if args.sample is not None:
        if args.sample < 0:
            raise UsageError("--sample needs K >= 0")
        k = min(args.sample, 1 << n) if n < 62 else args.sample
        if k > 1 << min(args.max_all, MAX_ROWS_BITS):
            raise UsageError(
                f"--sample {args.sample} is above the limit 2^{min(args.max_all, MAX_ROWS_BITS)} "
                "inputs (raise it with --max-all)"
            )
        return simulate.sample_inputs(n, k, args.seed)
    rows = []
    alphabet = net.input_alphabet
    for word in args.words:
        if alphabet and alphabet != ("0", "1") and set(word) <= set(alphabet):
            # a word over the network's recorded input alphabet (machines/encoding.py)
            from tmnet.machines.encoding import alphabet_bits, encode_over

            bits = encode_over(alphabet, word)
            if len(bits) != n:
                raise BadInputError(
                    f"the word {word!r} has {len(word)} symbols but the network reads "
                    f"{n // alphabet_bits(alphabet)} ({n} inputs)"
                )
            rows.append(list(bits))
            continue
        bad = sorted(set(word) - {"0", "1"})
        if bad:
            raise BadInputError(f"input word {word!r} has a character other than 0/1: {bad[0]!r}")
        if len(word) != n:
            raise BadInputError(
                f"input word {word!r} has {len(word)} bits but the network has {n} inputs"
            )
        rows.append([int(c) for c in word])
    return np.asarray(rows, dtype=np.uint8).reshape(len(rows), n)


def _text(v: object) -> str:
    if isinstance(v, float | np.floating):
        return repr(float(v))
    return simulate.format_value(v)  # type: ignore[arg-type]


def auto_mode(net: Network, count: int) -> tuple[str, str]:
    """(mode, why) for `--mode auto` on `count` inputs: the batch path when there are more than
    a handful and `bound_analysis` proves a machine integer type holds every value exactly
    (simulate/analysis.py), else the exact per-input simulator."""
    exact, batch = simulate.sim_mode("exact").name, simulate.sim_mode("batch").name
    if count <= HANDFUL:
        return exact, f"{exact} (gmpy2, per input: {count} input(s) is a handful)"
    dtype = simulate.bound_analysis(net).dtype
    if dtype is None:
        return exact, f"{exact} (gmpy2, per input: no machine integer type is proved exact)"
    name = np.dtype(dtype).name
    return batch, f"{batch} ({name}, exact: bound_analysis proves every value fits in {name})"


def cmd_simulate(args: argparse.Namespace) -> int:
    """Evaluate the network on each input and print its outputs."""
    from tqdm import tqdm

    net = _read(args)
    rows = _inputs(args, net)
    names = [nm for nm, _ in net.outputs]
    # outputs out0..out{m-1} (uniform.tableau's function-machine bits): shown as one word
    function_bits = [f"out{k}" for k in range(len(names))] if "out0" in names else []
    function_bits = [k for k in function_bits if k in names]
    out = sys.stdout
    lemmas_ok = True
    chosen = args.mode
    if chosen == AUTO:
        chosen, why = auto_mode(net, len(rows))
        if len(rows) > HANDFUL:
            print(f"tmnet simulate: path {why}; --mode forces one", file=sys.stderr)
    mode = simulate.sim_mode(chosen)
    bar = tqdm(total=len(rows), unit="input", file=sys.stderr, disable=None, leave=False)
    try:
        for start in range(0, len(rows), BATCH_CHUNK):
            block = rows[start : start + BATCH_CHUNK]
            if mode.vectorised:  # the whole block at once
                values = simulate.simulate_batch(net, block, mode=mode).tolist()
                bar.update(len(block))
            else:  # one input at a time, the bar ticking per input
                values = []
                for row in block:
                    res = simulate.simulate(net, row, mode=mode)
                    values.append([res.outputs[k] for k in names])
                    bar.update(1)
            for row, vals in zip(block, values, strict=True):
                word = "".join(map(str, row.tolist()))
                record: dict[str, object] = {
                    "input": word,
                    "outputs": {k: _text(v) for k, v in zip(names, vals, strict=True)},
                    "path": mode.name,
                }
                if function_bits:  # a function machine's network: out0, out1, ... as a word
                    outs = record["outputs"]
                    record["output"] = "".join(str(outs.pop(k)) for k in function_bits)  # type: ignore[union-attr]
                if args.check_lemmas:
                    report = simulate.check_lemmas(net, row)
                    lemmas_ok &= report.ok
                    record["lemmas"] = report.as_dict()
                if args.json:
                    out.write(json.dumps(record) + "\n")
                else:
                    shown = " ".join(f"{k}={v}" for k, v in record["outputs"].items())  # type: ignore[union-attr]
                    if function_bits:
                        shown += f" output={record['output']}"
                    line = f"{word or '(empty)'}  {shown}"
                    if args.check_lemmas:
                        r = record["lemmas"]
                        line += (
                            f"  [Lemma 6.2 {'ok' if r['lemma_6_2'] else 'FAILS'}, "  # type: ignore[index]
                            f"Lemma 6.3 {'ok' if r['lemma_6_3'] else 'FAILS'}: "  # type: ignore[index]
                            f"max |val| {r['max_value_bits']} bits <= "  # type: ignore[index]
                            f"{r['value_bound_bits']}, max denominator "  # type: ignore[index]
                            f"{r['max_denominator_bits']} bits]"  # type: ignore[index]
                        )
                    out.write(line + "\n")
    finally:
        bar.close()
    return 0 if lemmas_ok else 1


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the sizes of Definition 2.2 and Theorem 6.1."""
    net = _read(args)
    data = simulate.sizes(net).as_dict()
    if args.json:
        print(json.dumps(data))
    else:
        width = max(map(len, data))
        print(f"{'network':<{width}}  {net.name}")
        for key, value in data.items():
            print(f"{key:<{width}}  {value}")
    return 0


EXPORT_EXTENSIONS = {
    ".graphml": "graphml",
    ".xml": "graphml",
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".onnx": "onnx",
}
EXPORT_FORMATS = ("graphml", "dot", "svg", "png", "onnx")


def cmd_export(args: argparse.Namespace) -> int:
    """Write GraphML, DOT, SVG/PNG or ONNX (format from --format, else -o's extension)."""
    from tmnet.cli import UsageError

    fmt = args.format
    if fmt is None and args.output:
        ext = Path(args.output).suffix.lower()
        fmt = EXPORT_EXTENSIONS.get(ext)
        if fmt is None:
            raise UsageError(f"cannot infer the format from {args.output!r}; give --format")
    fmt = fmt or "graphml"
    net = _read(args)
    if fmt == "onnx":
        from tmnet.simulate.onnx_export import write_onnx

        if not args.output:
            raise UsageError("ONNX is binary: give -o FILE.onnx")
        layout = write_onnx(net, args.output, args.dtype)
        print(
            f"wrote {args.output}: {layout.dtype}, {len(layout.layers)} layers "
            f"({layout.dense_layers} dense, {len(layout.layers) - layout.dense_layers} sparse), "
            f"proved bounds below 2^{layout.magnitude_bits}"
        )
        return 0
    if fmt in PICTURE_FORMATS:
        from tmnet.simulate import drawing

        if not args.output:  # before Graphviz runs, not after
            raise UsageError(f"--format {fmt} writes a picture: give -o FILE.{fmt}")
        atomic_write(args.output, drawing.render(drawing.network_dot(net, args.max_draw), fmt))
        return 0
    if args.output:
        (simulate.export_graphml if fmt == "graphml" else simulate.export_dot)(net, args.output)
        return 0
    if fmt == "dot":
        sys.stdout.writelines(simulate.dot_lines(net))
    else:
        import networkx as nx

        g = simulate.to_networkx(net, exact_objects=False)
        sys.stdout.write("\n".join(nx.generate_graphml(g)) + "\n")
    return 0
