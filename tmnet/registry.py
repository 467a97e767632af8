"""Registries: the named modes of one kind, written down once, looked up by name.

A mode (a gadget construction, a simulator) is a frozen value with a ``name``; a `Registry`
holds the modes of one kind in a fixed order. Code that accepts a mode accepts the value or its
name and resolves it with `Registry.get`, which names the known modes when a name is unknown
(`UnknownNameError`, a `TmnetError`: the command line exits 2). Iterating a registry yields the
names, so it serves directly as argparse ``choices`` and as a pytest parameter list; `entries`
yields the values.

Like `tmnet.errors`, this module imports nothing else of tmnet: every package may use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, Protocol, TypeVar, overload

from tmnet.errors import TmnetError


class UnknownNameError(TmnetError, ValueError):
    """A mode name no registry entry has (also a ValueError, what unknown modes raised before)."""


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Registry(Generic[T]):
    """The modes of one kind (`what`, e.g. "gadget mode"), in order, by name; an unknown name
    raises `error` (a subclass of `UnknownNameError` that is also the package's base error)."""

    def __init__(
        self, what: str, entries: Iterable[T], error: type[UnknownNameError] = UnknownNameError
    ):
        self.what = what
        self.error = error  # raised on an unknown name (a package's own subclass)
        self._entries = tuple(entries)
        self._by_name = {e.name: e for e in self._entries}
        if len(self._by_name) != len(self._entries):
            raise ValueError(f"two {what}s share a name")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def entries(self) -> tuple[T, ...]:
        """The modes themselves, in registration order."""
        return self._entries

    def get(self, key: str | T) -> T:
        """The mode named `key` (or `key` itself when it is one of the modes)."""
        if isinstance(key, str):
            found = self._by_name.get(key)
            if found is not None:
                return found
        elif any(key is e for e in self._entries):
            return key
        raise self.error(
            f"unknown {self.what} {getattr(key, 'name', key)!r}",
            hint=f"use one of: {', '.join(self.names)}",
        )

    @overload
    def __getitem__(self, key: str) -> T: ...
    @overload
    def __getitem__(self, key: int) -> str: ...

    def __getitem__(self, key: str | int) -> T | str:
        """By name: the mode. By position: its name (a registry reads as the tuple of its
        names, which is what the gadget modes were before)."""
        if isinstance(key, int):
            return self.names[key]
        return self.get(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._by_name
        return any(key is e for e in self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.what!r}, {list(self.names)})"
