"""Subcommands of `tmnet`; each module exposes `register(subparsers)`."""
