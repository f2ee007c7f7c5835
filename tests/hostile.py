"""Hostile inputs made for real inside a temporary folder: pipes, sockets, link loops, device
nodes, file names that are not UTF-8, and a way to run a command without root's powers (so a
folder or file without permission really refuses, also when the tests run as root)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# A Chinese file name as a Windows zip stores it (GBK bytes), unpacked as is on Linux.
GBK_NAME = "会议纪要.txt".encode("gbk")
LAW = "第一章 总则\n第一条 为了规范拍卖行为，制定本法。\n第二条 本法适用于拍卖企业。\n"


def make_fifo(folder: Path, name: str = "pipe.txt") -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = folder / name
    os.mkfifo(path)
    return path


def make_loop(folder: Path) -> Path:
    """Two symbolic links pointing at each other; returns one of them."""
    a, b = folder / "loop-a.txt", folder / "loop-b.txt"
    try:
        a.symlink_to(b.name)
        b.symlink_to(a.name)
    except OSError:
        pytest.skip("symbolic links cannot be made here")
    return a


def make_char_device(folder: Path) -> Path:
    """A device node like /dev/zero, made inside ``folder`` (root only); else /dev/zero itself,
    which is only ever read."""
    path = folder / "zero.txt"
    if hasattr(os, "mknod") and os.geteuid() == 0:
        import stat

        with contextlib.suppress(OSError):
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
            return path
    if Path("/dev/zero").exists():
        return Path("/dev/zero")
    pytest.skip("no character device to read")


@contextlib.contextmanager
def listening_socket() -> Iterator[Path]:
    """A Unix socket bound in a short temporary folder (socket paths are limited to ~100 bytes)."""
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this system")
    folder = Path(tempfile.mkdtemp(prefix="yandu-sock-"))
    path = folder / "s.txt"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
        s.listen(1)
        yield path
    finally:
        s.close()
        shutil.rmtree(folder, ignore_errors=True)


def gbk_named_file(folder: Path, content: str = LAW) -> Path:
    """A real file whose name is GBK bytes (not UTF-8); its Path holds surrogate escapes."""
    if sys.platform == "win32":
        pytest.skip("Windows file names are Unicode")
    raw = os.path.join(os.fsencode(folder), GBK_NAME)
    with open(raw, "wb") as fh:
        fh.write(content.encode("utf-8"))
    path = Path(os.fsdecode(raw))
    assert path.is_file() and "\udcbb" in str(path)
    return path


def unprivileged(cmd: list[str]) -> list[str]:
    """``cmd`` run so that file permissions apply: as is for a normal user; as root, through
    setpriv without the capabilities that pass over permissions (skipped if that is impossible)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to refuse")
    drop = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", *cmd]
