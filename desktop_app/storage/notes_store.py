"""The notes store: highlights, notes and bookmarks in ``<data>/notes.sqlite3``.

Every change is committed (and fsynced, see :mod:`desktop_app.storage.db`) before
the method returns; there is no save step.  Opening the store creates, migrates,
checks and backs up the database; a damaged file is moved aside (never deleted)
and the newest good backup restored, with a line in :attr:`NotesStore.notices`.

Documents are known by a stable id; the content fingerprint and the path only
locate them, and notes are re-anchored when the text changed: see
:mod:`desktop_app.storage.documents`.  Opening and recovery: :mod:`.opening`.

No Qt: the window calls it (open_document may run in a worker thread; every method
is serialised by a lock), and so does the command line.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core.annotations import (
    ORPHAN,
    Annotation,
    Bookmark,
    normalise_tags,
    placed_at,
    stamp_after,
    validate,
)
from desktop_app.storage import backups as bk
from desktop_app.storage import rows
from desktop_app.storage.bookmark_store import BookmarksMixin
from desktop_app.storage.db import CorruptDatabase, StorageError, connect
from desktop_app.storage.documents import (
    DocumentRecord,
    OpenPlan,
    OpenReport,
    apply_open,
    doc_id_for,
    plan_open,
)
from desktop_app.storage.library import LibraryMixin
from desktop_app.storage.messages import message
from desktop_app.storage.opening import make_due_backup, open_database
from desktop_app.storage.quick import DB_NAME
from desktop_app.storage.schema import migrate
from desktop_app.storage.search import matches

if TYPE_CHECKING:
    from desktop_app.core.document import Document

# ids, starts, ends, colour keys, styles, notes (NotesStore.mark_columns)
MarkColumns = tuple[list[str], list[int], list[int], list[str], list[str], list[str]]


# The most highlights and notes one document keeps.  Measured at this size (benchmarks/
# scale_notes.py, README "At scale"): the window shows them all within a second and every
# export finishes; beyond it adding is refused with a message instead of everything slowing.
MAX_NOTES_PER_DOCUMENT = 20_000
# What a view draws of a document's notes, answered from the index annotations_marks alone,
# in its order (doc_id, start_offset, end_offset, ...): the ORDER BY costs SQLite no sorting.
MARK_COLUMN_NAMES = ("id", "start_offset", "end_offset", "color", "style", "note")
MARK_COLUMNS = ", ".join(MARK_COLUMN_NAMES)
MARK_ROWS_SQL = (
    f"SELECT {MARK_COLUMNS} FROM annotations WHERE doc_id = ? AND status != ? AND end_offset > start_offset"
    # the index's own order (status: only "anchored" ones here): ui/notes_loading.marks_of's
    " ORDER BY start_offset, end_offset, status, color, style, id"
)
# ... read on a worker as one row of six JSON arrays, a column each: json.loads of six flat
# arrays holds the interpreter lock ~3-4 ms for 10,000 marks, where one array of 10,000 rows
# took 5-17 ms and making the tuples and sorting them 3-5 ms more (the window waits for each).
MARK_COLUMNS_SQL = (
    "SELECT " + ", ".join(f"json_group_array({c})" for c in MARK_COLUMN_NAMES) + f" FROM ({MARK_ROWS_SQL})"
)
# Many rows are read as one row of JSON made by SQLite (NotesStore._read_as_json): Python's sqlite3
# lets the interpreter lock go for every row it steps to and takes it back for the next, so while
# another thread runs Python (the window laying a text out) each row waits for it: 10,000 marks
# took 87-95 s beside a busy thread, as JSON 50 ms (idle: 27 and 35 ms).  A row of JSON holds at
# most JSON_ROWS rows: parsing it keeps the lock (10,000 records in one: a 0.13-0.18 s stall of
# the window), a thousand at a time ~5 ms.
JSON_ROWS = 1000
JSON_ROWS_SQL = (
    "SELECT json_group_array(json_array({columns})) FROM"
    " (SELECT {columns}, (row_number() OVER ()) / {rows} AS chunk_ FROM ({sql})) GROUP BY chunk_"
)
FETCH_ROWS = 256  # rows per fetch (see _read)


class NotesStore(LibraryMixin, BookmarksMixin):
    """The annotations, notes and bookmarks of all documents."""

    def __init__(
        self, path: Path | None = None, *, read_only: bool = False, defer_daily_backup: bool = False
    ) -> None:
        if path is None:
            from desktop_app import paths

            path = paths.data_dir() / DB_NAME
        self.path = Path(path)
        self.backup_dir = self.path.parent / "backups"
        self.notices: list[str] = []
        self.last_open: OpenReport | None = None
        self._lock = threading.RLock()
        self._backup_lock = threading.Lock()  # one backup at a time (the deferred one and "now")
        self._changed = False
        # Re-anchored positions that could not be written (read-only or full disk).
        self._overlay_ann: dict[str, Annotation] = {}
        self._overlay_bm: dict[str, Bookmark] = {}
        # Documents known to be stored (they are never deleted; a restored backup clears these).
        self._known_docs: set[str] = set()
        self._doc_by_fingerprint: dict[str, str] = {}
        self._unsigned: dict[str, Document] = {}  # opened with sign=False: sign_pending() signs them
        self._conn, refusal = open_database(
            self.path, self.backup_dir, self.notices, read_only=read_only, daily_backup=not defer_daily_backup
        )
        self.read_only = bool(refusal)
        # Today's backup, when deferred, is made by backup_if_due (the window: once the notes are shown).
        self.backup_due = defer_daily_backup and not self.read_only
        # What a change is refused with: "readonly", or "full" (a disk too full to open for writing).
        self._refusal = refusal or "readonly"

    # ----- backups --------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """The backups, newest first (daily ones and snapshots before restores/migrations)."""
        return bk.list_backups(self.backup_dir)

    def backup_if_due(self) -> str:
        """Today's backup if the opening left it (``defer_daily_backup``) and there is none yet;
        "" or what the user must be told.  For a worker: it copies through a connection of its
        own (a reader in WAL mode sees one consistent state), so changes do not wait for it."""
        with self._backup_lock:
            if not self.backup_due:
                return ""
            self.backup_due = False
            try:
                conn = connect(self.path, read_only=True)
            except sqlite3.Error as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
            try:
                return make_due_backup(conn, self.path, self.backup_dir)
            finally:
                conn.close()

    def backup_now(self) -> Path | None:
        """Refresh today's backup (done at close after changes); return it."""
        with self._lock, self._backup_lock:
            if self.read_only:
                return None
            self.backup_due = False  # (a refresh is today's backup too)
            try:
                return bk.make_daily_backup(self._conn, self.backup_dir, refresh=True)
            except (OSError, sqlite3.Error, CorruptDatabase) as exc:
                raise StorageError.from_sqlite(exc, self.backup_dir) from exc

    def restore_backup(self, path: Path) -> None:
        """Replace all notes with those of the backup ``path`` (the current ones are snapshotted first)."""
        path = Path(path)
        with self._lock, self._backup_lock:  # (its snapshot and rotation: one backup at a time)
            if self.read_only:
                raise StorageError(self._refusal, path=self.path)
            if not bk.verify_backup(path):
                raise StorageError("backup_bad", path=path)
            try:
                aside = bk.make_snapshot(self._conn, self.backup_dir, "restore")
                bk.copy_into(path, self._conn)
                self._conn.execute("PRAGMA journal_mode = WAL")
                migrate(self._conn)
            except (OSError, sqlite3.Error, CorruptDatabase) as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
            self._overlay_ann.clear()
            self._overlay_bm.clear()
            self._known_docs.clear()
            self._doc_by_fingerprint.clear()
            self._changed = True
            self.notices.append(message("restored_backup", path=path.name, aside=aside.name))

    def close(self) -> None:
        """Sign the documents opened unsigned, refresh today's backup if anything changed (or make
        it, if the opening deferred it and it was not made yet), and close the database."""
        with self._lock:
            if self._conn is None:
                return
            if self._unsigned and not self.read_only:  # before the backup: it holds them
                with contextlib.suppress(StorageError):
                    self.sign_pending()
            if self._changed and not self.read_only:
                with contextlib.suppress(StorageError):
                    self.backup_now()
            elif self.backup_due:
                with contextlib.suppress(StorageError):
                    self.backup_if_due()
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- transactions ---------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed (durably) on exit, rolled back on any error."""
        if self.read_only:
            raise StorageError(self._refusal, path=self.path)
        with self._lock:
            c = self._conn
            try:
                c.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
            try:
                yield c
                c.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    c.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StorageError.from_sqlite(exc, self.path) from exc
                _raise_unstorable(exc)
                raise
            self._changed = True

    def _write_one(self, sql: str, params: tuple[object, ...]) -> int:
        """One statement in its own (autocommit) transaction, durable on return; the row count."""
        if self.read_only:
            raise StorageError(self._refusal, path=self.path)
        with self._lock:
            try:
                cur = self._conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
            except (UnicodeEncodeError, OverflowError) as exc:
                _raise_unstorable(exc, params)
                raise
            self._changed = True
            return cur.rowcount

    def _resolve_doc(self, doc_id: str, fingerprint: str) -> str:
        """A stored document's id: ``doc_id`` if known, else the one holding a text with ``fingerprint``."""
        if doc_id in self._known_docs:
            return doc_id
        if not doc_id and fingerprint in self._doc_by_fingerprint:
            return self._doc_by_fingerprint[fingerprint]
        with self._lock:
            try:
                found = doc_id_for(self._conn, doc_id, fingerprint)
            except sqlite3.Error as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
        self._known_docs.add(found)
        return found

    def _read(self, sql: str, params: tuple[object, ...] = (), *, plain: bool = False) -> list[sqlite3.Row]:
        """The rows of a query (``plain``: as tuples, much cheaper than ``sqlite3.Row`` by the thousand)."""
        with self._lock:
            try:
                cur = self._conn.cursor()
                if plain:
                    cur.row_factory = None
                cur.execute(sql, params)
                # In slices: one fetchall of 10,000 notes is one C call of ~80 ms that keeps the
                # interpreter lock, and the window (reading notes on a worker) stalls for it.
                found: list = []
                while batch := cur.fetchmany(FETCH_ROWS):
                    found.extend(batch)
                return found
            except sqlite3.Error as exc:
                raise StorageError.from_sqlite(exc, self.path) from exc
            except (UnicodeEncodeError, OverflowError) as exc:
                _raise_unstorable(exc, params)
                raise

    # ----- documents ------------------------------------------------------------------

    def documents(self) -> list[DocumentRecord]:
        """Every document the store knows, most recently seen first."""
        return [
            DocumentRecord.from_row(r) for r in self._read("SELECT * FROM documents ORDER BY last_seen DESC")
        ]

    def document(self, doc_id: str) -> DocumentRecord | None:
        rs = self._read("SELECT * FROM documents WHERE id = ?", (doc_id,))
        return DocumentRecord.from_row(rs[0]) if rs else None

    def open_document(self, doc: Document, *, sign: bool = True) -> str:
        """The id of ``doc`` (registered if new); re-anchors its notes if its text changed.

        Same fingerprint as any version seen -> that document (a moved or renamed
        file keeps its notes; the path is updated).  Else the same path -> the same
        document, revised.  Else exactly one document with the same title whose
        file is gone -> that one, moved and revised.  Else a new document.
        :attr:`last_open` tells which, and how many notes moved or were orphaned.
        ``sign=False`` leaves a new text's sentence signature for :meth:`sign_pending`.
        """
        with self._lock:
            if self.read_only:
                plan = plan_open(self._conn, doc, sign=sign)
                self._keep_in_memory(plan)
                return plan.report.doc_id
            changed_before = self._changed
            try:
                with self._write() as c:
                    plan = plan_open(c, doc, sign=sign)
                    apply_open(c, plan)
                if plan.only_seen:  # no note moved, nothing but "last seen" written:
                    self._changed = changed_before  # no backup refresh at close for that
            except StorageError as exc:
                if exc.key not in ("readonly", "full", "io", "busy"):
                    raise
                plan = plan_open(self._conn, doc, sign=sign)
                self._keep_in_memory(plan)
                if plan.annotations or plan.bookmarks:  # else nothing was lost by not writing
                    self.notices.append(message("reanchor_not_saved", reason=message(f"why_{exc.key}")))
            else:
                self._known_docs.add(plan.report.doc_id)
                self._doc_by_fingerprint[doc.fingerprint] = plan.report.doc_id
                if plan.unsigned:
                    self._unsigned[plan.report.doc_id] = doc
            self.last_open = plan.report
            return plan.report.doc_id

    def _keep_in_memory(self, plan: OpenPlan) -> None:
        self.last_open = plan.report
        self._overlay_ann.update({a.id: a for a in plan.annotations})
        self._overlay_bm.update({b.id: b for b in plan.bookmarks})

    # ----- annotations ----------------------------------------------------------------

    def annotations(self, doc_id: str) -> list[Annotation]:
        """The document's annotations in reading order, orphans (status "orphan") last."""
        found = rows.annotations_from(
            self._read_as_json(
                rows.ANNOTATION_COLUMNS, f"{rows.ANNOTATION_SELECT} WHERE doc_id = ?", (doc_id,)
            )
        )
        if self._overlay_ann:
            found = [self._overlay_ann.get(a.id, a) for a in found]
        return sorted(found, key=lambda a: (a.status == ORPHAN, a.start, a.end, a.created))

    def annotation_dicts(self, doc_id: str) -> list[dict[str, object]]:
        """``[a.to_dict() for a in self.annotations(doc_id)]``, straight from the rows when no
        re-anchored note is held in memory only (the command line's ``notes list --json``)."""
        if self._overlay_ann:
            return [a.to_dict() for a in self.annotations(doc_id)]
        found = self._read(f"{rows.ANNOTATION_SELECT} WHERE doc_id = ?", (doc_id,), plain=True)
        return rows.annotation_dicts_from(found, ORPHAN)

    def mark_columns(self, doc_id: str) -> MarkColumns | None:
        """What a view draws of the document's placed notes, in start order, as six columns:
        ids, starts, ends, colour keys, styles, notes, straight from the index that covers them
        (schema v4; 10,000 notes in ~15 ms, against ~350 ms for :meth:`annotations`' records).
        None while the store holds re-anchored positions it could not write (then only
        :meth:`annotations` is right).  On a worker as one row of JSON made by SQLite (see
        MARK_COLUMNS_SQL and JSON_ROWS_SQL); row by row on the main thread, which nothing waits
        beside, and where SQLite cannot (no JSON functions, a value stored as bytes)."""
        if self._overlay_ann:
            return None
        params = (doc_id, ORPHAN)
        if threading.current_thread() is not threading.main_thread():
            try:
                (found,) = self._read(MARK_COLUMNS_SQL, params, plain=True)
                ids, starts, ends, colours, styles, notes = map(json.loads, found)
                return ids, starts, ends, colours, styles, notes
            except StorageError:
                pass
        found = self._read(MARK_ROWS_SQL, params, plain=True)
        if not found:
            return [], [], [], [], [], []
        ids, starts, ends, colours, styles, notes = map(list, zip(*found, strict=True))
        return ids, starts, ends, colours, styles, notes

    def _read_as_json(self, columns: str, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        """The rows of ``sql`` (selecting ``columns``) as plain tuples, made by SQLite as rows
        of JSON of JSON_ROWS rows each (see JSON_ROWS_SQL: row by row, a worker beside a busy
        window thread waited ~5 ms a row); row by row where SQLite cannot (no JSON functions, a
        value stored as bytes), and on the main thread, which nothing waits beside (there row by
        row is faster: 10,000 records 108 against 135 ms)."""
        if threading.current_thread() is threading.main_thread():
            return self._read(sql, params, plain=True)
        query = JSON_ROWS_SQL.format(columns=columns, sql=sql, rows=JSON_ROWS)
        try:
            found = self._read(query, params, plain=True)
        except StorageError:
            return self._read(sql, params, plain=True)
        rows: list[tuple[object, ...]] = []
        for (chunk,) in found:
            rows += map(tuple, json.loads(chunk))  # (in C: a loop in Python here cost ~4 ms)
        return rows

    def annotation(self, ann_id: str) -> Annotation | None:
        rs = self._read("SELECT * FROM annotations WHERE id = ?", (ann_id,))
        return self._overlay_ann.get(ann_id, rows.annotation(rs[0])) if rs else None

    def add(self, ann: Annotation) -> Annotation:
        """Store a new annotation (from ``new_annotation``); returns it with its document id.

        Refused (``StorageError("too_many_notes")``) when its document already holds
        :data:`MAX_NOTES_PER_DOCUMENT`.
        """
        validate(ann)
        rows.check_annotation(ann)
        with self._lock:
            doc_id = self._resolve_doc(ann.doc_id, ann.anchored_fingerprint)
            if doc_id != ann.doc_id or not ann.original_exact:
                ann = replace(ann, doc_id=doc_id, original_exact=ann.original_exact or ann.exact)
            if self.note_count(doc_id) >= MAX_NOTES_PER_DOCUMENT:
                raise StorageError("too_many_notes", limit=f"{MAX_NOTES_PER_DOCUMENT:,}")
            self._write_one(rows.ANNOTATION_INSERT, rows.annotation_params(ann))
        return ann

    def upsert_many(self, annotations: Sequence[Annotation], bookmarks: Sequence[Bookmark] = ()) -> None:
        """Insert or replace ``annotations`` and ``bookmarks`` exactly as given (ids, timestamps,
        all), in one transaction: every row is written or none is (the import uses it).

        Refused whole (``StorageError("too_many_notes")``) when it would take a document past
        :data:`MAX_NOTES_PER_DOCUMENT`; replacing notes already there is not adding.
        """
        for a in annotations:
            validate(a)
            rows.check_annotation(a)
        for b in bookmarks:
            rows.check_bookmark(b)
        docs = sorted({a.doc_id for a in annotations})
        with self._write() as c:
            before = _note_counts(c, docs)
            c.executemany(rows.ANNOTATION_UPSERT, [rows.annotation_params(a) for a in annotations])
            c.executemany(rows.BOOKMARK_UPSERT, [rows.bookmark_params(b) for b in bookmarks])
            after = _note_counts(c, docs)
            if any(n > MAX_NOTES_PER_DOCUMENT and n > before.get(d, 0) for d, n in after.items()):
                raise StorageError("too_many_notes", limit=f"{MAX_NOTES_PER_DOCUMENT:,}")  # rolled back
        for a in annotations:
            self._overlay_ann.pop(a.id, None)
        for b in bookmarks:
            self._overlay_bm.pop(b.id, None)

    def note_count(self, doc_id: str) -> int:
        """How many highlights and notes ``doc_id`` holds (orphans included)."""
        return int(
            self._read("SELECT COUNT(*) FROM annotations WHERE doc_id = ?", (doc_id,), plain=True)[0][0]
        )

    def update(self, ann: Annotation) -> Annotation:
        """Save the user-editable fields (colour, style, note, tags); bumps ``modified``."""
        validate(ann)
        tags = normalise_tags(ann.tags)
        rows.check_annotation(replace(ann, tags=tags))
        with self._write() as c:
            before = c.execute("SELECT modified FROM annotations WHERE id = ?", (ann.id,)).fetchone()
            now = stamp_after(before[0] if before else "")
            cur = c.execute(
                "UPDATE annotations SET color = ?, style = ?, note = ?, tags = ?, modified = ? WHERE id = ?",
                (ann.color, ann.style, ann.note, rows.dump_tags(tags), now, ann.id),
            )
            if cur.rowcount == 0:
                raise StorageError("not_found", id=ann.id)
            r = c.execute("SELECT * FROM annotations WHERE id = ?", (ann.id,)).fetchone()
        self._overlay_ann.pop(ann.id, None)
        return rows.annotation(r)

    def delete(self, ann_id: str) -> Annotation:
        """Delete an annotation; returns it whole, for :meth:`restore` (undo)."""
        with self._write() as c:
            r = c.execute("SELECT * FROM annotations WHERE id = ?", (ann_id,)).fetchone()
            if r is None:
                raise StorageError("not_found", id=ann_id)
            c.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
        return self._overlay_ann.pop(ann_id, None) or rows.annotation(r)

    def restore(self, ann: Annotation) -> None:
        """Put back a deleted annotation exactly as it was (same id, timestamps, everything)."""
        rows.check_annotation(ann)
        with self._write() as c:
            doc_id_for(c, ann.doc_id, "")
            c.execute(rows.ANNOTATION_UPSERT, rows.annotation_params(ann))

    def reattach(self, ann_id: str, doc: Document, start: int, end: int) -> Annotation:
        """Anchor an annotation (typically an orphan) to ``doc.text[start:end]``."""
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"range {start}..{end} is empty or outside the text")
        with self._write() as c:
            r = c.execute("SELECT * FROM annotations WHERE id = ?", (ann_id,)).fetchone()
            if r is None:
                raise StorageError("not_found", id=ann_id)
            old = rows.annotation(r)
            ann = placed_at(old, doc, start, end, modified=stamp_after(old.modified))
            c.execute(rows.ANNOTATION_UPSERT, rows.annotation_params(ann))
        self._overlay_ann.pop(ann_id, None)
        return ann

    def search_notes(self, doc_id: str | None, query: str) -> list[Annotation]:
        """Annotations whose note, quote or tags contain every word of ``query``.

        Case-insensitive, NFKC-normalised (full-width = half-width); ``doc_id`` None = all documents.
        """
        if doc_id is None:
            found = [rows.annotation(r) for r in self._read("SELECT * FROM annotations")]
            found.sort(key=lambda a: (a.doc_id, a.status == ORPHAN, a.start))
        else:
            found = self.annotations(doc_id)
        return [a for a in found if matches(query, a.note, a.exact, " ".join(a.tags))]

    def matching_ids(self, prefix: str, *, bookmarks: bool = False) -> list[str]:
        """Ids of annotations (or bookmarks) that are ``prefix`` or start with it (for typed ids)."""
        table = "bookmarks" if bookmarks else "annotations"
        prefix = prefix.strip().lower()
        if not rows.storable(prefix):  # no id holds such characters (a garbled command line)
            return []
        exact = self._read(f"SELECT id FROM {table} WHERE id = ?", (prefix,))
        if exact:
            return [exact[0][0]]
        rs = self._read(f"SELECT id FROM {table} WHERE substr(id, 1, ?) = ?", (len(prefix), prefix))
        return sorted(r[0] for r in rs)


def _note_counts(c: sqlite3.Connection, docs: list[str]) -> dict[str, int]:
    """Annotations per document of ``docs`` (in the open transaction)."""
    out: dict[str, int] = {}
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT doc_id, COUNT(*) FROM annotations WHERE doc_id IN ({marks}) GROUP BY doc_id"
        out.update((d, n) for d, n in c.execute(sql, part))
    return out


def _raise_unstorable(exc: BaseException, params: tuple[object, ...] = ()) -> None:
    """A value SQLite cannot take (a lone surrogate, a number beyond 64 bits) as a StorageError.

    The methods check what they write first (:func:`rows.check_annotation`); this is the net.
    """
    if isinstance(exc, UnicodeEncodeError):
        raise StorageError("bad_text", field=message("field_text")) from exc
    if isinstance(exc, OverflowError):
        big = [v for v in params if isinstance(v, int) and abs(v) > rows.MAX_POSITION]
        raise StorageError("bad_number", value=big[0] if big else "?") from exc


__all__ = ["DocumentRecord", "NotesStore", "OpenReport", "StorageError"]
