"""Atomic file output: write to a temporary file beside the target, then rename over it.

A reader never sees a half-written file, and an error part-way leaves the old file untouched.
The target is resolved first: a symlink's target is written (the link stays a link); a
character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) cannot be replaced by a
rename without destroying the node, so it is written through directly; any other non-regular
target (a directory, a socket, a block device) is refused. SIGTERM and SIGHUP during the write
remove the temporary file (as SIGINT does) before the process exits with 128 + the signal.
Every failure is an `OSError` naming the target (not the hidden temporary).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

_CLEANUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _final_mode(target: Path) -> int:
    """The permissions the file gets: those of the file it replaces, else 0o666 less the umask
    (what a plain open() would give; mkstemp's own 0o600 would hide the output from others)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _resolve(path: str | os.PathLike[str]) -> tuple[Path, bool]:
    """(the file to write, whether to write through it instead of renaming onto it)."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target, False
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
    if stat.S_ISREG(mode):
        return target, False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return target, True
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
    raise OSError(errno.EINVAL, "not a regular file, character device or FIFO", os.fspath(path))


def _temporary_beside(target: Path, path: str | os.PathLike[str]) -> tuple[int, str]:
    """A new temporary file in `target`'s directory (`target` is absolute, from `_resolve`);
    a failure (a missing or read-only directory, a name too long) is an OSError naming `path`."""
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None


class _Terminated(BaseException):
    """Raised in the main thread by SIGTERM/SIGHUP during a write, so the cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[None]:
    """While writing, turn SIGTERM/SIGHUP into an exception (main thread only), then re-deliver
    the exit the default handler would have given."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    previous = {}
    for sig in _CLEANUP_SIGNALS:
        previous[sig] = signal.getsignal(sig)
        if previous[sig] is signal.SIG_DFL:  # leave an application's own handler alone
            signal.signal(sig, handler)
    try:
        yield
    except _Terminated as exc:
        raise SystemExit(128 + exc.signum) from None
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file in the target's directory; on success rename it onto `path`.

    A character device or FIFO target is opened and written directly (see the module doc)."""
    if mode not in ("w", "wb"):
        raise ValueError("atomic_open writes only ('w' or 'wb')")
    kwargs = {"encoding": "utf-8", "newline": "\n"} if mode == "w" else {}
    target, through = _resolve(path)
    if through:
        with open(target, mode, **kwargs) as handle:
            yield handle
        return
    with _signals_clean_up():
        fd, tmp = _temporary_beside(target, path)
        try:
            with os.fdopen(fd, mode, **kwargs) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, _final_mode(target))
            os.replace(tmp, target)
        except OSError as exc:  # a full disk, ...: name the target, not the temporary
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            if exc.filename in (tmp, None):
                raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
            raise
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


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise the `OSError` that writing `path` would meet, before any long work starts
    (`bench --out`): the target must not be a directory and its directory must accept a file."""
    target, through = _resolve(path)
    if through:
        return
    fd, tmp = _temporary_beside(target, path)
    os.close(fd)
    os.unlink(tmp)
