"""Fixtures for the fault tests: small tmpfs mounts ("disk full"), child processes killed with SIGKILL.

Mounts are made only inside the test's temporary folder and always unmounted (also when the
test fails); where mounting is not permitted (not root, a container without CAP_SYS_ADMIN) the
test is skipped with the reason.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.property.profile import report

needs_posix = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name != "posix", reason="needs POSIX")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    report(terminalreporter)


def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.strip() or r.returncode}): disk-full test skipped")


def _unmount(where: Path) -> None:
    for args in (["umount", str(where)], ["umount", "-l", str(where)]):
        if subprocess.run(args, capture_output=True).returncode == 0:
            return


@pytest.fixture
def tmpfs() -> Iterator[Callable[[Path, str], Path]]:
    """``tmpfs(path, "64k")`` mounts a tmpfs of that size at ``path`` (inside tmp_path only)."""
    if os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux: disk-full test skipped")
    mounted: list[Path] = []

    def mount(where: Path, size: str) -> Path:
        assert "pytest" in str(where) or "tmp" in str(where), (
            f"refusing to mount outside a temp folder: {where}"
        )
        _mount_tmpfs(where, size)
        mounted.append(where)
        return where

    try:
        yield mount
    finally:
        for where in reversed(mounted):
            _unmount(where)


def fill(folder: Path) -> int:
    """Fill the file system of ``folder`` to the last byte; returns the bytes written."""
    written = 0
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    n = os.write(fd, b"\0" * size)
                except OSError:
                    break
                if n < size:
                    written += n
                    break
                written += n
    finally:
        os.close(fd)
    return written


def child(*args: str, data_dir: Path) -> subprocess.Popen[bytes]:
    """``python -m tests.faults.child ARGS`` with its own user-data folder."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "YANDU_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def kill(proc: subprocess.Popen[bytes]) -> bytes:
    """SIGKILL, wait, and return the rest of its output."""
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    return out
