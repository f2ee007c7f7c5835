"""Forward migrations: a version-1 database written by hand is opened by the current code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.core.annotations import new_bookmark
from desktop_app.core.document import Document
from desktop_app.storage.notes_store import NotesStore
from desktop_app.storage.schema import MIGRATIONS, SCHEMA_VERSION

# The version-1 schema exactly as the first release wrote it (kept here, independent of schema.py).
V1 = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, path TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '', first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE INDEX documents_fingerprint ON documents(fingerprint);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE annotations (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id),
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '', section TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL, style TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL, modified TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'anchored');
CREATE INDEX annotations_doc ON annotations(doc_id, start_offset);
INSERT INTO schema_version VALUES (1, '2024-01-01T00:00:00.000Z');
"""


def _write_v1(db: Path, doc: Document) -> None:
    t = doc.text
    c = sqlite3.connect(db)
    c.executescript(V1)
    c.execute(
        "INSERT INTO documents VALUES ('doc-1', ?, ?, ?, ?, ?)",
        (doc.fingerprint, doc.path, doc.title, "2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z"),
    )
    c.execute(
        """INSERT INTO annotations VALUES ('ann-1', 'doc-1', 100, 120, ?, ?, ?, '', 'blue', 'underline',
           '旧版本的笔记', '["旧"]', '2024-01-01T08:00:00.000Z', '2024-01-01T09:00:00.000Z', 'anchored')""",
        (t[100:120], t[68:100], t[120:152]),
    )
    c.commit()
    c.close()


def test_current_version_is_the_number_of_migrations() -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def test_v1_database_opens_with_its_notes(speech_doc: Document, isolated_user_data: Path) -> None:
    db = isolated_user_data / "notes.sqlite3"
    _write_v1(db, speech_doc)
    with NotesStore() as s:
        assert s.notices == []
        assert s.open_document(speech_doc) == "doc-1"
        [ann] = s.annotations("doc-1")
        assert (ann.id, ann.start, ann.end, ann.color, ann.style, ann.note, ann.tags) == (
            "ann-1",
            100,
            120,
            "blue",
            "underline",
            "旧版本的笔记",
            ("旧",),
        )
        assert ann.created == "2024-01-01T08:00:00.000Z" and ann.modified == "2024-01-01T09:00:00.000Z"
        assert ann.anchored_fingerprint == speech_doc.fingerprint and ann.original_exact == ann.exact
        s.add_bookmark(new_bookmark(speech_doc, 10))  # a version-2 table
        assert len(s.bookmarks("doc-1")) == 1
        snapshots = [p.name for p in s.backups() if p.name.startswith("notes-before-migration-v1-")]
        assert len(snapshots) == 1  # the v1 file was saved before it was changed
    c = sqlite3.connect(db)
    assert [r[0] for r in c.execute("SELECT version FROM schema_version ORDER BY version")] == list(
        range(1, SCHEMA_VERSION + 1)
    )
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.close()


def test_fresh_database_has_every_version(isolated_user_data: Path) -> None:
    NotesStore().close()
    c = sqlite3.connect(isolated_user_data / "notes.sqlite3")
    assert c.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    c.close()


def test_a_documents_marks_and_its_opening_check_are_read_from_the_index_alone(
    isolated_user_data: Path, speech_doc: Document
) -> None:
    """Version 4: opening a document with 10,000 notes read every row twice (its marks, and
    the fingerprint check of plan_open); the index annotations_marks answers both."""
    from desktop_app.core.annotations import new_annotation
    from desktop_app.storage.notes_store import MARK_ROWS_SQL

    with NotesStore() as s:
        doc_id = s.open_document(speech_doc)
        s.add(new_annotation(speech_doc, 10, 20, color="green", note="批注", doc_id=doc_id))
        expected = ([s.annotations(doc_id)[0].id], [10], [20], ["green"], ["highlight"], ["批注"])
        assert s.mark_columns(doc_id) == expected
    c = sqlite3.connect(isolated_user_data / "notes.sqlite3")
    plans = {
        "marks": MARK_ROWS_SQL,
        "opening": "SELECT id FROM annotations"
        " WHERE doc_id = ? AND (anchored_fingerprint != ? OR status = ?)",
    }
    for name, sql in plans.items():
        args = (doc_id, "orphan") if name == "marks" else (doc_id, "f" * 64, "orphan")
        detail = " ".join(str(row[-1]) for row in c.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "COVERING INDEX annotations_marks" in detail, (name, detail)
        assert "TEMP B-TREE" not in detail, (name, detail)  # the marks' order is the index's
    c.close()


def test_marks_are_read_as_one_row_beside_a_busy_thread(
    isolated_user_data: Path, speech_doc: Document, monkeypatch
) -> None:
    """Python's sqlite3 lets the interpreter lock go for every row and waits for it again, so
    beside a thread running Python each row waited ~5 ms (10,000 marks: 87-95 s).  The marks
    come as one row of JSON instead, a column each; without SQLite's JSON functions, row by
    row as before, the same columns."""
    import threading
    import time

    from desktop_app.core.annotations import new_annotation
    from desktop_app.storage import notes_store

    n = len(speech_doc.text) - 10
    with NotesStore() as s:
        doc_id = s.open_document(speech_doc)
        s.upsert_many(
            [new_annotation(speech_doc, i % n, i % n + 5, color="blue", doc_id=doc_id) for i in range(2000)]
        )
        stop = threading.Event()

        def busy() -> None:
            while not stop.is_set():
                sum(range(100))

        thread = threading.Thread(target=busy)
        thread.start()
        try:
            answer: list = []

            reads: list[int] = []  # rows each query gave back (each waited for the lock)
            plain_read = s._read

            def counted(sql: str, params: tuple = (), *, plain: bool = False) -> list:
                found = plain_read(sql, params, plain=plain)
                reads.append(len(found))
                return found

            monkeypatch.setattr(s, "_read", counted)

            def read() -> None:  # on a worker, as the window reads them
                t0 = time.perf_counter()
                answer.append(s.mark_columns(doc_id))
                answer.append(time.perf_counter() - t0)

            worker = threading.Thread(target=read)
            worker.start()
            worker.join()
            rows, took = answer
        finally:
            stop.set()
            thread.join()
        assert rows is not None and all(len(column) == 2000 for column in rows)
        assert rows[1] == sorted(rows[1])  # in start order
        assert took < 3.0, f"{took:.1f} s: read row by row (2,000 rows beside a busy thread take ~10 s)"
        assert reads == [1], reads  # all 2,000 in one row: the lock taken back once, not per chunk
        assert s.mark_columns(doc_id) == rows  # on the main thread: row by row, the same
        monkeypatch.setattr(notes_store, "MARK_COLUMNS_SQL", "SELECT no_such_function(1)")
        other: list = []
        worker = threading.Thread(target=lambda: other.append(s.mark_columns(doc_id)))
        worker.start()
        worker.join()
        assert other == [rows]
