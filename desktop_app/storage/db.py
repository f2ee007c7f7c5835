"""SQLite connections with our settings, errors in plain words, integrity checks, file copies.

Settings (every connection, the benchmark's floor too):

* ``journal_mode=WAL`` - readers never block the writer; a second running copy
  of the program writes through the same WAL;
* ``synchronous=FULL`` - the WAL is fsynced at every commit, so a change that
  returned survives a power cut, not only a killed process (NORMAL would only
  survive the latter);
* ``busy_timeout`` - a writer waits up to 5 s for another process's write;
* ``foreign_keys=ON``.

Transactions are explicit (``isolation_level=None``; writes use ``BEGIN IMMEDIATE``
so that two writers queue at the start rather than deadlock at the commit).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from desktop_app.privacy import make_private_file
from desktop_app.storage.messages import message

BUSY_TIMEOUT_MS = 5_000
QUICK_CHECK_ABOVE_BYTES = 64 * 1024 * 1024  # larger databases get quick_check at start
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)

# SQLite primary result codes (the low byte of an extended code) -> our message keys.
_KINDS = {
    3: "readonly",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "readonly",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "cantopen",  # SQLITE_CANTOPEN
    23: "readonly",  # SQLITE_AUTH
    26: "corrupt",  # SQLITE_NOTADB
}
_TEXT_KINDS = (
    ("readonly", "readonly"),
    ("disk is full", "full"),
    ("disk i/o", "io"),
    ("locked", "busy"),
    ("malformed", "corrupt"),
    ("not a database", "corrupt"),
    ("unable to open", "cantopen"),
    ("foreign key", "no_document"),
)


class StorageError(Exception):
    """A change was refused or the database cannot be used; ``str(exc)`` is for the user.

    ``key`` says what kind (``readonly``, ``full``, ``io``, ``busy``, ``corrupt``,
    ``cantopen``, ``too_new``, ``not_found``, ``no_document``, ``backup_bad``, ``unknown``).
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = {"path": "", "reason": "", **params}

    def __str__(self) -> str:
        return message(self.key, **self.params)

    @classmethod
    def from_sqlite(cls, exc: BaseException, path: Path | str = "") -> StorageError:
        return cls(error_kind(exc), path=str(path), reason=str(exc))


class CorruptDatabase(Exception):
    """The file is not a usable notes database (damaged, not SQLite, foreign schema)."""


def error_kind(exc: BaseException) -> str:
    """Our message key for an sqlite3 (or OS) error."""
    if isinstance(exc, PermissionError):
        return "readonly"
    if isinstance(exc, OSError):
        return "full" if getattr(exc, "errno", None) == 28 else "io"  # ENOSPC
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _KINDS:
        return _KINDS[code & 0xFF]
    text = str(exc).lower()
    for needle, kind in _TEXT_KINDS:
        if needle in text:
            return kind
    return "unknown"


LOW_SPACE_BYTES = 1024 * 1024


def disk_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has (almost) no space left: how to read a vague I/O error."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # Windows has no statvfs
        try:
            import shutil

            return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
        except OSError:
            return False
    return st.f_bavail * st.f_frsize < LOW_SPACE_BYTES


def connect(
    path: Path, *, read_only: bool = False, immutable: bool = False, exclusive: bool = False
) -> sqlite3.Connection:
    """A connection to ``path`` with our pragmas (read-only ones set only what they may).

    ``exclusive`` (for reading only, when the disk is too full for the WAL index): a
    connection in exclusive locking mode, which keeps the WAL index in memory instead of
    the ``-shm`` file; it waits for no other process.

    The database file (and so its ``-wal`` and ``-shm``, which SQLite creates with the
    database's mode) is made private: 0600 (see :mod:`desktop_app.privacy`).
    """
    if read_only or immutable:
        uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn
    conn = sqlite3.connect(
        str(path),
        isolation_level=None,
        check_same_thread=False,
        timeout=0 if exclusive else BUSY_TIMEOUT_MS / 1000,
    )
    conn.row_factory = sqlite3.Row
    make_private_file(path)
    if exclusive:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        return conn
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def check_integrity(conn: sqlite3.Connection, path: Path | None = None, *, full: bool = True) -> None:
    """Raise :class:`CorruptDatabase` unless ``integrity_check`` says ok (``quick_check`` if the
    file is big or ``full`` is False: the pages and records, not that every index matches its
    table; 10,000 notes: 12 against 35 ms)."""
    big = path is not None and path.exists() and path.stat().st_size > QUICK_CHECK_ABOVE_BYTES
    try:
        rows = conn.execute("PRAGMA quick_check" if big or not full else "PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if error_kind(exc) == "corrupt":
            raise CorruptDatabase(str(exc)) from exc
        raise
    if [r[0] for r in rows] != ["ok"]:
        raise CorruptDatabase("; ".join(str(r[0]) for r in rows[:3]))


def fsync_path(path: Path) -> None:
    """Flush a file (or, on POSIX, a folder's entries) to the disk; best effort."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    if path.is_dir() and os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database into the single file ``target`` atomically (backup API, tmp, rename).

    The copy is in rollback-journal mode (one self-contained file) and must pass
    ``quick_check`` before it replaces ``target``.
    """
    # (a name of this thread's own: two backups of one target at once must not share a file)
    tmp = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(str(tmp), isolation_level=None)
    make_private_file(tmp)  # before any page is written (its journal takes the same mode)
    try:
        source.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        ok = dst.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise CorruptDatabase(f"copy failed its check: {ok}")
    except BaseException:
        dst.close()
        tmp.unlink(missing_ok=True)
        raise
    dst.close()
    fsync_path(tmp)
    os.replace(tmp, target)
    fsync_path(target.parent)


def move_aside(path: Path, suffix: str) -> Path:
    """Rename ``path`` (and its -wal/-shm) to ``path.name + suffix`` (never overwriting); return it."""
    aside = path.with_name(path.name + suffix)
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}{suffix}-{n}")
    if path.exists():
        os.replace(path, aside)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + extra))
    fsync_path(path.parent)
    return aside
