"""Rolling backups of the notes database in ``<data>/backups``.

* ``notes-YYYY-MM-DD.sqlite3`` - one a day (local date), made when the store opens
  and refreshed when it closes after changes; the newest ``KEEP_DAILY`` are kept.
* ``notes-before-<what>-<timestamp>.sqlite3`` - snapshots before a restore or a
  migration; the newest ``KEEP_SNAPSHOTS`` are kept.

Every backup is written with SQLite's backup API into a ``.tmp`` file, checked,
flushed and renamed into place, so a crash never leaves a half-written backup.
The folder is 0700 and every backup 0600, as the database itself (:mod:`desktop_app.privacy`).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from datetime import date
from pathlib import Path

from desktop_app.privacy import make_private_dir
from desktop_app.storage.db import CorruptDatabase, check_integrity, connect, copy_database

KEEP_DAILY = 7
KEEP_SNAPSHOTS = 7
STALE_TMP_SECONDS = 3600
_DAILY = re.compile(r"^notes-(\d{4}-\d{2}-\d{2})\.sqlite3$")
_SNAPSHOT = re.compile(r"^notes-before-[a-z0-9-]+-\d{8}T\d{6}(-\d+)?\.sqlite3$")


def daily_path(folder: Path, day: date | None = None) -> Path:
    return folder / f"notes-{(day or date.today()).isoformat()}.sqlite3"


def list_backups(folder: Path) -> list[Path]:
    """All backups, newest first (by modification time)."""
    if not folder.is_dir():
        return []
    dated: list[tuple[float, str, Path]] = []
    for p in folder.iterdir():
        if _DAILY.match(p.name) or _SNAPSHOT.match(p.name):
            try:
                dated.append((p.stat().st_mtime, p.name, p))
            except OSError:  # removed meanwhile (another copy of the program rotating its backups)
                continue
    return [p for *_key, p in sorted(dated, reverse=True)]


def backup_label(path: Path) -> str:
    """A date for messages: the day of a daily backup, else the file's time."""
    m = _DAILY.match(path.name)
    if m:
        return m.group(1)
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))


def verify_backup(path: Path) -> bool:
    """True when ``path`` opens read-only, passes ``integrity_check`` and is a notes database."""
    try:
        conn = connect(path, read_only=True)
    except sqlite3.Error:
        return False
    try:
        check_integrity(conn)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return "schema_version" in names
    except (sqlite3.Error, CorruptDatabase):
        return False
    finally:
        conn.close()


def _rotate(folder: Path) -> None:
    daily = sorted((p for p in folder.iterdir() if _DAILY.match(p.name)), key=lambda p: p.name, reverse=True)
    snaps = [p for p in list_backups(folder) if _SNAPSHOT.match(p.name)]
    for old in daily[KEEP_DAILY:] + snaps[KEEP_SNAPSHOTS:]:
        old.unlink(missing_ok=True)
    now = time.time()
    for tmp in folder.glob("notes-*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                tmp.unlink()


def make_daily_backup(conn: sqlite3.Connection, folder: Path, *, refresh: bool = False) -> Path | None:
    """Back up into today's file unless it exists (or ``refresh``); rotate; return the file made."""
    make_private_dir(folder)
    target = daily_path(folder)
    if target.exists() and not refresh:
        return None
    copy_database(conn, target)
    _rotate(folder)
    return target


def make_snapshot(conn: sqlite3.Connection, folder: Path, what: str) -> Path:
    """Back up into ``notes-before-<what>-<timestamp>.sqlite3``; return it."""
    make_private_dir(folder)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = folder / f"notes-before-{what}-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"notes-before-{what}-{stamp}-{n}.sqlite3"
    copy_database(conn, target)
    _rotate(folder)
    return target


def copy_into(backup: Path, conn: sqlite3.Connection) -> None:
    """Replace the content of the live database ``conn`` with ``backup`` (backup API, one step)."""
    src = connect(backup, read_only=True)
    try:
        src.backup(conn)
    finally:
        src.close()
