"""The notes database schema and its forward migrations.

``schema_version`` holds one row per migration applied (version, when); the
database's version is the highest.  ``MIGRATIONS[i]`` takes a database from
version ``i`` to ``i + 1`` inside one transaction (SQLite DDL is transactional),
so a migration interrupted by a crash leaves the old version intact.  Never edit
a released migration: append a new one.

Version 1: documents and annotations.  Version 2: annotation re-anchoring history
(``anchored_fingerprint``, ``original_exact``), ``document_versions`` and ``bookmarks``.
Version 3: the documents table is the library (format, size, source, date, last opened,
reading position and progress, removed or not, the earlier version, a paragraph signature).
Version 4: the index of a document's notes covers what the reader draws (``mark_rows``) and
what an opening checks (``plan_open``), so opening a document with 10,000 notes reads the index
alone (38 -> 15 ms and 11 -> 2 ms), not every row.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable

from desktop_app.core.annotations import now_iso
from desktop_app.storage.db import CorruptDatabase, StorageError


def _v1(c: sqlite3.Connection) -> None:
    c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    c.execute(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,            -- uuid, stable across moves and revisions
            fingerprint TEXT NOT NULL,      -- SHA-256 of the text last seen
            path TEXT NOT NULL DEFAULT '',  -- where the file was last seen
            title TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL)"""
    )
    c.execute("CREATE INDEX documents_fingerprint ON documents(fingerprint)")
    c.execute("CREATE INDEX documents_path ON documents(path)")
    c.execute(
        """CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            section TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL,
            style TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'anchored')"""
    )
    c.execute("CREATE INDEX annotations_doc ON annotations(doc_id, start_offset)")


def _v2(c: sqlite3.Connection) -> None:
    c.execute("ALTER TABLE annotations ADD COLUMN anchored_fingerprint TEXT NOT NULL DEFAULT ''")
    c.execute("ALTER TABLE annotations ADD COLUMN original_exact TEXT NOT NULL DEFAULT ''")
    c.execute(
        """UPDATE annotations SET original_exact = exact,
           anchored_fingerprint = (SELECT fingerprint FROM documents d WHERE d.id = annotations.doc_id)"""
    )
    c.execute(
        """CREATE TABLE document_versions (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            fingerprint TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (doc_id, fingerprint))"""
    )
    c.execute("CREATE INDEX document_versions_fingerprint ON document_versions(fingerprint)")
    c.execute("INSERT INTO document_versions SELECT id, fingerprint, first_seen FROM documents")
    c.execute(
        """CREATE TABLE bookmarks (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            pos INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            section TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'anchored',
            anchored_fingerprint TEXT NOT NULL DEFAULT '')"""
    )
    c.execute("CREATE INDEX bookmarks_doc ON bookmarks(doc_id, pos)")


def _v3(c: sqlite3.Connection) -> None:
    for column in (
        "in_library INTEGER NOT NULL DEFAULT 1",  # 0: removed from the library, its notes kept
        "format TEXT NOT NULL DEFAULT ''",  # the file's kind: txt, docx, pdf, ofd ...
        "size INTEGER NOT NULL DEFAULT 0",  # the file's bytes when last seen
        "chars INTEGER NOT NULL DEFAULT 0",  # the text's characters
        "source TEXT NOT NULL DEFAULT ''",  # the issuer, from the head of the text
        "doc_date TEXT NOT NULL DEFAULT ''",  # the document's own date (YYYY-MM-DD)
        "last_opened TEXT NOT NULL DEFAULT ''",  # in the window
        "position INTEGER NOT NULL DEFAULT 0",  # reading position (an offset of the text)
        "progress REAL NOT NULL DEFAULT 0",  # how far it was read, 0..1
        "version_of TEXT NOT NULL DEFAULT ''",  # the earlier version's id (its notes came along)
        "signature BLOB",  # CRC-32s of its paragraphs: finds a revised text of the same document
    ):
        c.execute(f"ALTER TABLE documents ADD COLUMN {column}")
    c.execute("CREATE INDEX documents_title ON documents(title)")


def _v4(c: sqlite3.Connection) -> None:
    # Ordered as annotations_doc was (so it serves every query that one did), then the columns
    # NotesStore.mark_rows reads (answered from the index without visiting the rows) and the
    # fingerprint documents.plan_open filters on at every opening (10,000 notes: 11 -> 2 ms).
    c.execute(
        "CREATE INDEX annotations_marks ON annotations"
        "(doc_id, start_offset, end_offset, status, color, style, id, note, anchored_fingerprint)"
    )
    c.execute("DROP INDEX annotations_doc")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's version: 0 for an empty database.

    Raises :class:`CorruptDatabase` for a database holding tables but no version
    (not ours), :class:`StorageError` ``too_new`` for one from a newer program.
    """
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables:
            raise CorruptDatabase(f"not a Yandu notes database (tables: {', '.join(sorted(tables))})")
        return 0
    version = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StorageError("too_new", found=version, supported=SCHEMA_VERSION)
    return version


def migrate(conn: sqlite3.Connection, before: Callable[[int], None] | None = None) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the version it had.

    ``before(version)`` is called (outside any transaction) before an existing
    database is changed, to back it up.  Each migration is its own transaction,
    re-checked under the write lock so that two programs starting at once agree.
    """
    found = schema_version(conn)
    if found == SCHEMA_VERSION:
        return found
    if found and before is not None:
        before(found)
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(conn)
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return found
            MIGRATIONS[version](conn)
            conn.execute(
                "INSERT INTO schema_version (version, applied) VALUES (?, ?)", (version + 1, now_iso())
            )
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
