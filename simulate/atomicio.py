"""Atomic file output: write to a temporary file beside the target, then rename over it.

A reader never sees a half-written file, and an error part-way leaves the old file untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO


def _final_mode(target: Path) -> int:
    """The permissions the file gets: those of the file it replaces, else 0o666 less the umask
    (what a plain open() would give; mkstemp's own 0o600 would hide the output from others)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file in the target's directory; on success rename it onto `path`."""
    if mode not in ("w", "wb"):
        raise ValueError("atomic_open writes only ('w' or 'wb')")
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        kwargs = {"encoding": "utf-8", "newline": "\n"} if mode == "w" else {}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """Write text, bytes, or an iterable of text chunks to `path` atomically."""
    if isinstance(data, bytes):
        with atomic_open(path, "wb") as handle:
            handle.write(data)
        return
    with atomic_open(path, "w") as handle:
        if isinstance(data, str):
            handle.write(data)
        else:
            for chunk in data:
                handle.write(chunk)
