"""Opening the notes database: create, check, migrate, back up, or recover.

:func:`open_database` is what ``NotesStore()`` does first:

1. a file we may not write is opened read-only (with a notice);
2. otherwise it is opened with our pragmas, ``integrity_check``-ed and migrated
   (an existing database is snapshotted before a migration changes it);
3. a damaged file (unreadable, not SQLite, failing the check, empty while
   backups exist, or a foreign SQLite file) is renamed ``notes.sqlite3.corrupt-<time>``
   - never deleted - and the newest backup that passes its own check is copied in;
   with no good backup an empty database is started; either way a notice says so;
4. today's backup is made if there is none yet (or later: ``daily_backup=False``).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from desktop_app.privacy import make_private_dir, make_private_file, tighten_children
from desktop_app.storage import backups as bk
from desktop_app.storage.db import (
    CorruptDatabase,
    StorageError,
    check_integrity,
    connect,
    disk_full,
    error_kind,
    move_aside,
)
from desktop_app.storage.messages import message, plain_reason
from desktop_app.storage.schema import SCHEMA_VERSION, migrate, schema_version


def open_database(
    path: Path, backup_dir: Path, notices: list[str], *, read_only: bool = False, daily_backup: bool = True
) -> tuple[sqlite3.Connection, str]:
    """``(connection, refusal)``; what the user must be told is appended to ``notices``.

    ``daily_backup=False`` leaves today's backup to :func:`make_due_backup`, called when the
    caller has done what it opened the database for (the window: once the marks are shown;
    copying 10,000 notes' 8 MB took 32-40 ms the window waited for).

    ``refusal`` is "" for a database that takes changes, else the :class:`StorageError`
    key every change is refused with: ``readonly`` (a file or folder we may not write, or
    ``read_only`` asked for) or ``full`` (the disk has no room even for the WAL index:
    the notes can still be read, and a read-only command says nothing about saving).

    Raises :class:`StorageError` when no database can be opened at all (a folder we
    cannot create, a database from a newer program, ...).
    """
    if read_only:
        return open_read_only(path), "readonly"
    try:
        make_private_dir(path.parent)
    except OSError as exc:
        raise StorageError.from_sqlite(exc, path.parent) from exc
    existed = path.exists()
    if existed:
        for side in (path, _side(path, "-wal"), _side(path, "-shm"), backup_dir):
            make_private_file(side)  # an older copy, or a folder brought from another PC
        tighten_children(backup_dir)
    if existed and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        notices.append(message("read_only_mode", path=path))
        return open_read_only(path), "readonly"
    conn: sqlite3.Connection | None = None
    try:
        if existed and path.stat().st_size == 0 and bk.list_backups(backup_dir):
            raise CorruptDatabase("the file is empty")
        conn = connect(path)
        # In full on the day's first opening, before the day's backup is made of it; a later
        # opening that day checks the pages and records (quick_check: 12 against 35 ms for
        # 10,000 notes, which the window waits for before it can show their marks).
        check_integrity(conn, path, full=not bk.daily_path(backup_dir).exists())
        opened = conn
        migrate(conn, before=lambda v: bk.make_snapshot(opened, backup_dir, f"migration-v{v}"))
    except CorruptDatabase as exc:
        _close(conn)
        conn = recover(path, backup_dir, notices, str(exc))
    except sqlite3.Error as exc:
        _close(conn)
        kind = error_kind(exc)
        if kind == "corrupt":
            conn = recover(path, backup_dir, notices, str(exc))
        elif kind in ("readonly", "cantopen") and path.exists():
            notices.append(message("read_only_mode", path=path))
            return open_read_only(path), "readonly"
        elif kind in ("full", "io") and disk_full(path.parent):
            return _open_on_full_disk(path, existed, notices, exc), "full"
        else:
            raise StorageError.from_sqlite(exc, path) from exc
    except OSError as exc:  # the snapshot before a migration could not be written
        _close(conn)
        raise StorageError.from_sqlite(exc, path) from exc
    except BaseException:  # too_new, or anything unexpected: leave the file as it is
        _close(conn)
        raise
    if daily_backup:
        notice = make_due_backup(conn, path, backup_dir)
        if notice:
            notices.append(notice)
    return conn, ""


def make_due_backup(conn: sqlite3.Connection, path: Path, backup_dir: Path) -> str:
    """Today's backup of the database ``path`` (through ``conn``) unless it exists; "" or what
    the user must be told when it cannot be made."""
    try:
        bk.make_daily_backup(conn, backup_dir)
    except (OSError, sqlite3.Error, CorruptDatabase) as exc:
        reason = message("why_full") if error_kind(exc) == "full" or disk_full(path.parent) else exc
        return message("backup_failed", reason=reason)
    return ""


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _open_on_full_disk(
    path: Path, existed: bool, notices: list[str], exc: sqlite3.Error
) -> sqlite3.Connection:
    """The database for reading when the disk is full (the notes are there, only changes wait)."""
    if not existed:  # nothing to read: leave no empty file behind, and say why
        for p in (path, _side(path, "-wal"), _side(path, "-shm")):
            p.unlink(missing_ok=True)
        raise StorageError("full", path=path, reason=str(exc)) from exc
    conn = open_read_only(path)
    notices.append(message("full_read_only", path=path.parent))
    return conn


def _close(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        conn.close()


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (``immutable`` when the folder cannot even hold the WAL index)."""
    if not path.exists():
        raise StorageError("cantopen", path=path, reason="no such file")
    last: sqlite3.Error | None = None
    # Read-only; else in exclusive locking mode (the WAL index in memory: for a disk too full
    # for the -shm file); else immutable (a folder that cannot even hold the WAL index).
    for how in ("read_only", "exclusive", "immutable"):
        try:
            conn = connect(path, **{how: True})
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            schema_version(conn)
            return conn
        except sqlite3.Error as exc:
            conn.close()
            last = exc
        except CorruptDatabase as exc:
            conn.close()
            raise StorageError("corrupt", reason=plain_reason(str(exc))) from exc
        except StorageError:
            conn.close()
            raise
    raise StorageError.from_sqlite(last or sqlite3.Error("?"), path)


def recover(path: Path, backup_dir: Path, notices: list[str], technical: str) -> sqlite3.Connection:
    """Move the damaged file aside, restore the newest good backup (or start empty)."""
    reason = plain_reason(technical)
    try:
        again = _reopen_if_repaired(path)
        if again is not None:
            return again
        aside = move_aside(path, f".corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        for candidate in bk.list_backups(backup_dir):
            if not bk.verify_backup(candidate):
                continue
            conn = connect(path)
            try:
                bk.copy_into(candidate, conn)
                conn.execute("PRAGMA journal_mode = WAL")
                check_integrity(conn, path)
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            label = bk.backup_label(candidate)
            notices.append(message("recovered", reason=reason, date=label, aside=aside.name))
            return conn
        conn = connect(path)
        migrate(conn)
    except (sqlite3.Error, OSError, CorruptDatabase) as exc:
        raise StorageError.from_sqlite(exc, path) from exc
    notices.append(message("recovered_empty", reason=reason, aside=aside.name))
    return conn


def _reopen_if_repaired(path: Path) -> sqlite3.Connection | None:
    """The database, if another running copy has just recovered it (else None)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = connect(path)
    except sqlite3.Error:
        return None
    try:
        check_integrity(conn, path)
        if schema_version(conn) == SCHEMA_VERSION:
            return conn
    except (sqlite3.Error, CorruptDatabase, StorageError):
        pass
    conn.close()
    return None
