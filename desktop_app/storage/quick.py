"""What the window reads from the notes database before its first paint, without the store.

Importing the store (its dataclasses, re-anchoring, rows) costs ~30 ms; the start needs one
number from it.  This module imports only sqlite3, and only when the database exists.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

DB_NAME = "notes.sqlite3"  # (notes_store.DB_NAME: importing it would import the store)


def quick_reading_position(db: Path, fingerprint: str) -> int | None:
    """The reading position of the text with ``fingerprint``, read before the window's first
    paint without opening the store (a read-only connection, ~1 ms); None when unknown."""
    if not fingerprint:
        return None
    try:
        if not db.is_file():  # a first start: sqlite3 (~4 ms to import) is not even imported
            return None
    except (OSError, ValueError):
        return None
    import sqlite3

    try:
        uri = db.resolve().as_uri() + "?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.2)) as c:
            sql = "SELECT position FROM documents WHERE fingerprint = ? LIMIT 1"
            r = c.execute(sql, (fingerprint,)).fetchone()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return int(r[0]) if r and isinstance(r[0], int) else None
