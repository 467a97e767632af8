"""Atomic output: all or nothing, and the permissions a plain open() would give."""

import os
import stat

import pytest

from tmnet.simulate.atomicio import atomic_open, atomic_write


def test_writes_text_bytes_and_chunks(tmp_path):
    atomic_write(tmp_path / "a.txt", "hello\n")
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    atomic_write(tmp_path / "c.txt", (f"{i}\n" for i in range(3)))
    assert (tmp_path / "a.txt").read_text() == "hello\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "c.txt").read_text() == "0\n1\n2\n"


def test_an_error_midway_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "net.net"
    target.write_text("old\n")

    def chunks():
        yield "new, half written\n"
        raise RuntimeError("printer failed")

    with pytest.raises(RuntimeError):
        atomic_write(target, chunks())
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["net.net"]


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    kept = tmp_path / "kept.txt"
    kept.write_text("x")
    kept.chmod(0o640)
    with atomic_open(kept) as handle:
        handle.write("y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() == "y"
