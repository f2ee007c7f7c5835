"""One running copy per data folder: a second start hands its file to the first and exits.

The first copy holds a ``QLockFile`` in the data folder (cheap to check at start-up)
and, once its window is painted, watches an ``inbox`` folder there.  A second copy
finds the lock taken, writes its request (the path of the file it was asked to open)
into the inbox, and waits for the first copy to take it: the first copy opens the
file, comes to the front and deletes the request.  If nobody takes it in time, the
second copy withdraws it and runs on its own.  So only one process writes the user's
settings and notes at a time.

A folder and ``QFileSystemWatcher`` (QtCore) rather than a local socket: QtNetwork
would add 3.4 MB to the bundle for this alone.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

ANSWER_TIMEOUT_S = 2.0
POLL_MS = 1000  # the watcher may miss events on network folders: look now and then too


class SingleInstance(QObject):
    # a path ("" = just come to the front); object, not str: Qt drops the lone surrogates of
    # a file name that is not UTF-8 (GBK bytes), and the window would open another path
    sig_open_requested = Signal(object)

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._inbox = data_dir / "inbox"
        self._lock = QLockFile(str(data_dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # a lock left by a crashed copy is stale when its PID is gone
        self._watcher: QFileSystemWatcher | None = None
        self._timer: QTimer | None = None

    def try_become_primary(self) -> bool:
        """True when no other copy runs on this data folder (we now hold the lock)."""
        return self._lock.tryLock(0)

    def forward(self, path: str, timeout: float = ANSWER_TIMEOUT_S) -> bool:
        """Hand ``path`` to the running copy; True when it took it."""
        try:
            self._inbox.mkdir(parents=True, exist_ok=True)
            request = self._inbox / f"{os.urandom(16).hex()}.open"  # as uuid4, which imports platform
            tmp = request.with_suffix(".tmp")
            tmp.write_text(path, encoding="utf-8", errors="surrogateescape")  # a GBK file name
            os.replace(tmp, request)
        except OSError:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not request.exists():
                return True  # taken
            time.sleep(0.02)
        try:
            request.unlink()  # nobody answered: withdraw it
        except FileNotFoundError:
            return True  # taken at the last moment
        except OSError:
            pass
        return False

    def start_server(self) -> None:
        """Watch the inbox for later copies (call once the window is up)."""
        if self._watcher is not None:
            return
        try:
            self._inbox.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        for stale in self._inbox.glob("*.open"):  # left by copies that started while none ran
            with contextlib.suppress(OSError):
                stale.unlink()
        self._watcher = QFileSystemWatcher([str(self._inbox)], self)
        self._watcher.directoryChanged.connect(lambda _p: self._drain())
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._drain)
        self._timer.start()

    def _drain(self) -> None:
        for request in sorted(self._inbox.glob("*.open")):
            try:
                path = request.read_text(encoding="utf-8", errors="surrogateescape").strip()
                request.unlink()
            except OSError:
                continue  # withdrawn meanwhile, or not ours to read
            self.sig_open_requested.emit(path)

    def release(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._watcher = None
        self._lock.unlock()
