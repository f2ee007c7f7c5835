"""Real file-system faults for the export tests: a small tmpfs (full or read-only) mounted in a
temporary folder, and the command line run as a real process.

Mounting needs root (or CAP_SYS_ADMIN); where it is not permitted the test is skipped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_module


@contextlib.contextmanager
def tmpfs(folder: Path, *, size: str = "64k", read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (created), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    opts = f"size={size},mode=0755" + (",ro" if read_only else "")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(folder)], capture_output=True, text=True, timeout=30
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True, timeout=30).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def fill(folder: Path, *, leave: int = 0) -> None:
    """Fill the file system of ``folder`` until writing fails, then free ``leave`` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    if leave:
        size = filler.stat().st_size
        os.truncate(filler, max(0, size - leave))


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``desktop-app --data-dir DATA ARGS`` as a real process."""
    return run_module("desktop_app", *args, data_dir=data_dir)


def export_cli(data_dir: Path, fmt: str, out: Path | str) -> subprocess.CompletedProcess[str]:
    return cli(data_dir, "notes", "export", "--format", fmt, "--out", str(out))


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    """The command failed with exit 1 and one line on stderr, no traceback, no Qt warning."""
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr and "QPainter" not in r.stderr and "内部错误" not in r.stderr
    return r.stderr
