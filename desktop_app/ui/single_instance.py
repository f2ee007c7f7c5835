"""One running copy per data folder: a second start hands its file to the first and exits.

The first copy holds a ``QLockFile`` in the data folder (cheap to check at start-up)
and, once its window is painted, listens on a ``QLocalServer`` named after the data
folder.  A second copy finds the lock taken, connects, sends the path of the file it
was asked to open, and quits; the first copy opens the file and comes to the front.
So only one process writes the user's settings and notes at a time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

CONNECT_TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return f"yandu-{user}-{digest}"


class SingleInstance(QObject):
    sig_open_requested = Signal(str)  # a path ("" = just come to the front)

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # a lock left by a crashed copy is stale when its PID is gone
        self._server: QLocalServer | None = None

    def try_become_primary(self) -> bool:
        """True when no other copy runs on this data folder (we now hold the lock)."""
        return self._lock.tryLock(0)

    def forward(self, path: str) -> bool:
        """Hand ``path`` to the running copy; True when it took it."""
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(self._name)
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write((path + "\n").encode("utf-8"))
        ok = sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        sock.waitForReadyRead(CONNECT_TIMEOUT_MS)  # the first copy answers "ok"
        answer = bytes(sock.readAll().data()).strip()
        sock.disconnectFromServer()
        return ok and answer == b"ok"

    def start_server(self) -> None:
        """Listen for later copies (call once the window is up)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self._name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self._name):
            server.newConnection.connect(self._on_connection)
            self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        sock = self._server.nextPendingConnection()
        if sock is None:
            return

        def read() -> None:
            if not sock.canReadLine():
                return
            path = bytes(sock.readLine().data()).decode("utf-8", errors="replace").strip()
            sock.write(b"ok\n")
            sock.flush()
            sock.disconnectFromServer()
            self.sig_open_requested.emit(path)

        sock.readyRead.connect(read)
        sock.disconnected.connect(sock.deleteLater)
        read()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()
