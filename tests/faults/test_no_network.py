"""No network, ever (issue 11 point 15): the selftest and the window, with the network made to fail.

Three independent guards, each in real processes started from the source tree:

1. Python level: a ``sitecustomize`` on PYTHONPATH (loaded by every Python process started with
   it, children included) replaces the socket functions.  Creating an internet socket
   (AF_INET/AF_INET6), connecting, binding, sending, and every name lookup (getaddrinfo,
   gethostbyname...) are recorded in a log and fail.  Local AF_UNIX sockets are recorded on their
   own and allowed: they never leave the machine (decided here: Qt could use one for D-Bus or a
   single-instance lock; Yandu's lock is a file, see ui/single_instance.py).
2. System-call level (where ``strace`` exists): every connect/bind/sendto/sendmsg of the process
   and its threads and children, Qt's C++ included, is traced; none may name AF_INET/AF_INET6.
3. Kernel level (where ``unshare -n`` is permitted): the same commands in a new network namespace
   with no interface at all still succeed, so nothing they do needs a network.

The window is run twice: ``--quit-after-load`` (start and first paint), and a longer run that
lasts until the search index, built by a worker after the first paint with jieba's words, is on
disk (menus, panels, notes store, search all made), then ends with SIGTERM.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.faults.conftest import needs_posix

pytestmark = needs_posix

SITECUSTOMIZE = r"""
import errno, os, socket

_LOG = os.environ["YANDU_NET_LOG"]


def _record(kind, detail):
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{os.getpid()} {kind} {detail!r}\n".encode("utf-8", "backslashreplace"))
    finally:
        os.close(fd)


_record("loaded", os.getpid())
_UNIX = getattr(socket, "AF_UNIX", None)
_INET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


def _fail(kind, detail):
    _record(kind, detail)
    raise OSError(errno.ENETUNREACH, f"network disabled by the test ({kind})")


_Real = socket.socket


class GuardedSocket(_Real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        super().__init__(family, type, proto, fileno)
        if self.family in _INET:
            self.close()
            _fail("inet-socket", (self.family, type))

    def connect(self, address):
        if self.family == _UNIX:
            _record("unix-connect", address)
            return super().connect(address)
        _fail("connect", address)

    def connect_ex(self, address):
        if self.family == _UNIX:
            _record("unix-connect", address)
            return super().connect_ex(address)
        _fail("connect", address)

    def bind(self, address):
        if self.family == _UNIX:
            _record("unix-bind", address)
            return super().bind(address)
        _fail("bind", address)

    def sendto(self, *args):
        if self.family == _UNIX:
            return super().sendto(*args)
        _fail("sendto", args[-1])


socket.socket = GuardedSocket
socket.SocketType = GuardedSocket
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
              "create_connection", "create_server"):
    if hasattr(socket, _name):
        setattr(socket, _name, (lambda n: lambda *a, **k: _fail(n, a[:2]))(_name))
"""


def _guard(tmp_path: Path) -> tuple[dict[str, str], Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {
        **os.environ,
        "PYTHONPATH": f"{site}{os.pathsep}{ROOT}",
        "PYTHONIOENCODING": "utf-8",
        "QT_QPA_PLATFORM": "offscreen",
        "YANDU_NET_LOG": str(log),
    }
    env.pop("YANDU_DATA_DIR", None)
    return env, log


def _records(log: Path) -> tuple[list[str], list[str], int]:
    """(attempts to reach the network, local AF_UNIX uses, processes guarded)."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    loaded = sum(1 for line in lines if line.split(" ", 2)[1] == "loaded")
    unix = [line for line in lines if line.split(" ", 2)[1].startswith("unix-")]
    net = [line for line in lines if line.split(" ", 2)[1] not in ("loaded",) and line not in unix]
    return net, unix, loaded


COMMANDS = {
    "selftest": ["selftest"],
    "window start": ["--quit-after-load"],
}


def _run(
    args: list[str], env: dict[str, str], data: Path, prefix: list[str] = ()
) -> subprocess.CompletedProcess[str]:  # type: ignore[assignment]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, cwd=ROOT,
    )  # fmt: skip


def _ok(name: str, r: subprocess.CompletedProcess[str]) -> None:
    assert r.returncode == 0, (name, r.stdout[-2000:], r.stderr[-3000:])
    assert ("selftest passed" in r.stdout) if name == "selftest" else ("first-paint" in r.stdout), r.stdout


def test_the_python_guard_catches_a_connection(tmp_path: Path) -> None:
    """The control: the guard does record and stop an attempt (to the discard port on loopback)."""
    env, log = _guard(tmp_path)
    code = (
        "import socket\ntry:\n socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError as e:\n print('refused', e)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "refused" in r.stdout and "network disabled by the test" in r.stdout
    net, _unix, loaded = _records(log)
    assert loaded == 1 and len(net) == 1 and "create_connection" in net[0]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_socket_is_opened_python_level(tmp_path: Path, name: str) -> None:
    env, log = _guard(tmp_path)
    r = _run(COMMANDS[name], env, tmp_path / "data")
    _ok(name, r)
    net, unix, loaded = _records(log)
    assert loaded >= 1, "the guard was not loaded: the test proves nothing"
    assert net == [], f"network attempts: {net}"
    print(f"{name}: {loaded} process(es) guarded, 0 network attempts, local sockets: {unix or 'none'}")


def test_a_long_window_run_opens_no_socket(tmp_path: Path) -> None:
    """The window until its search index (bigrams and jieba's words) is written after the first paint."""
    env, log = _guard(tmp_path)
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        words: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            words = list((data / "cache" / "search").glob("v*/*.words")) if (data / "cache").is_dir() else []
            if words:
                break
            time.sleep(0.2)
        time.sleep(1.0)  # a moment more for whatever follows
        assert proc.poll() is None, proc.stderr.read().decode(errors="replace")[-3000:] if proc.stderr else ""
        assert words, "the window never built its search index"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    net, unix, loaded = _records(log)
    assert loaded >= 1
    assert net == [], f"network attempts: {net}"
    assert (data / "notes.sqlite3").exists()  # the notes feature was made too
    print(f"long window run: 0 network attempts, local sockets: {unix or 'none'}")


_CALL = re.compile(r"\b(connect|bind|sendto|sendmsg)\((\d+), \{sa_family=(AF_\w+)")


@pytest.mark.skipif(
    shutil.which("strace") is None, reason="strace is not installed: system-call guard skipped"
)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_internet_system_call(tmp_path: Path, name: str) -> None:
    env, _log = _guard(tmp_path)
    env["PYTHONPATH"] = str(ROOT)  # no Python guard: see what the program would really do
    trace = tmp_path / "strace.txt"
    prefix = ["strace", "-f", "-qq", "-e", "trace=connect,bind,sendto,sendmsg", "-o", str(trace)]
    # The control: the tracer does see a connect() (a local one that fails harmlessly).
    probe = "import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect_ex('/nonexistent-yandu-probe')"
    c = subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    if c.returncode != 0:
        pytest.skip(f"strace cannot trace here: {c.stderr.strip()[:200]}")
    assert ("connect", "AF_UNIX") in [(m[0], m[2]) for m in _CALL.findall(trace.read_text(encoding="utf-8"))]
    r = _run(COMMANDS[name], env, tmp_path / "data", prefix)
    _ok(name, r)
    calls = _CALL.findall(trace.read_text(encoding="utf-8", errors="replace"))
    internet = [c for c in calls if c[2] in ("AF_INET", "AF_INET6")]
    local = sorted({f"{c[0]} {c[2]}" for c in calls if c[2] not in ("AF_INET", "AF_INET6")})
    assert internet == [], f"internet system calls: {internet}"
    print(f"{name}: {len(calls)} socket system calls, none to the internet; local kinds: {local or 'none'}")


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not permitted here: namespace guard skipped")
@pytest.mark.parametrize("name", list(COMMANDS))
def test_everything_works_in_a_namespace_without_network(tmp_path: Path, name: str) -> None:
    env, log = _guard(tmp_path)
    r = _run(COMMANDS[name], env, tmp_path / "data", ["unshare", "-n", "--"])
    _ok(name, r)
    net, _unix, loaded = _records(log)
    assert loaded >= 1 and net == []
